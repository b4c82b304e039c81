package main

import (
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"math"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

//go:embed templates
var templates embed.FS

var pages = template.Must(template.ParseFS(templates, "templates/*.html"))

// The one product of the shop.
const (
	productName  = "포트원 머그컵"
	productPrice = 39000.0
)

// Config wires the shop to PortOne or to the fake: only URLs and
// credentials differ.
type Config struct {
	API       wrapper.Config // REST API: credentials and base URL
	SDKURL    string         // the browser SDK (https://cdn.iamport.kr/v1/iamport.js)
	UserCode  string         // 가맹점 식별코드 for IMP.init
	PG        string         // pg parameter of request_pay; empty lets PortOne pick the default channel
	PublicURL string         // where browsers and PortOne reach the shop (m_redirect_url, notice_url)
}

// Shop is the web app. Orders live in memory: it is an example.
type Shop struct {
	cfg    Config
	client *wrapper.Client
	mux    *http.ServeMux

	mu       sync.Mutex
	seq      int
	orders   map[string]*Order
	webhooks []Webhook
}

// Order is what the shop knows of one checkout.
type Order struct {
	MerchantUID string  `json:"merchant_uid"`
	Amount      float64 `json:"amount"`
	PayMethod   string  `json:"pay_method"`
	// Status: pending, paid, awaiting_deposit, failed, tampered (paid with
	// another amount, then cancelled by the shop), refunded.
	Status  string  `json:"status"`
	ImpUID  string  `json:"imp_uid,omitempty"`
	Note    string  `json:"note,omitempty"`
	Vbank   string  `json:"vbank,omitempty"`
	Refund  float64 `json:"refunded,omitempty"`
	Checked int     `json:"verifications"` // how many times the server asked PortOne
}

// Webhook is a notification PortOne posted to /portone/webhook.
type Webhook struct {
	ImpUID      string `json:"imp_uid"`
	MerchantUID string `json:"merchant_uid"`
	Status      string `json:"status"`
}

// New builds the shop.
func New(cfg Config) (*Shop, error) {
	client, err := wrapper.New(cfg.API)
	if err != nil {
		return nil, err
	}
	s := &Shop{cfg: cfg, client: client, mux: http.NewServeMux(), orders: map[string]*Order{}}
	s.mux.HandleFunc("GET /{$}", s.checkout)
	s.mux.HandleFunc("POST /api/orders", s.createOrder)
	s.mux.HandleFunc("GET /api/orders", s.listOrders)
	s.mux.HandleFunc("POST /api/payments/complete", s.complete)
	s.mux.HandleFunc("GET /payments/complete", s.redirected)
	s.mux.HandleFunc("POST /portone/webhook", s.webhook)
	s.mux.HandleFunc("GET /api/webhooks", s.listWebhooks)
	s.mux.HandleFunc("POST /orders/{merchant_uid}/refund", s.refund)
	return s, nil
}

func (s *Shop) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Shop) checkout(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	orders := make([]Order, 0, len(s.orders))
	for _, o := range s.orders {
		orders = append(orders, *o)
	}
	s.mu.Unlock()
	slices.SortFunc(orders, func(a, b Order) int { return cmp.Compare(b.MerchantUID, a.MerchantUID) })
	render(w, "checkout.html", map[string]any{
		"SDKURL": s.cfg.SDKURL, "UserCode": s.cfg.UserCode, "Product": productName, "Price": productPrice, "Orders": orders,
	})
}

