package fake

import (
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"sync"

	"github.com/portone-community/portone-v1-go/generated"
)

// record is a payment as the fake keeps it: the object the API returns
// plus what the API knows but does not show.
type record struct {
	p         generated.Payment
	seq       int     // creation order, the tie-breaker of every sort
	updatedAt int64   // last status change, for sorting=updated
	taxFree   float64 // tax-free part of the amount (면세공급가액)
	noticeURL string
	// cancelTaxFree[i] is the tax-free part of p.CancelHistory[i].
	cancelTaxFree []float64
	// receipt is the cash receipt (현금영수증) issued through the API, if any.
	receipt *generated.Receipt
	// logis is the delivery registered for an escrow payment, if any.
	logis *generated.EscrowLogis
	// naver is the Naver Pay side of a naverco or naverpay payment
	// (naverpay.go); naverSeed the product orders a seed gave, until stored.
	naver     *naverPayment
	naverSeed []generated.NaverProductOrder
}

// store is the fake merchant's data: payments and registered amounts.
// One read-write mutex guards it all: lookups and listings take it for
// reading and cost O(1) and O(log n + limit) under it (the indexes of
// payments), so they never queue behind one another; answers are built
// from copies.
type store struct {
	clock    *clock
	webhooks *notifier

	mu       sync.RWMutex
	seq      int
	payments *paymentTable
	prepared map[string]preparedAmount

	billingKeys map[string]*generated.BillingKeyCustomer // by customer_uid
	schedules   map[string]*scheduleRecord               // by merchant_uid
	scheduleSeq []*scheduleRecord                        // registration order
	due         dueSchedules                             // by schedule_at
	dueSeq      int

	externalReceipts map[string]generated.ExternalReceipt // by merchant_uid
	certifications   map[string]*generated.Certification  // by imp_uid

	naverIndex   map[string]string // product_order_id -> imp_uid
	naverReviews []naverReview     // in the order they were added
}

func newStore(c *clock, n *notifier) *store {
	return &store{
		clock:    c,
		webhooks: n,
		payments: newPaymentTable(),
		prepared: map[string]preparedAmount{},

		billingKeys: map[string]*generated.BillingKeyCustomer{},
		schedules:   map[string]*scheduleRecord{},

		externalReceipts: map[string]generated.ExternalReceipt{},
		certifications:   map[string]*generated.Certification{},

		naverIndex: map[string]string{},
	}
}

// get returns a copy of the payment with imp_uid id: the table unpacks a
// new one each time (stored_payment.go), and handlers change records only
// through update.
func (st *store) get(id string) (generated.Payment, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	rec, ok := st.payments.Get(id)
	if !ok {
		return generated.Payment{}, false
	}
	return rec.p, true
}

// wire returns the payment with imp_uid id as an answer writes it, and
// whether it is a sandbox payment: a lookup needs no decoding.
func (st *store) wire(id string) (payment json.RawMessage, sandbox, ok bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.payments.wire(id)
}

// getRecord returns a copy of the record with imp_uid id.
func (st *store) getRecord(id string) (*record, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	rec, ok := st.payments.Get(id)
	if !ok {
		return nil, false
	}
	return copyRecord(rec), true
}

// newest returns copies of the latest n payments, newest first.
func (st *store) newest(n int) []generated.Payment {
	st.mu.RLock()
	defer st.mu.RUnlock()
	var out []generated.Payment
	for rec := range st.payments.Newest() {
		if len(out) == n {
			break
		}
		out = append(out, rec.p)
	}
	return out
}

// copyRecord is a copy of a record the table unpacked that shares no
// memory that changes: unpacking copies all but the Naver side.
func copyRecord(rec *record) *record {
	c := *rec
	c.naver = rec.naver.clone()
	return &c
}

// ofOrder returns copies of the payments of merchantUID, in creation
// order: O(payments of the order).
func (st *store) ofOrder(merchantUID string) []*record {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.payments.ofOrder(merchantUID))
}

// ofCustomer returns copies of the payments made with the billing key of
// customerUID, in creation order.
func (st *store) ofCustomer(customerUID string) []*record {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return copyAll(st.payments.ofCustomer(customerUID))
}

func copyAll(recs iter.Seq[*record]) []*record {
	var out []*record
	for rec := range recs {
		out = append(out, copyRecord(rec))
	}
	return out
}

