package fake

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
)

// Billing keys (빌링키) and the payments made with them. The fake issues
// ordinary keys only, on one html5_inicis channel; super billing keys
// (channel groups) are not emulated.

const (
	msgBillingKeyNotFound = "등록된 빌링키가 없는 customer_uid입니다."
	msgCardRefused        = "카드사에서 빌링키 발급을 거절했습니다. (portone-fake: 거절용 테스트 카드)"
	billingPG             = "html5_inicis"
	billingPGID           = "INIBillTst"
)

func (h *handlers) CustomerSave(w http.ResponseWriter, r *http.Request, customerUID generated.CustomerUIDPath) {
	var req generated.SaveBillingKeyRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if DeclinedCard(deref(req.CardNumber)) {
		writeRefused(w, msgCardRefused)
		return
	}
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	key := st.saveKeyLocked(customerUID, deref(req.CardNumber), now)
	key.CustomerID = req.CustomerID
	key.CustomerName, key.CustomerTel, key.CustomerEmail = req.CustomerName, req.CustomerTel, req.CustomerEmail
	key.CustomerAddr, key.CustomerPostcode = req.CustomerAddr, req.CustomerPostcode
	out := *key
	st.mu.Unlock()
	writeOK(w, billingKey(out))
}

// saveKeyLocked creates or refreshes the key of customerUID from a card
// number (kept masked only).
func (st *store) saveKeyLocked(customerUID, cardNumber string, now int64) *generated.BillingKeyCustomer {
	key, ok := st.billingKeys[customerUID]
	if !ok {
		key = &generated.BillingKeyCustomer{CustomerUID: customerUID, Inserted: now, PgProvider: billingPG, PgID: billingPGID}
		st.billingKeys[customerUID] = key
	}
	key.Updated = now
	key.CardCode, key.CardName = new("366"), new("신한카드")
	key.CardNumber = new(maskCard(cardNumber))
	key.CardType = new(generated.CardType(0))
	return key
}

// billingKeyUnknown answers a lookup or delete of a customer_uid without a
// key: HTTP 200, code 1, response null, although PortOne's file documents a
// 404. Four clients' tests against api.iamport.kr show the 200: go-iamport's
// subscribe_customer/subscribe_customer_test.go (TestGetBillingKeyByCustomer,
// TestDeleteBillingKey: no error from its HTTP layer, which fails every
// status but 200) and iamport/subscribe_customer_test.go (the server's
// message in the error, which it only reports for HTTP 200, code != 0);
// iamport-rest-client-python's tests/test_customer_get.py
// (pytest.raises(ResponseError), raised only for HTTP 200 with code != 0;
// a 404 raises HttpError); npm iamporter's test/subscription.test.js
// (rejected with the message, while iamporter resolves every 404); and
// pypi iamporter's tests (find_billkey, delete_billkey: code 1 and the full
// message). make test-clients runs go-iamport's and iamporter's calls.
func billingKeyUnknown(w http.ResponseWriter, customerUID string) {
	writeError(w, http.StatusOK, codeRefused, msgBillingKeyUnknown(customerUID))
}

func (h *handlers) CustomerView(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath) {
	key, ok := h.s.store.billingKey(customerUID)
	if !ok {
		billingKeyUnknown(w, customerUID)
		return
	}
	writeOK(w, billingKey(key))
}

func (h *handlers) CustomerViewMultiple(w http.ResponseWriter, _ *http.Request, params generated.CustomerViewMultipleParams) {
	found := []generated.BillingKey{}
	for _, id := range params.CustomerUID {
		if key, ok := h.s.store.billingKey(id); ok {
			found = append(found, billingKey(key))
		}
	}
	switch {
	case len(found) == 0:
		writeError(w, http.StatusNotFound, codeFailure, msgBillingKeyNotFound)
	case len(found) < len(params.CustomerUID):
		writeStatusOK(w, http.StatusMultiStatus, found)
	default:
		writeOK(w, found)
	}
}

func (h *handlers) CustomerDelete(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath, _ generated.CustomerDeleteParams) {
	st := h.s.store
	st.mu.Lock()
	key, ok := st.billingKeys[customerUID]
	delete(st.billingKeys, customerUID)
	st.mu.Unlock()
	if !ok {
		billingKeyUnknown(w, customerUID)
		return
	}
	writeOK(w, billingKey(*key))
}

// CustomerPayments answers a page of the key's payments; for a customer_uid
// without a key or payments, an empty page with code 0 (go-iamport's tests
// against api.iamport.kr, TestGetPaymentsByCustomer in iamport/ and
// subscribe_customer/: no error and no payments for a random customer_uid;
// the spec's description). page 0 is page 1 (pageBounds).
func (h *handlers) CustomerPayments(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath, params generated.CustomerPaymentsParams) {
	recs := h.s.store.ofCustomer(customerUID)
	sortRecords(recs, generated.PaymentSortingStartedDesc)
	writePage(w, recs, params.Page, nil)
}

