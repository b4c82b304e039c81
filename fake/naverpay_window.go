package fake

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
)

// Product orders of a naverco payment made in the payment window, from
// the naverProducts parameter of IMP.request_pay (PortOne's order-type
// Naver Pay manual, iamport-manual NAVERPAY/sample/naverpay-order.md):
// each product is a product order, or one per chosen option (options[]:
// optionQuantity, optionPrice added to basePrice, selectionCode,
// selections), and each supplement (추가구성품) is one more; a shipping
// group (shipping.groupId; an empty one is a group of its own) pays its
// baseFee once, on its first product order, unless feeRule.freeByThreshold
// is reached. Naver settles the amount in its own window and PortOne
// overwrites the payment's amount with it (the manual's "보정(overwrite)"),
// so the payment's amount becomes the product orders' total. Area
// surcharges and quantity rules are not computed. Parameters that do not
// decode are ignored: the payment gets one product order for its amount.

type sdkNaverProduct struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	BasePrice float64 `json:"basePrice"`
	Quantity  int32   `json:"quantity"`
	Options   []struct {
		OptionQuantity int32   `json:"optionQuantity"`
		OptionPrice    float64 `json:"optionPrice"`
		SelectionCode  string  `json:"selectionCode"`
		Selections     []struct {
			Code  string `json:"code"`
			Label string `json:"label"`
			Value string `json:"value"`
		} `json:"selections"`
	} `json:"options"`
	Supplements []struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Price    float64 `json:"price"`
		Quantity int32   `json:"quantity"`
	} `json:"supplements"`
	Shipping *struct {
		GroupID string  `json:"groupId"`
		BaseFee float64 `json:"baseFee"`
		FeeRule *struct {
			FreeByThreshold float64 `json:"freeByThreshold"`
		} `json:"feeRule"`
	} `json:"shipping"`
}

// naverOrdersFromSDK builds the product orders of naverProducts and their
// total; ok is false when the parameter is absent or does not decode into
// products with positive quantities and amounts of the currency.
func naverOrdersFromSDK(raw json.RawMessage, cur string) (orders []generated.NaverProductOrder, total float64, ok bool) {
	var products []sdkNaverProduct
	if len(raw) == 0 || json.Unmarshal(raw, &products) != nil || len(products) == 0 {
		return nil, 0, false
	}
	type group struct {
		first     int // index of its first product order
		sum, fee  float64
		threshold float64
	}
	groups := map[string]*group{}
	var order []string
	add := func(o generated.NaverProductOrder) {
		orders = append(orders, o)
	}
	for i, pr := range products {
		if pr.ID == "" || pr.Name == "" {
			return nil, 0, false
		}
		start := len(orders)
		if len(pr.Options) == 0 {
			add(generated.NaverProductOrder{ProductID: pr.ID, ProductName: pr.Name, Quantity: max(pr.Quantity, 1),
				ProductAmount: new(pr.BasePrice * float64(max(pr.Quantity, 1)))})
		}
		for _, op := range pr.Options {
			var names []string
			for _, sel := range op.Selections {
				names = append(names, sel.Value)
			}
			q := max(op.OptionQuantity, 1)
			add(generated.NaverProductOrder{ProductID: pr.ID, ProductName: pr.Name, Quantity: q,
				ProductOptionID: optional(op.SelectionCode), ProductOptionName: optional(strings.Join(names, "/")),
				ProductAmount: new((pr.BasePrice + op.OptionPrice) * float64(q))})
		}
		for _, sp := range pr.Supplements {
			q := max(sp.Quantity, 1)
			add(generated.NaverProductOrder{ProductID: sp.ID, ProductName: sp.Name, Quantity: q, ProductAmount: new(sp.Price * float64(q))})
		}
		key := "\x00product-" + strconv.Itoa(i) // no groupId: a group of its own
		var fee, threshold float64
		if sh := pr.Shipping; sh != nil {
			fee = sh.BaseFee
			if sh.GroupID != "" {
				key = sh.GroupID
			}
			if sh.FeeRule != nil {
				threshold = sh.FeeRule.FreeByThreshold
			}
		}
		g, seen := groups[key]
		if !seen {
			g = &group{first: start, fee: fee, threshold: threshold}
			groups[key] = g
			order = append(order, key)
		}
		for _, o := range orders[start:] {
			g.sum += *o.ProductAmount
		}
	}
	for _, key := range order {
		g := groups[key]
		if g.fee > 0 && (g.threshold <= 0 || g.sum < g.threshold) {
			orders[g.first].DeliveryAmount = new(g.fee)
		}
	}
	var units int64
	for _, o := range orders {
		pa, ok1 := minorUnits(*o.ProductAmount, cur)
		da, ok2 := minorUnits(deref(o.DeliveryAmount), cur)
		if !ok1 || !ok2 || pa < 0 || da < 0 {
			return nil, 0, false
		}
		units += pa + da
	}
	return orders, fromMinorUnits(units, cur), true
}
