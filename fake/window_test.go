package fake_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// The payment window's HTTP side, without a browser (examples/shop drives
// it in one): what the SDK puts in the URL, what the buttons post.

func TestSDKIsServedAtTheCDNPath(t *testing.T) {
	h := newHarness(t)
	resp, err := http.Get(h.srv.URL() + "/v1/iamport.js")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	js, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("GET /v1/iamport.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, name := range []string{"init:", "agency:", "request_pay:", "certification:", "m_redirect_url", "/__fake/window"} {
		if !strings.Contains(string(js), name) {
			t.Errorf("SDK lacks %q", name)
		}
	}
}

// windowForm is what the window's form posts for params.
func windowForm(h *harness, mode, action string, params map[string]any) url.Values {
	raw, _ := json.Marshal(params)
	return url.Values{"kind": {"payment"}, "mode": {mode}, "user_code": {h.srv.UserCode()}, "origin": {"http://shop.example"},
		"nonce": {"n1"}, "params": {string(raw)}, "action": {action}}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postWindow posts the form and returns the status, the Location and the
// result the page hands to the SDK (callback mode).
func postWindow(t *testing.T, h *harness, form url.Values) (int, string, map[string]any) {
	t.Helper()
	resp, err := noRedirect.PostForm(h.srv.URL()+"/__fake/window", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`postMessage\((\{.*\}), "`).FindSubmatch(body)
	if m == nil {
		return resp.StatusCode, resp.Header.Get("Location"), nil
	}
	var msg struct {
		Type     string         `json:"type"`
		Nonce    string         `json:"nonce"`
		Response map[string]any `json:"response"`
	}
	if err := json.Unmarshal(m[1], &msg); err != nil {
		t.Fatalf("result page message: %v in %s", err, m[1])
	}
	if msg.Type != "portone-fake:result" || msg.Nonce != form.Get("nonce") {
		t.Errorf("message %+v", msg)
	}
	return resp.StatusCode, "", msg.Response
}

func (h *harness) paymentByOrder(merchantUID string) generated.Payment {
	h.t.Helper()
	resp, err := h.client.GetPaymentByMerchantUIDAnyStatusWithResponse(context.Background(), merchantUID, nil, h.token())
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.JSON200 == nil || resp.JSON200.Response == nil {
		h.t.Fatalf("payment of %s: %d %s", merchantUID, resp.StatusCode(), resp.Body)
	}
	return *resp.JSON200.Response
}

func (h *harness) prepare(merchantUID string, amount float64) {
	h.t.Helper()
	resp, err := h.client.PreparePaymentWithResponse(context.Background(),
		generated.PreparePaymentRequest{MerchantUID: merchantUID, Amount: amount}, h.token())
	if err != nil || resp.StatusCode() != http.StatusOK {
		h.t.Fatalf("prepare: %v %s", err, resp.Body)
	}
}

// An approved window payment is stored like an API payment (the lookup
// is held to the spec by the harness) and announced to notice_url; the
// callback's response tells the same story.
func TestWindowApprovePaysAndAnnounces(t *testing.T) {
	h := newHarness(t)
	got := make(chan fake.Webhook, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var wh fake.Webhook
		_ = json.NewDecoder(r.Body).Decode(&wh)
		got <- wh
	}))
	defer hook.Close()
	h.prepare("win-1", 39000)
	status, _, rsp := postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{
		"pg": "kcp.T0000", "pay_method": "card", "merchant_uid": "win-1", "name": "머그컵", "amount": 39000,
		"buyer_name": "김구매", "notice_url": []string{hook.URL}, "custom_data": map[string]any{"cart": 7},
	}))
	if status != http.StatusOK || rsp == nil {
		t.Fatalf("approve: %d, response %v", status, rsp)
	}
	p := h.paymentByOrder("win-1")
	if p.Status != generated.PaymentStatusPaid || p.PgProvider != "kcp" || deref(p.PgID) != "T0000" || p.Amount != 39000 ||
		deref(p.CustomData) != `{"cart":7}` || deref(p.Channel) != generated.PaymentChannelPc || p.PaidAt == 0 || deref(p.ApplyNum) == "" {
		t.Errorf("stored payment %+v", p)
	}
	if rsp["success"] != true || rsp["imp_uid"] != p.ImpUID || rsp["status"] != "paid" || rsp["paid_amount"] != 39000.0 {
		t.Errorf("callback response %v", rsp)
	}
	select {
	case wh := <-got:
		if wh.ImpUID != p.ImpUID || wh.Status != "paid" {
			t.Errorf("webhook %+v", wh)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no webhook")
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(h.srv.Webhooks()) == 0 || h.srv.Webhooks()[0].Status == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("delivery log %+v", h.srv.Webhooks())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if d := h.srv.Webhooks()[0]; d.URL != hook.URL || d.Status != http.StatusOK || d.Webhook.ImpUID != p.ImpUID {
		t.Errorf("delivery %+v", d)
	}
}

// The callback tells the truth: an amount other than the registered one
// fails (control: the registered amount passes, above), a virtual account
// succeeds with status ready, a close fails with PortOne's reason.
func TestWindowOutcomes(t *testing.T) {
	h := newHarness(t)
	h.prepare("win-2", 39000)
	_, _, rsp := postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{"merchant_uid": "win-2", "amount": 100}))
	if rsp["success"] != false || rsp["status"] != "failed" || rsp["error_code"] != "FAKE_REFUSED" {
		t.Errorf("tampered amount: %v", rsp)
	}
	_, _, rsp = postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{
		"merchant_uid": "win-3", "amount": 5000, "pay_method": "vbank", "vbank_due": "20301231"}))
	want := time.Date(2030, 12, 31, 23, 59, 59, 0, time.FixedZone("KST", 9*3600)).Unix()
	if rsp["success"] != true || rsp["status"] != "ready" || rsp["vbank_num"] == "" || rsp["vbank_date"] != float64(want) {
		t.Errorf("vbank: %v (want vbank_date %d)", rsp, want)
	}
	if p := h.paymentByOrder("win-3"); p.Status != generated.PaymentStatusReady || p.VbankDate != want {
		t.Errorf("vbank stored %s %d", p.Status, p.VbankDate)
	}
	_, _, rsp = postWindow(t, h, windowForm(h, "callback", "close", map[string]any{"merchant_uid": "win-4", "amount": 5000}))
	if rsp["success"] != false || rsp["error_code"] != "USER_CANCEL" || rsp["error_msg"] != "사용자가 결제를 취소하셨습니다" {
		t.Errorf("close: %v", rsp)
	}
	form := windowForm(h, "callback", "fail", map[string]any{"merchant_uid": "win-5", "amount": 5000})
	form.Set("fail_code", "F9999")
	form.Set("fail_msg", "잔액 부족")
	_, _, rsp = postWindow(t, h, form)
	if rsp["success"] != false || rsp["error_code"] != "F9999" || rsp["error_msg"] != "[F9999] 잔액 부족" {
		t.Errorf("fail: %v", rsp)
	}
	// An order paid once is not paid again.
	_, _, rsp = postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{"merchant_uid": "win-6", "amount": 10}))
	_, _, again := postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{"merchant_uid": "win-6", "amount": 10}))
	if rsp["success"] != true || again["success"] != false || again["imp_uid"] != nil {
		t.Errorf("second payment of one order: first %v, second %v", rsp, again)
	}
}

