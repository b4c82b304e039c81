package fake

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/portone-community/portone-v1-go/generated"
)

// Naver Pay order type (주문형 네이버페이): a payment made through the
// naverco PG (pg_provider "naverco", the value PortOne's manual gives the
// SDK for order-type Naver Pay) holds one Naver product order (상품주문)
// per kind of product. The fake creates them when such a payment is
// stored paid (or ready: PAYMENT_WAITING until its deposit): those given
// with the seed (Seed.NaverProductOrders) or by the window's naverProducts
// (naverpay_window.go), or one product order for the whole amount. Each
// moves through Naver's statuses as PortOne's operations and the buyer's
// actions (fake-only controls, NaverBuyerEvent) drive it.
//
// Statuses and claims are Naver's (the lists of PortOne's getProductOrders
// description). The transitions follow Naver's order flow: place
// (발주 확인) and ship (발송) a PAYED order; the seller cancels (판매 취소)
// a PAYED order; a buyer's cancel before placement is immediate, after it
// a CANCEL_REQUEST the seller approves (approve-cancel; PortOne: "상품발주처리
// 중 구매자의 환불요청이 있는 경우 ... 판매자의 승인이 필요"); returns and
// exchanges open on a shipped order; a return is approved, rejected, or
// withheld and released (반품 보류 / 보류 해제); an exchange is collected
// (수거 완료) and then re-shipped (재배송). Which transition is refused
// where is the fake's reading of that flow; the refusal texts are the
// descriptions of Naver's commerce API error codes (the table of its
// claim operations, e.g. apicenter.commerce.naver.com/docs/commerce-api/
// current/seller-request-return-pay-order-seller: 104442 "상품 주문 상태
// 확인 필요", 104417 "교환 상태 확인 필요",
// 105306 "변경을 요청한 상태가 기존과 동일", 100001 "상품 주문을 찾을 수
// 없음", 104131 "상품 주문 번호 중복", 104118 "택배사 미입력", 104120 "송장
// 번호 미입력").
//
// Answers follow PortOne's docs: every targeted order done is 200 with
// the orders as they are now; some done is 207 with those (a client tells
// the failed ones by the ids missing, as iamport-rest-client-php's
// Collection::setFailed does); none done is 500 with the reasons. A
// payment that is not order-type Naver Pay is 404 (the one failure these
// routes document for a payment), the fake's choice.
//
// Refunds (cancel, approve-cancel, approve-return) are cancels of the
// PortOne payment for the order's product_amount + delivery_amount (less
// a return's extra_charge), recorded in its cancel_history, without a
// webhook: the fake's choice, PortOne documents neither.

// naverOrder is one product order as the fake keeps it.
type naverOrder struct {
	Order generated.NaverProductOrder `json:"order"` // as answered
	// Placed is Naver's placement (발주 확인), which the answer does not show.
	Placed bool `json:"placed,omitempty"`
	// ShippedStatus is the status a return or exchange came from, put
	// back when the return is rejected.
	ShippedStatus string `json:"shipped_status,omitempty"`
	// Held is a withheld return (반품 보류) and what it charges.
	Held        bool    `json:"held,omitempty"`
	ExtraCharge float64 `json:"extra_charge,omitempty"`
	// Delivery is the last shipment recorded (ship or ship-exchanged).
	Delivery *naverDelivery `json:"delivery,omitempty"`
}

type naverDelivery struct {
	Method       string `json:"method"`
	Company      string `json:"company,omitempty"`
	Tracking     string `json:"tracking_number,omitempty"`
	DispatchedAt int64  `json:"dispatched_at,omitempty"`
}

// naverPayment is what a Naver Pay payment carries besides the payment:
// the product orders of the order type, the points and purchase
// confirmation of the payment type.
type naverPayment struct {
	Orders         []*naverOrder `json:"orders,omitempty"`
	PointDeposited bool          `json:"point_deposited,omitempty"`
	ConfirmedBy    string        `json:"confirmed_by,omitempty"`
}

