package contracttests

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/portone-community/portone-v1-go/generated"
)

// checkRoundTrip is check 4: the generated client decodes the replayed
// body and re-encodes it to the same JSON value.
const checkRoundTrip Check = "roundtrip"

// An optional property whose key the API writes on every answer today
// (null or 0 when empty) carries x-omitempty: false in the spec, so the
// generated model writes a nil value back as null: a recorded null
// survives, and an older recording that lacks the key gets it as null.
// The reconciler removes those nulls, naming the property; any other
// difference (a recorded null that does not come back) fails.

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
// using go-cmp, after removing the nulls the model writes for properties
// with x-omitempty: false that the recording lacks (and, for absentFilled
// exceptions, the keys the decoder filled in).
func compareRoundTrip(op *Operation, r replay, reencoded []byte, absentFilled bool) (written, filled []string, diff string, err error) {
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
	return rc.written, rc.filled, cmp.Diff(want, got), nil
}

type reconciler struct {
	absentFilled bool
	written      []string // "Schema.property" of nulls written for x-omitempty: false
	filled       []string // JSON paths of keys removed from got (absentFilled)
}

// walk goes through want and got together. A null in got whose key want
// lacks is removed from got when the spec gives the property x-omitempty:
// false, and reported as "Schema.property"; with absentFilled, keys of got
// that want lacks are removed from got.
func (rc *reconciler) walk(schema *openapi3.SchemaRef, want, got any, path string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return
		}
		for key, wv := range w {
			_, child := propertyOf(schema, want, key)
			gv, present := g[key]
			if !present {
				continue
			}
			rc.walk(child, wv, gv, path+"."+key)
		}
		for key, gv := range g {
			if _, ok := w[key]; ok || gv != nil {
				continue
			}
			if owner, p := propertyOf(schema, got, key); keptEmpty(p) {
				delete(g, key)
				rc.written = append(rc.written, owner+"."+key)
			}
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

// keptEmpty says whether the spec gives a property x-omitempty: false
// (beside a $ref too, where kin-openapi keeps it on the reference).
func keptEmpty(p *openapi3.SchemaRef) bool {
	if p == nil {
		return false
	}
	if v, ok := p.Extensions["x-omitempty"]; ok {
		return v == false
	}
	if p.Value != nil {
		if v, ok := p.Value.Extensions["x-omitempty"]; ok {
			return v == false
		}
	}
	return false
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