// add stores a completed payment, checking the amount registered with
// preparePayment the way PortOne does when the payment window opens: a
// different amount makes the payment fail.
func (st *store) add(rec *record) (generated.Payment, error) {
	st.mu.Lock()
	out, err := st.addLocked(rec)
	st.mu.Unlock()
	if err == nil {
		st.notify(rec.noticeURL, out)
	}
	return out, err
}

// addLocked is add for callers holding st.mu; they send the webhook.
func (st *store) addLocked(rec *record) (generated.Payment, error) {
	st.seq++
	rec.seq = st.seq
	now := st.clock.unix()
	completePayment(&rec.p, rec.seq, now)
	if st.payments.has(rec.p.ImpUID) {
		return generated.Payment{}, fmt.Errorf("imp_uid %s already exists", rec.p.ImpUID)
	}
	switch prep, prepared := st.prepared[rec.p.MerchantUID]; {
	case rec.p.Status != generated.PaymentStatusPaid:
	case prepared && !prep.matches(rec.p):
		failPayment(&rec.p, now, "사전 등록된 금액과 결제 금액이 다릅니다.")
	case rec.p.PayMethod == "card" && DeclinedCard(deref(rec.p.CardNumber)):
		failPayment(&rec.p, now, "카드사 승인 거절 (portone-fake: 거절용 테스트 카드)")
	}
	rec.updatedAt = lastChange(rec.p)
	if err := st.prepareNaverLocked(rec); err != nil {
		return generated.Payment{}, err
	}
	if err := st.payments.Insert(rec); err != nil {
		return generated.Payment{}, fmt.Errorf("imp_uid %s already exists", rec.p.ImpUID)
	}
	st.indexNaverLocked(rec)
	return rec.p, nil
}

// update runs change on the record with imp_uid id under the lock. change
// returns a refusal message (nothing changed) or whether the new status is
// announced to the payment's notice_url.
func (st *store) update(id string, change func(*record) (refusal string, announce bool)) (generated.Payment, string, bool) {
	st.mu.Lock()
	var refusal string
	var announce bool
	var rec *record
	found := st.payments.Update(id, func(r *record) {
		rec = r
		if refusal, announce = change(r); refusal == "" {
			r.updatedAt = lastChange(r.p)
			syncNaverWaiting(r)
		}
	})
	if !found {
		st.mu.Unlock()
		return generated.Payment{}, "", false
	}
	if refusal != "" {
		st.mu.Unlock()
		return generated.Payment{}, refusal, true
	}
	out := rec.p
	url := rec.noticeURL
	st.mu.Unlock()

	if announce {
		st.notify(url, out)
	}
	return out, "", true
}

// msgOrderAlreadyPaid refuses a second payment of one order.
const msgOrderAlreadyPaid = "이미 결제가 완료된 merchant_uid입니다."

// addOrderLocked stores a payment the merchant's server asked for through
// the API (onetime, again, createVbank), for callers holding st.mu. It
// answers a refusal instead when the order is already paid: PortOne never
// takes money twice for one merchant_uid.
func (st *store) addOrderLocked(rec *record) (generated.Payment, string) {
	if st.orderPaidLocked(rec.p.MerchantUID) {
		return generated.Payment{}, msgOrderAlreadyPaid
	}
	p, err := st.addLocked(rec)
	if err != nil {
		return generated.Payment{}, err.Error()
	}
	return p, ""
}

// answerOrder answers what addOrderLocked returned, once st.mu is
// released: the refusal with code 1, or the payment, announced to its
// notice_url.
func (st *store) answerOrder(w http.ResponseWriter, noticeURL string, p generated.Payment, refusal string) {
	if refusal != "" {
		writeRefused(w, refusal)
		return
	}
	st.notify(noticeURL, p)
	writeOK(w, p)
}

// orderPaidLocked says whether merchantUID already has a paid payment.
func (st *store) orderPaidLocked(merchantUID string) bool {
	return st.payments.orderPaid(merchantUID)
}

func (st *store) notify(url string, p generated.Payment) {
	st.webhooks.send(url, Webhook{ImpUID: p.ImpUID, MerchantUID: p.MerchantUID, Status: string(p.Status)})
}

func failPayment(p *generated.Payment, now int64, reason string) {
	p.Status, p.PaidAt, p.FailedAt, p.FailReason = generated.PaymentStatusFailed, 0, now, &reason
	p.ReceiptURL, p.ApplyNum = nil, nil
}

func lastChange(p generated.Payment) int64 {
	t := deref(p.StartedAt)
	for _, v := range []int64{p.PaidAt, p.FailedAt, p.CancelledAt} {
		t = max(t, v)
	}
	return t
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
