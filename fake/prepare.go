package fake

import (
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// preparedAmount is an amount registered with preparePayment (사전등록).
type preparedAmount generated.PaymentPrepare

func (h *handlers) PreparePayment(w http.ResponseWriter, r *http.Request) {
	var req generated.PreparePaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	st := h.s.store
	st.mu.Lock()
	_, exists := st.prepared[req.MerchantUid]
	if !exists {
		st.prepared[req.MerchantUid] = preparedAmount(req)
	}
	st.mu.Unlock()
	if exists {
		writeRefused(w, "이미 사전등록된 merchant_uid입니다. 금액을 바꾸려면 PUT /payments/prepare를 사용하세요.")
		return
	}
	writeOK(w, generated.PaymentPrepare(req))
}

func (h *handlers) EditPreparePayment(w http.ResponseWriter, r *http.Request) {
	var req generated.PreparePaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	st := h.s.store
	st.mu.Lock()
	_, exists := st.prepared[req.MerchantUid]
	if exists {
		st.prepared[req.MerchantUid] = preparedAmount(req)
	}
	st.mu.Unlock()
	if !exists {
		writeError(w, http.StatusNotFound, codeFailure, "사전등록된 금액이 없는 merchant_uid입니다.")
		return
	}
	writeOK(w, generated.PaymentPrepare(req))
}

func (h *handlers) GetPaymentPrepareByMerchantUid(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUidPath) {
	st := h.s.store
	st.mu.Lock()
	prep, ok := st.prepared[merchantUID]
	st.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, "사전등록된 금액이 없는 merchant_uid입니다.")
		return
	}
	writeOK(w, generated.PaymentPrepare(prep))
}
