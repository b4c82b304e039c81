package fake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// Scenarios through the wrapper for the operations whose fake behaviour
// the package's other tests check with the generated client: a shop's
// order lookups, billing keys and schedule changes, SMS certification,
// escrow delivery and receipts. The harness holds every answer to the spec
// and records the operation for TestMain's coverage check (coverage_test.go).

func TestScenarioOrderLookups(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	if _, err := c.PreparePayment(ctx, generated.PreparePaymentRequest{MerchantUID: "ol-1", Amount: 30000}); err != nil {
		t.Fatal(err)
	}
	if pre, err := c.EditPreparePayment(ctx, generated.PreparePaymentRequest{MerchantUID: "ol-1", Amount: 33000}); err != nil || pre.Amount != 33000 {
		t.Fatalf("editPreparePayment: %+v %v", pre, err)
	}
	if pre, err := c.GetPaymentPrepareByMerchantUID(ctx, "ol-1"); err != nil || pre.Amount != 33000 || pre.MerchantUID != "ol-1" {
		t.Fatalf("getPaymentPrepareByMerchantUid: %+v %v", pre, err)
	}
	first := h.seed(seedCard("ol-1", 33000))
	h.srv.Advance(time.Minute)
	second := h.seed(seedCard("ol-1", 33000)) // a second attempt of the same order

	if p, err := c.GetPaymentByMerchantUID(ctx, "ol-1", generated.PaymentStatusPaid, &generated.GetPaymentByMerchantUIDParams{
		Sorting: new(generated.Sorting("-started"))}); err != nil || p.ImpUID != second.ImpUID {
		t.Fatalf("getPaymentByMerchantUid, latest first: want %s, got %+v %v", second.ImpUID, p, err)
	}
	if page, err := c.GetAllPaymentsByMerchantUID(ctx, "ol-1", generated.PaymentStatusPaid, nil); err != nil || page.Total != 2 || len(page.List) != 2 {
		t.Fatalf("getAllPaymentsByMerchantUid: %+v %v", page, err)
	}
	if page, err := c.GetAllPaymentsByMerchantUIDAnyStatus(ctx, "ol-1", nil); err != nil || page.Total != 2 {
		t.Fatalf("getAllPaymentsByMerchantUidAnyStatus: %+v %v", page, err)
	}
	list, err := c.GetPaymentListByImpUID(ctx, &generated.GetPaymentListByImpUIDParams{ImpUID: []string{first.ImpUID, second.ImpUID}})
	if err != nil || len(list) != 2 {
		t.Fatalf("getPaymentListByImpUid: %+v %v", list, err)
	}
	page, err := c.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterPaid, &generated.GetPaymentsByStatusParams{Limit: new(generated.Limit(1))})
	if err != nil || page.Total != 2 || len(page.List) != 1 || page.Next != 2 {
		t.Fatalf("getPaymentsByStatus, pages of one: %+v %v", page, err)
	}

	if _, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &first.ImpUID, Amount: new(3000.0)}); err != nil {
		t.Fatal(err)
	}
	if bal, err := c.BalanceByImpUID(ctx, first.ImpUID); err != nil || bal.Amount != 30000 {
		t.Fatalf("balanceByImpUid after a 3000 cancel of 33000: %+v %v", bal, err)
	}

	vb := h.seed(seedVbank("ol-vb", 10000, ""))
	if mod, err := c.ModifyVbank(ctx, vb.ImpUID, generated.ModifyVbankRequest{Amount: new(12000.0)}); err != nil ||
		mod.Amount != 12000 || mod.Status != generated.PaymentStatusReady {
		t.Fatalf("modifyVbank: %+v %v", mod, err)
	}
}

