package fake

import (
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// Delivery of escrow payments (에스크로 배송정보). Only a paid payment
// seeded or made with escrow true takes one; save registers it (409 when
// one exists), edit replaces it and get reads it (409 when none exists).

const (
	msgNotEscrow     = "에스크로 결제건이 아닙니다."
	msgLogisExists   = "이미 배송정보가 등록된 결제건입니다."
	msgLogisNotFound = "등록된 배송정보가 없습니다."
)

func (h *handlers) EscrowLogisSave(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.EscrowLogisSaveRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.changeLogis(w, impUID, true, req.Logis)
}

func (h *handlers) EscrowLogisEdit(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.EscrowLogisEditRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.changeLogis(w, impUID, false, req.Logis)
}

func (h *handlers) EscrowLogisGet(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	st := h.s.store
	st.mu.Lock()
	rec, ok := st.payments.Get(impUID)
	var logis *generated.EscrowLogis
	escrow := ok && rec.p.Escrow
	if escrow {
		logis = rec.logis
	}
	st.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case !escrow:
		writeError(w, http.StatusBadRequest, codeFailure, msgNotEscrow)
	case logis == nil:
		writeError(w, http.StatusConflict, codeFailure, msgLogisNotFound)
	default:
		writeOK(w, *logis)
	}
}

// changeLogis registers (create) or replaces the delivery of impUID.
func (h *handlers) changeLogis(w http.ResponseWriter, impUID string, create bool, info generated.EscrowLogisInfo) {
	now := h.s.clock.unix()
	status := http.StatusBadRequest
	var out generated.EscrowLogis
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		switch {
		case !rec.p.Escrow:
			return msgNotEscrow, false
		case rec.p.Status != generated.PaymentStatusPaid:
			return "결제완료 상태인 결제건에만 배송정보를 등록할 수 있습니다.", false
		case create && rec.logis != nil:
			status = http.StatusConflict
			return msgLogisExists, false
		case !create && rec.logis == nil:
			status = http.StatusConflict
			return msgLogisNotFound, false
		}
		rec.logis = &generated.EscrowLogis{Company: info.Company, Invoice: info.Invoice, SentAt: info.SentAt, AppliedAt: now}
		out = *rec.logis
		return "", false
	})
	switch {
	case !found:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case refusal != "":
		writeError(w, status, codeFailure, refusal)
	default:
		writeOK(w, out)
	}
}
