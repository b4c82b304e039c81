package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// fillEvery sets every field of v, recursively, to a value of its own:
// strings of different lengths (tag, the field's name and depth), numbers
// from n, pointers and slices of two elements allocated and filled. A
// field a codec dropped or mixed up with another then shows.
func fillEvery(v reflect.Value, tag string, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s-%d", tag, *n))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(1000 + *n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEvery(v.Elem(), tag, n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fillEvery(v.Index(i), tag, n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fillEvery(v.Field(i), tag+"."+v.Type().Field(i).Name, n)
		}
	}
}

func fullRecord(tag string) *record {
	rec := &record{}
	n := 0
	fillEvery(reflect.ValueOf(&rec.p).Elem(), tag, &n)
	rec.seq, rec.updatedAt, rec.taxFree, rec.noticeURL = 7, 1_750_000_123, 250, "https://shop.example/notice?"+tag
	rec.cancelTaxFree = []float64{1, 2.5}
	rec.receipt = &generated.Receipt{ReceiptURL: new("https://receipt.example/" + tag)}
	rec.logis = &generated.EscrowLogis{Company: "CJ", Invoice: tag}
	rec.naver = &naverPayment{}
	return rec
}

// A record reads back from the table's packed form exactly as it went in:
// every field of the payment, set or nil, and the rest of the record; and
// the stored bytes are what encoding/json writes for the payment, which a
// lookup and a listing send as they are.
func TestPackRoundTrip(t *testing.T) {
	for name, make := range map[string]func() *record{
		"every field": func() *record { return fullRecord("a") },
		"korean":      func() *record { return fullRecord("결제") },
		"zero":        func() *record { return &record{} },
		"invalid UTF-8 keys": func() *record {
			// Strings the JSON of a payment cannot keep (it writes U+FFFD
			// for a byte that is not UTF-8); the keys must stay the record's.
			return &record{p: generated.Payment{ImpUID: "imp_\xff1", MerchantUID: "order\xfe", CustomerUID: new("cust\xff"), Status: "paid"}}
		},
		"invalid UTF-8 fields": func() *record {
			// Not only in the keys: the stored JSON writes U+FFFD for such a
			// byte, and a handler must still see, and an answer escape, the
			// bytes themselves (a seed's strings, a failure message typed
			// into the payment window's form).
			return &record{p: generated.Payment{ImpUID: "imp_1", MerchantUID: "order_1", Status: "paid",
				Name: new("\xff\xfe name"), BuyerName: new("ok\xc3"), FailReason: new("[F1] \xed\xa0\x80"),
				CancelHistory:     []generated.PaymentCancellation{{PgTid: "tid\xff", Reason: new("\xfe")}},
				CancelReceiptURLs: []string{"https://r/\xff"}}, cancelTaxFree: []float64{0}}
		},
		"escaped characters": func() *record { return fullRecord("<&>\u2028") },
		"empty slices": func() *record {
			return &record{p: generated.Payment{ImpUID: "imp_2", CancelHistory: []generated.PaymentCancellation{}, CancelReceiptURLs: []string{}}}
		},
	} {
		t.Run(name, func(t *testing.T) {
			rec, want := make(), make()
			pt := newPaymentTable()
			s := pt.pack(rec)
			got := pt.unpack(&s)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("unpacked record differs:\n got %+v\nwant %+v", *got, *want)
			}
			if raw, err := json.Marshal(want.p); err != nil || !bytes.Equal(pt.wireOf(&s), raw) {
				t.Errorf("stored bytes\n%s\nwant encoding/json's\n%s (%v)", pt.wireOf(&s), raw, err)
			}
			// The keys the indexes read are the record's.
			k := pt.keysOf(&s)
			if string(k.impUID) != want.p.ImpUID || string(k.merchantUID) != want.p.MerchantUID || string(k.customerUID) != deref(want.p.CustomerUID) ||
				s.hasCustomer != (want.p.CustomerUID != nil) || string(k.status) != string(want.p.Status) || s.sandbox != deref(want.p.Sandbox) ||
				s.startedAt != deref(want.p.StartedAt) || s.paidAt != want.p.PaidAt || s.statusTime != statusTime(want.p) {
				t.Errorf("keys %+v do not match the record", s)
			}
			// The stored record shares nothing that changes with the record
			// packed or with one unpacked.
			for _, r := range []*record{rec, got} {
				if len(r.p.CancelHistory) > 0 {
					r.p.CancelHistory[0].Amount, r.p.CancelHistory[0].PgTid = -1, "changed"
					r.p.CancelReceiptURLs[0] = "changed"
					r.cancelTaxFree[0] = -1
				}
			}
			if again := pt.unpack(&s); !reflect.DeepEqual(again, want) {
				t.Errorf("a change to a record reached the stored one:\n got %+v\nwant %+v", *again, *want)
			}
		})
	}
}

