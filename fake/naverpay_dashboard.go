package fake

import (
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// The dashboard's Naver Pay section: the product orders of the payments it
// shows, each with a button for every buyer event its status allows (tried
// on a copy, so the buttons never disagree with NaverBuyer).

type dashboardNaverOrder struct {
	generated.NaverProductOrder
	ImpUID string
	Events []NaverBuyerEvent
}

var naverBuyerEvents = []NaverBuyerEvent{NaverRequestCancel, NaverRequestReturn, NaverRequestExchange, NaverDeliver, NaverDecide}

// naverDashboard lists the product orders of payments, at most
// dashboardPayments of them.
func (st *store) naverDashboard(payments []generated.Payment, now int64) []dashboardNaverOrder {
	st.mu.RLock()
	defer st.mu.RUnlock()
	var out []dashboardNaverOrder
	for _, p := range payments {
		rec, ok := st.payments.Get(p.ImpUID)
		if !ok || rec.naver == nil {
			continue
		}
		for _, o := range rec.naver.Orders {
			if len(out) == dashboardPayments {
				return out
			}
			d := dashboardNaverOrder{NaverProductOrder: o.answer(), ImpUID: p.ImpUID}
			for _, ev := range naverBuyerEvents {
				c := copyRecord(rec)
				if buyerStep(c, c.naver.find(o.Order.ProductOrderID), ev, now) == "" {
					d.Events = append(d.Events, ev)
				}
			}
			out = append(out, d)
		}
	}
	return out
}

// uiNaver is the dashboard's form for a buyer event.
func (s *Server) uiNaver(w http.ResponseWriter, r *http.Request) {
	if !parseDashboardForm(w, r) {
		return
	}
	id, ev := r.PostForm.Get("product_order_id"), NaverBuyerEvent(r.PostForm.Get("event"))
	o, err := s.NaverBuyer(id, ev)
	if err != nil {
		backToDashboard(w, r, err.Error())
		return
	}
	backToDashboard(w, r, "product order "+id+": "+string(ev)+", now "+o.ProductOrderStatus)
}
