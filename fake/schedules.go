package fake

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Scheduled payments (예약결제). A schedule runs, as an `again` payment on
// its billing key, the first time the fake's clock is at or past its
// schedule_at: on Advance and before each API request.

const (
	msgScheduleNotFound = "등록된 예약결제가 없는 merchant_uid입니다."
	maxScheduleRange    = 92 * 24 * time.Hour // "three months"
)

type scheduleRecord struct {
	s         generated.Schedule
	noticeURL string
	taxFree   float64
}

func (h *handlers) Schedule(w http.ResponseWriter, r *http.Request) {
	var req generated.SchedulePaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	key, hasKey := st.billingKeys[req.CustomerUID]
	refusal := ""
	switch {
	case !hasKey && deref(req.CardNumber) == "":
		refusal = msgScheduleNoCustomer
	case !hasKey && DeclinedCard(deref(req.CardNumber)):
		refusal = msgCardRefused
	case len(req.Schedules) == 0:
		refusal = "schedules가 비어 있습니다."
	}
	seen := map[string]bool{}
	for _, plan := range req.Schedules {
		if refusal != "" {
			break
		}
		switch _, dup := st.schedules[plan.MerchantUID]; {
		case dup || seen[plan.MerchantUID]:
			refusal = "이미 예약된 merchant_uid입니다: " + plan.MerchantUID
		case plan.ScheduleAt <= now:
			refusal = "schedule_at은 현재 시각 이후여야 합니다."
		}
		seen[plan.MerchantUID] = true
	}
	if refusal != "" {
		st.mu.Unlock()
		writeRefused(w, refusal)
		return
	}
	if !hasKey {
		key = st.saveKeyLocked(req.CustomerUID, deref(req.CardNumber), now)
	}
	out := make([]generated.Schedule, 0, len(req.Schedules))
	for _, plan := range req.Schedules {
		// KRW when omitted: the default PortOne's file gives the field
		// (the spec's SchedulePlan.currency says who omits it).
		currency := generated.Currency(cmp.Or(deref(plan.Currency), "KRW"))
		rec := &scheduleRecord{
			s: generated.Schedule{
				CustomerUID: req.CustomerUID, CustomerID: req.CustomerID, MerchantUID: plan.MerchantUID,
				ScheduleAt: plan.ScheduleAt, Amount: plan.Amount, Name: &plan.Name, Currency: &currency,
				CustomData: plan.CustomData,
				BuyerName:  cmp.Or(plan.BuyerName, key.CustomerName), BuyerEmail: cmp.Or(plan.BuyerEmail, key.CustomerEmail),
				BuyerTel: cmp.Or(plan.BuyerTel, key.CustomerTel), BuyerAddr: cmp.Or(plan.BuyerAddr, key.CustomerAddr),
				BuyerPostcode:  cmp.Or(plan.BuyerPostcode, key.CustomerPostcode),
				ScheduleStatus: generated.ScheduleStatusScheduled,
			},
			noticeURL: deref(plan.NoticeURL),
			taxFree:   deref(plan.TaxFree),
		}
		st.schedules[plan.MerchantUID] = rec
		st.scheduleSeq = append(st.scheduleSeq, rec)
		st.scheduleLocked(rec)
		out = append(out, rec.s)
	}
	st.mu.Unlock()
	writeOK(w, out)
}

func (h *handlers) Unschedule(w http.ResponseWriter, r *http.Request) {
	var req generated.UnschedulePaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	mids, uid := req.MerchantUID, deref(req.CustomerUID)
	if len(mids) == 0 && uid == "" {
		writeRefused(w, "customer_uid 또는 merchant_uid 중 하나는 보내야 합니다.")
		return
	}
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	var out []generated.Schedule
	for _, rec := range st.scheduleSeq {
		s := &rec.s
		if s.ScheduleStatus != generated.ScheduleStatusScheduled || (uid != "" && s.CustomerUID != uid) ||
			(len(mids) > 0 && !slices.Contains(mids, s.MerchantUID)) {
			continue
		}
		s.ScheduleStatus, s.RevokedAt = generated.ScheduleStatusRevoked, now
		out = append(out, *s)
	}
	st.mu.Unlock()
	if len(out) == 0 {
		writeRefused(w, msgNothingToUnschedule)
		return
	}
	writeOK(w, out)
}

func (h *handlers) GetScheduleByMid(w http.ResponseWriter, _ *http.Request, merchantUID generated.ScheduleMerchantUIDPath) {
	st := h.s.store
	st.mu.Lock()
	rec, ok := st.schedules[merchantUID]
	var s generated.Schedule
	if ok {
		s = rec.s
	}
	st.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgScheduleNotFound)
		return
	}
	writeOK(w, s)
}

