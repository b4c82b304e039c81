package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/openapi"
	"github.com/portone-community/portone-v1-go/wrapper"
)

func TestNewChecksConfig(t *testing.T) {
	cases := []struct {
		name    string
		cfg     wrapper.Config
		wantErr string
	}{
		{"nothing", wrapper.Config{}, "needs APIKey and APISecret"},
		{"no secret", wrapper.Config{APIKey: "k"}, "APISecret is empty"},
		{"no key", wrapper.Config{APISecret: "s"}, "APIKey is empty"},
		{"bad base URL", wrapper.Config{APIKey: "k", APISecret: "s", BaseURL: "api.iamport.kr"}, "not an http(s) URL"},
		{"key and secret", wrapper.Config{APIKey: "k", APISecret: "s"}, ""},
		{"static token", wrapper.Config{AccessToken: "t"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := wrapper.New(tc.cfg)
			if tc.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New error = %v, want it to mention %q", err, tc.wantErr)
			}
		})
	}
}

// Every operation of the spec has its method on *wrapper.Client, and the
// generated list of operations is exactly the spec's.
func TestEveryOperationHasAMethod(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ops := wrapper.Operations()
	clientType := reflect.TypeOf(&wrapper.Client{})
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			got, ok := ops[op.OperationID]
			if !ok || got.Method+" "+got.Path != method+" "+path {
				t.Errorf("operation %s: wrapper has %+v, spec has %s %s", op.OperationID, got, method, path)
				continue
			}
			if _, ok := clientType.MethodByName(got.GoName); !ok {
				t.Errorf("operation %s: no method %s on *wrapper.Client", op.OperationID, got.GoName)
			}
		}
	}
	if n != len(ops) {
		t.Errorf("spec has %d operations, wrapper %d", n, len(ops))
	}
	if _, ok := clientType.MethodByName("NoSuchOperation"); ok {
		t.Fatal("negative control: MethodByName found a method that does not exist")
	}
}

func TestGetPaymentByImpUID(t *testing.T) {
	f := newFakeAPI(t)
	body, notFound := recorded(t, "011"), recorded(t, "022")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("imp_uid") != "imp_088022300265" {
			writeJSON(w, 404, notFound)
			return
		}
		writeJSON(w, 200, body)
	})
	c := f.client(wrapper.Config{})
	ctx := context.Background()

	p, err := c.GetPaymentByImpUID(ctx, "imp_088022300265", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.ImpUID != "imp_088022300265" || p.Amount != 1 || p.Status != generated.PaymentStatusPaid || p.PaidAt != 1709722069 {
		t.Fatalf("payment decoded wrong: %+v", p)
	}

	_, err = c.GetPaymentByImpUID(ctx, "imp_000000000000", nil)
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("not found: %v is not an *APIError", err)
	}
	if apiErr.HTTPStatus != 404 || apiErr.Code != -1 || apiErr.Message != "존재하지 않는 결제정보입니다." || apiErr.Operation != "getPaymentByImpUid" {
		t.Fatalf("APIError = %+v", apiErr)
	}
	if f.tokenCalls.Load() != 1 {
		t.Fatalf("getToken called %d times for two calls, want 1", f.tokenCalls.Load())
	}
}

// A non-zero code is a failure even with HTTP 200 (recording 032 is such an
// answer from the billing-key API).
func TestNonZeroCodeWithHTTP200(t *testing.T) {
	f := newFakeAPI(t)
	refusal := recorded(t, "032")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, refusal)
	})
	c := f.client(wrapper.Config{})
	p, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 200 || apiErr.Code != 1 || apiErr.Message == "" || p != nil {
		t.Fatalf("got (%v, %v), want an *APIError with HTTP 200 and code 1", p, err)
	}
}

