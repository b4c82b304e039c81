package wrapper_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

func TestCheckPayment(t *testing.T) {
	paid := generated.Payment{ImpUID: "imp_1", MerchantUID: "order-1", Amount: 39000, Currency: "KRW", Status: generated.PaymentStatusPaid}
	with := func(edit func(*generated.Payment)) *generated.Payment { p := paid; edit(&p); return &p }
	cases := []struct {
		name  string
		p     *generated.Payment
		order wrapper.Order
		field string // "" = matches
	}{
		{"matches", &paid, wrapper.Order{MerchantUID: "order-1", Amount: 39000}, ""},
		{"currency given in lower case", &paid, wrapper.Order{MerchantUID: "order-1", Amount: 39000, Currency: "krw"}, ""},
		{"amount tampered in the browser", with(func(p *generated.Payment) { p.Amount = 100 }), wrapper.Order{MerchantUID: "order-1", Amount: 39000}, "amount"},
		{"one won short", with(func(p *generated.Payment) { p.Amount = 38999 }), wrapper.Order{MerchantUID: "order-1", Amount: 39000}, "amount"},
		{"another order's payment", &paid, wrapper.Order{MerchantUID: "order-2", Amount: 39000}, "merchant_uid"},
		{"virtual account not yet paid", with(func(p *generated.Payment) { p.Status = generated.PaymentStatusReady }), wrapper.Order{MerchantUID: "order-1", Amount: 39000}, "status"},
		{"failed", with(func(p *generated.Payment) { p.Status = generated.PaymentStatusFailed }), wrapper.Order{MerchantUID: "order-1", Amount: 39000}, "status"},
		{"USD paid where KRW expected", with(func(p *generated.Payment) { p.Currency = "USD" }), wrapper.Order{MerchantUID: "order-1", Amount: 39000}, "currency"},
		{"USD at cent precision", with(func(p *generated.Payment) { p.Currency = "USD"; p.Amount = 10.004 }), wrapper.Order{MerchantUID: "order-1", Amount: 10, Currency: "USD"}, ""},
		{"USD one cent off", with(func(p *generated.Payment) { p.Currency = "USD"; p.Amount = 10.01 }), wrapper.Order{MerchantUID: "order-1", Amount: 10, Currency: "USD"}, "amount"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := wrapper.CheckPayment(tc.p, tc.order)
			var mm *wrapper.MismatchError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("err = %v, want a match", err)
			case tc.field != "" && (!errors.As(err, &mm) || mm.Field != tc.field || !errors.Is(err, wrapper.ErrMismatch)):
				t.Fatalf("err = %v, want a mismatch on %s", err, tc.field)
			}
		})
	}
}

func TestParseWebhook(t *testing.T) {
	cases := []struct {
		name, contentType, body string
		ok                      bool
	}{
		{"JSON", "application/json", `{"imp_uid":"imp_1","merchant_uid":"order-1","status":"paid"}`, true},
		{"JSON with fields added later", "application/json; charset=utf-8", `{"imp_uid":"imp_1","merchant_uid":"order-1","status":"paid","cancellation_id":"c1"}`, true},
		{"form", "application/x-www-form-urlencoded", `imp_uid=imp_1&merchant_uid=order-1&status=paid`, true},
		{"form without a content type", "", `imp_uid=imp_1&merchant_uid=order-1&status=paid`, true},
		{"missing merchant_uid", "application/json", `{"imp_uid":"imp_1","status":"paid"}`, false},
		{"not JSON", "application/json", `{"imp_uid":`, false},
		{"too big", "application/json", `{"imp_uid":"imp_1","merchant_uid":"` + strings.Repeat("x", 70<<10) + `"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/portone/webhook", strings.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			hook, err := wrapper.ParseWebhook(r)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok && (hook.ImpUID != "imp_1" || hook.MerchantUID != "order-1" || hook.Status != "paid") {
				t.Fatalf("parsed %+v", hook)
			}
		})
	}
	if _, err := wrapper.ParseWebhook(httptest.NewRequest(http.MethodGet, "/portone/webhook", nil)); err == nil {
		t.Fatal("a GET parsed as a webhook")
	}
}
