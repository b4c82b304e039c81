package fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// seedNaverOrder seeds a paid order-type Naver Pay payment with two
// product orders (15000 + 2500 shipping, 8000).
func seedNaverOrder(h *harness, merchantUID string) (generated.Payment, []string) {
	h.t.Helper()
	p := h.seed(fake.Seed{
		Payment: generated.Payment{MerchantUID: merchantUID, Amount: 25500, PgProvider: "naverco", PayMethod: "card",
			Name: new("네이버페이 주문"), BuyerName: new("홍길동"), BuyerTel: new("010-1234-5678")},
		NaverProductOrders: []generated.NaverProductOrder{
			{ProductID: "shoe", ProductName: "신발", ProductOptionID: new("R_L"), ProductOptionName: new("빨강/180"),
				Quantity: 1, ProductAmount: new(15000.0), DeliveryAmount: new(2500.0)},
			{ProductID: "sock", ProductName: "양말", Quantity: 2, ProductAmount: new(8000.0)},
		},
	})
	orders, err := h.wrapper().GetProductOrders(context.Background(), p.ImpUID)
	if err != nil || len(orders) != 2 {
		h.t.Fatalf("product orders of the seed: %+v %v", orders, err)
	}
	return p, []string{orders[0].ProductOrderID, orders[1].ProductOrderID}
}

func statusOf(orders []generated.NaverProductOrder, id string) (status, claimType, claimStatus string) {
	for _, o := range orders {
		if o.ProductOrderID == id {
			return o.ProductOrderStatus, deref(o.ClaimType), deref(o.ClaimStatus)
		}
	}
	return "", "", ""
}

// wantAllFailed expects the 500 of a Naver operation that refused every
// product order: the wrapper reports it as an unknown outcome (a 5xx on a
// POST) whose answer carries Naver's reason.
func wantAllFailed(t *testing.T, what string, err error, reason string) {
	t.Helper()
	var unknown *wrapper.OutcomeUnknownError
	if !errors.As(err, &unknown) || unknown.Answer == nil || unknown.Answer.HTTPStatus != http.StatusInternalServerError ||
		!strings.Contains(unknown.Answer.Message, reason) {
		t.Errorf("%s: want a 500 whose message says %q, got %v", what, reason, err)
	}
}

