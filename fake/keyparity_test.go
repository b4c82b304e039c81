package fake_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// Key parity (issue 9, item 4): every key the real API sent in a
// recording is a key of the fake's answer to the same operation, at every
// depth, with a JSON kind the recordings of that operation show (null
// where the API has no value, 0 for a timestamp that has not happened).
// The recordings are the project's copies in contract_tests/testdata.

// keyParitySkipped are recordings whose keys say nothing about the wire.
var keyParitySkipped = map[string]string{
	"030": "re-serialised by go-iamport (protojson): null and zero fields were dropped, so its keys are a subset of nothing in particular",
}

// recordedKeys walks a recorded body and the fake's answer together and
// reports each recorded key the answer lacks, and each value whose JSON
// kind no recording of the operation has at that path. kinds holds, per
// path (array indexes as []), the kinds seen across the recordings.
func recordedKeys(recorded, answered any, path string, kinds map[string][]string) []string {
	var out []string
	switch r := recorded.(type) {
	case map[string]any:
		a, ok := answered.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: recorded an object, answered %s", path, kindOf(answered))}
		}
		for _, k := range sortedKeys(r) {
			p := path + "." + k
			av, present := a[k]
			if !present {
				out = append(out, p+": missing")
				continue
			}
			if seen := kinds[p]; !kindFits(kindOf(av), seen) {
				out = append(out, fmt.Sprintf("%s: answered %s, recorded %s", p, kindOf(av), strings.Join(seen, "|")))
				continue
			}
			out = append(out, recordedKeys(r[k], av, p, kinds)...)
		}
	case []any:
		a, ok := answered.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: recorded an array, answered %s", path, kindOf(answered))}
		}
		for _, item := range r {
			if _, isObject := item.(map[string]any); !isObject {
				continue
			}
			if len(a) == 0 {
				return []string{path + ": recorded objects, answered an empty array (the fake's state cannot show their keys)"}
			}
			for _, ai := range a {
				out = append(out, recordedKeys(item, ai, path+"[]", kinds)...)
			}
		}
	}
	return out
}

// collectKinds records the JSON kind of every value of body by path.
func collectKinds(v any, path string, kinds map[string][]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			p := path + "." + k
			if kd := kindOf(child); !slices.Contains(kinds[p], kd) {
				kinds[p] = append(kinds[p], kd)
			}
			collectKinds(child, p, kinds)
		}
	case []any:
		for _, child := range x {
			collectKinds(child, path+"[]", kinds)
		}
	}
}

