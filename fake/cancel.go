package fake

import (
	"fmt"
	"math"
	"net/http"
	"slices"

	"github.com/portone-community/portone-v1-go/generated"
)

// Refusals of cancelPayment. The real API sends them with HTTP 200 and
// code 1; the wording is the fake's own.
const (
	msgCancelNoID          = "imp_uid 또는 merchant_uid 중 하나는 보내야 합니다."
	msgCancelNotFound      = "취소할 결제건이 존재하지 않습니다."
	msgCancelAlreadyFull   = "이미 전액취소된 주문입니다."
	msgCancelNotPaid       = "결제완료 상태가 아닌 결제건은 취소할 수 없습니다."
	msgCancelChecksum      = "checksum이 취소 가능 잔액과 일치하지 않습니다."
	msgCancelOverBalance   = "취소 요청 금액이 취소 가능 잔액보다 큽니다."
	msgCancelTaxFree       = "면세 취소 금액이 취소 금액 또는 남은 면세 금액보다 큽니다."
	msgCancelRefundAccount = "가상계좌 결제를 환불하려면 refund_holder, refund_bank, refund_account가 필요합니다."
)

// moneyEpsilon absorbs float64 rounding in amount comparisons; V1 amounts
// have at most two decimals.
const moneyEpsilon = 1e-6

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
	balance := p.Amount - p.CancelAmount
	if req.Checksum != nil && math.Abs(*req.Checksum-balance) > moneyEpsilon {
		return msgCancelChecksum, false
	}
	amount := deref(req.Amount)
	if amount <= 0 {
		amount = balance
	}
	if amount-balance > moneyEpsilon {
		return msgCancelOverBalance, false
	}
	taxFree := deref(req.TaxFree)
	taxFreeLeft := rec.taxFree
	for _, v := range rec.cancelTaxFree {
		taxFreeLeft -= v
	}
	if taxFree-amount > moneyEpsilon || taxFree-taxFreeLeft > moneyEpsilon {
		return msgCancelTaxFree, false
	}
	if p.PayMethod == "vbank" && (deref(req.RefundHolder) == "" || deref(req.RefundBank) == "" || deref(req.RefundAccount) == "") {
		return msgCancelRefundAccount, false
	}

	n := len(p.CancelHistory) + 1
	receipt := fmt.Sprintf("https://receipt.example/%s/cancel/%d", p.ImpUID, n)
	p.CancelHistory = append(p.CancelHistory, generated.PaymentCancellation{
		PgTid:          fmt.Sprintf("fake_cancel_%s_%d", p.ImpUID, n),
		Amount:         amount,
		CancelledAt:    now,
		Reason:         req.Reason,
		CancellationID: new(fmt.Sprintf("fake_cancellation_%s_%d", p.ImpUID, n)),
		ReceiptURL:     &receipt,
	})
	p.CancelReceiptURLs = append(p.CancelReceiptURLs, receipt)
	rec.cancelTaxFree = append(rec.cancelTaxFree, taxFree)
	p.CancelAmount += amount
	p.CancelledAt = now
	p.CancelReason = req.Reason
	if math.Abs(p.Amount-p.CancelAmount) <= moneyEpsilon {
		p.CancelAmount = p.Amount
		p.Status = generated.PaymentStatusCancelled
	}
	return "", deref(req.EnableWebhook)
}
