package fake_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
)

func TestLookupOne(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()

	older := h.seed(seedCard("order-1", 1000))
	h.srv.Advance(time.Minute)
	failed := h.seed(fake.Seed{Payment: generated.Payment{MerchantUid: "order-1", Amount: 1000, Status: generated.PaymentStatusFailed}})
	h.srv.Advance(time.Minute)
	newer := h.seed(seedCard("order-1", 1000))
	sandbox := h.seed(fake.Seed{Payment: generated.Payment{MerchantUid: "order-sb", Amount: 5, Sandbox: ptr(true)}})

	byImp, err := h.client.GetPaymentByImpUidWithResponse(ctx, older.ImpUid, nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if byImp.JSON200 == nil || byImp.JSON200.Response.ImpUid != older.ImpUid {
		t.Fatalf("by imp_uid: %d %s", byImp.StatusCode(), byImp.Body)
	}

	unknown, err := h.client.GetPaymentByImpUidWithResponse(ctx, "imp_000000000000", nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if unknown.StatusCode() != http.StatusNotFound || unknown.JSON404 == nil || unknown.JSON404.Code != -1 {
		t.Fatalf("unknown imp_uid: want 404 code -1, got %d %s", unknown.StatusCode(), unknown.Body)
	}

	hidden, _ := h.client.GetPaymentByImpUidWithResponse(ctx, sandbox.ImpUid, nil, auth)
	shown, _ := h.client.GetPaymentByImpUidWithResponse(ctx, sandbox.ImpUid, &generated.GetPaymentByImpUidParams{IncludeSandbox: ptr(true)}, auth)
	if hidden.StatusCode() != http.StatusNotFound || shown.StatusCode() != http.StatusOK {
		t.Fatalf("sandbox payment: without include_sandbox %d (want 404), with %d (want 200)", hidden.StatusCode(), shown.StatusCode())
	}

	latest, err := h.client.GetPaymentByMerchantUidAnyStatusWithResponse(ctx, "order-1", nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if latest.JSON200 == nil || latest.JSON200.Response.ImpUid != newer.ImpUid {
		t.Fatalf("find by merchant_uid: want the latest started (%s), got %s", newer.ImpUid, latest.Body)
	}
	oldest, _ := h.client.GetPaymentByMerchantUidAnyStatusWithResponse(ctx, "order-1",
		&generated.GetPaymentByMerchantUidAnyStatusParams{Sorting: ptr(generated.PaymentSortingStartedAsc)}, auth)
	if oldest.JSON200 == nil || oldest.JSON200.Response.ImpUid != older.ImpUid {
		t.Fatalf("sorting=started: want %s, got %s", older.ImpUid, oldest.Body)
	}
	inStatus, _ := h.client.GetPaymentByMerchantUidWithResponse(ctx, "order-1", generated.PaymentStatusFailed, nil, auth)
	if inStatus.JSON200 == nil || inStatus.JSON200.Response.ImpUid != failed.ImpUid {
		t.Fatalf("find by merchant_uid/failed: want %s, got %s", failed.ImpUid, inStatus.Body)
	}
	none, _ := h.client.GetPaymentByMerchantUidWithResponse(ctx, "order-1", generated.PaymentStatusCancelled, nil, auth)
	if none.StatusCode() != http.StatusNotFound {
		t.Fatalf("no cancelled payment: want 404, got %d", none.StatusCode())
	}
}

func TestLookupSeveral(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	a := h.seed(seedCard("order-a", 100))
	b := h.seed(seedCard("order-b", 200))

	for _, tc := range []struct {
		name     string
		imp, mer []string
		status   int
		want     []string
	}{
		{"all found", []string{a.ImpUid}, []string{"order-b"}, http.StatusOK, []string{a.ImpUid, b.ImpUid}},
		{"some missing", []string{a.ImpUid, "imp_missing"}, nil, http.StatusMultiStatus, []string{a.ImpUid}},
		{"merchant missing", nil, []string{"order-b", "order-zzz"}, http.StatusMultiStatus, []string{b.ImpUid}},
		{"none found", []string{"imp_missing"}, nil, http.StatusNotFound, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			params := &generated.GetPaymentListByImpUidParams{}
			if tc.imp != nil {
				params.ImpUid = &tc.imp
			}
			if tc.mer != nil {
				params.MerchantUid = &tc.mer
			}
			resp, err := h.client.GetPaymentListByImpUidWithResponse(ctx, params, auth)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode() != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode(), tc.status, resp.Body)
			}
			env := resp.JSON200
			if tc.status == http.StatusMultiStatus {
				env = resp.JSON207
			}
			if tc.want == nil {
				return
			}
			var got []string
			for _, p := range *env.Response {
				got = append(got, p.ImpUid)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestListings(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()

	// 100 days ago: outside the default 90-day window.
	ancient := h.seed(fake.Seed{Payment: generated.Payment{MerchantUid: "order-old", Amount: 1,
		StartedAt: ptr(t0.Unix() - 100*86400), PaidAt: t0.Unix() - 100*86400}})
	var paid []string
	for i := range 25 {
		h.srv.Advance(time.Second)
		paid = append(paid, h.seed(seedCard(fmt.Sprintf("order-list-%02d", i), 1000)).ImpUid)
	}
	h.seed(fake.Seed{Payment: generated.Payment{MerchantUid: "order-ready", Amount: 1, PayMethod: "vbank", Status: generated.PaymentStatusReady}})

	var seen []string
	page := int32(1)
	for page != 0 {
		resp, err := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterPaid,
			&generated.GetPaymentsByStatusParams{Page: &page, Limit: ptr(int32(10)), Sorting: ptr(generated.PaymentSortingPaidAsc)}, auth)
		if err != nil {
			t.Fatal(err)
		}
		if resp.JSON200 == nil {
			t.Fatalf("page %d: %d %s", page, resp.StatusCode(), resp.Body)
		}
		pg := resp.JSON200.Response
		if pg.Total != 25 {
			t.Fatalf("total %d, want 25 (the 100-day-old payment is outside the window)", pg.Total)
		}
		if want := page - 1; pg.Previous != want {
			t.Fatalf("page %d: previous %d, want %d", page, pg.Previous, want)
		}
		for _, p := range pg.List {
			seen = append(seen, p.ImpUid)
		}
		page = pg.Next
	}
	if fmt.Sprint(seen) != fmt.Sprint(paid) {
		t.Fatalf("paging in paid order:\n got %v\nwant %v", seen, paid)
	}

	old, _ := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterAll,
		&generated.GetPaymentsByStatusParams{From: ptr(ancient.PaidAt - 10), To: ptr(ancient.PaidAt + 10)}, auth)
	if old.JSON200 == nil || old.JSON200.Response.Total != 1 || old.JSON200.Response.List[0].ImpUid != ancient.ImpUid {
		t.Fatalf("explicit window around the old payment: %s", old.Body)
	}

	ready, _ := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterReady, nil, auth)
	if ready.JSON200 == nil || ready.JSON200.Response.Total != 1 {
		t.Fatalf("ready listing: %s", ready.Body)
	}

	h.transport.invalidRequests.Store(true)
	for _, tc := range []struct {
		name   string
		params generated.GetPaymentsByStatusParams
	}{
		{"window over 90 days", generated.GetPaymentsByStatusParams{From: ptr(t0.Unix() - 91*86400), To: ptr(t0.Unix())}},
		{"from after to", generated.GetPaymentsByStatusParams{From: ptr(t0.Unix()), To: ptr(t0.Unix() - 1)}},
		{"limit over 1000", generated.GetPaymentsByStatusParams{Limit: ptr(int32(1001))}},
		{"page past the end", generated.GetPaymentsByStatusParams{Page: ptr(int32(9)), Limit: ptr(int32(10))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterPaid, &tc.params, auth)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode() != http.StatusBadRequest || resp.JSON400 == nil || resp.JSON400.Code == 0 {
				t.Fatalf("want 400 envelope, got %d %s", resp.StatusCode(), resp.Body)
			}
		})
	}

	h.transport.invalidRequests.Store(false)
	limit1000, _ := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterAll,
		&generated.GetPaymentsByStatusParams{Limit: ptr(int32(1000))}, auth)
	if limit1000.JSON200 == nil || len(limit1000.JSON200.Response.List) != 26 {
		t.Fatalf("limit 1000 takes everything in the window: %d", limit1000.StatusCode())
	}
}