// An order through its whole life, and every refusal on the way: place,
// ship, buyer's delivery and purchase decision; cancel, cancel request
// and its approval; return requested, withheld, resolved, approved (the
// refund less the extra charge), and a return rejected; exchange
// collected and re-shipped.
func TestScenarioNaverPayOrderType(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()

	p, ids := seedNaverOrder(h, "np-1")
	shoe, sock := ids[0], ids[1]
	if len(shoe) != 16 || !strings.HasPrefix(shoe, "2025") {
		t.Errorf("product order id %q: want Naver's 16 digits, the date first", shoe)
	}
	one, err := c.GetProductOrderSingle(ctx, shoe)
	if err != nil || one.ProductOrderStatus != "PAYED" || one.ClaimType != nil || deref(one.ProductAmount) != 15000 ||
		one.Orderer == nil || one.Orderer.Name != "홍길동" || one.ShippingAddress == nil {
		t.Fatalf("single product order: %+v %v", one, err)
	}
	if _, err := c.GetProductOrderSingle(ctx, "0000000000000000"); !errors.Is(err, wrapper.ErrNotFound) {
		t.Errorf("unknown product order: want ErrNotFound, got %v", err)
	}

	// place: both, then again (refused: already placed).
	placed, err := c.NaverPlaceProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{})
	if err != nil || len(placed) != 2 {
		t.Fatalf("place all: %+v %v", placed, err)
	}
	_, err = c.NaverPlaceProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{shoe}})
	wantAllFailed(t, "place twice", err, "변경을 요청한 상태가 기존과 동일")

	// ship by parcel without a tracking number: refused; then the shoe
	// with one, and the sock in the same call: 207, only the shoe shipped
	// since the sock's buyer asked to cancel in between.
	_, err = c.NaverShipProductOrder(ctx, p.ImpUID, generated.NaverShipRequest{ProductOrderID: &[]string{shoe},
		DeliveryMethod: generated.NaverDeliveryMethodDELIVERY, DispatchedAt: t0.Unix(), DeliveryCompany: new("CJGLS")})
	wantAllFailed(t, "ship without tracking number", err, "송장 번호 미입력")
	sockOrder, err := h.srv.NaverBuyer(sock, fake.NaverRequestCancel)
	if err != nil || deref(sockOrder.ClaimStatus) != "CANCEL_REQUEST" || sockOrder.ProductOrderStatus != "PAYED" {
		t.Fatalf("buyer's cancel after placement is a request: %+v %v", sockOrder, err)
	}
	shipped, err := c.NaverShipProductOrder(ctx, p.ImpUID, generated.NaverShipRequest{ProductOrderID: &[]string{shoe, sock},
		DeliveryMethod: generated.NaverDeliveryMethodDELIVERY, DispatchedAt: t0.Unix(), DeliveryCompany: new("CJGLS"), TrackingNumber: new("123456789012")})
	if !errors.Is(err, wrapper.ErrPartialResult) || len(shipped) != 1 || shipped[0].ProductOrderID != shoe || shipped[0].ProductOrderStatus != "DELIVERING" {
		t.Fatalf("ship shoe and sock with a cancel request on the sock: want 207 with the shoe, got %+v %v", shipped, err)
	}
	// The seller cannot cancel an order the buyer asked to cancel, nor a
	// shipped one: approve-cancel is the way.
	_, err = c.NaverCancelProductOrder(ctx, p.ImpUID, generated.NaverCancelRequest{})
	wantAllFailed(t, "seller's cancel of a shipped order and of a requested cancel", err, "상품 주문 상태 확인 필요")
	approved, err := c.NaverApproveCancelProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{sock}})
	if st, ct, cs := statusOf(approved, sock); err != nil || st != "CANCELED" || ct != "CANCEL" || cs != "CANCEL_DONE" {
		t.Fatalf("approve-cancel: %+v %v", approved, err)
	}
	pay, err := c.GetPaymentByImpUID(ctx, p.ImpUID, nil)
	if err != nil || pay.CancelAmount != 8000 || pay.Status != generated.PaymentStatusPaid || len(pay.CancelHistory) != 1 {
		t.Fatalf("the sock's refund on the payment: %+v %v", pay, err)
	}
	_, err = c.NaverApproveCancelProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{sock}})
	wantAllFailed(t, "approve-cancel twice (no money moves twice)", err, "상품 주문 상태 확인 필요")

	// Returns: requested, withheld with a charge, refused approval while
	// held, resolved, approved; the refund is the order less the charge.
	_, err = c.NaverRequestReturnProductOrder(ctx, p.ImpUID, generated.NaverRequestReturnRequest{ProductOrderID: &[]string{shoe},
		DeliveryMethod: generated.NaverReturnDeliveryMethodRETURNDELIVERY})
	wantAllFailed(t, "return by parcel without carrier", err, "택배사 미입력")
	ret, err := c.NaverRequestReturnProductOrder(ctx, p.ImpUID, generated.NaverRequestReturnRequest{ProductOrderID: &[]string{shoe},
		DeliveryMethod: generated.NaverReturnDeliveryMethodRETURNINDIVIDUAL, Reason: new(generated.NaverReturnReasonBROKEN)})
	if _, ct, cs := statusOf(ret, shoe); err != nil || ct != "RETURN" || cs != "RETURN_REQUEST" {
		t.Fatalf("request-return: %+v %v", ret, err)
	}
	if _, err := c.NaverWithholdReturnProductOrder(ctx, p.ImpUID, generated.NaverWithholdReturnRequest{ProductOrderID: &[]string{shoe},
		Memo: "반품 배송비 청구", Reason: new(generated.NaverWithholdReasonRETURNDELIVERYFEE), ExtraCharge: new(3000.0)}); err != nil {
		t.Fatalf("withhold-return: %v", err)
	}
	_, err = c.NaverWithholdReturnProductOrder(ctx, p.ImpUID, generated.NaverWithholdReturnRequest{ProductOrderID: &[]string{shoe}, Memo: "again"})
	wantAllFailed(t, "withhold twice", err, "변경을 요청한 상태가 기존과 동일")
	_, err = c.NaverApproveReturnProductOrder(ctx, p.ImpUID, generated.NaverApproveReturnRequest{ProductOrderID: &[]string{shoe}})
	wantAllFailed(t, "approve a withheld return", err, "상품 주문 상태 확인 필요")
	if _, err := c.NaverResolveReturnProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{shoe}}); err != nil {
		t.Fatalf("resolve-return: %v", err)
	}
	_, err = c.NaverResolveReturnProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{shoe}})
	wantAllFailed(t, "resolve a return not withheld", err, "상품 주문 상태 확인 필요")
	done, err := c.NaverApproveReturnProductOrder(ctx, p.ImpUID, generated.NaverApproveReturnRequest{ProductOrderID: &[]string{shoe}, Memo: new("반품 완료")})
	if st, _, cs := statusOf(done, shoe); err != nil || st != "RETURNED" || cs != "RETURN_DONE" {
		t.Fatalf("approve-return: %+v %v", done, err)
	}
	pay, err = c.GetPaymentByImpUID(ctx, p.ImpUID, nil)
	if err != nil || pay.CancelAmount != 8000+17500-3000 || pay.Status != generated.PaymentStatusPaid {
		t.Fatalf("refund of the return less its 3000 charge: %+v %v", pay, err)
	}

	// Unknown payment, and a card payment with no product orders: 404.
	if _, err := c.GetProductOrders(ctx, "imp_unknown"); !errors.Is(err, wrapper.ErrNotFound) {
		t.Errorf("product orders of an unknown payment: want ErrNotFound, got %v", err)
	}
	card := h.seed(seedCard("np-card", 1000))
	if _, err := c.NaverPlaceProductOrder(ctx, card.ImpUID, generated.NaverProductOrdersRequest{}); !errors.Is(err, wrapper.ErrNotFound) {
		t.Errorf("place on a card payment: want ErrNotFound, got %v", err)
	}
}

