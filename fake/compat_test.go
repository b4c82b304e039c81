package fake_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// rawCall sends a request with a plain client (no spec check: some of
// these requests are off-spec on purpose) and returns status and body.
func rawCall(t *testing.T, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

func newRequest(t *testing.T, method, url, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestTokenForms sends the token the ways real V1 clients send it (see
// accessToken for who sends which). Negative controls: a wrong token in
// each place, and a scheme the server does not take, get 401.
func TestTokenForms(t *testing.T) {
	h := newHarness(t)
	p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "tok-1", Amount: 1000}})
	tok := h.getToken().AccessToken
	const wrong = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name  string
		set   func(r *http.Request, tok string)
		query string
		want  int
	}{
		{"Bearer", func(r *http.Request, t string) { r.Header.Set("Authorization", "Bearer "+t) }, "", 200},
		{"bearer lower case", func(r *http.Request, t string) { r.Header.Set("Authorization", "bearer "+t) }, "", 200},
		{"BEARER upper case", func(r *http.Request, t string) { r.Header.Set("Authorization", "BEARER "+t) }, "", 200},
		{"raw Authorization", func(r *http.Request, t string) { r.Header.Set("Authorization", t) }, "", 200},
		{"X-ImpTokenHeader", func(r *http.Request, t string) { r.Header.Set("X-ImpTokenHeader", t) }, "", 200},
		{"_token query", nil, "?_token=" + tok, 200},
		{"wrong raw Authorization", func(r *http.Request, _ string) { r.Header.Set("Authorization", wrong) }, "", 401},
		{"wrong X-ImpTokenHeader", func(r *http.Request, _ string) { r.Header.Set("X-ImpTokenHeader", wrong) }, "", 401},
		{"wrong _token", nil, "?_token=" + wrong, 401},
		{"Token scheme", func(r *http.Request, t string) { r.Header.Set("Authorization", "Token "+t) }, "", 401},
		{"Authorization wins over X-ImpTokenHeader", func(r *http.Request, t string) {
			r.Header.Set("Authorization", wrong)
			r.Header.Set("X-ImpTokenHeader", t)
		}, "", 401},
		{"no token", nil, "", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, "GET", h.srv.URL()+"/payments/"+p.ImpUID+tc.query, "")
			if tc.set != nil {
				tc.set(req, tok)
			}
			status, _, body := rawCall(t, req)
			if status != tc.want {
				t.Fatalf("want %d, got %d %s", tc.want, status, body)
			}
			if code, _ := envelopeOf(t, body); (code == 0) != (tc.want == 200) {
				t.Fatalf("code %d with status %d: %s", code, status, body)
			}
		})
	}
}

// TestTrailingSlash: go-iamport and iamporter send the any-status lookups
// with a trailing slash. Negative control: a path that is not a route
// with or without the slash stays 404.
func TestTrailingSlash(t *testing.T) {
	h := newHarness(t)
	h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "slash-1", Amount: 1000}})
	tok := h.getToken().AccessToken
	get := func(path string) (int, string) {
		req := newRequest(t, "GET", h.srv.URL()+path, "")
		req.Header.Set("Authorization", tok)
		status, _, body := rawCall(t, req)
		return status, string(body)
	}
	for _, path := range []string{"/payments/find/slash-1", "/payments/findAll/slash-1"} {
		wantStatus, want := get(path)
		if wantStatus != 200 {
			t.Fatalf("%s: %d %s", path, wantStatus, want)
		}
		if status, got := get(path + "/"); status != 200 || got != want {
			t.Errorf("%s/: %d %s, want the answer without the slash %s", path, status, got, want)
		}
	}
	if status, body := get("/payments/nowhere/x/y/"); status != 404 {
		t.Errorf("unknown route with slash: %d %s", status, body)
	}
}

