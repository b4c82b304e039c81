package fake_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func addKcpMember(t *testing.T, h *harness, id string, money int64, fido bool) {
	t.Helper()
	if _, err := h.srv.AddKcpQuickMember(fake.KcpQuickMember{MemberID: id, SiteCode: "IX0XX", PartnerType: "IX99",
		PartnerSubtype: "99IX", Money: money, Fido: fido}); err != nil {
		t.Fatal(err)
	}
}

func kcpMoney(t *testing.T, h *harness, id string) int64 {
	t.Helper()
	m, ok := h.srv.KcpQuickMemberState(id)
	if !ok {
		t.Fatalf("member %s is gone", id)
	}
	return m.Money
}

// Prepaid money: pre-registration, PIN check, payment from the balance, a
// cancel that gives the money back, and the refusals on the way.
func TestScenarioKcpQuickMoney(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	url, hooks := webhookSink(t)
	addKcpMember(t, h, "member-1", 10000, false)

	prep := generated.KcpQuickPrepareRequest{Btid: "btid-1", CustIP: "203.0.113.7", CodeVerifier: new("verifier-1"),
		PrepaidAuthYn: new(generated.KcpQuickPrepareRequestPrepaidAuthYn("Y")), PrepaidAmount: new(int64(4000))}
	if _, err := c.PrepareCreate(ctx, "kq-1", prep); err != nil {
		t.Fatalf("prepare_create: %v", err)
	}
	_, err := c.PrepareCreate(ctx, "kq-1", prep)
	wantRefused(t, "prepare_create twice", err, http.StatusConflict)
	_, err = c.PrepareUpdate(ctx, "kq-none", prep)
	wantRefused(t, "prepare_update of nothing", err, http.StatusNotFound)
	_, err = c.PrepareCreate(ctx, "kq-2", generated.KcpQuickPrepareRequest{Btid: "b", CustIP: "203.0.113.7", CodeVerifier: new("v"),
		PrepaidAuthYn: new(generated.KcpQuickPrepareRequestPrepaidAuthYn("Y"))})
	wantRefused(t, "prepaid_auth_yn Y without prepaid_amount", err, http.StatusBadRequest)
	_, err = c.PrepareCreate(ctx, "kq-2", generated.KcpQuickPrepareRequest{Btid: "b", CustIP: "203.0.113.7"})
	wantRefused(t, "no code_verifier", err, http.StatusBadRequest)
	for _, ip := range []string{"not-an-ip", "2001:db8::1", "203.0.113"} {
		_, err = c.PrepareCreate(ctx, "kq-2", generated.KcpQuickPrepareRequest{Btid: "b", CustIP: ip, CodeVerifier: new("v")})
		wantRefused(t, "cust_ip "+ip, err, http.StatusBadRequest)
	}
	prep.PrepaidAmount = new(int64(3000))
	if _, err := c.PrepareUpdate(ctx, "kq-1", prep); err != nil {
		t.Fatalf("prepare_update: %v", err)
	}

	var pin struct {
		ImpUID string `json:"imp_uid"`
	}
	if st := h.control("POST", "/__fake/kcpquick/pin-check", `{"member_id":"member-1","merchant_uid":"kq-1"}`, &pin); st != http.StatusOK || pin.ImpUID == "" {
		t.Fatalf("pin-check control: %d %+v", st, pin)
	}
	pay := generated.KcpQuickMoneyPaymentRequest{MemberID: "member-1", ChannelKey: fake.DefaultKcpQuickChannelKey, MerchantUID: "kq-1",
		Name: "선불머니 주문", Amount: 4000, ImpUID: pin.ImpUID, NoticeURL: &url}
	_, err = c.PayWithMoney(ctx, pay)
	wantRefused(t, "an amount other than the pre-registered one", err, http.StatusOK)
	pay.Amount = 3000
	bad := pay
	bad.ChannelKey = "channel-key-test"
	_, err = c.PayWithMoney(ctx, bad)
	wantRefused(t, "a channel that is not KCP Quick Pay", err, http.StatusOK)
	bad = pay
	bad.MerchantUID = "kq-other"
	_, err = c.PayWithMoney(ctx, bad)
	wantRefused(t, "a PIN check of another order", err, http.StatusOK)

	p, err := c.PayWithMoney(ctx, pay)
	if err != nil || p.Status != generated.PaymentStatusPaid || p.Amount != 3000 || p.PgProvider != "kcp_quick" ||
		p.PayMethod != "point" || p.ImpUID != pin.ImpUID {
		t.Fatalf("payWithMoney: %+v %v", p, err)
	}
	if hook := nextWebhook(t, hooks); hook.ImpUID != p.ImpUID || hook.Status != "paid" {
		t.Fatalf("webhook: %+v", hook)
	}
	if got := kcpMoney(t, h, "member-1"); got != 7000 {
		t.Fatalf("balance after paying 3000 of 10000: %d", got)
	}
	_, err = c.PayWithMoney(ctx, pay)
	wantRefused(t, "the same PIN check twice", err, http.StatusOK)
	if got := kcpMoney(t, h, "member-1"); got != 7000 {
		t.Fatalf("a refused repeat moved money: balance %d", got)
	}

	// The payment is one of the store's: looked up, then partly cancelled,
	// which gives the money back.
	if got, err := c.GetPaymentByMerchantUIDAnyStatus(ctx, "kq-1", nil); err != nil || got.ImpUID != p.ImpUID {
		t.Fatalf("lookup by merchant_uid: %+v %v", got, err)
	}
	if _, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(1000.0), Checksum: new(3000.0)}); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if got := kcpMoney(t, h, "member-1"); got != 8000 {
		t.Fatalf("balance after a 1000 cancel: %d", got)
	}

	if st := h.control("POST", "/__fake/kcpquick/pin-check", `{"member_id":"member-1","merchant_uid":"kq-3"}`, &pin); st != http.StatusOK {
		t.Fatalf("pin-check control: %d", st)
	}
	big := generated.KcpQuickMoneyPaymentRequest{MemberID: "member-1", ChannelKey: fake.DefaultKcpQuickChannelKey, MerchantUID: "kq-3",
		Name: "큰 주문", Amount: 8001, ImpUID: pin.ImpUID}
	_, err = c.PayWithMoney(ctx, big)
	wantRefused(t, "over the balance", err, http.StatusOK)
	big.Amount = 10.5
	_, err = c.PayWithMoney(ctx, big)
	wantRefused(t, "a fraction of a won", err, http.StatusOK)
	big.Amount = 8000
	if p, err := c.PayWithMoney(ctx, big); err != nil || p.Amount != 8000 {
		t.Fatalf("the whole balance: %+v %v", p, err)
	}
	if got := kcpMoney(t, h, "member-1"); got != 0 {
		t.Fatalf("balance after spending it all: %d", got)
	}
	_, err = c.PayWithMoney(ctx, generated.KcpQuickMoneyPaymentRequest{MemberID: "nobody", ChannelKey: fake.DefaultKcpQuickChannelKey,
		MerchantUID: "kq-4", Name: "x", Amount: 1, ImpUID: pin.ImpUID})
	wantRefused(t, "an unknown member", err, http.StatusOK)
}