func TestScenarioNaverPayExchangeAndReject(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	// One product order for the whole amount when the seed gives none.
	p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "np-ex", Amount: 30000, PgProvider: "naverco", Name: new("코트")}})
	orders, err := c.GetProductOrders(ctx, p.ImpUID)
	if err != nil || len(orders) != 1 || deref(orders[0].ProductAmount) != 30000 || orders[0].ProductName != "코트" {
		t.Fatalf("default product order: %+v %v", orders, err)
	}
	id := orders[0].ProductOrderID
	if _, err := h.srv.NaverBuyer(id, fake.NaverRequestExchange); !errors.Is(err, fake.ErrNaverState) {
		t.Errorf("exchange before shipping: want ErrNaverState, got %v", err)
	}
	if _, err := c.NaverShipProductOrder(ctx, p.ImpUID, generated.NaverShipRequest{DeliveryMethod: generated.NaverDeliveryMethodDIRECTDELIVERY, DispatchedAt: t0.Unix()}); err != nil {
		t.Fatalf("ship: %v", err)
	}
	_, err = c.NaverCollectProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{})
	wantAllFailed(t, "collect without an exchange", err, "상품 주문 상태 확인 필요")
	if st := h.control("POST", "/__fake/naver/product-orders/"+id+"/deliver", "", nil); st != http.StatusOK {
		t.Fatalf("deliver control: %d", st)
	}
	if st := h.control("POST", "/__fake/naver/product-orders/"+id+"/request-exchange", "", nil); st != http.StatusOK {
		t.Fatalf("request-exchange control: %d", st)
	}
	_, err = c.NaverShipExchangedProductOrder(ctx, p.ImpUID, generated.NaverShipExchangedRequest{DeliveryMethod: generated.NaverDeliveryMethodQUICKSVC})
	wantAllFailed(t, "re-ship before collecting", err, "교환 상태 확인 필요")
	col, err := c.NaverCollectProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{})
	if _, ct, cs := statusOf(col, id); err != nil || ct != "EXCHANGE" || cs != "COLLECT_DONE" {
		t.Fatalf("collect-exchanged: %+v %v", col, err)
	}
	re, err := c.NaverShipExchangedProductOrder(ctx, p.ImpUID, generated.NaverShipExchangedRequest{DeliveryMethod: generated.NaverDeliveryMethodDELIVERY,
		DeliveryCompany: new("HANJIN"), TrackingNumber: new("555")})
	if _, _, cs := statusOf(re, id); err != nil || cs != "EXCHANGE_REDELIVERING" {
		t.Fatalf("ship-exchanged: %+v %v", re, err)
	}
	got, err := h.srv.NaverBuyer(id, fake.NaverDeliver)
	if err != nil || got.ProductOrderStatus != "EXCHANGED" || deref(got.ClaimStatus) != "EXCHANGE_DONE" {
		t.Fatalf("the replacement delivered: %+v %v", got, err)
	}

	// A return rejected puts the order back where it was; then decided.
	if _, err := h.srv.NaverBuyer(id, fake.NaverRequestReturn); err != nil {
		t.Fatal(err)
	}
	rej, err := c.NaverRejectReturnProductOrder(ctx, p.ImpUID, generated.NaverRejectReturnRequest{Memo: "사용 흔적"})
	if st, _, cs := statusOf(rej, id); err != nil || st != "EXCHANGED" || cs != "RETURN_REJECT" {
		t.Fatalf("reject-return: %+v %v", rej, err)
	}
	_, err = c.NaverRejectReturnProductOrder(ctx, p.ImpUID, generated.NaverRejectReturnRequest{Memo: "again"})
	wantAllFailed(t, "reject without a return", err, "상품 주문 상태 확인 필요")
	if got, err := h.srv.NaverBuyer(id, fake.NaverDecide); err != nil || got.ProductOrderStatus != "PURCHASE_DECIDED" {
		t.Fatalf("decide: %+v %v", got, err)
	}
	_, err = c.NaverRequestReturnProductOrder(ctx, p.ImpUID, generated.NaverRequestReturnRequest{DeliveryMethod: generated.NaverReturnDeliveryMethodRETURNINDIVIDUAL})
	wantAllFailed(t, "return after the purchase was decided", err, "상품 주문 상태 확인 필요")
	if pay, _ := c.GetPaymentByImpUID(ctx, p.ImpUID, nil); pay == nil || pay.CancelAmount != 0 {
		t.Fatalf("no money moved: %+v", pay)
	}

	// A buyer's cancel before placement is immediate and refunds; an
	// unknown id in a list is refused alone (207).
	q := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "np-cx", Amount: 5000, PgProvider: "naverco"}})
	qo, _ := c.GetProductOrders(ctx, q.ImpUID)
	if got, err := h.srv.NaverBuyer(qo[0].ProductOrderID, fake.NaverRequestCancel); err != nil || got.ProductOrderStatus != "CANCELED" {
		t.Fatalf("cancel before placement: %+v %v", got, err)
	}
	if pay, _ := c.GetPaymentByImpUID(ctx, q.ImpUID, nil); pay == nil || pay.Status != generated.PaymentStatusCancelled {
		t.Fatalf("the whole payment refunded: %+v", pay)
	}
	r := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "np-207", Amount: 5000, PgProvider: "naverco"}})
	ro, _ := c.GetProductOrders(ctx, r.ImpUID)
	part, err := c.NaverCancelProductOrder(ctx, r.ImpUID, generated.NaverCancelRequest{ProductOrderID: &[]string{"nope", ro[0].ProductOrderID, ro[0].ProductOrderID}})
	if !errors.Is(err, wrapper.ErrPartialResult) || len(part) != 1 || part[0].ProductOrderStatus != "CANCELED" {
		t.Fatalf("cancel with an unknown and a repeated id: want 207 with the one order, got %+v %v", part, err)
	}
	if st := h.control("POST", "/__fake/naver/product-orders/"+ro[0].ProductOrderID+"/decide", "", nil); st != http.StatusConflict {
		t.Errorf("decide a cancelled order: want 409, got %d", st)
	}
	if st := h.control("POST", "/__fake/naver/product-orders/nope/decide", "", nil); st != http.StatusNotFound {
		t.Errorf("unknown product order: want 404, got %d", st)
	}
}

