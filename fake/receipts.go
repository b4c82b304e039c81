package fake

import (
	"fmt"
	"math"
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// Cash receipts (현금영수증) for payments made in cash: bank transfer or
// virtual account. One receipt per payment; revoking keeps it, with
// cancelled_at set, and lets a new one be issued.

const msgReceiptNotFound = "발급된 현금영수증이 없습니다."

func (h *handlers) IssueReceipt(w http.ResponseWriter, r *http.Request, impUID generated.ImpUidPath) {
	var req generated.IssueReceiptRequest
	if !decodeBody(w, r, &req) {
		return
	}
	now := h.s.clock.unix()
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		p := &rec.p
		switch {
		case p.PayMethod != "trans" && p.PayMethod != "vbank":
			return "현금영수증은 계좌이체와 가상계좌 결제에만 발급할 수 있습니다.", false
		case p.Status != generated.PaymentStatusPaid:
			return "결제완료 상태인 결제건에만 현금영수증을 발급할 수 있습니다.", false
		case rec.receipt != nil && rec.receipt.CancelledAt == nil:
			return "이미 현금영수증이 발급된 결제건입니다.", false
		}
		kind := generated.ReceiptTypePerson
		if req.Type != nil {
			kind = *req.Type
		}
		amount := p.Amount - p.CancelAmount
		taxFree := deref(req.TaxFree)
		vat := math.Round((amount - taxFree) / 11)
		if req.VatAmount != nil {
			vat = *req.VatAmount
		}
		n := rec.seq
		rec.receipt = &generated.Receipt{
			ImpUid: p.ImpUid, Type: kind, Amount: amount, Vat: vat, AppliedAt: now,
			ApplyNum:   fmt.Sprintf("R%09d", n),
			ReceiptTid: ptr(fmt.Sprintf("fake_receipt_%s", p.ImpUid)),
			ReceiptUrl: ptr("https://receipt.example/cash/" + p.ImpUid),
		}
		p.CashReceiptIssued = true
		return "", false
	})
	h.answerReceipt(w, impUID, found, refusal)
}

func (h *handlers) GetReceipt(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUidPath) {
	rc, ok := h.s.store.receipt(impUID)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgReceiptNotFound)
		return
	}
	writeOK(w, rc)
}

func (h *handlers) RevokeReceipt(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUidPath) {
	now := h.s.clock.unix()
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.receipt == nil || rec.receipt.CancelledAt != nil {
			return msgReceiptNotFound, false
		}
		rc := *rec.receipt
		rc.CancelledAt = &now
		rec.receipt = &rc
		rec.p.CashReceiptIssued = false
		return "", false
	})
	h.answerReceipt(w, impUID, found, refusal)
}

// answerReceipt answers the receipt after an issue or revoke; the spec
// gives both 400 (not 404) for an unknown payment.
func (h *handlers) answerReceipt(w http.ResponseWriter, impUID string, found bool, refusal string) {
	switch {
	case !found:
		writeError(w, http.StatusBadRequest, codeFailure, msgPaymentNotFound)
	case refusal != "":
		writeError(w, http.StatusBadRequest, codeFailure, refusal)
	default:
		rc, _ := h.s.store.receipt(impUID)
		writeOK(w, rc)
	}
}

func (st *store) receipt(impUID string) (generated.Receipt, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.payments[impUID]
	if !ok || rec.receipt == nil {
		return generated.Receipt{}, false
	}
	return *rec.receipt, true
}
