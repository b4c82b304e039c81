package wrapper

import (
	"encoding/json"
	"reflect"
	"testing"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/generated"
)

// The faster decoder gives what encoding/json gives, value and error-ness,
// for every recorded answer, their cut-off halves and the odd bodies of the
// fuzz seeds, into each payload type the corpus exercises.
func TestUnmarshalMatchesEncodingJSON(t *testing.T) {
	corpus, err := contracttests.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	var bodies [][]byte
	for _, in := range corpus {
		b := []byte(in.Response.Body)
		bodies = append(bodies, b, b[:len(b)/2])
	}
	for _, s := range oddBodies {
		bodies = append(bodies, []byte(s))
	}
	n := 0
	for _, body := range bodies {
		n += same[json.RawMessage](t, body)
		n += same[*generated.Payment](t, body)
		n += same[[]generated.Payment](t, body)
		n += same[*generated.PaymentPage](t, body)
		n += same[*generated.AccessToken](t, body)
		n += same[*generated.BillingKey](t, body)
		n += same[*generated.PaymentBalance](t, body)
	}
	t.Logf("%d bodies x 7 types, %d decoded without error by both", len(bodies), n)
}

// oddBodies are the answers a broken server, proxy or connection could
// give, each aimed at a place where the two decoders could part: types,
// nulls (v2 would zero what v1 leaves alone, and a null code must not read
// as 0), names matched without case or with underscores dropped, duplicate
// names, invalid UTF-8 and surrogates, numbers out of range.
var oddBodies = []string{"", "null", "{}", `{"code":"0"}`, `{"code":0}`, `{"code":1e400}`, `{"code":-1,"message":7}`,
	"\xff\xfe", `{"code":0,"message":"\ud800","response":null}`, `{"code":0,"CODE":1,"response":null}`,
	`{"code":0,"code":1}`, `{"code":0,"response":{"amount":"1000"}}`, `{"code":0,"response":{"amount":1e309}}`,
	`{"code":null,"response":null}`, `{"code":0,"response":{"amount":null,"cancel_history":null}}`,
	`{"code":0,"response":{"impuid":"imp_1","IMP_UID":"imp_2","imp-uid":"imp_3"}}`,
	`{"code":0,"response":{"list":[{"imp_uid":"a"},null],"total":1}}`, `{"code":0,"response":[{"amount":1},{"amount":true}]}`,
	`{"code":0,"response":{"customer_uid":"c","customer_uid":"d","card_name":"\xff"}}`, `{"code":0}{"code":1}`, `{"code":0} `,
}

// FuzzUnmarshalMatchesEncodingJSON looks for a body the two decoders treat
// differently; `go test` runs the seeds, `go test -fuzz
// FuzzUnmarshalMatchesEncodingJSON ./wrapper` explores.
func FuzzUnmarshalMatchesEncodingJSON(f *testing.F) {
	corpus, err := contracttests.Corpus()
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range corpus {
		f.Add([]byte(in.Response.Body))
	}
	for _, s := range oddBodies {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		same[json.RawMessage](t, body)
		same[*generated.Payment](t, body)
		same[[]generated.Payment](t, body)
		same[*generated.PaymentPage](t, body)
		same[*generated.BillingKey](t, body)
	})
}

func same[T any](t *testing.T, body []byte) int {
	t.Helper()
	want, got := envelope[T]{Code: noCode}, envelope[T]{Code: noCode}
	wantErr, gotErr := json.Unmarshal(body, &want), unmarshal(body, &got)
	if (wantErr == nil) != (gotErr == nil) {
		t.Errorf("%T %.60q: encoding/json err %v, unmarshal err %v", want.Response, body, wantErr, gotErr)
		return 0
	}
	if wantErr == nil && !reflect.DeepEqual(want, got) {
		t.Errorf("%T %.60q: decoded differently:\n encoding/json %+v\n unmarshal     %+v", want.Response, body, want, got)
	}
	if wantErr == nil {
		return 1
	}
	return 0
}
