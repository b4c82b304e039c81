package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestOfflineDemo(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, env(nil)); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{
		"1. Token", "valid for 30m0s",
		"3. Payment", "4. Verify", "paid, 39,000 KRW", "matches the order",
		"by merchant_uid demo-order-0001: the same payment",
		"5. Cancel", "30,000 still refundable", "refused (HTTP 200, code 1",
		"6. Balance", "30,000 KRW left",
		"7. Listing", "page 1: 10, page 2: 10, page 3: 6", "26 paid payments",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// TestLiveDemoIsReadOnly points the live mode at a fake that records every
// request: only getToken may be a POST, and the payment stays as it was.
func TestLiveDemoIsReadOnly(t *testing.T) {
	srv, err := fake.New(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var writes []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.URL.Path != "/users/getToken" {
			mu.Lock()
			writes = append(writes, r.Method+" "+r.URL.Path)
			mu.Unlock()
		}
		srv.Handler().ServeHTTP(w, r)
	}))
	defer ts.Close()
	p, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{MerchantUID: "live-1", Amount: 5000}})
	if err != nil {
		t.Fatal(err)
	}

	for name, impUID := range map[string]string{"given imp_uid": p.ImpUID, "latest paid": ""} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), &out, env(map[string]string{
				"PORTONE_API_KEY": srv.APIKey(), "PORTONE_API_SECRET": srv.APISecret(),
				"PORTONE_IMP_UID": impUID, "PORTONE_BASE_URL": ts.URL,
			}))
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if !strings.Contains(out.String(), "by imp_uid: paid, 5,000 KRW") || !strings.Contains(out.String(), "Nothing was changed") {
				t.Errorf("live report:\n%s", out.String())
			}
			if strings.Contains(out.String(), srv.APISecret()) {
				t.Error("the report prints the API secret")
			}
		})
	}
	if len(writes) > 0 {
		t.Fatalf("the live mode sent state-changing requests: %v", writes)
	}
}

func TestHalfCredentialsRefused(t *testing.T) {
	err := run(context.Background(), &bytes.Buffer{}, env(map[string]string{"PORTONE_API_KEY": "k"}))
	if err == nil || !strings.Contains(err.Error(), "both") {
		t.Fatalf("only a key set: want an error asking for both, got %v", err)
	}
}

func TestWon(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 39000: "39,000", 1234567.5: "1,234,567.5", -4500: "-4,500"} {
		if got := won(in); got != want {
			t.Errorf("won(%v) = %q, want %q", in, got, want)
		}
	}
}
