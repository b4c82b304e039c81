package openapi_test

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// Billing-key answers come in two shapes: an ordinary key (it has
// pg_provider) or a super billing key (it has channelGroupId). The spec
// models them as the oneOf BillingKey; these bodies are one of each, plus
// the null of a refused call (recording 032).
const (
	// The ordinary key of recording 037 (a documentation example), with its
	// placeholder card_type "null" written as the JSON null the API sends.
	ordinaryKeyBody = `{"code":0,"message":null,"response":{"customer_uid":"string","pg_provider":"string","pg_id":"string","card_name":"string","card_code":"string","card_number":"string","card_type":null,"customer_name":"string","customer_tel":"string","customer_email":"string","customer_addr":"string","customer_postcode":"string","inserted":0,"updated":0}}`
	// Constructed from the official SuperBillingKeyAnnotation: no recording
	// holds a super billing key.
	superKeyBody = `{"code":0,"message":null,"response":{"customer_uid":"cu_1","channelGroupId":"group_1","customer_id":null,"customer_name":null,"customer_tel":null,"customer_email":null,"customer_addr":null,"customer_postcode":null,"succeededChannels":[{"pg_provider":"nice_v2","pg_id":"mid_1","card_name":"BC카드","card_code":"361","card_number":"910020*********7","card_type":0,"inserted":1700000000,"updated":1700000000}],"failedChannels":[{"type":"PG_PROVIDER","message":"카드 정보 오류","pg_provider":"kcp_v2","pg_id":"mid_2"}]}}`
)

// billingKeyKind tells the two shapes apart with the generated Kind method
// (generated/unions.gen.go): oapi-codegen's As methods alone cannot, since
// both succeed on any key.
func billingKeyKind(t *testing.T, k *generated.BillingKey) string {
	t.Helper()
	if k == nil {
		return "null"
	}
	kind, err := k.Kind()
	if err != nil {
		t.Fatal(err)
	}
	switch kind {
	case generated.BillingKeyKindBillingKeyCustomer:
		if !k.IsBillingKeyCustomer() || k.IsSuperBillingKey() {
			t.Fatalf("Kind %s, but IsBillingKeyCustomer %v, IsSuperBillingKey %v", kind, k.IsBillingKeyCustomer(), k.IsSuperBillingKey())
		}
		return "ordinary"
	case generated.BillingKeyKindSuperBillingKey:
		if k.IsBillingKeyCustomer() || !k.IsSuperBillingKey() {
			t.Fatalf("Kind %s, but IsBillingKeyCustomer %v, IsSuperBillingKey %v", kind, k.IsBillingKeyCustomer(), k.IsSuperBillingKey())
		}
		return "super"
	}
	t.Fatalf("unknown kind %q", kind)
	return ""
}

func TestBillingKeyDecodesBothShapes(t *testing.T) {
	t.Run("ordinary", func(t *testing.T) {
		var env generated.BillingKeyEnvelope
		if err := json.Unmarshal([]byte(ordinaryKeyBody), &env); err != nil {
			t.Fatal(err)
		}
		if got := billingKeyKind(t, env.Response); got != "ordinary" {
			t.Fatalf("kind %q, want ordinary", got)
		}
		key, err := env.Response.AsBillingKeyCustomer()
		if err != nil {
			t.Fatal(err)
		}
		if key.PgProvider != "string" || key.CardType != nil || key.Inserted != 0 {
			t.Errorf("decoded %+v", key)
		}
	})
	t.Run("super", func(t *testing.T) {
		var env generated.BillingKeyEnvelope
		if err := json.Unmarshal([]byte(superKeyBody), &env); err != nil {
			t.Fatal(err)
		}
		if got := billingKeyKind(t, env.Response); got != "super" {
			t.Fatalf("kind %q, want super", got)
		}
		key, err := env.Response.AsSuperBillingKey()
		if err != nil {
			t.Fatal(err)
		}
		if key.ChannelGroupID != "group_1" || len(key.SucceededChannels) != 1 ||
			len(key.FailedChannels) == 0 || key.FailedChannels[0].Type != "PG_PROVIDER" {
			t.Errorf("decoded %+v", key)
		}
	})
	t.Run("refused", func(t *testing.T) {
		var env generated.BillingKeyEnvelope
		if err := json.Unmarshal(recordedBody(t, "032"), &env); err != nil {
			t.Fatal(err)
		}
		if env.Code != 1 || billingKeyKind(t, env.Response) != "null" {
			t.Errorf("code %d, kind %q; want 1 and null", env.Code, billingKeyKind(t, env.Response))
		}
	})
	t.Run("list mixing both", func(t *testing.T) {
		var one, other map[string]json.RawMessage
		if err := json.Unmarshal([]byte(ordinaryKeyBody), &one); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(superKeyBody), &other); err != nil {
			t.Fatal(err)
		}
		body := `{"code":0,"message":null,"response":[` + string(one["response"]) + `,` + string(other["response"]) + `]}`
		var env generated.BillingKeyListEnvelope
		if err := json.Unmarshal([]byte(body), &env); err != nil {
			t.Fatal(err)
		}
		if len(env.Response) != 2 {
			t.Fatalf("response %v", env.Response)
		}
		if a, b := billingKeyKind(t, &env.Response[0]), billingKeyKind(t, &env.Response[1]); a != "ordinary" || b != "super" {
			t.Errorf("kinds %q, %q; want ordinary, super", a, b)
		}
	})
}

