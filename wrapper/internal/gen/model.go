package main

import (
	"errors"
	"fmt"
	"go/ast"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// operation is everything the template needs to write one wrapper method.
type operation struct {
	ID      string // operationId in the spec, e.g. getPaymentByImpUid
	GoName  string // as oapi-codegen spells it, e.g. GetPaymentByImpUID
	Method  string // GET, POST...
	Path    string
	Summary string
	NoAuth  bool  // `security: []`: sent without the bearer token
	Args    []arg // the generated method's arguments after ctx
	Payload string
	Page    *pageWalk // nil unless the payload is a page
	// FailedIsNoError: a refused charge is answered code 0 with a payment
	// whose status is failed, which the method returns with a nil error.
	FailedIsNoError bool
}

type arg struct {
	Name string
	Type string
}

// pageWalk describes how to ask for page n of a paged operation.
type pageWalk struct {
	Item        string // element type of the page's list
	ParamsArg   string // name of the params argument
	ParamsType  string // its type without the pointer
	PageType    string // type of the Page field without the pointer
	PagePointer bool   // whether the Page field is a pointer (optional parameter)
}

const envelopeSuffix = "Envelope"

// buildOperations maps every operation of the spec to its generated
// method. It returns all problems at once, one line per operation.
func buildOperations(doc *openapi3.T, src *goSource, imp imports) ([]operation, error) {
	var ops []operation
	var problems []error
	inSpec := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			inSpec[op.OperationID] = true
			o, err := buildOperation(doc, src, imp, path, method, op)
			if err != nil {
				id := op.OperationID
				if id == "" {
					id = "(no operationId)"
				}
				problems = append(problems, fmt.Errorf("%s %s %s: %w", method, path, id, err))
				continue
			}
			ops = append(ops, o)
		}
	}
	for id := range failedIsNoError {
		if !inSpec[id] {
			problems = append(problems, fmt.Errorf("failedIsNoError names %s, which the spec does not have", id))
		}
	}
	if len(problems) > 0 {
		sort.Slice(problems, func(i, j int) bool { return problems[i].Error() < problems[j].Error() })
		return nil, errors.Join(problems...)
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].GoName < ops[j].GoName })
	for i := 1; i < len(ops); i++ {
		if ops[i].GoName == ops[i-1].GoName {
			return nil, fmt.Errorf("operations %s and %s share the Go name %s", ops[i-1].ID, ops[i].ID, ops[i].GoName)
		}
	}
	return ops, nil
}

// failedIsNoError lists the operations that charge a card and answer a
// refusal by the card company with code 0 and a payment whose status is
// failed, as their descriptions in the spec say. Their methods' docs say
// so, since "an *APIError whenever PortOne answered with a failure" would
// read as "nil error: paid". The spec's description of each must mention
// the status `failed` (buildOperation checks), so a reworded spec stops
// the generator instead of dropping the warning.
var failedIsNoError = map[string]bool{"onetime": true, "again": true}

// reserved are names the hand-written part of wrapper.Client already uses.
var reserved = map[string]bool{"Raw": true, "Token": true}

func buildOperation(doc *openapi3.T, src *goSource, imp imports, path, method string, op *openapi3.Operation) (operation, error) {
	if op.OperationID == "" {
		return operation{}, errors.New("no operationId")
	}
	goName, fn, err := src.methodFor(op.OperationID)
	if err != nil {
		return operation{}, err
	}
	if reserved[goName] {
		return operation{}, fmt.Errorf("Go name %s collides with a hand-written wrapper.Client method", goName)
	}
	o := operation{
		ID:      op.OperationID,
		GoName:  goName,
		Method:  method,
		Path:    path,
		Summary: oneLine(op.Summary),
		NoAuth:  op.Security != nil && len(*op.Security) == 0,
	}
	if failedIsNoError[op.OperationID] {
		if !strings.Contains(op.Description, "`failed`") {
			return operation{}, errors.New("listed in failedIsNoError, but its description no longer says a refusal comes as status `failed`")
		}
		o.FailedIsNoError = true
	}
	if o.Args, err = methodArgs(src, imp, fn); err != nil {
		return operation{}, err
	}
	envelope, err := successEnvelope(op)
	if err != nil {
		return operation{}, err
	}
	if err := checkEnvelopeSchema(doc, envelope); err != nil {
		return operation{}, err
	}
	typeName := codegen.SchemaNameToTypeName(envelope)
	field, err := src.structField(typeName, "response")
	if err != nil {
		return operation{}, fmt.Errorf("envelope %s: %w", envelope, err)
	}
	payload := field.Type
	// A nullable list or map comes out as *[]T or *map; nil already says
	// "null" for those, so hand callers the plain slice or map.
	if star, ok := payload.(*ast.StarExpr); ok {
		switch x := src.resolve(star.X).(type) {
		case *ast.ArrayType, *ast.MapType:
			payload = star.X
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && id.Name == "json" && x.Sel.Name == "RawMessage" {
				payload = star.X // a []byte: nil already says null
			}
		}
	}
	if o.Payload, err = src.typeString(payload, imp); err != nil {
		return operation{}, fmt.Errorf("envelope %s: response: %w", envelope, err)
	}
	if o.Page, err = pageOf(src, imp, payload, fn); err != nil {
		return operation{}, err
	}
	return o, nil
}

