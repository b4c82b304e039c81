package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Form bodies (application/x-www-form-urlencoded), read the way
// api.iamport.kr reads them. The server is PHP behind Apache (its answers
// say "Server: Apache" and carry json_encode's default escapes, "\/" and
// "\uXXXX": recordings 005 and 011), so its forms go through PHP's own
// parser (php-src main/php_variables.c, php_register_variable_ex). The
// fake follows that parser:
//
//   - pairs split on "&", key and value on the first "="; "+" and %XX are
//     decoded, a "%" not followed by two hex digits is kept as it is;
//   - blanks before a key are dropped: go-iamport (util/util.go,
//     CallWithForm) turns protojson's output into a form by replacing
//     characters, and protojson adds a blank after each comma in some
//     builds (protobuf-go internal/encoding/json, prepareNext), so its
//     bodies read "imp_uid=x& amount=1";
//   - in the name before the first "[", blanks and dots become "_";
//   - "a[]=x" appends, "a[k]=x" sets key k, and indices nest:
//     "extra[requester]=customer", "schedules[0][merchant_uid]=m" (PHP's
//     http_build_query, Node's qs, HTTParty before iamport-rest-client-ruby
//     moved to JSON in 2019, and oapi-codegen's MarshalForm all write
//     these; the last one writes arrays as "a[0]", "a[1]");
//   - elements keep the order in which they first appeared, whatever
//     their index ("a[1]=x&a[0]=y" is [x, y], as a PHP foreach sees it),
//     so an index is only a key and a huge one ("a[99999999]") allocates
//     nothing;
//   - the same key twice: the last one wins (PHP), except for a field the
//     schema types as an array, where "a=x&a=y" is [x, y]: OpenAPI's
//     default for an array in a form (style form, exploded), which the
//     spec cannot override with brackets (deepObject is for objects only),
//     and what Node's qs and Python's requests make of repeated keys.
//
// Every value is a string; the operation's schema decides what it becomes
// (formToJSON). Unlike PHP, which silently drops what is over its
// max_input_vars (1000) and max_input_nesting_level (64), the fake refuses
// a form over its limits with a 400 envelope.
const (
	// maxFormPairs caps the key=value pairs of one body. A schedule of
	// 500 payments with six fields each is 3,000.
	maxFormPairs = 10_000
	// maxFormNodes caps the values and arrays/objects the pairs make.
	maxFormNodes = 20_000
	// maxFormDepth caps the indices of one key (V1 needs 3 at most:
	// schedules[0][extra][x]); the same bound as maxJSONDepth.
	maxFormDepth = maxJSONDepth
)

// formNode is one value of a decoded form: a string, or PHP's ordered
// array (keys in first-insertion order).
type formNode struct {
	leaf   bool
	values []string // a string, repeated keys keeping every value
	keys   []string
	kids   []*formNode    // kids[i] is under keys[i]
	index  map[string]int // keys to positions, made once there are many
	nextIx int64          // the key "a[]" takes next: one past the largest integer key
}

// formBuilder adds key=value pairs to a root array within the limits.
type formBuilder struct {
	root         formNode
	pairs, nodes int
}

// add registers one pair as PHP does: blanks before the key dropped, the
// key split into a name and indices, a pair without a name ignored.
func (b *formBuilder) add(key, value string) error {
	if b.pairs++; b.pairs > maxFormPairs {
		return fmt.Errorf("more than %d fields", maxFormPairs)
	}
	base, indices, err := splitFormKey(strings.TrimLeft(key, " "))
	if err != nil || base == "" {
		return err
	}
	return b.root.set(base, indices, value, &b.nodes)
}

// parseForm decodes a whole urlencoded body into its root array.
func parseForm(body []byte) (*formNode, error) {
	var b formBuilder
	for len(body) > 0 {
		var pair []byte
		if i := bytes.IndexByte(body, '&'); i >= 0 {
			pair, body = body[:i], body[i+1:]
		} else {
			pair, body = body, nil
		}
		if len(pair) == 0 {
			continue
		}
		rawKey, rawValue, _ := bytes.Cut(pair, []byte("="))
		if err := b.add(formUnescape(rawKey), formUnescape(rawValue)); err != nil {
			return nil, err
		}
	}
	return &b.root, nil
}

// parseMultipartForm decodes a multipart/form-data body the same way, its
// fields in order, names as written (no escapes). File parts are left
// out, as PHP puts them in $_FILES, not among the fields.
func parseMultipartForm(body []byte, boundary string) (*formNode, error) {
	var b formBuilder
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return &b.root, nil
		}
		if err != nil {
			return nil, fmt.Errorf("malformed multipart body: %v", err)
		}
		if part.FileName() != "" || part.FormName() == "" {
			if b.pairs++; b.pairs > maxFormPairs {
				return nil, fmt.Errorf("more than %d fields", maxFormPairs)
			}
			continue
		}
		value, err := io.ReadAll(part) // bounded by the body, already in memory
		if err != nil {
			return nil, fmt.Errorf("malformed multipart body: %v", err)
		}
		if err := b.add(part.FormName(), string(value)); err != nil {
			return nil, err
		}
	}
}

