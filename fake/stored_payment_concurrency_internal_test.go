package fake

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// A record moves between having rare fields (kept beside it, by imp_uid)
// and having none, in both directions, through Update: each state reads
// back as it was left.
func TestExtrasComeAndGoThroughUpdate(t *testing.T) {
	pt := newPaymentTable()
	if err := pt.Insert(&record{p: generated.Payment{ImpUID: "imp_1", MerchantUID: "o"}}); err != nil {
		t.Fatal(err)
	}
	steps := []func(*record){
		func(r *record) { r.noticeURL = "https://shop/hook" },
		func(r *record) { r.noticeURL = "" },
		func(r *record) { r.receipt = &generated.Receipt{ImpUID: "imp_1"}; r.cancelTaxFree = []float64{1} },
		func(r *record) { r.receipt, r.cancelTaxFree = nil, nil },
		func(r *record) { r.logis = &generated.EscrowLogis{Invoice: "1"} },
		func(r *record) { r.logis = nil; r.naver = &naverPayment{ConfirmedBy: "x"} },
		func(r *record) { r.naver = nil },
	}
	want, _ := pt.Get("imp_1")
	for i, step := range steps {
		step(want)
		if !pt.Update("imp_1", step) {
			t.Fatal("imp_1 not found")
		}
		got, _ := pt.Get("imp_1")
		s, _ := pt.t.Get("imp_1") // Get found it just above
		hasExtras := want.noticeURL != "" || len(want.cancelTaxFree) > 0 || want.receipt != nil || want.logis != nil || want.naver != nil
		_, inMap := pt.extras["imp_1"]
		if !reflect.DeepEqual(got, want) || s.hasExtras != hasExtras || inMap != hasExtras {
			t.Fatalf("step %d: got %+v (hasExtras %v, in map %v), want %+v", i, *got, s.hasExtras, inMap, *want)
		}
	}
}

// Lookups, listings, finds and saves run while cancels change payments
// often enough that the table compacts its bytes several times: every
// answer is whole and about the payment asked for, and under -race no
// answer reads bytes a change or a compaction writes.
func TestReadsWhileCancelsCompact(t *testing.T) {
	s, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	tok := s.tokens.issue()
	const n, cancels = 60, 250
	// 16 KB of custom_data each: the table holds about a megabyte, and
	// compacts after some 70 cancels.
	for i := range n {
		if _, err := s.SeedPayment(Seed{Payment: generated.Payment{ImpUID: fmt.Sprintf("imp_r%03d", i), MerchantUID: fmt.Sprintf("m-%d", i%30),
			Amount: 1_000_000, CustomData: new(strings.Repeat(string(rune('a'+i%26)), 16<<10))}}); err != nil {
			t.Fatal(err)
		}
	}
	do := func(method, path, body string) (int, []byte) {
		return serveWithToken(s, tok.AccessToken, method, path, body)
	}
	var done atomic.Bool
	var compactions atomic.Int32
	errs := make(chan error, 16)
	fail := func(format string, args ...any) {
		select {
		case errs <- fmt.Errorf(format, args...):
		default:
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { // the writer
		defer done.Store(true)
		r := rand.New(rand.NewPCG(1, 2))
		blobs := s.store.payments.blobs
		for range cancels {
			id := fmt.Sprintf("imp_r%03d", r.IntN(n))
			if code, body := do("POST", "/payments/cancel", `{"imp_uid":"`+id+`","amount":1}`); code != http.StatusOK {
				fail("cancel %s: %d %s", id, code, body)
				return
			}
			s.store.mu.RLock()
			if b := s.store.payments.blobs; b != blobs {
				blobs = b
				compactions.Add(1)
			}
			s.store.mu.RUnlock()
		}
	})
	type answer struct {
		Code     int             `json:"code"`
		Response json.RawMessage `json:"response"`
	}
	checkPayment := func(what string, raw json.RawMessage, id string) {
		var p generated.Payment
		if err := json.Unmarshal(raw, &p); err != nil {
			fail("%s: %v in %.200s", what, err, raw)
			return
		}
		if (id != "" && p.ImpUID != id) || p.Amount != 1_000_000 || len(deref(p.CustomData)) != 16<<10 || len(p.CancelHistory) != len(p.CancelReceiptURLs) {
			fail("%s: answered %s with %d cancels, %d bytes of custom_data", what, p.ImpUID, len(p.CancelHistory), len(deref(p.CustomData)))
		}
	}
	read := func(seed uint64) {
		r := rand.New(rand.NewPCG(seed, 3))
		dir := t.TempDir()
		for i := 0; !done.Load(); i++ {
			id := fmt.Sprintf("imp_r%03d", r.IntN(n))
			var path string
			switch i % 5 {
			case 0, 1:
				path = "/payments/" + id
			case 2:
				path = fmt.Sprintf("/payments/status/all?limit=20&page=%d", 1+r.IntN(n/20))
				if sorting := allSortings[r.IntN(len(allSortings))]; sorting != "" {
					path += "&sorting=" + url.QueryEscape(string(sorting))
				}
			case 3:
				path = fmt.Sprintf("/payments/findAll/m-%d", r.IntN(30))
			case 4:
				if i%25 == 4 {
					if err := s.SaveState(filepath.Join(dir, "state.json")); err != nil {
						fail("save: %v", err)
					}
					raw, err := os.ReadFile(filepath.Join(dir, "state.json"))
					var f stateFile
					if err == nil {
						err = json.Unmarshal(raw, &f)
					}
					if err != nil || len(f.Payments) != n {
						fail("saved state: %v, %d payments", err, len(f.Payments))
					}
					for _, ps := range f.Payments {
						checkPayment("saved state", ps.Payment, "")
					}
					continue
				}
				path = "/payments/" + id + "/balance"
			}
			code, body := do("GET", path, "")
			var a answer
			if err := json.Unmarshal(body, &a); err != nil || code != http.StatusOK || a.Code != 0 {
				fail("GET %s: %d %v %.300s", path, code, err, body)
				return
			}
			switch i % 5 {
			case 0, 1:
				checkPayment(path, a.Response, id)
			case 2, 3:
				var page struct {
					List []json.RawMessage `json:"list"`
				}
				var list []json.RawMessage
				if json.Unmarshal(a.Response, &page) == nil && page.List != nil {
					list = page.List
				} else if err := json.Unmarshal(a.Response, &list); err != nil {
					fail("GET %s: %v", path, err)
				}
				for _, p := range list {
					checkPayment(path, p, "")
				}
			}
		}
	}
	for i := range 3 {
		wg.Go(func() { read(uint64(i)) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d compactions", compactions.Load())
	if c := compactions.Load(); c < 2 {
		t.Errorf("the table compacted %d times during the run, want at least 2", c)
	}
}
