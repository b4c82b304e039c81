package fake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

const formType = "application/x-www-form-urlencoded"

// formStep is one request, written once as JSON and once as a form.
type formStep struct {
	name, method, path, json, form string
}

// TestFormAndJSONAgree runs the same requests on three fakes, one in
// JSON, one form-encoded in each pattern clients use, one with the same
// fields as multipart/form-data, and wants the same status and the same
// bytes back: the form reaches validation and the handler as
// the JSON body it stands for. The refusals (wrong type, missing field)
// show that a form is validated like JSON; their messages are compared
// too.
func TestFormAndJSONAgree(t *testing.T) {
	steps := []formStep{
		{"getToken (go-iamport)", "POST", "/users/getToken",
			`{"imp_key":"fake_imp_key","imp_secret":"fake_imp_secret"}`, "imp_key=fake_imp_key& imp_secret=fake_imp_secret"},
		{"prepare", "POST", "/payments/prepare", `{"merchant_uid":"fa-1","amount":1000}`, "merchant_uid=fa-1&amount=1000"},
		{"prepare edit", "PUT", "/payments/prepare", `{"merchant_uid":"fa-1","amount":2000}`, "merchant_uid=fa-1& amount=2000"},
		{"prepare: wrong type", "POST", "/payments/prepare", `{"merchant_uid":"fa-2","amount":"abc"}`, "merchant_uid=fa-2&amount=abc"},
		{"prepare: missing field", "POST", "/payments/prepare", `{"merchant_uid":"fa-2"}`, "merchant_uid=fa-2"},
		{"prepare: object for a string", "POST", "/payments/prepare", `{"merchant_uid":{"a":"b"},"amount":1}`, "merchant_uid[a]=b&amount=1"},
		{"partial cancel, checksum", "POST", "/payments/cancel",
			`{"merchant_uid":"fa-paid","amount":300,"checksum":5000,"reason":"부분 환불"}`,
			"merchant_uid=fa-paid&amount=300&checksum=5000&reason=%EB%B6%80%EB%B6%84+%ED%99%98%EB%B6%88"},
		{"partial cancel, stale checksum", "POST", "/payments/cancel",
			`{"merchant_uid":"fa-paid","amount":300,"checksum":5000}`, "merchant_uid=fa-paid& amount=300& checksum=5000"},
		{"partial cancel, empty checksum = null", "POST", "/payments/cancel",
			`{"merchant_uid":"fa-paid","amount":200,"checksum":null,"extra":{"requester":"customer"}}`,
			"merchant_uid=fa-paid&amount=200&checksum=&extra%5Brequester%5D=customer"},
		{"cancel: wrong boolean", "POST", "/payments/cancel",
			`{"merchant_uid":"fa-paid","enable_webhook":"maybe"}`, "merchant_uid=fa-paid&enable_webhook=maybe"},
		{"billing key", "POST", "/subscribe/customers/fa-cust",
			`{"channel_key":"channel-key-test","card_number":"4111-1111-1111-1111","expiry":"2031-01","birth":"900101","pwd_2digit":"00","customer_name":"홍길동"}`,
			"channel_key=channel-key-test&card_number=4111-1111-1111-1111&expiry=2031-01&birth=900101&pwd_2digit=00&customer_name=홍길동"},
		{"onetime with a billing key", "POST", "/subscribe/payments/onetime",
			`{"merchant_uid":"fa-one","amount":9900,"card_number":"4111-1111-1111-1111","expiry":"2031-01","customer_uid":"fa-cust2","name":"첫 결제"}`,
			"merchant_uid=fa-one& amount=9900& card_number=4111-1111-1111-1111& expiry=2031-01& customer_uid=fa-cust2& name=첫 결제"},
		{"again", "POST", "/subscribe/payments/again",
			`{"customer_uid":"fa-cust","merchant_uid":"fa-again","amount":4900,"name":"2회차","extra":{"naverUseCfm":"20250101"}}`,
			"customer_uid=fa-cust&merchant_uid=fa-again&amount=4900&name=2%ED%9A%8C%EC%B0%A8&extra[naverUseCfm]=20250101"},
		{"schedule: array of objects", "POST", "/subscribe/payments/schedule",
			`{"customer_uid":"fa-cust","schedules":[` +
				`{"merchant_uid":"fa-s1","schedule_at":1750086400,"amount":4900,"currency":"KRW","name":"3회차"},` +
				`{"merchant_uid":"fa-s2","schedule_at":1750172800,"amount":4900,"currency":"KRW","name":"4회차","notice_url":"http://127.0.0.1:1/hook"}]}`,
			"customer_uid=fa-cust" +
				"&schedules[0][merchant_uid]=fa-s1&schedules[0][schedule_at]=1750086400&schedules[0][amount]=4900&schedules[0][currency]=KRW&schedules[0][name]=3%ED%9A%8C%EC%B0%A8" +
				"&schedules%5B1%5D%5Bmerchant_uid%5D=fa-s2&schedules%5B1%5D%5Bschedule_at%5D=1750172800&schedules%5B1%5D%5Bamount%5D=4900" +
				"&schedules%5B1%5D%5Bcurrency%5D=KRW&schedules%5B1%5D%5Bname%5D=4%ED%9A%8C%EC%B0%A8&schedules%5B1%5D%5Bnotice_url%5D=http%3A%2F%2F127.0.0.1%3A1%2Fhook"},
		{"schedule: wrong type in an item", "POST", "/subscribe/payments/schedule",
			`{"customer_uid":"fa-cust","schedules":[{"merchant_uid":"fa-s3","schedule_at":"soon","amount":1,"currency":"KRW","name":"x"}]}`,
			"customer_uid=fa-cust&schedules[0][merchant_uid]=fa-s3&schedules[0][schedule_at]=soon&schedules[0][amount]=1&schedules[0][currency]=KRW&schedules[0][name]=x"},
		{"reschedule", "POST", "/subscribe/payments/schedule/fa-s1/reschedule", `{"schedule_at":1750090000}`, "schedule_at=1750090000"},
		{"unschedule: bracket array", "POST", "/subscribe/payments/unschedule",
			`{"customer_uid":"fa-cust","merchant_uid":["fa-s1","fa-s2"]}`, "customer_uid=fa-cust&merchant_uid[]=fa-s1&merchant_uid[]=fa-s2"},
		{"unschedule: repeated keys (OpenAPI's form style)", "POST", "/subscribe/payments/unschedule",
			`{"customer_uid":"fa-cust","merchant_uid":["fa-s1","fa-s2"]}`, "customer_uid=fa-cust&merchant_uid=fa-s1&merchant_uid=fa-s2"},
		{"vbank: notice_url array", "POST", "/vbanks",
			`{"merchant_uid":"fa-vb","amount":10000,"vbank_code":"004","vbank_due":1750600000,"vbank_holder":"홍길동","channel_key":"channel-key-test","notice_url":["http://127.0.0.1:1/a"]}`,
			"merchant_uid=fa-vb&amount=10000&vbank_code=004&vbank_due=1750600000&vbank_holder=%ED%99%8D%EA%B8%B8%EB%8F%99&channel_key=channel-key-test&notice_url%5B0%5D=http%3A%2F%2F127.0.0.1%3A1%2Fa"},
	}
	run := func(encoding string) []string {
		h := newHarness(t)
		h.transport.invalidRequests.Store(true)
		h.seed(seedCard("fa-paid", 5000))
		var out []string
		var tok string
		for _, st := range steps {
			body, ct := st.json, "application/json"
			switch encoding {
			case "form":
				body, ct = st.form, formType
			case "multipart":
				body, ct = multipartOf(t, st.form)
			}
			status, raw := h.send(st.method, st.path, ct, body, tok)
			if st.path == "/users/getToken" {
				var env struct {
					Response generated.AccessToken `json:"response"`
				}
				if err := json.Unmarshal(raw, &env); err != nil || env.Response.AccessToken == "" {
					t.Fatalf("%s getToken: %d %s", encoding, status, raw)
				}
				tok = env.Response.AccessToken
				raw = []byte(strings.ReplaceAll(string(raw), tok, "TOKEN")) // random in each fake
			}
			out = append(out, st.name+": "+http.StatusText(status)+" "+string(raw))
		}
		return out
	}
	viaJSON, viaForm, viaMultipart := run("json"), run("form"), run("multipart")
	for i, st := range steps {
		if viaJSON[i] != viaForm[i] {
			t.Errorf("%s\n JSON: %s\n form: %s", st.name, viaJSON[i], viaForm[i])
		}
		if viaJSON[i] != viaMultipart[i] {
			t.Errorf("%s\n JSON:      %s\n multipart: %s", st.name, viaJSON[i], viaMultipart[i])
		}
	}
	// The steps must cover successes and refusals, or the comparison says
	// little.
	for i, want := range map[int]string{1: "OK", 3: "Bad Request", 4: "Bad Request", 6: "OK", 7: "OK", 8: "OK", 13: "OK", 14: "Bad Request", 16: "OK", 17: "OK"} {
		if !strings.HasPrefix(viaJSON[i], steps[i].name+": "+want) {
			t.Errorf("step %s: want %s, got %s", steps[i].name, want, viaJSON[i])
		}
	}
	if !strings.Contains(viaJSON[7], `"code":1`) {
		t.Errorf("stale checksum was not refused: %s", viaJSON[7])
	}
}

