package fake_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

const loadClients = 200

// runClients has n clients each log in, pay, look the payment up three
// ways, cancel part of it and list, all at once. It returns how many
// answers had a 5xx status; spec violations fail the test through the
// checked transport.
func runClients(tb testing.TB, h *harness, n int) (requests, fivexx int64) {
	var req, bad atomic.Int64
	count := func(status int) {
		req.Add(1)
		if status >= 500 {
			bad.Add(1)
		}
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			tok, err := h.client.GetTokenWithResponse(ctx, generated.GetTokenRequest{ImpKey: h.srv.APIKey(), ImpSecret: h.srv.APISecret()})
			if err != nil || tok.JSON200 == nil {
				tb.Errorf("client %d: getToken: %v", i, err)
				return
			}
			count(tok.StatusCode())
			auth := bearer(tok.JSON200.Response.AccessToken)
			order := fmt.Sprintf("load-%d", i)
			p, err := h.srv.SeedPayment(seedCard(order, 1000))
			if err != nil {
				tb.Error(err)
				return
			}
			if r, err := h.client.GetPaymentByImpUidWithResponse(ctx, p.ImpUid, nil, auth); err == nil {
				count(r.StatusCode())
			}
			if r, err := h.client.GetPaymentByMerchantUidAnyStatusWithResponse(ctx, order, nil, auth); err == nil {
				count(r.StatusCode())
			}
			if r, err := h.client.GetPaymentListByImpUidWithResponse(ctx, &generated.GetPaymentListByImpUidParams{ImpUid: &[]string{p.ImpUid}}, auth); err == nil {
				count(r.StatusCode())
			}
			if r, err := h.client.CancelPaymentWithResponse(ctx, generated.CancelPaymentRequest{ImpUid: &p.ImpUid, Amount: ptr(100.0), Checksum: ptr(1000.0)}, auth); err == nil {
				count(r.StatusCode())
				if r.JSON200 == nil || r.JSON200.Code != 0 {
					tb.Errorf("client %d: partial cancel refused: %s", i, r.Body)
				}
			}
			if r, err := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterPaid, &generated.GetPaymentsByStatusParams{Limit: ptr(int32(5))}, auth); err == nil {
				count(r.StatusCode())
			}
		}()
	}
	wg.Wait()
	return req.Load(), bad.Load()
}

func TestLoad200Clients(t *testing.T) {
	h := newHarness(t)
	requests, fivexx := runClients(t, h, loadClients)
	if want := int64(loadClients * 6); requests != want {
		t.Fatalf("%d answers, want %d", requests, want)
	}
	if fivexx != 0 {
		t.Fatalf("%d answers with a 5xx status", fivexx)
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
			r, err := client.GetPaymentByImpUidWithResponse(context.Background(), p.ImpUid, nil, auth)
			if err != nil || r.StatusCode() != 200 {
				b.Errorf("lookup: %v", err)
			}
		}
	})
}