// TestEveryFailureIsAnEnvelope walks the failure paths outside any
// operation: unknown routes, wrong methods (HEAD and OPTIONS included),
// oversized bodies and headers, a malformed request line.
func TestEveryFailureIsAnEnvelope(t *testing.T) {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	for _, tc := range []struct {
		name, method, path, body string
		header                   int // bytes of an extra header
		want                     int
	}{
		{"unknown route", "GET", "/no/such/route", "", 0, 404},
		{"root", "GET", "/", "", 0, 404},
		{"unknown control", "GET", "/__fake/nothing", "", 0, 404},
		{"PATCH on a route", "PATCH", "/payments/imp_1", "", 0, 405},
		{"DELETE on getToken", "DELETE", "/users/getToken", "", 0, 405},
		{"OPTIONS", "OPTIONS", "/payments/imp_1", "", 0, 405},
		{"body over the cap", "POST", "/payments/prepare", `{"merchant_uid":"` + strings.Repeat("x", 2<<20) + `"}`, 0, 413},
		{"headers over the cap", "GET", "/payments/imp_1", "", 128 << 10, 431},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newRequest(t, tc.method, h.srv.URL()+tc.path, tc.body)
			req.Header.Set("Authorization", tok)
			req.Header.Set("Content-Type", "application/json")
			if tc.header > 0 {
				req.Header.Set("X-Padding", strings.Repeat("p", tc.header))
			}
			status, header, body := rawCall(t, req)
			if status != tc.want {
				t.Fatalf("want %d, got %d %s", tc.want, status, body)
			}
			if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			assertFailureEnvelope(t, body)
		})
	}
	t.Run("chunked body over the cap", func(t *testing.T) {
		// No Content-Length: the cap is met while reading.
		req := newRequest(t, "POST", h.srv.URL()+"/payments/prepare", "")
		req.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"merchant_uid":"`), strings.NewReader(strings.Repeat("x", 2<<20))))
		req.ContentLength = -1
		req.Header.Set("Authorization", tok)
		req.Header.Set("Content-Type", "application/json")
		status, _, body := rawCall(t, req)
		if status != 413 {
			t.Fatalf("want 413, got %d %s", status, body)
		}
		assertFailureEnvelope(t, body)
	})
	t.Run("nesting", func(t *testing.T) {
		// Negative control: the same body nested a little is taken.
		for depth, want := range map[int]int{33: 400, 3: 200} {
			body := `{"merchant_uid":"nest-` + fmt.Sprint(depth) + `","amount":1000,"x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`
			req := newRequest(t, "POST", h.srv.URL()+"/payments/prepare", body)
			req.Header.Set("Authorization", tok)
			req.Header.Set("Content-Type", "application/json")
			if status, _, got := rawCall(t, req); status != want {
				t.Errorf("depth %d: want %d, got %d %s", depth, want, status, got)
			}
		}
	})
	t.Run("HEAD", func(t *testing.T) {
		// A HEAD answer has no body to read; its status and type still say
		// what the GET would carry.
		status, header, _ := rawCall(t, newRequest(t, "HEAD", h.srv.URL()+"/payments/imp_1", ""))
		if status != 405 || !strings.HasPrefix(header.Get("Content-Type"), "application/json") {
			t.Fatalf("HEAD: %d %q", status, header.Get("Content-Type"))
		}
	})
	t.Run("malformed request line", func(t *testing.T) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(h.srv.URL(), "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprint(conn, "GARBAGE\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 400 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		assertFailureEnvelope(t, body)
	})
}

// TestCancelAmountPrecision: money is compared in whole units of the
// currency, not within a tolerance. Negative controls in the same test:
// amounts the currency can hold are accepted.
func TestCancelAmountPrecision(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	ctx := context.Background()
	cancel := func(req generated.CancelPaymentRequest) *generated.PaymentEnvelope {
		t.Helper()
		resp, err := h.client.CancelPaymentWithResponse(ctx, req, auth)
		if err != nil {
			t.Fatal(err)
		}
		if resp.JSON200 == nil {
			t.Fatalf("%d %s", resp.StatusCode(), resp.Body)
		}
		return resp.JSON200
	}
	won := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "prec-krw", Amount: 1000}})
	for i := range 20 {
		// The checksum is stale from the second cancel on if any went through.
		if env := cancel(generated.CancelPaymentRequest{ImpUID: new(won.ImpUID), Amount: new(0.0000001), Checksum: new(1000.0)}); env.Code == 0 {
			t.Fatalf("cancel %d of 0.0000001 won accepted: %+v", i, env.Response)
		}
	}
	if env := cancel(generated.CancelPaymentRequest{ImpUID: new(won.ImpUID), Amount: new(1000.0000009)}); env.Code == 0 {
		t.Fatal("cancel of 1000.0000009 won on 1000 accepted")
	}
	if env := cancel(generated.CancelPaymentRequest{ImpUID: new(won.ImpUID), Amount: new(300.0), Checksum: new(1000.0000001)}); env.Code == 0 {
		t.Fatal("checksum 1000.0000001 taken for a balance of 1000")
	}
	if env := cancel(generated.CancelPaymentRequest{ImpUID: new(won.ImpUID), Amount: new(300.0), Checksum: new(1000.0)}); env.Code != 0 || env.Response.CancelAmount != 300 {
		t.Fatalf("300 won with the right checksum: %+v", env)
	}

	usd := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "prec-usd", Amount: 10.87, Currency: "USD"}})
	for _, a := range []float64{0.29, 0.29, 10.29} {
		if env := cancel(generated.CancelPaymentRequest{ImpUID: new(usd.ImpUID), Amount: new(a)}); a == 10.29 {
			if env.Code != 0 || env.Response.Status != generated.PaymentStatusCancelled || env.Response.CancelAmount != 10.87 {
				t.Fatalf("last cancel of %v USD: %+v", a, env)
			}
		} else if env.Code != 0 {
			t.Fatalf("cancel of %v USD refused: %v", a, deref(env.Message))
		}
	}
	if env := cancel(generated.CancelPaymentRequest{ImpUID: new(usd.ImpUID), Amount: new(0.001)}); env.Code == 0 {
		t.Fatal("0.001 USD accepted on a cancelled payment")
	}
}
