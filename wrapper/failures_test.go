package wrapper_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

const html502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// Bodies that are not envelopes give an *APIError with the status and a
// snippet, wrapping ErrMalformedResponse, and never a panic.
func TestBodiesThatAreNotEnvelopes(t *testing.T) {
	payment := recorded(t, "011")
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		snippet     string // expected in the error text
	}{
		{"HTML 502 from a proxy", 502, "text/html", html502, "502 Bad Gateway"},
		{"truncated JSON", 200, "application/json", payment[:len(payment)/2], `unexpected end of JSON input; body starts: { "code": 0`},
		{"empty body", 200, "application/json", "", "empty body"},
		{"JSON null", 200, "application/json", "null", `no "code" field`},
		{"JSON without code", 200, "application/json", `{"response":{}}`, `no "code" field`},
		// go-json-experiment words this "cannot unmarshal" or "unable to
		// unmarshal", picked at random once per process (errorModalVerb, its
		// guard against callers matching the text), so only the rest is stable.
		{"response of the wrong shape", 200, "application/json", `{"code":0,"message":null,"response":[1,2]}`, "unmarshal JSON array into Go generated.Payment"},
		{"HTML 200", 200, "text/html", "<!doctype html><p>maintenance</p>", "maintenance"},
		{"plain 500", 500, "text/plain", "internal error", "internal error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			})
			c := f.client(wrapper.Config{})
			p, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
			var apiErr *wrapper.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got (%v, %v), want an *APIError", p, err)
			}
			if apiErr.HTTPStatus != tc.status || !errors.Is(err, wrapper.ErrMalformedResponse) {
				t.Fatalf("APIError %+v: want HTTP %d and ErrMalformedResponse", apiErr, tc.status)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.snippet) || len(msg) > 400 {
				t.Fatalf("error %q: want it short and containing %q", msg, tc.snippet)
			}
			if p != nil {
				t.Fatal("a payment came back with the error")
			}
		})
	}
}

func TestGETRetries(t *testing.T) {
	payment := recorded(t, "011")
	cases := []struct {
		name       string
		failures   int // answers before the good one
		fail       func(w http.ResponseWriter)
		wantHits   int64
		wantStatus int // 0: success expected
	}{
		{"503 then success", 1, func(w http.ResponseWriter) { writeJSON(w, 503, `{"code":-1,"message":"busy","response":null}`) }, 2, 0},
		{"429 with Retry-After 0 twice then success", 2, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, `{"code":-1,"message":"slow down","response":null}`)
		}, 3, 0},
		{"HTML 502 every time", 99, func(w http.ResponseWriter) { w.WriteHeader(502); w.Write([]byte(html502)) }, 3, 502},
		{"504 then success", 1, func(w http.ResponseWriter) { w.WriteHeader(504) }, 2, 0},
		{"Retry-After too long is not waited for", 99, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3600")
			writeJSON(w, 503, `{"code":-1,"message":"maintenance","response":null}`)
		}, 1, 503},
		{"500 is not retried", 99, func(w http.ResponseWriter) { writeJSON(w, 500, `{"code":-1,"message":"oops","response":null}`) }, 1, 500},
		{"dropped connection then success", 1, hangUp, 2, 0},
		{"answer cut off mid-body then success", 1, cutOff, 2, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			var n atomic.Int64
			f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) <= int64(tc.failures) {
					tc.fail(w)
					return
				}
				writeJSON(w, 200, payment)
			})
			c := f.client(wrapper.Config{})
			p, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
			if got := n.Load(); got != tc.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tc.wantHits)
			}
			if tc.wantStatus == 0 {
				if err != nil || p == nil {
					t.Fatalf("got (%v, %v), want the payment", p, err)
				}
				return
			}
			var apiErr *wrapper.APIError
			if !errors.As(err, &apiErr) || apiErr.HTTPStatus != tc.wantStatus {
				t.Fatalf("err = %v, want an *APIError with HTTP %d", err, tc.wantStatus)
			}
		})
	}
}

// cutOff announces a long answer and stops sending halfway.
func cutOff(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "5000")
	w.WriteHeader(200)
	w.Write([]byte(`{"code":0,"message":null,"response":{"imp_uid":"imp_1",`))
}

// hangUp closes the connection without answering.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestRetriesCanBeTurnedOff(t *testing.T) {
	f := newFakeAPI(t)
	var n atomic.Int64
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(503)
	})
	c := f.client(wrapper.Config{Retry: wrapper.RetryPolicy{MaxRetries: -1}})
	if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err == nil {
		t.Fatal("want an error")
	}
	if n.Load() != 1 {
		t.Fatalf("%d requests with retries off, want 1", n.Load())
	}
}

