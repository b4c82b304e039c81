package wrapper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/securityprovider"

	"github.com/portone-community/portone-v1-go/generated"
)

// Client calls PortOne's V1 API. It is safe for concurrent use; create one
// per set of credentials and keep it (it holds the access token).
//
// The tasks of a shop's server, and the methods for them:
//
//   - look a payment up: GetPaymentByImpUID, GetPaymentByMerchantUIDAnyStatus
//   - check a payment before shipping: VerifyPayment (CheckPayment for one in hand)
//   - refund all or part of it: Refund (CancelPayment without the settling)
//   - charge a billing key: Again (the key from CustomerSave, Onetime or the
//     payment window); a declined card is a nil error and status "failed"
//   - receive webhooks: HandleWebhook
//   - list payments: GetPaymentsByStatusIter and the other XxxIter methods
//
// Every other operation of the API is a method too, named after its
// operationId (GetPaymentByImpUID sends getPaymentByImpUid); Raw covers
// what they do not.
type Client struct {
	api    *generated.Client // authenticated: bearer token and Tier
	anon   *generated.Client // for operations the spec marks `security: []` (getToken)
	tokens *tokenSource      // nil in static-token mode
	// cfg is the configuration with APISecret and AccessToken blanked: the
	// credentials live only inside closures, which fmt prints as addresses
	// even where it cannot call Format (a Client in an unexported field,
	// a wrong verb).
	cfg Config
	// scrub blanks the secret and tokens out of text that came from the
	// server.
	scrub func(string) string
	log   *slog.Logger
}

// New checks cfg and returns a Client. It does not contact PortOne: the
// first call that needs a token gets one.
func New(cfg Config) (*Client, error) {
	if cfg.AccessToken == "" {
		switch {
		case cfg.APIKey == "" && cfg.APISecret == "":
			return nil, errors.New("portone: Config needs APIKey and APISecret (or AccessToken for static-token mode)")
		case cfg.APIKey == "":
			return nil, errors.New("portone: Config.APIKey is empty")
		case cfg.APISecret == "":
			return nil, errors.New("portone: Config.APISecret is empty")
		}
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("portone: Config.BaseURL %q is not an http(s) URL", cfg.BaseURL)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = DefaultHTTPClient()
	}
	retry := cfg.Retry.resolve()
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	shown := cfg
	if shown.APISecret != "" {
		shown.APISecret = redactedText
	}
	if shown.AccessToken != "" {
		shown.AccessToken = redactedText
	}
	c := &Client{cfg: shown, log: log}
	c.scrub = newScrubber(cfg.APISecret, cfg.AccessToken, func() string {
		if c.tokens == nil {
			return ""
		}
		return c.tokens.current()
	})
	prepare := generated.WithRequestEditorFn(prepareCall(cfg.Tier))
	// getToken is repeatable (the server hands back the same token while
	// it is valid), so its transport retries it like a read.
	anon, err := generated.NewClient(cfg.BaseURL, prepare,
		generated.WithHTTPClient(&transport{next: cfg.HTTPClient, retry: retry, repeatAll: true, log: log}))
	if err != nil {
		return nil, err
	}
	c.anon = anon

	var auth generated.RequestEditorFn
	if cfg.AccessToken != "" {
		bearer, err := securityprovider.NewSecurityProviderBearerToken(cfg.AccessToken)
		if err != nil {
			return nil, err
		}
		auth = bearer.Intercept
	} else {
		creds := generated.GetTokenRequest{ImpKey: cfg.APIKey, ImpSecret: cfg.APISecret}
		c.tokens = newTokenSource(func(ctx context.Context) (*generated.AccessToken, error) {
			tok, err := c.GetToken(ctx, creds)
			// Marked here, before the token source hands the error to
			// every waiting request.
			if ae, ok := errors.AsType[*APIError](err); ok {
				ae.forToken = true
			}
			return tok, err
		})
		c.tokens.log = log
		auth = func(ctx context.Context, req *http.Request) error {
			h, err := c.tokens.header(ctx)
			if err != nil {
				return &noTokenError{cause: err}
			}
			req.Header.Set("Authorization", h)
			return nil
		}
	}
	api, err := generated.NewClient(cfg.BaseURL, prepare,
		generated.WithRequestEditorFn(auth),
		generated.WithHTTPClient(&transport{next: cfg.HTTPClient, tokens: c.tokens, retry: retry, log: log}))
	if err != nil {
		return nil, err
	}
	c.api = api
	return c, nil
}

// Raw returns the generated client, authenticated like c (token, Tier,
// the 401 replay and GET retries), for what the wrapper's methods do not
// cover: other content types, raw bodies, response headers.
func (c *Client) Raw() *generated.ClientWithResponses {
	return &generated.ClientWithResponses{ClientInterface: c.api}
}

func (c Client) String() string {
	mode := "managed token"
	if c.tokens == nil {
		mode = "static token"
	}
	return fmt.Sprintf("wrapper.Client{%s, %s}", mode, c.cfg)
}

// GoString is String: %#v must not print the token or secret either.
func (c Client) GoString() string { return c.String() }

// Format makes every fmt verb use String (value receiver: a copied
// Client must not print its fields raw either).
func (c Client) Format(f fmt.State, verb rune) { formatAs(f, verb, c.String(), c.GoString()) }
