package contracttests

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Check names one of the rules a response is held to.
type Check string

const (
	// CheckRoute: an operation of the spec matches the method, path and
	// query of the request.
	CheckRoute Check = "route"
	// CheckSchema: the response (status, content type, body) validates with
	// kin-openapi's openapi3filter.
	CheckSchema Check = "schema"
	// CheckStrict: every key of the body is declared by the schema that
	// applies, and integers are written as integer literals.
	CheckStrict Check = "strict"
)

// Problem kinds that are not a JSON Schema keyword. Schema problems use the
// keyword that failed ("type", "required", "enum", "format"...) as their Kind.
const (
	KindNoRoute        = "no-route"        // no operation matches
	KindUnknownQuery   = "unknown-query"   // a query key the operation does not declare
	KindParameter      = "parameter"       // a path or query value the operation refuses
	KindStatus         = "status"          // the status is not documented for the operation
	KindContentType    = "content-type"    // no response content for the Content-Type sent
	KindUnknownKey     = "unknown-key"     // a body key the schema does not declare
	KindIntegerLiteral = "integer-literal" // an integer field written as 1.7e9 or 12.0
)

// ErrNoRoute is wrapped by the error of CheckResponse when no operation of
// the spec matches the request, so that callers can tell "not described
// yet" from "described wrongly".
var ErrNoRoute = errors.New("no operation of the spec matches")

// Problem is one rule a response broke.
type Problem struct {
	Check   Check
	Kind    string
	Path    string // JSON path in the body ("$.response.card_type"), or "" for route and status
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return fmt.Sprintf("%s/%s: %s", p.Check, p.Kind, p.Message)
	}
	return fmt.Sprintf("%s/%s at %s: %s", p.Check, p.Kind, p.Path, p.Message)
}

// CheckError lists every problem found in one response.
type CheckError struct {
	Method   string
	Path     string
	Status   int
	Problems []Problem
}

func (e *CheckError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s -> %d: %d problem(s)", e.Method, e.Path, e.Status, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap lets errors.Is(err, ErrNoRoute) see a missing route.
func (e *CheckError) Unwrap() error {
	for _, p := range e.Problems {
		if p.Kind == KindNoRoute {
			return ErrNoRoute
		}
	}
	return nil
}

// Operation is the operation of the spec a request was matched to.
type Operation struct {
	ID           string            // operationId
	PathTemplate string            // e.g. /payments/{imp_uid}
	PathParams   map[string]string // values taken from the request path
	route        *routers.Route
}

// Checker holds responses to the spec: route, openapi3filter validation
// with the status included, and the strict walk for undeclared keys. It is
// safe for concurrent use.
type Checker struct {
	doc    *openapi3.T
	router routers.Router
}

// NewChecker prepares a checker for doc (as returned by openapi.Load).
// The spec's server URL is ignored, so responses of an httptest server
// are matched like those of api.iamport.kr.
func NewChecker(doc *openapi3.T) (*Checker, error) {
	hostless := *doc
	hostless.Servers = nil
	r, err := legacy.NewRouter(&hostless)
	if err != nil {
		return nil, fmt.Errorf("contracttests: build router: %w", err)
	}
	return &Checker{doc: &hostless, router: r}, nil
}

// FindOperation returns the operation that method and path (with rawQuery)
// address. The error is a *CheckError wrapping ErrNoRoute when nothing
// matches, or listing the query problems when the operation does not
// accept the query.
func (c *Checker) FindOperation(method, path, rawQuery string) (*Operation, error) {
	op, problems := c.findOperation(context.Background(), method, path, rawQuery)
	if len(problems) > 0 {
		return op, &CheckError{Method: method, Path: path, Problems: problems}
	}
	return op, nil
}

func (c *Checker) findOperation(ctx context.Context, method, path, rawQuery string) (*Operation, []Problem) {
	req, err := newRequest(ctx, method, path, rawQuery)
	if err != nil {
		return nil, []Problem{{Check: CheckRoute, Kind: KindNoRoute, Message: err.Error()}}
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		return nil, []Problem{{Check: CheckRoute, Kind: KindNoRoute,
			Message: fmt.Sprintf("%s %s: %v", method, path, err)}}
	}
	op := &Operation{ID: route.Operation.OperationID, PathTemplate: route.Path, PathParams: params, route: route}

	var problems []Problem
	declared := map[string]bool{}
	for _, list := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, p := range list {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
				declared[p.Value.Name] = true
			}
		}
	}
	for _, key := range sortedKeys(req.URL.Query()) {
		if !declared[key] {
			problems = append(problems, Problem{Check: CheckRoute, Kind: KindUnknownQuery,
				Message: fmt.Sprintf("query parameter %q is not declared by %s", key, op.ID)})
		}
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{
			ExcludeRequestBody: true,
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
		},
	}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		for _, e := range flatten(err) {
			var re *openapi3filter.RequestError
			if errors.As(e, &re) && re.Parameter != nil && re.Parameter.In == openapi3.ParameterInQuery && !declared[re.Parameter.Name] {
				continue // already reported as unknown
			}
			problems = append(problems, Problem{Check: CheckRoute, Kind: KindParameter, Message: shortError(e)})
		}
	}
	return op, problems
}

