package contracttests

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portone-community/portone-v1-go/wrapper"
)

// wrapperRoundTrip is the wrapper leg of check 4: the replayed answer goes
// through the wrapper method of the operation (found by reflection, like
// the generated client's), in static-token mode so that the only request
// is the operation itself. It returns the keys accepted under absentFilled,
// the problems found, and a decoding error (which docs placeholders may
// tolerate).
func wrapperRoundTrip(op *Operation, r replay, absentFilled bool) (filled []string, problems []string, decodeErr error) {
	payload, callErr, err := callWrapper(op, r)
	if err != nil {
		return nil, []string{err.Error()}, nil
	}
	return judgeWrapper(op, r, payload, callErr, absentFilled)
}

// callWrapper replays r to the wrapper's method for op and returns what
// the method returned.
func callWrapper(op *Operation, r replay) (payload any, callErr, setupErr error) {
	srv, served := replayServer(r)
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{AccessToken: "contract-test-token", BaseURL: srv.URL, Retry: wrapper.RetryPolicy{MaxRetries: -1}})
	if err != nil {
		return nil, nil, err
	}
	m, err := methodFor(reflect.ValueOf(client), op.ID, "")
	if err != nil {
		return nil, nil, err
	}
	args, err := callArgs(m.Type(), op)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", op.ID, err)
	}
	out := m.Call(args)
	// The method must send its own operation: a wrapper method wired to
	// another generated call would otherwise pass on the replayed body.
	if want := r.method + " " + r.path; *served != want {
		return nil, nil, fmt.Errorf("the wrapper method of %s sent %q, recording is %q", op.ID, *served, want)
	}
	callErr, _ = out[len(out)-1].Interface().(error)
	return out[0].Interface(), callErr, nil
}

// judgeWrapper holds what the wrapper returned to the recording: a success
// envelope must come back as the typed payload that re-encodes to the
// recorded `response` (older recordings' missing x-omitempty: false keys allowed, as in the generated leg); a failure
// envelope must come back as a *wrapper.APIError with the recorded status,
// code and message and the operation's name.
func judgeWrapper(op *Operation, r replay, payload any, callErr error, absentFilled bool) (filled []string, problems []string, decodeErr error) {
	var env struct {
		Code     int             `json:"code"`
		Message  *string         `json:"message"`
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		return nil, []string{"recorded body is not an envelope: " + err.Error()}, nil
	}
	if env.Code != 0 {
		var apiErr *wrapper.APIError
		switch {
		case !errors.As(callErr, &apiErr):
			problems = append(problems, fmt.Sprintf("code %d answered, want *wrapper.APIError, got %v", env.Code, callErr))
		case apiErr.HTTPStatus != r.status || apiErr.Code != env.Code || (env.Message != nil && apiErr.Message != *env.Message):
			problems = append(problems, fmt.Sprintf("APIError{HTTPStatus:%d Code:%d Message:%q}, recorded %d / %d / %q",
				apiErr.HTTPStatus, apiErr.Code, apiErr.Message, r.status, env.Code, deref(env.Message)))
		case apiErr.Operation != op.ID:
			problems = append(problems, fmt.Sprintf("APIError names operation %q, want %q", apiErr.Operation, op.ID))
		}
		return nil, problems, nil
	}
	if callErr != nil && !errors.Is(callErr, wrapper.ErrPartialResult) {
		return nil, nil, callErr
	}
	reencoded, err := json.Marshal(payload)
	if err != nil {
		return nil, []string{"re-encode: " + err.Error()}, nil
	}
	var want, got any
	if err := json.Unmarshal(env.Response, &want); err != nil {
		return nil, []string{err.Error()}, nil
	}
	if err := json.Unmarshal(reencoded, &got); err != nil {
		return nil, []string{err.Error()}, nil
	}
	// The payload's schema is the envelope's `response` property.
	var full any
	_ = json.Unmarshal(r.body, &full)
	_, schema := propertyOf(responseSchema(op.route.Operation, r.status, "application/json"), full, "response")
	rc := &reconciler{absentFilled: absentFilled}
	rc.walk(schema, want, got, "$.response")
	if diff := cmp.Diff(want, got); diff != "" {
		problems = append(problems, "payload re-encodes differently (-recorded response +re-encoded):\n"+diff)
	}
	return rc.filled, problems, nil
}

func deref(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

// Negative controls of the wrapper leg's judgement: each wrong outcome a
// wrapper could produce is reported.
func TestJudgeWrapperRefuses(t *testing.T) {
	c := testChecker(t)
	failure, err := Recording("022") // code -1, HTTP 404
	if err != nil {
		t.Fatal(err)
	}
	success, err := Recording("011")
	if err != nil {
		t.Fatal(err)
	}
	rf, rs := replayOf(failure), replayOf(success)
	opF, err := c.FindOperation(rf.method, rf.path, rf.rawQuery)
	if err != nil {
		t.Fatal(err)
	}
	opS, err := c.FindOperation(rs.method, rs.path, rs.rawQuery)
	if err != nil {
		t.Fatal(err)
	}
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal(success.Response.Body, &env); err != nil {
		t.Fatal(err)
	}
	var payment map[string]any
	if err := json.Unmarshal(env.Response, &payment); err != nil {
		t.Fatal(err)
	}
	delete(payment, "amount")

	cases := []struct {
		name    string
		op      *Operation
		r       replay
		payload any
		err     error
	}{
		{"failure returned as success", opF, rf, nil, nil},
		{"failure with a plain error", opF, rf, nil, errors.New("boom")},
		{"failure with the wrong status", opF, rf, nil, &wrapper.APIError{Operation: opF.ID, HTTPStatus: 200, Code: -1, Message: "존재하지 않는 결제정보입니다."}},
		{"failure with the wrong code", opF, rf, nil, &wrapper.APIError{Operation: opF.ID, HTTPStatus: 404, Code: 1, Message: "존재하지 않는 결제정보입니다."}},
		{"failure naming another operation", opF, rf, nil, &wrapper.APIError{Operation: "cancelPayment", HTTPStatus: 404, Code: -1, Message: "존재하지 않는 결제정보입니다."}},
		{"success with a field lost", opS, rs, payment, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, problems, derr := judgeWrapper(tc.op, tc.r, tc.payload, tc.err, false)
			if derr == nil && len(problems) == 0 {
				t.Fatal("accepted")
			}
		})
	}
	// And the right answers pass.
	right := &wrapper.APIError{Operation: opF.ID, HTTPStatus: 404, Code: -1, Message: "존재하지 않는 결제정보입니다."}
	if _, problems, derr := judgeWrapper(opF, rf, nil, right, false); derr != nil || len(problems) > 0 {
		t.Fatalf("right APIError refused: %v %v", derr, problems)
	}
}
