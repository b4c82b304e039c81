package contracttests

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// strictDoc exercises what the project's spec uses little or not yet:
// allOf, oneOf, maps (additionalProperties) and open objects.
const strictDoc = `
openapi: 3.0.3
info: {title: strict walk, version: "1"}
paths: {}
components:
  schemas:
    Base:
      type: object
      properties: {a: {type: string}}
    WithAllOf:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties: {b: {type: integer}}
    Cat:
      type: object
      required: [meow]
      properties: {meow: {type: boolean}}
    Dog:
      type: object
      required: [bark]
      properties: {bark: {type: boolean}}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
    Map:
      type: object
      additionalProperties:
        type: object
        properties: {x: {type: string}}
    Open:
      type: object
      additionalProperties: true
    Nullable:
      type: object
      nullable: true
      properties:
        n: {type: string}
        items:
          type: array
          items: {$ref: '#/components/schemas/Base'}
`

func TestStrictWalk(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(strictDoc))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		schema, body string
		want         []string // "kind path", in report order
	}{
		{"WithAllOf", `{"a":"x","b":1}`, nil},
		{"WithAllOf", `{"a":"x","b":1,"c":2}`, []string{"unknown-key $.c"}},
		{"WithAllOf", `{"a":"x","b":1.0}`, []string{"integer-literal $.b"}},
		{"WithAllOf", `{"b":17e8}`, []string{"integer-literal $.b"}},
		{"Pet", `{"meow":true}`, nil},
		{"Pet", `{"meow":true,"woof":1}`, []string{"unknown-key $.woof"}},
		// Only Dog validates, so Cat's meow is not declared for this value.
		{"Pet", `{"bark":true,"meow":1}`, []string{"unknown-key $.meow"}},
		{"Map", `{"k1":{"x":"s"},"k2":{"x":"s","y":1}}`, []string{"unknown-key $.k2.y"}},
		{"Open", `{"anything":{"goes":1}}`, nil},
		{"Nullable", `null`, nil},
		{"Nullable", `{"n":"s","items":[{"a":"x"},{"a":"y","z":0}]}`, []string{"unknown-key $.items[1].z"}},
	}
	for _, tc := range cases {
		t.Run(tc.schema+" "+tc.body, func(t *testing.T) {
			ref := &openapi3.SchemaRef{Ref: "#/components/schemas/" + tc.schema, Value: doc.Components.Schemas[tc.schema].Value}
			var got []string
			for _, p := range strictProblems(ref, []byte(tc.body)) {
				got = append(got, p.Kind+" "+p.Path)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}
