package fake_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

// webhookSink collects the webhooks a merchant endpoint receives.
func webhookSink(t *testing.T) (string, <-chan fake.Webhook) {
	t.Helper()
	got := make(chan fake.Webhook, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var hook fake.Webhook
		if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&hook) != nil {
			t.Errorf("webhook: %s with an undecodable body", r.Method)
		}
		got <- hook
	}))
	t.Cleanup(srv.Close)
	return srv.URL, got
}

func nextWebhook(t *testing.T, ch <-chan fake.Webhook) fake.Webhook {
	t.Helper()
	select {
	case hook := <-ch:
		return hook
	case <-time.After(5 * time.Second):
		t.Fatal("no webhook received")
		return fake.Webhook{}
	}
}

func TestVbankDepositAndWebhooks(t *testing.T) {
	h := newHarness(t)
	auth := h.token()
	url, hooks := webhookSink(t)

	p := h.seed(seedVbank("order-vb", 25000, url))
	if p.Status != generated.PaymentStatusReady || p.VbankNum == nil || p.VbankDate <= t0.Unix() {
		t.Fatalf("issued virtual account: %+v", p)
	}
	if hook := nextWebhook(t, hooks); hook != (fake.Webhook{ImpUID: p.ImpUID, MerchantUID: "order-vb", Status: "ready"}) {
		t.Fatalf("issue webhook: %+v", hook)
	}

	var paid generated.Payment
	if st := h.control("POST", "/__fake/vbanks/"+p.ImpUID+"/deposit", "", &paid); st != http.StatusOK {
		t.Fatalf("deposit control: %d", st)
	}
	if paid.Status != generated.PaymentStatusPaid || paid.PaidAt != t0.Unix() {
		t.Fatalf("after deposit: %+v", paid)
	}
	if hook := nextWebhook(t, hooks); hook.Status != "paid" || hook.ImpUID != p.ImpUID {
		t.Fatalf("deposit webhook: %+v", hook)
	}
	if st := h.control("POST", "/__fake/vbanks/"+p.ImpUID+"/deposit", "", nil); st != http.StatusBadRequest {
		t.Fatalf("second deposit: want 400, got %d", st)
	}
	if st := h.control("POST", "/__fake/vbanks/imp_nope/deposit", "", nil); st != http.StatusNotFound {
		t.Fatalf("deposit to an unknown payment: want 404, got %d", st)
	}

	// A cancel announces itself only when asked to.
	h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, Amount: new(5000.0),
		RefundHolder: new("홍길동"), RefundBank: new("004"), RefundAccount: new("1234")})
	h.cancel(auth, generated.CancelPaymentRequest{ImpUID: &p.ImpUID, EnableWebhook: new(true),
		RefundHolder: new("홍길동"), RefundBank: new("004"), RefundAccount: new("1234")})
	if hook := nextWebhook(t, hooks); hook.Status != "cancelled" {
		t.Fatalf("cancel webhook: %+v", hook)
	}
	h.srv.Close() // waits for deliveries in flight
	select {
	case hook := <-hooks:
		t.Fatalf("unexpected extra webhook %+v", hook)
	default:
	}
}

// Payments announced while Close runs: Close must neither race with the
// sends (go test -race reports an Add racing the Wait) nor let one out
// after it returned.
func TestCloseWhileSendingWebhooks(t *testing.T) {
	url, hooks := webhookSink(t)
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := srv.SeedPayment(seedVbank("", 1000, url)); err != nil {
				t.Error(err)
				return
			}
			select { // keep the sink's buffer from filling
			case <-hooks:
			default:
			}
		}
	}()
	time.Sleep(20 * time.Millisecond)
	srv.Close()
	close(stop)
	<-done
	for len(hooks) > 0 {
		<-hooks
	}
	if _, err := srv.SeedPayment(seedVbank("", 1000, url)); err != nil {
		t.Fatal(err)
	}
	select {
	case hook := <-hooks:
		t.Fatalf("webhook sent after Close: %+v", hook)
	case <-time.After(100 * time.Millisecond):
	}
}