func TestPartialResult207(t *testing.T) {
	f := newFakeAPI(t)
	payment := string(recordedPayment(t))
	f.handle("GET /payments", func(w http.ResponseWriter, r *http.Request) {
		status := 200
		if len(r.URL.Query()["imp_uid[]"]) > 1 {
			status = 207
		}
		writeJSON(w, status, `{"code":0,"message":null,"response":[`+payment+`]}`)
	})
	c := f.client(wrapper.Config{})
	ctx := context.Background()

	one := []string{"imp_088022300265"}
	got, err := c.GetPaymentListByImpUID(ctx, &generated.GetPaymentListByImpUIDParams{ImpUID: one})
	if err != nil || len(got) != 1 {
		t.Fatalf("200: got %d payments, err %v", len(got), err)
	}

	two := []string{"imp_088022300265", "imp_000000000000"}
	got, err = c.GetPaymentListByImpUID(ctx, &generated.GetPaymentListByImpUIDParams{ImpUID: two})
	if !errors.Is(err, wrapper.ErrPartialResult) {
		t.Fatalf("207: err = %v, want ErrPartialResult", err)
	}
	if len(got) != 1 || got[0].ImpUID != "imp_088022300265" {
		t.Fatalf("207: the payments found must still be returned, got %v", got)
	}
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		t.Fatal("a 207 is not a failure the server answered; it must not be an *APIError")
	}
}

func TestTierHeader(t *testing.T) {
	for _, tier := range []string{"T1", ""} {
		t.Run("tier="+tier, func(t *testing.T) {
			f := newFakeAPI(t)
			payment, cancelled := recorded(t, "011"), recorded(t, "024")
			f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
			f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, cancelled) })
			c := f.client(wrapper.Config{Tier: tier})
			ctx := context.Background()
			if _, err := c.GetPaymentByImpUID(ctx, "imp_1", nil); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{}); err != nil {
				t.Fatal(err)
			}
			raw, err := c.Raw().GetPaymentByImpUIDWithResponse(ctx, "imp_1", nil)
			if err != nil || raw.JSON200 == nil {
				t.Fatalf("Raw() is not authenticated: %v, HTTP %d", err, raw.StatusCode())
			}
			for _, route := range []string{"POST /users/getToken", "GET /payments/{imp_uid}", "POST /payments/cancel"} {
				got, _ := f.tiers.Load(route)
				if got != tier {
					t.Errorf("%s: Tier header %q, want %q", route, got, tier)
				}
			}
		})
	}
}

func TestStaticToken(t *testing.T) {
	f := newFakeAPI(t)
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	// Get a token from the fake server as "another service" would.
	issuer := f.client(wrapper.Config{})
	tok, err := issuer.GetToken(context.Background(), generated.GetTokenRequest{ImpKey: testKey, ImpSecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	c := f.client(wrapper.Config{AccessToken: tok.AccessToken})
	if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
		t.Fatalf("static token rejected: %v", err)
	}
	f.mu.Lock()
	f.revoked = true
	f.mu.Unlock()
	_, err = c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 {
		t.Fatalf("revoked static token: err = %v, want an *APIError with 401", err)
	}
	if n := f.tokenCalls.Load(); n != 1 {
		t.Fatalf("static-token client asked for tokens: getToken count %d, want 1 (the issuer's)", n)
	}
	if n := f.count("GET /payments/{imp_uid}"); n != 2 {
		t.Fatalf("static-token 401 was replayed: %d lookups, want 2", n)
	}
}

// New fields and unknown enum values decode; amounts keep their decimals
// and timestamps are int64 seconds.
func TestDecodingIsLenient(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"code":0,"message":null,"response":{"imp_uid":"imp_1","merchant_uid":"o1","amount":12.34,"cancel_amount":0.5,`+
			`"status":"partially_refunded","channel":"kiosk","customer_uid_usage":"something.new","paid_at":4102444800,`+
			`"brand_new_field":{"nested":[1,2,3]},"pay_method":"crypto"},"brand_new_envelope_field":true}`)
	})
	c := f.client(wrapper.Config{})
	p, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Amount != 12.34 || p.CancelAmount != 0.5 || p.Status != "partially_refunded" || p.PaidAt != 4102444800 || p.PayMethod != "crypto" {
		t.Fatalf("decoded %+v", p)
	}
	// Every unknown enum value of the body comes through as sent.
	if p.Channel == nil || *p.Channel != "kiosk" || p.CustomerUIDUsage == nil || *p.CustomerUIDUsage != "something.new" {
		t.Fatal("the unknown channel or customer_uid_usage value was lost")
	}
}
