package fake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

const loadClients = 200

// runClients has n clients each log in, pay, look the payment up three
// ways, cancel part of it and list, all at once. Every step must answer
// HTTP 200 with code 0: a load test that let 404s or 401s through would
// pass with every lookup failing. Spec violations fail the test through
// the checked transport. It returns how many answers came back.
func runClients(tb testing.TB, h *harness, n int) (answers int64) {
	var got atomic.Int64
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			ctx := context.Background()
			tok, err := h.client.GetTokenWithResponse(ctx, generated.GetTokenRequest{ImpKey: h.srv.APIKey(), ImpSecret: h.srv.APISecret()})
			if err != nil || tok.JSON200 == nil || tok.JSON200.Response == nil {
				tb.Errorf("client %d: getToken: %v", i, err)
				return
			}
			got.Add(1)
			auth := bearer(tok.JSON200.Response.AccessToken)
			order := fmt.Sprintf("load-%d", i)
			p, err := h.srv.SeedPayment(seedCard(order, 1000))
			if err != nil {
				tb.Error(err)
				return
			}
			api := h.client.ClientInterface
			for _, step := range []struct {
				name string
				send func() (*http.Response, error)
			}{
				{"getPaymentByImpUid", func() (*http.Response, error) { return api.GetPaymentByImpUID(ctx, p.ImpUID, nil, auth) }},
				{"getPaymentByMerchantUidAnyStatus", func() (*http.Response, error) {
					return api.GetPaymentByMerchantUIDAnyStatus(ctx, order, nil, auth)
				}},
				{"getPaymentListByImpUid", func() (*http.Response, error) {
					return api.GetPaymentListByImpUID(ctx, &generated.GetPaymentListByImpUIDParams{ImpUID: []string{p.ImpUID}}, auth)
				}},
				{"partial cancel", func() (*http.Response, error) {
					return api.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(100.0), Checksum: new(1000.0)}, auth)
				}},
				{"getPaymentsByStatus", func() (*http.Response, error) {
					return api.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterPaid, &generated.GetPaymentsByStatusParams{Limit: new(int32(5))}, auth)
				}},
			} {
				resp, err := step.send()
				if err != nil {
					tb.Errorf("client %d: %s: %v", i, step.name, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if err != nil {
					tb.Errorf("client %d: %s: %v", i, step.name, err)
					continue
				}
				got.Add(1)
				var env struct{ Code int }
				if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &env) != nil || env.Code != 0 {
					tb.Errorf("client %d: %s: want HTTP 200 with code 0, got %d %s", i, step.name, resp.StatusCode, body)
				}
			}
		})
	}
	wg.Wait()
	return got.Load()
}

func TestLoad200Clients(t *testing.T) {
	h := newHarness(t)
	answers := runClients(t, h, loadClients)
	if want := int64(loadClients * 6); answers != want {
		t.Fatalf("%d answers, want %d", answers, want)
	}
	if checked := h.transport.checked.Load(); checked != answers {
		t.Fatalf("%d answers held to the spec, want all %d", checked, answers)
	}
}

// BenchmarkLoad200Clients measures one round of 200 concurrent clients
// (6 API calls each, every answer checked against the spec).
func BenchmarkLoad200Clients(b *testing.B) {
	h := newHarness(b)
	for b.Loop() {
		runClients(b, h, loadClients)
	}
}

// BenchmarkGetPayment measures a single lookup through the whole stack
// (routing, token, validation), without the spec check of the answer.
func BenchmarkGetPayment(b *testing.B) {
	h := newHarness(b)
	auth := h.token()
	p := h.seed(seedCard("bench", 1))
	client, err := generated.NewClientWithResponses(h.srv.URL())
	if err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := client.GetPaymentByImpUIDWithResponse(context.Background(), p.ImpUID, nil, auth)
			if err != nil || r.StatusCode() != 200 {
				b.Errorf("lookup: %v", err)
			}
		}
	})
}
