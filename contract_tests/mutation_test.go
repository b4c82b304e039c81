package contracttests

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// mutation breaks one thing in a recorded body. at is a JSON path in the
// form the checks report ("$.response.amount", "$.response[0].name").
type mutation struct {
	name  string
	at    string
	apply func(parent any, key string) // edits parent[key]
	// want is the check and problem kind that must report it, at `at`.
	want tolerance
	// roundTrip says whether check 4 must fail too (a Go decoding error or
	// a re-encoding that differs).
	roundTrip bool
}

func set(v any) func(any, string) {
	return func(parent any, key string) {
		switch p := parent.(type) {
		case map[string]any:
			p[key] = v
		case []any:
			i, _ := strconv.Atoi(key)
			p[i] = v
		}
	}
}

func drop(parent any, key string) { delete(parent.(map[string]any), key) }

// TestMutationsAreCaught proves that the checks can fail: for a sample of
// recordings of different operations, each mutation must be reported by the
// right check, at the right JSON path, with a message naming the problem.
func TestMutationsAreCaught(t *testing.T) {
	samples := []struct {
		prefix                            string
		base                              string // JSON path of the payload
		number, required, timestamp, enum string
		array                             string // an array field, given as an object
	}{
		{prefix: "002", base: "$.response", number: "expired_at", required: "access_token", timestamp: "now"},
		{prefix: "011", base: "$.response", number: "amount", required: "imp_uid", timestamp: "paid_at", enum: "status"},
		{prefix: "024", base: "$.response", number: "cancel_amount", required: "merchant_uid", timestamp: "cancelled_at", enum: "channel"},
		{prefix: "031", base: "$.response[0]", number: "amount", required: "schedule_status", timestamp: "revoked_at", enum: "schedule_status"},
		{prefix: "019", base: "$.response.cancel_history[0]", number: "amount", required: "pg_tid", timestamp: "cancelled_at"},
		{prefix: "045", base: "$.response", array: "cancel_receipt_urls"},
	}
	c := testChecker(t)
	total := 0
	for _, s := range samples {
		in, err := Recording(s.prefix)
		if err != nil {
			t.Fatal(err)
		}
		var muts []mutation
		if s.number != "" {
			muts = append(muts, mutation{"number as string", s.base + "." + s.number, set("1000"), tolerance{CheckSchema, "type"}, true})
		}
		muts = append(muts, mutation{"unknown key", s.base + ".surprise_field", set("x"), tolerance{CheckStrict, KindUnknownKey}, true})
		if s.required != "" {
			muts = append(muts, mutation{"required key dropped", s.base + "." + s.required, drop, tolerance{CheckSchema, "required"}, false})
		}
		if s.timestamp != "" {
			muts = append(muts, mutation{"timestamp as 1.7e9", s.base + "." + s.timestamp, set(json.Number("1.7e9")), tolerance{CheckStrict, KindIntegerLiteral}, true})
		}
		if s.enum != "" {
			muts = append(muts, mutation{"value outside a closed enum", s.base + "." + s.enum, set("refunded"), tolerance{CheckSchema, "enum"}, false})
		}
		if s.array != "" {
			muts = append(muts, mutation{"array as object", s.base + "." + s.array, set(map[string]any{}), tolerance{CheckSchema, "type"}, true})
		}
		for _, m := range muts {
			total++
			t.Run(s.prefix+"/"+m.name, func(t *testing.T) {
				body, err := mutate(in.Response.Body, m.at, m.apply)
				if err != nil {
					t.Fatal(err)
				}
				r := replayOf(in)
				r.body = body
				problems := c.Problems(r.method, r.path, r.rawQuery, r.status, jsonHeader(), r.body)
				var hit *Problem
				for i, p := range problems {
					if p.Check == m.want.check && p.Kind == m.want.kind && p.Path == m.at {
						hit = &problems[i]
					}
				}
				if hit == nil {
					t.Fatalf("%s at %s: want %s/%s, got %v", m.name, m.at, m.want.check, m.want.kind, problems)
				}
				if last := m.at[strings.LastIndexAny(m.at, ".]")+1:]; last != "" && !strings.Contains(hit.String(), last) {
					t.Errorf("message does not name %q: %s", last, hit)
				}
				t.Logf("caught: %s", hit)

				op, err := c.FindOperation(r.method, r.path, r.rawQuery)
				if err != nil {
					t.Fatal(err)
				}
				reencoded, err := roundTrip(op, r)
				var rtErr string
				if err != nil {
					rtErr = err.Error()
				} else if _, _, diff, err := compareRoundTrip(op, r, reencoded, false); err != nil {
					rtErr = err.Error()
				} else if diff != "" {
					rtErr = "re-encoded body differs:\n" + diff
				}
				_, wrProblems, wrDecode := wrapperRoundTrip(op, r, false)
				if m.roundTrip && wrDecode == nil && len(wrProblems) == 0 {
					t.Errorf("check 4 (wrapper leg) passed a body it should refuse")
				}
				switch {
				case m.roundTrip && rtErr == "":
					t.Errorf("check 4 passed a body it should refuse")
				case !m.roundTrip && rtErr != "":
					// Not a failure of the test: Go decoding is looser than
					// the schema here, as expected.
					t.Logf("check 4 also failed: %s", rtErr)
				case rtErr != "":
					t.Logf("check 4: %s", firstLine(rtErr))
				}
			})
		}
	}
	t.Logf("%d mutations over %d recordings", total, len(samples))
}

