package openapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/securityprovider"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/generated"
)

// seenRequest is what the test server saw of one request.
type seenRequest struct {
	Method, Path, Auth, ContentType string
	Query                           url.Values
	Body                            map[string]any
}

// replay starts a server that records each request and answers with status
// and body.
func replay(t *testing.T, status int, body []byte) (*httptest.Server, *seenRequest) {
	t.Helper()
	seen := &seenRequest{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Method, seen.Path = r.Method, r.URL.EscapedPath()
		seen.Auth, seen.ContentType = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		seen.Query = r.URL.Query()
		if raw, _ := io.ReadAll(r.Body); len(raw) > 0 {
			if err := json.Unmarshal(raw, &seen.Body); err != nil {
				t.Errorf("request body is not JSON: %v: %s", err, raw)
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, seen
}

// recordedBody is the response body of a recording; paymentOf is the
// payment inside it, to wrap into an envelope of another shape.
func recordedBody(t *testing.T, prefix string) []byte {
	t.Helper()
	in, err := contracttests.Recording(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return in.Response.Body
}

func paymentOf(t *testing.T, prefix string) json.RawMessage {
	t.Helper()
	var env struct{ Response json.RawMessage }
	if err := json.Unmarshal(recordedBody(t, prefix), &env); err != nil {
		t.Fatal(err)
	}
	return env.Response
}

func envelope(t *testing.T, response any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"code": 0, "message": nil, "response": response})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGeneratedClientSendsWhatTheSpecSays calls every operation of the spec
// through the generated client against a recording server, checks the
// request on the wire (method, escaped path, query encoding, JSON body,
// bearer header) and that a recorded answer parses into the typed 200.
func TestGeneratedClientSendsWhatTheSpecSays(t *testing.T) {
	ctx := context.Background()
	page := func(t *testing.T) []byte {
		return envelope(t, map[string]any{"total": 1, "previous": 0, "next": 0, "list": []json.RawMessage{paymentOf(t, "011")}})
	}
	prepared := func(t *testing.T) []byte {
		return envelope(t, map[string]any{"merchant_uid": "order/1", "amount": 1000, "currency": "KRW"})
	}
	sandbox, pageNo, limit, from, to := true, int32(2), int32(1000), int64(1700000000), int64(1707776000)
	sortPaid := generated.PaymentSortingPaidDesc
	amount, checksum, requester := 1000.5, 2000.0, generated.CancelPaymentExtraRequesterCustomer

	cases := []struct {
		name   string
		status int
		body   func(t *testing.T) []byte
		call   func(c *generated.ClientWithResponses) (parsed any, err error)
		// what the server must see
		method, path string
		query        url.Values
		reqBody      map[string]any
	}{
		{
			name: "getToken", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "003") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetTokenWithResponse(ctx, generated.GetTokenJSONRequestBody{ImpKey: "key", ImpSecret: "secret"})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "POST", path: "/users/getToken", reqBody: map[string]any{"imp_key": "key", "imp_secret": "secret"},
		},
		{
			name: "getPaymentByImpUid", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "011") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentByImpUIDWithResponse(ctx, "imp_088022300265", &generated.GetPaymentByImpUIDParams{IncludeSandbox: &sandbox})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/imp_088022300265", query: url.Values{"include_sandbox": {"true"}},
		},
		{
			name: "getPaymentByImpUid 404", status: 404, body: func(t *testing.T) []byte { return recordedBody(t, "022") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentByImpUIDWithResponse(ctx, "imp_unknown", nil)
				return pick(r, err, func() any { return r.JSON404 })
			},
			method: "GET", path: "/payments/imp_unknown",
		},
		{
			name: "balanceByImpUid", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "043") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.BalanceByImpUIDWithResponse(ctx, "imp_1")
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/imp_1/balance",
		},
		{
			name: "getPaymentListByImpUid 207", status: 207,
			body: func(t *testing.T) []byte { return envelope(t, []json.RawMessage{paymentOf(t, "011")}) },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentListByImpUIDWithResponse(ctx, &generated.GetPaymentListByImpUIDParams{
					ImpUID: []string{"imp_088022300265", "imp_missing"}, MerchantUID: []string{"order-9"},
				})
				return pick(r, err, func() any { return r.JSON207 })
			},
			method: "GET", path: "/payments",
			query: url.Values{"imp_uid[]": {"imp_088022300265", "imp_missing"}, "merchant_uid[]": {"order-9"}},
		},
		{
			name: "getPaymentByMerchantUidAnyStatus", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "021") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentByMerchantUIDAnyStatusWithResponse(ctx, "order 1", nil)
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/find/order%201",
		},
		{
			name: "getPaymentByMerchantUid", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "021") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentByMerchantUIDWithResponse(ctx, "order-1", generated.PaymentStatusPaid, &generated.GetPaymentByMerchantUIDParams{Sorting: &sortPaid})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/find/order-1/paid", query: url.Values{"sorting": {"-paid"}},
		},
		{
			name: "getAllPaymentsByMerchantUidAnyStatus", status: 200, body: page,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetAllPaymentsByMerchantUIDAnyStatusWithResponse(ctx, "order-1", &generated.GetAllPaymentsByMerchantUIDAnyStatusParams{Page: &pageNo})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/findAll/order-1", query: url.Values{"page": {"2"}},
		},
		{
			name: "getAllPaymentsByMerchantUid", status: 200, body: page,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetAllPaymentsByMerchantUIDWithResponse(ctx, "order-1", generated.PaymentStatusCancelled, &generated.GetAllPaymentsByMerchantUIDParams{Limit: &limit})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/findAll/order-1/cancelled", query: url.Values{"limit": {"1000"}},
		},
		{
			name: "getPaymentsByStatus", status: 200, body: page,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterAll, &generated.GetPaymentsByStatusParams{
					Page: &pageNo, Limit: &limit, From: &from, To: &to, Sorting: &sortPaid,
				})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/status/all",
			query: url.Values{"page": {"2"}, "limit": {"1000"}, "from": {"1700000000"}, "to": {"1707776000"}, "sorting": {"-paid"}},
		},
		{
			name: "cancelPayment", status: 200, body: func(t *testing.T) []byte { return recordedBody(t, "024") },
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.CancelPaymentWithResponse(ctx, generated.CancelPaymentJSONRequestBody{
					ImpUID: new("imp_803037736674"), Amount: &amount, Checksum: &checksum, Reason: new("buyer asked"),
					Extra: &generated.CancelPaymentExtra{Requester: &requester},
				})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "POST", path: "/payments/cancel",
			reqBody: map[string]any{"imp_uid": "imp_803037736674", "amount": 1000.5, "checksum": 2000.0, "reason": "buyer asked", "extra": map[string]any{"requester": "customer"}},
		},
		{
			name: "preparePayment", status: 200, body: prepared,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.PreparePaymentWithResponse(ctx, generated.PreparePaymentJSONRequestBody{MerchantUID: "order/1", Amount: 1000, Currency: new("KRW")})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "POST", path: "/payments/prepare", reqBody: map[string]any{"merchant_uid": "order/1", "amount": 1000.0, "currency": "KRW"},
		},
		{
			name: "editPreparePayment", status: 200, body: prepared,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.EditPreparePaymentWithResponse(ctx, generated.EditPreparePaymentJSONRequestBody{MerchantUID: "order/1", Amount: 1500})
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "PUT", path: "/payments/prepare", reqBody: map[string]any{"merchant_uid": "order/1", "amount": 1500.0},
		},
		{
			name: "getPaymentPrepareByMerchantUid", status: 200, body: prepared,
			call: func(c *generated.ClientWithResponses) (any, error) {
				r, err := c.GetPaymentPrepareByMerchantUIDWithResponse(ctx, "order/1")
				return pick(r, err, func() any { return r.JSON200 })
			},
			method: "GET", path: "/payments/prepare/order%2F1",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, seen := replay(t, tc.status, tc.body(t))
			bearer, err := securityprovider.NewSecurityProviderBearerToken("test-token")
			if err != nil {
				t.Fatal(err)
			}
			c, err := generated.NewClientWithResponses(srv.URL, generated.WithRequestEditorFn(bearer.Intercept))
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := tc.call(c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if parsed == nil || reflect.ValueOf(parsed).IsNil() {
				t.Fatalf("HTTP %d answer did not parse into its typed field", tc.status)
			}
			if seen.Method != tc.method || seen.Path != tc.path {
				t.Errorf("sent %s %s, want %s %s", seen.Method, seen.Path, tc.method, tc.path)
			}
			if diff := cmp.Diff(tc.query, seen.Query, cmpEmptyValues); diff != "" {
				t.Errorf("query (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.reqBody, seen.Body, cmpEmptyValues); diff != "" {
				t.Errorf("JSON body (-want +got):\n%s", diff)
			}
			if tc.reqBody != nil && seen.ContentType != "application/json" {
				t.Errorf("Content-Type %q, want application/json", seen.ContentType)
			}
			// The bearer editor is installed client-wide, as the wrapper does
			// after getToken; every request must carry it.
			if seen.Auth != "Bearer test-token" {
				t.Errorf("Authorization %q, want the bearer token", seen.Auth)
			}
		})
	}
}

// cmpEmptyValues treats a nil and an empty map alike (no query, no body).
var cmpEmptyValues = cmpopts.EquateEmpty()

func pick[R any](r R, err error, field func() any) (any, error) {
	if err != nil {
		return nil, err
	}
	return field(), nil
}
