package fake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

func TestBillingKeyPayments(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()

	one, err := h.client.OnetimeWithResponse(ctx, generated.OnetimePaymentRequest{
		MerchantUID: "sub-1", Amount: 9900, CardNumber: new("5594-1000-0000-1234"), Expiry: "2030-12",
		CustomerUID: new("cust-1"), BuyerName: new("홍길동"),
	}, auth)
	if err != nil {
		t.Fatal(err)
	}
	p := one.JSON200.Response
	if p.Status != generated.PaymentStatusPaid || deref(p.CustomerUIDUsage) != generated.CustomerUIDUsageIssue || deref(p.CardNumber) != "559410******1234" {
		t.Fatalf("onetime with customer_uid: %s", one.Body)
	}

	view, _ := h.client.CustomerViewWithResponse(ctx, "cust-1", auth)
	if view.JSON200 == nil {
		t.Fatalf("customer_view: %d %s", view.StatusCode(), view.Body)
	}
	if kind, err := view.JSON200.Response.Kind(); err != nil || kind != generated.BillingKeyKindBillingKeyCustomer {
		t.Fatalf("the fake's billing key: kind %q, %v; want an ordinary key", kind, err)
	}
	key, err := view.JSON200.Response.AsBillingKeyCustomer()
	if err != nil || key.CustomerUID != "cust-1" || deref(key.CustomerName) != "홍길동" {
		t.Fatalf("billing key: %+v %v", key, err)
	}

	again, _ := h.client.AgainWithResponse(ctx, generated.AgainPaymentRequest{CustomerUID: "cust-1", MerchantUID: "sub-2", Amount: 9900, Name: new("2월 구독")}, auth)
	if again.JSON200 == nil || again.JSON200.Code != 0 || deref(again.JSON200.Response.CustomerUIDUsage) != generated.CustomerUIDUsagePayment ||
		deref(again.JSON200.Response.BuyerName) != "홍길동" {
		t.Fatalf("again: %s", again.Body)
	}
	for name, req := range map[string]generated.AgainPaymentRequest{
		"unknown key":        {CustomerUID: "cust-none", MerchantUID: "sub-3", Amount: 1, Name: new("x")},
		"order already paid": {CustomerUID: "cust-1", MerchantUID: "sub-2", Amount: 1, Name: new("x")},
	} {
		r, _ := h.client.AgainWithResponse(ctx, req, auth)
		if r.StatusCode() != http.StatusOK || r.JSON200 == nil || r.JSON200.Code != 1 {
			t.Errorf("again, %s: want HTTP 200 code 1, got %d %s", name, r.StatusCode(), r.Body)
		}
	}

	pays, _ := h.client.CustomerPaymentsWithResponse(ctx, "cust-1", nil, auth)
	if pays.JSON200 == nil || pays.JSON200.Response.Total != 2 {
		t.Fatalf("customer_payments: %s", pays.Body)
	}
	multi, _ := h.client.CustomerViewMultipleWithResponse(ctx, &generated.CustomerViewMultipleParams{CustomerUID: []string{"cust-1", "cust-none"}}, auth)
	if multi.StatusCode() != http.StatusMultiStatus {
		t.Fatalf("customer_view_multiple with one unknown: want 207, got %d", multi.StatusCode())
	}
	if multi.JSON207 == nil || len(multi.JSON207.Response) != 1 || !multi.JSON207.Response[0].IsBillingKeyCustomer() {
		t.Fatalf("customer_view_multiple: want the one ordinary key, got %s", multi.Body)
	}

	del, _ := h.client.CustomerDeleteWithResponse(ctx, "cust-1", nil, auth)
	if del.JSON200 == nil {
		t.Fatalf("customer_delete: %d %s", del.StatusCode(), del.Body)
	}
	// An unknown key is HTTP 200 code 1 (billingKeyUnknown).
	if gone, _ := h.client.CustomerViewWithResponse(ctx, "cust-1", auth); gone.StatusCode() != http.StatusOK ||
		gone.JSON200 == nil || gone.JSON200.Code != 1 || gone.JSON200.Response != nil {
		t.Fatalf("deleted key: want HTTP 200 code 1, got %d %s", gone.StatusCode(), gone.Body)
	}
	if again, _ := h.client.CustomerDeleteWithResponse(ctx, "cust-1", nil, auth); again.StatusCode() != http.StatusOK ||
		again.JSON200 == nil || again.JSON200.Code != 1 {
		t.Fatalf("deleted key, deleted again: want HTTP 200 code 1, got %d %s", again.StatusCode(), again.Body)
	}
}

