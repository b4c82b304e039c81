package contracttests

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/portone-community/portone-v1-go/generated"
)

// checkRoundTrip is check 4: the generated client decodes the replayed
// body and re-encodes it to the same JSON value.
const checkRoundTrip Check = "roundtrip"

// collapse is a field where the generated model legitimately turns a
// recorded null (or empty array) into an absent key: the property is
// optional, so oapi-codegen gives it `omitempty`, and a nil pointer or
// empty slice is not written back. Keyed by "Schema.property".
// TestCollapseTableMatchesSpec keeps every entry honest, and TestCorpus
// fails on an entry that no recording needs.
var collapses = map[string]string{
	"Payment.emb_pg_provider":    "optional and nullable (added to the API in 2021): *string with omitempty, so null is not re-encoded",
	"Payment.card_number":        "optional and nullable (absent from 2017 answers): *string with omitempty",
	"Payment.card_type":          "optional and nullable (absent from 2017 answers): *CardType with omitempty",
	"Payment.customer_uid":       "optional and nullable (added with billing keys): *string with omitempty",
	"Payment.customer_uid_usage": "optional and nullable (added with billing keys): *CustomerUIDUsage with omitempty",
	"Schedule.customer_id":       "optional and nullable (in capture 031 as null, absent from PortOne's docs model): *string with omitempty",
}

// roundTrip replays r through an httptest server and the generated
// client's <OperationId>WithResponse method, found by reflection so that
// operations added to the spec are covered without touching this file.
// It returns the decoded-and-re-encoded body.
func roundTrip(op *Operation, r replay) ([]byte, error) {
	srv, served := replayServer(r)
	defer srv.Close()

	client, err := generated.NewClientWithResponses(srv.URL)
	if err != nil {
		return nil, err
	}
	m, err := methodFor(reflect.ValueOf(client), op.ID, "withresponse")
	if err != nil {
		return nil, err
	}
	args, err := callArgs(m.Type(), op)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op.ID, err)
	}
	out := m.Call(args)
	if e, _ := out[1].Interface().(error); e != nil {
		return nil, fmt.Errorf("decode: %s: %w", op.ID, e)
	}
	if want := r.method + " " + r.path; *served != want {
		return nil, fmt.Errorf("generated client sent %q, recording is %q", *served, want)
	}
	field := out[0].Elem().FieldByName("JSON" + strconv.Itoa(r.status))
	if !field.IsValid() {
		return nil, fmt.Errorf("decode: %sResponse has no JSON%d field: the spec does not document status %d", op.ID, r.status, r.status)
	}
	if field.IsNil() {
		return nil, fmt.Errorf("decode: %sResponse.JSON%d is nil after a JSON answer", op.ID, r.status)
	}
	return json.Marshal(field.Interface())
}

// replayServer answers every request with the recorded status and body of
// r; served is the method and path of the last request it answered.
func replayServer(r replay) (srv *httptest.Server, served *string) {
	served = new(string)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		*served = req.Method + " " + req.URL.Path
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(r.status)
		_, _ = w.Write(r.body)
	}))
	return srv, served
}

// methodFor finds the method of v named after operationID plus suffix
// ("withresponse" for the generated client, "" for the wrapper).
// oapi-codegen turns operationIds into Go names (escrow_logis_save ->
// EscrowLogisSave), so names are compared without case and separators.
func methodFor(v reflect.Value, operationID, suffix string) (reflect.Value, error) {
	want := goNameKey(operationID) + suffix
	for i := 0; i < v.NumMethod(); i++ {
		if goNameKey(v.Type().Method(i).Name) == want {
			return v.Method(i), nil
		}
	}
	return reflect.Value{}, fmt.Errorf("%s has no method for operation %q", v.Type(), operationID)
}

func goNameKey(s string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "", ".", "").Replace(s))
}

// callArgs builds the arguments of a generated WithResponse method: the
// context, path parameters in template order (converted to their named Go
// types), an empty params struct and a zero request body. The replaying
// server answers whatever the body says.
func callArgs(mt reflect.Type, op *Operation) ([]reflect.Value, error) {
	names := pathParamNames(op.PathTemplate)
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	n := mt.NumIn()
	if mt.IsVariadic() {
		n-- // reqEditors
	}
	for i := 1; i < n; i++ {
		t := mt.In(i)
		switch {
		case t.Kind() == reflect.String && len(names) > 0:
			args = append(args, reflect.ValueOf(op.PathParams[names[0]]).Convert(t))
			names = names[1:]
		case isInt(t.Kind()) && len(names) > 0:
			n, err := strconv.ParseInt(op.PathParams[names[0]], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("path parameter %s: %w", names[0], err)
			}
			args = append(args, reflect.ValueOf(n).Convert(t))
			names = names[1:]
		case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
			args = append(args, reflect.New(t.Elem()))
		case t.Kind() == reflect.Struct:
			args = append(args, reflect.Zero(t))
		default:
			return nil, fmt.Errorf("argument %d of type %s: no way to build it", i, t)
		}
	}
	if len(names) > 0 {
		return nil, fmt.Errorf("path parameters %v have no argument", names)
	}
	return args, nil
}

