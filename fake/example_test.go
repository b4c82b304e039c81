package fake_test

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

// A test starts a fake, plays the buyer with SeedPayment, and drives its
// own code (here the wrapper) against the fake's URL.
func ExampleStart() {
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	p, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{MerchantUID: "order-1", Amount: 39000}})
	if err != nil {
		panic(err)
	}
	client, err := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	if err != nil {
		panic(err)
	}
	got, err := client.GetPaymentByMerchantUIDAnyStatus(context.Background(), "order-1", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(got.ImpUID == p.ImpUID, got.Status, got.Amount)
	// Output: true paid 39000
}

// Fault forces the next answers of one operation; the wrapper retries a
// lookup that got a 503 and succeeds on the next, normal answer.
func ExampleServer_InjectFault() {
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	p, _ := srv.SeedPayment(fake.Seed{Payment: generated.Payment{Amount: 1000}})

	err = srv.InjectFault(fake.Fault{Operation: "getPaymentByImpUid", Count: 1, Status: http.StatusServiceUnavailable})
	if err != nil {
		panic(err)
	}
	client, _ := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	got, err := client.GetPaymentByImpUID(context.Background(), p.ImpUID, nil)
	fmt.Println(got.Status, err)
	// Output: paid <nil>
}

// Advance moves the fake's clock: tokens expire and schedules run.
func ExampleServer_Advance() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	srv, err := fake.New(fake.Config{Now: func() time.Time { return start }})
	if err != nil {
		panic(err)
	}
	fmt.Println(srv.Advance(31 * time.Minute).Format(time.RFC3339))
	// Output: 2026-01-01T00:31:00Z
}

// A virtual-account payment, end to end in a test: the seeded payment is
// ready (issued, not paid), Deposit plays the buyer's bank transfer, and
// the fake posts the webhook to the shop's notice_url, where the shop's
// handler verifies the payment.
func ExampleServer_Deposit() {
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, _ := wrapper.New(wrapper.Config{APIKey: srv.APIKey(), APISecret: srv.APISecret(), BaseURL: srv.URL()})
	order := wrapper.Order{MerchantUID: "order-vb", Amount: 25000}

	shipped := make(chan string, 1)
	shop := httptest.NewServer(client.HandleWebhook(func(r *http.Request, hook wrapper.Webhook, p *generated.Payment) error {
		if err := wrapper.CheckPayment(p, order); err != nil {
			return nil // not paid (yet): answered, nothing to do
		}
		select { // ship once, whichever webhook (creation or deposit) sees it paid
		case shipped <- hook.MerchantUID + " " + string(p.Status):
		default:
		}
		return nil
	}))
	defer shop.Close()

	p, err := srv.SeedPayment(fake.Seed{
		Payment:   generated.Payment{MerchantUID: "order-vb", Amount: 25000, PayMethod: "vbank", Status: generated.PaymentStatusReady},
		NoticeURL: shop.URL,
	})
	if err != nil {
		panic(err)
	}
	_, err = client.VerifyPayment(context.Background(), p.ImpUID, order)
	fmt.Println(errors.Is(err, wrapper.ErrMismatch), p.Status)

	if _, err := srv.Deposit(p.ImpUID); err != nil {
		panic(err)
	}
	fmt.Println("shipped:", <-shipped)
	// Output:
	// true ready
	// shipped: order-vb paid
}