func TestSchedulesRunWhenTheClockPasses(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	url, hooks := webhookSink(t)

	if _, err := h.client.CustomerSaveWithResponse(ctx, "cust-s", generated.SaveBillingKeyRequest{
		ChannelKey: new("channel-key-test"), CardNumber: new("4111111111111111"), Expiry: "2030-12",
	}, auth); err != nil {
		t.Fatal(err)
	}
	plan := func(mid string, at time.Duration) generated.SchedulePlan {
		return generated.SchedulePlan{MerchantUID: mid, ScheduleAt: t0.Add(at).Unix(), Amount: 5900, Name: "정기결제", Currency: new("KRW"), NoticeURL: &url}
	}
	reg, err := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "cust-s",
		Schedules: []generated.SchedulePlan{plan("sch-1", time.Hour), plan("sch-2", 2*time.Hour), plan("sch-3", 3*time.Hour)}}, auth)
	if err != nil || reg.JSON200 == nil || reg.JSON200.Code != 0 || len(reg.JSON200.Response) != 3 {
		t.Fatalf("schedule: %v %s", err, reg.Body)
	}
	for name, plans := range map[string][]generated.SchedulePlan{
		"duplicate merchant_uid": {plan("sch-1", 4*time.Hour)},
		"in the past":            {plan("sch-past", -time.Minute)},
	} {
		r, _ := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "cust-s", Schedules: plans}, auth)
		if r.JSON200 == nil || r.JSON200.Code != 1 {
			t.Errorf("schedule, %s: want code 1, got %s", name, r.Body)
		}
	}

	before, _ := h.client.GetScheduleByMidWithResponse(ctx, "sch-1", auth)
	if before.JSON200 == nil || before.JSON200.Response.ScheduleStatus != generated.ScheduleStatusScheduled {
		t.Fatalf("before its time: %s", before.Body)
	}

	h.srv.Advance(61 * time.Minute)
	auth = h.token() // the first one expired meanwhile
	after, _ := h.client.GetScheduleByMidWithResponse(ctx, "sch-1", auth)
	if after.JSON200 == nil {
		t.Fatalf("getScheduleByMid: %d %s", after.StatusCode(), after.Body)
	}
	s := after.JSON200.Response
	if s.ScheduleStatus != generated.ScheduleStatusExecuted || deref(s.PaymentStatus) != generated.SchedulePaymentStatusPaid || s.ImpUID == nil {
		t.Fatalf("after its time: %s", after.Body)
	}
	if hook := nextWebhook(t, hooks); hook.MerchantUID != "sch-1" || hook.Status != "paid" {
		t.Fatalf("schedule webhook: %+v", hook)
	}
	paid, _ := h.client.GetPaymentByImpUIDWithResponse(ctx, *s.ImpUID, nil, auth)
	if paid.JSON200 == nil || deref(paid.JSON200.Response.CustomerUIDUsage) != generated.CustomerUIDUsagePaymentScheduled {
		t.Fatalf("scheduled payment: %s", paid.Body)
	}

	un, _ := h.client.UnscheduleWithResponse(ctx, generated.UnschedulePaymentRequest{MerchantUID: []string{"sch-2"}}, auth)
	if un.JSON200 == nil || len(un.JSON200.Response) != 1 || un.JSON200.Response[0].ScheduleStatus != generated.ScheduleStatusRevoked {
		t.Fatalf("unschedule: %s", un.Body)
	}
	if del, _ := h.client.CustomerDeleteWithResponse(ctx, "cust-s", nil, auth); del.StatusCode() != http.StatusOK {
		t.Fatalf("customer_delete: %d", del.StatusCode())
	}
	h.srv.Advance(3 * time.Hour)
	auth = h.token()
	if hook := nextWebhook(t, hooks); hook.MerchantUID != "sch-3" || hook.Status != "failed" {
		t.Fatalf("sch-3 after its key was deleted: want a failed payment, got %+v", hook)
	}

	list, _ := h.client.FindSchedulesByCustomerWithResponse(ctx, "cust-s", &generated.FindSchedulesByCustomerParams{
		From: t0.Unix(), To: t0.Add(24 * time.Hour).Unix()}, auth)
	var states []string
	if page := list.JSON200.Response; page.Total != 3 || page.Previous != 0 || page.Next != 0 {
		t.Fatalf("one page of three: %s", list.Body)
	}
	for _, s := range list.JSON200.Response.List {
		states = append(states, s.MerchantUID+":"+string(s.ScheduleStatus))
	}
	if got, want := states, []string{"sch-3:executed", "sch-2:revoked", "sch-1:executed"}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("schedules of the key, latest first: %v", got)
	}
	byRange, _ := h.client.FindSchedulesByRangeWithResponse(ctx, &generated.FindSchedulesByRangeParams{
		ScheduleFrom: t0.Unix(), ScheduleTo: t0.Add(24 * time.Hour).Unix(), ScheduleStatus: new(generated.ScheduleStatusRevoked)}, auth)
	if byRange.JSON200 == nil || len(byRange.JSON200.Response.List) != 1 || byRange.JSON200.Response.Total != 1 {
		t.Fatalf("range listing of revoked schedules: %s", byRange.Body)
	}
	// Pages of one: page 2 of 3 points both ways.
	second, _ := h.client.FindSchedulesByRangeWithResponse(ctx, &generated.FindSchedulesByRangeParams{
		ScheduleFrom: t0.Unix(), ScheduleTo: t0.Add(24 * time.Hour).Unix(), Page: new(generated.Page(2)), Limit: new(int32(1))}, auth)
	if p := second.JSON200.Response; p.Total != 3 || p.Previous != 1 || p.Next != 3 || len(p.List) != 1 || p.List[0].MerchantUID != "sch-2" {
		t.Fatalf("page 2 of 3: %s", second.Body)
	}
	h.transport.invalidRequests.Store(true)
	tooWide, _ := h.client.FindSchedulesByRangeWithResponse(ctx, &generated.FindSchedulesByRangeParams{
		ScheduleFrom: t0.Unix(), ScheduleTo: t0.Add(200 * 24 * time.Hour).Unix()}, auth)
	if tooWide.StatusCode() != http.StatusBadRequest {
		t.Fatalf("range over three months: want 400, got %d", tooWide.StatusCode())
	}
}

