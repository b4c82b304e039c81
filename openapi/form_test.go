package openapi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/portone-community/portone-v1-go/openapi"
)

// TestFormBodies: every operation PortOne's file declares with formData
// parameters and a form in `consumes` takes a form body here too, with
// the JSON body's schema; each object property says it is written with
// brackets (deepObject, exploded: extra[requester]=...). Arrays carry no
// deepObject, which OpenAPI 3.0 defines for objects only (ogen refuses
// it): their brackets are in the spec's description. The operations whose
// file lists only JSON in `consumes` (KCP Quick) take JSON only, and a GET
// (Naver reviews) takes no body. Negative control: a spec without the
// form content fails (see the mutation below).
func TestFormBodies(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows := readTSV(t, "official-v1-formdata-operations.tsv", 5)
	if len(rows) != 43 {
		t.Fatalf("%d official formData operations, want 43", len(rows))
	}
	withForm := 0
	for _, row := range rows {
		method, path, consumes := row[0], row[1], row[3]
		wantForm := strings.Contains(consumes, formType) && method != "GET"
		withForm += map[bool]int{true: 1}[wantForm]
		t.Run(method+" "+path, func(t *testing.T) {
			for _, p := range formProblems(doc, method, path, wantForm) {
				t.Error(p)
			}
		})
	}
	if withForm != 37 {
		t.Errorf("%d operations want a form body, expected 37", withForm)
	}

	// Negative control: drop one form content and one encoding entry.
	cancel := doc.Paths.Find("/payments/cancel").Post.RequestBody.Value
	saved := cancel.Content[formType]
	delete(cancel.Content, formType)
	if len(formProblems(doc, "POST", "/payments/cancel", true)) == 0 {
		t.Error("a missing form content went unnoticed")
	}
	again := doc.Paths.Find("/subscribe/payments/again").Post.RequestBody.Value.Content[formType]
	enc := again.Encoding["extra"]
	delete(again.Encoding, "extra")
	if len(formProblems(doc, "POST", "/subscribe/payments/again", true)) == 0 {
		t.Error("a missing encoding went unnoticed")
	}
	schedule := doc.Paths.Find("/subscribe/payments/schedule").Post.RequestBody.Value.Content[formType]
	schedule.Encoding = openapi3.Encodings{"schedules": {Style: openapi3.SerializationDeepObject, Explode: new(true)}}
	if len(formProblems(doc, "POST", "/subscribe/payments/schedule", true)) == 0 {
		t.Error("deepObject on an array went unnoticed")
	}
	cancel.Content[formType], again.Encoding["extra"], schedule.Encoding = saved, enc, nil
}

const formType = "application/x-www-form-urlencoded"

func formProblems(doc *openapi3.T, method, path string, wantForm bool) []string {
	op := doc.Paths.Find(path).GetOperation(method)
	if op == nil {
		return []string{"no operation"}
	}
	var form *openapi3.MediaType
	if op.RequestBody != nil {
		form = op.RequestBody.Value.Content.Get(formType)
	}
	if !wantForm {
		if form != nil {
			return []string{"a form body PortOne's file does not declare"}
		}
		return nil
	}
	if form == nil {
		return []string{"no form body"}
	}
	json := op.RequestBody.Value.Content.Get("application/json")
	if json == nil || json.Schema.Ref == "" || form.Schema.Ref != json.Schema.Ref {
		return []string{"the form schema is not the JSON body's schema"}
	}
	var problems []string
	for name, prop := range form.Schema.Value.Properties {
		kind := schemaKind(prop.Value)
		enc := form.Encoding[name]
		switch {
		case kind == "object" && enc == nil:
			problems = append(problems, "no encoding for "+name)
		case kind == "object" && (enc.Style != openapi3.SerializationDeepObject || enc.Explode == nil || !*enc.Explode):
			problems = append(problems, "encoding of "+name+" is not deepObject, exploded")
		case kind != "object" && enc != nil:
			problems = append(problems, "encoding for "+name+", which is no object")
		}
	}
	return problems
}

// schemaKind is "object", "array" or another type, looking through allOf
// (a nullable reference).
func schemaKind(s *openapi3.Schema) string {
	for _, t := range []string{"object", "array"} {
		if s.Type.Is(t) {
			return t
		}
	}
	for _, sub := range s.AllOf {
		if k := schemaKind(sub.Value); k != "" {
			return k
		}
	}
	if s.Type != nil && len(s.Type.Slice()) > 0 {
		return s.Type.Slice()[0]
	}
	return ""
}
