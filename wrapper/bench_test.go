package wrapper_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/securityprovider"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// The benchmarks compare, on loopback, the same call made three ways: the
// wrapper, the raw generated client (ClientWithResponses with a bearer
// editor) and hand-written net/http + encoding/json. Run with `make bench`;
// the figures go in the closing notes, never in assertions.

// benchBodies are the answers the benchmark server sends: one recorded
// payment (recording 011), and a page of 1000 payments made from every
// recorded payment object in the corpus, in turn, with distinct imp_uids.
func benchBodies(b *testing.B) (single, page []byte) {
	b.Helper()
	corpus, err := contracttests.Corpus()
	if err != nil {
		b.Fatal(err)
	}
	var payments []map[string]any
	for _, in := range corpus {
		var env struct {
			Code     int            `json:"code"`
			Response map[string]any `json:"response"`
		}
		if json.Unmarshal(in.Response.Body, &env) != nil || env.Code != 0 || env.Response["imp_uid"] == nil || env.Response["pay_method"] == nil {
			continue
		}
		payments = append(payments, env.Response)
	}
	if len(payments) < 5 {
		b.Fatalf("only %d recorded payments", len(payments))
	}
	list := make([]map[string]any, 1000)
	for i := range list {
		p := map[string]any{}
		for k, v := range payments[i%len(payments)] {
			p[k] = v
		}
		p["imp_uid"] = fmt.Sprintf("imp_%012d", i)
		list[i] = p
	}
	page, err = json.Marshal(map[string]any{"code": 0, "message": nil, "response": map[string]any{"total": 1000, "previous": 0, "next": 0, "list": list}})
	if err != nil {
		b.Fatal(err)
	}
	return []byte(recorded(b, "011")), page
}

type benchEnv struct {
	wrapper *wrapper.Client
	raw     *generated.ClientWithResponses
	httpc   *http.Client
	url     string
}

const benchToken = "5c1c378a5b862336f71d744c084e5cccb859290b"

func newBenchEnv(b *testing.B) *benchEnv {
	single, page := benchBodies(b)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /users/getToken", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"code":0,"message":null,"response":{"access_token":"`+benchToken+`","now":1700000000,"expired_at":1700001800}}`)
	})
	serve := func(body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Write(body)
		}
	}
	mux.HandleFunc("GET /payments/{imp_uid}", serve(single))
	mux.HandleFunc("GET /payments/status/{payment_status}", serve(page))
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)

	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	httpc := &http.Client{Transport: tr}
	c, err := wrapper.New(wrapper.Config{APIKey: testKey, APISecret: testSecret, BaseURL: srv.URL, HTTPClient: httpc})
	if err != nil {
		b.Fatal(err)
	}
	bearer, _ := securityprovider.NewSecurityProviderBearerToken(benchToken)
	raw, err := generated.NewClientWithResponses(srv.URL, generated.WithHTTPClient(httpc), generated.WithRequestEditorFn(bearer.Intercept))
	if err != nil {
		b.Fatal(err)
	}
	return &benchEnv{wrapper: c, raw: raw, httpc: httpc, url: srv.URL}
}

// handWritten is the call a service would write without any client.
func handWritten[T any](ctx context.Context, httpc *http.Client, url string) (T, error) {
	var env struct {
		Code     int     `json:"code"`
		Message  *string `json:"message"`
		Response T       `json:"response"`
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return env.Response, err
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	resp, err := httpc.Do(req)
	if err != nil {
		return env.Response, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return env.Response, err
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return env.Response, err
	}
	if env.Code != 0 {
		return env.Response, fmt.Errorf("code %d", env.Code)
	}
	return env.Response, nil
}

// compareClients runs the same call through the wrapper, the generated
// client and a hand-written net/http call, checking every answer.
func compareClients[T any](b *testing.B, check func(T, error), wrapperCall, generatedCall, handCall func() (T, error)) {
	for _, c := range []struct {
		name string
		call func() (T, error)
	}{{"wrapper", wrapperCall}, {"generated", generatedCall}, {"nethttp", handCall}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				check(c.call())
			}
		})
	}
}

func BenchmarkOnePayment(b *testing.B) {
	e := newBenchEnv(b)
	ctx := context.Background()
	compareClients(b,
		func(p *generated.Payment, err error) {
			if err != nil || p == nil || p.ImpUID != "imp_088022300265" {
				b.Fatalf("got %v, %v", p, err)
			}
		},
		func() (*generated.Payment, error) { return e.wrapper.GetPaymentByImpUID(ctx, "imp_088022300265", nil) },
		func() (*generated.Payment, error) {
			r, err := e.raw.GetPaymentByImpUIDWithResponse(ctx, "imp_088022300265", nil)
			if err != nil || r.JSON200 == nil || r.JSON200.Code != 0 {
				return nil, fmt.Errorf("generated: %v", err)
			}
			return r.JSON200.Response, nil
		},
		func() (*generated.Payment, error) {
			return handWritten[*generated.Payment](ctx, e.httpc, e.url+"/payments/imp_088022300265")
		})
}

func BenchmarkPage1000(b *testing.B) {
	e := newBenchEnv(b)
	ctx := context.Background()
	compareClients(b,
		func(p *generated.PaymentPage, err error) {
			if err != nil || p == nil || len(p.List) != 1000 {
				b.Fatalf("got %v", err)
			}
		},
		func() (*generated.PaymentPage, error) {
			return e.wrapper.GetPaymentsByStatus(ctx, generated.PaymentStatusFilterAll, nil)
		},
		func() (*generated.PaymentPage, error) {
			r, err := e.raw.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterAll, nil)
			if err != nil || r.JSON200 == nil || r.JSON200.Code != 0 {
				return nil, fmt.Errorf("generated: %v", err)
			}
			return r.JSON200.Response, nil
		},
		func() (*generated.PaymentPage, error) {
			return handWritten[*generated.PaymentPage](ctx, e.httpc, e.url+"/payments/status/all")
		})
}

// BenchmarkDecodePage1000 isolates what differs between the wrapper and the
// generated client, the unwrapping of an answer already in memory, from the
// network and the server, whose cost swamps it on a busy machine.
func BenchmarkDecodePage1000(b *testing.B) {
	_, page := benchBodies(b)
	b.Run("wrapper", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := wrapper.Decode[*generated.PaymentPage](200, page)
			if err != nil || len(p.List) != 1000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		header := http.Header{"Content-Type": {"application/json"}}
		for b.Loop() {
			r, err := generated.ParseGetPaymentsByStatusResponse(&http.Response{StatusCode: 200, Header: header, Body: io.NopCloser(bytes.NewReader(page))})
			if err != nil || r.JSON200 == nil || len(r.JSON200.Response.List) != 1000 {
				b.Fatal(err)
			}
		}
	})
}
