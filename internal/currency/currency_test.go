package currency

import "testing"

func TestDigits(t *testing.T) {
	for code, want := range map[string]int{"": 0, "KRW": 0, "krw": 0, "JPY": 0, "VND": 0, "USD": 2, "EUR": 2, "KWD": 3} {
		if got := Digits(code); got != want {
			t.Errorf("Digits(%q) = %d, want %d", code, got, want)
		}
	}
}
