// Package currency knows how many decimals an amount of each currency has,
// so that the client (comparing a paid amount with an order) and the fake
// server (checking a cancel against its checksum) compare money at the same
// precision instead of with a float tolerance.
package currency

import "strings"

// Digits is the number of minor-unit digits of an ISO 4217 currency code
// (case-insensitive): 0 for KRW (also when code is empty: V1's default),
// JPY, VND and the other currencies without minor units, 3 for the dinars
// and rials that have three, 2 otherwise.
func Digits(code string) int {
	switch strings.ToUpper(code) {
	case "", "KRW", "JPY", "VND", "TWD", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "KMF", "RWF", "GNF", "DJF", "VUV", "XPF", "BIF":
		return 0
	case "BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD":
		return 3
	}
	return 2
}