// methodArgs lists the arguments of a generated client method between ctx
// and the variadic request editors.
func methodArgs(src *goSource, imp imports, fn *ast.FuncType) ([]arg, error) {
	var args []arg
	for i, f := range fn.Params.List {
		if i == 0 || len(f.Names) != 1 {
			continue // ctx
		}
		if _, variadic := f.Type.(*ast.Ellipsis); variadic {
			continue // reqEditors
		}
		t, err := src.typeString(f.Type, imp)
		if err != nil {
			return nil, fmt.Errorf("argument %s: %w", f.Names[0].Name, err)
		}
		args = append(args, arg{Name: f.Names[0].Name, Type: t})
	}
	return args, nil
}

// successEnvelope returns the component schema name of the envelope that
// every 2xx answer of op uses.
func successEnvelope(op *openapi3.Operation) (string, error) {
	var name string
	codes := []string{}
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		resp := op.Responses.Value(code).Value
		if resp == nil {
			return "", fmt.Errorf("response %s is unresolved", code)
		}
		mt := resp.Content.Get("application/json")
		if mt == nil || mt.Schema == nil {
			return "", fmt.Errorf("response %s has no application/json schema: every success answer must be an envelope", code)
		}
		ref := mt.Schema.Ref
		const prefix = "#/components/schemas/"
		if !strings.HasPrefix(ref, prefix) {
			return "", fmt.Errorf("response %s: schema is inline, not a $ref to a components/schemas/Xxx%s", code, envelopeSuffix)
		}
		n := strings.TrimPrefix(ref, prefix)
		if !strings.HasSuffix(n, envelopeSuffix) {
			return "", fmt.Errorf("response %s: schema %s is not an Xxx%s (the spec's convention for {code, message, response})", code, n, envelopeSuffix)
		}
		if name != "" && name != n {
			return "", fmt.Errorf("success answers use different envelopes (%s, %s)", name, n)
		}
		name = n
	}
	if name == "" {
		return "", errors.New("no 2xx response")
	}
	return name, nil
}

func checkEnvelopeSchema(doc *openapi3.T, name string) error {
	ref := doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("schema %s is not in components/schemas", name)
	}
	for _, p := range []string{"code", "message", "response"} {
		if _, ok := ref.Value.Properties[p]; !ok {
			return fmt.Errorf("envelope %s has no %q property", name, p)
		}
	}
	return nil
}

// pageOf recognises a paged payload (a struct with total, previous, next
// and list) and the page parameter that walks it.
func pageOf(src *goSource, imp imports, payload ast.Expr, fn *ast.FuncType) (*pageWalk, error) {
	star, ok := payload.(*ast.StarExpr)
	if !ok {
		return nil, nil
	}
	id, ok := star.X.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	for _, f := range []string{"total", "previous", "next"} {
		if _, err := src.structField(id.Name, f); err != nil {
			return nil, nil
		}
	}
	list, err := src.structField(id.Name, "list")
	if err != nil {
		return nil, nil
	}
	elems, ok := src.resolve(list.Type).(*ast.ArrayType)
	if !ok {
		return nil, fmt.Errorf("payload %s: list is not a slice", id.Name)
	}
	next, _ := src.structField(id.Name, "next")
	if next.Names[0].Name != "Next" || list.Names[0].Name != "List" {
		return nil, fmt.Errorf("payload %s: expected Go fields Next and List", id.Name)
	}
	w := &pageWalk{}
	if w.Item, err = src.typeString(elems.Elt, imp); err != nil {
		return nil, err
	}
	// The params argument is the pointer to a struct with a Page field.
	for _, f := range fn.Params.List {
		ps, ok := f.Type.(*ast.StarExpr)
		if !ok || len(f.Names) != 1 {
			continue
		}
		pid, ok := ps.X.(*ast.Ident)
		if !ok || !strings.HasSuffix(pid.Name, "Params") {
			continue
		}
		page := src.fieldNamed(pid.Name, "Page")
		if page == nil {
			break
		}
		w.ParamsArg = f.Names[0].Name
		w.ParamsType, _ = src.typeString(pid, imp)
		pt := page.Type
		if s, ok := pt.(*ast.StarExpr); ok {
			pt, w.PagePointer = s.X, true
		}
		if w.PageType, err = src.typeString(pt, imp); err != nil {
			return nil, err
		}
		return w, nil
	}
	return nil, fmt.Errorf("payload %s is a page (total, previous, next, list) but the operation has no `page` parameter to walk it", id.Name)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
