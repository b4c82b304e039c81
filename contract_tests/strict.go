package contracttests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// strictProblems walks body along schema and reports what openapi3filter
// lets through: keys that no applicable schema declares (kin-openapi allows
// additional properties unless the schema forbids them, and this spec never
// says either way), and integer fields written as 1.7e9 or 12.0, which JSON
// Schema accepts as integers but Go's encoding/json refuses for int64.
//
// Only additionalProperties: true or a schema opens an object to undeclared
// keys. allOf branches add their properties up; for oneOf and anyOf the
// branches the value validates against are used (all of them when none
// does, in which case the schema check has already failed).
func strictProblems(schema *openapi3.SchemaRef, body []byte) []Problem {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return []Problem{{Check: CheckStrict, Kind: "json", Path: "$", Message: err.Error()}}
	}
	w := &walker{}
	w.walk(schema, value, "$")
	return w.problems
}

type walker struct {
	problems []Problem
}

func (w *walker) report(kind, path, format string, args ...any) {
	w.problems = append(w.problems, Problem{Check: CheckStrict, Kind: kind, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (w *walker) walk(ref *openapi3.SchemaRef, value any, path string) {
	if ref == nil || ref.Value == nil || value == nil {
		return // null: nullability is the schema check's business
	}
	schemas := applicable(ref, value)
	switch v := value.(type) {
	case map[string]any:
		w.walkObject(schemas, v, path)
	case []any:
		for _, s := range schemas {
			if s.Items != nil {
				for i, item := range v {
					w.walk(s.Items, item, fmt.Sprintf("%s[%d]", path, i))
				}
				return
			}
		}
	case json.Number:
		for _, s := range schemas {
			if s.Type.Is(openapi3.TypeInteger) && strings.ContainsAny(v.String(), ".eE") {
				w.report(KindIntegerLiteral, path, "integer field written as %s; integer decoders (Go int64) refuse it", v.String())
				return
			}
		}
	}
}

// namedSchema is a schema with the component name it was reached by, for
// messages.
type namedSchema struct {
	*openapi3.Schema
	name string
}

// applicable flattens ref into the schemas whose keywords apply to value:
// the schema itself, every allOf branch, and the matching oneOf/anyOf
// branches.
func applicable(ref *openapi3.SchemaRef, value any) []namedSchema {
	s := ref.Value
	out := []namedSchema{{Schema: s, name: ref.Ref[strings.LastIndex(ref.Ref, "/")+1:]}}
	for _, b := range s.AllOf {
		if b.Value != nil {
			out = append(out, applicable(b, value)...)
		}
	}
	for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		var matched, all []*openapi3.SchemaRef
		for _, b := range group {
			if b.Value == nil {
				continue
			}
			all = append(all, b)
			if b.Value.VisitJSON(plain(value)) == nil {
				matched = append(matched, b)
			}
		}
		if len(matched) == 0 {
			matched = all
		}
		for _, m := range matched {
			out = append(out, applicable(m, value)...)
		}
	}
	return out
}

func (w *walker) walkObject(schemas []namedSchema, obj map[string]any, path string) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		child := path + "." + key
		var declared *openapi3.SchemaRef
		var extra *openapi3.SchemaRef
		open := false
		for _, s := range schemas {
			if p, ok := s.Properties[key]; ok && declared == nil {
				declared = p
			}
			ap := s.AdditionalProperties
			if ap.Schema != nil && extra == nil {
				extra = ap.Schema
			}
			if (ap.Has != nil && *ap.Has) || ap.Schema != nil {
				open = true
			}
		}
		switch {
		case declared != nil:
			w.walk(declared, obj[key], child)
		case extra != nil:
			w.walk(extra, obj[key], child)
		case open:
		default:
			w.report(KindUnknownKey, child, "key %q is not declared by the schema%s", key, schemaNames(schemas))
		}
	}
}

func schemaNames(schemas []namedSchema) string {
	var names []string
	for _, s := range schemas {
		if s.name != "" {
			names = append(names, s.name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}

// plain converts json.Number leaves to float64 so kin-openapi's VisitJSON
// can match oneOf branches.
func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = plain(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = plain(e)
		}
		return s
	}
	return v
}
