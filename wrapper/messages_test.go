package wrapper_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// The mistakes of a first hour, made against the fake: each error's text
// says what happened and what to do, once, in English next to PortOne's
// Korean message, and keeps matching its sentinel. Each hint is also
// checked absent where it does not apply, so a hint appended to every
// error would fail.
func TestFirstHourErrorTexts(t *testing.T) {
	srv := startedFake(t)
	paid, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{MerchantUID: "order-1", Amount: 39000}})
	if err != nil {
		t.Fatal(err)
	}
	client := func(cfg wrapper.Config) *wrapper.Client {
		cfg.BaseURL = srv.URL()
		c, err := wrapper.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	good := client(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret()})
	const wrongSecret = "not-the-secret-0123456789abcdef"
	wrong := client(wrapper.Config{APIKey: srv.APIKey(), APISecret: wrongSecret})
	const staleToken = "0123456789abcdef0123456789abcdef01234567"
	static := client(wrapper.Config{AccessToken: staleToken})

	const (
		credentialsHint = "(wrong API key or secret; check Config.APIKey and Config.APISecret, the V1 REST API key and secret of the PortOne console)"
		staticHint      = "(PortOne refused Config.AccessToken, which is wrong or has expired; a static token is never renewed)"
		refusedHint     = "(refused: nothing was done)"
	)
	ctx := t.Context()
	lookup := func(c *wrapper.Client, impUID string) error {
		_, err := c.GetPaymentByImpUID(ctx, impUID, nil)
		return err
	}
	cases := []struct {
		name     string
		err      error
		sentinel error
		has      []string // in the text
		hasNot   []string // hints that do not apply
	}{
		{"wrong secret", lookup(wrong, paid.ImpUID), wrapper.ErrNoToken,
			[]string{"portone: getPaymentByImpUid (GET /payments/{imp_uid}): not sent (no access token); getToken (POST /users/getToken): HTTP 401, code -1: ", credentialsHint},
			[]string{staticHint, refusedHint}},
		{"stale static token", lookup(static, paid.ImpUID), wrapper.ErrUnauthorized,
			[]string{"portone: getPaymentByImpUid (GET /payments/" + paid.ImpUID + "): HTTP 401, code -1: ", staticHint},
			[]string{credentialsHint, refusedHint}},
		{"unknown imp_uid", lookup(good, "imp_000000000000"), wrapper.ErrNotFound,
			[]string{"portone: getPaymentByImpUid (GET /payments/imp_000000000000): HTTP 404, code -1: "},
			[]string{credentialsHint, staticHint, refusedHint}},
		{"cancel more than paid", func() error {
			_, err := good.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: new(paid.ImpUID), Amount: new(50000.0)})
			return err
		}(), wrapper.ErrRefused,
			[]string{"portone: cancelPayment (POST /payments/cancel): HTTP 200, code 1: ", refusedHint},
			[]string{credentialsHint, staticHint}},
		{"invalid request (HTTP 400)", func() error {
			_, err := good.Onetime(ctx, generated.OnetimePaymentRequest{MerchantUID: "order-2", Amount: 1000})
			return err
		}(), nil,
			[]string{"portone: onetime (POST /subscribe/payments/onetime): HTTP 400, code -1: "},
			[]string{credentialsHint, staticHint, refusedHint}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			text := tc.err.Error()
			if tc.sentinel != nil && !errors.Is(tc.err, tc.sentinel) {
				t.Errorf("errors.Is(err, %v) = false: %s", tc.sentinel, text)
			}
			var apiErr *wrapper.APIError
			if !errors.As(tc.err, &apiErr) {
				t.Errorf("not an *APIError: %s", text)
			}
			for _, s := range tc.has {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("text has %q, which does not apply:\n%s", s, text)
				}
			}
			if n := strings.Count(text, "portone: "); n != 1 {
				t.Errorf(`"portone: " %d times:\n%s`, n, text)
			}
			if strings.Contains(text, "[REDACTED]") || strings.Contains(text, wrongSecret) || strings.Contains(text, staleToken) {
				t.Errorf("text shows or blanks a credential:\n%s", text)
			}
		})
	}
}

