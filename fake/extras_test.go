package fake_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// wantRefused expects an *APIError with the V1 refusal shape (HTTP 200,
// code 1) or, with status set, that status and code -1.
func wantRefused(t *testing.T, what string, err error, status int) {
	t.Helper()
	var apiErr *wrapper.APIError
	wantCode := 1
	if status != http.StatusOK {
		wantCode = -1
	}
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != status || apiErr.Code != wantCode {
		t.Errorf("%s: want HTTP %d code %d, got %v", what, status, wantCode, err)
	}
}

func TestScenarioBenepia(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	h.srv.AddBenepiaAccount("welfare-1", "pw", 30000)
	if st := h.control("POST", "/__fake/benepia", `{"benepia_user":"welfare-2","benepia_password":"pw2","point":500}`, nil); st != http.StatusOK {
		t.Fatalf("benepia control: %d", st)
	}

	pt, err := c.QueryBenepiaPoint(ctx, generated.BenepiaPointRequest{BenepiaUser: "welfare-1", BenepiaPassword: new("pw"), ChannelKey: "ch"})
	if err != nil || pt.Point != 30000 {
		t.Fatalf("point: %+v %v", pt, err)
	}
	_, err = c.QueryBenepiaPoint(ctx, generated.BenepiaPointRequest{BenepiaUser: "welfare-1", BenepiaPassword: new("wrong"), ChannelKey: "ch"})
	wantRefused(t, "wrong password", err, http.StatusOK)

	pay := generated.BenepiaPaymentRequest{BenepiaUser: "welfare-1", BenepiaPassword: new("pw"), MerchantUID: "bn-1", Amount: 12000, Name: "복지몰 주문", ChannelKey: "ch"}
	p, err := c.PayBenepiaPoint(ctx, pay)
	if err != nil || p.Status != generated.PaymentStatusPaid || p.Amount != 12000 || p.PayMethod != "point" {
		t.Fatalf("pay: %+v %v", p, err)
	}
	_, err = c.PayBenepiaPoint(ctx, pay)
	wantRefused(t, "the same order again", err, http.StatusOK)
	if pt, _ := c.QueryBenepiaPoint(ctx, generated.BenepiaPointRequest{BenepiaUser: "welfare-1", BenepiaPassword: new("pw"), ChannelKey: "ch"}); pt == nil || pt.Point != 18000 {
		t.Fatalf("balance after one payment (the refused repeat must not deduct): %+v", pt)
	}
	pay.MerchantUID, pay.Amount = "bn-2", 18001
	_, err = c.PayBenepiaPoint(ctx, pay)
	wantRefused(t, "over the balance", err, http.StatusOK)
	if got, err := c.GetPaymentByImpUID(ctx, p.ImpUID, &generated.GetPaymentByImpUIDParams{IncludeSandbox: new(true)}); err != nil || got.MerchantUID != "bn-1" || got.Sandbox == nil || !*got.Sandbox {
		t.Fatalf("the Benepia payment without a member code is a sandbox payment: %+v %v", got, err)
	}
}

func TestScenarioCvs(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p, err := c.IssueCvsPayment(ctx, generated.IssueCvsPaymentRequest{ChannelKey: "ch", MerchantUID: "cvs-1", Amount: 5000,
		ExpiredAt: new(t0.Add(24 * time.Hour).Unix())})
	if err != nil || p.Status != generated.PaymentStatusReady || p.PayMethod != "cvs" {
		t.Fatalf("issue: %+v %v", p, err)
	}
	_, err = c.IssueCvsPayment(ctx, generated.IssueCvsPaymentRequest{ChannelKey: "ch", MerchantUID: "cvs-2", Amount: 5000, ExpiredAt: new(t0.Unix() - 1)})
	wantRefused(t, "expired barcode", err, http.StatusOK)
	r, err := c.RevokeCvsPayment(ctx, p.ImpUID)
	if err != nil || r.Status != generated.PaymentStatusCancelled {
		t.Fatalf("revoke: %+v %v", r, err)
	}
	_, err = c.RevokeCvsPayment(ctx, p.ImpUID)
	wantRefused(t, "revoke twice", err, http.StatusOK)
	card := h.seed(seedCard("cvs-card", 1000))
	_, err = c.RevokeCvsPayment(ctx, card.ImpUID)
	wantRefused(t, "revoke a card payment", err, http.StatusOK)
}

