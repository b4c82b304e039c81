package fake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/openapi"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// t0 is the fake clock's base in the tests: fixed, so timestamps and
// windows are reproducible.
var t0 = time.Unix(1_750_000_000, 0)

// sharedSpec is openapi.Load once for the package's tests (a quarter of a
// second under -race each time): the contract checker, the spec walks of
// robustness_test.go, operations_test.go and the coverage check all only
// read it.
var sharedSpec = sync.OnceValues(func() (*openapi3.T, error) {
	return openapi.Load(context.Background())
})

var (
	checkerOnce sync.Once
	checker     *contracttests.Checker
	checkerErr  error
)

func specChecker(t testing.TB) *contracttests.Checker {
	checkerOnce.Do(func() {
		doc, err := sharedSpec()
		if err != nil {
			checkerErr = err
			return
		}
		checker, checkerErr = contracttests.NewChecker(doc)
	})
	if checkerErr != nil {
		t.Fatal(checkerErr)
	}
	return checker
}

// checkedTransport holds every answer of the V1 API that passes through it
// to the spec with the contract tests' Checker; the /__fake/ controls are
// not part of the spec and are left alone.
type checkedTransport struct {
	t       testing.TB
	checker *contracttests.Checker
	checked atomic.Int64
	// unauthorized and forced count the 401 answers and the answers forced
	// by a Fault, so that a scenario can tell the path it meant to take
	// was taken (a replay after a 401, a retry after a forced 503).
	unauthorized, forced atomic.Int64
	// invalidRequests is set by tests that send invalid requests on
	// purpose: their 400 and 404 answers may come from operations that
	// document no such status, or match no operation at all, but the body
	// must still be a failure envelope.
	invalidRequests atomic.Bool
}

func (c *checkedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil || strings.HasPrefix(req.URL.Path, "/__fake/") {
		return resp, err // controls are outside the spec
	}
	if resp.Header.Get(fake.FaultHeader) != "" {
		c.forced.Add(1)
		return resp, nil // a forced answer is whatever the test asked for
	}
	if resp.StatusCode == http.StatusUnauthorized {
		c.unauthorized.Add(1)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.checked.Add(1)
	problems := c.checker.Problems(req.Method, req.URL.Path, req.URL.RawQuery, resp.StatusCode, resp.Header, body)
	if (resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusNotFound) && c.invalidRequests.Load() {
		problems = dropRequestProblems(problems)
		assertFailureEnvelope(c.t, body)
	}
	for _, p := range problems {
		c.t.Errorf("%s %s -> %d breaks the spec: %s\n%s", req.Method, req.URL, resp.StatusCode, p, body)
	}
	missing, err := missingWireKeys(body)
	if err != nil {
		c.t.Errorf("wire keys: %v", err)
	}
	for _, m := range missing {
		c.t.Errorf("%s %s -> %d lacks a key the real API sends: %s", req.Method, req.URL, resp.StatusCode, m)
	}
	if wrapper.OperationID(req.Context()) != "" {
		var routeOp string
		if op, _ := c.checker.FindOperation(req.Method, req.URL.Path, req.URL.RawQuery); op != nil {
			routeOp = op.ID
		}
		recordExercised(c.t, req, resp.StatusCode, routeOp, len(problems)+len(missing))
	}
	return resp, nil
}

func dropRequestProblems(in []contracttests.Problem) []contracttests.Problem {
	var out []contracttests.Problem
	for _, p := range in {
		switch p.Kind {
		case contracttests.KindStatus, contracttests.KindParameter, contracttests.KindNoRoute:
		default:
			out = append(out, p)
		}
	}
	return out
}

func assertFailureEnvelope(t testing.TB, body []byte) {
	t.Helper()
	var env struct {
		Code     *int            `json:"code"`
		Message  *string         `json:"message"`
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(body, &env); err != nil || env.Code == nil || *env.Code == 0 ||
		env.Message == nil || string(env.Response) != "null" {
		t.Errorf("not a V1 failure envelope: %s", body)
	}
}

// harness is a started fake with a generated client whose every answer is
// held to the spec.
type harness struct {
	t         testing.TB
	srv       *fake.Server
	transport *checkedTransport
	http      *http.Client
	client    *generated.ClientWithResponses
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	srv, err := fake.Start(fake.Config{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	tr := &checkedTransport{t: t, checker: specChecker(t)}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	client, err := generated.NewClientWithResponses(srv.URL(), generated.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, srv: srv, transport: tr, http: hc, client: client}
}

// token logs in and returns a request editor that sends the token.
func (h *harness) token() generated.RequestEditorFn {
	h.t.Helper()
	tok := h.getToken()
	return bearer(tok.AccessToken)
}

func bearer(tok string) generated.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}
}

func (h *harness) getToken() generated.AccessToken {
	h.t.Helper()
	resp, err := h.client.GetTokenWithResponse(context.Background(), generated.GetTokenRequest{
		ImpKey: h.srv.APIKey(), ImpSecret: h.srv.APISecret(),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.JSON200 == nil || resp.JSON200.Response == nil {
		h.t.Fatalf("getToken: %d %s", resp.StatusCode(), resp.Body)
	}
	return *resp.JSON200.Response
}

func (h *harness) seed(sd fake.Seed) generated.Payment {
	h.t.Helper()
	p, err := h.srv.SeedPayment(sd)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// send makes one request with body in the given content type and auth as
// the Authorization header (a raw token the way go-iamport and PHP shops
// send it, or "Bearer "+token), through the harness's spec-checking
// client, and returns the status and the raw answer.
func (h *harness) send(method, path, contentType, body, tok string) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if tok != "" {
		req.Header.Set("Authorization", tok)
	}
	resp, err := h.http.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, raw
}

// control calls a /__fake/ route and decodes the envelope's response.
func (h *harness) control(method, path, body string, out any) int {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	resp, err := h.http.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	env := struct {
		Code     int             `json:"code"`
		Response json.RawMessage `json:"response"`
	}{}
	if err := json.Unmarshal(raw, &env); err != nil {
		h.t.Fatalf("%s %s: not an envelope: %s", method, path, raw)
	}
	if out != nil && env.Code == 0 {
		if err := json.Unmarshal(env.Response, out); err != nil {
			h.t.Fatal(err)
		}
	}
	return resp.StatusCode
}

// envelopeOf decodes any answer body as a V1 envelope.
func envelopeOf(t testing.TB, body []byte) (code int, message string) {
	t.Helper()
	var env struct {
		Code    int     `json:"code"`
		Message *string `json:"message"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("not an envelope: %s", body)
	}
	if env.Message != nil {
		message = *env.Message
	}
	return env.Code, message
}