// multipartOf writes the pairs of a urlencoded form, in order, as a
// multipart/form-data body (what Node's request library sends for its
// formData option).
func multipartOf(t *testing.T, form string) (body, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for pair := range strings.SplitSeq(form, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			t.Fatalf("pair %q", pair)
		}
		if err := mw.WriteField(key, value); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), mw.FormDataContentType()
}

// TestFormRefused: malformed forms and forms where none is declared get a
// 400 envelope. Negative control: the same operation with a well-formed
// form succeeds.
func TestFormRefused(t *testing.T) {
	h := newHarness(t)
	h.transport.invalidRequests.Store(true)
	tok := h.getToken().AccessToken
	for _, tc := range []struct{ name, path, body, want string }{
		{"brackets too deep", "/payments/prepare", "merchant_uid=m&amount=1&a" + strings.Repeat("[b]", 33) + "=1", "nested more than 32"},
		{"too many fields", "/payments/prepare", "merchant_uid=m&amount=1&" + strings.Repeat("x=1&", 10_001), "more than 10000 fields"},
		{"too many values", "/payments/prepare", "merchant_uid=m&amount=1&" + strings.Repeat("x[][][]=1&", 7000), "more than 20000 values"},
		{"no form declared (KCP Quick)", "/kcpquick/payment/money", "member_id=m&amount=1", "invalid request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := h.send("POST", tc.path, formType, tc.body, tok)
			if status != http.StatusBadRequest {
				t.Fatalf("status %d %s", status, body)
			}
			if _, msg := envelopeOf(t, body); !strings.Contains(msg, tc.want) {
				t.Fatalf("message %q, want %q", msg, tc.want)
			}
		})
	}
	if status, body := h.send("POST", "/payments/prepare", formType, "merchant_uid=m&amount=1&a"+strings.Repeat("[b]", 32)+"=1", tok); status != 200 {
		t.Fatalf("control: %d %s", status, body)
	}
	// multipart: a body that does not match its boundary is refused; a file
	// part is not a field (PHP's $_FILES), so amount is missing.
	body, ct := multipartOf(t, "merchant_uid=mp-1&amount=1")
	status, raw := h.send("POST", "/payments/prepare", strings.Replace(ct, "boundary=", "boundary=x", 1), body, tok)
	if _, msg := envelopeOf(t, raw); status != 400 || !strings.Contains(msg, "malformed multipart body") {
		t.Errorf("wrong boundary: %d %s", status, raw)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("merchant_uid", "mp-2")
	fw, _ := mw.CreateFormFile("amount", "amount.txt")
	_, _ = fw.Write([]byte("1000"))
	_ = mw.Close()
	status, raw = h.send("POST", "/payments/prepare", mw.FormDataContentType(), buf.String(), tok)
	if _, msg := envelopeOf(t, raw); status != 400 || !strings.Contains(msg, "amount") {
		t.Errorf("file part: %d %s", status, raw)
	}
	if status, raw := h.send("POST", "/payments/prepare", ct, body, tok); status != 200 {
		t.Errorf("multipart control: %d %s", status, raw)
	}
}