// Automatic-payment keys: pay with one (a real payment of the billing
// key), delete it (the billing key stays), and the refusals after.
func TestScenarioKcpQuickAutopay(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	addKcpMember(t, h, "member-2", 0, false)
	if st := h.control("POST", "/__fake/kcpquick/autopay", `{"customer_uid":"kq-cust","member_id":"member-2","card_number":"5365100000001234"}`, nil); st != http.StatusOK {
		t.Fatalf("autopay control: %d", st)
	}
	if _, err := h.srv.AddKcpQuickAutopayKey("kq-declined", "member-2", "5365100000000002"); err != nil {
		t.Fatal(err)
	}
	if st := h.control("POST", "/__fake/kcpquick/autopay", `{"customer_uid":"kq-x","member_id":"nobody"}`, nil); st != http.StatusBadRequest {
		t.Fatalf("autopay control for an unknown member: %d", st)
	}
	if key, err := c.CustomerView(ctx, "kq-cust"); err != nil {
		t.Fatalf("the billing key of the automatic-payment key: %v", err)
	} else if k, err := key.AsBillingKeyCustomer(); err != nil || k.PgProvider != "kcp_quick" {
		t.Fatalf("billing key: %+v %v", k, err)
	}

	req := generated.KcpQuickAutopayRequest{CustomerUID: "kq-cust", MerchantUID: "kqa-1", Name: "정기 주문", BuyerName: "김구매", Amount: 9900}
	p, err := c.PayWithAutoPaymentKey(ctx, req)
	if err != nil || p.Status != generated.PaymentStatusPaid || p.Amount != 9900 || p.PgProvider != "kcp_quick" ||
		deref(p.CustomerUID) != "kq-cust" || deref(p.BuyerName) != "김구매" {
		t.Fatalf("payWithAutoPaymentKey: %+v %v", p, err)
	}
	_, err = c.PayWithAutoPaymentKey(ctx, req)
	wantRefused(t, "the same order again", err, http.StatusOK)
	if pays, err := c.CustomerPayments(ctx, "kq-cust", nil); err != nil || pays.Total != 1 {
		t.Fatalf("payments of the billing key: %+v %v", pays, err)
	}
	if full, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: &p.ImpUID}); err != nil || full.Status != generated.PaymentStatusCancelled {
		t.Fatalf("cancel: %+v %v", full, err)
	}
	declined, err := c.PayWithAutoPaymentKey(ctx, generated.KcpQuickAutopayRequest{CustomerUID: "kq-declined", MerchantUID: "kqa-2",
		Name: "거절", BuyerName: "김구매", Amount: 1000})
	if err != nil || declined.Status != generated.PaymentStatusFailed {
		t.Fatalf("a declined card: want a failed payment, got %+v %v", declined, err)
	}

	if got, err := c.DeleteAutoPayKey(ctx, "kq-cust"); err != nil || deref(got.CustomerUID) != "kq-cust" {
		t.Fatalf("deleteAutoPayKey: %+v %v", got, err)
	}
	_, err = c.DeleteAutoPayKey(ctx, "kq-cust")
	wantRefused(t, "delete twice", err, http.StatusNotFound)
	if _, err := c.CustomerView(ctx, "kq-cust"); err != nil {
		t.Fatalf("the billing key stays after its automatic-payment key is deleted: %v", err)
	}
	req.MerchantUID = "kqa-3"
	_, err = c.PayWithAutoPaymentKey(ctx, req)
	wantRefused(t, "pay with a deleted key", err, http.StatusOK)
	_, err = c.DeleteAutoPayKey(ctx, "no-such-customer")
	wantRefused(t, "delete an unknown key", err, http.StatusNotFound)
	_, err = c.PayWithAutoPaymentKey(ctx, generated.KcpQuickAutopayRequest{CustomerUID: "kq-declined", MerchantUID: "kqa-4",
		Name: "x", BuyerName: "x", Amount: 0})
	wantRefused(t, "a zero amount", err, http.StatusOK)
}

