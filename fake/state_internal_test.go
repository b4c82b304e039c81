package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

var stateT0 = time.Unix(1_750_000_000, 0)

// busyFake has some of every kind of state the file keeps: every field
// TestStateCoversEveryField calls saved is set in it.
func busyFake(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Now: func() time.Time { return stateT0 }})
	if err != nil {
		t.Fatal(err)
	}
	tok := s.tokens.issue()
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
			ScheduleAt: s.clock.unix() + at, Amount: 990, ScheduleStatus: generated.ScheduleStatusScheduled}, taxFree: 90,
			noticeURL: "http://shop.example/sched"}
		st.schedules[rec.s.MerchantUID] = rec
		st.scheduleSeq = append(st.scheduleSeq, rec)
		st.scheduleLocked(rec)
	}
	st.externalReceipts["ext-1"] = generated.ExternalReceipt{MerchantUID: "ext-1", Amount: 700}
	st.certifications["imp_cert"] = &generated.Certification{ImpUID: "imp_cert", Certified: true, Name: new("홍길동")}
	st.mu.Unlock()

	// The console's settings, Benepia, PAYCO and KCP Quick Pay, the last
	// through the API where it has a way in.
	s.merchant.putTier(generated.Tier{TierCode: "AB1", TierName: "강남점"})
	s.merchant.setPg(append(DefaultPgSettings(), generated.PgSetting{PgProvider: "danal", PgID: "A010002002", Type: "certification"}))
	s.AddBenepiaAccount("welfare-1", "pw", 30000)
	if _, err := s.SeedPayment(Seed{Payment: generated.Payment{MerchantUID: "nv-busy", Amount: 2000, PayMethod: "naverpay", PgProvider: "naverco"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNaverReview("naver-channel", "general", generated.NaverReview{Title: "좋아요", ProductOrderID: "po-busy", ProductID: "p-busy", ProductName: "상품"}); err != nil {
		t.Fatal(err)
	}
	s.payco.status[paid.ImpUID] = generated.PaycoOrderStatusDELIVERYSTART
	if _, err := s.AddKcpQuickMember(KcpQuickMember{MemberID: "member-1", SiteCode: "IX0XX", PartnerType: "IX99", PartnerSubtype: "99IX",
		Money: 10000, Fido: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddKcpQuickAutopayKey("kq-cust", "member-1", "5365100000001234"); err != nil {
		t.Fatal(err)
	}
	pin, err := s.KcpQuickPinCheck("member-1", "kq-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.KcpQuickPinCheck("member-1", "kq-pending"); err != nil {
		t.Fatal(err)
	}
	call := func(method, path, body string) {
		t.Helper()
		if code, answer := serveWithToken(s, tok.AccessToken, method, path, body); code != http.StatusOK || !bytes.HasPrefix(answer, []byte(`{"code":0`)) {
			t.Fatalf("%s %s: %d %s", method, path, code, answer)
		}
	}
	call("POST", "/kcpquick/prepare/kq-1", `{"btid":"b-1","cust_ip":"203.0.113.7","code_verifier":"v","prepaid_auth_yn":"Y","prepaid_amount":2500}`)
	call("POST", "/kcpquick/payment/money", `{"member_id":"member-1","channel_key":"`+DefaultKcpQuickChannelKey+`","merchant_uid":"kq-1","name":"선불","amount":2500,"imp_uid":"`+pin+`"}`)
	call("POST", "/benepia/payment", `{"benepia_user":"welfare-1","benepia_password":"pw","merchant_uid":"bn-1","amount":1000,"name":"복지","channel_key":"ch"}`)
	return s
}

// reloaded saves s to a fresh file and loads it into a new fake at stateT0.
func reloaded(t *testing.T, s *Server) *Server {
	t.Helper()
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
	return loaded
}

// sameSnapshot fails unless loaded holds what s holds, field for field.
func sameSnapshot(t *testing.T, s, loaded *Server) {
	t.Helper()
	if want, got := s.snapshot(), loaded.snapshot(); !reflect.DeepEqual(got, want) {
		wj, _ := json.MarshalIndent(want, "", " ")
		gj, _ := json.MarshalIndent(got, "", " ")
		t.Fatalf("loaded state differs:\n got %s\nwant %s", gj, wj)
	}
}

// Saved and loaded, a fake holds exactly what it held: the same snapshot
// field for field, amounts bit for bit, and it goes on from there (the
// token still works, listings read the rebuilt indexes, schedules fall
// due).
func TestStateRoundTrip(t *testing.T) {
	s := busyFake(t)
	loaded := reloaded(t, s)
	sameSnapshot(t, s, loaded)
	if !loaded.tokens.valid(s.tokens.current) {
		t.Error("the saved token is not valid after loading")
	}
	if got := loaded.Now(); !got.Equal(s.Now()) {
		t.Errorf("clock %v after loading, want %v", got, s.Now())
	}
	page, total := loaded.store.listStatus(generated.PaymentStatusFilterAll, 0, 1<<40, "", 0, 10)
	if total != 4 || len(page) != 4 { // the Benepia payment is a sandbox one: never listed
		t.Errorf("listing after loading: %d of %d, want 4 of 4", len(page), total)
	}
	if m, ok := loaded.KcpQuickMemberState("member-1"); !ok || m.Money != 7500 || !m.Fido {
		t.Errorf("KCP Quick Pay member after loading: %+v %v, want 7500 won left and FIDO on", m, ok)
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

// A version 1 file (before tiers, PG settings, Benepia, PAYCO and KCP
// Quick Pay were kept) loads: its payments come back, and the configured
// settings stay, since the file says nothing of them.
func TestLoadStateReadsVersion1(t *testing.T) {
	s := busyFake(t)
	path := filepath.Join(t.TempDir(), "state.json")
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	var f map[string]any
	_ = json.Unmarshal(raw, &f)
	f["version"] = 1
	for _, k := range []string{"merchant", "benepia", "payco", "kcp_quick"} {
		delete(f, k)
	}
	for _, ps := range f["payments"].([]any) { // older files have null or no vbank_issued_at
		delete(ps.(map[string]any)["payment"].(map[string]any), "vbank_issued_at")
	}
	old, _ := json.Marshal(f)
	_ = os.WriteFile(path, old, 0o600)
	fresh, _ := New(Config{Now: func() time.Time { return stateT0 }, Tiers: []generated.Tier{{TierCode: "X01", TierName: "판교점"}}})
	if err := fresh.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if n := fresh.store.payments.Len(); n != s.store.payments.Len() {
		t.Errorf("%d payments after loading, want %d", n, s.store.payments.Len())
	}
	if _, ok := fresh.merchant.tier("X01"); !ok {
		t.Error("the configured tier is gone after loading a file without settings")
	}
	for rec := range fresh.store.payments.Newest() {
		if rec.p.VbankIssuedAt == nil {
			t.Fatalf("payment %s loaded without vbank_issued_at: it would answer null where the API writes 0", rec.p.ImpUID)
		}
	}
	if _, ok := fresh.KcpQuickMemberState("member-1"); ok {
		t.Error("a KCP Quick Pay member came from a file that has none")
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
		if err := json.Unmarshal(raw, &f); err != nil || len(f.Payments) != 305 {
			t.Fatalf("read %d bytes: %v, %d payments", len(raw), err, len(f.Payments))
		}
		reads++
	}
}

// The streamed state file decodes, strictly, to what encoding/json's
// encoding of the same snapshot decodes to: every payment, and every
// other field of the file.
func TestWriteStateIsTheFile(t *testing.T) {
	s := busyFake(t)
	for i := range 3 {
		if _, err := s.SeedPayment(Seed{Payment: generated.Payment{Amount: float64(1000 + i), CustomData: new(`{"<&>":"\u2028"}`)}}); err != nil {
			t.Fatal(err)
		}
	}
	snap := s.snapshot()
	if len(snap.Payments) < 4 {
		t.Fatalf("busyFake has %d payments: the comparison would mean little", len(snap.Payments))
	}
	var streamed bytes.Buffer
	if err := writeState(&streamed, snap); err != nil {
		t.Fatal(err)
	}
	encoded, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	decode := func(raw []byte) stateFile {
		t.Helper()
		var f stateFile
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("%v in %.300s", err, raw)
		}
		return f
	}
	got, want := decode(streamed.Bytes()), decode(encoded)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streamed file decodes to\n%+v\nwant\n%+v", got, want)
	}
	if !json.Valid(streamed.Bytes()) {
		t.Error("streamed file is not valid JSON")
	}
}
