package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// fullPayment has every key of a payment set.
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

// A payment whose optional keys are empty still writes them, in a page too:
// null from the generated model (x-omitempty: false in the spec), 0 for
// vbank_issued_at from completePayment.
func TestMarshalAnswerWritesWireKeys(t *testing.T) {
	p := generated.Payment{ImpUID: "imp_000000000001", Amount: 1000}
	completePayment(&p, 1, 1_750_000_000)
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
