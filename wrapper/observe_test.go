package wrapper_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The logger hears renewals, retries and unknown outcomes, and never a
// secret or token.
func TestLoggerReportsWithoutSecrets(t *testing.T) {
	f := newFakeAPI(t)
	var logs syncBuffer
	fails := 1
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		if fails > 0 {
			fails--
			writeJSON(w, 503, `{"code":-1,"message":"busy","response":null}`)
			return
		}
		writeJSON(w, 200, recorded(t, "011"))
	})
	f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 502, `{"code":-1,"message":"bad gateway, token `+f.currentToken()+`","response":null}`)
	})
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := f.client(wrapper.Config{Logger: logger})
	ctx := context.Background()
	if _, err := c.GetPaymentByImpUID(ctx, "imp_1", nil); err != nil {
		t.Fatal(err)
	}
	c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: new("imp_1")})

	out := logs.String()
	for _, want := range []string{"access token renewed", "retrying", "operation=getPaymentByImpUid", "outcome unknown", "operation=cancelPayment"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{testSecret, f.currentToken()} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds a credential:\n%s", out)
		}
	}
}

// Every request says who sends it, and a transport can read the
// operation's name from the request's context.
func TestUserAgentAndOperationID(t *testing.T) {
	f := newFakeAPI(t)
	var mu sync.Mutex
	agents := map[string]string{}
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, recorded(t, "011"))
	})
	seen := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		agents[wrapper.OperationID(r.Context())] = r.Header.Get("User-Agent")
		mu.Unlock()
		return http.DefaultTransport.RoundTrip(r)
	})
	c := f.client(wrapper.Config{HTTPClient: &http.Client{Transport: seen}})
	if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"getToken": wrapper.UserAgent, "getPaymentByImpUid": wrapper.UserAgent}
	if len(agents) != len(want) || agents["getToken"] != want["getToken"] || agents["getPaymentByImpUid"] != want["getPaymentByImpUid"] {
		t.Fatalf("operation -> User-Agent %v, want %v", agents, want)
	}
	if !strings.HasPrefix(wrapper.UserAgent, "portone-v1-go/") {
		t.Fatalf("UserAgent %q", wrapper.UserAgent)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Per-call options: a header, another tier, no retries for this call.
func TestCallOptions(t *testing.T) {
	f := newFakeAPI(t)
	var got http.Header
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, 503, `{"code":-1,"message":"busy","response":null}`)
	})
	c := f.client(wrapper.Config{Tier: "T01"})
	ctx := context.Background()
	c.GetPaymentByImpUID(ctx, "imp_1", nil, wrapper.WithHeader("X-Request-Id", "req-7"), wrapper.WithTier("T02"),
		wrapper.WithRetry(wrapper.RetryPolicy{MaxRetries: -1}))
	if got.Get("X-Request-Id") != "req-7" || got.Get("Tier") != "T02" {
		t.Fatalf("headers %v: want X-Request-Id req-7 and Tier T02", got)
	}
	if n := f.count("GET /payments/{imp_uid}"); n != 1 {
		t.Fatalf("sent %d times with retries off for the call, want 1", n)
	}
	// The next call, without options, is back to the Config.
	c.GetPaymentByImpUID(ctx, "imp_1", nil)
	if got.Get("X-Request-Id") != "" || got.Get("Tier") != "T01" {
		t.Fatalf("headers %v leaked from the previous call's options", got)
	}
	if n := f.count("GET /payments/{imp_uid}"); n != 4 {
		t.Fatalf("sent %d times in all, want 4 (1, then 1 + 2 retries)", n)
	}
	// WithHeader cannot replace the credential.
	c.GetPaymentByImpUID(ctx, "imp_1", nil, wrapper.WithHeader("Authorization", "Bearer forged"))
	if got.Get("Authorization") == "Bearer forged" {
		t.Fatal("WithHeader replaced Authorization")
	}
}
