package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func TestEscrowDelivery(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	escrow := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "es-1", Amount: 50000, PayMethod: "trans", Escrow: true}})
	plain := h.seed(seedCard("es-2", 1000))
	logis := func(invoice string) generated.EscrowLogisInfo {
		return generated.EscrowLogisInfo{Company: "CJGLS", Invoice: invoice, SentAt: t0.Unix()}
	}
	sender, receiver := generated.EscrowLogisSender{Name: new("포트원상점")}, generated.EscrowLogisReceiver{Name: new("홍길동")}

	if none, _ := h.client.EscrowLogisGetWithResponse(ctx, escrow.ImpUID, auth); none.StatusCode() != http.StatusConflict {
		t.Fatalf("get before save: want 409, got %d", none.StatusCode())
	}
	saved, _ := h.client.EscrowLogisSaveWithResponse(ctx, escrow.ImpUID, generated.EscrowLogisSaveRequest{Logis: logis("111"), Sender: sender, Receiver: receiver}, auth)
	if saved.JSON200 == nil || saved.JSON200.Response.Invoice != "111" {
		t.Fatalf("save: %d %s", saved.StatusCode(), saved.Body)
	}
	if dup, _ := h.client.EscrowLogisSaveWithResponse(ctx, escrow.ImpUID, generated.EscrowLogisSaveRequest{Logis: logis("222"), Sender: sender, Receiver: receiver}, auth); dup.StatusCode() != http.StatusConflict {
		t.Fatalf("second save: want 409, got %d", dup.StatusCode())
	}
	edited, _ := h.client.EscrowLogisEditWithResponse(ctx, escrow.ImpUID, generated.EscrowLogisEditRequest{Logis: logis("333"), Sender: sender, Receiver: receiver}, auth)
	if edited.JSON200 == nil || edited.JSON200.Response.Invoice != "333" {
		t.Fatalf("edit: %s", edited.Body)
	}
	got, _ := h.client.EscrowLogisGetWithResponse(ctx, escrow.ImpUID, auth)
	if got.JSON200 == nil || got.JSON200.Response.Invoice != "333" {
		t.Fatalf("get: %s", got.Body)
	}
	for name, tc := range map[string]struct {
		id     string
		status int
	}{"not escrow": {plain.ImpUID, http.StatusBadRequest}, "unknown payment": {"imp_nope", http.StatusNotFound}} {
		r, _ := h.client.EscrowLogisSaveWithResponse(ctx, tc.id, generated.EscrowLogisSaveRequest{Logis: logis("1"), Sender: sender, Receiver: receiver}, auth)
		if r.StatusCode() != tc.status {
			t.Errorf("save, %s: want %d, got %d", name, tc.status, r.StatusCode())
		}
	}
}
