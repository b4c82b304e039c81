package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// serve runs the command's server on a free port until the returned stop
// is called; stop waits for run to return (and save).
func serve(t *testing.T, state string) (url string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, options{addr: "127.0.0.1:0", key: fake.DefaultAPIKey, secret: fake.DefaultAPISecret,
			state: state, saveEvery: time.Hour}, func(u string) { ready <- u })
	}()
	select {
	case url = <-ready:
	case err := <-errc:
		t.Fatal(err)
	}
	return url, func() {
		cancel()
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
}

// -state: a payment made and a token issued before a restart are there
// after it; without -state a restart forgets them.
func TestStateSurvivesRestart(t *testing.T) {
	for _, keep := range []bool{true, false} {
		state := ""
		if keep {
			state = filepath.Join(t.TempDir(), "fake-state.json")
		}
		url, stop := serve(t, state)
		c, err := generated.NewClientWithResponses(url)
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		tok, err := c.GetTokenWithResponse(ctx, generated.GetTokenRequest{ImpKey: fake.DefaultAPIKey, ImpSecret: fake.DefaultAPISecret})
		if err != nil || tok.JSON200 == nil || tok.JSON200.Response == nil {
			t.Fatalf("getToken: %v", err)
		}
		auth := func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+tok.JSON200.Response.AccessToken)
			return nil
		}
		resp, err := http.Post(url+"/__fake/payments", "application/json", strings.NewReader(`{"merchant_uid":"restart-1","amount":1234.5}`))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("seed: %v %v", err, resp)
		}
		_ = resp.Body.Close()
		for path, body := range map[string]string{
			"/__fake/tiers":            `{"tier_code":"AB1","tier_name":"강남점"}`,
			"/__fake/kcpquick/members": `{"member_id":"m-1","site_code":"IX0XX","partner_type":"IX99","partner_subtype":"99IX","money":500}`,
		} {
			resp, err := http.Post(url+path, "application/json", strings.NewReader(body))
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %v %v", path, err, resp)
			}
			_ = resp.Body.Close()
		}
		stop()

		url, stop = serve(t, state)
		c, _ = generated.NewClientWithResponses(url)
		got, err := c.GetPaymentByMerchantUIDAnyStatusWithResponse(ctx, "restart-1", nil, auth)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case keep && (got.JSON200 == nil || got.JSON200.Response == nil || got.JSON200.Response.Amount != 1234.5):
			t.Errorf("with -state, after a restart: %d %s", got.StatusCode(), got.Body)
		case !keep && got.StatusCode() != http.StatusUnauthorized:
			t.Errorf("without -state, after a restart the old token answered %d, want 401", got.StatusCode())
		}
		if keep {
			tier, err := c.GetTierWithResponse(ctx, "AB1", auth)
			if err != nil || tier.JSON200 == nil || tier.JSON200.Response == nil || tier.JSON200.Response.TierName != "강남점" {
				t.Errorf("with -state, the tier a control added is gone after a restart: %v", err)
			}
			resp, err := http.Get(url + "/__fake/kcpquick/members/m-1")
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("with -state, the KCP Quick Pay member is gone after a restart: %v %v", err, resp)
			} else {
				_ = resp.Body.Close()
			}
		}
		stop()
	}
}
