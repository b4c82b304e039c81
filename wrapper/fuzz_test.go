package wrapper_test

import (
	"encoding/json"
	"errors"
	"testing"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// FuzzDecode feeds envelope decoding any status and body. Seeds: every
// recorded answer, plus the bodies proxies and broken connections produce.
// `go test` runs the seeds; `go test -fuzz FuzzDecode ./wrapper` explores.
func FuzzDecode(f *testing.F) {
	corpus, err := contracttests.Corpus()
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range corpus {
		f.Add(in.Response.Status, []byte(in.Response.Body))
		f.Add(207, []byte(in.Response.Body))
		f.Add(in.Response.Status, []byte(in.Response.Body[:len(in.Response.Body)/2]))
	}
	for _, b := range []string{html502, "", "null", "{}", `{"code":"0"}`, `{"code":0}`, `{"code":1e400}`, `{"code":-1,"message":7}`, "\xff\xfe"} {
		f.Add(502, []byte(b))
		f.Add(200, []byte(b))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		checkDecode[json.RawMessage](t, status, body)
		checkDecode[*generated.Payment](t, status, body)
		checkDecode[[]generated.Payment](t, status, body)
	})
}

func checkDecode[T any](t *testing.T, status int, body []byte) {
	v, err := wrapper.Decode[T](status, body)

	var head struct {
		Code *int `json:"code"`
	}
	isEnvelope := json.Unmarshal(body, &head) == nil && head.Code != nil
	success := status >= 200 && status < 300

	switch {
	case err == nil:
		if !success || status == 207 || !isEnvelope || *head.Code != 0 {
			t.Fatalf("HTTP %d %q decoded without error", status, body)
		}
	case errors.Is(err, wrapper.ErrPartialResult):
		if status != 207 || !isEnvelope || *head.Code != 0 {
			t.Fatalf("HTTP %d %q: partial result reported", status, body)
		}
	default:
		if !isNil(v) {
			t.Fatalf("HTTP %d %q: a value came back with error %v", status, body, err)
		}
		var apiErr *wrapper.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("HTTP %d %q: error %v is not an *APIError", status, body, err)
		}
		if apiErr.HTTPStatus != status {
			t.Fatalf("APIError status %d, want %d", apiErr.HTTPStatus, status)
		}
		if isEnvelope && *head.Code != 0 && apiErr.Code != *head.Code {
			t.Fatalf("HTTP %d %q: APIError code %d, want %d", status, body, apiErr.Code, *head.Code)
		}
		if len(apiErr.Snippet) > 130 {
			t.Fatalf("snippet of %d bytes", len(apiErr.Snippet))
		}
		_ = apiErr.Error()
	}
}

// isNil reports whether v is the nil of a pointer, slice or raw message.
func isNil(v any) bool {
	switch x := v.(type) {
	case json.RawMessage:
		return x == nil
	case *generated.Payment:
		return x == nil
	case []generated.Payment:
		return x == nil
	}
	return false
}