// Onetime charges card details; with customer_uid it also stores them as
// a billing key.
func (h *handlers) Onetime(w http.ResponseWriter, r *http.Request) {
	var req generated.OnetimePaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	p := generated.Payment{
		MerchantUID: req.MerchantUID, Amount: req.Amount, Name: req.Name, CustomData: req.CustomData,
		BuyerName: req.BuyerName, BuyerEmail: req.BuyerEmail, BuyerTel: req.BuyerTel,
		BuyerAddr: req.BuyerAddr, BuyerPostcode: req.BuyerPostcode,
		CardNumber: new(maskCard(deref(req.CardNumber))),
		CardQuota:  deref(req.CardQuota),
	}
	if req.Currency != nil {
		p.Currency = *req.Currency
	}
	st := h.s.store
	st.mu.Lock()
	if uid := deref(req.CustomerUID); uid != "" && !DeclinedCard(deref(req.CardNumber)) {
		key := st.saveKeyLocked(uid, deref(req.CardNumber), st.clock.unix())
		key.CustomerName, key.CustomerTel, key.CustomerEmail = req.BuyerName, req.BuyerTel, req.BuyerEmail
		key.CustomerAddr, key.CustomerPostcode = req.BuyerAddr, req.BuyerPostcode
		p.CustomerUID, p.CustomerUIDUsage = &uid, new(generated.CustomerUIDUsageIssue)
	}
	chargedByAPI(&p)
	out, refusal := st.addOrderLocked(&record{p: p, taxFree: deref(req.TaxFree), noticeURL: deref(req.NoticeURL)})
	st.mu.Unlock()
	st.answerOrder(w, deref(req.NoticeURL), out, refusal)
}

// Again charges a stored billing key.
func (h *handlers) Again(w http.ResponseWriter, r *http.Request) {
	var req generated.AgainPaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	st := h.s.store
	st.mu.Lock()
	key, ok := st.billingKeys[req.CustomerUID]
	if !ok {
		st.mu.Unlock()
		writeRefused(w, msgCustomerNotRegistered)
		return
	}
	p := paymentFromKey(key, generated.CustomerUIDUsagePayment)
	p.MerchantUID, p.Amount, p.Name, p.CustomData = req.MerchantUID, req.Amount, req.Name, req.CustomData // no name: null, as onetime without one (recording 027)
	p.BuyerName, p.BuyerEmail, p.BuyerTel = cmp.Or(req.BuyerName, key.CustomerName), cmp.Or(req.BuyerEmail, key.CustomerEmail), cmp.Or(req.BuyerTel, key.CustomerTel)
	p.BuyerAddr, p.BuyerPostcode = cmp.Or(req.BuyerAddr, key.CustomerAddr), cmp.Or(req.BuyerPostcode, key.CustomerPostcode)
	p.CardQuota = deref(req.CardQuota)
	if req.Currency != nil {
		p.Currency = *req.Currency
	}
	chargedByAPI(&p)
	out, refusal := st.addOrderLocked(&record{p: p, taxFree: deref(req.TaxFree), noticeURL: deref(req.NoticeURL)})
	st.mu.Unlock()
	st.answerOrder(w, deref(req.NoticeURL), out, refusal)
}

// chargedByAPI marks a card payment the merchant's server made with a
// billing key or card details: no payment window, one billing channel.
func chargedByAPI(p *generated.Payment) {
	p.PayMethod, p.PgProvider, p.PgID = "card", billingPG, new(billingPGID)
	p.Channel = new(generated.PaymentChannelAPI)
}

func paymentFromKey(key *generated.BillingKeyCustomer, usage generated.CustomerUIDUsage) generated.Payment {
	uid := key.CustomerUID
	return generated.Payment{
		CustomerUID: &uid, CustomerUIDUsage: &usage,
		CardCode: key.CardCode, CardName: key.CardName, CardNumber: key.CardNumber, CardType: key.CardType,
	}
}

func (st *store) billingKey(customerUID string) (generated.BillingKeyCustomer, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	key, ok := st.billingKeys[customerUID]
	if !ok {
		return generated.BillingKeyCustomer{}, false
	}
	return *key, true
}

func billingKey(key generated.BillingKeyCustomer) generated.BillingKey {
	// Marshalling a plain struct cannot fail.
	var out generated.BillingKey
	raw, _ := marshalAnswer(key)
	_ = out.UnmarshalJSON(raw)
	return out
}

// DeclinedCard says whether the card company refuses a card: in the fake,
// every card number ending in 0002 (masked or not) is refused, so that a
// test can exercise the "code 0 but status failed" answer of onetime,
// again and scheduled payments. Other numbers are approved.
func DeclinedCard(number string) bool {
	return strings.HasSuffix(number, "0002")
}

// maskCard hides all but the first 6 and last 4 digits, as PGs report.
func maskCard(number string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, number)
	if len(digits) < 10 {
		return strings.Repeat("*", len(digits))
	}
	return digits[:6] + strings.Repeat("*", len(digits)-10) + digits[len(digits)-4:]
}