func (h *handlers) FindSchedulesByCustomer(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath, params generated.FindSchedulesByCustomerParams) {
	h.listSchedules(w, customerUID, params.From, params.To, nonEmpty(params.ScheduleStatus), params.Page, nil, false)
}

func (h *handlers) FindSchedulesByCustomerAlt(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath, params generated.FindSchedulesByCustomerAltParams) {
	h.listSchedules(w, customerUID, params.From, params.To, nonEmpty(params.ScheduleStatus), params.Page, nil, false)
}

// nonEmpty reads an empty schedule-status= as omitted, as the server does
// (allowEmptyValue in the spec, with go-iamport's live tests as evidence).
func nonEmpty(status *generated.ScheduleStatus) *generated.ScheduleStatus {
	if status != nil && *status == "" {
		return nil
	}
	return status
}

func (h *handlers) FindSchedulesByRange(w http.ResponseWriter, _ *http.Request, params generated.FindSchedulesByRangeParams) {
	h.listSchedules(w, "", params.ScheduleFrom, params.ScheduleTo, params.ScheduleStatus, params.Page, params.Limit, params.Sorting != nil)
}

// listSchedules answers the schedules in [from, to) (at most three months),
// latest first unless ascending, as a page of limit (default 20) shaped
// like the payment listings: PortOne's clients read {total, previous,
// next, list} from all three schedule listings (the evidence is in the
// spec's findSchedulesByCustomer and docs/spec.md). A page past the last
// is an empty page: no source shows the server's answer to one.
func (h *handlers) listSchedules(w http.ResponseWriter, customerUID string, from, to int64, status *generated.ScheduleStatus, page, limit *int32, ascending bool) {
	if to <= from || to-from > int64(maxScheduleRange/time.Second) {
		writeError(w, http.StatusBadRequest, codeFailure, "조회 기간은 from < to, 최대 3개월입니다.")
		return
	}
	st := h.s.store
	st.mu.Lock()
	var list []generated.Schedule
	for _, rec := range st.scheduleSeq {
		s := rec.s
		if (customerUID == "" || s.CustomerUID == customerUID) && s.ScheduleAt >= from && s.ScheduleAt < to &&
			(status == nil || s.ScheduleStatus == *status) {
			list = append(list, s)
		}
	}
	st.mu.Unlock()
	slices.SortStableFunc(list, func(a, b generated.Schedule) int {
		if ascending {
			return cmp.Compare(a.ScheduleAt, b.ScheduleAt)
		}
		return cmp.Compare(b.ScheduleAt, a.ScheduleAt)
	})
	n, p := int(deref(limit)), int(deref(page))
	if n < 1 {
		n = defaultLimit
	}
	p = max(p, 1)
	start := min((p-1)*n, len(list))
	out := generated.SchedulePage{Total: int32(len(list)), List: slices.Clone(list[start:min(start+n, len(list))])}
	if out.List == nil {
		out.List = []generated.Schedule{}
	}
	if p > 1 {
		out.Previous = int32(p - 1)
	}
	if start+len(out.List) < len(list) {
		out.Next = int32(p + 1)
	}
	writeOK(w, out)
}

// runDueSchedules charges every schedule whose time has come, oldest
// first, and announces each outcome to its notice_url.
func (st *store) runDueSchedules() {
	now := st.clock.unix()
	type announce struct {
		url string
		p   generated.Payment
	}
	var sent []announce
	if !st.anyDue(now) {
		return
	}
	st.mu.Lock()
	for {
		// One at a time: charging marks the schedule executed, so a second
		// entry of the same schedule (moved to the same time) is stale.
		rec, ok := st.nextDueLocked(now)
		if !ok {
			break
		}
		p := st.chargeScheduleLocked(rec, now)
		sent = append(sent, announce{rec.noticeURL, p})
	}
	st.mu.Unlock()
	for _, a := range sent {
		st.notify(a.url, a.p)
	}
}

// chargeScheduleLocked runs one schedule as a billing-key payment. A key
// deleted since registration makes the payment fail.
func (st *store) chargeScheduleLocked(rec *scheduleRecord, now int64) generated.Payment {
	s := &rec.s
	var p generated.Payment
	if key, ok := st.billingKeys[s.CustomerUID]; ok {
		p = paymentFromKey(key, generated.CustomerUIDUsagePaymentScheduled)
	} else {
		uid := s.CustomerUID
		p = generated.Payment{CustomerUID: &uid, CustomerUIDUsage: new(generated.CustomerUIDUsagePaymentScheduled),
			Status: generated.PaymentStatusFailed, FailReason: new(msgBillingKeyNotFound)}
	}
	p.MerchantUID, p.Amount, p.Name, p.CustomData = s.MerchantUID, s.Amount, s.Name, s.CustomData
	p.BuyerName, p.BuyerEmail, p.BuyerTel, p.BuyerAddr, p.BuyerPostcode = s.BuyerName, s.BuyerEmail, s.BuyerTel, s.BuyerAddr, s.BuyerPostcode
	p.Currency = deref(s.Currency)
	chargedByAPI(&p)
	paid, err := st.addLocked(&record{p: p, taxFree: rec.taxFree, noticeURL: rec.noticeURL})
	s.ScheduleStatus, s.ExecutedAt = generated.ScheduleStatusExecuted, now
	if err != nil {
		s.PaymentStatus, s.FailReason = new(generated.SchedulePaymentStatusFailed), new(err.Error())
		return paid
	}
	s.ImpUID = &paid.ImpUID
	s.PaymentStatus = new(generated.SchedulePaymentStatus(paid.Status))
	s.FailReason = paid.FailReason
	return paid
}

