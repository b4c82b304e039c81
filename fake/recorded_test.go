package fake_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
)

// TestRecordedPaymentsRoundTrip seeds every payment object of the
// recorded corpus through POST /__fake/payments and looks it up: each key
// the fake answers must carry the recorded value, so a payment "as the API
// returns it" comes back as the API returned it.
func TestRecordedPaymentsRoundTrip(t *testing.T) {
	corpus, err := contracttests.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	seeded := 0
	for _, in := range corpus {
		payment, ok := recordedPayment(in.Response.Body)
		if !ok {
			continue
		}
		t.Run(in.File, func(t *testing.T) {
			var sd fake.Seed
			if err := json.Unmarshal(payment, &sd); err != nil {
				t.Fatal(err)
			}
			p, err := h.srv.SeedPayment(sd)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, p.ImpUID, nil, auth)
			if err != nil || resp.JSON200 == nil {
				t.Fatalf("lookup: %v %s", err, resp.Body)
			}
			var want map[string]any
			if err := json.Unmarshal(payment, &want); err != nil {
				t.Fatal(err)
			}
			var env struct {
				Response map[string]any `json:"response"`
			}
			if err := json.Unmarshal(resp.Body, &env); err != nil {
				t.Fatal(err)
			}
			// Walk the recorded keys, not the answered ones, so that a value
			// the fake drops fails too. A recorded null may come back absent:
			// the generated model omits empty optional fields, and to a
			// decoder the two are the same.
			for k, w := range want {
				v, ok := env.Response[k]
				if (ok || w != nil) && !reflect.DeepEqual(v, w) {
					t.Errorf("%s: recorded %v, answered %v (present: %v)", k, w, v, ok)
				}
			}
		})
		seeded++
	}
	if seeded < 10 {
		t.Fatalf("only %d recorded payments found; the corpus walk is broken", seeded)
	}
}

// recordedPayment returns the payment object of a recorded body: the
// envelope's response, or the bare object of the files that dropped the
// envelope. Payments are recognised by imp_uid together with pay_method.
func recordedPayment(body json.RawMessage) (json.RawMessage, bool) {
	var env struct {
		Response json.RawMessage `json:"response"`
	}
	candidate := body
	if json.Unmarshal(body, &env) == nil && len(env.Response) > 0 && strings.HasPrefix(string(env.Response), "{") {
		candidate = env.Response
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(candidate, &keys) != nil {
		return nil, false
	}
	_, imp := keys["imp_uid"]
	_, method := keys["pay_method"]
	if !imp || !method || string(keys["imp_uid"]) == "null" {
		return nil, false
	}
	return candidate, true
}