func TestFindAllPages(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	auth := h.token()
	for range 3 {
		h.seed(seedCard("order-multi", 10))
		h.srv.Advance(time.Second)
	}
	h.seed(fake.Seed{Payment: generated.Payment{MerchantUid: "order-multi", Amount: 10, Status: generated.PaymentStatusFailed}})

	all, _ := h.client.GetAllPaymentsByMerchantUidAnyStatusWithResponse(ctx, "order-multi",
		&generated.GetAllPaymentsByMerchantUidAnyStatusParams{Limit: ptr(int32(2))}, auth)
	if all.JSON200 == nil || all.JSON200.Response.Total != 4 || len(all.JSON200.Response.List) != 2 || all.JSON200.Response.Next != 2 {
		t.Fatalf("findAll page 1 of 2: %s", all.Body)
	}
	paid, _ := h.client.GetAllPaymentsByMerchantUidWithResponse(ctx, "order-multi", generated.PaymentStatusPaid, nil, auth)
	if paid.JSON200 == nil || paid.JSON200.Response.Total != 3 {
		t.Fatalf("findAll paid: %s", paid.Body)
	}
	missing, _ := h.client.GetAllPaymentsByMerchantUidAnyStatusWithResponse(ctx, "order-none", nil, auth)
	if missing.StatusCode() != http.StatusNotFound {
		t.Fatalf("findAll of an unknown order: want 404, got %d", missing.StatusCode())
	}
}