// splitFormKey splits "a[b][]" into "a" and ["b", ""] by PHP's rules: a
// "[" without a closing "]" is part of the name (as "_") on the first
// level and ends the key on deeper ones; text after a "]" that does not
// open another "[" is ignored.
func splitFormKey(key string) (string, []string, error) {
	open := strings.IndexByte(key, '[')
	if open < 0 {
		return phpName(key), nil, nil
	}
	base, rest := key[:open], key[open:]
	var indices []string
	for strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			if len(indices) == 0 {
				return phpName(base + "_" + rest[1:]), nil, nil
			}
			break
		}
		if len(indices) == maxFormDepth {
			return "", nil, fmt.Errorf("a field nested more than %d levels deep", maxFormDepth)
		}
		indices = append(indices, rest[1:end])
		rest = rest[end+1:]
	}
	return phpName(base), indices, nil
}

// phpName is a top-level name as PHP registers it: blanks, dots and
// (unclosed) brackets become "_".
func phpName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '[' {
			return '_'
		}
		return r
	}, s)
}

// set stores value under name and then indices, creating arrays on the
// way; a string met on the way is replaced by an array, as in PHP.
func (n *formNode) set(name string, indices []string, value string, nodes *int) error {
	cur, key := n, name
	for _, ix := range indices {
		child, err := cur.child(key, nodes)
		if err != nil {
			return err
		}
		if child.leaf {
			*child = formNode{}
		}
		cur, key = child, ix
	}
	leaf, err := cur.child(key, nodes)
	if err != nil {
		return err
	}
	if leaf.leaf {
		leaf.values = append(leaf.values, value)
	} else {
		*leaf = formNode{leaf: true, values: []string{value}}
	}
	return nil
}

// child returns the element under key, made (as an empty array) when
// absent; the empty key appends.
func (n *formNode) child(key string, nodes *int) (*formNode, error) {
	if key == "" {
		if n.nextIx == math.MaxInt64 {
			return nil, fmt.Errorf("an array index out of range")
		}
		key = strconv.FormatInt(n.nextIx, 10)
	}
	if c := n.lookup(key); c != nil {
		return c, nil
	}
	if *nodes++; *nodes > maxFormNodes {
		return nil, fmt.Errorf("more than %d values", maxFormNodes)
	}
	// PHP turns a canonical decimal key ("7", "-2", not "07") into an
	// integer key, which moves the next append past it.
	if i, ok := intKey(key); ok && i >= n.nextIx {
		n.nextIx = i + 1
		if i == math.MaxInt64 {
			n.nextIx = math.MaxInt64
		}
	}
	c := &formNode{}
	n.keys, n.kids = append(n.keys, key), append(n.kids, c)
	if n.index != nil {
		n.index[key] = len(n.keys) - 1
	} else if len(n.keys) > formIndexAt {
		n.index = make(map[string]int, len(n.keys))
		for i, k := range n.keys {
			n.index[k] = i
		}
	}
	return c, nil
}

// intKey is the integer PHP stores a key as: canonical decimal, in range
// (the first byte is looked at first: ParseInt allocates its error).
func intKey(key string) (int64, bool) {
	if c := key[0]; c != '-' && (c < '0' || c > '9') {
		return 0, false
	}
	i, err := strconv.ParseInt(key, 10, 64)
	return i, err == nil && strconv.FormatInt(i, 10) == key
}

// formIndexAt: arrays with more keys than this get a map; the small ones
// (the fields of one schedule item) are searched in order, which costs a
// fraction of a map each.
const formIndexAt = 16

func (n *formNode) lookup(key string) *formNode {
	if n.index != nil {
		if i, ok := n.index[key]; ok {
			return n.kids[i]
		}
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.kids[i]
		}
	}
	return nil
}