func TestCreateAndRevokeVbank(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	create := func(mid string) generated.Payment {
		r, err := h.client.CreateVbankWithResponse(ctx, nil, generated.CreateVbankRequest{
			MerchantUID: mid, Amount: 30000, ChannelKey: new("channel-key-test"), VbankCode: "088", VbankDue: t0.Add(72 * time.Hour).Unix(),
			VbankHolder: new("포트원상점"),
		}, auth)
		if err != nil || r.JSON200 == nil || r.JSON200.Code != 0 {
			t.Fatalf("createVbank: %v %s", err, r.Body)
		}
		return *r.JSON200.Response
	}
	a := create("vb-1")
	if a.Status != generated.PaymentStatusReady || deref(a.VbankCode) != "088" || a.VbankDate != t0.Add(72*time.Hour).Unix() {
		t.Fatalf("issued account: %+v", a)
	}
	if _, err := h.srv.Deposit(a.ImpUID); err != nil {
		t.Fatal(err)
	}
	b := create("vb-2")
	mod, _ := h.client.ModifyVbankWithResponse(ctx, b.ImpUID, generated.ModifyVbankRequest{Amount: new(31000.0)}, auth)
	if mod.JSON200 == nil || mod.JSON200.Response.Amount != 31000 {
		t.Fatalf("modifyVbank: %d %s", mod.StatusCode(), mod.Body)
	}
	if paidMod, _ := h.client.ModifyVbankWithResponse(ctx, a.ImpUID, generated.ModifyVbankRequest{Amount: new(1.0)}, auth); paidMod.StatusCode() != http.StatusBadRequest {
		t.Fatalf("modifying a paid account: want 400, got %d", paidMod.StatusCode())
	}
	rev, _ := h.client.RevokeVbankWithResponse(ctx, b.ImpUID, nil, auth)
	if rev.JSON200 == nil || rev.JSON200.Response.Status != generated.PaymentStatusCancelled {
		t.Fatalf("revoke: %d %s", rev.StatusCode(), rev.Body)
	}
	paidOne, _ := h.client.RevokeVbankWithResponse(ctx, a.ImpUID, nil, auth)
	if paidOne.StatusCode() != http.StatusBadRequest {
		t.Fatalf("revoking a paid account: want 400, got %d", paidOne.StatusCode())
	}
	again, _ := h.client.CreateVbankWithResponse(ctx, nil, generated.CreateVbankRequest{
		MerchantUID: "vb-1", Amount: 1, ChannelKey: new("k"), VbankCode: "088", VbankDue: t0.Add(time.Hour).Unix()}, auth)
	if again.JSON200 == nil || again.JSON200.Code != 1 {
		t.Fatalf("a second account for a paid order: want code 1, got %s", again.Body)
	}
}