func TestScenarioBillingKeyScheduleChanges(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	save := func(customer string) {
		t.Helper()
		key, err := c.CustomerSave(ctx, customer, generated.SaveBillingKeyRequest{ChannelKey: new("channel-key-test"),
			CardNumber: new("4111-1111-1111-1111"), Expiry: "2031-01"})
		if err != nil {
			t.Fatalf("customer_save %s: %v", customer, err)
		}
		if kind, err := key.Kind(); err != nil || kind != generated.BillingKeyKindBillingKeyCustomer {
			t.Fatalf("customer_save %s: a key of kind %v (%v)", customer, kind, err)
		}
	}
	save("bk-a")
	save("bk-b")
	if keys, err := c.CustomerViewMultiple(ctx, &generated.CustomerViewMultipleParams{CustomerUID: []string{"bk-a", "bk-b"}}); err != nil || len(keys) != 2 {
		t.Fatalf("customer_view_multiple: %d keys, %v", len(keys), err)
	}

	plan := func(mid string, at time.Duration) generated.SchedulePlan {
		return generated.SchedulePlan{MerchantUID: mid, ScheduleAt: t0.Add(at).Unix(), Amount: 5000, Name: "정기결제", Currency: new("KRW")}
	}
	if _, err := c.Schedule(ctx, generated.SchedulePaymentRequest{CustomerUID: "bk-a", Schedules: []generated.SchedulePlan{
		plan("bk-1", time.Hour), plan("bk-2", 2*time.Hour), plan("bk-3", 3*time.Hour),
	}}); err != nil {
		t.Fatal(err)
	}
	window := func() (int64, int64) { return t0.Unix(), t0.Add(24 * time.Hour).Unix() }
	from, to := window()
	if pg, err := c.FindSchedulesByCustomer(ctx, "bk-a", &generated.FindSchedulesByCustomerParams{From: from, To: to}); err != nil || pg.Total != 3 {
		t.Fatalf("findSchedulesByCustomer: %+v %v", pg, err)
	}
	if pg, err := c.FindSchedulesByCustomerAlt(ctx, "bk-a", &generated.FindSchedulesByCustomerAltParams{From: from, To: to}); err != nil || pg.Total != 3 {
		t.Fatalf("findSchedulesByCustomerAlt: %+v %v", pg, err)
	}
	if pg, err := c.FindSchedulesByRange(ctx, &generated.FindSchedulesByRangeParams{ScheduleFrom: from, ScheduleTo: to}); err != nil || pg.Total != 3 {
		t.Fatalf("findSchedulesByRange: %+v %v", pg, err)
	}
	if s, err := c.UpdateScheduleByMid(ctx, "bk-3", generated.ScheduleAtRequest{ScheduleAt: t0.Add(5 * time.Hour).Unix()}); err != nil ||
		s.ScheduleAt != t0.Add(5*time.Hour).Unix() {
		t.Fatalf("updateScheduleByMid: %+v %v", s, err)
	}
	if gone, err := c.Unschedule(ctx, generated.UnschedulePaymentRequest{CustomerUID: new("bk-a"), MerchantUID: []string{"bk-2"}}); err != nil ||
		len(gone) != 1 || gone[0].ScheduleStatus != generated.ScheduleStatusRevoked {
		t.Fatalf("unschedule: %+v %v", gone, err)
	}

	// bk-1 falls due while its key is gone: the run fails, a retry once
	// the key is back pays it, a reschedule of the failed run is accepted.
	if _, err := c.CustomerDelete(ctx, "bk-a", nil); err != nil {
		t.Fatalf("customer_delete: %v", err)
	}
	// HTTP 200 code 1, as the real API answers (billingKeyUnknown).
	if _, err := c.CustomerView(ctx, "bk-a"); !errors.Is(err, wrapper.ErrRefused) {
		t.Fatalf("a deleted key: want ErrRefused, got %v", err)
	}
	h.srv.Advance(90 * time.Minute)
	if s, err := c.GetScheduleByMid(ctx, "bk-1"); err != nil || deref(s.PaymentStatus) != generated.SchedulePaymentStatusFailed {
		t.Fatalf("bk-1 run without a key: %+v %v", s, err)
	}
	save("bk-a")
	if p, err := c.RetryScheduleByMid(ctx, "bk-1"); err != nil || p.Status != generated.PaymentStatusPaid {
		t.Fatalf("retryScheduleByMid: %+v %v", p, err)
	}
	if _, err := c.CustomerDelete(ctx, "bk-a", nil); err != nil {
		t.Fatal(err)
	}
	h.srv.Advance(4 * time.Hour) // bk-3 (moved to 5h) fails too
	save("bk-a")
	if s, err := c.RescheduleByMid(ctx, "bk-3", generated.ScheduleAtRequest{ScheduleAt: t0.Add(8 * time.Hour).Unix()}); err != nil ||
		s.ScheduleStatus != generated.ScheduleStatusScheduled {
		t.Fatalf("rescheduleByMid: %+v %v", s, err)
	}
	h.srv.Advance(3 * time.Hour)
	if s, err := c.GetScheduleByMid(ctx, "bk-3"); err != nil || deref(s.PaymentStatus) != generated.SchedulePaymentStatusPaid {
		t.Fatalf("rescheduled run: %+v %v", s, err)
	}
}

