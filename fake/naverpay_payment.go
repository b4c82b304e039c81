package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"

	"github.com/portone-community/portone-v1-go/generated"
)

// Naver Pay payment type (결제형 네이버페이, pg_provider "naverpay"): points
// credited (naverDepositPoint), escrow purchases confirmed
// (naverConfirmPayment) and the cash-receipt amounts (queryCashAmount);
// and the buyers' reviews of order-type channels (getReviews).
//
// PortOne documents the statuses, not the rules. The fake's choices:
// points are credited once per paid payment and a purchase is confirmed
// once per paid escrow payment, a second call or another payment being a
// 500 with the reason (the status both routes give for a failure); an
// unknown payment is 404 for both. queryCashAmount documents no 404: an
// unknown payment is 400 like any payment that is not payment-type Naver
// Pay (its documented 400).
//
// The cash-receipt amount is what is left of the payment (amount less
// cancel_amount) unless it was paid by card, which is no cash (0); paid in
// Naver Pay points (pay_method point) it is all amount_by_npoint, else all
// amount_by_primary. The taxable part (what is left less the tax-free part
// not yet cancelled) carries VAT of a eleventh, rounded to the won.

const (
	msgNotNaverPayment  = "네이버페이 결제형 결제건이 아닙니다."
	msgNaverNotPaid     = "결제완료 상태인 결제건이 아닙니다."
	msgNaverPointTwice  = "이미 포인트 적립이 요청된 결제건입니다."
	msgNaverNotEscrow   = "에스크로 결제건이 아닙니다."
	msgNaverConfirmed   = "이미 구매확정된 결제건입니다."
	msgNaverReviewRange = "from은 to보다 클 수 없습니다."
)

func (h *handlers) NaverDepositPoint(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	h.naverPaymentChange(w, impUID, func(rec *record) string {
		if rec.naver.PointDeposited {
			return msgNaverPointTwice
		}
		rec.naver.PointDeposited = true
		return ""
	})
}

func (h *handlers) NaverConfirmPayment(w http.ResponseWriter, r *http.Request, impUID generated.ImpUIDPath) {
	// The body is optional: none means the merchant's admin confirms.
	var req generated.NaverConfirmRequest
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: cannot read the body")
		return
	}
	if len(bytes.TrimSpace(raw)) > 0 && json.Unmarshal(raw, &req) != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid JSON body")
		return
	}
	by := string(generated.RequesterAdmin)
	if req.Requester != nil {
		by = string(*req.Requester)
	}
	h.naverPaymentChange(w, impUID, func(rec *record) string {
		switch {
		case !rec.p.Escrow:
			return msgNaverNotEscrow
		case rec.naver.ConfirmedBy != "":
			return msgNaverConfirmed
		}
		rec.naver.ConfirmedBy = by
		return ""
	})
}

// naverPaymentChange runs change on a paid payment-type Naver Pay payment
// and answers the payload-less envelope, 404 or 500.
func (h *handlers) naverPaymentChange(w http.ResponseWriter, impUID string, change func(*record) string) {
	_, refusal, found := h.s.store.update(impUID, func(rec *record) (string, bool) {
		switch {
		case rec.p.PgProvider != naverPaymentPG || rec.naver == nil:
			return msgNotNaverPayment, false
		case rec.p.Status != generated.PaymentStatusPaid:
			return msgNaverNotPaid, false
		}
		return change(rec), false
	})
	switch {
	case !found:
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case refusal != "":
		writeError(w, http.StatusInternalServerError, codeFailure, refusal)
	default:
		writeOK(w, nil)
	}
}

func (h *handlers) QueryCashAmount(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	rec, ok := h.s.store.getRecord(impUID)
	switch {
	case !ok:
		writeError(w, http.StatusBadRequest, codeFailure, msgPaymentNotFound)
		return
	case rec.p.PgProvider != naverPaymentPG:
		writeError(w, http.StatusBadRequest, codeFailure, msgNotNaverPayment)
		return
	}
	writeOK(w, naverCashAmount(rec))
}

