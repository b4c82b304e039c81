package fake

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Listing rules of the V1 docs.
const (
	defaultLimit = 20
	maxLimit     = 1000
	maxWindow    = 90 * 24 * time.Hour
)

func (h *handlers) GetPaymentByImpUID(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath, params generated.GetPaymentByImpUIDParams) {
	p, sandbox, ok := h.s.store.wire(impUID)
	if !ok || (sandbox && !deref(params.IncludeSandbox)) {
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
		return
	}
	writeStoredOK(w, func(buf *bytes.Buffer) { buf.Write(p) })
}

// GetPaymentListByImpUID answers 200 when every id was found, 207 with
// those found when some were not, 404 when none was.
func (h *handlers) GetPaymentListByImpUID(w http.ResponseWriter, _ *http.Request, params generated.GetPaymentListByImpUIDParams) {
	impUIDs, merchantUIDs := params.ImpUID, params.MerchantUID
	found := []generated.Payment{}
	missing := 0
	seen := map[string]bool{}
	for _, id := range impUIDs {
		p, ok := h.s.store.get(id)
		if !ok || deref(p.Sandbox) {
			missing++
			continue
		}
		if !seen[p.ImpUID] {
			seen[p.ImpUID] = true
			found = append(found, p)
		}
	}
	for _, id := range merchantUIDs {
		recs := slices.DeleteFunc(h.s.store.ofOrder(id), func(r *record) bool { return deref(r.p.Sandbox) })
		if len(recs) == 0 {
			missing++
			continue
		}
		sortRecords(recs, generated.PaymentSortingStartedDesc)
		if p := recs[0].p; !seen[p.ImpUID] {
			seen[p.ImpUID] = true
			found = append(found, p)
		}
	}
	switch {
	case len(found) == 0:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case missing > 0:
		writeStatusOK(w, http.StatusMultiStatus, found)
	default:
		writeOK(w, found)
	}
}

func (h *handlers) GetPaymentByMerchantUIDAnyStatus(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath, params generated.GetPaymentByMerchantUIDAnyStatusParams) {
	h.findOne(w, merchantUID, "", params.Sorting)
}

func (h *handlers) GetPaymentByMerchantUID(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath, status generated.PaymentStatus, params generated.GetPaymentByMerchantUIDParams) {
	h.findOne(w, merchantUID, status, params.Sorting)
}

func (h *handlers) findOne(w http.ResponseWriter, merchantUID string, status generated.PaymentStatus, sorting *generated.PaymentSorting) {
	if recs, ok := h.paymentsOfOrder(w, merchantUID, status, sorting); ok {
		writeOK(w, recs[0].p)
	}
}

func (h *handlers) GetAllPaymentsByMerchantUIDAnyStatus(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath, params generated.GetAllPaymentsByMerchantUIDAnyStatusParams) {
	h.findAll(w, merchantUID, "", params.Page, params.Limit, params.Sorting)
}

func (h *handlers) GetAllPaymentsByMerchantUID(w http.ResponseWriter, _ *http.Request, merchantUID generated.MerchantUIDPath, status generated.PaymentStatus, params generated.GetAllPaymentsByMerchantUIDParams) {
	h.findAll(w, merchantUID, status, params.Page, params.Limit, params.Sorting)
}

func (h *handlers) findAll(w http.ResponseWriter, merchantUID string, status generated.PaymentStatus, page, limit *int32, sorting *generated.PaymentSorting) {
	if recs, ok := h.paymentsOfOrder(w, merchantUID, status, sorting); ok {
		writePage(w, recs, page, limit)
	}
}

// paymentsOfOrder returns the payments of an order (in status, unless
// empty) sorted, or answers 404 when there are none: the find routes know
// no empty answer.
func (h *handlers) paymentsOfOrder(w http.ResponseWriter, merchantUID string, status generated.PaymentStatus, sorting *generated.PaymentSorting) ([]*record, bool) {
	recs := slices.DeleteFunc(h.s.store.ofOrder(merchantUID), func(r *record) bool {
		return deref(r.p.Sandbox) || (status != "" && r.p.Status != status)
	})
	if len(recs) == 0 {
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
		return nil, false
	}
	sortRecords(recs, deref(sorting))
	return recs, true
}

// GetPaymentsByStatus lists payments whose status timestamp falls in
// [from, to]; the window spans at most 90 days and defaults to the 90 days
// before now.
func (h *handlers) GetPaymentsByStatus(w http.ResponseWriter, _ *http.Request, filter generated.PaymentStatusFilter, params generated.GetPaymentsByStatusParams) {
	to := h.s.clock.unix()
	if params.To != nil && *params.To > 0 {
		to = *params.To
	}
	window := int64(maxWindow / time.Second)
	from := to - window
	if params.From != nil && *params.From > 0 {
		from = *params.From
	}
	if from > to {
		writeError(w, http.StatusBadRequest, codeFailure, "from이 to보다 늦습니다.")
		return
	}
	if to-from > window {
		writeError(w, http.StatusBadRequest, codeFailure, "조회 기간은 최대 90일입니다.")
		return
	}
	page, limit := pageBounds(params.Page, params.Limit)
	list, total := h.s.store.listStatus(filter, from, to, deref(params.Sorting), (page-1)*limit, limit)
	writeStoredPage(w, list, total, page, limit)
}

