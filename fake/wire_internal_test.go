package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// fullPayment has every wire key set, so marshalAnswer has nothing to add.
func fullPayment(i int) generated.Payment {
	p := generated.Payment{ImpUID: fmt.Sprintf("imp_%012d", i), MerchantUID: fmt.Sprintf("order-<%d>&", i),
		Amount: 1000.5, PayMethod: "card", PgProvider: "html5_inicis", Status: generated.PaymentStatusPaid,
		Name: new("주문 \u2028 /"), CancelHistory: []generated.PaymentCancellation{}, CancelReceiptURLs: []string{}}
	completePayment(&p, i, 1_750_000_000)
	p.EmbPgProvider, p.PgID, p.CardNumber = new("kakaopay"), new("INIpayTest"), new("1234")
	p.CardType, p.VbankIssuedAt = new(generated.CardType(0)), new(int64(0))
	p.CustomerUID, p.CustomerUIDUsage = new("c"), new(generated.CustomerUIDUsagePayment)
	return p
}

// With nothing to fill in, the fake writes what encoding/json writes: the
// same values, escaped the same way (HTML characters, U+2028); only the
// order of keys differs (the wire fields come after the model's).
func TestMarshalAnswerIsEncodingJSON(t *testing.T) {
	page := generated.PaymentPage{Total: 3, List: []generated.Payment{fullPayment(1), fullPayment(2), fullPayment(3)}}
	for _, v := range []any{envelope{Response: page}, envelope{Response: fullPayment(4)}, envelope{Code: 1, Message: new("<x>")}} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalAnswer(v)
		if err != nil {
			t.Fatal(err)
		}
		var gotV, wantV any
		if err := json.Unmarshal(got, &gotV); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal(want, &wantV)
		if !reflect.DeepEqual(gotV, wantV) {
			t.Fatalf("marshalAnswer:\n%s\nencoding/json:\n%s", got, want)
		}
		for _, esc := range [][]byte{[]byte(`\u003c`), []byte(`\u2028`)} {
			if bytes.Contains(want, esc) != bytes.Contains(got, esc) {
				t.Errorf("escape %s: encoding/json %v, marshalAnswer %v", esc, bytes.Contains(want, esc), bytes.Contains(got, esc))
			}
		}
	}
}

// A payment with the wire fields nil gets them back, in a page too.
func TestMarshalAnswerWritesWireKeys(t *testing.T) {
	p := fullPayment(1)
	p.EmbPgProvider, p.VbankIssuedAt, p.CustomerUID = nil, nil, nil
	raw, err := marshalAnswer(envelope{Response: generated.PaymentPage{List: []generated.Payment{p}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"emb_pg_provider":null`, `"vbank_issued_at":0`, `"customer_uid":null`} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("no %s in %s", want, raw)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
}

// BenchmarkMarshalPage is one 1000-payment page written by the fake
// (marshalAnswer) and by encoding/json (the encoder before wire keys).
func BenchmarkMarshalPage(b *testing.B) {
	page := generated.PaymentPage{Total: 1000}
	for i := range 1000 {
		p := fullPayment(i)
		p.EmbPgProvider, p.VbankIssuedAt = nil, nil
		page.List = append(page.List, p)
	}
	v := envelope{Response: page}
	b.Run("marshalAnswer", func(b *testing.B) {
		for b.Loop() {
			if _, err := marshalAnswer(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Each field of a wire type other than the embedded model must shadow a
// field of the model with the same JSON name: a typo would add a key the
// API never sends.
func TestWireTypesShadowModelFields(t *testing.T) {
	for _, wt := range []reflect.Type{reflect.TypeFor[wirePayment](), reflect.TypeFor[wireBillingKey](), reflect.TypeFor[wireSchedule]()} {
		model := wt.Field(0).Type
		names := map[string]bool{}
		for i := range model.NumField() {
			name, _, _ := strings.Cut(model.Field(i).Tag.Get("json"), ",")
			names[name] = true
		}
		for i := 1; i < wt.NumField(); i++ {
			tag := wt.Field(i).Tag.Get("json")
			if !names[tag] {
				t.Errorf("%s.%s: tag %q names no field of %s", wt.Name(), wt.Field(i).Name, tag, model.Name())
			}
		}
	}
}