func (n *naverPayment) clone() *naverPayment {
	if n == nil {
		return nil
	}
	c := *n
	c.Orders = make([]*naverOrder, len(n.Orders))
	for i, o := range n.Orders {
		oc := *o
		oc.Order = o.answer()
		if o.Delivery != nil {
			d := *o.Delivery
			oc.Delivery = &d
		}
		c.Orders[i] = &oc
	}
	return &c
}

// answer is a copy of the product order that shares no pointer a later
// change replaces (changes assign new pointers, never write through them,
// but the copy keeps the answer independent of that rule).
func (o *naverOrder) answer() generated.NaverProductOrder {
	a := o.Order
	a.ClaimType = clonePtr(a.ClaimType)
	a.ClaimStatus = clonePtr(a.ClaimStatus)
	return a
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Naver's product order statuses, claim types and claim statuses (the
// lists of PortOne's getProductOrders description).
const (
	npWaiting     = "PAYMENT_WAITING"
	npNoPayment   = "CANCELED_BY_NOPAYMENT"
	npPayed       = "PAYED"
	npDelivering  = "DELIVERING"
	npDelivered   = "DELIVERED"
	npDecided     = "PURCHASE_DECIDED"
	npExchanged   = "EXCHANGED"
	npCanceled    = "CANCELED"
	npReturned    = "RETURNED"
	claimCancel   = "CANCEL"
	claimReturn   = "RETURN"
	claimExchange = "EXCHANGE"

	csCancelRequest  = "CANCEL_REQUEST"
	csCancelDone     = "CANCEL_DONE"
	csReturnRequest  = "RETURN_REQUEST"
	csReturnDone     = "RETURN_DONE"
	csReturnReject   = "RETURN_REJECT"
	csExchangeReq    = "EXCHANGE_REQUEST"
	csCollectDone    = "COLLECT_DONE"
	csRedelivering   = "EXCHANGE_REDELIVERING"
	csExchangeDone   = "EXCHANGE_DONE"
	naverOrderPG     = "naverco"
	naverPaymentPG   = "naverpay"
	naverShippingDue = 3 * 24 * 3600 // seconds after payment, the fake's default
)

// Refusals, in the words of Naver's commerce API error codes.
const (
	msgNaverState       = "상품 주문 상태 확인 필요"
	msgNaverExchange    = "교환 상태 확인 필요(재배송 처리 불가능 주문 상태)"
	msgNaverSame        = "변경을 요청한 상태가 기존과 동일"
	msgNaverNoOrder     = "상품 주문을 찾을 수 없음"
	msgNaverDuplicate   = "상품 주문 번호 중복"
	msgNaverNoCompany   = "택배사 미입력"
	msgNaverNoTracking  = "송장 번호 미입력"
	msgNotNaverOrder    = "네이버페이 주문형 결제건이 아닙니다."
	msgNaverOrderAbsent = "존재하지 않는 네이버페이 상품주문입니다."
)

// openClaim says whether the order has a claim still in progress.
func (o *naverOrder) openClaim() bool {
	if o.Order.ClaimType == nil {
		return false
	}
	switch deref(o.Order.ClaimStatus) {
	case csCancelDone, "CANCEL_REJECT", csReturnDone, csReturnReject, csExchangeDone, "EXCHANGE_REJECT":
		return false
	}
	return true
}

func (o *naverOrder) claim() (typ, status string) {
	return deref(o.Order.ClaimType), deref(o.Order.ClaimStatus)
}

func (o *naverOrder) setClaim(typ, status string) {
	o.Order.ClaimType, o.Order.ClaimStatus = new(typ), new(status)
}

// newNaverOrders builds the product orders of a naverco payment being
// stored: the seeded ones completed, or one for the whole amount.
func newNaverOrders(p generated.Payment, seeded []generated.NaverProductOrder, seq int) []*naverOrder {
	if len(seeded) == 0 {
		name := deref(p.Name)
		if name == "" {
			name = "상품"
		}
		seeded = []generated.NaverProductOrder{{ProductID: "fake-product-1", ProductName: name, Quantity: 1, ProductAmount: new(p.Amount)}}
	}
	waiting := p.Status == generated.PaymentStatusReady
	day := time.Unix(max(p.PaidAt, deref(p.StartedAt)), 0).In(kst).Format("20060102")
	out := make([]*naverOrder, len(seeded))
	for i, so := range seeded {
		o := so
		if o.ProductOrderID == "" {
			// Naver's ids are 16 digits, the date first
			// (2019083013231750 in iamport-rest-client-php's example).
			o.ProductOrderID = fmt.Sprintf("%s%06d%02d", day, seq, i+1)
		}
		if o.ProductOrderStatus == "" {
			o.ProductOrderStatus = npPayed
			if waiting {
				o.ProductOrderStatus = npWaiting
			}
		}
		if o.Quantity == 0 {
			o.Quantity = 1
		}
		if o.DeliveryAmount == nil {
			o.DeliveryAmount = new(0.0)
		}
		if o.Orderer == nil {
			o.Orderer = &generated.NaverOrderer{Name: orDefault(p.BuyerName, "구매자"), ID: "fake****", Tel: orDefault(p.BuyerTel, "010-0000-0000")}
		}
		if o.ShippingAddress == nil {
			o.ShippingAddress = &generated.NaverAddress{Base: orDefault(p.BuyerAddr, "서울특별시 중구 세종대로 110"),
				Postcode: orDefault(p.BuyerPostcode, "04524"), Tel1: orDefault(p.BuyerTel, "010-0000-0000"), Name: orDefault(p.BuyerName, "구매자")}
		}
		if o.ShippingDue == nil && !waiting {
			o.ShippingDue = new(p.PaidAt + naverShippingDue)
		}
		no := &naverOrder{Order: o}
		switch o.ProductOrderStatus {
		case npDelivering, npDelivered, npDecided:
			no.Placed, no.ShippedStatus = true, o.ProductOrderStatus
		}
		out[i] = no
	}
	return out
}

func orDefault(p *string, def string) string {
	if p == nil || *p == "" {
		return def
	}
	return *p
}

// checkNaverSeed checks the product orders given with a seed: only for a
// naverco payment, statuses a fresh order can have, amounts that add up
// to the payment's.
func checkNaverSeed(p generated.Payment, orders []generated.NaverProductOrder) error {
	if len(orders) == 0 {
		return nil
	}
	if p.PgProvider != naverOrderPG {
		return fmt.Errorf("fake: naver_product_orders need pg_provider %q (order-type Naver Pay)", naverOrderPG)
	}
	waiting := p.Status == generated.PaymentStatusReady
	if p.Status != "" && p.Status != generated.PaymentStatusPaid && !waiting {
		return errors.New("fake: naver_product_orders need a paid payment (or a ready one, waiting for its deposit)")
	}
	cur := p.Currency
	if cur == "" {
		cur = "KRW"
	}
	var sum int64
	seen := map[string]bool{}
	for _, o := range orders {
		switch o.ProductOrderStatus {
		case "":
		case npPayed, npDelivering, npDelivered, npDecided:
			if !waiting {
				break
			}
			fallthrough
		default:
			return fmt.Errorf("fake: a seeded product order starts PAYED, DELIVERING, DELIVERED or PURCHASE_DECIDED, not %q", o.ProductOrderStatus)
		}
		if o.ClaimType != nil || o.ClaimStatus != nil {
			return errors.New("fake: a seeded product order has no claim; claims come from the API and the buyer controls")
		}
		if o.ProductOrderID != "" {
			if seen[o.ProductOrderID] {
				return fmt.Errorf("fake: product_order_id %s twice", o.ProductOrderID)
			}
			seen[o.ProductOrderID] = true
		}
		if o.ProductAmount == nil || o.Quantity < 0 {
			return errors.New("fake: each seeded product order needs product_amount (and quantity >= 0)")
		}
		pa, ok1 := minorUnits(*o.ProductAmount, cur)
		da, ok2 := minorUnits(deref(o.DeliveryAmount), cur)
		if !ok1 || !ok2 || pa < 0 || da < 0 {
			return errors.New("fake: product_amount and delivery_amount must be amounts >= 0 of the currency")
		}
		sum += pa + da
	}
	if total, _ := minorUnits(p.Amount, cur); sum != total {
		return fmt.Errorf("fake: the product orders add up to %v, the payment's amount is %v", fromMinorUnits(sum, cur), p.Amount)
	}
	return nil
}

// prepareNaverLocked gives a naverco or naverpay payment being stored
// its Naver side (st.mu held): the product orders of a paid naverco
// payment, built from rec.naverSeed. It refuses ids another payment's
// orders already use; indexNaverLocked indexes them once stored.
func (st *store) prepareNaverLocked(rec *record) error {
	seeded := rec.naverSeed
	rec.naverSeed = nil
	switch {
	case rec.p.PgProvider == naverPaymentPG:
		rec.naver = &naverPayment{}
		return nil
	case rec.p.PgProvider != naverOrderPG:
		return nil
	case rec.p.Status != generated.PaymentStatusPaid && rec.p.Status != generated.PaymentStatusReady:
		return nil
	}
	orders := newNaverOrders(rec.p, seeded, rec.seq)
	for _, o := range orders {
		if _, dup := st.naverIndex[o.Order.ProductOrderID]; dup {
			return fmt.Errorf("product_order_id %s already exists", o.Order.ProductOrderID)
		}
	}
	rec.naver = &naverPayment{Orders: orders}
	return nil
}

func (st *store) indexNaverLocked(rec *record) {
	if rec.naver == nil {
		return
	}
	for _, o := range rec.naver.Orders {
		st.naverIndex[o.Order.ProductOrderID] = rec.p.ImpUID
	}
}

// syncNaverWaiting follows a change of the payment in its product orders
// waiting for the deposit (PAYMENT_WAITING, 입금 대기): paid, they are
// PAYED with a shipping deadline; cancelled unpaid (a revoked or expired
// account), CANCELED_BY_NOPAYMENT (미입금 취소). store.update calls it after
// every change.
func syncNaverWaiting(rec *record) {
	if rec.naver == nil {
		return
	}
	for _, o := range rec.naver.Orders {
		if o.Order.ProductOrderStatus != npWaiting {
			continue
		}
		switch rec.p.Status {
		case generated.PaymentStatusPaid:
			o.Order.ProductOrderStatus = npPayed
			if o.Order.ShippingDue == nil {
				o.Order.ShippingDue = new(rec.p.PaidAt + naverShippingDue)
			}
		case generated.PaymentStatusCancelled, generated.PaymentStatusFailed:
			o.Order.ProductOrderStatus = npNoPayment
		}
	}
}

func (h *handlers) GetProductOrders(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	st := h.s.store
	st.mu.RLock()
	rec, ok := st.payments.Get(impUID)
	var out []generated.NaverProductOrder
	if ok && rec.naver != nil {
		for _, o := range rec.naver.Orders {
			out = append(out, o.answer())
		}
	}
	st.mu.RUnlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case len(out) == 0:
		writeError(w, http.StatusNotFound, codeFailure, msgNotNaverOrder)
	default:
		writeOK(w, out)
	}
}

