package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func TestCertificationBySMS(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()

	req, err := h.client.RequestOTPWithResponse(ctx, generated.RequestOtpRequest{
		Name: "홍길동", Phone: "01000000000", Birth: "900101", GenderDigit: "1",
		Carrier: generated.RequestOtpRequestCarrierSKT, IsMvno: new(true), ChannelKey: "channel-key-test",
	}, auth)
	if err != nil || req.JSON200 == nil {
		t.Fatalf("requestOTP: %v %s", err, req.Body)
	}
	id := req.JSON200.Response.ImpUID

	pending, _ := h.client.GetCertificationWithResponse(ctx, id, auth)
	if pending.JSON200 == nil || pending.JSON200.Response.Certified {
		t.Fatalf("before confirmOTP: %s", pending.Body)
	}
	if wrong, _ := h.client.ConfirmOTPWithResponse(ctx, id, generated.ConfirmOtpRequest{Otp: new("000000")}, auth); wrong.StatusCode() != http.StatusBadRequest {
		t.Fatalf("wrong code: want 400, got %d", wrong.StatusCode())
	}
	ok, _ := h.client.ConfirmOTPWithResponse(ctx, id, generated.ConfirmOtpRequest{Otp: new(fake.FakeOTP)}, auth)
	if ok.JSON200 == nil {
		t.Fatalf("confirmOTP: %d %s", ok.StatusCode(), ok.Body)
	}
	c := ok.JSON200.Response
	if !c.Certified || deref(c.Birthday) != "1990-01-01" || deref(c.Birth) != 631119600 ||
		deref(c.Gender) != generated.GenderMale || deref(c.Carrier) != generated.CarrierSKTMVNO || c.Foreigner {
		t.Fatalf("verified person: %s", ok.Body)
	}
	if twice, _ := h.client.ConfirmOTPWithResponse(ctx, id, generated.ConfirmOtpRequest{Otp: new(fake.FakeOTP)}, auth); twice.StatusCode() != http.StatusBadRequest {
		t.Fatalf("second confirm: want 400, got %d", twice.StatusCode())
	}
	if del, _ := h.client.DeleteCertificationWithResponse(ctx, id, auth); del.JSON200 == nil {
		t.Fatalf("delete: %d", del.StatusCode())
	}
	if gone, _ := h.client.GetCertificationWithResponse(ctx, id, auth); gone.StatusCode() != http.StatusNotFound {
		t.Fatalf("after delete: want 404, got %d", gone.StatusCode())
	}
}
