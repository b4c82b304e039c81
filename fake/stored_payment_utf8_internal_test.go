package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Through the API: every answer that shows such a payment, whether it
// writes the stored bytes (a lookup) or decodes them (find, findAll, the
// answer of a cancel), is byte for byte what encoding/json writes for the
// payment as seeded, before and after a change; the fake at 305d0ae, which
// kept the structs, answered so.
func TestInvalidUTF8AnswersAreEncodingJSON(t *testing.T) {
	s, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	tok := s.tokens.issue()
	seeded, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "m-utf8", Amount: 1000,
		Name: new("\xff\xfe name"), BuyerName: new("ok\xc3")}})
	if err != nil {
		t.Fatal(err)
	}
	get := func(method, path, body string) []byte {
		t.Helper()
		code, answer := serveWithToken(s, tok.AccessToken, method, path, body)
		if code != http.StatusOK {
			t.Fatalf("%s %s: %d %s", method, path, code, answer)
		}
		return answer
	}
	want := func(p generated.Payment) []byte {
		b, err := json.Marshal(envelope{Code: codeOK, Response: p})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	check := func(when string, p generated.Payment) {
		t.Helper()
		for _, path := range []string{"/payments/" + p.ImpUID, "/payments/find/m-utf8"} {
			if got := get("GET", path, ""); !bytes.Equal(got, want(p)) {
				t.Errorf("%s: GET %s answers\n%s\nwant\n%s", when, path, got, want(p))
			}
		}
		list, err := json.Marshal(envelope{Code: codeOK, Response: []generated.Payment{p}})
		if err != nil {
			t.Fatal(err)
		}
		if got := get("GET", "/payments?imp_uid[]="+p.ImpUID, ""); !bytes.Equal(got, list) {
			t.Errorf("%s: GET /payments?imp_uid[] answers\n%s\nwant\n%s", when, got, list)
		}
	}
	check("seeded", seeded)
	got := get("POST", "/payments/cancel", `{"imp_uid":"`+seeded.ImpUID+`","amount":100}`)
	var env struct {
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(got, &env); err != nil {
		t.Fatal(err)
	}
	// What the cancel left, with the name and buyer as seeded.
	var cancelled generated.Payment
	if err := json.Unmarshal(env.Response, &cancelled); err != nil {
		t.Fatal(err)
	}
	cancelled.Name, cancelled.BuyerName = seeded.Name, seeded.BuyerName
	if !bytes.Equal(got, want(cancelled)) {
		t.Errorf("the cancel answers\n%s\nwant\n%s", got, want(cancelled))
	}
	check("after a cancel", cancelled)
}