func TestScenarioNaverPayPaymentType(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "npp-1", Amount: 11000, PgProvider: "naverpay", PayMethod: "point", Escrow: true}, TaxFree: 0})
	card := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "npp-2", Amount: 22000, PgProvider: "naverpay", PayMethod: "card"}})
	other := h.seed(seedCard("npp-3", 1000))

	cash, err := c.QueryCashAmount(ctx, p.ImpUID)
	if err != nil || cash.AmountTotal != 11000 || cash.AmountByNpoint != 11000 || cash.AmountVat != 1000 || cash.AmountSupply != 10000 {
		t.Fatalf("cash amount: %+v %v", cash, err)
	}
	if cash, err := c.QueryCashAmount(ctx, card.ImpUID); err != nil || cash.AmountTotal != 0 {
		t.Fatalf("a card payment has no cash part: %+v %v", cash, err)
	}
	for _, id := range []string{other.ImpUID, "imp_unknown"} {
		var apiErr *wrapper.APIError
		if _, err := c.QueryCashAmount(ctx, id); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
			t.Errorf("cash amount of %s: want 400, got %v", id, err)
		}
	}

	if _, err := c.NaverDepositPoint(ctx, p.ImpUID); err != nil {
		t.Fatalf("point: %v", err)
	}
	_, err = c.NaverDepositPoint(ctx, p.ImpUID)
	wantAllFailed(t, "point twice", err, "이미 포인트")
	if _, err := c.NaverDepositPoint(ctx, "imp_unknown"); !errors.Is(err, wrapper.ErrNotFound) {
		t.Errorf("point of an unknown payment: want ErrNotFound, got %v", err)
	}
	if _, err := c.NaverConfirmPayment(ctx, p.ImpUID, generated.NaverConfirmRequest{Requester: new(generated.RequesterCustomer)}); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	_, err = c.NaverConfirmPayment(ctx, p.ImpUID, generated.NaverConfirmRequest{})
	wantAllFailed(t, "confirm twice", err, "이미 구매확정")
	_, err = c.NaverConfirmPayment(ctx, card.ImpUID, generated.NaverConfirmRequest{})
	wantAllFailed(t, "confirm without escrow", err, "에스크로")
	_, err = c.NaverConfirmPayment(ctx, other.ImpUID, generated.NaverConfirmRequest{})
	wantAllFailed(t, "confirm of another PG's payment", err, "결제형")
}

