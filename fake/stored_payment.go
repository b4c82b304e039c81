package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/portone-community/portone-v1-go/fake/internal/records"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/internal/legacyjson"
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
// Kept as the bytes of its JSON in the large pointer-free chunks of a
// records.Blobs, beside a struct of numbers, a payment is no object the
// collector scans: what it still marks per payment is that struct and the
// keys the indexes' maps hold (BenchmarkScaleBytesPerPayment: 895 scanned
// bytes and 7.2 objects per payment before, 94 and 3.2 after; a one-[]byte-
// per-payment step between the two scanned 332 and kept 6 objects).
//
// What this does not remove (runtime/trace of the same benchmark): the
// background sweeper, which yields to runnable goroutines but not to those
// the network poller has yet to ready (golang/go#56060), can keep a P for
// several milliseconds after a cycle, and so can two in-process goroutines
// that wake each other (the run-next slot shares one time slice).
//
// The price is a decode (about 6 us, go-json-experiment) when a handler
// needs the fields, and none when an answer only shows the payment: the
// bytes are what encoding/json writes for it in an answer.

// storedPayment is a record as the payments table keeps it, without a
// pointer: its strings in the table's Blobs, its index keys that are
// numbers beside them. A record's fields that most payments leave empty
// are in the table's extras, by imp_uid, when hasExtras.
type storedPayment struct {
	// blob holds, one after the other: imp_uid, merchant_uid, customer_uid
	// and status, byte for byte the record's (even invalid UTF-8, which a
	// payment's JSON cannot keep), then json.Marshal of the payment:
	// exactly the bytes an answer shows. Never written to once stored: a
	// change stores new bytes, so an answer may hold these outside the lock.
	blob                                    records.Blob
	impLen, merchantLen, customerLen, stLen uint32

	startedAt, paidAt, statusTime int64
	seq                           int
	updatedAt                     int64
	taxFree                       float64
	hasCustomer, sandbox          bool
	hasExtras                     bool
}

// recordExtras are the fields of record that most payments leave empty
// (an empty cancelTaxFree reads back as nil: only its length matters).
// The pointers are shared with the records unpacked from it, as they were
// shared between a record and its copies before: naver's product orders
// change in place under st.mu (naverpay.go).
type recordExtras struct {
	noticeURL     string
	cancelTaxFree []float64
	receipt       *generated.Receipt
	logis         *generated.EscrowLogis
	naver         *naverPayment
	// payment is the payment itself when one of its strings is not UTF-8
	// (see unencodable): its JSON holds U+FFFD for such a byte, so a
	// decode would give a handler other bytes than were stored, and an
	// answer encoding the decoded payment would write the replacement
	// character itself where encoding/json writes the escape \ufffd for
	// the byte. Rare: a seed's strings, a failure message typed into the
	// payment window's form; JSON bodies arrive as UTF-8.
	payment *generated.Payment
}

// unencodable says whether data, json.Marshal's bytes of a payment, may
// stand for a string that is not UTF-8: encoding/json writes \ufffd for
// each such byte (and the character U+FFFD itself under other encoders).
// A payment that merely contains U+FFFD is kept whole too, which costs
// memory and nothing else.
func unencodable(data []byte) bool {
	return bytes.Contains(data, []byte(`\ufffd`)) || bytes.Contains(data, []byte("\uFFFD"))
}

// copyPayment copies p's slices, which changes append to;
// its pointers are shared, as they always were between a record and its
// copies: changes replace them and never write through them.
func copyPayment(p *generated.Payment) generated.Payment {
	c := *p
	c.CancelHistory = slices.Clone(p.CancelHistory)
	c.CancelReceiptURLs = slices.Clone(p.CancelReceiptURLs)
	c.DepositHistory = slices.Clone(p.DepositHistory)
	return c
}

// decodePayment decodes a stored payment as encoding/json would, in about
// 6 us where encoding/json takes 14 (internal/legacyjson).
func decodePayment(data []byte, p *generated.Payment) error { return legacyjson.Unmarshal(data, p) }

// storedKeys are the strings at the start of a stored payment's blob.
type storedKeys struct {
	impUID, merchantUID, customerUID, status []byte
	payment                                  []byte // the rest: the JSON
}

func (pt *paymentTable) keysOf(s *storedPayment) storedKeys {
	b := pt.blobs.Bytes(s.blob)
	cut := func(n uint32) []byte {
		part := b[:n:n]
		b = b[n:]
		return part
	}
	k := storedKeys{impUID: cut(s.impLen), merchantUID: cut(s.merchantLen), customerUID: cut(s.customerLen), status: cut(s.stLen)}
	k.payment = b
	return k
}