// A lookup and a listing write stored payments without encoding/json;
// their answers are byte for byte those encoding/json writes for the
// payments as they were stored: status, headers and body, first page, middle, last,
// empty, and past the last.
func TestStoredAnswersAreEncodingJSON(t *testing.T) {
	pt := newPaymentTable()
	var recs []*record
	var stored []json.RawMessage
	for i := range 3 {
		rec := fullRecord(fmt.Sprint("<&>", i)) // escaped by encoding/json
		rec.p.ImpUID = fmt.Sprint("imp_", i)
		if err := pt.Insert(rec); err != nil {
			t.Fatal(err)
		}
		raw, _, _ := pt.wire(rec.p.ImpUID)
		recs, stored = append(recs, rec), append(stored, raw)
	}
	same := func(t *testing.T, got, want *httptest.ResponseRecorder) {
		t.Helper()
		if got.Code != want.Code || !reflect.DeepEqual(got.Header(), want.Header()) || got.Body.String() != want.Body.String() {
			t.Errorf("stored answer\n%d %v %s\nwant\n%d %v %s", got.Code, got.Header(), got.Body, want.Code, want.Header(), want.Body)
		}
	}
	got, want := httptest.NewRecorder(), httptest.NewRecorder()
	writeStoredOK(got, func(buf *bytes.Buffer) { buf.Write(stored[1]) })
	writeOK(want, recs[1].p)
	same(t, got, want)
	for _, c := range []struct{ from, to, total, page, limit int }{
		{0, 3, 3, 1, 20}, {0, 2, 7, 1, 2}, {1, 3, 7, 2, 2}, {2, 3, 5, 3, 2}, {0, 0, 0, 1, 20}, {0, 0, 4, 9, 2},
	} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			got, want := httptest.NewRecorder(), httptest.NewRecorder()
			writeStoredPage(got, stored[c.from:c.to], c.total, c.page, c.limit)
			writeListPage(want, recs[c.from:c.to], c.total, c.page, c.limit)
			same(t, got, want)
		})
	}
}

// Changes leave old bytes behind; the table compacts them away, so that
// memory follows the live payments however often they change, and an
// answer still holding bytes from before a compaction reads them intact.
func TestUpdatesDoNotGrowTheStore(t *testing.T) {
	pt := newPaymentTable()
	const n = 50 // of 20 KB each: a chunk of bytes freed every round
	var held []json.RawMessage
	var heldCopies []string
	for i := range n {
		rec := &record{p: generated.Payment{ImpUID: fmt.Sprintf("imp_%d", i), MerchantUID: fmt.Sprintf("order_%d", i%10),
			CustomData: new(strings.Repeat(fmt.Sprint(i), 20_000/len(fmt.Sprint(i))))}}
		if err := pt.Insert(rec); err != nil {
			t.Fatal(err)
		}
		raw, _, _ := pt.wire(rec.p.ImpUID)
		held, heldCopies = append(held, raw), append(heldCopies, string(raw))
	}
	live := pt.blobs.Size()
	compactions := 0
	for round := range 8 {
		before := pt.blobs
		for i := range n {
			if !pt.Update(fmt.Sprintf("imp_%d", i), func(r *record) { r.p.Amount = float64(round) }) {
				t.Fatalf("imp_%d not found", i)
			}
			if pt.blobs != before {
				compactions++
				before = pt.blobs
			}
		}
	}
	if compactions == 0 {
		t.Fatal("8 rounds of changes never compacted")
	}
	if size := pt.blobs.Size(); size > 2*live+2<<20 {
		t.Errorf("store holds %d bytes of chunks after the changes, %d at first", size, live)
	}
	for i := range n {
		rec, ok := pt.Get(fmt.Sprintf("imp_%d", i))
		if !ok || rec.p.Amount != 7 || rec.p.MerchantUID != fmt.Sprintf("order_%d", i%10) {
			t.Fatalf("imp_%d after the changes: %v %+v", i, ok, rec)
		}
		if string(held[i]) != heldCopies[i] {
			t.Fatalf("bytes an answer held for imp_%d changed", i)
		}
	}
	if got := len(slices.Collect(pt.ofOrder("order_7"))); got != n/10 {
		t.Errorf("order_7 has %d payments after compaction, want %d", got, n/10)
	}
}