func (h *handlers) GetProductOrderSingle(w http.ResponseWriter, _ *http.Request, productOrderID string) {
	o, ok := h.s.store.naverOrder(productOrderID)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgNaverOrderAbsent)
		return
	}
	writeOK(w, o)
}

// naverOrder finds a product order by its id: O(1) through the index.
func (st *store) naverOrder(id string) (generated.NaverProductOrder, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	o, _ := st.naverOrderLocked(id)
	if o == nil {
		return generated.NaverProductOrder{}, false
	}
	return o.answer(), true
}

func (st *store) naverOrderLocked(id string) (*naverOrder, *record) {
	impUID, ok := st.naverIndex[id]
	if !ok {
		return nil, nil
	}
	rec, ok := st.payments.Get(impUID)
	if !ok || rec.naver == nil {
		return nil, nil
	}
	for _, o := range rec.naver.Orders {
		if o.Order.ProductOrderID == id {
			return o, rec
		}
	}
	return nil, nil
}

// naverStep is one operation's change to one product order, under the
// store lock. It returns why the order is refused (nothing changed), or
// "" once it changed the order (and the payment, for a refund).
type naverStep func(rec *record, o *naverOrder, now int64) (refusal string)

// naverClaim runs step on the targeted product orders of impUID (all of
// them when ids is empty) and answers 200, 207 or 500.
func (h *handlers) naverClaim(w http.ResponseWriter, impUID string, ids *[]string, step naverStep) {
	now := h.s.clock.unix()
	var done []generated.NaverProductOrder
	var failures []string
	notNaver := false
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.naver == nil || len(rec.naver.Orders) == 0 {
			notNaver = true
			return msgNotNaverOrder, false
		}
		targets := deref(ids)
		if len(targets) == 0 {
			for _, o := range rec.naver.Orders {
				targets = append(targets, o.Order.ProductOrderID)
			}
		}
		seen := map[string]bool{}
		for _, id := range targets {
			var why string
			switch o := rec.naver.find(id); {
			case seen[id]:
				why = msgNaverDuplicate
			case o == nil:
				why = msgNaverNoOrder
			default:
				if why = step(rec, o, now); why == "" {
					done = append(done, o.answer())
				}
			}
			seen[id] = true
			if why != "" {
				failures = append(failures, id+": "+why)
			}
		}
		if len(done) == 0 {
			return strings.Join(failures, "; "), false
		}
		return "", false
	})
	switch {
	case !found:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case notNaver:
		writeError(w, http.StatusNotFound, codeFailure, msgNotNaverOrder)
	case refusal != "":
		writeError(w, http.StatusInternalServerError, codeFailure, refusal)
	case len(failures) > 0:
		writeStatusOK(w, http.StatusMultiStatus, done)
	default:
		writeOK(w, done)
	}
}

