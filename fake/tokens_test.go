package fake_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

func TestTokenLifecycle(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()

	first := h.getToken()
	if got := first.ExpiredAt - first.Now; got != 30*60 {
		t.Fatalf("a new token lives %d s, want 1800", got)
	}

	h.srv.Advance(10 * time.Minute)
	again := h.getToken()
	if again.AccessToken != first.AccessToken || again.ExpiredAt != first.ExpiredAt {
		t.Fatalf("before expiry getToken must return the same token and expiry: %+v then %+v", first, again)
	}

	// 30 s left: the same token comes back, 5 minutes longer.
	h.srv.Advance(19*time.Minute + 30*time.Second)
	extended := h.getToken()
	if extended.AccessToken != first.AccessToken || extended.ExpiredAt != first.ExpiredAt+5*60 {
		t.Fatalf("with under a minute left, want same token and expiry+300: %+v then %+v", first, extended)
	}

	seeded := h.seed(seedCard("order-token", 1000))
	get := func(tok string) int {
		resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, seeded.ImpUID, nil, bearer(tok))
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode()
	}
	if got := get(first.AccessToken); got != http.StatusOK {
		t.Fatalf("live token: status %d", got)
	}

	h.srv.Advance(5*time.Minute + 30*time.Second) // past the extended expiry
	resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, seeded.ImpUID, nil, bearer(first.AccessToken))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != http.StatusUnauthorized || resp.JSON401 == nil || resp.JSON401.Code != -1 {
		t.Fatalf("expired token: want 401 envelope code -1, got %d %s", resp.StatusCode(), resp.Body)
	}
	renewed := h.getToken()
	if renewed.AccessToken == first.AccessToken {
		t.Fatal("after expiry getToken must issue a new token")
	}
	if got := get(renewed.AccessToken); got != http.StatusOK {
		t.Fatalf("renewed token: status %d", got)
	}
	if got := get(first.AccessToken); got != http.StatusUnauthorized {
		t.Fatalf("replaced token must stay invalid, got %d", got)
	}
}

func TestTokenRefusals(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name        string
		key, secret string
	}{
		{"wrong secret", h.srv.APIKey(), "nope"},
		{"wrong key", "nope", h.srv.APISecret()},
		{"both wrong", "a", "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := h.client.GetTokenWithResponse(ctx, generated.GetTokenRequest{ImpKey: tc.key, ImpSecret: tc.secret})
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode() != http.StatusUnauthorized || resp.JSON401 == nil || resp.JSON401.Code != -1 {
				t.Fatalf("want 401 envelope, got %d %s", resp.StatusCode(), resp.Body)
			}
		})
	}
	for _, tc := range []struct {
		name   string
		editor generated.RequestEditorFn
	}{
		{"no token", func(context.Context, *http.Request) error { return nil }},
		{"unknown token", bearer("0123456789abcdef0123456789abcdef01234567")},
		{"not bearer", func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Basic Zm9vOmJhcg==")
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, "imp_1", nil, tc.editor)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode() != http.StatusUnauthorized || resp.JSON401 == nil {
				t.Fatalf("want 401 envelope, got %d %s", resp.StatusCode(), resp.Body)
			}
		})
	}
}
