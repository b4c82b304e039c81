package wrapper_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// pagedAPI serves GET /payments/status/{payment_status} from total copies
// of the recorded payment, with imp_uids imp_0 ... imp_<total-1>. broken
// overrides the answer for some pages.
func pagedAPI(t *testing.T, total int, broken func(page int, w http.ResponseWriter) bool) (*fakeAPI, *wrapper.Client) {
	f := newFakeAPI(t)
	var base map[string]any
	if err := json.Unmarshal(recordedPayment(t), &base); err != nil {
		t.Fatal(err)
	}
	f.handle("GET /payments/status/{payment_status}", func(w http.ResponseWriter, r *http.Request) {
		page, limit := 1, 20
		if v := r.URL.Query().Get("page"); v != "" {
			page, _ = strconv.Atoi(v)
		}
		if v := r.URL.Query().Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		if broken != nil && broken(page, w) {
			return
		}
		var list []map[string]any
		for i := (page - 1) * limit; i < page*limit && i < total; i++ {
			p := map[string]any{}
			for k, v := range base {
				p[k] = v
			}
			p["imp_uid"] = fmt.Sprintf("imp_%d", i)
			list = append(list, p)
		}
		next := page + 1
		if page*limit >= total {
			next = 0
		}
		body, _ := json.Marshal(map[string]any{"code": 0, "message": nil, "response": map[string]any{
			"total": total, "previous": page - 1, "next": next, "list": list,
		}})
		writeJSON(w, 200, string(body))
	})
	return f, f.client(wrapper.Config{})
}

const statusRoute = "GET /payments/status/{payment_status}"

func TestIteratorWalksEveryPage(t *testing.T) {
	f, c := pagedAPI(t, 45, nil)
	var got []string
	for p, err := range c.GetPaymentsByStatusIter(context.Background(), generated.PaymentStatusFilterPaid, nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.ImpUID)
	}
	if len(got) != 45 || got[0] != "imp_0" || got[44] != "imp_44" {
		t.Fatalf("got %d payments (%v ... ), want imp_0..imp_44", len(got), got[:min(3, len(got))])
	}
	if n := f.count(statusRoute); n != 3 {
		t.Fatalf("%d page requests, want 3", n)
	}
}

func TestIteratorIsLazyAndKeepsParams(t *testing.T) {
	f, c := pagedAPI(t, 45, nil)
	limit, page := generated.Limit(10), generated.Page(2)
	params := &generated.GetPaymentsByStatusParams{Limit: &limit, Page: &page}
	var got []string
	for p, err := range c.GetPaymentsByStatusIter(context.Background(), generated.PaymentStatusFilterAll, params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.ImpUID)
		if len(got) == 12 {
			break
		}
	}
	if got[0] != "imp_10" || got[11] != "imp_21" {
		t.Fatalf("started at %s, ended at %s; want imp_10 .. imp_21 (page 2 of 10)", got[0], got[11])
	}
	if n := f.count(statusRoute); n != 2 {
		t.Fatalf("%d page requests for 12 items of 10 per page, want 2", n)
	}
	if *params.Page != 2 {
		t.Fatal("the iterator changed the caller's params")
	}
}

func TestIteratorStopsAtTheFirstError(t *testing.T) {
	cases := []struct {
		name   string
		broken func(page int, w http.ResponseWriter) bool
		want   string
		items  int
	}{
		{"failure on page 2", func(page int, w http.ResponseWriter) bool {
			if page == 2 {
				writeJSON(w, 400, `{"code":-1,"message":"page out of range","response":null}`)
			}
			return page == 2
		}, "page out of range", 20},
		{"next page that goes back", func(page int, w http.ResponseWriter) bool {
			writeJSON(w, 200, `{"code":0,"message":null,"response":{"total":99,"previous":0,"next":1,"list":[]}}`)
			return true
		}, "paging stopped", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c := pagedAPI(t, 45, tc.broken)
			items, errs := 0, 0
			for _, err := range c.GetPaymentsByStatusIter(context.Background(), generated.PaymentStatusFilterPaid, nil) {
				if err != nil {
					errs++
					if !strings.Contains(err.Error(), tc.want) {
						t.Fatalf("error %v, want %q", err, tc.want)
					}
					continue
				}
				items++
			}
			if errs != 1 || items != tc.items {
				t.Fatalf("%d items and %d errors, want %d items and 1 error", items, errs, tc.items)
			}
		})
	}
}

func TestIteratorHonoursContext(t *testing.T) {
	f, c := pagedAPI(t, 45, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.GetPaymentsByStatusIter(ctx, generated.PaymentStatusFilterPaid, nil) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 20 {
			cancel() // at the end of page 1
		}
	}
	if !errors.Is(last, context.Canceled) || n != 20 || f.count(statusRoute) != 1 {
		t.Fatalf("err %v after %d items and %d pages, want context.Canceled after 20 items and 1 page", last, n, f.count(statusRoute))
	}
}
