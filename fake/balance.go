package fake

import (
	"math"
	"net/http"

	"github.com/portone-community/portone-v1-go/generated"
)

// BalanceByImpUID splits a payment into tax-free, supply and VAT parts
// (VAT is 1/11 of the taxable part, rounded), all on the primary means:
// the fake has no points, discounts or cash receipts. One history entry
// for the payment, then one per cancel. The real API documents this
// operation for PAYCO only; the fake answers for every paid or cancelled
// payment.
func (h *handlers) BalanceByImpUID(w http.ResponseWriter, _ *http.Request, impUID generated.ImpUIDPath) {
	rec, ok := h.s.store.getRecord(impUID)
	if !ok || rec.p.PaidAt == 0 {
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
		return
	}
	amount, taxFree := rec.p.Amount, rec.taxFree
	histories := []generated.PaymentBalanceHistory{balanceHistory(amount, taxFree, rec.p.PaidAt)}
	for i, c := range rec.p.CancelHistory {
		amount -= c.Amount
		taxFree -= rec.cancelTaxFree[i]
		histories = append(histories, balanceHistory(amount, taxFree, c.CancelledAt))
	}
	last := histories[len(histories)-1]
	writeOK(w, generated.PaymentBalance{
		Amount:      amount,
		CashReceipt: last.CashReceipt,
		Primary:     last.Primary,
		Secondary:   last.Secondary,
		Discount:    last.Discount,
		Histories:   histories,
	})
}

func balanceHistory(amount, taxFree float64, at int64) generated.PaymentBalanceHistory {
	taxable := amount - taxFree
	vat := math.Round(taxable / 11)
	return generated.PaymentBalanceHistory{
		Primary: generated.PaymentBalanceAmounts{TaxFree: taxFree, Supply: taxable - vat, Vat: vat},
		Created: at,
	}
}
