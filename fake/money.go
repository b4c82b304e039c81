package fake

import (
	"math"

	"github.com/portone-community/portone-v1-go/internal/currency"
)

// minorDigits is how many decimals an amount of the currency has.
func minorDigits(code string) int { return currency.Digits(code) }

// minorUnits turns an amount into whole minor units of its currency (won,
// cents). ok is false when the amount has more decimals than the currency
// (0.0000001 won, 1000.0000009 won): such an amount is not money, and a
// tolerance would let it through. The slack only absorbs float64's own
// error on a value with the currency's decimals (0.29*100 = 28.999...).
func minorUnits(amount float64, currency string) (units int64, ok bool) {
	x := amount * math.Pow10(minorDigits(currency))
	r := math.Round(x)
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x-r) > 1e-9+math.Abs(x)*1e-12 {
		return 0, false
	}
	return int64(r), true
}

// fromMinorUnits is the float64 amount of whole minor units.
func fromMinorUnits(units int64, currency string) float64 {
	return float64(units) / math.Pow10(minorDigits(currency))
}
