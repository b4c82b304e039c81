package fake

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// The payment window (결제창) the fake's browser SDK opens: it shows the
// order and lets the buyer approve, fail or close it. Its whole state
// travels in the page (the IMP.request_pay parameters as JSON), so an
// abandoned window leaves nothing behind in the fake. Only the buyer's
// decision creates something: a payment stored exactly like one made
// through the API (same record, same preparePayment check, same webhook).

const (
	windowPath    = controlPrefix + "/window"
	maxWindowBody = 64 << 10 // a form of a few fields and the JSON parameters

	// Callback error codes. The real codes come from each PG and vary; these
	// are the fake's own, stable so tests can match them.
	errCodeUserCancel = "USER_CANCEL"
	errCodeRefused    = "FAKE_REFUSED"
	defaultFailCode   = "F1004"
	defaultFailMsg    = "카드 한도가 초과되었습니다. (portone-fake: 실패 버튼)"
	// msgUserCancel is the reason PortOne shows when the buyer closes the window.
	msgUserCancel = "사용자가 결제를 취소하셨습니다"
)

// windowParams are the IMP.request_pay and IMP.certification parameters
// the fake reads (PortOne's JavaScript SDK reference; iamport-typings'
// RequestPayParams). Others are accepted and ignored.
type windowParams struct {
	PG            string          `json:"pg"`
	PayMethod     string          `json:"pay_method"`
	MerchantUID   string          `json:"merchant_uid"`
	Name          string          `json:"name"`
	Amount        float64         `json:"amount"`
	Currency      string          `json:"currency"`
	TaxFree       float64         `json:"tax_free"`
	BuyerName     string          `json:"buyer_name"`
	BuyerEmail    string          `json:"buyer_email"`
	BuyerTel      string          `json:"buyer_tel"`
	BuyerAddr     string          `json:"buyer_addr"`
	BuyerPostcode string          `json:"buyer_postcode"`
	CustomData    json.RawMessage `json:"custom_data"`
	NoticeURL     json.RawMessage `json:"notice_url"` // a string or an array of strings
	MRedirectURL  string          `json:"m_redirect_url"`
	VbankDue      string          `json:"vbank_due"`
	Escrow        bool            `json:"escrow"`
	// NaverProducts, for pg naverco, are read by naverOrdersFromSDK.
	NaverProducts json.RawMessage `json:"naverProducts"`
	// IMP.certification only.
	Company string `json:"company"`
	Carrier string `json:"carrier"`
	Phone   string `json:"phone"`
	MinAge  int    `json:"min_age"`
}

// windowRequest is one opening of the window: what the SDK put in the URL
// (GET) and the form posts back (POST).
type windowRequest struct {
	Kind      string // payment or certification
	Mode      string // callback (overlay) or redirect (whole tab)
	UserCode  string
	TierCode  string
	Origin    string // the shop page's origin, the target of postMessage
	Nonce     string
	RawParams string
	Params    windowParams
}

func readWindowRequest(v url.Values) (windowRequest, string) {
	wr := windowRequest{
		Kind: v.Get("kind"), Mode: v.Get("mode"), UserCode: v.Get("user_code"), TierCode: v.Get("tier_code"),
		Origin: v.Get("origin"), Nonce: v.Get("nonce"), RawParams: v.Get("params"),
	}
	if wr.Kind != "payment" && wr.Kind != "certification" {
		return wr, "portone-fake: kind must be payment or certification"
	}
	if wr.Mode != "callback" && wr.Mode != "redirect" {
		return wr, "portone-fake: mode must be callback or redirect"
	}
	if err := json.Unmarshal([]byte(wr.RawParams), &wr.Params); err != nil {
		return wr, "portone-fake: 결제 파라미터를 읽을 수 없습니다: " + err.Error()
	}
	if wr.Mode == "redirect" {
		if u, err := url.Parse(wr.Params.MRedirectURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return wr, "portone-fake: m_redirect_url must be an absolute http(s) URL"
		}
	}
	if wr.Mode == "callback" {
		if u, err := url.Parse(wr.Origin); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return wr, "portone-fake: origin must be the opening page's origin"
		}
	}
	return wr, ""
}