func TestScenarioNaverPayReviews(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	_, ids := seedNaverOrder(h, "np-rv")
	if _, err := h.srv.AddNaverReview("ch-order", "general", generated.NaverReview{ProductOrderID: ids[0], Title: "편해요", Score: "4"}); err != nil {
		t.Fatal(err)
	}
	body := `{"channel_key":"ch-order","review_type":"premium","product_order_id":"` + ids[1] + `","title":"최고","content":"사진과 같아요","created_at":` +
		"1750000100}"
	if st := h.control("POST", "/__fake/naver/reviews", body, nil); st != http.StatusOK {
		t.Fatalf("review control: %d", st)
	}
	if st := h.control("POST", "/__fake/naver/reviews", `{"channel_key":"ch-order","review_type":"video","title":"x"}`, nil); st != http.StatusBadRequest {
		t.Errorf("review of an unknown type: want 400, got %d", st)
	}

	params := &generated.GetReviewsParams{ChannelKey: "ch-order", From: t0.Unix() - 10, To: t0.Unix() + 1000, ReviewType: generated.GetReviewsParamsReviewTypeGeneral}
	got, err := c.GetReviews(ctx, params)
	if err != nil || len(got) != 1 || got[0].ProductName != "신발" || got[0].Score != "4" {
		t.Fatalf("general reviews: %+v %v", got, err)
	}
	params.ReviewType = generated.GetReviewsParamsReviewTypePremium
	if got, err := c.GetReviews(ctx, params); err != nil || len(got) != 1 || deref(got[0].Content) != "사진과 같아요" {
		t.Fatalf("premium reviews: %+v %v", got, err)
	}
	params.From = t0.Unix() + 200
	if got, err := c.GetReviews(ctx, params); err != nil || len(got) != 0 {
		t.Fatalf("outside the window: %+v %v", got, err)
	}
	params.From, params.To = 10, 5
	var apiErr *wrapper.APIError
	if _, err := c.GetReviews(ctx, params); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("from after to: want 400, got %v", err)
	}
}

// Product orders, their claims, points, confirmations and reviews
// survive a restart with -state.
func TestNaverPayState(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	p, ids := seedNaverOrder(h, "np-st")
	if _, err := c.NaverShipProductOrder(ctx, p.ImpUID, generated.NaverShipRequest{ProductOrderID: &[]string{ids[0]},
		DeliveryMethod: generated.NaverDeliveryMethodNOTHING, DispatchedAt: t0.Unix()}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.NaverRequestReturnProductOrder(ctx, p.ImpUID, generated.NaverRequestReturnRequest{ProductOrderID: &[]string{ids[0]},
		DeliveryMethod: generated.NaverReturnDeliveryMethodRETURNINDIVIDUAL}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.NaverWithholdReturnProductOrder(ctx, p.ImpUID, generated.NaverWithholdReturnRequest{ProductOrderID: &[]string{ids[0]},
		Memo: "m", ExtraCharge: new(1000.0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.NaverPlaceProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{ids[1]}}); err != nil {
		t.Fatal(err)
	}
	pp := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: "np-st-2", Amount: 1000, PgProvider: "naverpay", PayMethod: "trans"}})
	if _, err := c.NaverDepositPoint(ctx, pp.ImpUID); err != nil {
		t.Fatal(err)
	}
	if _, err := h.srv.AddNaverReview("ch", "general", generated.NaverReview{ProductOrderID: ids[1], Title: "t"}); err != nil {
		t.Fatal(err)
	}
	before, _ := c.GetProductOrders(ctx, p.ImpUID)

	path := filepath.Join(t.TempDir(), "state.json")
	if err := h.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t)
	if err := h2.srv.LoadState(path); err != nil {
		t.Fatal(err)
	}
	c2 := h2.wrapper()
	after, err := c2.GetProductOrders(ctx, p.ImpUID)
	if err != nil || len(after) != 2 {
		t.Fatalf("after the restart: %+v %v", after, err)
	}
	for i := range before {
		if a, b := after[i], before[i]; a.ProductOrderID != b.ProductOrderID || a.ProductOrderStatus != b.ProductOrderStatus ||
			deref(a.ClaimStatus) != deref(b.ClaimStatus) || deref(a.ProductAmount) != deref(b.ProductAmount) {
			t.Errorf("order %d: %+v before, %+v after", i, b, a)
		}
	}
	if o, err := c2.GetProductOrderSingle(ctx, ids[1]); err != nil || o.ProductOrderStatus != "PAYED" {
		t.Errorf("index rebuilt: %+v %v", o, err)
	}
	// The hold, the placement and the charge came back too.
	_, err = c2.NaverApproveReturnProductOrder(ctx, p.ImpUID, generated.NaverApproveReturnRequest{ProductOrderID: &[]string{ids[0]}})
	wantAllFailed(t, "approve the withheld return after the restart", err, "상품 주문 상태 확인 필요")
	_, err = c2.NaverPlaceProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{ids[1]}})
	wantAllFailed(t, "place again after the restart", err, "동일")
	if _, err := c2.NaverResolveReturnProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{ProductOrderID: &[]string{ids[0]}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.NaverApproveReturnProductOrder(ctx, p.ImpUID, generated.NaverApproveReturnRequest{ProductOrderID: &[]string{ids[0]}}); err != nil {
		t.Fatal(err)
	}
	if pay, _ := c2.GetPaymentByImpUID(ctx, p.ImpUID, nil); pay == nil || pay.CancelAmount != 17500-1000 {
		t.Errorf("refund after the restart, less the charge kept: %+v", pay)
	}
	_, err = c2.NaverDepositPoint(ctx, pp.ImpUID)
	wantAllFailed(t, "point again after the restart", err, "이미 포인트")
	if rv, err := c2.GetReviews(ctx, &generated.GetReviewsParams{ChannelKey: "ch", From: 0, To: t0.Unix(), ReviewType: "general"}); err != nil || len(rv) != 1 {
		t.Errorf("reviews after the restart: %+v %v", rv, err)
	}

	// A file whose two payments claim one product order is refused.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(raw), `"product_order_id":"`+ids[1]+`"`, `"product_order_id":"`+ids[0]+`"`, 1)
	if bad == string(raw) {
		t.Fatal("the state file does not hold the product order id")
	}
	badPath := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(badPath, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := newHarness(t).srv.LoadState(badPath); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate product order ids in a state file: want refused, got %v", err)
	}
}

