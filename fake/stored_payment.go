package fake

import (
	"encoding/json"
	"fmt"
	"slices"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/portone-community/portone-v1-go/generated"
)

// Why payments are stored encoded: a generated.Payment is a 528-byte
// struct of some forty pointers (its optional fields), and the garbage
// collector scans every stored one in every cycle. At a hundred thousand
// payments a mark phase took 100-140 ms on two cores; the runtime's
// fractional mark worker, which holds a P until it has used 30% of the
// time since the phase began, then kept one of the two Ps for up to 7 ms
// at a stretch, and a lookup that came in meanwhile waited for it
// (BenchmarkScaleLookupWhileListing, runtime/trace: every lookup over
// 5 ms overlapped a mark phase, its goroutine runnable behind the worker).
// Kept as the bytes of its JSON, a payment is one pointer-free object:
// the collector marks it without reading it, and the phases shrink with
// what is left to scan.
//
// The price is a decode (about 6 us, go-json-experiment) when a handler
// needs the fields, and none when an answer only shows the payment: the
// bytes are what encoding/json writes for it in an answer (wireOf).

// storedPayment is a record as the payments table keeps it: the payment
// encoded, the keys of the table's indexes beside it, and the rest of the
// record as it is (a few numbers, and pointers that are nil for most
// payments).
type storedPayment struct {
	// payment is json.Marshal of the record's generated.Payment: exactly
	// the bytes an answer shows. Never written to once stored: a change
	// makes new bytes, so an answer may hold these outside the lock.
	payment []byte

	// The keys, copied from the payment. impUID, merchantUID and
	// customerUID are the record's own strings, byte for byte, even where
	// the payment's JSON could not keep them (invalid UTF-8).
	impUID, merchantUID, customerUID string
	status                           generated.PaymentStatus

	more *recordExtras // nil when all of them are zero

	// The fields without pointers come last: the collector reads an
	// object only up to its last pointer.
	startedAt, paidAt, statusTime int64
	seq                           int
	updatedAt                     int64
	taxFree                       float64
	hasCustomer, sandbox          bool
}

// recordExtras are the fields of record that most payments leave empty.
// The pointers are shared with the records unpacked from it, as they were
// shared between a record and its copies before: naver's product orders
// change in place under st.mu (naverpay.go).
type recordExtras struct {
	noticeURL     string
	cancelTaxFree []float64
	receipt       *generated.Receipt
	logis         *generated.EscrowLogis
	naver         *naverPayment
}

// decodePayment is the decoder of stored payments: encoding/json's
// semantics on go-json-experiment's engine, as in the wrapper, which
// decodes a payment in about 6 us where encoding/json takes 14.
var decodePayment = func(data []byte, p *generated.Payment) error {
	return jsonv2.Unmarshal(data, p, jsonv1.DefaultOptionsV1())
}

// pack encodes rec for the table. The record's naverSeed has been used up
// by then (prepareNaverLocked).
func pack(rec *record) storedPayment {
	data, err := json.Marshal(rec.p)
	if err != nil {
		// Every field of a Payment encodes, save a NaN or infinite amount,
		// which no request can produce (amounts arrive as JSON numbers
		// within the spec's maximum). A bug, then: a panic under st.mu
		// would leave the fake locked, so it is written in the record.
		data, _ = json.Marshal(generated.Payment{ImpUID: rec.p.ImpUID, MerchantUID: rec.p.MerchantUID,
			Status: rec.p.Status, FailReason: new(fmt.Sprintf("portone-fake: cannot store this payment: %v", err))})
	}
	s := storedPayment{
		payment: data,
		impUID:  rec.p.ImpUID, merchantUID: rec.p.MerchantUID,
		customerUID: deref(rec.p.CustomerUID), hasCustomer: rec.p.CustomerUID != nil,
		sandbox: deref(rec.p.Sandbox), status: rec.p.Status,
		startedAt: deref(rec.p.StartedAt), paidAt: rec.p.PaidAt, statusTime: statusTime(rec.p),
		seq: rec.seq, updatedAt: rec.updatedAt, taxFree: rec.taxFree,
	}
	if rec.noticeURL != "" || rec.cancelTaxFree != nil || rec.receipt != nil || rec.logis != nil || rec.naver != nil {
		s.more = &recordExtras{noticeURL: rec.noticeURL, cancelTaxFree: slices.Clone(rec.cancelTaxFree),
			receipt: rec.receipt, logis: rec.logis, naver: rec.naver}
	}
	return s
}

// unpack decodes the record s holds. Its slices are its own; receipt,
// logis and naver are shared with s (see recordExtras).
func (s *storedPayment) unpack() *record {
	rec := &record{seq: s.seq, updatedAt: s.updatedAt, taxFree: s.taxFree}
	if err := decodePayment(s.payment, &rec.p); err != nil {
		// pack wrote these bytes with encoding/json, which the decoder
		// reads back in full (TestPackRoundTrip): only memory corruption
		// lands here, and the keys below still say which payment it was.
		rec.p = generated.Payment{Status: s.status, FailReason: new("portone-fake: stored payment unreadable: " + err.Error())}
	}
	rec.p.ImpUID, rec.p.MerchantUID = s.impUID, s.merchantUID
	if s.hasCustomer {
		rec.p.CustomerUID = new(s.customerUID)
	}
	if m := s.more; m != nil {
		rec.noticeURL, rec.receipt, rec.logis, rec.naver = m.noticeURL, m.receipt, m.logis, m.naver
		rec.cancelTaxFree = slices.Clone(m.cancelTaxFree)
	}
	return rec
}

// wire is the payment as an answer writes it, without decoding it.
func (s *storedPayment) wire() json.RawMessage { return s.payment }

// state is the record for a state file, sharing no memory that changes:
// the payment's bytes never change, and the Naver side is copied.
func (s *storedPayment) state() paymentState {
	ps := paymentState{Payment: s.payment, Seq: s.seq, UpdatedAt: s.updatedAt, TaxFree: s.taxFree}
	if m := s.more; m != nil {
		ps.NoticeURL, ps.CancelTaxFree, ps.Receipt, ps.Logis = m.noticeURL, slices.Clone(m.cancelTaxFree), m.receipt, m.logis
		ps.Naver = m.naver.clone()
	}
	return ps
}
