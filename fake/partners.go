package fake

import (
	"net/http"
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
)

// Sub-merchant lines on a sales slip (partner) and Paymentwall delivery
// reports. Neither changes the payment; the fake checks what PortOne
// documents (partner: KG Inicis only, 501 for another PG) and answers.

const (
	msgPartnerNotInicis = "KG이니시스 결제건만 하위 가맹점 거래를 등록할 수 있습니다."
	msgPartnerAmount    = "하위 가맹점 금액의 합이 결제 금액을 넘습니다."
	msgNotPaymentwall   = "Paymentwall 결제건이 아닙니다."
)

// Partner registers the lines; their sum may not exceed the refundable
// balance (a bound the docs do not state: the fake's choice, answered 400).
func (h *handlers) Partner(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.PartnerReceiptRequest
	if !decodeBody(w, r, &req) {
		return
	}
	p, ok := h.s.store.get(impUID)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
		return
	}
	if p.PgProvider != "html5_inicis" && p.PgProvider != "inicis" {
		writeError(w, http.StatusNotImplemented, codeFailure, msgPartnerNotInicis)
		return
	}
	var sum float64
	for _, d := range req.Data {
		sum += d.Amount
	}
	if sum > p.Amount-p.CancelAmount || len(req.Data) == 0 {
		writeError(w, http.StatusBadRequest, codeFailure, msgPartnerAmount)
		return
	}
	url := p.ReceiptURL
	if url == nil {
		url = new("https://receipt.example/" + p.ImpUID)
	}
	writeOK(w, generated.PartnerReceiptResult{ReceiptURL: url})
}

// PaymentwallDelivery accepts a report for a Paymentwall payment whose
// imp_uid and merchant_uid match (an empty result: no error_code). Any
// other payment is refused with HTTP 200 code 1 (the route documents no
// 404), the fake's choice.
func (h *handlers) PaymentwallDelivery(w http.ResponseWriter, r *http.Request) {
	var req generated.PaymentwallDeliveryRequest
	if !decodeBody(w, r, &req) {
		return
	}
	p, ok := h.s.store.get(req.ImpUID)
	if !ok || p.MerchantUID != req.MerchantUID || !strings.HasPrefix(p.PgProvider, "paymentwall") {
		writeRefused(w, msgNotPaymentwall)
		return
	}
	writeOK(w, generated.PaymentwallDeliveryResult{})
}
