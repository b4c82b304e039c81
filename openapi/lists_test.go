package openapi_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// No recorded answer has a null inside a list, so the items of every list
// in the spec are not nullable (Go []Payment, TypeScript Payment[]); only
// the response of a single-payload envelope is (the null of a failed call).
// The payload schemas themselves are therefore not nullable: a nullable
// Payment made every list of payments a list of maybe-payments.
func TestListItemsAreNotNullable(t *testing.T) {
	doc := sharedDoc(t)
	if bad := nullableListItems(doc); len(bad) > 0 {
		t.Errorf("list items that admit null:\n  %s", strings.Join(bad, "\n  "))
	}
}

// The negative control: the spec as it was before, with Payment nullable,
// is caught in each list of payments.
func TestNullableListItemsAreCaught(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	doc.Components.Schemas["Payment"].Value.Nullable = true
	bad := nullableListItems(doc)
	for _, want := range []string{"PaymentListEnvelope.response[]", "PaymentPage.list[]"} {
		if !slices.Contains(bad, want) {
			t.Errorf("nullable Payment not reported at %s; got %v", want, bad)
		}
	}
}

// nullableListItems walks the component schemas (every list of the spec is
// in one) and names each array whose items admit null, directly or through
// a oneOf/anyOf/allOf branch.
func nullableListItems(doc *openapi3.T) []string {
	var bad []string
	seen := map[*openapi3.Schema]bool{}
	var walk func(s *openapi3.Schema, path string)
	walk = func(s *openapi3.Schema, path string) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		if s.Items != nil && s.Items.Value != nil {
			if admitsNull(s.Items.Value) {
				bad = append(bad, path+"[]")
			}
			walk(s.Items.Value, path+"[]")
		}
		for name, p := range s.Properties {
			walk(p.Value, path+"."+name)
		}
		for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
			for _, b := range group {
				walk(b.Value, path)
			}
		}
	}
	for name, s := range doc.Components.Schemas {
		clear(seen)
		walk(s.Value, name)
	}
	slices.Sort(bad)
	return slices.Compact(bad)
}

func admitsNull(s *openapi3.Schema) bool {
	if s.Nullable {
		return true
	}
	for _, group := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf} {
		for _, b := range group {
			if admitsNull(b.Value) {
				return true
			}
		}
	}
	return false
}