func TestWindowRedirectMode(t *testing.T) {
	h := newHarness(t)
	status, loc, _ := postWindow(t, h, windowForm(h, "redirect", "approve", map[string]any{
		"merchant_uid": "win-r", "amount": 1000, "m_redirect_url": "https://shop.example/done?keep=1"}))
	u, err := url.Parse(loc)
	if status != http.StatusSeeOther || err != nil {
		t.Fatalf("redirect: %d %q", status, loc)
	}
	q := u.Query()
	p := h.paymentByOrder("win-r")
	if u.Host != "shop.example" || q.Get("keep") != "1" || q.Get("imp_uid") != p.ImpUID || q.Get("merchant_uid") != "win-r" ||
		q.Get("imp_success") != "true" || q.Has("error_msg") {
		t.Errorf("redirect to %s", loc)
	}
	if deref(p.Channel) != generated.PaymentChannelMobile {
		t.Errorf("channel %v", deref(p.Channel))
	}
	_, loc, _ = postWindow(t, h, windowForm(h, "redirect", "close", map[string]any{
		"merchant_uid": "win-r2", "amount": 1000, "m_redirect_url": "https://shop.example/done"}))
	if q, _ := url.ParseQuery(strings.SplitN(loc, "?", 2)[1]); q.Get("imp_success") != "false" || q.Get("error_msg") == "" {
		t.Errorf("closed redirect to %s", loc)
	}
}