// check says why the window refuses to take a payment, as PortOne's does
// before showing the PG: unknown merchant code, missing order id, bad amount.
func (wr windowRequest) check(userCode string) string {
	p := wr.Params
	switch {
	case wr.UserCode != userCode:
		return fmt.Sprintf("가맹점 식별코드 %q가 올바르지 않습니다. (portone-fake는 %s를 받습니다)", wr.UserCode, userCode)
	case wr.Kind == "payment" && p.MerchantUID == "":
		return "merchant_uid는 필수입니다."
	case wr.Kind == "payment" && !(p.Amount >= 0 && p.Amount < 1e15):
		return "amount가 올바르지 않습니다."
	case wr.Kind == "payment" && !(p.TaxFree >= 0 && p.TaxFree <= p.Amount):
		return "tax_free는 0 이상 amount 이하여야 합니다."
	case wr.Kind == "payment" && !windowMethods[wr.method()]:
		return fmt.Sprintf("portone-fake: pay_method %q is not emulated (card, trans, phone, vbank)", wr.method())
	}
	return ""
}

// windowMethods are the pay_method values the window emulates.
var windowMethods = map[string]bool{"card": true, "trans": true, "phone": true, "vbank": true}

var methodLabels = map[string]string{"card": "신용카드", "trans": "실시간계좌이체", "phone": "휴대폰소액결제", "vbank": "가상계좌"}

func (wr windowRequest) method() string { return cmp.Or(wr.Params.PayMethod, "card") }

// pg splits "provider.MID" (PortOne's pg parameter) and fills the
// console's default channel when the page names none.
func (wr windowRequest) pg() (provider, pgID string) {
	def := "html5_inicis"
	if wr.Kind == "certification" {
		def = "inicis_unified"
	}
	provider, pgID, _ = strings.Cut(cmp.Or(wr.Params.PG, def), ".")
	return provider, cmp.Or(pgID, "INIpayTest")
}

func (wr windowRequest) noticeURL() string {
	var one string
	if json.Unmarshal(wr.Params.NoticeURL, &one) == nil {
		return one
	}
	var many []string
	if json.Unmarshal(wr.Params.NoticeURL, &many) == nil && len(many) > 0 {
		return many[0]
	}
	return ""
}

// customData keeps a string as it is and any other JSON value as its text:
// the API answers custom_data as a string.
func (wr windowRequest) customData() *string {
	raw := bytes.TrimSpace(wr.Params.CustomData)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return &s
	}
	return new(string(raw))
}

var windowTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"money": formatMoney,
}).ParseFS(assets, "assets/window.html", "assets/result.html"))

// formatMoney writes 39000 as 39,000 (and keeps decimals for USD cents).
func formatMoney(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "00"), ".")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && whole[0] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

type windowPage struct {
	windowRequest
	Method      string
	MethodLabel string
	PG          string
	Refusal     string
}

// getWindow shows the window; a request the window refuses shows the
// refusal and only the close button's way out.
func (s *Server) getWindow(w http.ResponseWriter, r *http.Request) {
	wr, bad := readWindowRequest(r.URL.Query())
	if bad != "" {
		writeError(w, http.StatusBadRequest, codeFailure, bad)
		return
	}
	provider, _ := wr.pg()
	page := windowPage{windowRequest: wr, Method: wr.method(), MethodLabel: methodLabels[wr.method()], PG: provider,
		Refusal: wr.check(s.userCode)}
	s.render(w, "window.html", page)
}

func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := windowTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		writeError(w, http.StatusInternalServerError, codeFailure, "portone-fake: render "+name+": "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// postWindow carries out the buyer's decision and hands the result back:
// to the opening page's callback (postMessage from the overlay) or to
// m_redirect_url as a query string.
func (s *Server) postWindow(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxWindowBody)
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid form: "+err.Error())
		return
	}
	wr, bad := readWindowRequest(r.PostForm)
	if bad != "" {
		writeError(w, http.StatusBadRequest, codeFailure, bad)
		return
	}
	action := r.PostForm.Get("action")
	if action != "approve" && action != "fail" && action != "close" {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: action must be approve, fail or close")
		return
	}
	var res windowResult
	if refusal := wr.check(s.userCode); refusal != "" {
		res = refusedResult(wr, refusal)
	} else if wr.Kind == "certification" {
		res = s.certify(wr, action, r.PostForm)
	} else {
		res = s.pay(wr, action, r.PostForm)
	}
	if wr.Mode == "redirect" {
		http.Redirect(w, r, res.redirectURL(wr.Params.MRedirectURL), http.StatusSeeOther)
		return
	}
	s.render(w, "result.html", struct {
		Message any
		Origin  string
		Result  windowResult
	}{map[string]any{"type": "portone-fake:result", "nonce": wr.Nonce, "response": res.Response}, wr.Origin, res})
}

// windowResult is what the SDK hands back: the callback's response object
// and, in redirect mode, the query parameters of m_redirect_url.
type windowResult struct {
	Response map[string]any
	Query    url.Values
}