// An empty id is the caller's mistake (the front end never sent the
// imp_uid): it is reported as such, before a token is fetched or a request
// sent, instead of as whatever GET /payments/ answers. Non-empty ids of the
// same calls go out (the negative control).
func TestEmptyPathParameterIsNotSent(t *testing.T) {
	srv := startedFake(t)
	// A wrong secret: had a request been sent, the error would be ErrNoToken.
	c, err := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: "not-the-secret-0123456789abcdef", BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	calls := map[string]func(id string) error{
		"getPaymentByImpUid (GET /payments/{imp_uid}): imp_uid": func(id string) error {
			_, err := c.VerifyPayment(ctx, id, wrapper.Order{MerchantUID: "order-1", Amount: 1000})
			return err
		},
		"retryScheduleByMid (POST /subscribe/payments/schedule/{merchant_uid}/retry): merchant_uid": func(id string) error {
			_, err := c.RetryScheduleByMid(ctx, id)
			return err
		},
		"customer_view (GET /subscribe/customers/{customer_uid}): customer_uid": func(id string) error {
			_, err := c.CustomerView(ctx, id)
			return err
		},
	}
	for want, call := range calls {
		err := call("")
		if err == nil || err.Error() != "portone: "+want+" is empty, so nothing was sent" {
			t.Errorf("empty id: %v, want %q", err, "portone: "+want+" is empty, so nothing was sent")
		}
		for _, s := range []error{wrapper.ErrNoToken, wrapper.ErrNotFound, wrapper.ErrRefused, wrapper.ErrOutcomeUnknown, wrapper.ErrUnauthorized} {
			if errors.Is(err, s) {
				t.Errorf("empty id: errors.Is(err, %v): %v", s, err)
			}
		}
		if err := call("x1"); !errors.Is(err, wrapper.ErrNoToken) {
			t.Errorf("id x1: %v, want ErrNoToken (the request went out and needed a token)", err)
		}
	}
}

// A payment that is not paid yet says so in words; other statuses do not
// get that hint (the negative control). CheckPayment on the nil payment of
// a failed lookup is an error, not a panic.
func TestMismatchTexts(t *testing.T) {
	const hint = "(not paid yet: a virtual account stays ready until the buyer deposits, and a webhook says when)"
	order := wrapper.Order{MerchantUID: "order-1", Amount: 1000}
	for status, wantHint := range map[generated.PaymentStatus]bool{
		generated.PaymentStatusReady:     true,
		generated.PaymentStatusFailed:    false,
		generated.PaymentStatusCancelled: false,
	} {
		p := &generated.Payment{ImpUID: "imp_1", MerchantUID: "order-1", Amount: 1000, Currency: "KRW", Status: status}
		err := wrapper.CheckPayment(p, order)
		want := `portone: payment imp_1 does not match the order: status is "` + string(status) + `", want "paid"`
		if wantHint {
			want += " " + hint
		}
		if err == nil || err.Error() != want || !errors.Is(err, wrapper.ErrMismatch) {
			t.Errorf("%s: %v, want %q (ErrMismatch)", status, err, want)
		}
	}
	if err := wrapper.CheckPayment(nil, order); err == nil || errors.Is(err, wrapper.ErrMismatch) {
		t.Errorf("nil payment: %v, want an error other than ErrMismatch", err)
	}
	if got := (&wrapper.MismatchError{Field: "amount", Want: "1", Got: "2"}).Error(); !strings.Contains(got, "payment (none)") {
		t.Errorf("MismatchError without a payment: %q", got)
	}
}

// A request whose context ended while it waited for a token keeps the
// words "context canceled": the scrubber once read "token: context" as a
// credential and printed "[REDACTED] canceled".
func TestCanceledWhileWaitingForToken(t *testing.T) {
	srv := startedFake(t)
	c, err := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: new("imp_1")})
	want := "portone: cancelPayment (POST /payments/cancel): not sent (no access token); stopped waiting for the access token (context canceled)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, wrapper.ErrNoToken) || errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Errorf("want context.Canceled and ErrNoToken, not ErrOutcomeUnknown: %v", err)
	}
}
