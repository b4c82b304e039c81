package fake

import (
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// Virtual accounts issued through the API (가상계좌 발급). The account
// waits in status ready until the deposit control (or Server.Deposit)
// pays it, or createVbank's caller revokes it.

func (h *handlers) CreateVbank(w http.ResponseWriter, r *http.Request, _ generated.CreateVbankParams) {
	var req generated.CreateVbankRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.VbankDue <= h.s.clock.unix() {
		writeRefused(w, "vbank_due는 현재 시각 이후여야 합니다.")
		return
	}
	var notice string
	if urls := req.NoticeURL; len(urls) > 0 {
		notice = urls[0]
	}
	p := generated.Payment{
		MerchantUID: req.MerchantUID, Amount: req.Amount, Name: req.Name, CustomData: req.CustomData,
		BuyerName: req.BuyerName, BuyerEmail: req.BuyerEmail, BuyerTel: req.BuyerTel,
		BuyerAddr: req.BuyerAddr, BuyerPostcode: req.BuyerPostcode,
		PayMethod: "vbank", Status: generated.PaymentStatusReady, Channel: new(generated.PaymentChannelAPI),
		VbankCode: &req.VbankCode, VbankName: new("은행 " + req.VbankCode), VbankNum: req.VbankNum,
		VbankHolder: req.VbankHolder, VbankDate: req.VbankDue,
	}
	st := h.s.store
	st.mu.Lock()
	out, refusal := st.addOrderLocked(&record{p: p, taxFree: deref(req.TaxFree), noticeURL: notice})
	st.mu.Unlock()
	st.answerOrder(w, notice, out, refusal)
}

// RevokeVbank closes an account still waiting for its deposit; the
// payment becomes cancelled with nothing refunded.
func (h *handlers) RevokeVbank(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath, _ generated.RevokeVbankParams) {
	now := h.s.clock.unix()
	p, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.p.PayMethod != "vbank" || rec.p.Status != generated.PaymentStatusReady {
			return "입금 대기 중인 가상계좌만 말소할 수 있습니다.", false
		}
		rec.p.Status, rec.p.CancelledAt = generated.PaymentStatusCancelled, now
		return "", true
	})
	writeChange(w, p, found, msgPaymentNotFound, refusal)
}

// ModifyVbank changes the amount or deadline of an account still waiting
// for its deposit.
func (h *handlers) ModifyVbank(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.ModifyVbankRequest
	if !decodeBody(w, r, &req) {
		return
	}
	now := h.s.clock.unix()
	p, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		switch {
		case rec.p.PayMethod != "vbank" || rec.p.Status != generated.PaymentStatusReady:
			return "입금 대기 중인 가상계좌만 변경할 수 있습니다.", false
		case req.Amount == nil && req.VbankDue == nil:
			return "amount 또는 vbank_due 중 하나는 보내야 합니다.", false
		case req.VbankDue != nil && *req.VbankDue <= now:
			return "vbank_due는 현재 시각 이후여야 합니다.", false
		}
		if req.Amount != nil {
			rec.p.Amount = *req.Amount
		}
		if req.VbankDue != nil {
			rec.p.VbankDate = *req.VbankDue
		}
		return "", false
	})
	writeChange(w, p, found, msgPaymentNotFound, refusal)
}
