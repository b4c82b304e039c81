package contracttests

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/portone-community/portone-v1-go/openapi"
)

var (
	checkerOnce sync.Once
	checker     *Checker
	checkerErr  error
)

// testChecker builds one Checker for the whole package run.
func testChecker(t testing.TB) *Checker {
	t.Helper()
	checkerOnce.Do(func() {
		doc, err := openapi.Load(context.Background())
		if err != nil {
			checkerErr = err
			return
		}
		checker, checkerErr = NewChecker(doc)
	})
	if checkerErr != nil {
		t.Fatal(checkerErr)
	}
	return checker
}

// jsonHeader is what api.iamport.kr sends (logged in recordings 005, 011, 032).
func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json; charset=UTF-8"}}
}

func TestCheckResponseAcceptsRecording(t *testing.T) {
	in, err := Recording("011")
	if err != nil {
		t.Fatal(err)
	}
	if err := testChecker(t).CheckResponse(in.Request.Method, in.Request.Path, "", in.Response.Status, jsonHeader(), in.Response.Body); err != nil {
		t.Fatal(err)
	}
}

// The request side of the checks: each case breaks one thing and names the
// problem kind that must be reported.
func TestCheckResponseRefuses(t *testing.T) {
	in, err := Recording("011")
	if err != nil {
		t.Fatal(err)
	}
	body := in.Response.Body
	cases := []struct {
		name            string
		method, path, q string
		status          int
		header          http.Header
		want            Problem
	}{
		{"unknown path", "GET", "/payment/imp_088022300265", "", 200, jsonHeader(), Problem{Check: CheckRoute, Kind: KindNoRoute}},
		{"wrong method", "DELETE", "/payments/imp_088022300265", "", 200, jsonHeader(), Problem{Check: CheckRoute, Kind: KindNoRoute}},
		{"unknown query", "GET", "/payments/imp_088022300265", "_token=x", 200, jsonHeader(), Problem{Check: CheckRoute, Kind: KindUnknownQuery}},
		{"bad query value", "GET", "/payments/imp_088022300265", "include_sandbox=maybe", 200, jsonHeader(), Problem{Check: CheckRoute, Kind: KindParameter}},
		{"undocumented status", "GET", "/payments/imp_088022300265", "", 418, jsonHeader(), Problem{Check: CheckSchema, Kind: KindStatus}},
		{"not json", "GET", "/payments/imp_088022300265", "", 200, http.Header{"Content-Type": {"text/html"}}, Problem{Check: CheckSchema, Kind: KindContentType}},
	}
	c := testChecker(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := c.CheckResponse(tc.method, tc.path, tc.q, tc.status, tc.header, body)
			var ce *CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("want a *CheckError, got %v", err)
			}
			if !hasProblem(ce.Problems, tc.want.Check, tc.want.Kind, "") {
				t.Fatalf("want %s/%s, got:\n%v", tc.want.Check, tc.want.Kind, err)
			}
			if got := errors.Is(err, ErrNoRoute); got != (tc.want.Kind == KindNoRoute) {
				t.Fatalf("errors.Is(err, ErrNoRoute) = %v", got)
			}
		})
	}
}

// hasProblem reports whether problems holds one of check/kind whose path
// is path (any path when path is "").
func hasProblem(problems []Problem, check Check, kind, path string) bool {
	for _, p := range problems {
		if p.Check == check && p.Kind == kind && (path == "" || p.Path == path) {
			return true
		}
	}
	return false
}

func TestCheckErrorMessageNamesEveryProblem(t *testing.T) {
	e := &CheckError{Method: "GET", Path: "/x", Status: 200, Problems: []Problem{
		{Check: CheckStrict, Kind: KindUnknownKey, Path: "$.response.foo", Message: "undeclared"},
		{Check: CheckSchema, Kind: "type", Path: "$.code", Message: "wrong type"},
	}}
	msg := e.Error()
	for _, want := range []string{"GET /x -> 200", "strict/unknown-key at $.response.foo", "schema/type at $.code"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// BenchmarkCheckResponse measures the cost the fake server pays per answer
// (route, openapi3filter, strict walk) on a full payment body.
func BenchmarkCheckResponse(b *testing.B) {
	in, err := Recording("011")
	if err != nil {
		b.Fatal(err)
	}
	c := testChecker(b)
	h := jsonHeader()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.CheckResponse(in.Request.Method, in.Request.Path, "", in.Response.Status, h, in.Response.Body); err != nil {
			b.Fatal(err)
		}
	}
}
