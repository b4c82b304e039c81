package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// The examples run against the project's fake PortOne, so that they can
// show real output offline. In production leave BaseURL empty.
func startFake(payments ...generated.Payment) (*fake.Server, wrapper.Config) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv, err := fake.Start(fake.Config{Now: func() time.Time { return at }})
	if err != nil {
		panic(err)
	}
	for _, p := range payments {
		if _, err := srv.SeedPayment(fake.Seed{Payment: p}); err != nil {
			panic(err)
		}
	}
	return srv, wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()}
}

func ExampleNew() {
	// Key and secret come from the PortOne console; keep the secret out of
	// code and logs. New contacts nobody: the first call gets the token.
	c, err := wrapper.New(wrapper.Config{APIKey: "imp_key_from_console", APISecret: "secret_from_env"})
	if err != nil {
		panic(err)
	}
	fmt.Println(c) // secrets print redacted

	_, err = wrapper.New(wrapper.Config{APIKey: "imp_key_from_console"})
	fmt.Println(err)
	// Output:
	// wrapper.Client{managed token, wrapper.Config{APIKey:"imp_key_from_console", APISecret:"[REDACTED]", BaseURL:"https://api.iamport.kr", HTTPClient:set, Tier:"", AccessToken:"", Retry:{MaxRetries:0 BaseDelay:0s MaxDelay:0s MaxRetryAfter:0s}, Logger:false}}
	// portone: Config.APISecret is empty
}

// Look a payment up by the imp_uid the payment window handed the shop. To
// decide whether to ship, use VerifyPayment, which also checks the status,
// merchant_uid and currency.
func ExampleClient_GetPaymentByImpUID() {
	srv, cfg := startFake(generated.Payment{ImpUID: "imp_123456789012", MerchantUID: "order-1", Amount: 39000})
	defer srv.Close()
	c, err := wrapper.New(cfg)
	if err != nil {
		panic(err)
	}

	p, err := c.GetPaymentByImpUID(context.Background(), "imp_123456789012", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.MerchantUID, p.Status, p.Amount, p.PayMethod)

	_, err = c.GetPaymentByImpUID(context.Background(), "imp_000000000000", nil)
	fmt.Println(errors.Is(err, wrapper.ErrNotFound))
	// Output:
	// order-1 paid 39000 card
	// true
}

// Cancel part of a payment. checksum is the refundable balance you believe
// the payment has; if another cancel got there first (or an earlier
// attempt went through without you hearing back), PortOne refuses instead
// of refunding twice.
func ExampleClient_CancelPayment() {
	srv, cfg := startFake(generated.Payment{ImpUID: "imp_123456789012", MerchantUID: "order-1", Amount: 39000})
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()

	p, err := c.GetPaymentByImpUID(ctx, "imp_123456789012", nil)
	if err != nil {
		panic(err)
	}
	req := generated.CancelPaymentRequest{
		ImpUID:   new(p.ImpUID),
		Amount:   new(9000.0),
		Checksum: new(p.Amount - p.CancelAmount), // the balance we expect: a replay is refused
		Reason:   new("one item returned"),
	}

	after, err := c.CancelPayment(ctx, req)
	if err != nil {
		panic(err)
	}
	fmt.Println(after.Status, after.CancelAmount, after.Amount-after.CancelAmount)

	// The same request again: the balance is no longer 39000.
	_, err = c.CancelPayment(ctx, req)
	fmt.Println(errors.Is(err, wrapper.ErrRefused))
	// Output:
	// paid 9000 30000
	// true
}