// CheckResponse holds one response to the spec: the request (method, path
// as sent, raw query) must match an operation, the status must be
// documented for it, the body must validate against the schema of that
// status and content type, and the body may hold no key the schema does
// not declare. It returns nil or a *CheckError listing every problem.
func (c *Checker) CheckResponse(method, path, rawQuery string, status int, header http.Header, body []byte) error {
	problems := c.Problems(method, path, rawQuery, status, header, body)
	if len(problems) == 0 {
		return nil
	}
	return &CheckError{Method: method, Path: path, Status: status, Problems: problems}
}

// Problems is CheckResponse returning the problems as a list, for callers
// that tolerate some of them (see the contract tests' exception table).
func (c *Checker) Problems(method, path, rawQuery string, status int, header http.Header, body []byte) []Problem {
	ctx := context.Background()
	op, problems := c.findOperation(ctx, method, path, rawQuery)
	if op == nil {
		return problems
	}
	req, err := newRequest(ctx, method, path, rawQuery)
	if err != nil {
		return append(problems, Problem{Check: CheckRoute, Kind: KindNoRoute, Message: err.Error()})
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: op.PathParams, Route: op.route,
		},
		Status: status,
		Header: header,
		Body:   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			IncludeResponseStatus: true,
			MultiError:            true,
		},
	}
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		problems = append(problems, schemaProblems(err)...)
	}
	schema := responseSchema(op.route.Operation, status, header.Get("Content-Type"))
	if schema != nil {
		problems = append(problems, strictProblems(schema, body)...)
	}
	return problems
}

// responseSchema is the schema openapi3filter used for this status and
// content type, or nil when there is none (then ValidateResponse has said so).
func responseSchema(op *openapi3.Operation, status int, contentType string) *openapi3.SchemaRef {
	ref := op.Responses.Status(status)
	if ref == nil {
		ref = op.Responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return nil
	}
	mt := ref.Value.Content.Get(contentType)
	if mt == nil {
		return nil
	}
	return mt.Schema
}

// schemaProblems turns openapi3filter's nested errors into one problem per
// failed keyword, with the JSON path of the value and without the schema
// and value dumps of SchemaError.Error.
func schemaProblems(err error) []Problem {
	var out []Problem
	for _, e := range flatten(err) {
		var se *openapi3.SchemaError
		if errors.As(e, &se) {
			out = append(out, Problem{Check: CheckSchema, Kind: se.SchemaField,
				Path: jsonPath(se.JSONPointer()), Message: se.Reason})
			continue
		}
		var re *openapi3filter.ResponseError
		kind := "response"
		msg := e.Error()
		if errors.As(e, &re) {
			msg = re.Reason
			switch {
			case strings.Contains(re.Reason, "status is not supported"):
				kind = KindStatus
			case strings.Contains(re.Reason, "content type"), strings.Contains(re.Reason, "Content-Type"):
				kind = KindContentType
			}
			if re.Err != nil {
				msg += ": " + shortError(re.Err)
			}
		}
		out = append(out, Problem{Check: CheckSchema, Kind: kind, Message: msg})
	}
	return out
}

// flatten unwraps ResponseError, RequestError and MultiError down to the
// individual failures; an error with no inner list is returned as is.
func flatten(err error) []error {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// shortError is err's message without kin-openapi's schema and value dumps.
func shortError(err error) string {
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		if p := jsonPath(se.JSONPointer()); p != "$" {
			return p + ": " + se.Reason
		}
		return se.Reason
	}
	msg := err.Error()
	if i := strings.Index(msg, "\nSchema:"); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func jsonPath(pointer []string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, seg := range pointer {
		if isIndex(seg) {
			b.WriteString("[" + seg + "]")
		} else {
			b.WriteString("." + seg)
		}
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func newRequest(ctx context.Context, method, path, rawQuery string) (*http.Request, error) {
	u := &url.URL{Scheme: "https", Host: "api.iamport.kr", Path: path, RawQuery: rawQuery}
	return http.NewRequestWithContext(ctx, method, u.String(), nil)
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