func (n *naverPayment) find(id string) *naverOrder {
	for _, o := range n.Orders {
		if o.Order.ProductOrderID == id {
			return o
		}
	}
	return nil
}

// refundNaver cancels the order's money on the PortOne payment: its
// product and delivery amounts less charge. A refusal (the payment was
// cancelled through /payments/cancel meanwhile) refuses the order.
func refundNaver(rec *record, o *naverOrder, charge float64, reason string, now int64) string {
	cur := rec.p.Currency
	total, ok1 := minorUnits(deref(o.Order.ProductAmount)+deref(o.Order.DeliveryAmount), cur)
	ch, ok2 := minorUnits(charge, cur)
	if !ok1 || !ok2 {
		return msgCancelPrecision
	}
	amount := max(total-ch, 0)
	if amount == 0 {
		return ""
	}
	req := generated.CancelPaymentRequest{Amount: new(fromMinorUnits(amount, cur)), Reason: new(reason)}
	if rec.p.PayMethod == "vbank" {
		// Naver refunds the buyer itself; the payment only records it.
		req.RefundHolder, req.RefundBank, req.RefundAccount = new("네이버페이"), new("naverpay"), new("naverpay")
	}
	refusal, _ := applyCancel(rec, req, now)
	return refusal
}

func (h *handlers) NaverPlaceProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverProductOrdersRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		switch {
		case o.Order.ProductOrderStatus != npPayed || o.openClaim():
			return msgNaverState
		case o.Placed:
			return msgNaverSame
		}
		o.Placed = true
		return ""
	})
}

