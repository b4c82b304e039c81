package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// The spec's one union, BillingKey, gets the markers its branches require:
// the ordinary key's PG and card fields, the super key's channelGroupId.
func TestBillingKeyMarkers(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	unions, err := findUnions(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(unions) != 1 || unions[0].Name != "BillingKey" || len(unions[0].Branches) != 2 {
		t.Fatalf("unions %+v", unions)
	}
	for _, b := range unions[0].Branches {
		want := map[string]string{"BillingKeyCustomer": "pg_provider", "SuperBillingKey": "channelGroupId"}[b.Name]
		if !strings.Contains(strings.Join(b.Markers, " "), want) {
			t.Errorf("%s: markers %v lack %s", b.Name, b.Markers, want)
		}
		if strings.Contains(strings.Join(b.Markers, " "), "customer_uid") {
			t.Errorf("%s: customer_uid is in both branches, not a marker: %v", b.Name, b.Markers)
		}
	}
	models, err := os.ReadFile("../../generated/models.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := crossCheck(unions, string(models)); err != nil {
		t.Fatal(err)
	}
}

// Negative controls: a union whose branches cannot be told apart, a branch
// written inline, and a union oapi-codegen did not generate all stop
// generation.
func TestUnionsThatCannotBeToldApartAreRefused(t *testing.T) {
	const spec = `
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: object, required: [id], properties: {id: {type: string}, x: {type: string}}}
    B: {type: object, required: [id], properties: {id: {type: string}}}
    AorB: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}
    Inline: {oneOf: [{$ref: '#/components/schemas/A'}, {type: object, required: [y], properties: {y: {type: string}}}]}
`
	doc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	delete(doc.Components.Schemas, "Inline")
	if _, err := findUnions(doc); err == nil || !strings.Contains(err.Error(), "AorB") {
		t.Errorf("ambiguous union: err %v, want one naming AorB", err)
	}
	doc, _ = openapi3.NewLoader().LoadFromData([]byte(spec))
	delete(doc.Components.Schemas, "AorB")
	if _, err := findUnions(doc); err == nil || !strings.Contains(err.Error(), "not a $ref") {
		t.Errorf("inline branch: err %v", err)
	}
	u := []union{{Name: "AorB", Branches: []branch{{Name: "A", Markers: []string{"x"}}}}}
	if err := crossCheck(u, "package generated\n"); err == nil {
		t.Error("a union missing from the models passed the cross-check")
	}
}