func isInt(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Int64
}

func pathParamNames(template string) []string {
	var names []string
	for _, seg := range strings.Split(template, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

// compareRoundTrip compares the recorded body with the re-encoded one
// using go-cmp, after removing the collapses the table explains (and, for
// absentFilled exceptions, the keys the decoder filled in).
func compareRoundTrip(op *Operation, r replay, reencoded []byte, absentFilled bool) (collapsed, filled []string, diff string, err error) {
	var want, got any
	if err := json.Unmarshal(r.body, &want); err != nil {
		return nil, nil, "", err
	}
	if err := json.Unmarshal(reencoded, &got); err != nil {
		return nil, nil, "", err
	}
	schema := responseSchema(op.route.Operation, r.status, "application/json")
	rc := &reconciler{absentFilled: absentFilled}
	rc.walk(schema, want, got, "$")
	return rc.collapsed, rc.filled, cmp.Diff(want, got), nil
}

type reconciler struct {
	absentFilled bool
	collapsed    []string // "Schema.property" of explained collapses
	filled       []string // JSON paths of keys removed from got (absentFilled)
}

// reconcile walks want and got together. A key that is null (or an empty
// array) in want and absent from got is removed from want when the
// collapse table explains it, and reported as "Schema.property"; with
// absentFilled, keys of got that want lacks are removed from got.
func (rc *reconciler) walk(schema *openapi3.SchemaRef, want, got any, path string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return
		}
		for key, wv := range w {
			owner, child := propertyOf(schema, want, key)
			gv, present := g[key]
			if !present && isEmpty(wv) {
				if _, ok := collapses[owner+"."+key]; ok {
					delete(w, key)
					rc.collapsed = append(rc.collapsed, owner+"."+key)
				}
				continue
			}
			rc.walk(child, wv, gv, path+"."+key)
		}
		if rc.absentFilled {
			for key := range g {
				if _, ok := w[key]; !ok {
					delete(g, key)
					rc.filled = append(rc.filled, path+"."+key)
				}
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return
		}
		var items *openapi3.SchemaRef
		if schema != nil && schema.Value != nil {
			for _, s := range applicable(schema, want) {
				if s.Items != nil {
					items = s.Items
					break
				}
			}
		}
		for i := range w {
			rc.walk(items, w[i], g[i], fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	a, ok := v.([]any)
	return ok && len(a) == 0
}

// propertyOf names the component schema that declares key for the object
// value, and returns the property's schema (nil when undeclared).
func propertyOf(schema *openapi3.SchemaRef, value any, key string) (string, *openapi3.SchemaRef) {
	if schema == nil || schema.Value == nil {
		return "", nil
	}
	for _, s := range applicable(schema, value) {
		if p, ok := s.Properties[key]; ok {
			return s.name, p
		}
	}
	return "", nil
}

// TestCollapseTableMatchesSpec keeps the collapse table honest: each entry
// must name a property that the spec declares as optional and nullable,
// the only case where the generated model drops a recorded null.
func TestCollapseTableMatchesSpec(t *testing.T) {
	schemas := testChecker(t).doc.Components.Schemas
	for key, why := range collapses {
		name, prop, _ := strings.Cut(key, ".")
		ref, ok := schemas[name]
		if !ok || ref.Value == nil {
			t.Errorf("%s: no schema %q", key, name)
			continue
		}
		p, ok := ref.Value.Properties[prop]
		if !ok || p.Value == nil {
			t.Errorf("%s: schema %s has no property %q", key, name, prop)
			continue
		}
		if slices.Contains(ref.Value.Required, prop) {
			t.Errorf("%s is required, so a null must survive the round trip; remove it from the table (%s)", key, why)
		}
		if !p.Value.Nullable && !p.Value.Type.Is(openapi3.TypeArray) {
			t.Errorf("%s is neither nullable nor an array: nothing to collapse", key)
		}
	}
}