// statusTime is the timestamp a status listing filters on.
func statusTime(p generated.Payment) int64 {
	switch p.Status {
	case generated.PaymentStatusPaid:
		return p.PaidAt
	case generated.PaymentStatusCancelled:
		return p.CancelledAt
	case generated.PaymentStatusFailed:
		return p.FailedAt
	default:
		return deref(p.StartedAt)
	}
}

// pageBounds reads the page and limit parameters: page 1 and 20 by
// default, at most 1000 a page.
func pageBounds(pageP, limitP *int32) (page, limit int) {
	page, limit = int(deref(pageP)), int(deref(limitP))
	if page < 1 {
		page = 1
	}
	if limit < 1 {
		limit = defaultLimit
	}
	return page, min(limit, maxLimit)
}

// writePage answers one page of recs.
func writePage(w http.ResponseWriter, recs []*record, pageP, limitP *int32) {
	page, limit := pageBounds(pageP, limitP)
	start := min((page-1)*limit, len(recs))
	writeListPage(w, recs[start:min(start+limit, len(recs))], len(recs), page, limit)
}

// writeListPage answers list, page page of total payments. A page past
// the last one is a 400, as the spec says; an empty listing is a valid
// empty first page.
func writeListPage(w http.ResponseWriter, list []*record, total, page, limit int) {
	links, ok := pageLinksOf(total, page, limit, len(list))
	if !ok {
		writeError(w, http.StatusBadRequest, codeFailure, msgPastLastPage)
		return
	}
	payments := make([]generated.Payment, 0, len(list))
	for _, r := range list {
		payments = append(payments, r.p)
	}
	writeOK(w, generated.PaymentPage{List: payments, Next: links.next, Previous: links.previous, Total: int32(total)})
}

// writeStoredPage is writeListPage for payments as the table stores them.
func writeStoredPage(w http.ResponseWriter, list []json.RawMessage, total, page, limit int) {
	links, ok := pageLinksOf(total, page, limit, len(list))
	if !ok {
		writeError(w, http.StatusBadRequest, codeFailure, msgPastLastPage)
		return
	}
	writeStoredOK(w, func(buf *bytes.Buffer) {
		// generated.PaymentPage as encoding/json writes it (fields in
		// the struct's order; TestStoredAnswersAreEncodingJSON).
		buf.WriteString(`{"list":[`)
		for i, p := range list {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.Write(p)
		}
		fmt.Fprintf(buf, `],"next":%d,"previous":%d,"total":%d}`, links.next, links.previous, total)
	})
}

const msgPastLastPage = "요청한 페이지가 마지막 페이지를 넘습니다."

// pageLinks are a page's neighbours: 0 where there is none.
type pageLinks struct{ previous, next int32 }

// pageLinksOf gives the links of page page (of limit each) holding n of
// total payments; ok is false for a page past the last one.
func pageLinksOf(total, page, limit, n int) (links pageLinks, ok bool) {
	start := (page - 1) * limit
	if start >= total && page > 1 {
		return pageLinks{}, false
	}
	if page > 1 {
		links.previous = int32(page - 1)
	}
	if start+n < total {
		links.next = int32(page + 1)
	}
	return links, true
}

// sortRecords orders recs by sorting (default -started); creation order
// breaks ties, in the same direction.
func sortRecords(recs []*record, sorting generated.PaymentSorting) {
	key := func(r *record) int64 { return deref(r.p.StartedAt) }
	desc := true
	switch sorting {
	case generated.PaymentSortingStartedAsc:
		desc = false
	case generated.PaymentSortingPaidDesc, generated.PaymentSortingPaidAsc:
		key = func(r *record) int64 { return r.p.PaidAt }
		desc = sorting == generated.PaymentSortingPaidDesc
	case generated.PaymentSortingUpdatedDesc, generated.PaymentSortingUpdatedAsc:
		key = func(r *record) int64 { return r.updatedAt }
		desc = sorting == generated.PaymentSortingUpdatedDesc
	}
	slices.SortStableFunc(recs, func(a, b *record) int {
		c := cmp.Compare(key(a), key(b))
		if c == 0 {
			c = cmp.Compare(int64(a.seq), int64(b.seq))
		}
		if desc {
			return -c
		}
		return c
	})
}
