package fake

import (
	"net/http"
	"sync"

	"github.com/portone-community/portone-v1-go/generated"
)

// PAYCO order statuses (changeOrderStatus). PortOne documents the three
// target statuses, not the transitions; the fake's choice is the plain
// order of a delivery: DELIVERY_START once, then PURCHASE_DECISION; CANCELED
// from anything but PURCHASE_DECISION; nothing after PURCHASE_DECISION or
// CANCELED. Only a paid PAYCO payment (pg_provider payco) has an order.
// The route documents no 404, so every refusal (unknown payment included)
// is HTTP 200 code 1. The status lives here, apart from the payment.
type paycoOrders struct {
	mu     sync.Mutex
	status map[string]generated.PaycoOrderStatus // by imp_uid
}

func newPaycoOrders() *paycoOrders {
	return &paycoOrders{status: map[string]generated.PaycoOrderStatus{}}
}

const (
	msgNotPayco        = "PAYCO 결제완료 건이 아닙니다."
	msgPaycoTransition = "현재 주문 상태에서는 요청한 상태로 변경할 수 없습니다."
)

func paycoAllowed(from, to generated.PaycoOrderStatus) bool {
	switch to {
	case generated.PaycoOrderStatusDELIVERYSTART:
		return from == ""
	case generated.PaycoOrderStatusPURCHASEDECISION:
		return from == "" || from == generated.PaycoOrderStatusDELIVERYSTART
	case generated.PaycoOrderStatusCANCELED:
		return from == "" || from == generated.PaycoOrderStatusDELIVERYSTART
	}
	return false
}

func (h *handlers) ChangeOrderStatus(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.PaycoStatusRequest
	if !decodeBody(w, r, &req) {
		return
	}
	p, ok := h.s.store.get(impUID)
	if !ok || p.PgProvider != "payco" || p.Status != generated.PaymentStatusPaid {
		writeRefused(w, msgNotPayco)
		return
	}
	o := h.s.payco
	o.mu.Lock()
	allowed := paycoAllowed(o.status[impUID], req.Status)
	if allowed {
		o.status[impUID] = req.Status
	}
	o.mu.Unlock()
	if !allowed {
		writeRefused(w, msgPaycoTransition)
		return
	}
	writeOK(w, generated.PaycoStatus{Status: req.Status})
}
