package fake_test

import (
	"math"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func seedCard(merchantUID string, amount float64) fake.Seed {
	return fake.Seed{Payment: generated.Payment{MerchantUID: merchantUID, Amount: amount, Name: new("테스트 주문")}}
}

func seedVbank(merchantUID string, amount float64, noticeURL string) fake.Seed {
	return fake.Seed{
		Payment:   generated.Payment{MerchantUID: merchantUID, Amount: amount, PayMethod: "vbank", Status: generated.PaymentStatusReady},
		NoticeURL: noticeURL,
	}
}

// A seed from Go can carry amounts JSON cannot (NaN, ±Inf). Accepted,
// they would make every later answer about the payment unencodable: a
// 500 instead of a V1 envelope.
func TestSeedRefusesAmountsJSONCannotCarry(t *testing.T) {
	srv, err := fake.New(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for name, sd := range map[string]fake.Seed{
		"amount NaN":         {Payment: generated.Payment{Amount: math.NaN()}},
		"amount +Inf":        {Payment: generated.Payment{Amount: math.Inf(1)}},
		"tax_free NaN":       {Payment: generated.Payment{Amount: 100}, TaxFree: math.NaN()},
		"cancel_amount NaN":  {Payment: generated.Payment{Amount: 100, CancelAmount: math.NaN()}},
		"cancel_amount -0.5": {Payment: generated.Payment{Amount: 100, CancelAmount: -0.5}},
	} {
		if _, err := srv.SeedPayment(sd); err == nil {
			t.Errorf("%s: seed accepted", name)
		}
	}
	if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{Amount: 100, CancelAmount: 100}, TaxFree: 100}); err != nil {
		t.Errorf("a valid seed at the bounds: %v", err)
	}
}
