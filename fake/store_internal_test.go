package fake

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// scanStatus is the listing as the fake computed it before it had
// indexes: filter every payment (all, as the table unpacks them), sort
// them all, cut the page. The indexed listStatus must agree with it on
// every question.
func scanStatus(all []*record, filter generated.PaymentStatusFilter, from, to int64, sorting generated.PaymentSorting, start, limit int) ([]string, int) {
	var recs []*record
	for _, rec := range all {
		if deref(rec.p.Sandbox) || (filter != generated.PaymentStatusFilterAll && string(rec.p.Status) != string(filter)) {
			continue
		}
		if t := statusTime(rec.p); t >= from && t <= to {
			recs = append(recs, rec)
		}
	}
	sortRecords(recs, sorting)
	var ids []string
	for _, r := range recs[min(start, len(recs)):min(start+limit, len(recs))] {
		ids = append(ids, r.p.ImpUID)
	}
	return ids, len(recs)
}

var (
	allStatuses = []generated.PaymentStatus{generated.PaymentStatusReady, generated.PaymentStatusPaid,
		generated.PaymentStatusCancelled, generated.PaymentStatusFailed}
	allFilters = []generated.PaymentStatusFilter{generated.PaymentStatusFilterAll, generated.PaymentStatusFilterReady,
		generated.PaymentStatusFilterPaid, generated.PaymentStatusFilterCancelled, generated.PaymentStatusFilterFailed}
	allSortings = []generated.PaymentSorting{"", generated.PaymentSortingStartedAsc, generated.PaymentSortingStartedDesc,
		generated.PaymentSortingPaidAsc, generated.PaymentSortingPaidDesc, generated.PaymentSortingUpdatedAsc, generated.PaymentSortingUpdatedDesc}
)

// After random payments and random cancels (which move payments between
// statuses and change their updated time), every index answers what a
// full scan answers: status listings for every filter, sorting, window
// and page, the payments of an order and of a billing key. And no cancel
// ever took back more than was paid.
func TestIndexesAgreeWithRecords(t *testing.T) {
	const base = 1_750_000_000
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 10))
		c := newClock(func() time.Time { return time.Unix(base, 0) })
		st := newStore(c, newNotifier(nil))
		for i := range 300 {
			at := int64(base - r.IntN(50)*60) // few distinct times: many ties
			p := generated.Payment{
				ImpUID: fmt.Sprintf("imp_%d", i), MerchantUID: fmt.Sprintf("order_%d", r.IntN(60)),
				Amount: float64(1 + r.IntN(5)*1000), Status: allStatuses[r.IntN(len(allStatuses))],
				StartedAt: new(at - int64(r.IntN(5))), Sandbox: new(r.IntN(10) == 0),
			}
			if r.IntN(3) == 0 {
				p.CustomerUID = new(fmt.Sprintf("cust_%d", r.IntN(5)))
			}
			switch p.Status {
			case generated.PaymentStatusPaid:
				p.PaidAt = at
			case generated.PaymentStatusCancelled:
				p.PaidAt, p.CancelledAt, p.CancelAmount = at-10, at, p.Amount
			case generated.PaymentStatusFailed:
				p.FailedAt = at
			}
			if _, err := st.add(&record{p: p}); err != nil {
				t.Fatal(err)
			}
			if r.IntN(2) == 0 { // a cancel of part or all of some payment, some refused
				c.advance(time.Duration(r.IntN(3)) * time.Second)
				id := fmt.Sprintf("imp_%d", r.IntN(i+1))
				req := generated.CancelPaymentRequest{Amount: new(float64(r.IntN(4) * 700))}
				st.update(id, func(rec *record) (string, bool) { return applyCancel(rec, req, c.unix()) })
			}
		}
		// Unpacked once, and the pages' payments known by their stored
		// bytes: decoding each of the 120,000 took minutes under -race.
		all := slices.Collect(st.payments.All())
		idOfWire := map[*byte]string{}
		for s := range st.payments.t.All() {
			idOfWire[&st.payments.wireOf(s)[0]] = string(st.payments.keysOf(s).impUID)
		}
		for _, rec := range all {
			var sum float64
			for _, h := range rec.p.CancelHistory {
				sum += h.Amount
			}
			if rec.p.CancelAmount > rec.p.Amount || sum > rec.p.CancelAmount { // whole won: exact in float64
				t.Fatalf("%s: cancelled %v (history %v) of %v", rec.p.ImpUID, rec.p.CancelAmount, sum, rec.p.Amount)
			}
		}
		for range 400 {
			filter, sorting := allFilters[r.IntN(len(allFilters))], allSortings[r.IntN(len(allSortings))]
			from := int64(base - r.IntN(60)*60)
			to := from + int64(r.IntN(4000))
			if r.IntN(3) == 0 { // the whole store: the window every default listing has
				from, to = base-1e6, base+1e6
			}
			start, limit := r.IntN(40), 1+r.IntN(30)
			page, total := st.listStatus(filter, from, to, sorting, start, limit)
			var got []string
			for _, raw := range page {
				got = append(got, idOfWire[&raw[0]])
			}
			want, wantTotal := scanStatus(all, filter, from, to, sorting, start, limit)
			if total != wantTotal || !slices.Equal(got, want) {
				t.Fatalf("seed %d: %s [%d, %d] %q from %d limit %d:\n got %d %v\nwant %d %v",
					seed, filter, from, to, sorting, start, limit, total, got, wantTotal, want)
			}
		}
		for i := range 60 {
			order := fmt.Sprintf("order_%d", i)
			if got, want := storedIDs(st, st.payments.byOrder.Of(order)), scanIDs(all, func(r *record) bool { return r.p.MerchantUID == order }); !slices.Equal(got, want) {
				t.Fatalf("payments of %s: %v, want %v", order, got, want)
			}
		}
		for i := range 5 {
			cust := fmt.Sprintf("cust_%d", i)
			if got, want := storedIDs(st, st.payments.byCustomer.Of(cust)), scanIDs(all, func(r *record) bool { return deref(r.p.CustomerUID) == cust }); !slices.Equal(got, want) {
				t.Fatalf("payments of %s: %v, want %v", cust, got, want)
			}
		}
	}
}

