package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// A refund whose answer is lost is settled: done exactly once, or not
// done; never twice. The fake's DropAnswer fault carries the cancel out
// and then cuts the connection.
func TestRefundSettlesALostAnswer(t *testing.T) {
	cases := []struct {
		name       string
		fault      fake.Fault
		amount     *float64
		checksum   float64
		wantErr    error // nil: done
		wantCancel float64
	}{
		{"answer lost after the refund", fake.Fault{DropAnswer: true}, new(9000.0), 39000, nil, 9000},
		{"full refund, answer lost", fake.Fault{DropAnswer: true}, nil, 39000, nil, 39000},
		{"answer lost twice", fake.Fault{DropAnswer: true, Count: 2}, new(9000.0), 39000, nil, 9000},
		{"503 before the refund", fake.Fault{Status: http.StatusServiceUnavailable}, new(9000.0), 39000, nil, 9000},
		{"lost, and the checksum was stale anyway", fake.Fault{DropAnswer: true}, new(9000.0), 38000, wrapper.ErrRefused, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, cfg := startFake(generated.Payment{ImpUID: "imp_100000000001", MerchantUID: "order-1", Amount: 39000})
			defer srv.Close()
			c, err := wrapper.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			tc.fault.Operation = "cancelPayment"
			if err := srv.InjectFault(tc.fault); err != nil {
				t.Fatal(err)
			}
			p, err := c.Refund(ctx, generated.CancelPaymentRequest{ImpUID: new("imp_100000000001"), Amount: tc.amount, Checksum: new(tc.checksum)})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && p == nil {
				t.Fatal("done, but no payment")
			}
			now, err := c.GetPaymentByImpUID(ctx, "imp_100000000001", nil)
			if err != nil {
				t.Fatal(err)
			}
			if now.CancelAmount != tc.wantCancel {
				t.Fatalf("cancel_amount %v, want %v (refunded exactly once)", now.CancelAmount, tc.wantCancel)
			}
		})
	}
}

// Without the fault's help the wrapper never resends: CancelPayment
// reports the lost answer, and the refund did happen (the fault is real).
func TestDropAnswerFaultCarriesTheRequestOut(t *testing.T) {
	srv, cfg := startFake(generated.Payment{ImpUID: "imp_100000000001", MerchantUID: "order-1", Amount: 39000})
	defer srv.Close()
	c, _ := wrapper.New(cfg)
	ctx := context.Background()
	srv.InjectFault(fake.Fault{Operation: "cancelPayment", DropAnswer: true})
	_, err := c.CancelPayment(ctx, generated.CancelPaymentRequest{ImpUID: new("imp_100000000001"), Amount: new(9000.0), Checksum: new(39000.0)})
	if !errors.Is(err, wrapper.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want outcome unknown", err)
	}
	p, _ := c.GetPaymentByImpUID(ctx, "imp_100000000001", nil)
	if p.CancelAmount != 9000 {
		t.Fatalf("cancel_amount %v: the dropped request was not carried out", p.CancelAmount)
	}
}

func TestRefundNeedsAChecksum(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	c := f.client(wrapper.Config{})
	if _, err := c.Refund(context.Background(), generated.CancelPaymentRequest{ImpUID: new("imp_1")}); err == nil {
		t.Fatal("a refund without checksum was accepted")
	}
	if n := f.count("POST /payments/cancel"); n != 0 {
		t.Fatalf("sent %d cancels", n)
	}
}