func TestNaverSeedChecks(t *testing.T) {
	srv, err := fake.New(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	orders := []generated.NaverProductOrder{{ProductID: "a", ProductName: "a", ProductAmount: new(600.0)}, {ProductID: "b", ProductName: "b", ProductAmount: new(300.0)}}
	for name, sd := range map[string]fake.Seed{
		"amounts short of the payment": {Payment: generated.Payment{Amount: 1000, PgProvider: "naverco"}, NaverProductOrders: orders},
		"not naverco":                  {Payment: generated.Payment{Amount: 900, PgProvider: "kcp"}, NaverProductOrders: orders},
		"claim seeded": {Payment: generated.Payment{Amount: 900, PgProvider: "naverco"}, NaverProductOrders: []generated.NaverProductOrder{
			{ProductID: "a", ProductName: "a", ProductAmount: new(900.0), ClaimType: new("CANCEL")}}},
		"no product_amount": {Payment: generated.Payment{Amount: 900, PgProvider: "naverco"}, NaverProductOrders: []generated.NaverProductOrder{{ProductID: "a", ProductName: "a"}}},
	} {
		if _, err := srv.SeedPayment(sd); err == nil {
			t.Errorf("%s: want the seed refused", name)
		}
	}
	if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{Amount: 900, PgProvider: "naverco"}, NaverProductOrders: orders}); err != nil {
		t.Errorf("amounts that add up: %v", err)
	}
	dup := []generated.NaverProductOrder{{ProductOrderID: "X1", ProductID: "a", ProductName: "a", ProductAmount: new(900.0)}}
	if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{Amount: 900, PgProvider: "naverco"}, NaverProductOrders: dup}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{Amount: 900, PgProvider: "naverco"}, NaverProductOrders: dup}); err == nil {
		t.Error("a product_order_id another payment holds: want the seed refused")
	}
}

// Product orders and reviews carry every key, null where empty, as
// PortOne's PHP client reads them.
func TestNaverAnswersCarryEveryKey(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	p, ids := seedNaverOrder(h, "np-keys")
	tok := h.token()
	resp, err := h.client.GetProductOrdersWithResponse(ctx, p.ImpUID, tok)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"claim_type":null`, `"claim_status":null`, `"shipping_memo":null`, `"individual_code":null`, `"product_option_id":null`} {
		if !strings.Contains(string(resp.Body), key) {
			t.Errorf("getProductOrders: no %s in %s", key, resp.Body)
		}
	}
	if _, err := h.srv.AddNaverReview("ch", "general", generated.NaverReview{ProductOrderID: ids[1], Title: "t"}); err != nil {
		t.Fatal(err)
	}
	rv, err := h.client.GetReviewsWithResponse(ctx, &generated.GetReviewsParams{ChannelKey: "ch", From: 0, To: t0.Unix(), ReviewType: "general"}, tok)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"content":null`, `"product_option_name":null`, `"modified_at":0`} {
		if !strings.Contains(string(rv.Body), key) {
			t.Errorf("getReviews: no %s in %s", key, rv.Body)
		}
	}
}

