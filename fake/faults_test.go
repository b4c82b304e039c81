package fake_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func TestFaultsForceTheNextAnswers(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	p := h.seed(seedCard("order-f", 10))

	if err := h.srv.InjectFault(fake.Fault{Operation: "getPaymentByImpUid", Count: 2, Status: http.StatusNotFound}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, p.ImpUID, nil, auth)
		if err != nil {
			t.Fatal(err)
		}
		want := http.StatusNotFound
		if i == 2 {
			want = http.StatusOK
		}
		if resp.StatusCode() != want {
			t.Fatalf("answer %d: status %d, want %d", i+1, resp.StatusCode(), want)
		}
		if forced := resp.HTTPResponse.Header.Get(fake.FaultHeader) != ""; forced != (i < 2) {
			t.Fatalf("answer %d: %s header present=%v", i+1, fake.FaultHeader, forced)
		}
	}

	// Another operation is not affected by a fault on the first.
	if err := h.srv.InjectFault(fake.Fault{Operation: "getToken", Status: http.StatusUnauthorized}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := h.client.GetPaymentByImpUIDWithResponse(ctx, p.ImpUID, nil, auth); resp.StatusCode() != http.StatusOK {
		t.Fatalf("fault leaked to another operation: %d", resp.StatusCode())
	}
	h.srv.ClearFaults()
	h.getToken()

	if err := h.srv.InjectFault(fake.Fault{Operation: "noSuchOperation", Status: 500}); err == nil {
		t.Fatal("a fault on an unknown operation must be refused")
	}
	if err := h.srv.InjectFault(fake.Fault{Operation: "getToken", Status: 42}); err == nil {
		t.Fatal("a fault with a non-HTTP status must be refused")
	}
}

func TestFaultOverHTTPWithLatencyAndBody(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	p := h.seed(seedCard("order-f", 10))

	if st := h.control("POST", "/__fake/faults", `{"operation":"getPaymentByImpUid","latency_ms":150}`, nil); st != http.StatusOK {
		t.Fatalf("fault control: %d", st)
	}
	start := time.Now()
	resp, err := h.client.GetPaymentByImpUIDWithResponse(context.Background(), p.ImpUID, nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond || resp.StatusCode() != http.StatusOK {
		t.Fatalf("latency-only fault: %v, status %d (want >= 150ms and the normal answer)", elapsed, resp.StatusCode())
	}

	// A verbatim body: a 200 whose envelope reports a failure, as the real
	// API does for refusals.
	body := `{"operation":"getPaymentByImpUid","status":200,"body":{"code":1,"message":"일시적인 오류","response":null}}`
	if st := h.control("POST", "/__fake/faults", body, nil); st != http.StatusOK {
		t.Fatalf("fault control: %d", st)
	}
	forced, _ := h.client.GetPaymentByImpUIDWithResponse(context.Background(), p.ImpUID, nil, auth)
	if code, msg := envelopeOf(t, forced.Body); forced.StatusCode() != 200 || code != 1 || msg != "일시적인 오류" {
		t.Fatalf("verbatim fault body: %d %s", forced.StatusCode(), forced.Body)
	}
	if st := h.control("POST", "/__fake/faults", `{"operation":"nope","status":500}`, nil); st != http.StatusBadRequest {
		t.Fatalf("fault on an unknown operation over HTTP: want 400, got %d", st)
	}
}

// A forced 429 or 5xx is the V1 failure envelope, and the spec now declares
// those statuses on every operation (429 TooManyRequests, 5XX ServerError),
// so the contract checker accepts them and the generated client fills its
// JSON429 / JSON5XX fields. Negative control: the same body under
// an undeclared status (418) is a status problem.
func TestForcedThrottlingAndOutagesMatchTheSpec(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	p := h.seed(seedCard("order-t", 10))
	checker := specChecker(t)

	for _, status := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		if err := h.srv.InjectFault(fake.Fault{Operation: "getPaymentByImpUid", Status: status}); err != nil {
			t.Fatal(err)
		}
		resp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, p.ImpUID, nil, auth)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode() != status {
			t.Fatalf("forced %d: got %d", status, resp.StatusCode())
		}
		path := "/payments/" + p.ImpUID
		if problems := checker.Problems("GET", path, "", status, resp.HTTPResponse.Header, resp.Body); len(problems) > 0 {
			t.Errorf("forced %d breaks the spec: %v", status, problems)
		}
		var decoded *generated.ErrorEnvelope
		switch {
		case status == http.StatusTooManyRequests:
			decoded = resp.JSON429
		default:
			decoded = resp.JSON5XX
		}
		if decoded == nil || decoded.Code == 0 {
			t.Errorf("forced %d: the generated client did not decode the envelope (JSON429 %v, JSON5XX %v)", status, resp.JSON429, resp.JSON5XX)
		}
		if status == http.StatusTooManyRequests {
			problems := checker.Problems("GET", path, "", http.StatusTeapot, resp.HTTPResponse.Header, resp.Body)
			if !slices.ContainsFunc(problems, func(p contracttests.Problem) bool { return p.Kind == contracttests.KindStatus }) {
				t.Errorf("negative control: 418 is undeclared, but the checker found %v", problems)
			}
		}
	}
}

// customer_uid[] takes at most 100 keys (the limit PortOne documents for
// the other multi-lookup; the spec's maxItems): 100 are looked up, 101 are
// refused with a V1 envelope and HTTP 400.
func TestCustomerUIDListIsBounded(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	keys := make([]string, 101)
	for i := range keys {
		keys[i] = fmt.Sprintf("cust-%03d", i)
	}
	ok, err := h.client.CustomerViewMultipleWithResponse(ctx, &generated.CustomerViewMultipleParams{CustomerUID: keys[:100]}, auth)
	if err != nil {
		t.Fatal(err)
	}
	if ok.StatusCode() != http.StatusNotFound { // none of them exists
		t.Fatalf("100 unknown keys: %d %s, want 404", ok.StatusCode(), ok.Body)
	}
	h.transport.invalidRequests.Store(true)
	tooMany, err := h.client.CustomerViewMultipleWithResponse(ctx, &generated.CustomerViewMultipleParams{CustomerUID: keys}, auth)
	if err != nil {
		t.Fatal(err)
	}
	if tooMany.StatusCode() != http.StatusBadRequest {
		t.Fatalf("101 keys: %d %s, want 400", tooMany.StatusCode(), tooMany.Body)
	}
	assertFailureEnvelope(t, tooMany.Body)
	if !bytes.Contains(tooMany.Body, []byte("customer_uid[]")) {
		t.Errorf("the refusal does not name the parameter: %s", tooMany.Body)
	}
}
