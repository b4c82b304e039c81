package fake

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// The Naver Pay side round-trips through the state file field for field:
// product orders mid-claim (placed, held, charged, shipped), points,
// confirmations, reviews, and the product order index rebuilt.
func TestNaverStateRoundTrip(t *testing.T) {
	s := busyFake(t)
	p, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "nv-1", Amount: 12000, PgProvider: "naverco"},
		NaverProductOrders: []generated.NaverProductOrder{
			{ProductID: "a", ProductName: "A", ProductAmount: new(9000.0), DeliveryAmount: new(1000.0), ProductOptionName: new("옵션")},
			{ProductID: "b", ProductName: "B", ProductAmount: new(2000.0), ShippingMemo: new("문 앞")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "nv-2", Amount: 500, PgProvider: "naverpay", Escrow: true}}); err != nil {
		t.Fatal(err)
	}
	if _, refusal, _ := s.store.update(p.ImpUID, func(rec *record) (string, bool) {
		a, b := rec.naver.Orders[0], rec.naver.Orders[1]
		a.Placed, a.Order.ProductOrderStatus, a.ShippedStatus = true, npDelivering, npDelivering
		a.Delivery = &naverDelivery{Method: "DELIVERY", Company: "CJGLS", Tracking: "1", DispatchedAt: 5}
		a.openReturn()
		a.Held, a.ExtraCharge = true, 1500.5
		b.Placed = true
		b.setClaim(claimCancel, csCancelRequest)
		return "", false
	}); refusal != "" {
		t.Fatal(refusal)
	}
	if _, err := s.AddNaverReview("ch", "premium", generated.NaverReview{ProductOrderID: p.ImpUID, ProductID: "a", ProductName: "A", Title: "t"}); err != nil {
		t.Fatal(err)
	}
	loaded := reloaded(t, s)
	sameSnapshot(t, s, loaded)
	if !reflect.DeepEqual(loaded.store.naverIndex, s.store.naverIndex) || len(s.store.naverIndex) != 3 { // busyFake's one product order and these two
		t.Errorf("index %v after loading, want %v", loaded.store.naverIndex, s.store.naverIndex)
	}
}

// A state file written before the fake kept a Naver side (no "naver" key)
// loads with the Naver side the fake would have made: one product order
// for a paid naverco payment, an empty side for a naverpay one.
func TestNaverStateFromOlderFile(t *testing.T) {
	s, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	order, _ := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "old-1", Amount: 4000, PgProvider: "naverco"}})
	pay, _ := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "old-2", Amount: 4000, PgProvider: "naverpay"}})
	snap := s.snapshot()
	for i := range snap.Payments {
		snap.Payments[i].Naver = nil
	}
	raw, _ := json.Marshal(snap)
	path := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	loaded, _ := New(Config{Now: func() time.Time { return stateT0 }})
	if err := loaded.LoadState(path); err != nil {
		t.Fatal(err)
	}
	got, _ := loaded.store.getRecord(order.ImpUID)
	if got.naver == nil || len(got.naver.Orders) != 1 || deref(got.naver.Orders[0].Order.ProductAmount) != 4000 {
		t.Errorf("naverco payment from an older file: %+v", got.naver)
	}
	if _, ok := loaded.store.naverOrder(got.naver.Orders[0].Order.ProductOrderID); !ok {
		t.Error("its product order is not indexed")
	}
	if got, _ := loaded.store.getRecord(pay.ImpUID); got.naver == nil {
		t.Error("naverpay payment from an older file has no Naver side")
	}
}