func TestScheduleChanges(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	save := func() {
		r, err := h.client.CustomerSaveWithResponse(ctx, "cust-c", generated.SaveBillingKeyRequest{ChannelKey: new("k"), CardNumber: new("4111111111111111"), Expiry: "2030-12"}, auth)
		if err != nil || r.JSON200 == nil {
			t.Fatalf("customer_save: %v", err)
		}
	}
	save()
	plan := func(mid string, at time.Duration) generated.SchedulePlan {
		return generated.SchedulePlan{MerchantUID: mid, ScheduleAt: t0.Add(at).Unix(), Amount: 1000, Name: "n", Currency: new("KRW")}
	}
	if r, _ := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "cust-c",
		Schedules: []generated.SchedulePlan{plan("c-1", time.Hour), plan("c-2", time.Hour), plan("c-3", 5*time.Hour)}}, auth); r.JSON200 == nil || r.JSON200.Code != 0 {
		t.Fatalf("schedule: %s", r.Body)
	}

	moved, _ := h.client.UpdateScheduleByMidWithResponse(ctx, "c-3", generated.ScheduleAtRequest{ScheduleAt: t0.Add(10 * time.Hour).Unix()}, auth)
	if moved.JSON200 == nil || moved.JSON200.Response.ScheduleAt != t0.Add(10*time.Hour).Unix() {
		t.Fatalf("update: %s", moved.Body)
	}
	if past, _ := h.client.UpdateScheduleByMidWithResponse(ctx, "c-3", generated.ScheduleAtRequest{ScheduleAt: t0.Unix() - 1}, auth); past.StatusCode() != http.StatusBadRequest {
		t.Fatalf("update to the past: want 400, got %d", past.StatusCode())
	}

	// Both c-1 and c-2 fail: their key is gone when they fall due.
	h.client.CustomerDeleteWithResponse(ctx, "cust-c", nil, auth)
	h.srv.Advance(2 * time.Hour)
	auth = h.token()
	failed, _ := h.client.GetScheduleByMidWithResponse(ctx, "c-1", auth)
	if failed.JSON200 == nil || deref(failed.JSON200.Response.PaymentStatus) != generated.SchedulePaymentStatusFailed {
		t.Fatalf("schedule run without a key: %s", failed.Body)
	}
	if gone, _ := h.client.RetryScheduleByMidWithResponse(ctx, "c-1", auth); gone.StatusCode() != http.StatusNotFound {
		t.Fatalf("retry while the key is gone: want 404, got %d", gone.StatusCode())
	}
	if early, _ := h.client.UpdateScheduleByMidWithResponse(ctx, "c-1", generated.ScheduleAtRequest{ScheduleAt: t0.Add(9 * time.Hour).Unix()}, auth); early.StatusCode() != http.StatusBadRequest {
		t.Fatalf("update of an executed schedule: want 400, got %d", early.StatusCode())
	}

	save()
	retried, _ := h.client.RetryScheduleByMidWithResponse(ctx, "c-1", auth)
	if retried.JSON200 == nil || retried.JSON200.Response.Status != generated.PaymentStatusPaid {
		t.Fatalf("retry: %d %s", retried.StatusCode(), retried.Body)
	}
	again, _ := h.client.RescheduleByMidWithResponse(ctx, "c-2", generated.ScheduleAtRequest{ScheduleAt: t0.Add(3 * time.Hour).Unix()}, auth)
	if again.JSON200 == nil || again.JSON200.Response.ScheduleStatus != generated.ScheduleStatusScheduled {
		t.Fatalf("reschedule: %s", again.Body)
	}
	if notFailed, _ := h.client.RescheduleByMidWithResponse(ctx, "c-3", generated.ScheduleAtRequest{ScheduleAt: t0.Add(11 * time.Hour).Unix()}, auth); notFailed.StatusCode() != http.StatusBadRequest {
		t.Fatalf("reschedule of a waiting schedule: want 400, got %d", notFailed.StatusCode())
	}
	h.srv.Advance(time.Hour + time.Minute)
	auth = h.token()
	done, _ := h.client.GetScheduleByMidWithResponse(ctx, "c-2", auth)
	if done.JSON200 == nil || deref(done.JSON200.Response.PaymentStatus) != generated.SchedulePaymentStatusPaid {
		t.Fatalf("rescheduled run: %s", done.Body)
	}
}