func (h *handlers) NaverShipProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverShipRequest
	if !decodeBody(w, r, &req) {
		return
	}
	d := naverDelivery{Method: string(req.DeliveryMethod), Company: deref(req.DeliveryCompany),
		Tracking: deref(req.TrackingNumber), DispatchedAt: req.DispatchedAt}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		if why := d.missing(); why != "" {
			return why
		}
		// Shipping confirms the placement too (Naver ships unplaced
		// orders; the fake does not require place first).
		if o.Order.ProductOrderStatus != npPayed || o.openClaim() {
			return msgNaverState
		}
		o.Placed, o.Order.ProductOrderStatus, o.ShippedStatus = true, npDelivering, npDelivering
		o.Delivery = new(d)
		return ""
	})
}

// missing is why a shipment by parcel (DELIVERY) cannot be recorded: the
// carrier and the tracking number are required with it (PortOne's
// parameter descriptions).
func (d naverDelivery) missing() string {
	if d.Method != string(generated.NaverDeliveryMethodDELIVERY) {
		return ""
	}
	switch {
	case d.Company == "":
		return msgNaverNoCompany
	case d.Tracking == "":
		return msgNaverNoTracking
	}
	return ""
}

func (h *handlers) NaverCancelProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverCancelRequest
	if !decodeBody(w, r, &req) {
		return
	}
	reason := string(generated.NaverCancelReasonPRODUCTUNSATISFIED)
	if req.Reason != nil {
		reason = string(*req.Reason)
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(rec *record, o *naverOrder, now int64) string {
		// The seller's cancel (판매 취소) is for orders not shipped yet; a
		// buyer's request is approved with approve-cancel instead.
		if o.Order.ProductOrderStatus != npPayed || o.openClaim() {
			return msgNaverState
		}
		if why := refundNaver(rec, o, 0, reason, now); why != "" {
			return why
		}
		o.Order.ProductOrderStatus = npCanceled
		o.setClaim(claimCancel, csCancelDone)
		return ""
	})
}

