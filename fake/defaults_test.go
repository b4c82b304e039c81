package fake_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// What V1 clients leave out (issue 9, item 5), accepted with the server's
// defaults; the evidence is in the spec's descriptions of each field:
// billing-key issue and virtual accounts without channel_key (the
// merchant's default PG), schedule items without currency (KRW), again
// without name (the payment's name is null). Negative control: the same
// requests without a field that stays required are refused with 400.
func TestOmittedFieldsGetTheServersDefaults(t *testing.T) {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	post := func(path, body string) (int, map[string]any) {
		t.Helper()
		status, raw := h.send("POST", path, "application/json", body, "Bearer "+tok)
		var env map[string]any
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s: %s", path, raw)
		}
		if env["code"] != float64(0) && status == 200 {
			t.Fatalf("%s refused: %s", path, raw)
		}
		r, _ := env["response"].(map[string]any)
		return status, r
	}

	if status, key := post("/subscribe/customers/dflt-cust", `{"card_number":"4111-1111-1111-1111","expiry":"2030-12"}`); status != 200 || key["pg_provider"] != "html5_inicis" {
		t.Fatalf("billing key without channel_key: %d %v", status, key)
	}
	due := t0.Add(72 * time.Hour).Unix()
	if status, p := post("/vbanks", fmt.Sprintf(`{"merchant_uid":"dflt-vb","amount":30000,"vbank_code":"004","vbank_due":%d}`, due)); status != 200 ||
		p["status"] != "ready" || p["pg_provider"] != "html5_inicis" {
		t.Fatalf("virtual account without channel_key: %d %v", status, p)
	}
	if status, p := post("/subscribe/payments/again", `{"customer_uid":"dflt-cust","merchant_uid":"dflt-1","amount":1000}`); status != 200 ||
		p["status"] != "paid" || p["name"] != nil {
		t.Fatalf("again without name: %d %v", status, p)
	} else if _, present := p["name"]; !present {
		t.Fatalf("again without name: the name key is missing: %v", p)
	}

	at := t0.Add(time.Hour).Unix()
	_, raw := h.send("POST", "/subscribe/payments/schedule", "application/json",
		fmt.Sprintf(`{"customer_uid":"dflt-cust","schedules":[{"merchant_uid":"dflt-s1","schedule_at":%d,"amount":2000,"name":"예약"}]}`, at), "Bearer "+tok)
	var sched struct {
		Response []struct {
			Currency string `json:"currency"`
		} `json:"response"`
	}
	if err := json.Unmarshal(raw, &sched); err != nil || len(sched.Response) != 1 || sched.Response[0].Currency != "KRW" {
		t.Fatalf("schedule without currency: %s", raw)
	}
	h.srv.Advance(2 * time.Hour)
	tok = h.getToken().AccessToken
	got := answersOf(t, h, "/payments/find/dflt-s1", tok)
	var ran struct {
		Response struct {
			Status, Currency string
		} `json:"response"`
	}
	if err := json.Unmarshal(got, &ran); err != nil || ran.Response.Status != "paid" || ran.Response.Currency != "KRW" {
		t.Fatalf("the scheduled payment: %s", got)
	}

	h.transport.invalidRequests.Store(true)
	for path, body := range map[string]string{
		"/subscribe/customers/dflt-cust2": `{"expiry":"2030-12"}`,
		"/vbanks":                         fmt.Sprintf(`{"merchant_uid":"dflt-vb2","vbank_code":"004","vbank_due":%d}`, due),
		"/subscribe/payments/again":       `{"customer_uid":"dflt-cust","amount":1000}`,
		"/subscribe/payments/schedule":    fmt.Sprintf(`{"customer_uid":"dflt-cust","schedules":[{"merchant_uid":"dflt-s2","schedule_at":%d,"amount":2000}]}`, at+7200),
	} {
		if status, _ := post(path, body); status != 400 {
			t.Errorf("%s without a required field: want 400, got %d", path, status)
		}
	}
}
