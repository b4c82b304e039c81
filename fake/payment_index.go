package fake

import (
	"encoding/json"
	"iter"

	"github.com/portone-community/portone-v1-go/fake/internal/records"
	"github.com/portone-community/portone-v1-go/generated"
)

// paymentTable is the payments by imp_uid with the indexes the API's
// questions need, so that none of them scans the store: the payments of
// an order (find, findAll, the one-paid-payment rule), of a billing key,
// and for the status listings each status's payments ordered by every
// sort key and by the timestamp the window filters on. Sandbox payments
// are in no listing index: listings never show them.
//
// The table keeps each record packed (stored_payment.go); its methods
// take and give records, each one unpacked afresh: a change goes through
// Update, which packs the record again and moves it in the indexes.
type paymentTable struct {
	t          *records.Table[storedPayment]
	blobs      *records.Blobs           // the records' strings (stored_payment.go)
	extras     map[string]*recordExtras // by imp_uid, for records with hasExtras
	byOrder    *records.Group[storedPayment]
	byCustomer *records.Group[storedPayment]
	byStatus   listingIndex // partitions: each status
	all        listingIndex // one partition, allPartition
}

func newPaymentTable() *paymentTable {
	pt := &paymentTable{blobs: &records.Blobs{}, extras: map[string]*recordExtras{}}
	t := records.NewTable(func(s *storedPayment) string { return string(pt.keysOf(s).impUID) })
	pt.t = t
	pt.byOrder = t.GroupBy(func(s *storedPayment) (string, bool) { return string(pt.keysOf(s).merchantUID), true })
	pt.byCustomer = t.GroupBy(func(s *storedPayment) (string, bool) {
		return string(pt.keysOf(s).customerUID), s.hasCustomer
	})
	pt.byStatus = newListingIndex(t, func(s *storedPayment) (string, bool) { return string(pt.keysOf(s).status), !s.sandbox })
	pt.all = newListingIndex(t, func(s *storedPayment) (string, bool) { return allPartition, !s.sandbox })
	return pt
}

// Len is the number of payments.
func (pt *paymentTable) Len() int { return pt.t.Len() }

// Get returns the record with imp_uid id, unpacked: a change to it stays
// its own unless it goes through Update.
func (pt *paymentTable) Get(id string) (*record, bool) {
	s, ok := pt.t.Get(id)
	if !ok {
		return nil, false
	}
	return pt.unpack(s), true
}

// has says whether a payment with imp_uid id exists, without unpacking it.
func (pt *paymentTable) has(id string) bool {
	_, ok := pt.t.Get(id)
	return ok
}

// wire is the payment with imp_uid id as an answer writes it, and whether
// it is a sandbox payment, without decoding it.
func (pt *paymentTable) wire(id string) (payment json.RawMessage, sandbox, ok bool) {
	s, ok := pt.t.Get(id)
	if !ok {
		return nil, false, false
	}
	return pt.wireOf(s), s.sandbox, true
}

// Insert adds a new record, packed.
func (pt *paymentTable) Insert(rec *record) error {
	if pt.has(rec.p.ImpUID) {
		return records.ErrDuplicate // before pack, which would replace the other's extras
	}
	s := pt.pack(rec)
	return pt.t.Insert(&s)
}

// Update runs change on the record with imp_uid id and stores the record
// as change left it, refusal or not. It reports whether the record exists.
// The record's old bytes are freed, and once freed bytes outweigh live
// ones the table's Blobs is replaced by a compacted copy.
func (pt *paymentTable) Update(id string, change func(*record)) bool {
	found := pt.t.Update(id, func(s *storedPayment) {
		rec := pt.unpack(s)
		change(rec)
		old := s.blob
		*s = pt.pack(rec)
		pt.blobs.Free(old)
	})
	if pt.blobs.Wasteful() {
		pt.compact()
	}
	return found
}

// compact copies the live bytes into a new Blobs: O(live bytes), paid for
// by the frees since the last time. Slices of the old chunks that answers
// still hold stay as they are (Blobs never writes over stored bytes).
func (pt *paymentTable) compact() {
	fresh := &records.Blobs{}
	for s := range pt.t.All() {
		s.blob = fresh.Put(pt.blobs.Bytes(s.blob))
	}
	pt.blobs = fresh
}

// All yields every record in creation order, unpacked.
func (pt *paymentTable) All() iter.Seq[*record] { return pt.unpacked(pt.t.All()) }

// Newest yields the records from the latest created backward, unpacked.
func (pt *paymentTable) Newest() iter.Seq[*record] { return pt.unpacked(pt.t.Newest()) }

// ofOrder yields the records of merchantUID in creation order, unpacked.
func (pt *paymentTable) ofOrder(merchantUID string) iter.Seq[*record] {
	return pt.unpacked(pt.byOrder.Of(merchantUID))
}

// ofCustomer yields the records paid with the billing key of customerUID
// in creation order, unpacked.
func (pt *paymentTable) ofCustomer(customerUID string) iter.Seq[*record] {
	return pt.unpacked(pt.byCustomer.Of(customerUID))
}

// orderPaid says whether merchantUID has a paid payment, without
// unpacking any.
func (pt *paymentTable) orderPaid(merchantUID string) bool {
	for s := range pt.byOrder.Of(merchantUID) {
		if string(pt.keysOf(s).status) == string(generated.PaymentStatusPaid) {
			return true
		}
	}
	return false
}

func (pt *paymentTable) unpacked(seq iter.Seq[*storedPayment]) iter.Seq[*record] {
	return func(yield func(*record) bool) {
		for s := range seq {
			if !yield(pt.unpack(s)) {
				return
			}
		}
	}
}

// listingIndex orders the payments of each partition by each sort key
// and by statusTime.
type listingIndex struct {
	sorted [sortKeys]*records.Sorted[storedPayment]
	window *records.Sorted[storedPayment]
}

type sortKey int

const (
	sortStarted sortKey = iota
	sortPaid
	sortUpdated
	sortKeys
)

const allPartition = "all"

func newListingIndex(t *records.Table[storedPayment], part func(*storedPayment) (string, bool)) listingIndex {
	var li listingIndex
	for k := range sortKeys {
		li.sorted[k] = t.SortBy(part, k.of)
	}
	li.window = t.SortBy(part, func(s *storedPayment) int64 { return s.statusTime })
	return li
}

func (k sortKey) of(s *storedPayment) int64 {
	switch k {
	case sortPaid:
		return s.paidAt
	case sortUpdated:
		return s.updatedAt
	}
	return s.startedAt
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

// listStatus returns the payments of one page (start, limit: already checked), as answers write them,
// of the payments of filter whose statusTime is in [from, to], sorted,
// and how many there are in all. It costs O(log n + limit) when the
// window holds every payment of the status (the default 90 days of a
// store younger than that) or filters on the sort key; otherwise it
// walks the sorted payments, skipping those outside the window.
func (st *store) listStatus(filter generated.PaymentStatusFilter, from, to int64, sorting generated.PaymentSorting, start, limit int) (page []json.RawMessage, total int) {
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
	page = make([]json.RawMessage, 0, min(limit, total-start))
	take := func(seq iter.Seq[*storedPayment], inWindow bool) {
		skip := 0
		if !inWindow {
			skip = start
		}
		for s := range seq {
			if len(page) == limit {
				return
			}
			if !inWindow {
				if t := s.statusTime; t < from || t > to {
					continue
				}
				if skip > 0 {
					skip--
					continue
				}
			}
			page = append(page, st.payments.wireOf(s))
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
