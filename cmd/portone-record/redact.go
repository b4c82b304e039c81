package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
)

// Placeholders keep each redacted value's JSON type and rough shape, in the
// style of the existing corpus.
const (
	tokenPlaceholder  = "0000000000000000000000000000000000000000"
	secretPlaceholder = "<redacted>"
	phonePlaceholder  = "010-0000-0000"
	emailPlaceholder  = "buyer@example.com"
)

// personal maps the keys that hold personal data to their placeholder.
var personal = map[string]string{
	"buyer_name": "홍길동", "buyer_email": emailPlaceholder, "buyer_tel": phonePlaceholder,
	"buyer_addr": "서울특별시 강남구 삼성동", "buyer_postcode": "00000",
	"customer_name": "홍길동", "customer_email": emailPlaceholder, "customer_tel": phonePlaceholder,
	"customer_addr": "서울특별시 강남구 삼성동", "customer_postcode": "00000",
	"vbank_holder": "홍길동", "depositor_name": "홍길동", "phone": "01000000000",
}

var (
	// Korean phone numbers, with or without dashes or spaces.
	phonePattern = regexp.MustCompile(`\b0(?:1[016789]|2|[3-6][1-5]|70)[- ]?\d{3,4}[- ]?\d{4}\b`)
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

// redactor replaces secrets and personal data in a response body.
type redactor struct {
	secrets  []string // API key, secret, tokens: removed wherever they appear
	redacted map[string]bool
}

func newRedactor(secrets ...string) *redactor {
	r := &redactor{redacted: map[string]bool{}}
	for _, s := range secrets {
		if s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// body returns the redacted body; numbers keep their literal form. A body
// that is not JSON is refused rather than written half-redacted.
func (r *redactor) body(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	v = r.value("", v)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(out.Bytes(), "\n"), nil
}

// keys lists the keys whose values were changed, for source.notes.
func (r *redactor) keys() []string {
	out := make([]string, 0, len(r.redacted))
	for k := range r.redacted {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (r *redactor) value(key string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = r.value(k, e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = r.value(key, e)
		}
		return x
	case string:
		out := r.str(key, x)
		if out != x {
			r.redacted[key] = true
		}
		return out
	}
	return v
}

func (r *redactor) str(key, s string) string {
	switch {
	case key == "access_token":
		return tokenPlaceholder
	case personal[key] != "":
		if s == "" {
			return s
		}
		return personal[key]
	case key == "card_number":
		return cardNumber(s)
	}
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, secretPlaceholder)
	}
	s = phonePattern.ReplaceAllString(s, phonePlaceholder)
	return emailPattern.ReplaceAllString(s, emailPlaceholder)
}

// cardNumber keeps the BIN (first six characters) and zeroes every digit
// after it; the PG's own mask characters stay.
func cardNumber(s string) string {
	b := []byte(s)
	for i := 6; i < len(b); i++ {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}