func TestScenarioCertificationBySMS(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	otp, err := c.RequestOTP(ctx, generated.RequestOtpRequest{
		Name: "홍길동", Phone: "01000000000", Birth: "900101", GenderDigit: "1",
		Carrier: generated.RequestOtpRequestCarrierSKT, ChannelKey: "channel-key-test",
	})
	if err != nil {
		t.Fatalf("requestOTP: %v", err)
	}
	if pending, err := c.GetCertification(ctx, otp.ImpUID); err != nil || pending.Certified {
		t.Fatalf("before confirmOTP: %+v %v", pending, err)
	}
	if _, err := c.ConfirmOTP(ctx, otp.ImpUID, generated.ConfirmOtpRequest{Otp: new("000000")}); err == nil {
		t.Fatal("confirmOTP with a wrong code succeeded")
	}
	if ok, err := c.ConfirmOTP(ctx, otp.ImpUID, generated.ConfirmOtpRequest{Otp: new(fake.FakeOTP)}); err != nil || !ok.Certified {
		t.Fatalf("confirmOTP: %+v %v", ok, err)
	}
	if del, err := c.DeleteCertification(ctx, otp.ImpUID); err != nil || del.ImpUID != otp.ImpUID {
		t.Fatalf("deleteCertification: %+v %v", del, err)
	}
	if _, err := c.GetCertification(ctx, otp.ImpUID); !errors.Is(err, wrapper.ErrNotFound) {
		t.Fatalf("after deleteCertification: want ErrNotFound, got %v", err)
	}
}

func TestScenarioEscrowAndReceipts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	escrow := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "er-1", Amount: 50000, PayMethod: "trans", Escrow: true}})
	logis := func(invoice string) generated.EscrowLogisInfo {
		return generated.EscrowLogisInfo{Company: "CJGLS", Invoice: invoice, SentAt: t0.Unix()}
	}
	sender, receiver := generated.EscrowLogisSender{Name: new("포트원상점")}, generated.EscrowLogisReceiver{Name: new("홍길동")}
	if l, err := c.EscrowLogisSave(ctx, escrow.ImpUID, generated.EscrowLogisSaveRequest{Logis: logis("111"), Sender: sender, Receiver: receiver}); err != nil || l.Invoice != "111" {
		t.Fatalf("escrow_logis_save: %+v %v", l, err)
	}
	if l, err := c.EscrowLogisEdit(ctx, escrow.ImpUID, generated.EscrowLogisEditRequest{Logis: logis("222"), Sender: sender, Receiver: receiver}); err != nil || l.Invoice != "222" {
		t.Fatalf("escrow_logis_edit: %+v %v", l, err)
	}
	if l, err := c.EscrowLogisGet(ctx, escrow.ImpUID); err != nil || l.Invoice != "222" {
		t.Fatalf("escrow_logis_get: %+v %v", l, err)
	}

	trans := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "er-2", Amount: 11000, PayMethod: "trans"}})
	if r, err := c.IssueReceipt(ctx, trans.ImpUID, generated.IssueReceiptRequest{Identifier: new("01000000000")}); err != nil || r.Amount != 11000 {
		t.Fatalf("issueReceipt: %+v %v", r, err)
	}
	if r, err := c.GetReceipt(ctx, trans.ImpUID); err != nil || r.ImpUID != trans.ImpUID {
		t.Fatalf("getReceipt: %+v %v", r, err)
	}
	if r, err := c.RevokeReceipt(ctx, trans.ImpUID); err != nil || r.CancelledAt == nil || *r.CancelledAt == 0 {
		t.Fatalf("revokeReceipt: %+v %v", r, err)
	}

	req := generated.IssueExternalReceiptRequest{Amount: 22000, ChannelKey: "channel-key-test", Name: "현장 결제", Identifier: new("01000000000")}
	if r, err := c.IssueExternalReceipt(ctx, "er-ext", req); err != nil || r.Vat != 2000 {
		t.Fatalf("issueExternalReceipt: %+v %v", r, err)
	}
	if r, err := c.GetExternalReceipt(ctx, "er-ext"); err != nil || r.MerchantUID != "er-ext" {
		t.Fatalf("getExternalReceipt: %+v %v", r, err)
	}
	if r, err := c.RevokeExternalReceipt(ctx, "er-ext"); err != nil || r.CancelledAt == nil || *r.CancelledAt == 0 {
		t.Fatalf("revokeExternalReceipt: %+v %v", r, err)
	}
}
