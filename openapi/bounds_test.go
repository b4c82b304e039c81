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

// Clients must handle throttling and server failures on every call, so every
// operation declares 429 and 5XX through the shared responses (one
// description of what the body may be, one generated type each).
func TestEveryOperationDeclaresThrottlingAndServerFailure(t *testing.T) {
	doc := sharedDoc(t)
	if bad := undeclaredFailures(doc); len(bad) > 0 {
		t.Errorf("operations without the shared failure answers:\n  %s", strings.Join(bad, "\n  "))
	}
	for _, name := range []string{"TooManyRequests", "ServerError"} {
		r := doc.Components.Responses[name]
		if r == nil || r.Value == nil {
			t.Fatalf("components/responses/%s missing", name)
		}
		mt := r.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil || mt.Schema.Ref != "#/components/schemas/ErrorEnvelope" {
			t.Errorf("%s: application/json is not the ErrorEnvelope", name)
		}
		if !strings.Contains(*r.Value.Description, "Content-Type") {
			t.Errorf("%s: the description does not say that the body may not be JSON", name)
		}
	}
}

// Negative control: one operation without its 429, another whose 5XX is
// written inline, are both named.
func TestUndeclaredFailuresAreCaught(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	doc.Paths.Find("/payments/{imp_uid}").Get.Responses.Delete("429")
	cancel := doc.Paths.Find("/payments/cancel").Post.Responses
	cancel.Set("5XX", &openapi3.ResponseRef{Value: cancel.Value("5XX").Value})
	bad := undeclaredFailures(doc)
	for _, want := range []string{"getPaymentByImpUid: 429", "cancelPayment: 5XX"} {
		if !slices.Contains(bad, want) {
			t.Errorf("%s not reported; got %v", want, bad)
		}
	}
}

func undeclaredFailures(doc *openapi3.T) []string {
	want := map[string]string{
		"429": "#/components/responses/TooManyRequests",
		"5XX": "#/components/responses/ServerError",
	}
	var bad []string
	for _, op := range operations(doc) {
		for code, ref := range want {
			if r := op.Responses.Value(code); r == nil || r.Ref != ref {
				bad = append(bad, op.OperationID+": "+code)
			}
		}
	}
	slices.Sort(bad)
	return bad
}

// A list sent in the query is bounded (maxItems), and so is every timestamp
// a caller sends (int64 query parameters are UNIX seconds: maximum
// 99999999999 refuses a millisecond value).
func TestQueryParametersAreBounded(t *testing.T) {
	doc := sharedDoc(t)
	if bad := unboundedQueryParameters(doc); len(bad) > 0 {
		t.Errorf("unbounded query parameters:\n  %s", strings.Join(bad, "\n  "))
	}
	// The documented limit (PortOne: at most 100 payments a call), and the
	// same one on customer_uid[] (see its description).
	for path, name := range map[string]string{"/payments": "imp_uid[]", "/subscribe/customers": "customer_uid[]"} {
		p := findQueryParam(doc.Paths.Find(path).Get, name)
		if p == nil || p.Schema.Value.MaxItems == nil || *p.Schema.Value.MaxItems != 100 {
			t.Errorf("%s %s: maxItems is not 100", path, name)
		}
	}
}

// Negative control: getPaymentsByStatus's `to` without its maximum (as it
// was) and customer_uid[] without maxItems (as it was) are both named.
func TestUnboundedQueryParametersAreCaught(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	findQueryParam(doc.Paths.Find("/payments/status/{payment_status}").Get, "to").Schema.Value.Max = nil
	findQueryParam(doc.Paths.Find("/subscribe/customers").Get, "customer_uid[]").Schema.Value.MaxItems = nil
	bad := unboundedQueryParameters(doc)
	for _, want := range []string{"getPaymentsByStatus: to (no maximum)", "customer_view_multiple: customer_uid[] (no maxItems)"} {
		if !slices.Contains(bad, want) {
			t.Errorf("%s not reported; got %v", want, bad)
		}
	}
}

func unboundedQueryParameters(doc *openapi3.T) []string {
	var bad []string
	for _, op := range operations(doc) {
		for _, p := range op.Parameters {
			if p.Value.In != openapi3.ParameterInQuery {
				continue
			}
			s := p.Value.Schema.Value
			switch {
			case s.Type.Is(openapi3.TypeArray) && s.MaxItems == nil:
				bad = append(bad, fmt.Sprintf("%s: %s (no maxItems)", op.OperationID, p.Value.Name))
			case s.Type.Is(openapi3.TypeInteger) && s.Format == "int64" && (s.Max == nil || *s.Max != 99999999999):
				bad = append(bad, fmt.Sprintf("%s: %s (no maximum)", op.OperationID, p.Value.Name))
			}
		}
	}
	slices.Sort(bad)
	return bad
}

func findQueryParam(op *openapi3.Operation, name string) *openapi3.Parameter {
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInQuery && p.Value.Name == name {
			return p.Value
		}
	}
	return nil
}

// operations lists every operation of doc, in path order.
func operations(doc *openapi3.T) []*openapi3.Operation {
	var ops []*openapi3.Operation
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			ops = append(ops, op)
		}
	}
	return ops
}