// A refused card is answered with code 0 and a failed payment by
// onetime, and with code 1 (no key) by customer_save and schedule.
func TestDeclinedCard(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	const declined = "4000-0000-0000-0002"

	one, _ := h.client.OnetimeWithResponse(ctx, generated.OnetimePaymentRequest{MerchantUID: "dc-1", Amount: 1000,
		CardNumber: new(declined), Expiry: "2030-12", CustomerUID: new("dc-cust")}, auth)
	if one.JSON200 == nil || one.JSON200.Code != 0 || one.JSON200.Response.Status != generated.PaymentStatusFailed ||
		one.JSON200.Response.FailReason == nil || one.JSON200.Response.PaidAt != 0 {
		t.Fatalf("onetime with a refused card: want code 0 and status failed, got %s", one.Body)
	}
	if key, _ := h.client.CustomerViewWithResponse(ctx, "dc-cust", auth); key.JSON200 == nil || key.JSON200.Code != 1 {
		t.Fatalf("a refused card must not leave a billing key, got %d %s", key.StatusCode(), key.Body)
	}
	save, _ := h.client.CustomerSaveWithResponse(ctx, "dc-cust", generated.SaveBillingKeyRequest{ChannelKey: new("k"), CardNumber: new(declined), Expiry: "2030-12"}, auth)
	if save.StatusCode() != http.StatusOK || save.JSON200 == nil || save.JSON200.Code != 1 {
		t.Fatalf("customer_save with a refused card: want HTTP 200 code 1, got %d %s", save.StatusCode(), save.Body)
	}
	sch, _ := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "dc-cust", CardNumber: new(declined),
		Schedules: []generated.SchedulePlan{{MerchantUID: "dc-2", ScheduleAt: t0.Add(time.Hour).Unix(), Amount: 1, Name: "n", Currency: new("KRW")}}}, auth)
	if sch.JSON200 == nil || sch.JSON200.Code != 1 {
		t.Fatalf("schedule issuing a key for a refused card: want code 1, got %s", sch.Body)
	}
	ok, _ := h.client.OnetimeWithResponse(ctx, generated.OnetimePaymentRequest{MerchantUID: "dc-1", Amount: 1000,
		CardNumber: new("4000-0000-0000-0077"), Expiry: "2030-12"}, auth)
	if ok.JSON200 == nil || ok.JSON200.Response.Status != generated.PaymentStatusPaid {
		t.Fatalf("another card for the same order after a refusal: %s", ok.Body)
	}
}