// pack stores rec's strings in the table's Blobs and its rare fields in
// its extras; the caller puts the result in the table. The record's
// naverSeed has been used up by then (prepareNaverLocked).
func (pt *paymentTable) pack(rec *record) storedPayment {
	data, err := json.Marshal(rec.p)
	if err != nil {
		// Every field of a Payment encodes, save a NaN or infinite amount:
		// amounts arrive as finite JSON numbers, and the fake only takes
		// parts of them (cancels never exceed the amount), so this is a
		// bug. A panic under st.mu would leave the fake locked: the record
		// says what happened instead.
		data, _ = json.Marshal(generated.Payment{ImpUID: rec.p.ImpUID, MerchantUID: rec.p.MerchantUID,
			Status: rec.p.Status, FailReason: new(fmt.Sprintf("portone-fake: cannot store this payment: %v", err))})
	}
	customer := deref(rec.p.CustomerUID)
	buf := make([]byte, 0, len(rec.p.ImpUID)+len(rec.p.MerchantUID)+len(customer)+len(rec.p.Status)+len(data))
	buf = append(append(append(append(append(buf, rec.p.ImpUID...), rec.p.MerchantUID...), customer...), rec.p.Status...), data...)
	s := storedPayment{
		blob:   pt.blobs.Put(buf),
		impLen: uint32(len(rec.p.ImpUID)), merchantLen: uint32(len(rec.p.MerchantUID)),
		customerLen: uint32(len(customer)), stLen: uint32(len(rec.p.Status)),
		hasCustomer: rec.p.CustomerUID != nil, sandbox: deref(rec.p.Sandbox),
		startedAt: deref(rec.p.StartedAt), paidAt: rec.p.PaidAt, statusTime: statusTime(rec.p),
		seq: rec.seq, updatedAt: rec.updatedAt, taxFree: rec.taxFree,
	}
	var whole *generated.Payment
	if unencodable(data) {
		whole = new(copyPayment(&rec.p))
	}
	if rec.noticeURL != "" || len(rec.cancelTaxFree) > 0 || rec.receipt != nil || rec.logis != nil || rec.naver != nil || whole != nil {
		s.hasExtras = true
		pt.extras[rec.p.ImpUID] = &recordExtras{noticeURL: rec.noticeURL, cancelTaxFree: slices.Clone(rec.cancelTaxFree),
			receipt: rec.receipt, logis: rec.logis, naver: rec.naver, payment: whole}
	} else {
		delete(pt.extras, rec.p.ImpUID)
	}
	return s
}

// unpack decodes the record s holds. Its slices are its own; receipt,
// logis and naver are shared with the table (see recordExtras).
func (pt *paymentTable) unpack(s *storedPayment) *record {
	k := pt.keysOf(s)
	rec := &record{seq: s.seq, updatedAt: s.updatedAt, taxFree: s.taxFree}
	m := pt.extrasOf(s)
	if m != nil && m.payment != nil {
		rec.p = copyPayment(m.payment)
	} else if err := decodePayment(k.payment, &rec.p); err != nil {
		// pack wrote these bytes with encoding/json, which the decoder
		// reads back in full (TestPackRoundTrip): only memory corruption
		// lands here, and the keys below still say which payment it was.
		rec.p = generated.Payment{FailReason: new("portone-fake: stored payment unreadable: " + err.Error())}
	}
	rec.p.ImpUID, rec.p.MerchantUID, rec.p.Status = string(k.impUID), string(k.merchantUID), generated.PaymentStatus(k.status)
	if s.hasCustomer {
		rec.p.CustomerUID = new(string(k.customerUID))
	}
	if m != nil {
		rec.noticeURL, rec.receipt, rec.logis, rec.naver = m.noticeURL, m.receipt, m.logis, m.naver
		rec.cancelTaxFree = slices.Clone(m.cancelTaxFree)
	}
	return rec
}

func (pt *paymentTable) extrasOf(s *storedPayment) *recordExtras {
	if !s.hasExtras {
		return nil
	}
	return pt.extras[string(pt.keysOf(s).impUID)]
}

// wire is the payment as an answer writes it, without decoding it.
func (pt *paymentTable) wireOf(s *storedPayment) json.RawMessage { return pt.keysOf(s).payment }

// state is the record for a state file, sharing no memory that changes:
// the payment's bytes never change, and the Naver side is copied.
func (pt *paymentTable) state(s *storedPayment) paymentState {
	ps := paymentState{Payment: pt.wireOf(s), Seq: s.seq, UpdatedAt: s.updatedAt, TaxFree: s.taxFree}
	if m := pt.extrasOf(s); m != nil {
		ps.NoticeURL, ps.CancelTaxFree, ps.Receipt, ps.Logis = m.noticeURL, slices.Clone(m.cancelTaxFree), m.receipt, m.logis
		ps.Naver = m.naver.clone()
	}
	return ps
}
