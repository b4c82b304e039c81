package fake_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRealMessages holds the fake to the real API's messages where a
// recording or a client's live test shows them (fake/messages.go names
// each source; docs/fake.md has the table). The texts are written out
// here, not taken from the fake's constants, so that a changed constant
// fails (tried: the old "존재하지 않는 본인인증 건입니다." fails the two
// certification cases). Each case also checks the status and code.
func TestRealMessages(t *testing.T) {
	h := newHarness(t)
	h.transport.invalidRequests.Store(true) // unknown statuses and empty getToken bodies are 400s on purpose
	tok := h.getToken().AccessToken
	send := func(method, path, body string) (int, int, string) {
		t.Helper()
		status, raw := h.send(method, path, "application/json", body, "Bearer "+tok)
		code, msg := envelopeOf(t, raw)
		return status, code, msg
	}
	at := t0.Add(time.Hour).Unix()
	for _, tc := range []struct {
		name, method, path, body string
		status, code             int
		message                  string
	}{
		{"unknown imp_uid", "GET", "/payments/imp_000000000000", "", 404, -1, "존재하지 않는 결제정보입니다."},
		{"unknown merchant_uid", "GET", "/payments/find/nope", "", 404, -1, "존재하지 않는 결제정보입니다."},
		{"unknown prepare", "GET", "/payments/prepare/nope", "", 404, -1, "사전등록된 결제정보가 존재하지 않습니다."},
		{"unknown certification", "GET", "/certifications/imp_000000000000", "", 404, -1, "인증결과가 존재하지 않습니다."},
		{"delete unknown certification", "DELETE", "/certifications/imp_000000000000", "", 404, -1, "인증결과가 존재하지 않습니다."},
		{"again, unknown customer", "POST", "/subscribe/payments/again",
			`{"customer_uid":"nobody","merchant_uid":"m-1","amount":1000,"name":"x"}`, 200, 1, "등록되지 않은 구매자입니다."},
		{"unknown status", "GET", "/payments/status/nonsense", "", 400, -1, "지원되지 않는 상태값입니다."},
		{"unknown status, lookup", "GET", "/payments/find/nope/nonsense", "", 400, -1, "지원되지 않는 상태값입니다."},
		{"unschedule, nothing scheduled", "POST", "/subscribe/payments/unschedule",
			`{"customer_uid":"nobody","merchant_uid":["m-2"]}`, 200, 1, "취소할 예약결제 기록이 존재하지 않습니다."},
		{"schedule, unknown customer without a card", "POST", "/subscribe/payments/schedule",
			fmt.Sprintf(`{"customer_uid":"nobody","schedules":[{"merchant_uid":"m-3","schedule_at":%d,"amount":5000,"name":"x","currency":"KRW"}]}`, at),
			200, 1, "등록된 고객정보가 없습니다."},
		{"unknown billing key", "GET", "/subscribe/customers/000000", "", 200, 1, "요청하신 customer_uid(000000)로 등록된 정보를 찾을 수 없습니다."},
		{"delete unknown billing key", "DELETE", "/subscribe/customers/000000", "", 200, 1, "요청하신 customer_uid(000000)로 등록된 정보를 찾을 수 없습니다."},
		{"cancel, unknown payment", "POST", "/payments/cancel", `{"imp_uid":"imp_000000000000"}`, 200, 1, "취소할 결제건이 존재하지 않습니다."},
		{"getToken without key and secret", "POST", "/users/getToken", `{}`, 400, -1, "imp_key, imp_secret 파라메터가 누락되었습니다."},
	} {
		status, code, msg := send(tc.method, tc.path, tc.body)
		if status != tc.status || code != tc.code || msg != tc.message {
			t.Errorf("%s: got %d code %d %q, want %d code %d %q", tc.name, status, code, msg, tc.status, tc.code, tc.message)
		}
	}
}

// The real messages for refused requests stay where the evidence puts
// them: any other validation failure (a bad limit) keeps the fake's own
// message.
func TestRealMessagesCatchAnotherText(t *testing.T) {
	h := newHarness(t)
	h.transport.invalidRequests.Store(true)
	req := newRequest(t, "GET", h.srv.URL()+"/payments/status/paid?limit=nonsense", "")
	req.Header.Set("Authorization", "Bearer "+h.getToken().AccessToken)
	status, _, body := rawCall(t, req)
	if _, msg := envelopeOf(t, body); status != http.StatusBadRequest || msg == "지원되지 않는 상태값입니다." || !strings.HasPrefix(msg, "portone-fake: invalid request") {
		t.Fatalf("a bad limit: %d %q", status, msg)
	}
}