// TestGeneratedFormClient: the generated client's WithFormdataBody
// methods (runtime.MarshalForm: "a[0]", "a[0][k]") reach the fake as
// their JSON twins do.
func TestGeneratedFormClient(t *testing.T) {
	ctx := context.Background()
	// Built from JSON, so that the test does not depend on which fields
	// the generated structs hold as pointers.
	var schedule generated.SchedulePaymentRequest
	var unschedule generated.UnschedulePaymentRequest
	var cancel generated.CancelPaymentRequest
	var save generated.SaveBillingKeyRequest
	var onetime generated.OnetimePaymentRequest
	var again generated.AgainPaymentRequest
	var vbank generated.CreateVbankRequest
	for v, src := range map[any]string{
		&save:    `{"channel_key":"channel-key-test","card_number":"4111-1111-1111-1111","expiry":"2031-01","customer_name":"홍길동"}`,
		&onetime: `{"merchant_uid":"gf-one","amount":9900,"card_number":"4111-1111-1111-1111","expiry":"2031-01","customer_uid":"gf-cust2","name":"첫 결제"}`,
		&again:   `{"customer_uid":"gf-cust","merchant_uid":"gf-again","amount":4900.5,"currency":"USD","name":"2회차","extra":{"naverUseCfm":"20250101"}}`,
		&vbank: `{"merchant_uid":"gf-vb","amount":10000,"vbank_code":"004","vbank_due":1750600000,"vbank_holder":"홍길동",` +
			`"channel_key":"channel-key-test","notice_url":["http://127.0.0.1:1/a","http://127.0.0.1:1/b"]}`,
		&schedule: `{"customer_uid":"gf-cust","schedules":[` +
			`{"merchant_uid":"gf-s1","schedule_at":1750003600,"amount":1000,"currency":"KRW","name":"1회차"},` +
			`{"merchant_uid":"gf-s2","schedule_at":1750007200,"amount":1000.5,"currency":"USD","name":"2회차"}]}`,
		&unschedule: `{"customer_uid":"gf-cust","merchant_uid":["gf-s2"]}`,
		&cancel:     `{"merchant_uid":"gf-paid","amount":100,"checksum":1000,"extra":{"requester":"customer"}}`,
	} {
		if err := json.Unmarshal([]byte(src), v); err != nil {
			t.Fatal(err)
		}
	}
	run := func(form bool) []string {
		h := newHarness(t)
		h.seed(seedCard("gf-paid", 1000))
		tok := h.token()
		var out []string
		add := func(r *http.Response, err error) {
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(r.Body)
			r.Body.Close()
			out = append(out, r.Status+" "+string(raw))
		}
		c := h.client.ClientInterface
		if form {
			add(c.CustomerSaveWithFormdataBody(ctx, "gf-cust", save, tok))
			add(c.OnetimeWithFormdataBody(ctx, onetime, tok))
			add(c.AgainWithFormdataBody(ctx, again, tok))
			add(c.ScheduleWithFormdataBody(ctx, schedule, tok))
			add(c.UnscheduleWithFormdataBody(ctx, unschedule, tok))
			add(c.CancelPaymentWithFormdataBody(ctx, cancel, tok))
			add(c.CreateVbankWithFormdataBody(ctx, nil, vbank, tok))
		} else {
			add(c.CustomerSave(ctx, "gf-cust", save, tok))
			add(c.Onetime(ctx, onetime, tok))
			add(c.Again(ctx, again, tok))
			add(c.Schedule(ctx, schedule, tok))
			add(c.Unschedule(ctx, unschedule, tok))
			add(c.CancelPayment(ctx, cancel, tok))
			add(c.CreateVbank(ctx, nil, vbank, tok))
		}
		return out
	}
	viaJSON, viaForm := run(false), run(true)
	for i := range viaJSON {
		if !strings.HasPrefix(viaJSON[i], "200 ") {
			t.Errorf("JSON call %d: %s", i, viaJSON[i])
		}
		if viaJSON[i] != viaForm[i] {
			t.Errorf("call %d\n JSON: %s\n form: %s", i, viaJSON[i], viaForm[i])
		}
	}
}