// changeSchedule runs change on the schedule of merchantUID under the
// store lock; change returns a refusal (answered 400) or nothing.
func (h *handlers) changeSchedule(w http.ResponseWriter, merchantUID string, change func(*scheduleRecord, int64) string) {
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	rec, ok := st.schedules[merchantUID]
	refusal := ""
	var out generated.Schedule
	if ok {
		refusal = change(rec, now)
		out = rec.s
		if refusal == "" && rec.s.ScheduleStatus == generated.ScheduleStatusScheduled {
			st.scheduleLocked(rec) // its time may have moved
		}
	}
	st.mu.Unlock()
	writeChange(w, out, ok, msgScheduleNotFound, refusal)
}

// UpdateScheduleByMid moves a schedule that has not run yet.
func (h *handlers) UpdateScheduleByMid(w http.ResponseWriter, r *http.Request, merchantUID generated.ScheduleMerchantUIDPath) {
	var req generated.ScheduleAtRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.changeSchedule(w, merchantUID, func(rec *scheduleRecord, now int64) string {
		switch {
		case rec.s.ScheduleStatus != generated.ScheduleStatusScheduled:
			return "이미 실행되었거나 취소된 예약결제는 시각을 바꿀 수 없습니다."
		case req.ScheduleAt <= now:
			return "schedule_at은 현재 시각 이후여야 합니다."
		}
		rec.s.ScheduleAt = req.ScheduleAt
		return ""
	})
}

// RescheduleByMid gives a failed or revoked schedule a new time.
func (h *handlers) RescheduleByMid(w http.ResponseWriter, r *http.Request, merchantUID generated.ScheduleMerchantUIDPath) {
	var req generated.ScheduleAtRequest
	if !decodeBody(w, r, &req) {
		return
	}
	h.changeSchedule(w, merchantUID, func(rec *scheduleRecord, now int64) string {
		switch {
		case !retryable(rec.s):
			return "결제에 실패했거나 취소된 예약결제만 다시 예약할 수 있습니다."
		case req.ScheduleAt <= now:
			return "schedule_at은 현재 시각 이후여야 합니다."
		}
		rec.s.ScheduleAt, rec.s.ScheduleStatus = req.ScheduleAt, generated.ScheduleStatusScheduled
		rec.s.ExecutedAt, rec.s.RevokedAt = 0, 0
		rec.s.ImpUID, rec.s.PaymentStatus, rec.s.FailReason = nil, nil, nil
		return ""
	})
}

// RetryScheduleByMid charges a failed or revoked schedule now and answers
// the payment. A schedule whose key is gone answers 404, as documented.
func (h *handlers) RetryScheduleByMid(w http.ResponseWriter, _ *http.Request, merchantUID generated.ScheduleMerchantUIDPath) {
	st := h.s.store
	now := h.s.clock.unix()
	st.mu.Lock()
	rec, ok := st.schedules[merchantUID]
	if ok {
		_, hasKey := st.billingKeys[rec.s.CustomerUID]
		ok = hasKey
	}
	if !ok {
		st.mu.Unlock()
		writeError(w, http.StatusNotFound, codeFailure, msgScheduleNotFound)
		return
	}
	if !retryable(rec.s) {
		st.mu.Unlock()
		writeError(w, http.StatusBadRequest, codeFailure, "결제에 실패했거나 취소된 예약결제만 다시 시도할 수 있습니다.")
		return
	}
	// The order id of a failed attempt is taken; the retry is the same
	// order, so the failed payment keeps its imp_uid and a new one is made.
	p := st.chargeScheduleLocked(rec, now)
	st.mu.Unlock()
	st.notify(rec.noticeURL, p)
	writeOK(w, p)
}

func retryable(s generated.Schedule) bool {
	return s.ScheduleStatus == generated.ScheduleStatusRevoked ||
		(s.ScheduleStatus == generated.ScheduleStatusExecuted && deref(s.PaymentStatus) == generated.SchedulePaymentStatusFailed)
}
