package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

var stateT0 = time.Unix(1_750_000_000, 0)

// busyFake has some of every kind of state the file keeps.
func busyFake(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	s.tokens.issue()
	paid, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "o-1", Amount: 1000.5, Currency: "USD", Escrow: true}, TaxFree: 100.25, NoticeURL: "http://shop.example/hook"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "o-2", Amount: 3000, PayMethod: "vbank", Status: generated.PaymentStatusReady}}); err != nil {
		t.Fatal(err)
	}
	s.Advance(time.Minute)
	req := generated.CancelPaymentRequest{Amount: new(0.1), TaxFree: new(0.05), Reason: new("부분 취소")}
	if _, refusal, _ := s.store.update(paid.ImpUID, func(rec *record) (string, bool) {
		rec.receipt = &generated.Receipt{ImpUID: paid.ImpUID, ReceiptURL: new("https://receipt.example/r")}
		rec.logis = &generated.EscrowLogis{Company: "CJ", Invoice: "123"}
		return applyCancel(rec, req, s.clock.unix())
	}); refusal != "" {
		t.Fatal(refusal)
	}
	st := s.store
	st.mu.Lock()
	st.prepared["o-3"] = preparedAmount{MerchantUID: "o-3", Amount: 5000}
	key := st.saveKeyLocked("cust-1", "5594100000001234", s.clock.unix())
	key.CustomerName = new("김구매")
	for i, at := range []int64{3600, 7200} {
		rec := &scheduleRecord{s: generated.Schedule{CustomerUID: "cust-1", MerchantUID: "sched-" + string(rune('a'+i)),
			ScheduleAt: s.clock.unix() + at, Amount: 990, ScheduleStatus: generated.ScheduleStatusScheduled}, taxFree: 90}
		st.schedules[rec.s.MerchantUID] = rec
		st.scheduleSeq = append(st.scheduleSeq, rec)
		st.scheduleLocked(rec)
	}
	st.externalReceipts["ext-1"] = generated.ExternalReceipt{MerchantUID: "ext-1", Amount: 700}
	st.certifications["imp_cert"] = &generated.Certification{ImpUID: "imp_cert", Certified: true, Name: new("홍길동")}
	st.mu.Unlock()
	return s
}

// Saved and loaded, a fake holds exactly what it held: the same snapshot
// field for field, amounts bit for bit, and it goes on from there (the
// token still works, listings read the rebuilt indexes, schedules fall
// due).
func TestStateRoundTrip(t *testing.T) {
	s := busyFake(t)
	path := filepath.Join(t.TempDir(), "state.json")
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if want, got := s.snapshot(), loaded.snapshot(); !reflect.DeepEqual(got, want) {
		wj, _ := json.MarshalIndent(want, "", " ")
		gj, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("loaded state differs:\n got %s\nwant %s", gj, wj)
	}
	if !loaded.tokens.valid(s.tokens.current) {
		t.Error("the saved token is not valid after loading")
	}
	if got := loaded.Now(); !got.Equal(s.Now()) {
		t.Errorf("clock %v after loading, want %v", got, s.Now())
	}
	page, total := loaded.store.listStatus(generated.PaymentStatusFilterAll, 0, 1<<40, "", 0, 10)
	if total != 2 || len(page) != 2 {
		t.Errorf("listing after loading: %d of %d, want 2 of 2", len(page), total)
	}
	if recs := loaded.store.ofOrder("o-1"); len(recs) != 1 {
		t.Errorf("payments of o-1 after loading: %d, want 1", len(recs))
	}
	loaded.Advance(90 * time.Minute)
	if recs := loaded.store.ofOrder("sched-a"); len(recs) != 1 || len(loaded.store.ofOrder("sched-b")) != 0 {
		t.Errorf("after 90 minutes: %d payments of sched-a (want 1), %d of sched-b (want 0)",
			len(recs), len(loaded.store.ofOrder("sched-b")))
	}
}

// Every field of store is either in the state file or rebuilt from it:
// a new kind of state added to the store fails here until state.go
// saves and loads it.
func TestStateFileCoversTheStore(t *testing.T) {
	saved := []string{"seq", "payments", "prepared", "billingKeys", "schedules", "scheduleSeq", "externalReceipts", "certifications", "naverReviews"}
	notState := []string{"clock", "webhooks", "mu", "due", "dueSeq", "naverIndex"} // the process's, or rebuilt on load
	for f := range reflect.TypeFor[store]().Fields() {
		if !slices.Contains(saved, f.Name) && !slices.Contains(notState, f.Name) {
			t.Errorf("store.%s is neither saved nor rebuilt by LoadState: add it to stateFile (state.go) and to this list", f.Name)
		}
	}
}

// A file of another version, a truncated file and a file naming a
// payment twice are refused, and the fake keeps its own state.
func TestLoadStateRefusesBadFiles(t *testing.T) {
	s := busyFake(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := s.SaveState(good); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	var f map[string]any
	_ = json.Unmarshal(raw, &f)
	f["version"] = stateVersion + 1
	other, _ := json.Marshal(f)
	f["version"] = stateVersion
	f["payments"] = append(f["payments"].([]any), f["payments"].([]any)[0])
	dup, _ := json.Marshal(f)
	for name, body := range map[string][]byte{
		"version":   other,
		"truncated": raw[:len(raw)/2],
		"duplicate": dup,
		"unknown":   bytes.Replace(raw, []byte(`"seq"`), []byte(`"sequence"`), 1),
	} {
		path := filepath.Join(dir, name+".json")
		_ = os.WriteFile(path, body, 0o600)
		fresh, _ := New(Config{Now: func() time.Time { return stateT0 }})
		if err := fresh.LoadState(path); err == nil {
			t.Errorf("%s: LoadState accepted it", name)
		}
		if n := fresh.store.payments.Len(); n != 0 {
			t.Errorf("%s: a refused file left %d payments", name, n)
		}
	}
}

// A write that fails half way (a crash, a full disk) leaves the old file
// whole and no temporary file behind.
func TestWriteFileAtomicKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, `{"old":true}`); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := writeFileAtomic(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, `{"new":`)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failed write: %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != `{"old":true}` {
		t.Fatalf("after a failed write the file is %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d files in the directory, want only the state file: %v", len(entries), entries)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 (the file holds the live token)", info.Mode().Perm())
	}
}

// While saves follow one another, a reader never sees a partial file.
func TestSaveStateNeverShowsHalfAFile(t *testing.T) {
	s := busyFake(t)
	for i := range 300 {
		if _, err := s.SeedPayment(Seed{Payment: generated.Payment{Amount: float64(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "state.json")
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for range 30 {
			if err := s.SaveState(path); err != nil {
				t.Error(err)
				return
			}
		}
	})
	reads := 0
	for {
		select {
		case <-done:
			wg.Wait()
			if reads == 0 {
				t.Fatal("no read happened during the saves")
			}
			return
		default:
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var f stateFile
		if err := json.Unmarshal(raw, &f); err != nil || len(f.Payments) != 302 {
			t.Fatalf("read %d bytes: %v, %d payments", len(raw), err, len(f.Payments))
		}
		reads++
	}
}
