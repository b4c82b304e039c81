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

// Scenarios as a service runs them: through the wrapper, against the
// fake, every answer held to the spec by the harness's transport.

func (h *harness) wrapper() *wrapper.Client {
	h.t.Helper()
	c, err := wrapper.New(wrapper.Config{
		APIKey: h.srv.APIKey(), APISecret: h.srv.APISecret(), BaseURL: h.srv.URL(), HTTPClient: h.http,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func TestScenarioPayVerifyCancel(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	if _, err := c.PreparePayment(ctx, generated.PreparePaymentRequest{MerchantUID: "sc-1", Amount: 50000}); err != nil {
		t.Fatal(err)
	}
	seeded := h.seed(seedCard("sc-1", 50000))

	p, err := c.GetPaymentByImpUID(ctx, seeded.ImpUID, nil)
	if err != nil || p.Status != generated.PaymentStatusPaid || p.Amount != 50000 {
		t.Fatalf("verify by imp_uid: %+v %v", p, err)
	}
	if q, err := c.GetPaymentByMerchantUIDAnyStatus(ctx, "sc-1", nil); err != nil || q.ImpUID != seeded.ImpUID {
		t.Fatalf("verify by merchant_uid: %+v %v", q, err)
	}

	part, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(20000.0), Checksum: new(50000.0)})
	if err != nil || part.CancelAmount != 20000 || part.Status != generated.PaymentStatusPaid {
		t.Fatalf("partial cancel: %+v %v", part, err)
	}
	_, err = c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(20000.0), Checksum: new(50000.0)})
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 1 || apiErr.HTTPStatus != http.StatusOK {
		t.Fatalf("stale checksum: want *APIError code 1 with HTTP 200, got %v", err)
	}
	full, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Checksum: new(30000.0)})
	if err != nil || full.Status != generated.PaymentStatusCancelled || len(full.CancelHistory) != 2 {
		t.Fatalf("full cancel of the rest: %+v %v", full, err)
	}
	if _, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID}); !errors.As(err, &apiErr) || apiErr.Code != 1 {
		t.Fatalf("second full cancel: want a refusal, got %v", err)
	}

	_, err = c.GetPaymentByImpUID(ctx, "imp_unknown", nil)
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || apiErr.Code != -1 {
		t.Fatalf("unknown payment: want 404 code -1, got %v", err)
	}
}

// The wrapper keeps working across token expiry: the fake clock jumps
// past it, the fake answers 401, and the wrapper renews and replays.
func TestScenarioTokenExpiresUnderTheWrapper(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p := h.seed(seedCard("sc-tok", 1000))
	if _, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil); err != nil {
		t.Fatal(err)
	}
	// The wrapper's own clock has not moved, so it still sends its token:
	// only the fake's 401 can make it renew.
	h.srv.Advance(31 * time.Minute)
	before := h.transport.unauthorized.Load()
	if _, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil); err != nil {
		t.Fatalf("after the fake clock passed the expiry: %v", err)
	}
	if n := h.transport.unauthorized.Load() - before; n != 1 {
		t.Fatalf("want one 401 answered and replayed with a new token, saw %d 401s", n)
	}
}

func TestScenarioVbankDepositWebhook(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	url, hooks := webhookSink(t)

	vb, err := c.CreateVbank(ctx, nil, generated.CreateVbankRequest{MerchantUID: "sc-vb", Amount: 12000, ChannelKey: new("channel-key-test"),
		VbankCode: "004", VbankDue: t0.Add(48 * time.Hour).Unix(), NoticeURL: []string{url}})
	if err != nil || vb.Status != generated.PaymentStatusReady {
		t.Fatalf("createVbank: %+v %v", vb, err)
	}
	if hook := nextWebhook(t, hooks); hook.Status != "ready" {
		t.Fatalf("issue webhook: %+v", hook)
	}
	if st := h.control("POST", "/__fake/vbanks/"+vb.ImpUID+"/deposit", "", nil); st != http.StatusOK {
		t.Fatalf("deposit: %d", st)
	}
	if hook := nextWebhook(t, hooks); hook.Status != "paid" || hook.ImpUID != vb.ImpUID {
		t.Fatalf("deposit webhook: %+v", hook)
	}
	p, err := c.GetPaymentByImpUID(ctx, vb.ImpUID, nil)
	if err != nil || p.Status != generated.PaymentStatusPaid {
		t.Fatalf("after the deposit: %+v %v", p, err)
	}
	refund, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &vb.ImpUID,
		RefundHolder: new("홍길동"), RefundBank: new("004"), RefundAccount: new("12345678")})
	if err != nil || refund.Status != generated.PaymentStatusCancelled {
		t.Fatalf("vbank refund: %+v %v", refund, err)
	}
}