// Members: FIDO release (released once, then refused with KCP's error),
// and deletion, which checks the registration and takes the keys along.
func TestScenarioKcpQuickMembers(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	addKcpMember(t, h, "member-3", 500, true)
	if _, err := h.srv.AddKcpQuickAutopayKey("kq-cust-3", "member-3", ""); err != nil {
		t.Fatal(err)
	}
	ch := generated.KcpQuickFidoReleaseRequest{ChannelKey: fake.DefaultKcpQuickChannelKey}

	if got, err := c.ReleaseFido(ctx, "member-3", ch); err != nil || deref(got.MemberID) != "member-3" {
		t.Fatalf("releaseFido: %+v %v", got, err)
	}
	_, err := c.ReleaseFido(ctx, "member-3", ch)
	wantRefused(t, "release twice", err, http.StatusOK)
	resp, err := h.client.ReleaseFidoWithResponse(ctx, "member-3", ch, h.token())
	if err != nil || resp.JSON200 == nil || resp.JSON200.Code == 0 || resp.JSON200.Error == nil || deref(resp.JSON200.Error.Code) != "C210" {
		t.Fatalf("a refused release carries KCP's error: %v %s", err, resp.Body)
	}
	_, err = c.ReleaseFido(ctx, "member-3", generated.KcpQuickFidoReleaseRequest{ChannelKey: "channel-key-test"})
	wantRefused(t, "release on a channel that is not KCP Quick Pay", err, http.StatusBadRequest)

	wrong := &generated.MemberDeleteParams{SiteCode: "OTHER", PartnerType: "IX99", PartnerSubtype: "99IX"}
	_, err = c.MemberDelete(ctx, "member-3", wrong)
	wantRefused(t, "delete under another site code", err, http.StatusNotFound)
	right := &generated.MemberDeleteParams{SiteCode: "IX0XX", PartnerType: "IX99", PartnerSubtype: "99IX"}
	m, err := c.MemberDelete(ctx, "member-3", right)
	if err != nil || m.MemberID != "member-3" || m.PgProvider != "kcp_quick" || deref(m.PgID) != "IX0XX" || m.Inserted != t0.Unix() {
		t.Fatalf("member_delete: %+v %v", m, err)
	}
	_, err = c.MemberDelete(ctx, "member-3", right)
	wantRefused(t, "delete twice", err, http.StatusNotFound)
	if _, ok := h.srv.KcpQuickMemberState("member-3"); ok {
		t.Fatal("the member is still there")
	}
	_, err = c.PayWithAutoPaymentKey(ctx, generated.KcpQuickAutopayRequest{CustomerUID: "kq-cust-3", MerchantUID: "kqm-1",
		Name: "x", BuyerName: "x", Amount: 100})
	wantRefused(t, "pay with the key of a deleted member", err, http.StatusOK)
	_, err = c.ReleaseFido(ctx, "member-3", ch)
	wantRefused(t, "release for a deleted member", err, http.StatusOK)
	if _, err := h.srv.KcpQuickPinCheck("member-3", "kqm-2"); err == nil {
		t.Fatal("a PIN check for a deleted member was accepted")
	}
}