// mutate applies f to the value at path (a JSON path as the checks write
// it) in body, keeping numbers exactly as written.
func mutate(body []byte, path string, f func(parent any, key string)) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	segs := splitPath(path)
	if len(segs) == 0 {
		return nil, fmt.Errorf("empty path %q", path)
	}
	parent := root
	for _, seg := range segs[:len(segs)-1] {
		switch p := parent.(type) {
		case map[string]any:
			parent = p[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i >= len(p) {
				return nil, fmt.Errorf("%s: bad index %q", path, seg)
			}
			parent = p[i]
		default:
			return nil, fmt.Errorf("%s: %q is not a container", path, seg)
		}
	}
	f(parent, segs[len(segs)-1])
	return json.Marshal(root)
}

// splitPath turns "$.response[0].name" into ["response", "0", "name"].
func splitPath(path string) []string {
	path = strings.TrimPrefix(path, "$")
	path = strings.NewReplacer("[", ".", "]", "").Replace(path)
	return strings.FieldsFunc(path, func(r rune) bool { return r == '.' })
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// TestExceptionsKeepTheOtherChecks: an exception entry relaxes one thing
// only. A key the spec does not declare, added to a recording that has an
// entry, still fails it.
func TestExceptionsKeepTheOtherChecks(t *testing.T) {
	cases := []struct{ prefix, at string }{
		{"016", "$.surprise_field"},          // envelope stripped: the body is the payload
		{"021", "$.response.surprise_field"}, // POST replayed as GET
		{"030", "$.response.surprise_field"}, // re-serialised, nulls dropped
		{"044", "$.response.surprise_field"}, // docs placeholders
	}
	c := testChecker(t)
	for _, tc := range cases {
		t.Run(tc.prefix, func(t *testing.T) {
			in, err := Recording(tc.prefix)
			if err != nil {
				t.Fatal(err)
			}
			body, err := mutate(in.Response.Body, tc.at, set("x"))
			if err != nil {
				t.Fatal(err)
			}
			in.Response.Body = body
			res := checkInteraction(c, in, exceptions[tc.prefix])
			if res.outcome != failed || !strings.Contains(strings.Join(res.failures, "\n"), "surprise_field") {
				t.Fatalf("outcome %d, failures %v: the unknown key went through", res.outcome, res.failures)
			}
		})
	}
}