// What go-iamport's tests against api.iamport.kr saw for a customer_uid
// without a key (iamport/subscribe_customer_test.go and
// subscribe_customer/subscribe_customer_test.go): its payments and its
// schedules are empty pages with code 0, page=0 and an empty
// schedule-status= are taken, and lookup and delete answer HTTP 200 code 1.
// make test-clients runs the same calls through go-iamport itself.
func TestUnknownCustomerAsGoIamportsLiveTestsSawIt(t *testing.T) {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	now := h.srv.Now().Unix()
	type envelope struct {
		Code     int             `json:"code"`
		Message  *string         `json:"message"`
		Response json.RawMessage `json:"response"`
	}
	get := func(method, path string) (int, envelope) {
		t.Helper()
		var status int
		var raw []byte
		if strings.Contains(path, "nonsense") || strings.Contains(path, "page=-1") {
			// Off-spec on purpose: sent past the harness's spec check.
			req := newRequest(t, method, h.srv.URL()+path, "")
			req.Header.Set("Authorization", tok)
			status, _, raw = rawCall(t, req)
		} else {
			status, raw = h.send(method, path, "", "", tok)
		}
		var env envelope
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
		return status, env
	}
	window := fmt.Sprintf("from=%d&to=%d", now-100000, now)
	for _, tc := range []struct {
		method, path string
		status, code int
		response     string // "" = not checked
	}{
		{"GET", "/subscribe/customers/gi-nobody/payments?page=0", 200, 0, `{"list":[],"next":0,"previous":0,"total":0}`},
		{"GET", "/subscribe/customers/gi-nobody/payments?page=1", 200, 0, `{"list":[],"next":0,"previous":0,"total":0}`},
		{"GET", "/subscribe/customers/gi-nobody/schedules?page=1&" + window + "&schedule-status=", 200, 0, `{"list":[],"next":0,"previous":0,"total":0}`},
		{"GET", "/subscribe/payments/schedule/customers/gi-nobody?page=1&" + window, 200, 0, `{"list":[],"next":0,"previous":0,"total":0}`},
		{"GET", "/subscribe/customers/gi-nobody", 200, 1, "null"},
		{"DELETE", "/subscribe/customers/gi-nobody?reason=just%20test", 200, 1, "null"},
		// Negative controls: a status that is not empty still has to be one
		// of the three, and page stays non-negative.
		{"GET", "/subscribe/customers/gi-nobody/schedules?page=1&" + window + "&schedule-status=nonsense", 400, -1, ""},
		{"GET", "/subscribe/customers/gi-nobody/payments?page=-1", 400, -1, ""},
	} {
		status, env := get(tc.method, tc.path)
		if status != tc.status || env.Code != tc.code || (tc.response != "" && compactJSON(t, env.Response) != tc.response) {
			t.Errorf("%s %s: got %d code %d %s, want %d code %d %s", tc.method, tc.path, status, env.Code, env.Response, tc.status, tc.code, tc.response)
		}
	}

	// An empty schedule-status= lists every status, as omitting it does.
	auth := h.token()
	ctx := context.Background()
	if r, _ := h.client.CustomerSaveWithResponse(ctx, "gi-cust", generated.SaveBillingKeyRequest{CardNumber: new("4111-1111-1111-1111"), Expiry: "2030-12"}, auth); r.StatusCode() != 200 {
		t.Fatalf("customer_save: %d %s", r.StatusCode(), r.Body)
	}
	at := now + 3600
	if r, _ := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "gi-cust", Schedules: []generated.SchedulePlan{
		{MerchantUID: "gi-s1", ScheduleAt: at, Amount: 1000, Name: "a"}, {MerchantUID: "gi-s2", ScheduleAt: at + 1, Amount: 1000, Name: "b"},
	}}, auth); r.StatusCode() != 200 {
		t.Fatalf("schedule: %d %s", r.StatusCode(), r.Body)
	}
	if r, _ := h.client.UnscheduleWithResponse(ctx, generated.UnschedulePaymentRequest{CustomerUID: new("gi-cust"), MerchantUID: []string{"gi-s2"}}, auth); r.StatusCode() != 200 {
		t.Fatalf("unschedule: %d %s", r.StatusCode(), r.Body)
	}
	range2 := fmt.Sprintf("page=1&from=%d&to=%d", now, at+7200)
	for query, want := range map[string]int{"": 2, "&schedule-status=": 2, "&schedule-status=scheduled": 1, "&schedule-status=revoked": 1} {
		_, env := get("GET", "/subscribe/customers/gi-cust/schedules?"+range2+query)
		var page struct{ Total int }
		if err := json.Unmarshal(env.Response, &page); err != nil || env.Code != 0 || page.Total != want {
			t.Errorf("schedules %q: code %d total %d (%v), want %d", query, env.Code, page.Total, err, want)
		}
	}
}