// A naverco payment waiting for its deposit has product orders waiting
// too: PAYED once paid, CANCELED_BY_NOPAYMENT once the account is revoked.
func TestScenarioNaverPayWaitingForDeposit(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c := h.wrapper()
	var ids []string
	for _, m := range []string{"np-vb-1", "np-vb-2"} {
		p := h.seed(fake.Seed{Payment: generated.Payment{MerchantUID: m, Amount: 9000, PgProvider: "naverco", PayMethod: "vbank", Status: generated.PaymentStatusReady}})
		orders, err := c.GetProductOrders(ctx, p.ImpUID)
		if err != nil || len(orders) != 1 || orders[0].ProductOrderStatus != "PAYMENT_WAITING" || orders[0].ShippingDue != nil {
			t.Fatalf("orders of a ready naverco payment: %+v %v", orders, err)
		}
		_, err = c.NaverPlaceProductOrder(ctx, p.ImpUID, generated.NaverProductOrdersRequest{})
		wantAllFailed(t, "place before the deposit", err, "상품 주문 상태 확인 필요")
		ids = append(ids, p.ImpUID)
	}
	if st := h.control("POST", "/__fake/vbanks/"+ids[0]+"/deposit", "", nil); st != http.StatusOK {
		t.Fatalf("deposit: %d", st)
	}
	if orders, err := c.GetProductOrders(ctx, ids[0]); err != nil || orders[0].ProductOrderStatus != "PAYED" || orders[0].ShippingDue == nil {
		t.Fatalf("after the deposit: %+v %v", orders, err)
	}
	if _, err := c.RevokeVbank(ctx, ids[1], nil); err != nil {
		t.Fatal(err)
	}
	if orders, err := c.GetProductOrders(ctx, ids[1]); err != nil || orders[0].ProductOrderStatus != "CANCELED_BY_NOPAYMENT" {
		t.Fatalf("after the revocation: %+v %v", orders, err)
	}
}

// The payment window turns IMP.request_pay's naverProducts into product
// orders (the example of PortOne's order-type manual: a product with two
// supplements, one with two options, one shipping group whose 2500 fee is
// paid once) and the amount into their total, as Naver overwrites it.
func TestWindowNaverProducts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	products := []map[string]any{
		{"id": "singleProductId", "name": "네이버페이 상품1", "basePrice": 1000, "taxType": "TAX_FREE", "quantity": 2,
			"shipping": map[string]any{"groupId": "shipping-a", "method": "DELIVERY", "baseFee": 2500,
				"feeRule": map[string]any{"freeByThreshold": 20000}, "feePayType": "PREPAYED"},
			"supplements": []map[string]any{{"id": "supplement-a", "name": "추가구성품 A", "price": 1000, "quantity": 1},
				{"id": "supplement-b", "name": "추가구성품 B", "price": 1200, "quantity": 2}}},
		{"id": "optionProductId", "name": "네이버페이 상품2", "basePrice": 1000,
			"options": []map[string]any{
				{"optionQuantity": 3, "optionPrice": 100, "selectionCode": "R_M", "selections": []map[string]any{{"code": "RED", "label": "색상", "value": "빨강"}, {"code": "170", "label": "사이즈", "value": "170"}}},
				{"optionQuantity": 2, "optionPrice": 200, "selectionCode": "R_L", "selections": []map[string]any{{"code": "RED", "label": "색상", "value": "빨강"}, {"code": "180", "label": "사이즈", "value": "180"}}}},
			"shipping": map[string]any{"groupId": "shipping-a", "method": "DELIVERY", "baseFee": 2500, "feeRule": map[string]any{"freeByThreshold": 20000}}},
	}
	status, _, rsp := postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{
		"pg": "naverco", "pay_method": "card", "merchant_uid": "np-win", "name": "주문명:결제테스트", "amount": 14000,
		"buyer_name": "구매자이름", "buyer_tel": "010-1234-5678", "naverProducts": products,
	}))
	if status != http.StatusOK || rsp == nil || rsp["success"] != true {
		t.Fatalf("approve: %d %v", status, rsp)
	}
	p := h.paymentByOrder("np-win")
	// 2x1000 + 1000 + 2x1200 + 3x1100 + 2x1200 + 2500 shipping = 13600.
	if p.PgProvider != "naverco" || p.Amount != 13600 {
		t.Fatalf("payment: provider %s amount %v, want naverco 13600", p.PgProvider, p.Amount)
	}
	orders, err := h.wrapper().GetProductOrders(ctx, p.ImpUID)
	if err != nil || len(orders) != 5 {
		t.Fatalf("product orders: %+v %v", orders, err)
	}
	if o := orders[3]; o.ProductID != "optionProductId" || deref(o.ProductOptionID) != "R_M" || deref(o.ProductOptionName) != "빨강/170" ||
		o.Quantity != 3 || deref(o.ProductAmount) != 3300 {
		t.Errorf("option order: %+v", o)
	}
	var fees float64
	for _, o := range orders {
		fees += deref(o.DeliveryAmount)
	}
	if fees != 2500 || deref(orders[0].DeliveryAmount) != 2500 {
		t.Errorf("shipping: %v in all, %v on the first order; want the group's 2500 once", fees, deref(orders[0].DeliveryAmount))
	}

	// Without naverProducts (or with ones that do not decode), one order
	// for the amount.
	_, _, rsp = postWindow(t, h, windowForm(h, "callback", "approve", map[string]any{
		"pg": "naverco", "pay_method": "card", "merchant_uid": "np-win-2", "amount": 5000, "naverProducts": "not a list"}))
	if rsp["success"] != true {
		t.Fatalf("approve: %v", rsp)
	}
	q := h.paymentByOrder("np-win-2")
	if orders, err := h.wrapper().GetProductOrders(ctx, q.ImpUID); err != nil || len(orders) != 1 || q.Amount != 5000 {
		t.Errorf("no usable naverProducts: %+v %v (amount %v)", orders, err, q.Amount)
	}
}

