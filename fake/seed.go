package fake

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/portone-community/portone-v1-go/generated"
)

// Seed describes a payment to put in the fake, as if a buyer had gone
// through the payment window. A payment object taken from a real answer
// (cancelled ones included) is stored as it is. Fields of Payment left at their zero value
// get plausible defaults: an imp_uid, a merchant_uid, status paid, card
// through html5_inicis in KRW, timestamps at the fake's now, PG ids, and
// for a virtual account (pay_method vbank, status ready) the account
// details and a deadline three days ahead.
type Seed struct {
	Payment generated.Payment
	// TaxFree is the tax-free part of the amount (면세공급가액); cancels
	// cannot take back more tax-free money than this.
	TaxFree float64
	// NoticeURL receives the payment's webhooks (creation, deposit,
	// cancels with enable_webhook).
	NoticeURL string
	// NaverProductOrders are the Naver Pay product orders of a paid
	// naverco payment (order-type Naver Pay), as the API returns them;
	// missing ids, statuses (PAYED), orderer and address get defaults,
	// and their product_amount + delivery_amount must add up to the
	// amount. Without them such a payment gets one product order for its
	// whole amount.
	NaverProductOrders []generated.NaverProductOrder
}

// seedJSON is the body of POST /__fake/payments: a payment object as the
// API returns it, plus the fake-only fields of Seed.
type seedJSON struct {
	TaxFree            float64                       `json:"tax_free"`
	NoticeURL          string                        `json:"notice_url"`
	NaverProductOrders []generated.NaverProductOrder `json:"naver_product_orders"`
}

// UnmarshalJSON reads the body of POST /__fake/payments: the payment
// object, with tax_free and notice_url beside its fields.
func (sd *Seed) UnmarshalJSON(b []byte) error {
	var extra seedJSON
	if err := json.Unmarshal(b, &extra); err != nil {
		return err
	}
	var p generated.Payment
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*sd = Seed{Payment: p, TaxFree: extra.TaxFree, NoticeURL: extra.NoticeURL, NaverProductOrders: extra.NaverProductOrders}
	return nil
}

// SeedPayment stores a payment and returns it as the API will show it.
func (s *Server) SeedPayment(sd Seed) (generated.Payment, error) {
	p := sd.Payment
	if p.Amount < 0 || math.IsNaN(p.Amount) || math.IsInf(p.Amount, 0) {
		return generated.Payment{}, fmt.Errorf("fake: amount %v is not a valid amount", p.Amount)
	}
	// Written as "not inside" so that NaN, which no comparison holds for,
	// is refused too: json.Marshal cannot encode it.
	if !(sd.TaxFree >= 0 && sd.TaxFree <= p.Amount) {
		return generated.Payment{}, fmt.Errorf("fake: tax_free %v is outside [0, amount]", sd.TaxFree)
	}
	if !(p.CancelAmount >= 0 && p.CancelAmount <= p.Amount) {
		return generated.Payment{}, fmt.Errorf("fake: cancel_amount %v is outside [0, amount]", p.CancelAmount)
	}
	if p.Status != "" && !p.Status.Valid() {
		return generated.Payment{}, fmt.Errorf("fake: unknown status %q", p.Status)
	}
	if err := checkNaverSeed(p, sd.NaverProductOrders); err != nil {
		return generated.Payment{}, err
	}
	// A seeded cancel history (a recorded payment, say) took back no
	// tax-free money as far as the fake knows.
	return s.store.add(&record{p: p, taxFree: sd.TaxFree, noticeURL: sd.NoticeURL,
		cancelTaxFree: make([]float64, len(p.CancelHistory)), naverSeed: sd.NaverProductOrders})
}

// completePayment fills what a seed left out. seq makes ids unique and
// stable from one run to the next.
func completePayment(p *generated.Payment, seq int, now int64) {
	if p.ImpUID == "" {
		p.ImpUID = fmt.Sprintf("imp_%012d", 100000000000+seq)
	}
	if p.MerchantUID == "" {
		p.MerchantUID = fmt.Sprintf("order_%06d", seq)
	}
	if p.PayMethod == "" {
		p.PayMethod = "card"
	}
	if p.PgProvider == "" {
		p.PgProvider = "html5_inicis"
	}
	if p.Currency == "" {
		p.Currency = "KRW"
	}
	if p.Status == "" {
		p.Status = generated.PaymentStatusPaid
	}
	if p.Channel == nil {
		p.Channel = new(generated.PaymentChannelPc)
	}
	if p.StartedAt == nil {
		p.StartedAt = new(now)
	}
	if p.PgTid == nil {
		p.PgTid = new(fmt.Sprintf("fake_tid_%s", p.ImpUID))
	}
	if p.CancelHistory == nil {
		p.CancelHistory = []generated.PaymentCancellation{}
	}
	if p.CancelReceiptURLs == nil {
		p.CancelReceiptURLs = []string{}
	}
	switch p.Status {
	case generated.PaymentStatusPaid:
		if p.PaidAt == 0 {
			p.PaidAt = now
		}
		if p.ReceiptURL == nil {
			p.ReceiptURL = new("https://receipt.example/" + p.ImpUID)
		}
	case generated.PaymentStatusFailed:
		if p.FailedAt == 0 {
			p.FailedAt = now
		}
		if p.FailReason == nil {
			p.FailReason = new("결제가 실패했습니다.")
		}
	}
	switch p.PayMethod {
	case "card":
		if p.Status != generated.PaymentStatusPaid {
			break
		}
		if p.CardCode == nil {
			p.CardCode, p.CardName = new("366"), new("신한카드")
		}
		if p.CardNumber == nil {
			p.CardNumber = new("559410*********4")
		}
		if p.CardType == nil {
			p.CardType = new(generated.CardType(0))
		}
		if p.ApplyNum == nil {
			p.ApplyNum = new(fmt.Sprintf("%08d", seq))
		}
	case "vbank":
		if p.VbankCode == nil {
			p.VbankCode, p.VbankName = new("004"), new("KB국민은행")
		}
		if p.VbankNum == nil {
			p.VbankNum = new(fmt.Sprintf("T%013d", seq))
		}
		if p.VbankHolder == nil {
			p.VbankHolder = new("포트원(가상)")
		}
		if p.VbankDate == 0 {
			p.VbankDate = now + 3*24*3600
		}
		if p.VbankIssuedAt == nil {
			p.VbankIssuedAt = new(now)
		}
	}
	if p.VbankIssuedAt == nil {
		p.VbankIssuedAt = new(int64(0)) // the API writes 0, not null, for a payment without a virtual account
	}
}

// matches says whether a payment respects the registered amount (and the
// registered currency, when one was given).
func (pp preparedAmount) matches(p generated.Payment) bool {
	if pp.Amount != p.Amount {
		return false
	}
	return pp.Currency == nil || *pp.Currency == p.Currency
}
