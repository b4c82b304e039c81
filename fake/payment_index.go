package fake

import (
	"github.com/portone-community/portone-v1-go/fake/internal/records"
	"github.com/portone-community/portone-v1-go/generated"
)

// paymentTable is the payments by imp_uid with the indexes the API's
// questions need, so that none of them scans the store: the payments of
// an order (find, findAll, the one-paid-payment rule), of a billing key,
// and for the status listings each status's payments ordered by every
// sort key and by the timestamp the window filters on. Sandbox payments
// are in no listing index: listings never show them.
type paymentTable struct {
	*records.Table[record]
	byOrder    *records.Group[record]
	byCustomer *records.Group[record]
	byStatus   listingIndex // partitions: each status
	all        listingIndex // one partition, allPartition
}

// listingIndex orders the payments of each partition by each sort key
// and by statusTime.
type listingIndex struct {
	sorted [sortKeys]*records.Sorted[record]
	window *records.Sorted[record]
}

type sortKey int

const (
	sortStarted sortKey = iota
	sortPaid
	sortUpdated
	sortKeys
)

const allPartition = "all"

func newPaymentTable() *paymentTable {
	t := records.NewTable(func(r *record) string { return r.p.ImpUID })
	pt := &paymentTable{
		Table:      t,
		byOrder:    t.GroupBy(func(r *record) (string, bool) { return r.p.MerchantUID, true }),
		byCustomer: t.GroupBy(func(r *record) (string, bool) { return deref(r.p.CustomerUID), r.p.CustomerUID != nil }),
	}
	pt.byStatus = newListingIndex(t, func(r *record) (string, bool) { return string(r.p.Status), !deref(r.p.Sandbox) })
	pt.all = newListingIndex(t, func(r *record) (string, bool) { return allPartition, !deref(r.p.Sandbox) })
	return pt
}

func newListingIndex(t *records.Table[record], part func(*record) (string, bool)) listingIndex {
	var li listingIndex
	for k := range sortKeys {
		li.sorted[k] = t.SortBy(part, k.of)
	}
	li.window = t.SortBy(part, func(r *record) int64 { return statusTime(r.p) })
	return li
}

func (k sortKey) of(r *record) int64 {
	switch k {
	case sortPaid:
		return r.p.PaidAt
	case sortUpdated:
		return r.updatedAt
	}
	return deref(r.p.StartedAt)
}

// sortOf reads a sorting parameter; the default is -started.
func sortOf(sorting generated.PaymentSorting) (key sortKey, desc bool) {
	switch sorting {
	case generated.PaymentSortingStartedAsc:
		return sortStarted, false
	case generated.PaymentSortingPaidDesc, generated.PaymentSortingPaidAsc:
		return sortPaid, sorting == generated.PaymentSortingPaidDesc
	case generated.PaymentSortingUpdatedDesc, generated.PaymentSortingUpdatedAsc:
		return sortUpdated, sorting == generated.PaymentSortingUpdatedDesc
	}
	return sortStarted, true
}

// windowIsSortKey says whether statusTime of the payments of a status is
// the sort key (paid payments by paid_at, ready ones by started_at): the
// window is then a run of consecutive positions of the index.
func windowIsSortKey(status string, key sortKey) bool {
	return (status == string(generated.PaymentStatusPaid) && key == sortPaid) ||
		(status == string(generated.PaymentStatusReady) && key == sortStarted)
}

// listStatus returns copies of the payments of one page (start, limit: already checked)
// of the payments of filter whose statusTime is in [from, to], sorted,
// and how many there are in all. It costs O(log n + limit) when the
// window holds every payment of the status (the default 90 days of a
// store younger than that) or filters on the sort key; otherwise it
// walks the sorted payments, skipping those outside the window.
func (st *store) listStatus(filter generated.PaymentStatusFilter, from, to int64, sorting generated.PaymentSorting, start, limit int) (page []generated.Payment, total int) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	idx, part := st.payments.byStatus, string(filter)
	if filter == generated.PaymentStatusFilterAll {
		idx, part = st.payments.all, allPartition
	}
	key, desc := sortOf(sorting)
	sorted := idx.sorted[key]
	total = idx.window.Count(part, from, to)
	if start >= total {
		return nil, total
	}
	page = make([]generated.Payment, 0, min(limit, total-start))
	take := func(seq func(func(*record) bool), inWindow bool) {
		skip := 0
		if !inWindow {
			skip = start
		}
		for rec := range seq {
			if len(page) == limit {
				return
			}
			if !inWindow {
				if t := statusTime(rec.p); t < from || t > to {
					continue
				}
				if skip > 0 {
					skip--
					continue
				}
			}
			page = append(page, clonePayment(rec.p))
		}
	}
	switch n := sorted.Len(part); {
	case total == n: // positions of the index are positions of the listing
		if desc {
			take(sorted.Descending(part, n-1-start), true)
		} else {
			take(sorted.Ascending(part, start), true)
		}
	case windowIsSortKey(part, key): // the window is positions [lo, lo+total)
		lo := idx.window.Rank(part, from)
		limit = min(limit, total-start)
		if desc {
			take(idx.window.Descending(part, lo+total-1-start), true)
		} else {
			take(idx.window.Ascending(part, lo+start), true)
		}
	default:
		if desc {
			take(sorted.Descending(part, n-1), false)
		} else {
			take(sorted.Ascending(part, 0), false)
		}
	}
	return page, total
}