func TestScenarioBillingKeyAndSchedule(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	url, hooks := webhookSink(t)

	first, err := c.Onetime(ctx, generated.OnetimePaymentRequest{MerchantUID: "sc-sub-1", Amount: 9900,
		CardNumber: new("4111-1111-1111-1111"), Expiry: "2031-01", CustomerUID: new("sc-cust")})
	if err != nil || first.Status != generated.PaymentStatusPaid {
		t.Fatalf("onetime: %+v %v", first, err)
	}
	next, err := c.Again(ctx, generated.AgainPaymentRequest{CustomerUID: "sc-cust", MerchantUID: "sc-sub-2", Amount: 9900, Name: new("2회차")})
	if err != nil || next.Status != generated.PaymentStatusPaid {
		t.Fatalf("again: %+v %v", next, err)
	}
	if _, err := c.Schedule(ctx, generated.SchedulePaymentRequest{CustomerUID: "sc-cust", Schedules: []generated.SchedulePlan{
		{MerchantUID: "sc-sub-3", ScheduleAt: t0.Add(24 * time.Hour).Unix(), Amount: 9900, Name: "3회차", Currency: new("KRW"), NoticeURL: &url},
	}}); err != nil {
		t.Fatal(err)
	}
	h.srv.Advance(25 * time.Hour)
	if hook := nextWebhook(t, hooks); hook.MerchantUID != "sc-sub-3" || hook.Status != "paid" {
		t.Fatalf("schedule webhook: %+v", hook)
	}
	s, err := c.GetScheduleByMid(ctx, "sc-sub-3")
	if err != nil || s.ScheduleStatus != generated.ScheduleStatusExecuted {
		t.Fatalf("schedule after its time: %+v %v", s, err)
	}
	page, err := c.CustomerPayments(ctx, "sc-cust", nil)
	if err != nil || page.Total != 3 {
		t.Fatalf("payments of the key: %+v %v", page, err)
	}
}

// Forced faults as a service sees them: a 503 on a lookup is retried by
// the wrapper; a 503 on a cancel is reported as outcome unknown and never
// resent (the fault answered before the cancel could happen, so the
// payment must be untouched).
func TestScenarioForcedFaults(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p := h.seed(seedCard("sc-fault", 7000))

	if err := h.srv.InjectFault(fake.Fault{Operation: "getPaymentByImpUid", Status: http.StatusServiceUnavailable}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil); err != nil || got.ImpUID != p.ImpUID {
		t.Fatalf("lookup after one 503: want the retry to succeed, got %v", err)
	}
	if n := h.transport.forced.Load(); n != 1 {
		t.Fatalf("want the lookup to meet the forced 503 first, %d forced answers", n)
	}

	if err := h.srv.InjectFault(fake.Fault{Operation: "cancelPayment", Status: http.StatusServiceUnavailable}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(1000.0)})
	if !errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatalf("cancel answered 503: want ErrOutcomeUnknown, got %v", err)
	}
	after, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil)
	if err != nil || after.CancelAmount != 0 {
		t.Fatalf("the cancel must not have been resent: %+v %v", after, err)
	}

	if err := h.srv.InjectFault(fake.Fault{Operation: "getPaymentByImpUid", Status: http.StatusOK,
		Body: []byte(`<html>gateway</html>`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil); !errors.Is(err, wrapper.ErrMalformedResponse) {
		t.Fatalf("HTML instead of an envelope: want ErrMalformedResponse, got %v", err)
	}
}
