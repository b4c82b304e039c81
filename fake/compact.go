package fake

import (
	"strings"

	"github.com/portone-community/portone-v1-go/generated"
)

// A stored payment is a generated.Payment, whose optional fields are
// pointers: left as they come, each one is a heap object of its own (two
// for a string: the box and its bytes), about twenty per payment, and the
// garbage collector marks every one of them in every cycle. At a hundred
// thousand payments that marking is what a lookup's worst case is made of
// while other clients list (BenchmarkScaleLookupWhileListing, runtime/trace:
// lookups during a mark phase were three times slower at the median, and
// the slowest waited for the CPU the collector took). So a payment is
// compacted when it is stored:
//
//   - fields that take few values (card and bank names and codes, channel,
//     the PG, the product name, a failure reason) point to one shared copy
//     per value, kept by the store's interner;
//   - the others (apply_num, pg_tid, receipt_url, the buyer's details...)
//     point into one slice of strings per payment, their bytes in one
//     string; started_at and vbank_issued_at into one pair of integers.
//
// Both are safe because the fake never writes through a pointer field of a
// payment, it only replaces the pointer (the rule clonePayment already
// relies on to share them with answers being encoded), and a compacted
// payment reads and encodes exactly as before.

// maxInterned bounds the interner: values past it are packed instead.
const maxInterned = 10_000

// interner keeps one copy of each value of the few-valued fields; it is
// the store's, used under st.mu.
type interner struct {
	strings   map[string]*string
	channels  map[generated.PaymentChannel]*generated.PaymentChannel
	cardTypes map[generated.CardType]*generated.CardType
	usages    map[generated.CustomerUIDUsage]*generated.CustomerUIDUsage
	bools     [2]*bool
}

func newInterner() *interner {
	f, t := false, true
	return &interner{
		strings:   map[string]*string{},
		channels:  map[generated.PaymentChannel]*generated.PaymentChannel{},
		cardTypes: map[generated.CardType]*generated.CardType{},
		usages:    map[generated.CustomerUIDUsage]*generated.CustomerUIDUsage{},
		bools:     [2]*bool{&f, &t},
	}
}

func internIn[K comparable](m map[K]*K, p **K) bool {
	if *p == nil {
		return true
	}
	if c, ok := m[**p]; ok {
		*p = c
		return true
	}
	if len(m) >= maxInterned {
		return false
	}
	c := new(**p)
	m[*c] = c
	*p = c
	return true
}

// packedStringFields are the many-valued string fields, by accessor.
var packedStringFields = [...]func(*generated.Payment) **string{
	func(p *generated.Payment) **string { return &p.ApplyNum },
	func(p *generated.Payment) **string { return &p.PgTid },
	func(p *generated.Payment) **string { return &p.ReceiptURL },
	func(p *generated.Payment) **string { return &p.VbankNum },
	func(p *generated.Payment) **string { return &p.CustomerUID },
	func(p *generated.Payment) **string { return &p.CustomData },
	func(p *generated.Payment) **string { return &p.BuyerName },
	func(p *generated.Payment) **string { return &p.BuyerEmail },
	func(p *generated.Payment) **string { return &p.BuyerTel },
	func(p *generated.Payment) **string { return &p.BuyerAddr },
	func(p *generated.Payment) **string { return &p.BuyerPostcode },
	func(p *generated.Payment) **string { return &p.UserAgent },
	func(p *generated.Payment) **string { return &p.CancelReason },
}

// compact rewrites p's pointer fields as described above; p reads the
// same afterwards.
func (in *interner) compact(p *generated.Payment) {
	var spill []**string // few-valued fields the full interner could not take
	for _, f := range [...]**string{
		&p.BankCode, &p.BankName, &p.CardCode, &p.CardName, &p.CardNumber,
		&p.CardIssuerCode, &p.CardIssuerName, &p.CardPublisherCode, &p.CardPublisherName,
		&p.EmbPgProvider, &p.PgID, &p.Name, &p.FailReason,
		&p.VbankCode, &p.VbankName, &p.VbankHolder,
	} {
		if !internIn(in.strings, f) {
			spill = append(spill, f)
		}
	}
	internIn(in.channels, &p.Channel)
	internIn(in.cardTypes, &p.CardType)
	internIn(in.usages, &p.CustomerUIDUsage)
	if p.Sandbox != nil {
		p.Sandbox = in.bools[b2i(*p.Sandbox)]
	}

	var fields [len(packedStringFields)]**string
	n := 0
	for _, get := range packedStringFields {
		if f := get(p); *f != nil {
			fields[n] = f
			n++
		}
	}
	for _, f := range spill {
		if n < len(packedStringFields) {
			fields[n] = f
			n++
		}
	}
	if n > 0 {
		var sb strings.Builder
		for _, f := range fields[:n] {
			sb.WriteString(**f)
		}
		bytes, strs := sb.String(), make([]string, n)
		at := 0
		for i, f := range fields[:n] {
			l := len(**f)
			strs[i] = bytes[at : at+l]
			at += l
			*f = &strs[i]
		}
	}
	if p.StartedAt != nil && p.VbankIssuedAt != nil {
		ints := [2]int64{*p.StartedAt, *p.VbankIssuedAt}
		p.StartedAt, p.VbankIssuedAt = &ints[0], &ints[1]
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
