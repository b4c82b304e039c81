package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"

	"github.com/portone-community/portone-v1-go/openapi"
)

// edited returns the project's spec after edit, as JSON.
func edited(t *testing.T, edit func(doc *openapi3.T)) []byte {
	t.Helper()
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	edit(doc)
	b, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBreakingChanges(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(doc *openapi3.T)
		wantIDs []string // oasdiff rule ids that must be reported as errors; none means no error at all
	}{
		{"identical", func(*openapi3.T) {}, nil},
		{"operation removed", func(doc *openapi3.T) {
			doc.Paths.Delete("/payments/cancel")
		}, []string{"api-path-removed-without-deprecation"}},
		{"required response field removed", func(doc *openapi3.T) {
			p := doc.Components.Schemas["Payment"].Value
			delete(p.Properties, "imp_uid")
			p.Required = slices.DeleteFunc(p.Required, func(s string) bool { return s == "imp_uid" })
		}, []string{"response-required-property-removed"}},
		{"response field type changed", func(doc *openapi3.T) {
			doc.Components.Schemas["Payment"].Value.Properties["amount"].Value.Type = &openapi3.Types{openapi3.TypeString}
		}, []string{"response-property-type-changed"}},
		{"optional response field added", func(doc *openapi3.T) {
			doc.Components.Schemas["Payment"].Value.Properties["brand_new"] = openapi3.NewStringSchema().NewRef()
		}, nil},
	}
	base := edited(t, func(*openapi3.T) {})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			changes, err := breakingChanges(base, edited(t, tc.edit), "base", "revision")
			if err != nil {
				t.Fatal(err)
			}
			var errIDs []string
			for _, c := range changes {
				if c.GetLevel() == checker.ERR {
					errIDs = append(errIDs, c.GetId())
				}
			}
			if len(tc.wantIDs) == 0 && len(errIDs) > 0 {
				t.Fatalf("want no breaking error, got %v", errIDs)
			}
			for _, id := range tc.wantIDs {
				if !slices.Contains(errIDs, id) {
					t.Errorf("want error %s, got %v", id, errIDs)
				}
			}
			var out bytes.Buffer
			code := report(changes, "base", &out)
			if want := map[bool]int{true: 1, false: 0}[len(tc.wantIDs) > 0]; code != want {
				t.Errorf("exit code %d, want %d; report:\n%s", code, want, out.String())
			}
			for _, id := range tc.wantIDs {
				if !strings.Contains(out.String(), id) {
					t.Errorf("report does not name %s:\n%s", id, out.String())
				}
			}
		})
	}
}
