package fake

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/portone-community/portone-v1-go/generated"
)

// Refusals of cancelPayment. The real API sends them with HTTP 200 and
// code 1; the wording is the fake's own, but
// for msgCancelNotFound (messages.go).
const (
	msgCancelNoID          = "imp_uid 또는 merchant_uid 중 하나를 지정해주셔야합니다." // iamporter's test matches its end
	msgCancelAlreadyFull   = "이미 전액취소된 주문입니다."
	msgCancelNotPaid       = "결제완료 상태가 아닌 결제건은 취소할 수 없습니다."
	msgCancelChecksum      = "checksum이 취소 가능 잔액과 일치하지 않습니다."
	msgCancelOverBalance   = "취소 요청 금액이 취소 가능 잔액보다 큽니다."
	msgCancelTaxFree       = "면세 취소 금액이 취소 금액 또는 남은 면세 금액보다 큽니다."
	msgCancelRefundAccount = "가상계좌 결제를 환불하려면 refund_holder, refund_bank, refund_account가 필요합니다."
	msgCancelPrecision     = "금액이 결제 통화의 최소 단위와 맞지 않습니다."
)

func (h *handlers) CancelPayment(w http.ResponseWriter, r *http.Request) {
	var req generated.CancelPaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	id, ok := h.resolveCancelTarget(req)
	if !ok {
		if deref(req.ImpUID) == "" && deref(req.MerchantUID) == "" {
			writeRefused(w, msgCancelNoID)
		} else {
			writeRefused(w, msgCancelNotFound)
		}
		return
	}
	now := h.s.clock.unix()
	p, refusal, found := h.s.store.update(id, func(rec *record) (string, bool) {
		return applyCancel(rec, req, now)
	})
	switch {
	case !found:
		writeRefused(w, msgCancelNotFound)
	case refusal != "":
		writeRefused(w, refusal)
	default:
		writeOK(w, p)
	}
}

// resolveCancelTarget finds the imp_uid to cancel: imp_uid wins; a
// merchant_uid names its latest paid payment.
func (h *handlers) resolveCancelTarget(req generated.CancelPaymentRequest) (string, bool) {
	if id := deref(req.ImpUID); id != "" {
		_, ok := h.s.store.get(id)
		return id, ok
	}
	mid := deref(req.MerchantUID)
	if mid == "" {
		return "", false
	}
	recs := slices.DeleteFunc(h.s.store.ofOrder(mid), func(r *record) bool { return deref(r.p.Sandbox) })
	if len(recs) == 0 {
		return "", false
	}
	sortRecords(recs, generated.PaymentSortingPaidDesc)
	return recs[0].p.ImpUID, true
}

// applyCancel checks and records one cancel on rec (under the store lock).
func applyCancel(rec *record, req generated.CancelPaymentRequest, now int64) (refusal string, announce bool) {
	p := &rec.p
	switch p.Status {
	case generated.PaymentStatusCancelled:
		return msgCancelAlreadyFull, false
	case generated.PaymentStatusPaid:
	default:
		return msgCancelNotPaid, false
	}
	// Every comparison is in whole minor units of the payment's currency.
	cur := p.Currency
	total, _ := minorUnits(p.Amount, cur)
	cancelled, _ := minorUnits(p.CancelAmount, cur)
	balance := total - cancelled
	if req.Checksum != nil {
		checksum, ok := minorUnits(*req.Checksum, cur)
		if !ok || checksum != balance {
			return msgCancelChecksum, false
		}
	}
	amount := balance
	if a := deref(req.Amount); a > 0 {
		var ok bool
		if amount, ok = minorUnits(a, cur); !ok || amount == 0 {
			return msgCancelPrecision, false
		}
	}
	if amount > balance {
		return msgCancelOverBalance, false
	}
	taxFree, ok := minorUnits(deref(req.TaxFree), cur)
	if !ok {
		return msgCancelPrecision, false
	}
	taxFreeLeft, _ := minorUnits(rec.taxFree, cur)
	for _, v := range rec.cancelTaxFree {
		u, _ := minorUnits(v, cur)
		taxFreeLeft -= u
	}
	if taxFree > amount || taxFree > taxFreeLeft {
		return msgCancelTaxFree, false
	}
	if p.PayMethod == "vbank" && (deref(req.RefundHolder) == "" || deref(req.RefundBank) == "" || deref(req.RefundAccount) == "") {
		return msgCancelRefundAccount, false
	}

	n := len(p.CancelHistory) + 1
	receipt := fmt.Sprintf("https://receipt.example/%s/cancel/%d", p.ImpUID, n)
	p.CancelHistory = append(p.CancelHistory, generated.PaymentCancellation{
		PgTid:          fmt.Sprintf("fake_cancel_%s_%d", p.ImpUID, n),
		Amount:         fromMinorUnits(amount, cur),
		CancelledAt:    now,
		Reason:         req.Reason,
		CancellationID: new(fmt.Sprintf("fake_cancellation_%s_%d", p.ImpUID, n)),
		ReceiptURL:     &receipt,
	})
	p.CancelReceiptURLs = append(p.CancelReceiptURLs, receipt)
	rec.cancelTaxFree = append(rec.cancelTaxFree, fromMinorUnits(taxFree, cur))
	p.CancelAmount = fromMinorUnits(cancelled+amount, cur)
	p.CancelledAt = now
	p.CancelReason = req.Reason
	if cancelled+amount == total {
		p.CancelAmount = p.Amount
		p.Status = generated.PaymentStatusCancelled
	}
	return "", deref(req.EnableWebhook)
}
