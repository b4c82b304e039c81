package openapi_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// officialDef is one row of testdata/official-v1-definitions.tsv.
type officialDef struct {
	Kind   string
	Fields []officialField
}

// officialField is a field of an official definition; Type is a JSON type,
// a definition name, or "[X]" for an array of X.
type officialField struct {
	Name, Type string
}

func loadOfficialDefs(t testing.TB) map[string]officialDef {
	t.Helper()
	defs := map[string]officialDef{}
	for _, cols := range readTSV(t, "official-v1-definitions.tsv", 5) {
		def := officialDef{Kind: cols[1]}
		for _, f := range strings.Split(cols[4], ", ") {
			if name, typ, ok := strings.Cut(f, ":"); ok {
				def.Fields = append(def.Fields, officialField{Name: name, Type: typ})
			}
		}
		defs[cols[0]] = def
	}
	return defs
}

// response200 returns the JSON schema of op's 200 answer.
func response200(doc *openapi3.T, o officialOp) *openapi3.Schema {
	item := doc.Paths.Find(o.Path)
	if item == nil {
		return nil
	}
	op := item.GetOperation(o.Method)
	if op == nil {
		return nil
	}
	r := op.Responses.Status(200)
	if r == nil || r.Value == nil {
		return nil
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// pagedNotArray are the routes whose official 200 payload is an array
// where the server answers a page {total, previous, next, list} (the
// schedule listings: PortOne's own clients read a page, see the spec's
// findSchedulesByCustomer); the official fields are looked for in the
// items of list.
var pagedNotArray = map[string]bool{
	"GET /subscribe/customers/{customer_uid}/schedules":         true,
	"GET /subscribe/payments/schedule/customers/{customer_uid}": true,
	"GET /subscribe/payments/schedule":                          true,
}

// checkResponseFields reports every field of the official 200 payload of o
// that the spec's 200 schema lacks, nested definitions included. The
// official 200 schema is a named definition (an envelope whose `response`
// is a definition or an array of one, or a plain object), an inline object
// ("inline{code|message|...}" lists its properties), an inline pair of
// envelopes ("inline{CustomerResponse|SuperBillingKeyResponse}", either of
// which the answer may be), or nothing.
func checkResponseFields(doc *openapi3.T, defs map[string]officialDef, o officialOp) []string {
	if o.Response200 == "" {
		return nil // PortOne documents no 200 body (kcpquick prepare)
	}
	got := response200(doc, o)
	if got == nil {
		return []string{fmt.Sprintf("%s: no JSON 200 schema", o.OperationID)}
	}
	var names []string
	if inner, ok := strings.CutPrefix(o.Response200, "inline{"); ok {
		names = strings.Split(strings.TrimSuffix(inner, "}"), "|")
		if _, isDef := defs[names[0]]; !isDef {
			var problems []string
			for _, n := range names {
				if got.Properties[n] == nil {
					problems = append(problems, fmt.Sprintf("%s: $.%s missing", o.OperationID, n))
				}
			}
			return problems
		}
	} else {
		names = []string{o.Response200}
	}
	var problems []string
	for _, name := range names {
		def, ok := defs[name]
		if !ok {
			return []string{fmt.Sprintf("%s: official definition %s unknown", o.OperationID, name)}
		}
		if !strings.HasPrefix(def.Kind, "envelope") {
			problems = append(problems, missingFields(defs, got, name, o.OperationID+": $", 0)...)
			continue
		}
		for _, n := range []string{"code", "message", "response"} {
			if got.Properties[n] == nil {
				problems = append(problems, fmt.Sprintf("%s: $.%s missing", o.OperationID, n))
			}
		}
		if got.Properties["response"] == nil || len(def.Fields) != 1 {
			continue
		}
		resp, path := got.Properties["response"].Value, o.OperationID+": $.response"
		if pagedNotArray[o.Method+" "+o.Path] && resp.Properties["list"] != nil {
			resp, path = resp.Properties["list"].Value, path+".list"
		}
		problems = append(problems, missingIn(defs, resp, def.Fields[0].Type, path, 0)...)
	}
	return problems
}

// missingIn checks schema s against an official field type: a definition
// name, or [name] for an array of one. Plain JSON types need no check.
func missingIn(defs map[string]officialDef, s *openapi3.Schema, typ, path string, depth int) []string {
	if elem, ok := strings.CutPrefix(typ, "["); ok {
		elem = strings.TrimSuffix(elem, "]")
		if _, isDef := defs[elem]; !isDef {
			return nil
		}
		if s.Items == nil || s.Items.Value == nil {
			return []string{path + " is not an array"}
		}
		return missingIn(defs, s.Items.Value, elem, path+"[]", depth)
	}
	if _, isDef := defs[typ]; !isDef {
		return nil
	}
	return missingFields(defs, s, typ, path, depth)
}

// missingFields reports the fields of definition name that s lacks. When s
// is a oneOf, one branch must hold them all (the answer is one shape or
// another, never a mix).
func missingFields(defs map[string]officialDef, s *openapi3.Schema, name, path string, depth int) []string {
	if depth > 5 {
		return nil
	}
	// A nullable envelope response is an allOf of its one payload schema.
	for len(s.AllOf) == 1 && len(s.Properties) == 0 {
		s = s.AllOf[0].Value
	}
	branches := []*openapi3.Schema{s}
	if len(s.OneOf) > 0 {
		branches = branches[:0]
		for _, b := range s.OneOf {
			branches = append(branches, b.Value)
		}
	}
	var best []string
	for i, b := range branches {
		var problems []string
		for _, f := range defs[name].Fields {
			p := b.Properties[f.Name]
			if p == nil {
				problems = append(problems, fmt.Sprintf("%s.%s missing (official %s)", path, f.Name, name))
				continue
			}
			problems = append(problems, missingIn(defs, p.Value, f.Type, path+"."+f.Name, depth+1)...)
		}
		if i == 0 || len(problems) < len(best) {
			best = problems
		}
	}
	return best
}

func TestSpecHasEveryOfficialResponseField(t *testing.T) {
	doc := sharedDoc(t)
	defs := loadOfficialDefs(t)
	checked := 0
	for _, o := range loadOfficialOps(t) {
		if o.Response200 != "" {
			checked++
		}
		for _, p := range checkResponseFields(doc, defs, o) {
			t.Error(p)
		}
	}
	if checked != 78 {
		t.Errorf("checked %d official 200 schemas, want 78 (80 operations, the two kcpquick prepare ones without a documented 200 body)", checked)
	}
}

// TestCheckResponseFieldsCatchesDrift is the negative control of the test
// above: a schema that lost a field, at the top, nested in an array, or in
// one branch of a oneOf, must be reported.
func TestCheckResponseFieldsCatchesDrift(t *testing.T) {
	official := loadOfficialOps(t)
	defs := loadOfficialDefs(t)
	byID := func(id string) officialOp {
		i := slices.IndexFunc(official, func(o officialOp) bool { return o.OperationID == id })
		return official[i]
	}
	cases := []struct {
		name   string
		id     string
		schema string
		field  string
		want   string
	}{
		{"payload field", "getScheduleByMid", "Schedule", "payment_status", "$.response.payment_status missing"},
		{"field of an array item", "unschedule", "Schedule", "revoked_at", "$.response[].revoked_at missing"},
		{"field of a page's item", "findSchedulesByRange", "Schedule", "revoked_at", "$.response.list[].revoked_at missing"},
		{"nested definition", "getPaymentByImpUid", "PaymentCancellation", "cancellation_id", "$.response.cancel_history[].cancellation_id missing"},
		{"one branch of a oneOf", "customer_view", "SuperBillingKey", "failedChannels", "$.response.failedChannels missing (official SuperBillingKeyAnnotation)"},
		{"inline envelope", "releaseFido", "KcpQuickFidoReleaseEnvelope", "error", "$.error missing"},
		{"envelope spelled out as an object", "paymentwall_delivery", "PaymentwallDeliveryResult", "notices", "$.response.notices missing"},
	}
	// One copy to break for all the cases (a load is a quarter of a second
	// under -race): each case puts back the field it removed, and the intact
	// check before its removal proves no earlier case left a field out. The
	// cases run one after the other (no t.Parallel).
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if p := checkResponseFields(doc, defs, byID(tc.id)); len(p) != 0 {
				t.Fatalf("intact spec already reports %v", p)
			}
			s := doc.Components.Schemas[tc.schema].Value
			removed := s.Properties[tc.field]
			if removed == nil {
				t.Fatalf("%s has no property %s to remove", tc.schema, tc.field)
			}
			delete(s.Properties, tc.field)
			defer func() { s.Properties[tc.field] = removed }()
			problems := checkResponseFields(doc, defs, byID(tc.id))
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Errorf("problems %q do not mention %q", problems, tc.want)
			}
		})
	}
}