// Each body matches exactly one branch of the spec's oneOf; a body with
// neither marker field matches none and is refused (the negative control).
func TestBillingKeyOneOfIsExclusive(t *testing.T) {
	doc := sharedDoc(t)
	schema := doc.Components.Schemas["BillingKeyEnvelope"].Value
	cases := []struct {
		name string
		body string
		ok   bool
	}{
		{"ordinary", ordinaryKeyBody, true},
		{"super", superKeyBody, true},
		{"refused", `{"code":1,"message":"비인증결제모듈 사용정보를 찾을 수 없습니다.","response":null}`, true},
		{"neither shape", `{"code":0,"message":null,"response":{"customer_uid":"cu_1","card_name":"BC카드"}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tc.body), &v); err != nil {
				t.Fatal(err)
			}
			err := schema.VisitJSON(v)
			if tc.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !tc.ok && err == nil {
				t.Error("accepted a body that is neither an ordinary nor a super billing key")
			}
		})
	}
}

// The problem Kind solves, kept as a fact: oapi-codegen's As methods decode
// an ordinary key as a super billing key too (without error), so only Kind
// tells them apart. And the negative controls: a key with the markers of
// neither shape, or of both, or that is not an object, has no kind.
func TestBillingKeyKindTellsWhatAsCannot(t *testing.T) {
	doc := sharedDoc(t)
	union := doc.Components.Schemas["BillingKey"].Value
	var env generated.BillingKeyEnvelope
	if err := json.Unmarshal([]byte(ordinaryKeyBody), &env); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Response.AsSuperBillingKey(); err != nil {
		t.Fatalf("AsSuperBillingKey refused an ordinary key (%v): oapi-codegen changed, revisit unionsgen", err)
	}
	if kind, err := env.Response.Kind(); err != nil || kind != generated.BillingKeyKindBillingKeyCustomer {
		t.Fatalf("ordinary key: Kind %q, %v", kind, err)
	}

	var ordinary, super map[string]json.RawMessage
	var o, s map[string]json.RawMessage
	if err := json.Unmarshal([]byte(ordinaryKeyBody), &o); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(superKeyBody), &s); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(o["response"], &ordinary); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(s["response"], &super); err != nil {
		t.Fatal(err)
	}
	both := maps.Clone(ordinary)
	maps.Copy(both, super)
	noPg := maps.Clone(ordinary)
	delete(noPg, "pg_provider")
	cases := map[string]any{
		"neither shape":                map[string]string{"customer_uid": "cu_1", "card_name": "BC카드"},
		"both shapes":                  both,
		"ordinary without pg_provider": noPg,
		"not an object":                []string{"cu_1"},
		"null":                         nil,
	}
	for name, v := range cases {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var k generated.BillingKey
		if err := json.Unmarshal(raw, &k); err != nil {
			t.Fatal(err)
		}
		if kind, err := k.Kind(); err == nil {
			t.Errorf("%s: Kind %q, want an error", name, kind)
		}
		// Kind agrees with the spec: kin-openapi refuses the same value
		// under the oneOf (none or both branches match).
		var decoded any
		if err := json.Unmarshal(raw, &decoded); err != nil {
			t.Fatal(err)
		}
		if err := union.VisitJSON(decoded); err == nil {
			t.Errorf("%s: the spec's oneOf accepts what Kind refuses", name)
		}
		if k.IsBillingKeyCustomer() || k.IsSuperBillingKey() {
			t.Errorf("%s: an Is method says yes", name)
		}
	}
}
