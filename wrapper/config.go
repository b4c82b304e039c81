package wrapper

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// DefaultBaseURL is PortOne's V1 API host (the only one: test payments go
// through test channels, not another host).
const DefaultBaseURL = "https://api.iamport.kr"

// Config says how a Client reaches PortOne. It prints with APISecret and
// AccessToken redacted.
type Config struct {
	// APIKey and APISecret are the REST API key and secret (PortOne console:
	// 결제 연동 > 식별코드・API Keys > V1 API). Both are required unless
	// AccessToken is set.
	APIKey, APISecret string

	// BaseURL defaults to DefaultBaseURL. Tests set it to a fake.Server's
	// URL() (with its APIKey() and APISecret()) to run offline.
	BaseURL string

	// HTTPClient defaults to a client with connection, TLS, header and
	// overall timeouts (see DefaultHTTPClient).
	HTTPClient *http.Client

	// Tier is the sub-merchant tier code (하위 상점 티어 코드). When set,
	// every request carries it in the Tier header.
	Tier string

	// AccessToken switches to static-token mode, for services that get
	// tokens elsewhere: the client sends this token and never asks for
	// another (a 401 is returned as an *APIError). APIKey and APISecret are
	// then ignored.
	AccessToken string

	// Retry bounds the retries of reads (GET, and getToken); the zero value
	// is the default policy. Requests that can change state are never
	// retried whatever it says.
	Retry RetryPolicy

	// Logger receives token renewals, retries, give-ups and outcome-unknown
	// failures (never a secret, token or request body). nil logs nothing.
	Logger *slog.Logger
}

// RetryPolicy says how reads are retried after a connection error, 429,
// 502, 503 or 504. Zero fields take the defaults.
type RetryPolicy struct {
	// MaxRetries is how many times a read is sent again: 0 means 2,
	// negative means never.
	MaxRetries int
	// BaseDelay is the first backoff (default 200 ms), doubled per retry up
	// to MaxDelay (default 2 s), half of it random.
	BaseDelay, MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for
	// (default 10 s); an answer asking for longer is returned as it is.
	MaxRetryAfter time.Duration
}

func (p RetryPolicy) resolve() retryPolicy {
	r := defaultRetry
	switch {
	case p.MaxRetries < 0:
		r.max = 0
	case p.MaxRetries > 0:
		r.max = p.MaxRetries
	}
	if p.BaseDelay > 0 {
		r.base = p.BaseDelay
	}
	if p.MaxDelay > 0 {
		r.cap = p.MaxDelay
	}
	if p.MaxRetryAfter > 0 {
		r.maxAfter = p.MaxRetryAfter
	}
	return r
}

// DefaultHTTPClient returns the HTTP client used when Config.HTTPClient is
// nil: a 30 s limit per request, and shorter limits on connecting, the TLS
// handshake and waiting for response headers.
func DefaultHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   16,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: 20 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
	}
}

func (c Config) String() string {
	hc := "nil"
	if c.HTTPClient != nil {
		hc = "set"
	}
	return fmt.Sprintf("wrapper.Config{APIKey:%q, APISecret:%q, BaseURL:%q, HTTPClient:%s, Tier:%q, AccessToken:%q, Retry:%+v, Logger:%t}",
		c.APIKey, redacted(c.APISecret).String(), c.BaseURL, hc, c.Tier, redacted(c.AccessToken).String(), c.Retry, c.Logger != nil)
}

// GoString is String: %#v must not print the secret either.
func (c Config) GoString() string { return c.String() }

// Format makes every fmt verb use String.
func (c Config) Format(f fmt.State, verb rune) { formatAs(f, verb, c.String(), c.GoString()) }
