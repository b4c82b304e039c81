package fake

import (
	"encoding/json"

	"github.com/portone-community/portone-v1-go/generated"
)

// The real API writes every key of its objects, with null (or 0) where
// there is no value. The generated models leave an optional field out
// when it is nil (oapi-codegen's omitempty), which is right for a client
// reading answers of any era but not for a server: a client that maps
// vbank_issued_at to a date, or reads customer_uid as a key, finds nothing.
// So the fake writes each model below through a wire type that embeds it
// and shadows those fields with tags without omitempty.
//
// Evidence (contract_tests/testdata/recorded): the shadowed fields are the
// optional properties of each schema that the recordings show. Payment:
// every payment recording since 2021 carries the same 47 keys, null or 0
// where empty (013 is from 2024-12); BillingKeyCustomer: PortOne's docs
// example 037; Schedule: capture 031 (customer_id null, currency "KRW").
// Optional properties no recording shows (card_issuer_code, promotion,
// sandbox, deposit_history...) stay out, as on the wire; `channel` and
// `started_at` are always set by the fake (completePayment).
// TestKeyParityWithRecordings holds every emulated answer to the
// recordings of its operation; TestWireTypesShadowModelFields keeps the
// tags below on fields of the models.

type wirePayment struct {
	generated.Payment
	EmbPgProvider    *string                     `json:"emb_pg_provider"`
	PgID             *string                     `json:"pg_id"`
	CardNumber       *string                     `json:"card_number"`
	CardType         *generated.CardType         `json:"card_type"`
	VbankIssuedAt    int64                       `json:"vbank_issued_at"`
	CustomerUID      *string                     `json:"customer_uid"`
	CustomerUIDUsage *generated.CustomerUIDUsage `json:"customer_uid_usage"`
}

func toWirePayment(p generated.Payment) wirePayment {
	w := wirePayment{Payment: p, EmbPgProvider: p.EmbPgProvider, PgID: p.PgID, CardNumber: p.CardNumber,
		CardType: p.CardType, CustomerUID: p.CustomerUID, CustomerUIDUsage: p.CustomerUIDUsage}
	if p.VbankIssuedAt != nil {
		w.VbankIssuedAt = *p.VbankIssuedAt
	}
	return w
}

type wireBillingKey struct {
	generated.BillingKeyCustomer
	CardCode         *string             `json:"card_code"`
	CardNumber       *string             `json:"card_number"`
	CardType         *generated.CardType `json:"card_type"`
	CustomerName     *string             `json:"customer_name"`
	CustomerTel      *string             `json:"customer_tel"`
	CustomerEmail    *string             `json:"customer_email"`
	CustomerAddr     *string             `json:"customer_addr"`
	CustomerPostcode *string             `json:"customer_postcode"`
}

func toWireBillingKey(k generated.BillingKeyCustomer) wireBillingKey {
	return wireBillingKey{BillingKeyCustomer: k, CardCode: k.CardCode, CardNumber: k.CardNumber, CardType: k.CardType,
		CustomerName: k.CustomerName, CustomerTel: k.CustomerTel, CustomerEmail: k.CustomerEmail,
		CustomerAddr: k.CustomerAddr, CustomerPostcode: k.CustomerPostcode}
}

type wireSchedule struct {
	generated.Schedule
	CustomerID *string            `json:"customer_id"`
	Currency   generated.Currency `json:"currency"`
}

func toWireSchedule(s generated.Schedule) wireSchedule {
	w := wireSchedule{Schedule: s, CustomerID: s.CustomerID, Currency: "KRW"} // the API's default currency
	if s.Currency != nil {
		w.Currency = *s.Currency
	}
	return w
}

type wirePaymentPage struct {
	List     []wirePayment `json:"list"`
	Next     int32         `json:"next"`
	Previous int32         `json:"previous"`
	Total    int32         `json:"total"`
}

type wireSchedulePage struct {
	List     []wireSchedule `json:"list"`
	Next     int32          `json:"next"`
	Previous int32          `json:"previous"`
	Total    int32          `json:"total"`
}

// wireValue turns the models in an answer's response into their wire
// types: the shapes the handlers answer (a model, a list of them, a page
// of payments or schedules; billing keys go through billingKey). encoding/json writes
// the result: a marshaler hook of encoding/json/v2 would reach every
// depth, but it measured 4 to 6 times slower on a 1000-payment page
// (BenchmarkMarshalPage), and the shapes are few.
func wireValue(v any) any {
	switch x := v.(type) {
	case generated.Payment:
		return toWirePayment(x)
	case []generated.Payment:
		return wireList(x, toWirePayment)
	case generated.PaymentPage:
		return wirePaymentPage{List: wireList(x.List, toWirePayment), Next: x.Next, Previous: x.Previous, Total: x.Total}
	case generated.BillingKeyCustomer:
		return toWireBillingKey(x)
	case generated.Schedule:
		return toWireSchedule(x)
	case []generated.Schedule:
		return wireList(x, toWireSchedule)
	case generated.SchedulePage:
		return wireSchedulePage{List: wireList(x.List, toWireSchedule), Next: x.Next, Previous: x.Previous, Total: x.Total}
	}
	return v
}

func wireList[T, W any](in []T, conv func(T) W) []W {
	if in == nil {
		return nil
	}
	out := make([]W, len(in))
	for i, v := range in {
		out[i] = conv(v)
	}
	return out
}

// marshalAnswer encodes an answer as the API writes it.
func marshalAnswer(v any) ([]byte, error) {
	return json.Marshal(answerValue(v))
}

// answerValue is what encoding/json writes for an answer: the models in
// it as their wire types.
func answerValue(v any) any {
	if env, ok := v.(envelope); ok {
		env.Response = wireValue(env.Response)
		return env
	}
	return wireValue(v)
}