func (h *handlers) NaverApproveCancelProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverProductOrdersRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(rec *record, o *naverOrder, now int64) string {
		if typ, status := o.claim(); typ != claimCancel || status != csCancelRequest {
			return msgNaverState
		}
		if why := refundNaver(rec, o, 0, "구매자 취소 요청 승인", now); why != "" {
			return why
		}
		o.Order.ProductOrderStatus = npCanceled
		o.setClaim(claimCancel, csCancelDone)
		return ""
	})
}

// returnable says whether a return or exchange may open on o: shipped,
// not decided, no claim in progress.
func (o *naverOrder) returnable() bool {
	switch o.Order.ProductOrderStatus {
	case npDelivering, npDelivered, npExchanged:
		return !o.openClaim()
	}
	return false
}

func (h *handlers) NaverRequestReturnProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverRequestReturnRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		// A return by ordinary parcel names the carrier and the tracking
		// number (PortOne's parameter descriptions).
		if req.DeliveryMethod == generated.NaverReturnDeliveryMethodRETURNDELIVERY {
			switch {
			case deref(req.DeliveryCompany) == "":
				return msgNaverNoCompany
			case deref(req.TrackingNumber) == "":
				return msgNaverNoTracking
			}
		}
		if !o.returnable() {
			return msgNaverState
		}
		o.openReturn()
		return ""
	})
}

func (o *naverOrder) openReturn() {
	o.ShippedStatus = o.Order.ProductOrderStatus
	o.Held, o.ExtraCharge = false, 0
	o.setClaim(claimReturn, csReturnRequest)
}

// openReturnClaim says whether o has a return in progress.
func (o *naverOrder) openReturnClaim() bool {
	typ, _ := o.claim()
	return typ == claimReturn && o.openClaim()
}

func (h *handlers) NaverApproveReturnProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverApproveReturnRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(rec *record, o *naverOrder, now int64) string {
		// A withheld return is released (resolve-return) before it is
		// approved; its extra charge is then kept from the refund.
		if !o.openReturnClaim() || o.Held {
			return msgNaverState
		}
		if why := refundNaver(rec, o, o.ExtraCharge, orDefault(req.Memo, "반품 승인"), now); why != "" {
			return why
		}
		o.Order.ProductOrderStatus = npReturned
		o.setClaim(claimReturn, csReturnDone)
		return ""
	})
}

func (h *handlers) NaverRejectReturnProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverRejectReturnRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		if !o.openReturnClaim() {
			return msgNaverState
		}
		o.Order.ProductOrderStatus = o.ShippedStatus
		o.Held, o.ExtraCharge = false, 0
		o.setClaim(claimReturn, csReturnReject)
		return ""
	})
}