// compactJSON writes raw with sorted keys, so two answers compare by content.
func compactJSON(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// unschedule takes merchant_uid as one string too, as PortOne's Python
// client sends it in its live tests (fake/leniency.go).
func TestUnscheduleOneOrderAsAString(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	ctx := context.Background()
	tok := h.getToken().AccessToken
	if r, _ := h.client.CustomerSaveWithResponse(ctx, "us-cust", generated.SaveBillingKeyRequest{CardNumber: new("4111-1111-1111-1111"), Expiry: "2030-12"}, auth); r.StatusCode() != 200 {
		t.Fatalf("customer_save: %d %s", r.StatusCode(), r.Body)
	}
	at := h.srv.Now().Unix() + 3600
	if r, _ := h.client.ScheduleWithResponse(ctx, generated.SchedulePaymentRequest{CustomerUID: "us-cust", Schedules: []generated.SchedulePlan{
		{MerchantUID: "us-1", ScheduleAt: at, Amount: 1000, Name: "a"}, {MerchantUID: "us-2", ScheduleAt: at + 1, Amount: 1000, Name: "b"},
	}}, auth); r.StatusCode() != 200 {
		t.Fatalf("schedule: %d %s", r.StatusCode(), r.Body)
	}
	unschedule := func(body string) (int, string) {
		req := newRequest(t, "POST", h.srv.URL()+"/subscribe/payments/unschedule", body)
		req.Header.Set("Authorization", tok)
		req.Header.Set("Content-Type", "application/json")
		status, _, raw := rawCall(t, req)
		return status, string(raw)
	}
	if status, raw := unschedule(`{"customer_uid":"us-cust","merchant_uid":"us-2"}`); status != 200 ||
		!strings.Contains(raw, `"merchant_uid":"us-2"`) || strings.Contains(raw, `"us-1"`) || !strings.Contains(raw, `"revoked"`) {
		t.Fatalf("one order as a string: %d %s", status, raw)
	}
	if status, raw := unschedule(`{"customer_uid":"us-cust","merchant_uid":"us-2"}`); status != 200 || !strings.Contains(raw, `"code":1`) {
		t.Fatalf("the same again: want HTTP 200 code 1, got %d %s", status, raw)
	}
	// Negative controls: a number is still refused, and the list form works as before.
	if status, raw := unschedule(`{"customer_uid":"us-cust","merchant_uid":5}`); status != 400 {
		t.Fatalf("a number: want 400, got %d %s", status, raw)
	}
	if status, raw := unschedule(`{"customer_uid":"us-cust","merchant_uid":["us-1"]}`); status != 200 || !strings.Contains(raw, `"us-1"`) {
		t.Fatalf("a list: %d %s", status, raw)
	}
}