// storedIDs names the payments an index yields by their stored keys,
// without unpacking them (the unpacking itself is TestPackRoundTrip's).
func storedIDs(st *store, seq iter.Seq[*storedPayment]) []string {
	var out []string
	for s := range seq {
		out = append(out, string(st.payments.keysOf(s).impUID))
	}
	return out
}

func scanIDs(all []*record, keep func(*record) bool) []string {
	var out []string
	for _, rec := range all {
		if keep(rec) {
			out = append(out, rec.p.ImpUID)
		}
	}
	return out
}

// Schedules run once each, in time order, however often their time was
// moved: the heap's stale entries are dropped, never charged.
func TestDueSchedulesRunOnceInTimeOrder(t *testing.T) {
	c := newClock(func() time.Time { return time.Unix(1_750_000_000, 0) })
	st := newStore(c, newNotifier(nil))
	now := c.unix()
	st.billingKeys["cust"] = &generated.BillingKeyCustomer{CustomerUID: "cust"}
	var order []string
	for i, at := range []int64{30, 10, 20, 10} {
		rec := &scheduleRecord{s: generated.Schedule{CustomerUID: "cust", MerchantUID: fmt.Sprint("s", i),
			ScheduleAt: now + at, Amount: 100, ScheduleStatus: generated.ScheduleStatusScheduled}}
		st.schedules[rec.s.MerchantUID] = rec
		st.scheduleSeq = append(st.scheduleSeq, rec)
		st.scheduleLocked(rec)
		for range 100 { // moved away and back, as UpdateScheduleByMid would
			rec.s.ScheduleAt++
			st.scheduleLocked(rec)
			rec.s.ScheduleAt--
			st.scheduleLocked(rec)
		}
	}
	if len(st.due) > 2*len(st.schedules)+65 {
		t.Fatalf("%d heap entries for %d schedules: stale entries pile up", len(st.due), len(st.schedules))
	}
	c.advance(25 * time.Second)
	st.runDueSchedules()
	c.advance(time.Minute)
	st.runDueSchedules()
	for rec := range st.payments.All() {
		order = append(order, rec.p.MerchantUID)
	}
	if want := []string{"s1", "s3", "s2", "s0"}; !slices.Equal(order, want) {
		t.Fatalf("charged %v, want %v (each once, by time then registration)", order, want)
	}
}
