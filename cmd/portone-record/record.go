package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// config is what one recording run needs.
type config struct {
	baseURL     string // https://api.iamport.kr, or a test server
	key, secret string
	ids         []string // imp_uid or merchant_uid values
	outDir      string
	withToken   bool // also write the getToken exchange (token redacted)
	now         func() time.Time
	transport   http.RoundTripper // nil means http.DefaultTransport
}

// record performs the read-only calls through the wrapper and writes one
// corpus file per exchange. A lookup the API answers with a failure (an
// unknown imp_uid, 404) is recorded too: it is a real answer. It returns
// the files written.
func record(ctx context.Context, cfg config) ([]string, error) {
	next := cfg.transport
	if next == nil {
		next = http.DefaultTransport
	}
	capture := &captureTransport{next: next}
	client, err := wrapper.New(wrapper.Config{
		APIKey: cfg.key, APISecret: cfg.secret, BaseURL: cfg.baseURL,
		HTTPClient: &http.Client{Transport: capture, Timeout: 30 * time.Second},
	})
	if err != nil {
		return nil, err
	}
	for _, id := range cfg.ids {
		var err error
		if strings.HasPrefix(id, "imp_") || strings.HasPrefix(id, "imps_") {
			_, err = client.GetPaymentByImpUID(ctx, id, nil)
		} else {
			_, err = client.GetPaymentByMerchantUIDAnyStatus(ctx, id, nil)
		}
		var apiErr *wrapper.APIError
		if err != nil && !(errors.As(err, &apiErr) && apiErr.Operation != "getToken") {
			// The wrapper's errors never carry the secret or the token.
			return nil, fmt.Errorf("look up %s: %w", id, err)
		}
	}
	exchanges := capture.taken()
	return write(cfg, exchanges, append([]string{cfg.key, cfg.secret}, tokensIn(exchanges)...))
}

// tokensIn returns the access tokens the token exchanges handed out, so
// that they are scrubbed wherever they appear.
func tokensIn(exchanges []exchange) []string {
	var out []string
	for _, ex := range exchanges {
		if ex.path != "/users/getToken" {
			continue
		}
		var env struct {
			Response *struct {
				AccessToken string `json:"access_token"`
			} `json:"response"`
		}
		if json.Unmarshal(ex.body, &env) == nil && env.Response != nil && env.Response.AccessToken != "" {
			out = append(out, env.Response.AccessToken)
		}
	}
	return out
}

var numbered = regexp.MustCompile(`^(\d{3})-`)

// write turns exchanges into corpus files named NNN-<endpoint>-recorded.json
// after the highest number already in outDir, and appends them to
// INDEX.tsv when the directory has one.
// secrets are scrubbed wherever they appear.
func write(cfg config, exchanges []exchange, secrets []string) ([]string, error) {
	if err := os.MkdirAll(cfg.outDir, 0o755); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(cfg.outDir)
	if err != nil {
		return nil, err
	}
	next := 1
	for _, e := range entries {
		if m := numbered.FindStringSubmatch(e.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= next {
				next = n + 1
			}
		}
	}
	date := cfg.now().UTC().Format("2006-01-02")
	host := cfg.baseURL
	if u, err := url.Parse(cfg.baseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	var written, index []string
	for _, ex := range exchanges {
		endpoint, slug := describe(ex)
		if slug == "users-getToken" && !cfg.withToken {
			continue
		}
		red := newRedactor(secrets...)
		body, err := red.body(ex.body)
		if err != nil {
			return written, fmt.Errorf("%s %s: response is not JSON, not recorded: %w", ex.method, ex.path, err)
		}
		in := contracttests.Interaction{
			Source: contracttests.Source{
				Kind:         "captured",
				RepoOrURL:    "portone-record against " + host,
				Path:         endpoint,
				CommitOrDate: date,
				Notes:        notes(red.keys()),
			},
		}
		in.Request.Method, in.Request.Path, in.Request.Query = ex.method, ex.path, ex.query
		in.Response.Status, in.Response.Body = ex.status, body
		raw, err := json.MarshalIndent(in, "", "  ")
		if err != nil {
			return written, err
		}
		name := fmt.Sprintf("%03d-%s-recorded-%s.json", next, slug, date)
		next++
		if err := os.WriteFile(filepath.Join(cfg.outDir, name), append(raw, '\n'), 0o644); err != nil {
			return written, err
		}
		written = append(written, name)
		index = append(index, strings.Join([]string{name, endpoint, "captured", "portone-record against " + host, "Recorded " + date}, "\t"))
	}
	if idx := filepath.Join(cfg.outDir, "INDEX.tsv"); len(index) > 0 {
		if _, err := os.Stat(idx); err == nil {
			f, err := os.OpenFile(idx, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return written, err
			}
			_, err = f.WriteString(strings.Join(index, "\n") + "\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// describe names an exchange by its route, never by the ids in its path.
func describe(ex exchange) (endpoint, slug string) {
	switch {
	case ex.path == "/users/getToken":
		return "POST /users/getToken", "users-getToken"
	case strings.HasPrefix(ex.path, "/payments/find/"):
		return "GET /payments/find/{merchant_uid}", "payments-find"
	default:
		return "GET /payments/{imp_uid}", "payments-get"
	}
}

func notes(keys []string) string {
	redacted := "nothing"
	if len(keys) > 0 {
		redacted = strings.Join(keys, ", ")
	}
	return "Recorded by cmd/portone-record (read-only calls). Redacted by the recorder: " + redacted +
		" (tokens, API key and secret, buyer/customer fields, card numbers past the BIN, phone numbers and e-mail addresses in strings -> placeholders of the same JSON type). HTTP status: from log."
}