// kindFits says whether an answered kind agrees with the kinds recorded
// at its path. Values differ with the data, so only three things count:
// null where the API always sent a number or a boolean (it sends 0 and
// false where there is no value: vbank_issued_at, cancelled_at), a value
// of another kind than every recorded value, and a value where the
// recordings hold nothing but null is fine (data the recordings lack).
func kindFits(answered string, seen []string) bool {
	if slices.Contains(seen, answered) {
		return true
	}
	if answered == "null" {
		return !slices.ContainsFunc(seen, func(k string) bool { return k == "number" || k == "boolean" })
	}
	return slices.Equal(seen, []string{"null"})
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	default:
		return "object"
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// parityFake drives a fake through every operation the recordings cover
// and keeps its raw answer to each, by operationId.
func parityFake(t *testing.T) map[string][]byte {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	answers := map[string][]byte{}
	call := func(op, method, path, body string) map[string]any {
		t.Helper()
		_, raw := h.send(method, path, "application/json", body, "Bearer "+tok)
		var env map[string]any
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s: %s", op, raw)
		}
		if op != "" {
			answers[op] = raw
		}
		if r, ok := env["response"].(map[string]any); ok {
			return r
		}
		return nil
	}
	tokReq := fmt.Sprintf(`{"imp_key":%q,"imp_secret":%q}`, h.srv.APIKey(), h.srv.APISecret())
	call("getToken", "POST", "/users/getToken", tokReq)

	// A billing key and its payments: issue with a payment (onetime),
	// charge it again, schedule and unschedule.
	first := call("onetime", "POST", "/subscribe/payments/onetime", `{"merchant_uid":"kp-1","amount":9900,
		"card_number":"5594-1000-0000-1234","expiry":"2030-12","customer_uid":"kp-cust","name":"정기 구독"}`)
	again := call("again", "POST", "/subscribe/payments/again",
		`{"customer_uid":"kp-cust","merchant_uid":"kp-2","amount":9900,"name":"2월 구독"}`)
	call("customer_save", "POST", "/subscribe/customers/kp-cust2",
		`{"channel_key":"channel-key-test","card_number":"4111111111111111","expiry":"2030-12","customer_name":"홍길동"}`)
	at := t0.Add(48 * time.Hour).Unix()
	call("schedule", "POST", "/subscribe/payments/schedule", fmt.Sprintf(`{"customer_uid":"kp-cust",
		"schedules":[{"merchant_uid":"kp-s1","schedule_at":%d,"amount":9900,"name":"3월 구독","currency":"KRW"},
		{"merchant_uid":"kp-s2","schedule_at":%d,"amount":9900,"name":"4월 구독","currency":"KRW"}]}`, at, at+3600))
	call("findSchedulesByCustomer", "GET", fmt.Sprintf("/subscribe/customers/kp-cust/schedules?from=%d&to=%d", t0.Unix(), at+7200), "")
	call("unschedule", "POST", "/subscribe/payments/unschedule", `{"customer_uid":"kp-cust","merchant_uid":["kp-s2"]}`)

	// Payments partly cancelled, so that cancel_history has an entry;
	// then a full cancel of another one.
	impUID, _ := again["imp_uid"].(string)
	firstUID, _ := first["imp_uid"].(string)
	for _, id := range []string{impUID, firstUID} {
		call("", "POST", "/payments/cancel", fmt.Sprintf(`{"imp_uid":%q,"amount":1000}`, id))
	}
	call("getPaymentByImpUid", "GET", "/payments/"+impUID, "")
	call("getPaymentByMerchantUidAnyStatus", "GET", "/payments/find/kp-2", "")
	call("customer_payments", "GET", "/subscribe/customers/kp-cust/payments", "")
	call("balanceByImpUid", "GET", "/payments/"+impUID+"/balance", "")
	card := h.seed(seedCard("kp-3", 5000))
	call("cancelPayment", "POST", "/payments/cancel", fmt.Sprintf(`{"imp_uid":%q}`, card.ImpUID))
	call("", "GET", "/payments/imp_000000000000", "") // 404, compared as the error envelope below
	answers["getPaymentByImpUid 404"] = answersOf(t, h, "/payments/imp_000000000000", tok)

	// Certification by SMS.
	otp := call("", "POST", "/certifications/otp/request", `{"name":"홍길동","phone":"01000000000","birth":"900101",
		"gender_digit":"1","carrier":"SKT","is_mvno":false,"channel_key":"channel-key-test"}`)
	certUID, _ := otp["imp_uid"].(string)
	call("", "POST", "/certifications/otp/confirm/"+certUID, fmt.Sprintf(`{"otp":%q}`, fake.FakeOTP))
	call("getCertification", "GET", "/certifications/"+certUID, "")

	// Escrow delivery, account holder, bank codes.
	escrow := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "kp-4", Amount: 50000, PayMethod: "trans", Escrow: true}})
	call("escrow_logis_save", "POST", "/escrows/logis/"+escrow.ImpUID, fmt.Sprintf(`{"logis":{"company":"CJGLS",
		"invoice":"111","sent_at":%d},"sender":{"name":"포트원상점"},"receiver":{"name":"홍길동"}}`, t0.Unix()))
	call("getVbankHolder", "GET", "/vbanks/holder?bank_code=004&bank_num=1234567890", "")
	call("allBankCodes", "GET", "/banks", "")
	return answers
}

// answersOf is a plain GET whose body is returned as is.
func answersOf(t *testing.T, h *harness, path, tok string) []byte {
	t.Helper()
	req := newRequest(t, "GET", h.srv.URL()+path, "")
	req.Header.Set("Authorization", "Bearer "+tok)
	_, _, body := rawCall(t, req)
	return body
}

