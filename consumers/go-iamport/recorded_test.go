package main

// Is a go-iamport failure against the fake the fake's fault or the client's?
// go-iamport decodes every answer with protojson.Unmarshal and its default
// options, which refuse a key its protobuf types (github.com/iamport/interface,
// pinned by its go.mod, July 2021) do not define. This test hands the
// recorded answers of api.iamport.kr (contract_tests/testdata/recorded, with
// their sources in INDEX.tsv) to the same types and the same call: where a
// recorded answer fails with the very error the fake's answer gets, the
// client would fail against the real server as well.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	TypePayment "github.com/iamport/interface/gen_src/go/v1/payment"
	TypeSubscribe "github.com/iamport/interface/gen_src/go/v1/subscribe"
	TypeSubscribeCust "github.com/iamport/interface/gen_src/go/v1/subscribe_customers"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

const recorded = "../../contract_tests/testdata/recorded"

func recordedBody(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(recorded, name))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Response struct {
			Body json.RawMessage `json:"body"`
		} `json:"response"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Response.Body
}

func TestRecordedAnswersThroughGoIamportTypes(t *testing.T) {
	for _, tc := range []struct {
		file    string
		msg     proto.Message // the type go-iamport decodes this operation's answer into
		wantErr string        // "" = decodes
	}{
		// Payments recorded in 2021 and before, without emb_pg_provider: the
		// client worked against the server of its day.
		{"014-payments-get-card-html5_inicis-paid-2021-04-no-emb_pg_provider.json", &TypePayment.PaymentResponse{}, ""},
		// Today's payments carry emb_pg_provider (2024-12 and others).
		{"013-payments-get-kakaopay-point-paid-2024-12.json", &TypePayment.PaymentResponse{}, `unknown field "emb_pg_provider"`},
		{"045-payments-get-card-html5_inicis-paid-2022-10.json", &TypePayment.PaymentResponse{}, `unknown field "emb_pg_provider"`},
		{"023-payments-cancel-kakaopay-billing-full.json", &TypePayment.PaymentCancelResponse{}, `unknown field "emb_pg_provider"`},
		{"027-subscribe-onetime-card-nice-paid-channel-api.json", &TypeSubscribe.OnetimePaymentResponse{}, `unknown field "emb_pg_provider"`},
		{"044-subscribe-customers-payments-get-docs-example.json", &TypeSubscribeCust.GetPaidByBillingKeyListResponse{}, `unknown field "emb_pg_provider"`},
		// A cancelled payment's history items carry cancellation_id.
		{"019-payments-get-kakaopay-cancelled-cancellation_id.json", &TypePayment.PaymentResponse{}, `unknown field "cancellation_id"`},
		// Schedules carry customer_id (and currency).
		{"031-subscribe-unschedule-revoked.json", &TypeSubscribe.UnschedulePaymentResponse{}, `unknown field "customer_id"`},
	} {
		err := protojson.Unmarshal(recordedBody(t, tc.file), tc.msg)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.file, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: err %v, want %q", tc.file, err, tc.wantErr)
		}
	}
}

// Negative control: the same answers decode once unknown keys are allowed,
// so the failures above are the unknown keys and nothing else.
func TestRecordedAnswersDecodeWithDiscardUnknown(t *testing.T) {
	lax := protojson.UnmarshalOptions{DiscardUnknown: true}
	for file, msg := range map[string]proto.Message{
		"013-payments-get-kakaopay-point-paid-2024-12.json":        &TypePayment.PaymentResponse{},
		"019-payments-get-kakaopay-cancelled-cancellation_id.json": &TypePayment.PaymentResponse{},
		"031-subscribe-unschedule-revoked.json":                    &TypeSubscribe.UnschedulePaymentResponse{},
	} {
		if err := lax.Unmarshal(recordedBody(t, file), msg); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}