// Money-moving requests are sent once: a dropped connection or a 5xx is an
// unknown outcome, never a replay.
func TestCancelIsNeverReplayed(t *testing.T) {
	cases := []struct {
		name    string
		fail    func(w http.ResponseWriter)
		wantAPI int // HTTP status of a wrapped *APIError, 0 for none
	}{
		{"dropped connection", hangUp, 0},
		{"answer cut off mid-body", cutOff, 0},
		{"HTML 502", func(w http.ResponseWriter) { w.WriteHeader(502); w.Write([]byte(html502)) }, 502},
		{"503 with envelope", func(w http.ResponseWriter) { writeJSON(w, 503, `{"code":-1,"message":"busy","response":null}`) }, 503},
		{"504 empty", func(w http.ResponseWriter) { w.WriteHeader(504) }, 504},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) { tc.fail(w) })
			c := f.client(wrapper.Config{})
			checksum := 1000.0
			_, err := c.CancelPayment(context.Background(), generated.CancelPaymentRequest{MerchantUID: new("order-1"), Checksum: &checksum})
			if n := f.count("POST /payments/cancel"); n != 1 {
				t.Fatalf("cancel sent %d times, want exactly 1", n)
			}
			var unknown *wrapper.OutcomeUnknownError
			if !errors.As(err, &unknown) || !errors.Is(err, wrapper.ErrOutcomeUnknown) {
				t.Fatalf("err = %v, want an *OutcomeUnknownError", err)
			}
			if unknown.Operation != "cancelPayment" || !strings.Contains(err.Error(), "merchant_uid") {
				t.Fatalf("error %q must name the operation and say how to check (merchant_uid)", err)
			}
			// "Maybe done" must never read as "refused".
			var apiErr *wrapper.APIError
			if errors.As(err, &apiErr) || errors.Is(err, wrapper.ErrRefused) || errors.Is(err, wrapper.ErrNotFound) {
				t.Fatalf("errors.As(*APIError) reaches %+v through an unknown outcome", apiErr)
			}
			if got := unknown.Answer != nil; got != (tc.wantAPI != 0) || (got && unknown.Answer.HTTPStatus != tc.wantAPI) {
				t.Fatalf("Answer = %+v, want HTTP %d", unknown.Answer, tc.wantAPI)
			}
		})
	}
}

// A refusal (4xx) of a cancel is a known outcome, not an unknown one.
func TestCancelRefusalIsKnown(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"code":1,"message":"취소할 결제건이 존재하지 않습니다.","response":null}`)
	})
	c := f.client(wrapper.Config{})
	_, err := c.CancelPayment(context.Background(), generated.CancelPaymentRequest{MerchantUID: new("order-1")})
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 1 || errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want a plain *APIError with code 1", err)
	}
}

func TestContextCancellation(t *testing.T) {
	f := newFakeAPI(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	var cancels atomic.Int64
	block := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	f.handle("GET /payments/{imp_uid}", block)
	f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) {
		cancels.Add(1)
		block(w, r)
	})
	c := f.client(wrapper.Config{})
	if _, err := wrapper.TokenHeader(context.Background(), c); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetPaymentByImpUID(ctx, "imp_1", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("GET: err = %v, want context.DeadlineExceeded", err)
	}
	if errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatal("GET: a read has no unknown outcome")
	}
	if f.count("GET /payments/{imp_uid}") != 1 {
		t.Fatalf("GET sent %d times after its context ended", f.count("GET /payments/{imp_uid}"))
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() {
		for cancels.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel2()
	}()
	_, err = c.CancelPayment(ctx2, generated.CancelPaymentRequest{MerchantUID: new("order-1")})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatalf("cancel: err = %v, want context.Canceled and ErrOutcomeUnknown", err)
	}
	if cancels.Load() != 1 {
		t.Fatalf("cancel sent %d times", cancels.Load())
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("cancellation was not prompt")
	}

	// A context that has already ended sends nothing.
	done, cancel3 := context.WithCancel(context.Background())
	cancel3()
	_, err = c.CancelPayment(done, generated.CancelPaymentRequest{MerchantUID: new("order-1")})
	if !errors.Is(err, context.Canceled) || errors.Is(err, wrapper.ErrOutcomeUnknown) || cancels.Load() != 1 {
		t.Fatalf("ended context: err = %v (%d cancels sent), want context.Canceled, known outcome, nothing sent", err, cancels.Load())
	}
}

// A connection that cannot even be opened sends nothing: even a cancel
// gets a plain error, since nothing can have happened.
func TestUnreachableServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := wrapper.New(wrapper.Config{AccessToken: "t", BaseURL: "http://" + addr, Retry: wrapper.RetryPolicy{MaxRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CancelPayment(context.Background(), generated.CancelPaymentRequest{MerchantUID: new("order-1")})
	if err == nil || errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want a connection error with a known outcome", err)
	}
}
