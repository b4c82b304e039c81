package fake

import (
	"encoding/json"
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
	path := filepath.Join(t.TempDir(), "state.json")
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if want, got := s.snapshot(), loaded.snapshot(); !reflect.DeepEqual(got, want) {
		wj, _ := json.MarshalIndent(want, "", " ")
		gj, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("loaded state differs:\n got %s\nwant %s", gj, wj)
	}
	if !reflect.DeepEqual(loaded.store.naverIndex, s.store.naverIndex) || len(s.store.naverIndex) != 3 { // busyFake's one product order and these two
		t.Errorf("index %v after loading, want %v", loaded.store.naverIndex, s.store.naverIndex)
	}
}
