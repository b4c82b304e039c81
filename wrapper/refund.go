package wrapper

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/portone-community/portone-v1-go/generated"
)

// Refund cancels all or part of a payment, like CancelPayment, and settles
// a lost answer itself, so the caller learns "done" or "not done" and the
// buyer is never refunded twice.
//
// req.Checksum is required: the cancellable balance the caller expects
// before this refund (amount - cancel_amount of the payment). PortOne
// refuses a cancel whose checksum differs from the balance (HTTP 200,
// code 1), which is what makes sending it again harmless: if the first
// request went through, the balance moved and the second is refused.
//
// When an answer is lost (*OutcomeUnknownError), Refund sends the same
// request again, up to twice. A success means the earlier one had not
// gone through. A refusal is settled with a lookup: a balance of checksum
// minus the amount means the earlier one went through (Refund returns the
// payment and nil); a balance above that means nothing was refunded (the
// refusal is returned: a refund only lowers the balance). A balance below
// it (another refund moved the balance meanwhile) or a failed lookup stays
// an *OutcomeUnknownError.
func (c *Client) Refund(ctx context.Context, req generated.CancelPaymentRequest, opts ...CallOption) (*generated.Payment, error) {
	if req.Checksum == nil {
		return nil, errors.New("portone: Refund needs CancelPaymentRequest.Checksum (the balance expected before this refund), which makes a resend safe; use CancelPayment to cancel without one")
	}
	if req.ImpUID == nil && req.MerchantUID == nil {
		return nil, errors.New("portone: Refund needs CancelPaymentRequest.ImpUID or MerchantUID")
	}
	p, err := c.CancelPayment(ctx, req, opts...)
	for resend := 1; resend <= 2 && errors.Is(err, ErrOutcomeUnknown); resend++ {
		if ctx.Err() != nil {
			return nil, err
		}
		c.log.InfoContext(ctx, "portone: refund answer lost; sending it again with the same checksum", "resend", resend)
		p, err = c.CancelPayment(ctx, req, opts...)
		if errors.Is(err, ErrRefused) {
			return c.settleRefund(ctx, req, err, opts)
		}
	}
	return p, err
}

// settleRefund tells, after a resent refund was refused, whether the lost
// first one went through.
func (c *Client) settleRefund(ctx context.Context, req generated.CancelPaymentRequest, refusal error, opts []CallOption) (*generated.Payment, error) {
	var p *generated.Payment
	var err error
	if req.ImpUID != nil {
		p, err = c.GetPaymentByImpUID(ctx, *req.ImpUID, nil, opts...)
	} else {
		p, err = c.GetPaymentByMerchantUIDAnyStatus(ctx, *req.MerchantUID, nil, opts...)
	}
	unknown := func(why string, cause error) error {
		if cause != nil {
			why += ": " + cause.Error()
		}
		return &OutcomeUnknownError{Operation: opCancelPayment.ID, Method: opCancelPayment.Method, Path: opCancelPayment.Path,
			Cause: errors.New("a resent refund was refused and " + why), resent: true}
	}
	if err != nil || p == nil {
		return nil, unknown("the payment could not be looked up", err)
	}
	before := *req.Checksum
	after := 0.0 // a full refund
	if req.Amount != nil {
		after = before - *req.Amount
	}
	balance := p.Amount - p.CancelAmount
	code := string(p.Currency)
	// A refund only lowers the balance: above what this refund would have
	// left, it cannot have gone through.
	switch {
	case SameAmount(balance, after, code):
		return p, nil
	case balance > after:
		return nil, refusal
	}
	return p, unknown(fmt.Sprintf("the balance is %s, below %s (what refunding once leaves): another refund moved it",
		strconv.FormatFloat(balance, 'f', -1, 64), strconv.FormatFloat(after, 'f', -1, 64)), nil)
}