func TestScenarioPaycoStatus(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "pc-1", Amount: 3000, PayMethod: "payco", PgProvider: "payco"}})
	card := h.seed(seedCard("pc-card", 1000))
	to := func(id string, s generated.PaycoOrderStatus) (*generated.PaycoStatus, error) {
		return c.ChangeOrderStatus(ctx, id, generated.PaycoStatusRequest{Status: s})
	}
	if got, err := to(p.ImpUID, generated.PaycoOrderStatusDELIVERYSTART); err != nil || got.Status != generated.PaycoOrderStatusDELIVERYSTART {
		t.Fatalf("shipping: %+v %v", got, err)
	}
	_, err := to(p.ImpUID, generated.PaycoOrderStatusDELIVERYSTART)
	wantRefused(t, "shipping twice", err, http.StatusOK)
	if got, err := to(p.ImpUID, generated.PaycoOrderStatusPURCHASEDECISION); err != nil || got.Status != generated.PaycoOrderStatusPURCHASEDECISION {
		t.Fatalf("purchase decision: %+v %v", got, err)
	}
	_, err = to(p.ImpUID, generated.PaycoOrderStatusCANCELED)
	wantRefused(t, "cancel after the purchase decision", err, http.StatusOK)
	_, err = to(card.ImpUID, generated.PaycoOrderStatusDELIVERYSTART)
	wantRefused(t, "not a PAYCO payment", err, http.StatusOK)
}

func TestScenarioPartnerAndPaymentwall(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	ini := h.seed(seedCard("pt-1", 10000))
	kcp := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "pt-2", Amount: 10000, PgProvider: "kcp"}})
	line := func(amount float64) generated.PartnerReceiptRequest {
		return generated.PartnerReceiptRequest{Data: []generated.PartnerReceiptItem{
			{BusinessRegistrationNumber: "123-45-67890", CompanyName: "입점사", Amount: amount}}}
	}
	if got, err := c.Partner(ctx, ini.ImpUID, line(10000)); err != nil || got.ReceiptURL == nil {
		t.Fatalf("partner: %+v %v", got, err)
	}
	_, err := c.Partner(ctx, ini.ImpUID, line(10001))
	wantRefused(t, "lines over the amount", err, http.StatusBadRequest)
	_, err = c.Partner(ctx, kcp.ImpUID, line(100))
	wantRefused(t, "not KG Inicis", err, http.StatusNotImplemented)
	_, err = c.Partner(ctx, "imp_nope", line(100))
	wantRefused(t, "unknown payment", err, http.StatusNotFound)

	pw := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "pw-1", Amount: 20, Currency: "USD", PgProvider: "paymentwall"}})
	report := generated.PaymentwallDeliveryRequest{ImpUID: pw.ImpUID, MerchantUID: "pw-1", Type: "digital", Status: "delivered",
		EstimatedDeliveryDatetime: t0.Unix(), EstimatedUpdateDatetime: t0.Unix(), Refundable: "yes", ShippingAddressEmail: "buyer@example.com"}
	if got, err := c.PaymentwallDelivery(ctx, report); err != nil || got.ErrorCode != nil {
		t.Fatalf("delivery: %+v %v", got, err)
	}
	report.MerchantUID = "other"
	_, err = c.PaymentwallDelivery(ctx, report)
	wantRefused(t, "delivery with the wrong merchant_uid", err, http.StatusOK)
}
