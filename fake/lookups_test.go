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
	failed := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-1", Amount: 1000, Status: generated.PaymentStatusFailed}})
	h.srv.Advance(time.Minute)
	newer := h.seed(seedCard("order-1", 1000))
	sandbox := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-sb", Amount: 5, Sandbox: new(true)}})

	byImp, err := h.client.GetPaymentByImpUIDWithResponse(ctx, older.ImpUID, nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if byImp.JSON200 == nil || byImp.JSON200.Response.ImpUID != older.ImpUID {
		t.Fatalf("by imp_uid: %d %s", byImp.StatusCode(), byImp.Body)
	}

	unknown, err := h.client.GetPaymentByImpUIDWithResponse(ctx, "imp_000000000000", nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if unknown.StatusCode() != http.StatusNotFound || unknown.JSON404 == nil || unknown.JSON404.Code != -1 {
		t.Fatalf("unknown imp_uid: want 404 code -1, got %d %s", unknown.StatusCode(), unknown.Body)
	}

	hidden, _ := h.client.GetPaymentByImpUIDWithResponse(ctx, sandbox.ImpUID, nil, auth)
	shown, _ := h.client.GetPaymentByImpUIDWithResponse(ctx, sandbox.ImpUID, &generated.GetPaymentByImpUIDParams{IncludeSandbox: new(true)}, auth)
	if hidden.StatusCode() != http.StatusNotFound || shown.StatusCode() != http.StatusOK {
		t.Fatalf("sandbox payment: without include_sandbox %d (want 404), with %d (want 200)", hidden.StatusCode(), shown.StatusCode())
	}

	latest, err := h.client.GetPaymentByMerchantUIDAnyStatusWithResponse(ctx, "order-1", nil, auth)
	if err != nil {
		t.Fatal(err)
	}
	if latest.JSON200 == nil || latest.JSON200.Response.ImpUID != newer.ImpUID {
		t.Fatalf("find by merchant_uid: want the latest started (%s), got %s", newer.ImpUID, latest.Body)
	}
	oldest, _ := h.client.GetPaymentByMerchantUIDAnyStatusWithResponse(ctx, "order-1",
		&generated.GetPaymentByMerchantUIDAnyStatusParams{Sorting: new(generated.PaymentSortingStartedAsc)}, auth)
	if oldest.JSON200 == nil || oldest.JSON200.Response.ImpUID != older.ImpUID {
		t.Fatalf("sorting=started: want %s, got %s", older.ImpUID, oldest.Body)
	}
	inStatus, _ := h.client.GetPaymentByMerchantUIDWithResponse(ctx, "order-1", generated.PaymentStatusFailed, nil, auth)
	if inStatus.JSON200 == nil || inStatus.JSON200.Response.ImpUID != failed.ImpUID {
		t.Fatalf("find by merchant_uid/failed: want %s, got %s", failed.ImpUID, inStatus.Body)
	}
	none, _ := h.client.GetPaymentByMerchantUIDWithResponse(ctx, "order-1", generated.PaymentStatusCancelled, nil, auth)
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
		{"all found", []string{a.ImpUID}, []string{"order-b"}, http.StatusOK, []string{a.ImpUID, b.ImpUID}},
		{"some missing", []string{a.ImpUID, "imp_missing"}, nil, http.StatusMultiStatus, []string{a.ImpUID}},
		{"merchant missing", nil, []string{"order-b", "order-zzz"}, http.StatusMultiStatus, []string{b.ImpUID}},
		{"none found", []string{"imp_missing"}, nil, http.StatusNotFound, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			params := &generated.GetPaymentListByImpUIDParams{}
			if tc.imp != nil {
				params.ImpUID = tc.imp
			}
			if tc.mer != nil {
				params.MerchantUID = tc.mer
			}
			resp, err := h.client.GetPaymentListByImpUIDWithResponse(ctx, params, auth)
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
			for _, p := range env.Response {
				got = append(got, p.ImpUID)
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
	ancient := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-old", Amount: 1,
		StartedAt: new(t0.Unix() - 100*86400), PaidAt: t0.Unix() - 100*86400}})
	var paid []string
	for i := range 25 {
		h.srv.Advance(time.Second)
		paid = append(paid, h.seed(seedCard(fmt.Sprintf("order-list-%02d", i), 1000)).ImpUID)
	}
	h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-ready", Amount: 1, PayMethod: "vbank", Status: generated.PaymentStatusReady}})

	var seen []string
	page := int32(1)
	for page != 0 {
		resp, err := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterPaid,
			&generated.GetPaymentsByStatusParams{Page: &page, Limit: new(int32(10)), Sorting: new(generated.PaymentSortingPaidAsc)}, auth)
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
			seen = append(seen, p.ImpUID)
		}
		page = pg.Next
	}
	if fmt.Sprint(seen) != fmt.Sprint(paid) {
		t.Fatalf("paging in paid order:\n got %v\nwant %v", seen, paid)
	}

	old, _ := h.client.GetPaymentsByStatusWithResponse(ctx, generated.PaymentStatusFilterAll,
		&generated.GetPaymentsByStatusParams{From: new(ancient.PaidAt - 10), To: new(ancient.PaidAt + 10)}, auth)
	if old.JSON200 == nil || old.JSON200.Response.Total != 1 || old.JSON200.Response.List[0].ImpUID != ancient.ImpUID {
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
		{"window over 90 days", generated.GetPaymentsByStatusParams{From: new(t0.Unix() - 91*86400), To: new(t0.Unix())}},
		{"from after to", generated.GetPaymentsByStatusParams{From: new(t0.Unix()), To: new(t0.Unix() - 1)}},
		{"limit over 1000", generated.GetPaymentsByStatusParams{Limit: new(int32(1001))}},
		{"page past the end", generated.GetPaymentsByStatusParams{Page: new(int32(9)), Limit: new(int32(10))}},
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
		&generated.GetPaymentsByStatusParams{Limit: new(int32(1000))}, auth)
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
	h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "order-multi", Amount: 10, Status: generated.PaymentStatusFailed}})

	all, _ := h.client.GetAllPaymentsByMerchantUIDAnyStatusWithResponse(ctx, "order-multi",
		&generated.GetAllPaymentsByMerchantUIDAnyStatusParams{Limit: new(int32(2))}, auth)
	if all.JSON200 == nil || all.JSON200.Response.Total != 4 || len(all.JSON200.Response.List) != 2 || all.JSON200.Response.Next != 2 {
		t.Fatalf("findAll page 1 of 2: %s", all.Body)
	}
	paid, _ := h.client.GetAllPaymentsByMerchantUIDWithResponse(ctx, "order-multi", generated.PaymentStatusPaid, nil, auth)
	if paid.JSON200 == nil || paid.JSON200.Response.Total != 3 {
		t.Fatalf("findAll paid: %s", paid.Body)
	}
	missing, _ := h.client.GetAllPaymentsByMerchantUIDAnyStatusWithResponse(ctx, "order-none", nil, auth)
	if missing.StatusCode() != http.StatusNotFound {
		t.Fatalf("findAll of an unknown order: want 404, got %d", missing.StatusCode())
	}
}
