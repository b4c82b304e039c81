package fake_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

func TestClockControl(t *testing.T) {
	h := newHarness(t)
	var now struct {
		Now int64 `json:"now"`
	}
	if st := h.control("POST", "/__fake/clock", `{"advance_seconds": 3600}`, &now); st != http.StatusOK || now.Now != t0.Unix()+3600 {
		t.Fatalf("advance: %d, now %d", st, now.Now)
	}
	if tok := h.getToken(); tok.Now != t0.Unix()+3600 {
		t.Fatalf("getToken's now %d does not follow the fake clock", tok.Now)
	}
	for _, body := range []string{`{"advance_seconds": -1}`, `{}`, `not json`} {
		if st := h.control("POST", "/__fake/clock", body, nil); st != http.StatusBadRequest {
			t.Errorf("clock %s: want 400, got %d", body, st)
		}
	}
}

func TestSeedControl(t *testing.T) {
	h := newHarness(t)
	var p generated.Payment
	st := h.control("POST", "/__fake/payments", `{"merchant_uid":"order-s","amount":1500,"pay_method":"card","buyer_name":"홍길동"}`, &p)
	if st != http.StatusOK || p.ImpUID == "" || p.Status != generated.PaymentStatusPaid || deref(p.BuyerName) != "홍길동" {
		t.Fatalf("seed: %d %+v", st, p)
	}
	resp, err := h.client.GetPaymentByImpUIDWithResponse(context.Background(), p.ImpUID, nil, h.token())
	if err != nil || resp.JSON200 == nil || resp.JSON200.Response.Amount != 1500 {
		t.Fatalf("seeded payment not found through the API: %v %s", err, resp.Body)
	}
	for _, body := range []string{
		`{"imp_uid":"` + p.ImpUID + `","amount":1}`, // duplicate imp_uid
		`{"amount":-5}`,
		`{"amount":100,"tax_free":200}`,
		`{"amount":100,"cancel_amount":200}`,
		`{"amount":100,"status":"weird"}`,
		`[1,2]`,
	} {
		if st := h.control("POST", "/__fake/payments", body, nil); st != http.StatusBadRequest {
			t.Errorf("seed %s: want 400, got %d", body, st)
		}
	}
	if st := h.control("GET", "/__fake/nothing", "", nil); st != http.StatusNotFound {
		t.Errorf("unknown control: want 404, got %d", st)
	}
}

// TestInvalidRequestsNeverFail500 sends malformed requests to every kind
// of route: each must get a V1 failure envelope with a 4xx.
func TestInvalidRequestsNeverFail500(t *testing.T) {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	h.transport.invalidRequests.Store(true)
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/users/getToken", `{"imp_key":`, http.StatusBadRequest},
		{"POST", "/users/getToken", `{"imp_key":"k"}`, http.StatusBadRequest},
		{"POST", "/users/getToken", `[]`, http.StatusBadRequest},
		{"POST", "/payments/cancel", `{"imp_uid": 5}`, http.StatusBadRequest},
		{"POST", "/payments/cancel", `{"amount": -1, "imp_uid": "x"}`, http.StatusBadRequest},
		{"POST", "/payments/cancel", ``, http.StatusBadRequest},
		{"POST", "/payments/prepare", `{"merchant_uid":"x"}`, http.StatusBadRequest},
		{"GET", "/payments/status/unknown", ``, http.StatusBadRequest},
		{"GET", "/payments/status/paid?page=0", ``, http.StatusBadRequest},
		{"GET", "/payments/status/paid?from=abc", ``, http.StatusBadRequest},
		{"GET", "/payments/find/x/bogus", ``, http.StatusBadRequest},
		{"GET", "/payments/findAll/x?sorting=sideways", ``, http.StatusBadRequest},
		{"GET", "/payments/x?include_sandbox=maybe", ``, http.StatusBadRequest},
		{"GET", "/nowhere", ``, http.StatusNotFound},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, h.srv.URL()+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := h.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if code, msg := envelopeOf(t, body); code == 0 || msg == "" {
				t.Fatalf("not a failure envelope: %s", body)
			}
		})
	}
}
