package wrapper

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/internal/currency"
)

// Order is what the shop expects a payment to be: the order it sold, at
// the price it charged. PortOne's browser SDK lets the buyer's page send
// any amount, so the server must check the paid amount against its own
// record of the order before it ships.
type Order struct {
	MerchantUID string
	Amount      float64
	// Currency defaults to KRW.
	Currency string
}

// ErrMismatch is matched (errors.Is) by a *MismatchError.
var ErrMismatch = errors.New("portone: payment does not match the order")

// MismatchError says how a payment differs from the order: its status is
// not paid, or it belongs to another order, or its amount or currency
// differ. Payment is what PortOne holds.
type MismatchError struct {
	Field     string // "status", "merchant_uid", "amount" or "currency"
	Want, Got string
	Payment   *generated.Payment
}

func (e *MismatchError) Error() string {
	id := "(none)"
	if e.Payment != nil {
		id = e.Payment.ImpUID
	}
	s := fmt.Sprintf("portone: payment %s does not match the order: %s is %q, want %q", id, e.Field, e.Got, e.Want)
	if e.Field == "status" && e.Got == string(generated.PaymentStatusReady) {
		s += " (not paid yet: a virtual account stays ready until the buyer deposits, and a webhook says when)"
	}
	return s
}

func (e *MismatchError) Is(target error) bool { return target == ErrMismatch }

// VerifyPayment looks the payment up by imp_uid (what the payment window's
// callback, the redirect or the webhook hands the shop) and checks it
// against the order: paid, same merchant_uid, same amount at the
// currency's precision, same currency. It returns the payment whether or
// not it matches, with a *MismatchError (errors.Is ErrMismatch) naming the
// first field that differs; when the lookup fails (ErrNotFound for an
// imp_uid PortOne does not know) the payment is nil.
//
// A virtual-account payment is "ready" until the buyer deposits: a
// *MismatchError on "status" with Got "ready" means "not yet", not fraud.
func (c *Client) VerifyPayment(ctx context.Context, impUID string, want Order, opts ...CallOption) (*generated.Payment, error) {
	p, err := c.GetPaymentByImpUID(ctx, impUID, nil, opts...)
	if err != nil {
		return p, err
	}
	if p == nil {
		return nil, fmt.Errorf("portone: getPaymentByImpUid answered no payment for %s", impUID)
	}
	return p, CheckPayment(p, want)
}

// CheckPayment compares a payment already in hand with the order, as
// VerifyPayment does.
func CheckPayment(p *generated.Payment, want Order) error {
	if p == nil {
		// A lookup that failed, its error dropped: never ship on that.
		return errors.New("portone: CheckPayment got a nil payment (did the lookup fail?)")
	}
	code := strings.ToUpper(want.Currency)
	if code == "" {
		code = "KRW"
	}
	mismatch := func(field, want, got string) error {
		return &MismatchError{Field: field, Want: want, Got: got, Payment: p}
	}
	switch {
	case p.Status != generated.PaymentStatusPaid:
		return mismatch("status", string(generated.PaymentStatusPaid), string(p.Status))
	case p.MerchantUID != want.MerchantUID:
		return mismatch("merchant_uid", want.MerchantUID, p.MerchantUID)
	case !strings.EqualFold(string(p.Currency), code):
		return mismatch("currency", code, string(p.Currency))
	case !SameAmount(p.Amount, want.Amount, code):
		d := currency.Digits(code)
		return mismatch("amount", strconv.FormatFloat(want.Amount, 'f', d, 64), strconv.FormatFloat(p.Amount, 'f', d, 64))
	}
	return nil
}

// SameAmount compares two amounts at the currency's precision (0 decimals
// for KRW and JPY, 2 for USD and most others), not within a float
// tolerance: 1000.0000009 KRW is not 1000 KRW's "same" by accident of
// rounding, it rounds to 1000.
func SameAmount(a, b float64, code string) bool {
	scale := math.Pow10(currency.Digits(code))
	return math.Round(a*scale) == math.Round(b*scale)
}