func (h *handlers) NaverWithholdReturnProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverWithholdReturnRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(rec *record, o *naverOrder, _ int64) string {
		switch {
		case !o.openReturnClaim():
			return msgNaverState
		case o.Held:
			return msgNaverSame
		}
		charge := deref(req.ExtraCharge)
		if _, ok := minorUnits(charge, rec.p.Currency); !ok {
			return msgCancelPrecision
		}
		o.Held, o.ExtraCharge = true, charge
		return ""
	})
}

func (h *handlers) NaverResolveReturnProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverProductOrdersRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		if !o.openReturnClaim() || !o.Held {
			return msgNaverState
		}
		o.Held = false // the charge stays: it is what the buyer agreed to
		return ""
	})
}

func (h *handlers) NaverCollectProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverProductOrdersRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, _ int64) string {
		typ, status := o.claim()
		switch {
		case typ != claimExchange || !o.openClaim():
			return msgNaverState
		case status != csExchangeReq && status != "COLLECTING":
			return msgNaverExchange
		}
		o.setClaim(claimExchange, csCollectDone)
		return ""
	})
}

func (h *handlers) NaverShipExchangedProductOrder(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	var req generated.NaverShipExchangedRequest
	if !decodeBody(w, r, &req) {
		return
	}
	d := naverDelivery{Method: string(req.DeliveryMethod), Company: deref(req.DeliveryCompany), Tracking: deref(req.TrackingNumber)}
	h.naverClaim(w, impUID, req.ProductOrderID, func(_ *record, o *naverOrder, now int64) string {
		if why := d.missing(); why != "" {
			return why
		}
		// Only goods collected (collect-exchanged) are re-shipped.
		if typ, status := o.claim(); typ != claimExchange || status != csCollectDone {
			return msgNaverExchange
		}
		o.Delivery = new(d)
		o.Delivery.DispatchedAt = now
		o.setClaim(claimExchange, csRedelivering)
		return ""
	})
}

// NaverBuyerEvent is something the buyer (or the carrier) does to a Naver
// Pay product order, which no API call of the merchant can: the fake's
// controls drive these with Server.NaverBuyer or
// POST /__fake/naver/product-orders/{product_order_id}/{event}.
type NaverBuyerEvent string

const (
	// NaverRequestCancel: the buyer cancels; immediate (CANCEL_DONE, the
	// payment refunded) before the seller placed the order, a
	// CANCEL_REQUEST for approve-cancel after.
	NaverRequestCancel NaverBuyerEvent = "request-cancel"
	// NaverRequestReturn: the buyer asks to return a shipped order
	// (RETURN_REQUEST), as request-return does for the seller.
	NaverRequestReturn NaverBuyerEvent = "request-return"
	// NaverRequestExchange: the buyer asks to exchange a shipped order
	// (EXCHANGE_REQUEST), for collect-exchanged then ship-exchanged.
	NaverRequestExchange NaverBuyerEvent = "request-exchange"
	// NaverDeliver: the carrier delivers: DELIVERING becomes DELIVERED;
	// an exchange being re-shipped becomes EXCHANGED (EXCHANGE_DONE).
	NaverDeliver NaverBuyerEvent = "deliver"
	// NaverDecide: the buyer confirms the purchase (구매 확정) of a shipped
	// order with no claim in progress: PURCHASE_DECIDED.
	NaverDecide NaverBuyerEvent = "decide"
)

// ErrNaverState is returned by NaverBuyer for an event the product order's
// status does not allow.
var ErrNaverState = errors.New("fake: " + msgNaverState)

// errNoNaverOrder is returned by NaverBuyer for an unknown product order.
var errNoNaverOrder = errors.New("fake: " + msgNaverOrderAbsent)