// formUnescape decodes "+" and %XX like PHP's urldecode: a malformed
// escape stays as written instead of failing the body.
func formUnescape(b []byte) string {
	if bytes.IndexByte(b, '%') < 0 && bytes.IndexByte(b, '+') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '+':
			out = append(out, ' ')
		case c == '%' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

// absent marks a value the JSON body leaves out.
type absentValue struct{}

var absent = absentValue{}

// formValue turns a decoded node into the JSON value the schema asks for.
// What the schema refuses is kept as it came (a string, an object of
// strings) so that validation reports it exactly as for a JSON body:
// "amount=abc" fails as `"amount": "abc"` does.
//
// An empty value of a number, integer, boolean, array or object field is
// left out, as a null: the form spelling of null. Node's qs writes a null
// as "checksum=" (PHP's http_build_query drops it), and PortOne's file
// says of cancel's checksum that null skips the check, of amount that
// leaving it out or 0 cancels in full; a PHP server reading "" with
// empty() or a (float) cast lands on the same. An empty string field
// stays "".
func formValue(n *formNode, s *openapi3.Schema) any {
	t := schemaType(s)
	if n.leaf && t == "array" {
		if len(n.values) == 1 && n.values[0] == "" {
			return absent
		}
		var items *openapi3.Schema
		if s.Items != nil {
			items = s.Items.Value
		}
		out := make([]any, 0, len(n.values))
		for _, v := range n.values {
			if e := formValue(&formNode{leaf: true, values: []string{v}}, items); e != absent {
				out = append(out, e)
			}
		}
		return out
	}
	if n.leaf {
		v := n.values[len(n.values)-1]
		switch t {
		case "number", "integer":
			if strings.TrimSpace(v) == "" {
				return absent
			}
			if num, ok := formNumber(v); ok {
				return num
			}
		case "boolean":
			switch strings.TrimSpace(v) {
			case "":
				return absent
			case "1", "true":
				return true
			case "0", "false":
				return false
			}
		case "object":
			if v == "" {
				return absent
			}
		}
		return v
	}
	if t == "array" {
		var items *openapi3.Schema
		if s != nil && s.Items != nil {
			items = s.Items.Value
		}
		out := make([]any, 0, len(n.keys))
		for _, kid := range n.kids {
			if v := formValue(kid, items); v != absent {
				out = append(out, v)
			}
		}
		return out
	}
	out := make(map[string]any, len(n.keys))
	for i, k := range n.keys {
		if v := formValue(n.kids[i], propertySchema(s, k)); v != absent {
			out[k] = v
		}
	}
	return out
}

// formNumber reads a form number as PHP's numeric strings do (blanks
// around it, a leading "+", ".5") and writes it as a JSON number.
func formNumber(v string) (json.Number, bool) {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, "xXpP_iInN") {
		return "", false // no hex, no digit separators, no inf or nan
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", false
	}
	if i, err := strconv.ParseInt(strings.TrimPrefix(v, "+"), 10, 64); err == nil {
		return json.Number(strconv.FormatInt(i, 10)), true // exact beyond 2^53
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), true
}

// schemaType is the JSON type a schema asks for, looking through allOf,
// oneOf and anyOf (nullable references are allOf of one); "" when none
// says.
func schemaType(s *openapi3.Schema) string {
	if s == nil {
		return ""
	}
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			if t != "null" {
				return t
			}
		}
	}
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range list {
			if sub.Value != nil {
				if t := schemaType(sub.Value); t != "" {
					return t
				}
			}
		}
	}
	if len(s.Properties) > 0 {
		return "object"
	}
	return ""
}

// propertySchema is the schema of property name, or of additional
// properties, looking through allOf, oneOf and anyOf; nil when unknown
// (the value then stays a string).
func propertySchema(s *openapi3.Schema, name string) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if p, ok := s.Properties[name]; ok && p.Value != nil {
		return p.Value
	}
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range list {
			if p := propertySchema(sub.Value, name); p != nil {
				return p
			}
		}
	}
	if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
		return ap.Value
	}
	return nil
}

const (
	formContentType = "application/x-www-form-urlencoded"
	// multipartContentType is read where a form is declared, with the same
	// rules: Node's request library sends its formData option so (two
	// public apps call getToken that way), and PHP fills the same fields
	// from it. PortOne's file does not declare it, so the spec does not.
	multipartContentType = "multipart/form-data"
)

// formToJSON rewrites a form body of an operation that declares one into
// the JSON body it stands for, so that the validator and the handler see
// one request whatever its encoding. A form sent to an operation without
// a form body is left to the validator, which refuses its content type.
// A malformed form answers a 400 envelope and false.
func formToJSON(w http.ResponseWriter, r *http.Request, route *routers.Route) bool {
	media, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if media != formContentType && media != multipartContentType ||
		route.Operation.RequestBody == nil || route.Operation.RequestBody.Value == nil {
		return true
	}
	mt := route.Operation.RequestBody.Value.Content.Get(formContentType)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return true
	}
	var raw []byte
	if r.Body != nil {
		var err error
		if raw, err = io.ReadAll(r.Body); err != nil { // already in memory (readBody)
			writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: cannot read the body: "+err.Error())
			return false
		}
	}
	var root *formNode
	var err error
	if media == multipartContentType {
		root, err = parseMultipartForm(raw, params["boundary"])
	} else {
		root, err = parseForm(raw)
	}
	var body []byte
	if err == nil {
		body, err = formRootJSON(root, mt.Schema.Value)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid form body: "+err.Error())
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Set("Content-Type", "application/json")
	return true
}

// formJSON is the JSON body a urlencoded body stands for under schema.
func formJSON(raw []byte, schema *openapi3.Schema) ([]byte, error) {
	root, err := parseForm(raw)
	if err != nil {
		return nil, err
	}
	return formRootJSON(root, schema)
}

func formRootJSON(root *formNode, schema *openapi3.Schema) ([]byte, error) {
	v := formValue(root, schema)
	if v == absent {
		v = map[string]any{}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("cannot encode: %v", err)
	}
	return out, nil
}
