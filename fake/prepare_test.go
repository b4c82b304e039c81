package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

func TestPrepare(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()

	reg, err := h.client.PreparePaymentWithResponse(ctx, generated.PreparePaymentRequest{MerchantUID: "order-p", Amount: 39000}, auth)
	if err != nil {
		t.Fatal(err)
	}
	if reg.JSON200 == nil || reg.JSON200.Code != 0 || reg.JSON200.Response.Amount != 39000 {
		t.Fatalf("prepare: %d %s", reg.StatusCode(), reg.Body)
	}
	dup, _ := h.client.PreparePaymentWithResponse(ctx, generated.PreparePaymentRequest{MerchantUID: "order-p", Amount: 1}, auth)
	if dup.StatusCode() != http.StatusOK || dup.JSON200 == nil || dup.JSON200.Code != 1 {
		t.Fatalf("second prepare of one order: want HTTP 200 code 1, got %d %s", dup.StatusCode(), dup.Body)
	}
	edit, _ := h.client.EditPreparePaymentWithResponse(ctx, generated.PreparePaymentRequest{MerchantUID: "order-p", Amount: 42000}, auth)
	if edit.JSON200 == nil || edit.JSON200.Response.Amount != 42000 {
		t.Fatalf("edit: %s", edit.Body)
	}
	got, _ := h.client.GetPaymentPrepareByMerchantUIDWithResponse(ctx, "order-p", auth)
	if got.JSON200 == nil || got.JSON200.Response.Amount != 42000 {
		t.Fatalf("get after edit: %s", got.Body)
	}
	for name, status := range map[string]int{
		"get": func() int {
			r, _ := h.client.GetPaymentPrepareByMerchantUIDWithResponse(ctx, "order-unknown", auth)
			return r.StatusCode()
		}(),
		"edit": func() int {
			r, _ := h.client.EditPreparePaymentWithResponse(ctx, generated.PreparePaymentRequest{MerchantUID: "order-unknown", Amount: 1}, auth)
			return r.StatusCode()
		}(),
	} {
		if status != http.StatusNotFound {
			t.Errorf("%s of an unregistered order: want 404, got %d", name, status)
		}
	}

	// The payment window refuses an amount that differs from the registered one.
	tampered := h.seed(seedCard("order-p", 100))
	if tampered.Status != generated.PaymentStatusFailed || tampered.FailReason == nil {
		t.Fatalf("payment with a tampered amount: want failed, got %s", tampered.Status)
	}
	honest := h.seed(seedCard("order-p", 42000))
	if honest.Status != generated.PaymentStatusPaid {
		t.Fatalf("payment with the registered amount: want paid, got %s", honest.Status)
	}
}
