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

func (h *handlers) IssueReceipt(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.IssueReceiptRequest
	if !decodeBody(w, r, &req) {
		return
	}
	now := h.s.clock.unix()
	var out generated.Receipt
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
		rec.receipt = &generated.Receipt{
			ImpUID: p.ImpUID, Type: kind, Amount: amount, Vat: receiptVat(amount, req.TaxFree, req.VatAmount), AppliedAt: now,
			ApplyNum:   fmt.Sprintf("R%09d", rec.seq),
			ReceiptTid: new(fmt.Sprintf("fake_receipt_%s", p.ImpUID)),
			ReceiptURL: new("https://receipt.example/cash/" + p.ImpUID),
		}
		p.CashReceiptIssued = true
		out = *rec.receipt
		return "", false
	})
	writeReceiptChange(w, out, found, refusal)
}

func (h *handlers) GetReceipt(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	rc, ok := h.s.store.receipt(impUID)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgReceiptNotFound)
		return
	}
	writeOK(w, rc)
}

func (h *handlers) RevokeReceipt(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	now := h.s.clock.unix()
	var out generated.Receipt
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.receipt == nil || rec.receipt.CancelledAt != nil {
			return msgReceiptNotFound, false
		}
		rc := *rec.receipt
		rc.CancelledAt = &now
		rec.receipt, out = &rc, rc
		rec.p.CashReceiptIssued = false
		return "", false
	})
	writeReceiptChange(w, out, found, refusal)
}

// writeReceiptChange answers the receipt as the change left it (taken
// under the lock, so a concurrent revoke cannot slip in between); the spec
// gives 400, not 404, for an unknown payment.
func writeReceiptChange(w http.ResponseWriter, rc generated.Receipt, found bool, refusal string) {
	if !found {
		writeError(w, http.StatusBadRequest, codeFailure, msgPaymentNotFound)
		return
	}
	writeChange(w, rc, true, "", refusal)
}

func (st *store) receipt(impUID string) (generated.Receipt, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.payments.Get(impUID)
	if !ok || rec.receipt == nil {
		return generated.Receipt{}, false
	}
	return *rec.receipt, true
}

// receiptVat is the VAT a receipt shows: the one given, or 1/11 of the
// taxable part.
func receiptVat(amount float64, taxFree, vatAmount *float64) float64 {
	if vatAmount != nil {
		return *vatAmount
	}
	return math.Round((amount - deref(taxFree)) / 11)
}

// External receipts: cash receipts for money taken outside PortOne, kept
// by merchant_uid.

func (h *handlers) IssueExternalReceipt(w http.ResponseWriter, r *http.Request, merchantUID generated.MerchantUIDPath) {
	var req generated.IssueExternalReceiptRequest
	if !decodeBody(w, r, &req) {
		return
	}
	kind := generated.ReceiptTypePerson
	if req.Type != nil {
		kind = *req.Type
	}
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	old, exists := st.externalReceipts[merchantUID]
	if exists && old.CancelledAt == nil {
		st.mu.Unlock()
		writeError(w, http.StatusBadRequest, codeFailure, "이미 현금영수증이 발급된 merchant_uid입니다.")
		return
	}
	st.seq++
	rc := generated.ExternalReceipt{
		MerchantUID: merchantUID, Type: kind, Amount: req.Amount, Vat: receiptVat(req.Amount, req.TaxFree, req.VatAmount),
		AppliedAt: now, ApplyNum: fmt.Sprintf("R%09d", st.seq),
		ReceiptTid: new("fake_receipt_" + merchantUID), ReceiptURL: new("https://receipt.example/cash/" + merchantUID),
	}
	st.externalReceipts[merchantUID] = rc
	st.mu.Unlock()
	writeOK(w, rc)
}

func (h *handlers) GetExternalReceipt(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath) {
	st := h.s.store
	st.mu.Lock()
	rc, ok := st.externalReceipts[merchantUID]
	st.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgReceiptNotFound)
		return
	}
	writeOK(w, rc)
}

func (h *handlers) RevokeExternalReceipt(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath) {
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	rc, ok := st.externalReceipts[merchantUID]
	revoked := ok && rc.CancelledAt != nil
	if ok && !revoked {
		rc.CancelledAt = &now
		st.externalReceipts[merchantUID] = rc
	}
	st.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, codeFailure, msgReceiptNotFound)
	case revoked:
		writeError(w, http.StatusBadRequest, codeFailure, "이미 취소된 현금영수증입니다.")
	default:
		writeOK(w, rc)
	}
}