// NaverBuyer applies a buyer's event to a product order and returns the
// order as the API now shows it.
func (s *Server) NaverBuyer(productOrderID string, event NaverBuyerEvent) (generated.NaverProductOrder, error) {
	st := s.store
	now := s.clock.unix()
	st.mu.Lock()
	defer st.mu.Unlock()
	o, rec := st.naverOrderLocked(productOrderID)
	if o == nil {
		return generated.NaverProductOrder{}, errNoNaverOrder
	}
	var refusal string
	var known bool
	// A change of the payment (an immediate cancel) goes through the
	// table's Update so that its indexes follow.
	st.payments.Update(rec.p.ImpUID, func(rec *record) {
		known, refusal = true, buyerStep(rec, o, event, now)
		if refusal == "" {
			rec.updatedAt = lastChange(rec.p)
		}
	})
	switch {
	case !known:
		return generated.NaverProductOrder{}, errNoNaverOrder
	case refusal == "":
		return o.answer(), nil
	case refusal == msgNaverState:
		return generated.NaverProductOrder{}, ErrNaverState
	}
	return generated.NaverProductOrder{}, errors.New("fake: " + refusal)
}

func buyerStep(rec *record, o *naverOrder, event NaverBuyerEvent, now int64) string {
	status := o.Order.ProductOrderStatus
	typ, cs := o.claim()
	switch event {
	case NaverRequestCancel:
		if status != npPayed || o.openClaim() {
			return msgNaverState
		}
		if o.Placed {
			o.setClaim(claimCancel, csCancelRequest)
			return ""
		}
		if why := refundNaver(rec, o, 0, "구매자 취소", now); why != "" {
			return why
		}
		o.Order.ProductOrderStatus = npCanceled
		o.setClaim(claimCancel, csCancelDone)
	case NaverRequestReturn:
		if !o.returnable() {
			return msgNaverState
		}
		o.openReturn()
	case NaverRequestExchange:
		if !o.returnable() {
			return msgNaverState
		}
		o.ShippedStatus = status
		o.setClaim(claimExchange, csExchangeReq)
	case NaverDeliver:
		switch {
		case typ == claimExchange && cs == csRedelivering:
			o.Order.ProductOrderStatus = npExchanged
			o.setClaim(claimExchange, csExchangeDone)
		case status == npDelivering && !o.openClaim():
			o.Order.ProductOrderStatus, o.ShippedStatus = npDelivered, npDelivered
		default:
			return msgNaverState
		}
	case NaverDecide:
		if !slices.Contains([]string{npDelivering, npDelivered, npExchanged}, status) || o.openClaim() {
			return msgNaverState
		}
		o.Order.ProductOrderStatus = npDecided
	default:
		return "unknown event " + string(event) + " (request-cancel, request-return, request-exchange, deliver, decide)"
	}
	return ""
}

// postNaverBuyer is the control POST /__fake/naver/product-orders/{product_order_id}/{event}.
func (s *Server) postNaverBuyer(w http.ResponseWriter, r *http.Request) {
	o, err := s.NaverBuyer(chi.URLParam(r, "product_order_id"), NaverBuyerEvent(chi.URLParam(r, "event")))
	switch {
	case errors.Is(err, errNoNaverOrder):
		writeError(w, http.StatusNotFound, codeFailure, msgNaverOrderAbsent)
	case errors.Is(err, ErrNaverState):
		writeError(w, http.StatusConflict, codeFailure, msgNaverState)
	case err != nil:
		writeError(w, http.StatusBadRequest, codeFailure, strings.TrimPrefix(err.Error(), "fake: "))
	default:
		writeOK(w, o)
	}
}

// loadNaverLocked indexes the product orders of a payment read from a
// state file, refusing what the fake itself never makes: an order without
// an id, or an id two orders share. A Naver Pay payment saved before the
// fake kept a Naver side gets the one it would have been given.
func (st *store) loadNaverLocked(rec *record) error {
	if rec.naver == nil {
		if err := st.prepareNaverLocked(rec); err != nil {
			return err
		}
		syncNaverWaiting(rec)
		if rec.naver == nil {
			return nil
		}
	}
	for _, o := range rec.naver.Orders {
		if o == nil || o.Order.ProductOrderID == "" {
			return errors.New("a product order without product_order_id")
		}
		id := o.Order.ProductOrderID
		if _, dup := st.naverIndex[id]; dup {
			return fmt.Errorf("product_order_id %s twice", id)
		}
		st.naverIndex[id] = rec.p.ImpUID
	}
	return nil
}