func naverCashAmount(rec *record) generated.NaverCashAmount {
	p := rec.p
	cur := p.Currency
	if p.Status != generated.PaymentStatusPaid || p.PayMethod == "card" {
		return generated.NaverCashAmount{}
	}
	amount, _ := minorUnits(p.Amount, cur)
	cancelled, _ := minorUnits(p.CancelAmount, cur)
	left := amount - cancelled
	taxFree, _ := minorUnits(rec.taxFree, cur)
	for _, v := range rec.cancelTaxFree {
		u, _ := minorUnits(v, cur)
		taxFree -= u
	}
	taxable := max(left-max(taxFree, 0), 0)
	vat := (taxable + 5) / 11 // a eleventh, rounded half up
	out := generated.NaverCashAmount{
		AmountTotal:  fromMinorUnits(left, cur),
		AmountSupply: fromMinorUnits(left-vat, cur),
		AmountVat:    fromMinorUnits(vat, cur),
	}
	if p.PayMethod == "point" {
		out.AmountByNpoint = out.AmountTotal
	} else {
		out.AmountByPrimary = out.AmountTotal
	}
	return out
}

// naverReview is a buyer's review kept for getReviews: the channel it
// was written on and its type (general or premium).
type naverReview struct {
	ChannelKey string                `json:"channel_key"`
	ReviewType string                `json:"review_type"`
	Review     generated.NaverReview `json:"review"`
}

// AddNaverReview stores a buyer's review of an order-type Naver Pay
// channel for getReviews. reviewType is general or premium. Missing
// fields get defaults: review_id, score 5, writer, created_at now, and the
// product of the product order when product_order_id names one the fake
// holds.
func (s *Server) AddNaverReview(channelKey, reviewType string, r generated.NaverReview) (generated.NaverReview, error) {
	if channelKey == "" {
		return generated.NaverReview{}, errors.New("fake: a review needs a channel_key")
	}
	switch generated.GetReviewsParamsReviewType(reviewType) {
	case generated.GetReviewsParamsReviewTypeGeneral, generated.GetReviewsParamsReviewTypePremium:
	default:
		return generated.NaverReview{}, fmt.Errorf("fake: review_type %q is neither general nor premium", reviewType)
	}
	st := s.store
	now := s.clock.unix()
	st.mu.Lock()
	defer st.mu.Unlock()
	if o, _ := st.naverOrderLocked(r.ProductOrderID); o != nil {
		if r.ProductID == "" {
			r.ProductID = o.Order.ProductID
		}
		if r.ProductName == "" {
			r.ProductName = o.Order.ProductName
		}
		if r.ProductOptionName == nil {
			r.ProductOptionName = o.Order.ProductOptionName
		}
	}
	if r.ModifiedAt == nil {
		r.ModifiedAt = new(int64(0)) // V1's empty timestamp: the API writes 0, not null
	}
	if r.ReviewID == "" {
		r.ReviewID = fmt.Sprintf("%d", 1_000_000_000+len(st.naverReviews)+1)
	}
	if r.Score == "" {
		r.Score = "5"
	}
	if r.Writer == "" {
		r.Writer = "fake****"
	}
	if r.CreatedAt == 0 {
		r.CreatedAt = now
	}
	if r.Title == "" || r.ProductOrderID == "" || r.ProductID == "" || r.ProductName == "" {
		return generated.NaverReview{}, errors.New("fake: a review needs title, product_order_id, product_id and product_name")
	}
	st.naverReviews = append(st.naverReviews, naverReview{ChannelKey: channelKey, ReviewType: reviewType, Review: r})
	return r, nil
}

func (h *handlers) GetReviews(w http.ResponseWriter, _ *http.Request, params generated.GetReviewsParams) {
	if params.From > params.To {
		writeError(w, http.StatusBadRequest, codeFailure, msgNaverReviewRange)
		return
	}
	st := h.s.store
	st.mu.RLock()
	out := []generated.NaverReview{}
	for _, rv := range st.naverReviews {
		at := rv.Review.CreatedAt
		if rv.ChannelKey == params.ChannelKey && rv.ReviewType == string(params.ReviewType) && at >= params.From && at <= params.To {
			out = append(out, rv.Review)
		}
	}
	st.mu.RUnlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt < out[j].CreatedAt })
	writeOK(w, out)
}

// postNaverReview is the control POST /__fake/naver/reviews: a review
// object with channel_key and review_type beside its fields.
func (s *Server) postNaverReview(w http.ResponseWriter, r *http.Request) {
	var req struct {
		generated.NaverReview
		ChannelKey string `json:"channel_key"`
		ReviewType string `json:"review_type"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	rv, err := s.AddNaverReview(req.ChannelKey, req.ReviewType, req.NaverReview)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, err.Error())
		return
	}
	writeOK(w, rv)
}
