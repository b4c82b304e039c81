package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func TestCashReceipts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	trans := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "rc-1", Amount: 11000, PayMethod: "trans"}})
	card := h.seed(seedCard("rc-2", 11000))

	if none, _ := h.client.GetReceiptWithResponse(ctx, trans.ImpUID, auth); none.StatusCode() != http.StatusNotFound {
		t.Fatalf("receipt before issue: want 404, got %d", none.StatusCode())
	}
	issued, err := h.client.IssueReceiptWithResponse(ctx, trans.ImpUID, generated.IssueReceiptRequest{Identifier: new("01000000000")}, auth)
	if err != nil || issued.JSON200 == nil {
		t.Fatalf("issue: %v %s", err, issued.Body)
	}
	if rc := issued.JSON200.Response; rc.Amount != 11000 || rc.Vat != 1000 || rc.Type != generated.ReceiptTypePerson {
		t.Fatalf("receipt: %+v", rc)
	}
	p, _ := h.client.GetPaymentByImpUIDWithResponse(ctx, trans.ImpUID, nil, auth)
	if !p.JSON200.Response.CashReceiptIssued {
		t.Fatal("cash_receipt_issued should be true after the issue")
	}
	for name, id := range map[string]string{"twice": trans.ImpUID, "card payment": card.ImpUID, "unknown payment": "imp_nope"} {
		r, _ := h.client.IssueReceiptWithResponse(ctx, id, generated.IssueReceiptRequest{Identifier: new("01000000000")}, auth)
		if r.StatusCode() != http.StatusBadRequest {
			t.Errorf("issue, %s: want 400, got %d %s", name, r.StatusCode(), r.Body)
		}
	}

	revoked, _ := h.client.RevokeReceiptWithResponse(ctx, trans.ImpUID, auth)
	if revoked.JSON200 == nil || revoked.JSON200.Response.CancelledAt == nil {
		t.Fatalf("revoke: %s", revoked.Body)
	}
	if again, _ := h.client.RevokeReceiptWithResponse(ctx, trans.ImpUID, auth); again.StatusCode() != http.StatusBadRequest {
		t.Fatalf("second revoke: want 400, got %d", again.StatusCode())
	}
	if reissued, _ := h.client.IssueReceiptWithResponse(ctx, trans.ImpUID, generated.IssueReceiptRequest{Identifier: new("01000000000")}, auth); reissued.JSON200 == nil {
		t.Fatalf("issue after a revoke: %s", reissued.Body)
	}
}

func TestExternalReceipts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	req := generated.IssueExternalReceiptRequest{Amount: 22000, ChannelKey: "channel-key-test", Name: "현장 결제", Identifier: new("01000000000")}

	if none, _ := h.client.GetExternalReceiptWithResponse(ctx, "ext-1", auth); none.StatusCode() != http.StatusNotFound {
		t.Fatalf("before issue: want 404, got %d", none.StatusCode())
	}
	issued, _ := h.client.IssueExternalReceiptWithResponse(ctx, "ext-1", req, auth)
	if issued.JSON200 == nil || issued.JSON200.Response.Vat != 2000 || issued.JSON200.Response.MerchantUID != "ext-1" {
		t.Fatalf("issue: %s", issued.Body)
	}
	if twice, _ := h.client.IssueExternalReceiptWithResponse(ctx, "ext-1", req, auth); twice.StatusCode() != http.StatusBadRequest {
		t.Fatalf("second issue: want 400, got %d", twice.StatusCode())
	}
	got, _ := h.client.GetExternalReceiptWithResponse(ctx, "ext-1", auth)
	if got.JSON200 == nil || got.JSON200.Response.ApplyNum != issued.JSON200.Response.ApplyNum {
		t.Fatalf("get: %s", got.Body)
	}
	revoked, _ := h.client.RevokeExternalReceiptWithResponse(ctx, "ext-1", auth)
	if revoked.JSON200 == nil || revoked.JSON200.Response.CancelledAt == nil {
		t.Fatalf("revoke: %s", revoked.Body)
	}
	if again, _ := h.client.RevokeExternalReceiptWithResponse(ctx, "ext-1", auth); again.StatusCode() != http.StatusBadRequest {
		t.Fatalf("second revoke: want 400, got %d", again.StatusCode())
	}
	if unknown, _ := h.client.RevokeExternalReceiptWithResponse(ctx, "ext-none", auth); unknown.StatusCode() != http.StatusNotFound {
		t.Fatalf("revoke of nothing: want 404, got %d", unknown.StatusCode())
	}
}