// A window the fake refuses (wrong merchant code) shows why and stores
// nothing; malformed requests get an envelope and a 4xx.
func TestWindowRefusesAndValidates(t *testing.T) {
	h := newHarness(t)
	form := windowForm(h, "callback", "approve", map[string]any{"merchant_uid": "win-x", "amount": 1000})
	form.Set("user_code", "imp99999999")
	resp, err := http.Get(h.srv.URL() + "/__fake/window?" + form.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(html.UnescapeString(string(page)), "imp99999999") || strings.Contains(string(page), `data-action="approve"`) {
		t.Errorf("refused window page: %s", page)
	}
	_, _, rsp := postWindow(t, h, form)
	if rsp["success"] != false || rsp["error_code"] != "FAKE_REFUSED" {
		t.Errorf("refused approve: %v", rsp)
	}
	// Control: the same window with the right code shows the button.
	form.Set("user_code", h.srv.UserCode())
	resp, err = http.Get(h.srv.URL() + "/__fake/window?" + form.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `data-action="approve"`) || !strings.Contains(string(page), "1,000") {
		t.Errorf("window page lacks the approve button or amount: %s", page)
	}

	for name, change := range map[string]func(url.Values){
		"no kind":        func(v url.Values) { v.Del("kind") },
		"bad params":     func(v url.Values) { v.Set("params", "{") },
		"bad action":     func(v url.Values) { v.Set("action", "steal") },
		"no origin":      func(v url.Values) { v.Set("origin", "javascript:alert(1)") },
		"relative url":   func(v url.Values) { v.Set("mode", "redirect") },
		"huge body":      func(v url.Values) { v.Set("params", strings.Repeat("x", 100<<10)) },
		"amount as text": func(v url.Values) { v.Set("params", `{"merchant_uid":"a","amount":"1000"}`) },
	} {
		f := windowForm(h, "callback", "approve", map[string]any{"merchant_uid": "win-v", "amount": 1000})
		change(f)
		resp, err := noRedirect.PostForm(h.srv.URL()+"/__fake/window", f)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s: status %d, want 4xx", name, resp.StatusCode)
			continue
		}
		assertFailureEnvelope(t, body)
	}
}

// The dashboard lists what the fake holds and its forms drive the
// controls.
func TestDashboard(t *testing.T) {
	h := newHarness(t)
	paid := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "dash-paid", Amount: 1234}})
	ready := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "dash-vbank", Amount: 5000, PayMethod: "vbank", Status: generated.PaymentStatusReady}})
	if r, err := h.client.CustomerSaveWithResponse(context.Background(), "cust-dash", generated.SaveBillingKeyRequest{
		ChannelKey: new("k"), CardNumber: new("4111111111111111"), Expiry: "2030-12"}, h.token()); err != nil || r.JSON200 == nil {
		t.Fatalf("customer_save: %v", err)
	}
	page := h.dashboard()
	for _, want := range []string{paid.ImpUID, ready.ImpUID, "1,234", "cust-dash", "No schedules.", "No webhooks sent.", `data-control="deposit"`, `data-control="advance"`, `data-control="fault"`} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if n := strings.Count(page, `data-control="deposit"`); n != 1 {
		t.Errorf("%d deposit buttons, want 1 (only the ready account)", n)
	}
	loc := h.dashboardForm("/__fake/ui/deposit", url.Values{"imp_uid": {ready.ImpUID}})
	if !strings.Contains(loc, "deposited") {
		t.Errorf("deposit answered %s", loc)
	}
	if p := h.paymentByOrder("dash-vbank"); p.Status != generated.PaymentStatusPaid {
		t.Errorf("after deposit: %s", p.Status)
	}
	before := h.srv.Now()
	h.dashboardForm("/__fake/ui/clock", url.Values{"advance_seconds": {"3600"}})
	if got := h.srv.Now().Sub(before); got != time.Hour {
		t.Errorf("clock moved %v, want 1h", got)
	}
	if loc := h.dashboardForm("/__fake/ui/clock", url.Values{"advance_seconds": {"-5"}}); !strings.Contains(loc, "advance_seconds") {
		t.Errorf("bad advance answered %s", loc)
	}
	h.dashboardForm("/__fake/ui/faults", url.Values{"operation": {"getPaymentByImpUid"}, "status": {"503"}, "count": {"1"}})
	h.transport.forced.Store(0)
	resp, err := h.client.GetPaymentByImpUIDWithResponse(context.Background(), paid.ImpUID, nil, h.token())
	if err != nil || resp.StatusCode() != http.StatusServiceUnavailable {
		t.Errorf("queued fault: %v %d", err, resp.StatusCode())
	}
	if loc := h.dashboardForm("/__fake/ui/faults", url.Values{"operation": {"noSuchOperation"}}); !strings.Contains(loc, "noSuchOperation") {
		t.Errorf("bad fault answered %s", loc)
	}
	h.dashboardForm("/__fake/ui/faults/clear", nil)
}

func (h *harness) dashboard() string {
	h.t.Helper()
	resp, err := http.Get(h.srv.URL() + "/__fake/")
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		h.t.Fatalf("GET /__fake/: %d %s", resp.StatusCode, b)
	}
	return string(b)
}

// dashboardForm posts a dashboard form and returns the flash line it
// redirects to.
func (h *harness) dashboardForm(path string, form url.Values) string {
	h.t.Helper()
	resp, err := noRedirect.PostForm(h.srv.URL()+path, form)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		h.t.Fatalf("POST %s: %d", path, resp.StatusCode)
	}
	u, _ := url.Parse(resp.Header.Get("Location"))
	return u.Query().Get("flash")
}
