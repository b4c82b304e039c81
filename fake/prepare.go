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
	if h.s.store.setPrepared(req, false) {
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
	if !h.s.store.setPrepared(req, true) {
		writeError(w, http.StatusNotFound, codeFailure, msgNotPrepared)
		return
	}
	writeOK(w, generated.PaymentPrepare(req))
}

// setPrepared registers req's amount when the order has none (POST) or
// replaces the one it has (PUT, replace set), and reports whether the
// order had one. In the other two cases nothing changes.
func (st *store) setPrepared(req generated.PreparePaymentRequest, replace bool) (existed bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, existed = st.prepared[req.MerchantUID]
	if existed == replace {
		st.prepared[req.MerchantUID] = preparedAmount(req)
	}
	return existed
}

func (h *handlers) GetPaymentPrepareByMerchantUID(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath) {
	st := h.s.store
	st.mu.Lock()
	prep, ok := st.prepared[merchantUID]
	st.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgNotPrepared)
		return
	}
	writeOK(w, generated.PaymentPrepare(prep))
}
