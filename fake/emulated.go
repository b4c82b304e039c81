package fake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"github.com/portone-community/portone-v1-go/fake/internal/api"
)

// Operation is one operation of the spec and whether the fake emulates it.
type Operation struct {
	ID       string // operationId
	Method   string
	Path     string
	Emulated bool
}

// Operations lists every operation of the spec, sorted by path then
// method, telling which ones the fake emulates. It is computed, not
// maintained: each generated handler method is called once on a scratch
// server, and those that answer the generated 501 are the ones nobody has
// written yet. The list in docs/fake.md is checked against it.
func Operations() ([]Operation, error) {
	s, err := New(Config{})
	if err != nil {
		return nil, err
	}
	methods := map[string]reflect.Value{}
	h := reflect.ValueOf(api.ServerInterface(&handlers{s: s}))
	iface := reflect.TypeFor[api.ServerInterface]()
	for i := range iface.NumMethod() {
		name := iface.Method(i).Name
		methods[normalizeName(name)] = h.MethodByName(name)
	}
	var out []Operation
	for path, item := range s.doc.Paths.Map() {
		for method, op := range item.Operations() {
			m, ok := methods[normalizeName(op.OperationID)]
			if !ok {
				return nil, fmt.Errorf("fake: no generated handler for %s; run make generate", op.OperationID)
			}
			emulated, err := probe(m)
			if err != nil {
				return nil, fmt.Errorf("fake: %s: %w", op.OperationID, err)
			}
			out = append(out, Operation{ID: op.OperationID, Method: method, Path: path, Emulated: emulated})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out, nil
}

// probe calls a handler with an empty JSON body and zero parameters and
// reports whether it is anything but the generated 501.
func probe(m reflect.Value) (emulated bool, err error) {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
	args := []reflect.Value{reflect.ValueOf(http.ResponseWriter(rec)), reflect.ValueOf(req)}
	for i := 2; i < m.Type().NumIn(); i++ {
		args = append(args, reflect.Zero(m.Type().In(i)))
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panics on an empty request: %v", p)
		}
	}()
	m.Call(args)
	return rec.Code != http.StatusNotImplemented, nil
}

// normalizeName matches an operationId with the Go method oapi-codegen
// derives from it (getToken, GetToken): case and separators aside they
// are the same letters.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// OperationsMarkdown renders Operations as the Markdown table docs/fake.md
// shows (and `portone-fake -operations` prints).
func OperationsMarkdown() (string, error) {
	ops, err := Operations()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	emulated := 0
	for _, op := range ops {
		if op.Emulated {
			emulated++
		}
	}
	if emulated == len(ops) {
		fmt.Fprintf(&b, "All %d operations of the spec are emulated.\n\n", len(ops))
	} else {
		fmt.Fprintf(&b, "%d of the spec's %d operations are emulated; the others answer 501 `not emulated`.\n\n", emulated, len(ops))
	}
	b.WriteString("| operation | route | emulated |\n|---|---|---|\n")
	for _, op := range ops {
		mark := "no (501)"
		if op.Emulated {
			mark = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | `%s %s` | %s |\n", op.ID, op.Method, op.Path, mark)
	}
	return b.String(), nil
}