func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		slog.Error("render", "page", name, "err", err)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// createOrder makes the order on the server (the amount is the shop's, not
// the page's) and registers its amount with PortOne, so that a window
// opened with another amount fails. The page gets the request_pay
// parameters back.
func (s *Shop) createOrder(w http.ResponseWriter, r *http.Request) {
	var req struct {
		PayMethod string `json:"pay_method"`
		Redirect  bool   `json:"redirect"`
		// SkipPrepare leaves the amount unregistered, to show that the
		// server-side check catches a tampered amount on its own.
		SkipPrepare bool `json:"skip_prepare"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	s.mu.Lock()
	s.seq++
	o := &Order{MerchantUID: fmt.Sprintf("shop-%d-%04d", time.Now().Unix(), s.seq), Amount: productPrice,
		PayMethod: cmp.Or(req.PayMethod, "card"), Status: "pending"}
	s.orders[o.MerchantUID] = o
	s.mu.Unlock()
	if !req.SkipPrepare {
		_, err := s.client.PreparePayment(r.Context(), generated.PreparePaymentRequest{MerchantUID: o.MerchantUID, Amount: o.Amount})
		if err != nil {
			writeJSON(w, http.StatusBadGateway, map[string]string{"error": "preparePayment: " + err.Error()})
			return
		}
	}
	params := map[string]any{
		"pay_method": o.PayMethod, "merchant_uid": o.MerchantUID, "name": productName, "amount": o.Amount,
		"buyer_name": "김구매", "buyer_email": "buyer@example.com", "buyer_tel": "010-1234-5678",
		"notice_url": s.cfg.PublicURL + "/portone/webhook",
	}
	if s.cfg.PG != "" {
		params["pg"] = s.cfg.PG
	}
	if req.Redirect {
		params["m_redirect_url"] = s.cfg.PublicURL + "/payments/complete"
	}
	writeJSON(w, http.StatusOK, params)
}

func (s *Shop) listOrders(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.orders)
}

func (s *Shop) listWebhooks(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.webhooks)
}

// complete is the callback mode's endpoint: the page posts what the SDK
// handed it, and the shop believes only what the REST API says.
func (s *Shop) complete(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ImpUID      string `json:"imp_uid"`
		MerchantUID string `json:"merchant_uid"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	o, err := s.verify(r.Context(), req.ImpUID, req.MerchantUID)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// redirected is m_redirect_url: PortOne sends the buyer back with
// imp_uid, merchant_uid and imp_success in the query.
func (s *Shop) redirected(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	impUID, merchantUID := q.Get("imp_uid"), q.Get("merchant_uid")
	var o Order
	var err error
	if impUID == "" {
		// No payment was made (the window refused to open): nothing to
		// look up, but the order says so.
		o, err = s.markFailed(merchantUID, q.Get("error_msg"))
	} else {
		o, err = s.verify(r.Context(), impUID, merchantUID)
	}
	data := map[string]any{"Order": o, "ErrorMsg": q.Get("error_msg")}
	if err != nil {
		data["Error"] = err.Error()
	}
	render(w, "complete.html", data)
}

// webhook is notice_url. PortOne may call it before, after or instead of
// the callback; it is verified the same way, so the order ends the same.
func (s *Shop) webhook(w http.ResponseWriter, r *http.Request) {
	var hook Webhook
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&hook); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.webhooks = append(s.webhooks, hook)
	s.mu.Unlock()
	if _, err := s.verify(r.Context(), hook.ImpUID, hook.MerchantUID); err != nil {
		slog.Warn("webhook", "imp_uid", hook.ImpUID, "err", err)
	}
	w.WriteHeader(http.StatusOK) // answer 200 so PortOne does not resend
}

func (s *Shop) markFailed(merchantUID, reason string) (Order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[merchantUID]
	if !ok {
		return Order{}, fmt.Errorf("unknown order %q", merchantUID)
	}
	if o.Status == "pending" {
		o.Status, o.Note = "failed", reason
	}
	return *o, nil
}

// verify asks PortOne for the payment and settles the order from that
// answer only: the order must be this payment's, and a paid amount must be
// the order's amount. A paid payment with another amount was tampered with
// in the browser: the shop cancels it.
func (s *Shop) verify(ctx context.Context, impUID, merchantUID string) (Order, error) {
	if impUID == "" {
		return Order{}, errors.New("imp_uid missing")
	}
	p, err := s.client.GetPaymentByImpUID(ctx, impUID, nil)
	if err != nil {
		return Order{}, fmt.Errorf("look up %s: %w", impUID, err)
	}
	s.mu.Lock()
	o, ok := s.orders[p.MerchantUID]
	if !ok || (merchantUID != "" && merchantUID != p.MerchantUID) {
		s.mu.Unlock()
		return Order{}, fmt.Errorf("payment %s is not for order %q", impUID, merchantUID)
	}
	o.Checked++
	o.ImpUID = p.ImpUID
	cancelTampered := false
	switch {
	case o.Status == "tampered" || o.Status == "refunded":
		// Settled already; a later webhook (the cancel's) changes nothing.
	case p.Status == generated.PaymentStatusPaid && !sameAmount(p.Amount, o.Amount):
		o.Status, o.Note = "tampered", fmt.Sprintf("paid %.0f instead of %.0f: cancelled", p.Amount, o.Amount)
		cancelTampered = true
	case p.Status == generated.PaymentStatusPaid:
		o.Status, o.Note = "paid", ""
	case p.Status == generated.PaymentStatusReady && p.PayMethod == "vbank":
		o.Status = "awaiting_deposit"
		o.Vbank = fmt.Sprintf("%s %s (%s) until %s", deref(p.VbankName), deref(p.VbankNum), deref(p.VbankHolder),
			time.Unix(p.VbankDate, 0).Format(time.DateTime))
	case p.Status == generated.PaymentStatusFailed:
		if o.Status == "pending" {
			o.Status, o.Note = "failed", deref(p.FailReason)
		}
	case p.Status == generated.PaymentStatusCancelled:
		o.Status = "refunded"
	}
	out := *o
	s.mu.Unlock()

	if cancelTampered {
		// Full cancel, the checksum being the whole amount: if it was sent
		// twice, the second one is refused, never a second refund.
		_, err := s.client.CancelPayment(ctx, generated.CancelPaymentRequest{
			ImpUID: new(p.ImpUID), Checksum: new(p.Amount - p.CancelAmount), Reason: new("결제 금액 위변조"),
		})
		if err != nil {
			return out, fmt.Errorf("cancel tampered payment %s: %w", p.ImpUID, err)
		}
	}
	return out, nil
}

// sameAmount compares KRW amounts (whole won).
func sameAmount(a, b float64) bool { return math.Abs(a-b) < 0.5 }

// refund cancels the rest of a paid order.
func (s *Shop) refund(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("merchant_uid")
	s.mu.Lock()
	o, ok := s.orders[id]
	var impUID, status string
	var balance float64
	if ok {
		impUID, status, balance = o.ImpUID, o.Status, o.Amount-o.Refund
	}
	s.mu.Unlock()
	if impUID == "" || status != "paid" {
		http.Error(w, "only a paid order can be refunded", http.StatusConflict)
		return
	}
	p, err := s.client.CancelPayment(r.Context(), generated.CancelPaymentRequest{
		ImpUID: &impUID, Checksum: &balance, Reason: new("구매자 환불 요청"),
	})
	if err != nil {
		http.Error(w, "refund: "+err.Error(), http.StatusBadGateway)
		return
	}
	s.mu.Lock()
	o.Refund, o.Status = p.CancelAmount, "refunded"
	s.mu.Unlock()
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func deref[T any](p *T) T {
	var zero T
	if p != nil {
		return *p
	}
	return zero
}