func TestKeyParityWithRecordings(t *testing.T) {
	corpus, err := contracttests.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	answers := parityFake(t)
	chk := specChecker(t)

	// Group the recordings by the operation (and, for failures, the
	// status) they answer.
	type group struct {
		files  []string
		bodies []any
		docs   []bool // a docs example: placeholder values, keys only
	}
	groups := map[string]*group{}
	var order []string
	for _, in := range corpus {
		if why, skip := keyParitySkipped[in.File[:3]]; skip {
			t.Logf("%s skipped: %s", in.File, why)
			continue
		}
		method := in.Request.Method
		if method == "POST" && strings.HasPrefix(in.Request.Path, "/payments/find/") {
			method = "GET" // 021 logged POST; the route is a GET (contract_tests/exceptions_test.go)
		}
		// The recorded paths keep no query: parameter problems are
		// expected, an unknown route is not.
		op, err := chk.FindOperation(method, in.Request.Path, "")
		if op == nil {
			t.Fatalf("%s: %v", in.File, err)
		}
		key := op.ID
		if in.Response.Status >= 400 {
			key = fmt.Sprintf("%s %d", op.ID, in.Response.Status)
		}
		var body any
		if err := json.Unmarshal(in.Response.Body, &body); err != nil {
			t.Fatal(err)
		}
		// 015, 016, 020 and 035 hold the inner object only: compare it
		// with the answer's response. A refusal (code 1 with HTTP 200) is
		// an error envelope: compared with one of the fake's. 038 is
		// PortOne's docs example of a schedule listing, a bare array
		// generated from their Swagger file; the server answers a page
		// (docs/spec.md), so its items are compared with the page's.
		if m, ok := body.(map[string]any); ok {
			if data, slip := m["data"]; slip && in.File[:3] == "036" {
				// PortOne's docs example writes "data" where every
				// answer has "response" (contract_tests/exceptions_test.go).
				delete(m, "data")
				m["response"] = data
			}
			code, enveloped := m["code"]
			switch {
			case !enveloped:
				body = map[string]any{"response": m}
			case code != float64(0):
				key = "error envelope"
			case in.File[:3] == "038":
				m["response"] = map[string]any{"list": m["response"]}
			}
		}
		if groups[key] == nil {
			groups[key] = &group{}
			order = append(order, key)
		}
		groups[key].files = append(groups[key].files, in.File)
		groups[key].bodies = append(groups[key].bodies, body)
		groups[key].docs = append(groups[key].docs, in.Source.Kind == "docs-example")
	}
	answers["error envelope"] = answers["getPaymentByImpUid 404"]

	compared := 0
	for _, key := range order {
		g := groups[key]
		raw, ok := answers[key]
		if !ok {
			t.Errorf("%s (%s): the test drives no fake answer for it", key, strings.Join(g.files, ", "))
			continue
		}
		var answered any
		if err := json.Unmarshal(raw, &answered); err != nil {
			t.Fatal(err)
		}
		// The kinds come from the captures; a docs example's placeholder
		// values ("0" for a timestamp) are not evidence of a kind, so its
		// keys are checked against the kinds of its own answer.
		kinds := map[string][]string{}
		for i, b := range g.bodies {
			if !g.docs[i] {
				collectKinds(b, "$", kinds)
			}
		}
		for i, b := range g.bodies {
			k := kinds
			if g.docs[i] {
				k = map[string][]string{}
				collectKinds(answered, "$", k)
			}
			for _, problem := range recordedKeys(b, answered, "$", k) {
				t.Errorf("%s, %s: %s", key, g.files[i], problem)
			}
			compared++
		}
	}
	if want := len(corpus) - len(keyParitySkipped); compared != want {
		t.Fatalf("%d recordings compared, want %d: the walk is broken", compared, want)
	}
}

// TestKeyParityCatchesADroppedKey is the negative control: a recorded
// key that the answer lacks, a key under an array, and a timestamp
// answered null where the recordings say 0 are each reported.
func TestKeyParityCatchesADroppedKey(t *testing.T) {
	recorded := map[string]any{"response": map[string]any{
		"imp_uid": "imp_1", "vbank_issued_at": float64(0), "customer_uid": nil,
		"cancel_history": []any{map[string]any{"pg_tid": "t", "cancellation_id": nil}},
	}}
	answered := map[string]any{"response": map[string]any{
		"imp_uid": "imp_2", "vbank_issued_at": nil,
		"cancel_history": []any{map[string]any{"pg_tid": "u"}},
	}}
	kinds := map[string][]string{}
	collectKinds(recorded, "$", kinds)
	got := recordedKeys(recorded, answered, "$", kinds)
	want := []string{
		"$.response.cancel_history[].cancellation_id: missing",
		"$.response.customer_uid: missing",
		"$.response.vbank_issued_at: answered null, recorded number",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := recordedKeys(recorded, recorded, "$", kinds); len(got) != 0 {
		t.Fatalf("a recording against itself: %q", got)
	}
}
