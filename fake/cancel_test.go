package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// cancel sends a cancel and returns the envelope (HTTP 200 either way).
func (h *harness) cancel(auth generated.RequestEditorFn, req generated.CancelPaymentRequest) *generated.PaymentEnvelope {
	h.t.Helper()
	resp, err := h.client.CancelPaymentWithResponse(context.Background(), req, auth)
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.StatusCode() != http.StatusOK || resp.JSON200 == nil {
		h.t.Fatalf("cancel: want HTTP 200 envelope, got %d %s", resp.StatusCode(), resp.Body)
	}
	return resp.JSON200
}

func TestCancelPartialThenFull(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-c", Amount: 10000}, TaxFree: 1000})

	part := h.cancel(auth, generated.CancelPaymentRequest{
		ImpUID: &p.ImpUID, Amount: new(3000.0), TaxFree: new(500.0), Checksum: new(10000.0), Reason: new("부분 환불"),
	})
	got := part.Response
	if part.Code != 0 || got.Status != generated.PaymentStatusPaid || got.CancelAmount != 3000 || len(got.CancelHistory) != 1 {
		t.Fatalf("partial cancel: %+v", part)
	}
	if c := got.CancelHistory[0]; c.Amount != 3000 || deref(c.Reason) != "부분 환불" || c.CancelledAt != t0.Unix() {
		t.Fatalf("cancel_history entry: %+v", c)
	}

	for _, tc := range []struct {
		name string
		req  generated.CancelPaymentRequest
	}{
		{"stale checksum", generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(1000.0), Checksum: new(10000.0)}},
		{"over the balance", generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(7001.0)}},
		{"tax_free over amount", generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(100.0), TaxFree: new(200.0)}},
		{"tax_free over what is left", generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(1000.0), TaxFree: new(600.0)}},
		{"no id", generated.CancelPaymentRequest{Amount: new(1.0)}},
		{"unknown payment", generated.CancelPaymentRequest{ImpUID: new("imp_nope")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := h.cancel(auth, tc.req)
			if env.Code != 1 || env.Response != nil || deref(env.Message) == "" {
				t.Fatalf("want a refusal (code 1, HTTP 200, response null), got %+v", env)
			}
		})
	}

	bal, err := h.client.BalanceByImpUIDWithResponse(context.Background(), p.ImpUID, auth)
	if err != nil {
		t.Fatal(err)
	}
	b := bal.JSON200.Response
	if b.Amount != 7000 || b.Primary.TaxFree != 500 || b.Primary.Supply+b.Primary.Vat != 6500 || len(b.Histories) != 2 {
		t.Fatalf("balance after a 3000 cancel with 500 tax-free: %+v", b)
	}

	full := h.cancel(auth, generated.CancelPaymentRequest{MerchantUID: new("order-c"), Checksum: new(7000.0)})
	if full.Code != 0 || full.Response.Status != generated.PaymentStatusCancelled || full.Response.CancelAmount != 10000 ||
		len(full.Response.CancelHistory) != 2 || full.Response.CancelHistory[1].Amount != 7000 {
		t.Fatalf("full cancel of the rest by merchant_uid: %+v", full.Response)
	}
	again := h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID})
	if again.Code != 1 {
		t.Fatalf("a second full cancel must be refused, got %+v", again)
	}
}

func TestCancelVirtualAccountNeedsRefundAccount(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	p := h.seed(seedVbank("order-v", 5000, ""))
	notPaid := h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID})
	if notPaid.Code != 1 {
		t.Fatalf("cancelling a vbank awaiting deposit must be refused: %+v", notPaid)
	}
	if _, err := h.srv.Deposit(p.ImpUID); err != nil {
		t.Fatal(err)
	}
	bare := h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID})
	if bare.Code != 1 {
		t.Fatalf("vbank refund without refund account must be refused: %+v", bare)
	}
	ok := h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID,
		RefundHolder: new("홍길동"), RefundBank: new("004"), RefundAccount: new("12345678901234")})
	if ok.Code != 0 || ok.Response.Status != generated.PaymentStatusCancelled {
		t.Fatalf("vbank refund with account: %+v", ok)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