// BenchmarkNaverScale: the Naver reads and one claim with 20,000 naverco
// payments of two product orders each stored (the product order lookup
// goes through an index, the claims through the payment).
func BenchmarkNaverScale(b *testing.B) {
	const n = 20_000
	srv, err := fake.Start(fake.Config{Now: func() time.Time { return t0 }})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	var mid generated.Payment
	for i := range n {
		p, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{MerchantUID: fmt.Sprintf("nvs-%06d", i), Amount: 3000, PgProvider: "naverco"},
			NaverProductOrders: []generated.NaverProductOrder{{ProductID: "a", ProductName: "A", ProductAmount: new(2000.0)},
				{ProductID: "b", ProductName: "B", ProductAmount: new(1000.0)}}})
		if err != nil {
			b.Fatal(err)
		}
		if i == n/2 {
			mid = p
		}
	}
	sf := &scaleFake{srv: srv, token: rawToken(b, srv)}
	client := &http.Client{}
	var orders struct {
		Response []generated.NaverProductOrder `json:"response"`
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/payments/"+mid.ImpUID+"/naver/product-orders", nil)
	req.Header.Set("Authorization", "Bearer "+sf.token)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_ = json.NewDecoder(resp.Body).Decode(&orders)
	_ = resp.Body.Close()
	if len(orders.Response) != 2 {
		b.Fatalf("orders of the middle payment: %+v", orders)
	}
	for _, c := range []struct{ name, path string }{
		{"ProductOrders", "/payments/" + mid.ImpUID + "/naver/product-orders"},
		{"ProductOrderSingle", "/naver/product-orders/" + orders.Response[1].ProductOrderID},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				sf.get(b, client, c.path)
			}
		})
	}
}

// The dashboard lists product orders with a button for each buyer event
// their status allows, and its form drives NaverBuyer.
func TestDashboardNaverOrders(t *testing.T) {
	h := newHarness(t)
	p, ids := seedNaverOrder(h, "np-dash")
	page := h.dashboard()
	for _, want := range []string{ids[0], ids[1], p.ImpUID, "신발 (빨강/180) × 1", "15,000", `data-control="naver-request-cancel"`} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if n := strings.Count(page, `data-control="naver-`); n != 2 {
		t.Errorf("%d Naver buttons, want 2 (request-cancel of each PAYED order)", n)
	}
	if flash := h.dashboardForm("/__fake/ui/naver", url.Values{"product_order_id": {ids[0]}, "event": {"request-cancel"}}); !strings.Contains(flash, "CANCELED") {
		t.Errorf("request-cancel from the dashboard: %s", flash)
	}
	if flash := h.dashboardForm("/__fake/ui/naver", url.Values{"product_order_id": {ids[0]}, "event": {"decide"}}); !strings.Contains(flash, "상품 주문 상태 확인 필요") {
		t.Errorf("a refused event: %s", flash)
	}
	if n := strings.Count(h.dashboard(), `data-control="naver-`); n != 1 {
		t.Errorf("%d Naver buttons after the cancel, want 1", n)
	}
}
