package fake_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
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
