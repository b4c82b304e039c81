package fake

import (
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// Convenience-store payments (편의점 결제, Galaxia). issueCvsPayment stores
// a payment in status ready (pay_method cvs, pg_provider galaxia) waiting
// for the counter; revokeCvsPayment cancels one still waiting. The
// barcode itself is not part of the Payment object, so the fake keeps no
// barcode. Neither route documents a 404: an unknown imp_uid and a
// payment that is not a waiting CVS payment are refused with HTTP 200
// code 1, the fake's choice.

const (
	msgCvsNotReady = "결제 대기 중인 편의점 결제건만 취소할 수 있습니다."
	msgCvsExpired  = "expired_at은 현재 시각 이후여야 합니다."
)

func (h *handlers) IssueCvsPayment(w http.ResponseWriter, r *http.Request) {
	var req generated.IssueCvsPaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.ExpiredAt != nil && *req.ExpiredAt <= h.s.clock.unix() {
		writeRefused(w, msgCvsExpired)
		return
	}
	var notice string
	if len(req.NoticeURL) > 0 {
		notice = req.NoticeURL[0]
	}
	p := generated.Payment{
		MerchantUID: req.MerchantUID, Amount: req.Amount, Name: req.Name, CustomData: req.CustomData,
		BuyerName: req.BuyerName, BuyerEmail: req.BuyerEmail, BuyerTel: req.BuyerTel,
		BuyerAddr: req.BuyerAddr, BuyerPostcode: req.BuyerPostcode,
		PayMethod: "cvs", PgProvider: "galaxia", Status: generated.PaymentStatusReady,
		Channel: new(generated.PaymentChannelAPI),
	}
	st := h.s.store
	st.mu.Lock()
	out, refusal := st.addOrderLocked(&record{p: p, noticeURL: notice})
	st.mu.Unlock()
	st.answerOrder(w, notice, out, refusal)
}

func (h *handlers) RevokeCvsPayment(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	now := h.s.clock.unix()
	p, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.p.PayMethod != "cvs" || rec.p.Status != generated.PaymentStatusReady {
			return msgCvsNotReady, false
		}
		rec.p.Status, rec.p.CancelledAt = generated.PaymentStatusCancelled, now
		return "", true
	})
	switch {
	case !found:
		writeRefused(w, msgPaymentNotFound)
	case refusal != "":
		writeRefused(w, refusal)
	default:
		writeOK(w, p)
	}
}