func (res windowResult) redirectURL(base string) string {
	u, _ := url.Parse(base) // checked by readWindowRequest
	q := u.Query()
	for k, vs := range res.Query {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func refusedResult(wr windowRequest, msg string) windowResult {
	rsp := map[string]any{"success": false, "imp_success": false, "imp_uid": nil,
		"merchant_uid": wr.Params.MerchantUID, "error_code": errCodeRefused, "error_msg": msg}
	q := url.Values{"merchant_uid": {wr.Params.MerchantUID}, "error_code": {errCodeRefused}, "error_msg": {msg}}
	if wr.Kind == "certification" {
		q.Set("success", "false")
	} else {
		q.Set("imp_success", "false")
	}
	return windowResult{Response: rsp, Query: q}
}

// pay stores the payment the buyer's decision makes, through the same
// code as payments made through the API: a registered amount that differs,
// a refused test card or an order already paid make it fail like there.
func (s *Server) pay(wr windowRequest, action string, form url.Values) windowResult {
	prm := wr.Params
	provider, pgID := wr.pg()
	channel := generated.PaymentChannelPc
	if wr.Mode == "redirect" {
		channel = generated.PaymentChannelMobile
	}
	p := generated.Payment{
		MerchantUID: prm.MerchantUID, Amount: prm.Amount, Currency: cmp.Or(prm.Currency, "KRW"),
		PayMethod: wr.method(), PgProvider: provider, PgID: &pgID, Channel: &channel, Escrow: prm.Escrow,
		Name: optional(prm.Name), CustomData: wr.customData(),
		BuyerName: optional(prm.BuyerName), BuyerEmail: optional(prm.BuyerEmail), BuyerTel: optional(prm.BuyerTel),
		BuyerAddr: optional(prm.BuyerAddr), BuyerPostcode: optional(prm.BuyerPostcode),
	}
	now := s.clock.unix()
	errCode := ""
	switch action {
	case "close":
		p.Status, p.FailReason, errCode = generated.PaymentStatusFailed, new(msgUserCancel), errCodeUserCancel
	case "fail":
		code := cmp.Or(strings.TrimSpace(form.Get("fail_code")), defaultFailCode)
		msg := cmp.Or(strings.TrimSpace(form.Get("fail_msg")), defaultFailMsg)
		p.Status, p.FailReason, errCode = generated.PaymentStatusFailed, new("["+code+"] "+msg), code
	default:
		p.Status = generated.PaymentStatusPaid
		switch p.PayMethod {
		case "card":
			p.CardNumber = new(maskCard(cmp.Or(form.Get("card_number"), "5594100000001234")))
		case "trans":
			p.BankCode, p.BankName = new("004"), new("KB국민은행")
		case "vbank":
			p.Status = generated.PaymentStatusReady
			p.VbankDate = vbankDue(prm.VbankDue, now)
		}
	}
	var naverSeed []generated.NaverProductOrder
	if provider == naverOrderPG && p.Status == generated.PaymentStatusPaid {
		if orders, total, ok := naverOrdersFromSDK(prm.NaverProducts, p.Currency); ok {
			naverSeed, p.Amount = orders, total
		}
	}
	st := s.store
	st.mu.Lock()
	out, refusal := st.addOrderLocked(&record{p: p, taxFree: prm.TaxFree, noticeURL: wr.noticeURL(), naverSeed: naverSeed})
	st.mu.Unlock()
	if refusal != "" {
		return refusedResult(wr, refusal)
	}
	// PortOne's webhook fires when a payment is approved or a virtual
	// account issued, not when a window payment fails.
	if out.Status == generated.PaymentStatusPaid || out.Status == generated.PaymentStatusReady {
		st.notify(wr.noticeURL(), out)
	}
	if out.Status == generated.PaymentStatusFailed && errCode == "" {
		errCode = errCodeRefused // the store failed it: amount differs from preparePayment, refused card
	}
	return paymentResult(out, errCode)
}

// paymentResult is the callback's response (the fields of iamport-typings'
// RequestPayResponse, taken from the stored payment) and the redirect query
// (imp_uid, merchant_uid, imp_success, and error_code/error_msg on failure).
func paymentResult(p generated.Payment, errCode string) windowResult {
	success := p.Status == generated.PaymentStatusPaid || p.Status == generated.PaymentStatusReady
	rsp := map[string]any{
		"success": success, "imp_success": success, "imp_uid": p.ImpUID, "merchant_uid": p.MerchantUID,
		"pay_method": p.PayMethod, "paid_amount": p.Amount, "currency": p.Currency, "status": string(p.Status),
		"name": deref(p.Name), "pg_provider": p.PgProvider, "pg_type": "payment", "pg_tid": deref(p.PgTid),
		"buyer_name": deref(p.BuyerName), "buyer_email": deref(p.BuyerEmail), "buyer_tel": deref(p.BuyerTel),
		"buyer_addr": deref(p.BuyerAddr), "buyer_postcode": deref(p.BuyerPostcode),
		"custom_data": p.CustomData, "paid_at": p.PaidAt, "receipt_url": deref(p.ReceiptURL),
	}
	switch p.PayMethod {
	case "card":
		rsp["apply_num"], rsp["card_name"], rsp["card_number"], rsp["card_quota"] = deref(p.ApplyNum), deref(p.CardName), deref(p.CardNumber), p.CardQuota
	case "trans":
		rsp["bank_name"] = deref(p.BankName)
	case "vbank":
		rsp["vbank_num"], rsp["vbank_name"], rsp["vbank_holder"], rsp["vbank_date"] = deref(p.VbankNum), deref(p.VbankName), deref(p.VbankHolder), p.VbankDate
	}
	q := url.Values{"imp_uid": {p.ImpUID}, "merchant_uid": {p.MerchantUID}, "imp_success": {fmt.Sprint(success)}}
	if !success {
		rsp["error_code"], rsp["error_msg"] = errCode, deref(p.FailReason)
		q.Set("error_code", errCode)
		q.Set("error_msg", deref(p.FailReason))
	}
	return windowResult{Response: rsp, Query: q}
}

// vbankDue reads the vbank_due formats PortOne documents (YYYYMMDD,
// YYYY-MM-DD, YYYYMMDDHHmm(ss), YYYY-MM-DD HH:mm(:ss), in KST); a date
// alone means the end of that day. Missing, unreadable or past: three days.
func vbankDue(s string, now int64) int64 {
	s = strings.NewReplacer("-", "", ":", "", " ", "").Replace(strings.TrimSpace(s))
	for _, layout := range []string{"20060102150405", "200601021504", "20060102"} {
		t, err := time.ParseInLocation(layout, s, kst)
		if err != nil {
			continue
		}
		if layout == "20060102" {
			t = t.Add(24*time.Hour - time.Second)
		}
		if t.Unix() > now {
			return t.Unix()
		}
		break
	}
	return now + 3*24*3600
}

// certify finishes an IMP.certification window: approve stores a verified
// identity that GET /certifications/{imp_uid} answers.
func (s *Server) certify(wr windowRequest, action string, form url.Values) windowResult {
	prm := wr.Params
	if action != "approve" {
		code, msg := errCodeUserCancel, "사용자가 본인인증을 취소하셨습니다"
		if action == "fail" {
			code = cmp.Or(strings.TrimSpace(form.Get("fail_code")), "F0001")
			msg = cmp.Or(strings.TrimSpace(form.Get("fail_msg")), "본인인증에 실패했습니다. (portone-fake: 실패 버튼)")
		}
		return windowResult{
			Response: map[string]any{"success": false, "imp_uid": nil, "merchant_uid": prm.MerchantUID, "error_code": code, "error_msg": msg},
			Query:    url.Values{"success": {"false"}, "merchant_uid": {prm.MerchantUID}, "error_code": {code}, "error_msg": {msg}},
		}
	}
	provider, _ := wr.pg()
	birthday := time.Date(1990, 1, 1, 0, 0, 0, 0, kst)
	carrier := generated.Carrier(cmp.Or(prm.Carrier, string(generated.CarrierSKT)))
	now := s.clock.unix()
	st := s.store
	st.mu.Lock()
	st.seq++
	c := generated.Certification{
		ImpUID: fmt.Sprintf("imp_%012d", 100000000000+st.seq), MerchantUID: optional(prm.MerchantUID),
		PgProvider: provider, PgTid: new(fmt.Sprintf("fake_cert_%d", st.seq)),
		Name: new(cmp.Or(prm.Name, "홍길동")), Phone: new(cmp.Or(prm.Phone, "01012345678")), Carrier: &carrier,
		Gender: new(generated.GenderMale), Birthday: new(birthday.Format(time.DateOnly)), Birth: new(birthday.Unix()),
		Certified: true, CertifiedAt: now, Origin: optional(wr.Origin),
	}
	c.UniqueKey = new("fake-ci-" + c.ImpUID)
	c.UniqueInSite = new("fake-di-" + c.ImpUID)
	st.certifications[c.ImpUID] = &c
	st.mu.Unlock()
	return windowResult{
		Response: map[string]any{"success": true, "imp_uid": c.ImpUID, "merchant_uid": prm.MerchantUID,
			"pg_provider": provider, "pg_type": "certification"},
		Query: url.Values{"success": {"true"}, "imp_uid": {c.ImpUID}, "merchant_uid": {prm.MerchantUID}},
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
