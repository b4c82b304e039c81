package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// Each failure matches exactly one of the sentinels a caller branches on.
func TestErrorKinds(t *testing.T) {
	sentinels := map[string]error{
		"unknown": wrapper.ErrOutcomeUnknown, "notfound": wrapper.ErrNotFound,
		"refused": wrapper.ErrRefused, "unauthorized": wrapper.ErrUnauthorized,
	}
	cases := []struct {
		name   string
		route  string
		status int
		body   string
		want   string // key of sentinels, "" for none of them
	}{
		{"unknown imp_uid (recording 022)", "GET /payments/{imp_uid}", 404, `{"code":-1,"message":"존재하지 않는 결제정보입니다.","response":null}`, "notfound"},
		{"stale checksum", "POST /payments/cancel", 200, `{"code":1,"message":"checksum 불일치","response":null}`, "refused"},
		{"cancel answered 500", "POST /payments/cancel", 500, `{"code":-1,"message":"oops","response":null}`, "unknown"},
		{"lookup answered 500", "GET /payments/{imp_uid}", 500, `{"code":-1,"message":"oops","response":null}`, ""},
		{"bad request", "POST /payments/cancel", 400, `{"code":-1,"message":"imp_uid 또는 merchant_uid 필요","response":null}`, ""},
		{"401 after renewal", "GET /payments/{imp_uid}", 401, `{"code":-1,"message":"Unauthorized","response":null}`, "unauthorized"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.handle(tc.route, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, tc.status, tc.body) })
			c := f.client(wrapper.Config{Retry: wrapper.RetryPolicy{MaxRetries: -1}})
			var err error
			if strings.HasPrefix(tc.route, "GET") {
				_, err = c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
			} else {
				_, err = c.CancelPayment(context.Background(), generated.CancelPaymentRequest{ImpUID: new("imp_1"), Checksum: new(1000.0)})
			}
			if err == nil {
				t.Fatal("no error")
			}
			for key, s := range sentinels {
				if got := errors.Is(err, s); got != (key == tc.want) {
					t.Errorf("errors.Is(err, %v) = %v; err = %v", s, got, err)
				}
			}
			var apiErr *wrapper.APIError
			if got := errors.As(err, &apiErr); got == (tc.want == "unknown") {
				t.Errorf("errors.As(*APIError) = %v for %v", got, err)
			}
		})
	}
}

// getToken is retried like a read (the server hands back the same token),
// and a token that cannot be had is reported as such: the cancel was not
// sent, so its outcome is known.
func TestTokenFailures(t *testing.T) {
	t.Run("a blip during getToken is retried", func(t *testing.T) {
		f := newFakeAPI(t)
		f.tokenFails.Store(1)
		f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, recorded(t, "011"))
		})
		c := f.client(wrapper.Config{})
		if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
			t.Fatal(err)
		}
		if n := f.tokenCalls.Load(); n != 2 {
			t.Fatalf("getToken sent %d times, want 2 (one 503, one retry)", n)
		}
	})
	t.Run("no token: the cancel is not sent and not outcome-unknown", func(t *testing.T) {
		f := newFakeAPI(t)
		f.tokenFails.Store(1000)
		f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
		c := f.client(wrapper.Config{})
		_, err := c.CancelPayment(context.Background(), generated.CancelPaymentRequest{ImpUID: new("imp_1")})
		if !errors.Is(err, wrapper.ErrNoToken) || errors.Is(err, wrapper.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrNoToken and not ErrOutcomeUnknown", err)
		}
		if n := f.count("POST /payments/cancel"); n != 0 {
			t.Fatalf("cancel sent %d times without a token", n)
		}
	})
}

// A message or body that quotes a credential never reaches err.Error().
func TestEchoedSecretsAreScrubbed(t *testing.T) {
	cases := []struct {
		name string
		body func(token string) string
	}{
		{"message quoting imp_secret", func(string) string {
			return `{"code":-1,"message":"invalid key ` + testSecret + `","response":null}`
		}},
		{"message naming the secret", func(string) string {
			return `{"code":-1,"message":"imp_secret=` + testSecret + ` rejected","response":null}`
		}},
		{"proxy page quoting the bearer header", func(tok string) string {
			return `<html><pre>Authorization: Bearer ` + tok + `</pre></html>`
		}},
		{"message quoting the token alone", func(tok string) string {
			return `{"code":-1,"message":"token ` + tok + ` is odd","response":null}`
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 400, tc.body(f.currentToken()))
			})
			c := f.client(wrapper.Config{})
			_, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
			if err == nil {
				t.Fatal("no error")
			}
			var apiErr *wrapper.APIError
			errors.As(err, &apiErr)
			for _, s := range []string{err.Error(), apiErr.Message, apiErr.Snippet} {
				if strings.Contains(s, testSecret) || strings.Contains(s, f.currentToken()) {
					t.Fatalf("credential in %q", s)
				}
			}
		})
	}
}

// A request that could not get a token is ErrNoToken and nothing else,
// whatever getToken answered: before, a BaseURL with a wrong path (getToken
// answered 404) was also ErrNotFound, which the README's switch tests
// first and reads as "no such payment", and a wrong secret was also
// ErrUnauthorized. A request answered 401 whose token cannot be renewed
// stays ErrUnauthorized. getToken's *APIError is still there for errors.As.
func TestTokenFailureIsOnlyErrNoToken(t *testing.T) {
	srv := startedFake(t)
	sentinels := map[string]error{
		"ErrNoToken": wrapper.ErrNoToken, "ErrNotFound": wrapper.ErrNotFound, "ErrRefused": wrapper.ErrRefused,
		"ErrUnauthorized": wrapper.ErrUnauthorized, "ErrOutcomeUnknown": wrapper.ErrOutcomeUnknown,
	}
	check := func(t *testing.T, err error, want string, status int) {
		t.Helper()
		for name, s := range sentinels {
			if got := errors.Is(err, s); got != (name == want) {
				t.Errorf("errors.Is(err, %s) = %v: %v", name, got, err)
			}
		}
		var apiErr *wrapper.APIError
		if !errors.As(err, &apiErr) || apiErr.Operation != "getToken" || apiErr.HTTPStatus != status {
			t.Errorf("errors.As: %+v, want getToken's HTTP %d: %v", apiErr, status, err)
		}
	}
	lookupWith := func(cfg wrapper.Config) error {
		c, err := wrapper.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetPaymentByImpUID(t.Context(), "imp_1", nil)
		return err
	}
	t.Run("BaseURL with a wrong path", func(t *testing.T) {
		err := lookupWith(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL() + "/v1"})
		check(t, err, "ErrNoToken", http.StatusNotFound)
	})
	t.Run("wrong secret", func(t *testing.T) {
		err := lookupWith(wrapper.Config{APIKey: srv.APIKey(), APISecret: "not-the-secret-0123456789abcdef", BaseURL: srv.URL()})
		check(t, err, "ErrNoToken", http.StatusUnauthorized)
	})
	t.Run("the token is refused and cannot be renewed", func(t *testing.T) {
		f := newFakeAPI(t)
		f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, recorded(t, "011"))
		})
		c := f.client(wrapper.Config{Retry: wrapper.RetryPolicy{MaxRetries: -1}})
		lookup(t, c)
		f.mu.Lock()
		f.revoked = true
		f.mu.Unlock()
		f.tokenFails.Store(1)
		_, err := c.GetPaymentByImpUID(t.Context(), "imp_1", nil)
		check(t, err, "ErrUnauthorized", http.StatusServiceUnavailable)
	})
}
