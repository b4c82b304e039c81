// Package legacyjson decodes JSON with encoding/json's semantics on the
// engine of encoding/json/v2, published as github.com/go-json-experiment/json
// (Go 1.26's own v2 needs GOEXPERIMENT=jsonv2, which a library cannot ask
// of its users). The wrapper decodes every answer with it and the fake its
// stored payments and state files: about twice as fast as encoding/json.
//
// One of v1's options is left out: ReportErrorsWithLegacySemantics. It
// makes the decoder check the whole input's syntax in a first pass and
// keep going after a type error, so as to report v1's error types; both
// callers only need to know that decoding failed, so only the error's
// wording changes, and one pass instead of two is most of the gain (a
// 1000-payment page: 15 ms with encoding/json, 9.6 with all of v1's
// options, 7.9 without that one; go test -bench DecodePage1000 ./wrapper).
// The wrapper's TestUnmarshalMatchesEncodingJSON and
// FuzzUnmarshalMatchesEncodingJSON hold the value and the error-ness to
// encoding/json's over the recorded corpus and odd bodies.
package legacyjson

import (
	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

var options = jsonv2.JoinOptions(jsonv1.DefaultOptionsV1(), jsonv1.ReportErrorsWithLegacySemantics(false))

// Unmarshal decodes data into v as encoding/json.Unmarshal would; more
// options (jsonv2.RejectUnknownMembers for DisallowUnknownFields) come
// after encoding/json's.
func Unmarshal(data []byte, v any, more ...jsonv2.Options) error {
	if len(more) == 0 {
		return jsonv2.Unmarshal(data, v, options)
	}
	return jsonv2.Unmarshal(data, v, append([]jsonv2.Options{options}, more...)...)
}