// What can go wrong, and how to tell the cases apart: one switch over the
// sentinels, in any order (they never overlap).
func ExampleAPIError() {
	srv, cfg := startFake(generated.Payment{MerchantUID: "order-1", Amount: 1000})
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()

	explain := func(err error) string {
		var apiErr *wrapper.APIError
		switch {
		case err == nil:
			return "done"
		case errors.Is(err, wrapper.ErrOutcomeUnknown):
			// Sent, but no trustworthy answer (network error, 5xx). It is
			// never an *APIError: look the payment up before deciding.
			return "outcome unknown: look it up by merchant_uid"
		case errors.Is(err, wrapper.ErrNotFound):
			return "no such payment"
		case errors.Is(err, wrapper.ErrRefused):
			return "refused, nothing done"
		case errors.As(err, &apiErr):
			return fmt.Sprintf("failed: HTTP %d, code %d", apiErr.HTTPStatus, apiErr.Code)
		default:
			return "failed before an answer: " + err.Error()
		}
	}

	_, err := c.GetPaymentByImpUID(ctx, "imp_000000000000", nil)
	fmt.Println(explain(err))

	// A cancel that got a 503: it may or may not have happened, and the
	// wrapper does not send it again.
	if err := srv.InjectFault(fake.Fault{Operation: "cancelPayment", Status: http.StatusServiceUnavailable}); err != nil {
		panic(err)
	}
	_, err = c.CancelPayment(ctx, generated.CancelPaymentRequest{MerchantUID: new("order-1")})
	fmt.Println(explain(err))
	p, err := c.GetPaymentByMerchantUIDAnyStatus(ctx, "order-1", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("the lookup says:", p.Status, p.CancelAmount)

	_, err = c.CancelPayment(ctx, generated.CancelPaymentRequest{MerchantUID: new("order-1"), Checksum: new(999.0)})
	fmt.Println(explain(err))
	// Output:
	// no such payment
	// outcome unknown: look it up by merchant_uid
	// the lookup says: paid 0
	// refused, nothing done
}

// Walk every paid payment of the last 90 days; pages of 2 are fetched as
// the loop needs them, and breaking out stops fetching.
func ExampleClient_GetPaymentsByStatusIter() {
	srv, cfg := startFake(
		generated.Payment{MerchantUID: "order-1", Amount: 1000},
		generated.Payment{MerchantUID: "order-2", Amount: 2000},
		generated.Payment{MerchantUID: "order-3", Amount: 3000},
	)
	defer srv.Close()
	c, _ := wrapper.New(cfg)

	limit := generated.Limit(2)
	params := &generated.GetPaymentsByStatusParams{Limit: &limit, Sorting: new(generated.PaymentSortingPaidAsc)}
	total := 0.0
	for p, err := range c.GetPaymentsByStatusIter(context.Background(), generated.PaymentStatusFilterPaid, params) {
		if err != nil {
			panic(err)
		}
		fmt.Println(p.MerchantUID, p.Amount)
		total += p.Amount
	}
	fmt.Println("total", total)
	// Output:
	// order-1 1000
	// order-2 2000
	// order-3 3000
	// total 6000
}

// GET /payments answers 207 when only some of the payments asked for
// exist: the ones found come back together with ErrPartialResult.
func ExampleErrPartialResult() {
	srv, cfg := startFake(generated.Payment{ImpUID: "imp_123456789012", Amount: 1000})
	defer srv.Close()
	c, _ := wrapper.New(cfg)

	ids := []string{"imp_123456789012", "imp_000000000000"}
	found, err := c.GetPaymentListByImpUID(context.Background(), &generated.GetPaymentListByImpUIDParams{ImpUID: ids})
	switch {
	case errors.Is(err, wrapper.ErrPartialResult):
		fmt.Println("partial:", len(found), "of", len(ids), "found:", found[0].ImpUID)
	case err != nil:
		panic(err)
	default:
		fmt.Println("all found")
	}
	// Output: partial: 1 of 2 found: imp_123456789012
}

// The shop's notice_url: HandleWebhook parses PortOne's notification,
// looks the payment up through the API, and hands both over; the shop
// checks the payment against its own order. Here the fake server makes a
// billing-key payment with a notice_url and posts its real webhook.
func ExampleClient_HandleWebhook() {
	srv, cfg := startFake()
	defer srv.Close()
	c, _ := wrapper.New(cfg)

	orders := map[string]wrapper.Order{"order-77": {MerchantUID: "order-77", Amount: 9900}}
	done := make(chan string, 1)
	shop := httptest.NewServer(c.HandleWebhook(func(r *http.Request, hook wrapper.Webhook, p *generated.Payment) error {
		order, ok := orders[hook.MerchantUID]
		if !ok {
			return fmt.Errorf("no order %s", hook.MerchantUID)
		}
		if err := wrapper.CheckPayment(p, order); err != nil {
			done <- "do not ship: " + err.Error()
			return nil // answered: PortOne need not resend
		}
		done <- fmt.Sprintf("ship %s: %s, %.0f %s", p.MerchantUID, p.Status, p.Amount, p.Currency)
		return nil
	}))
	defer shop.Close()

	_, err := c.Onetime(context.Background(), generated.OnetimePaymentRequest{
		MerchantUID: "order-77", Amount: 9900, CardNumber: new("4092-0230-1234-5678"), Expiry: "2030-12",
		Birth: new("880101"), NoticeURL: new(shop.URL),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(<-done)
	// Output:
	// ship order-77: paid, 9900 KRW
}

// Before shipping, check the payment the buyer made against your own order:
// paid, for this order, for this amount. A mismatch is a typed error that
// names the field; anything else is a failure to ask.
func ExampleClient_VerifyPayment() {
	srv, cfg := startFake(
		generated.Payment{ImpUID: "imp_123456789012", MerchantUID: "order-1", Amount: 39000},
		generated.Payment{ImpUID: "imp_999999999999", MerchantUID: "order-2", Amount: 100}, // tampered in the browser
	)
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()

	p, err := c.VerifyPayment(ctx, "imp_123456789012", wrapper.Order{MerchantUID: "order-1", Amount: 39000})
	fmt.Println(p.Status, err)

	_, err = c.VerifyPayment(ctx, "imp_999999999999", wrapper.Order{MerchantUID: "order-2", Amount: 39000})
	var mismatch *wrapper.MismatchError
	if errors.As(err, &mismatch) {
		fmt.Println("do not ship:", mismatch.Field, mismatch.Got, "want", mismatch.Want)
	}
	// Output:
	// paid <nil>
	// do not ship: amount 100 want 39000
}

// Refund is CancelPayment for code that must know how a refund ended: the
// checksum (the balance you expect before this refund) lets it resend after
// a lost answer and settle what happened, so an error means "not refunded"
// or, only if it cannot tell, ErrOutcomeUnknown.
func ExampleClient_Refund() {
	srv, cfg := startFake(generated.Payment{ImpUID: "imp_123456789012", MerchantUID: "order-1", Amount: 39000})
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()

	// The first answer is lost on the way back, after the refund was made.
	if err := srv.InjectFault(fake.Fault{Operation: "cancelPayment", DropAnswer: true}); err != nil {
		panic(err)
	}

	p, err := c.Refund(ctx, generated.CancelPaymentRequest{
		ImpUID:   new("imp_123456789012"),
		Amount:   new(9000.0),
		Checksum: new(39000.0),
		Reason:   new("one item returned"),
	})
	fmt.Println(err, p.CancelAmount)

	// Without a checksum Refund cannot settle a lost answer, so it sends nothing.
	_, err = c.Refund(ctx, generated.CancelPaymentRequest{ImpUID: new("imp_123456789012"), Amount: new(9000.0)})
	fmt.Println(err)
	// Output:
	// <nil> 9000
	// portone: Refund needs CancelPaymentRequest.Checksum (the balance expected before this refund), which makes a resend safe; use CancelPayment to cancel without one
}

// A billing-key answer is an ordinary key or a super billing key (one key on
// every channel of a smart-routing group). Kind tells which: the As methods
// alone cannot, since both decode any key.
func ExampleClient_CustomerView() {
	srv, cfg := startFake()
	defer srv.Close()
	c, err := wrapper.New(cfg)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if _, err := c.CustomerSave(ctx, "buyer-1-card-a", generated.SaveBillingKeyRequest{
		CardNumber: new("4111-1111-1111-1111"), Expiry: "2030-12", ChannelKey: new("channel-key-1"),
	}); err != nil {
		panic(err)
	}

	key, err := c.CustomerView(ctx, "buyer-1-card-a")
	if err != nil {
		panic(err)
	}
	kind, err := key.Kind()
	if err != nil {
		panic(err) // neither shape, or both: not a billing key the spec knows
	}
	switch kind {
	case generated.BillingKeyKindBillingKeyCustomer:
		k, _ := key.AsBillingKeyCustomer()
		fmt.Println("ordinary key at", k.PgProvider)
	case generated.BillingKeyKindSuperBillingKey:
		k, _ := key.AsSuperBillingKey()
		fmt.Println("super key of group", k.ChannelGroupID, "on", len(k.SucceededChannels), "channels")
	}
	// Output:
	// ordinary key at html5_inicis
}

// Charge a stored billing key (a subscription's monthly payment). A card
// the card company refuses is not an error: PortOne answers code 0 with a
// payment whose status is "failed", so check the payment, not only err.
func ExampleClient_Again() {
	srv, cfg := startFake()
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()

	// Once, when the buyer subscribes: store the card under a customer_uid
	// of your choosing (or let the payment window issue the key).
	if _, err := c.CustomerSave(ctx, "buyer-1", generated.SaveBillingKeyRequest{
		CardNumber: new("4111-1111-1111-1111"), Expiry: "2030-12", Birth: new("880101"),
	}); err != nil {
		panic(err)
	}

	// Every month: a new merchant_uid per charge.
	p, err := c.Again(ctx, generated.AgainPaymentRequest{
		CustomerUID: "buyer-1", MerchantUID: "sub-1-2026-03", Amount: 9900, Name: new("March plan"),
	})
	if err != nil {
		panic(err) // refused, outcome unknown (look it up by merchant_uid): see ExampleAPIError
	}
	if err := wrapper.CheckPayment(p, wrapper.Order{MerchantUID: "sub-1-2026-03", Amount: 9900}); err != nil {
		fmt.Println("not charged:", err, p.FailReason) // status "failed": the card was refused
		return
	}
	fmt.Println(p.Status, p.Amount, *p.CustomerUID)

	// A customer_uid that was never stored is refused: nothing charged.
	_, err = c.Again(ctx, generated.AgainPaymentRequest{CustomerUID: "buyer-2", MerchantUID: "sub-2-2026-03", Amount: 9900})
	fmt.Println(errors.Is(err, wrapper.ErrRefused))
	// Output:
	// paid 9900 buyer-1
	// true
}

// A one-off card payment from the shop's server: a refused card comes back
// as a nil error and a payment with status "failed" and a fail_reason.
func ExampleClient_Onetime() {
	srv, cfg := startFake()
	defer srv.Close()
	c, _ := wrapper.New(cfg)

	// The fake refuses every card number ending in 0002 (fake.DeclinedCard).
	p, err := c.Onetime(context.Background(), generated.OnetimePaymentRequest{
		MerchantUID: "order-5", Amount: 5000, CardNumber: new("4092-0230-1234-0002"), Expiry: "2030-12", Birth: new("880101"),
	})
	if err != nil {
		panic(err)
	}
	var mismatch *wrapper.MismatchError
	err = wrapper.CheckPayment(p, wrapper.Order{MerchantUID: "order-5", Amount: 5000})
	if errors.As(err, &mismatch) && mismatch.Field == "status" {
		fmt.Println("declined:", p.Status, *p.FailReason != "")
	}
	// Output:
	// declined: failed true
}