// TestScenarioFormRawToken runs a whole integration the way go-iamport or
// a PHP shop talks to the API: form bodies (go-iamport's leading blanks,
// PHP's brackets), the token raw in Authorization, the any-status lookup
// with a trailing slash: token, prepare, lookup, partial cancels with
// checksum, billing key, again, schedule, its run, unschedule.
func TestScenarioFormRawToken(t *testing.T) {
	h := newHarness(t)
	hookURL, hooks := webhookSink(t)
	form := func(path, body, tok string) map[string]any {
		t.Helper()
		status, raw := h.send("POST", path, formType, body, tok)
		var env struct {
			Code     int            `json:"code"`
			Message  *string        `json:"message"`
			Response map[string]any `json:"response"`
		}
		if err := json.Unmarshal(raw, &env); err != nil || status != 200 || env.Code != 0 {
			t.Fatalf("POST %s %q: %d %s", path, body, status, raw)
		}
		return env.Response
	}

	tok, _ := form("/users/getToken", "imp_key="+h.srv.APIKey()+"& imp_secret="+h.srv.APISecret(), "")["access_token"].(string)
	if tok == "" {
		t.Fatal("no token")
	}
	form("/payments/prepare", "merchant_uid=fs-1& amount=39000", tok)
	paid := h.seed(seedCard("fs-1", 39000)) // the buyer pays in the window

	status, raw := h.send("GET", "/payments/find/fs-1/", "", "", tok)
	if status != 200 || !strings.Contains(string(raw), `"imp_uid":"`+paid.ImpUID+`"`) {
		t.Fatalf("lookup: %d %s", status, raw)
	}
	p := form("/payments/cancel", "imp_uid="+paid.ImpUID+"& amount=9000& checksum=39000& reason=partial", tok)
	if p["cancel_amount"] != 9000.0 || p["status"] != "paid" {
		t.Fatalf("partial cancel: %v", p)
	}
	// The same request again: its checksum is stale now, so it is refused
	// (HTTP 200, code 1) and nothing is refunded twice.
	status, raw = h.send("POST", "/payments/cancel", formType, "imp_uid="+paid.ImpUID+"& amount=9000& checksum=39000", tok)
	if code, _ := envelopeOf(t, raw); status != 200 || code != 1 {
		t.Fatalf("stale checksum: %d %s", status, raw)
	}
	p = form("/payments/cancel", "imp_uid="+paid.ImpUID+"&amount=1000&checksum=30000", tok)
	if p["cancel_amount"] != 10000.0 {
		t.Fatalf("second partial cancel: %v", p)
	}

	key := form("/subscribe/customers/fs-cust", url.Values{
		"channel_key": {"channel-key-test"}, "card_number": {"4111-1111-1111-1111"}, "expiry": {"2031-01"},
		"birth": {"900101"}, "pwd_2digit": {"00"}, "customer_name": {"홍길동"},
	}.Encode(), tok)
	if key["customer_uid"] != "fs-cust" {
		t.Fatalf("billing key: %v", key)
	}
	again := form("/subscribe/payments/again", "customer_uid=fs-cust& merchant_uid=fs-2& amount=9900& name=정기결제", tok)
	if again["status"] != "paid" || again["amount"] != 9900.0 {
		t.Fatalf("again: %v", again)
	}
	at := t0.Add(24 * time.Hour).Unix()
	v := url.Values{"customer_uid": {"fs-cust"}}
	for i, mid := range []string{"fs-3", "fs-4"} {
		prefix := "schedules[" + strconv.Itoa(i) + "]"
		v.Set(prefix+"[merchant_uid]", mid)
		v.Set(prefix+"[schedule_at]", strconv.FormatInt(at+int64(i)*86400, 10))
		v.Set(prefix+"[amount]", "9900")
		v.Set(prefix+"[currency]", "KRW")
		v.Set(prefix+"[name]", "정기결제")
		v.Set(prefix+"[notice_url]", hookURL)
	}
	status, raw = h.send("POST", "/subscribe/payments/schedule", formType, v.Encode(), tok)
	if status != 200 || strings.Count(string(raw), `"merchant_uid"`) != 2 {
		t.Fatalf("schedule: %d %s", status, raw)
	}
	h.srv.Advance(25 * time.Hour)
	if hook := nextWebhook(t, hooks); hook.MerchantUID != "fs-3" || hook.Status != "paid" {
		t.Fatalf("first scheduled payment: %+v", hook)
	}
	// A day later the token has expired: a client logs in again.
	tok, _ = form("/users/getToken", "imp_key="+h.srv.APIKey()+"& imp_secret="+h.srv.APISecret(), "")["access_token"].(string)
	status, raw = h.send("POST", "/subscribe/payments/unschedule", formType, "customer_uid=fs-cust&merchant_uid[]=fs-4", tok)
	if status != 200 || !strings.Contains(string(raw), `"schedule_status":"revoked"`) {
		t.Fatalf("unschedule: %d %s", status, raw)
	}
	status, raw = h.send("GET", "/subscribe/customers/fs-cust/payments", "", "", tok)
	if status != 200 || !strings.Contains(string(raw), `"total":2`) {
		t.Fatalf("payments of the key: %d %s", status, raw)
	}
}
