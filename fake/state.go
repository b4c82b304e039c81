package fake

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/internal/legacyjson"
)

// The state file of `portone-fake -state FILE`: what the fake must keep for
// a long-lived shared instance to survive a restart. It is JSON, written by
// encoding/json (float64 amounts in their shortest exact form, so they read
// back bit for bit) and replaced atomically: a temporary file in the same
// directory, fsynced, renamed over the old one, then the directory
// fsynced. A crash at any point leaves the old file or the new one, never
// half of either (at worst a stray temporary file).
//
// Not kept: forced faults, webhooks in flight and the delivery log (they
// are about the running process), and the configuration (credentials,
// user code). TestStateCoversEveryField holds this to every field of the
// fake: a new piece of state fails it until it is saved here.

// stateVersion changes whenever the format does. Version 1 files (before
// tiers, PG settings, Benepia, PAYCO and KCP Quick Pay were kept) are read
// as having none of those, so the configured ones stay; a file of any other
// version is refused rather than half understood.
const stateVersion = 2

type stateFile struct {
	Version int `json:"version"`
	// Now is the fake's clock (Unix nanoseconds) when saved; loaded, the
	// clock never goes back from it.
	Now   int64 `json:"now"`
	Seq   int   `json:"seq"`
	Token struct {
		// Current is the live access token, kept so that clients holding
		// it keep working across a restart; the file is written 0600.
		Current   string `json:"current,omitempty"`
		ExpiresAt int64  `json:"expires_at,omitempty"`
	} `json:"token"`
	Payments         []paymentState                          `json:"payments,omitempty"` // creation order; writeState streams them
	Prepared         map[string]preparedAmount               `json:"prepared"`
	BillingKeys      map[string]generated.BillingKeyCustomer `json:"billing_keys"`
	Schedules        []scheduleState                         `json:"schedules"` // registration order
	ExternalReceipts map[string]generated.ExternalReceipt    `json:"external_receipts"`
	Certifications   map[string]generated.Certification      `json:"certifications"`
	NaverReviews     []naverReview                           `json:"naver_reviews,omitempty"`

	// Merchant is the console's settings as the fake last had them
	// (controls included); loaded, it replaces Config.Tiers and PgSettings.
	Merchant *merchantState                        `json:"merchant,omitempty"`
	Benepia  map[string]benepiaState               `json:"benepia,omitempty"` // by benepia_user
	Payco    map[string]generated.PaycoOrderStatus `json:"payco,omitempty"`   // by imp_uid
	KcpQuick *kcpQuickState                        `json:"kcp_quick,omitempty"`
}

type merchantState struct {
	Tiers      map[string]generated.Tier `json:"tiers"`
	PgSettings []generated.PgSetting     `json:"pg_settings"`
}

type benepiaState struct {
	Password string  `json:"password"`
	Point    float64 `json:"point"`
}

type kcpQuickState struct {
	Seq       int                                         `json:"seq"`
	Members   map[string]kcpMember                        `json:"members"`
	Prepared  map[string]generated.KcpQuickPrepareRequest `json:"prepared"`
	PinChecks map[string]kcpPinCheck                      `json:"pin_checks"`
	Autopay   map[string]kcpAutopayKey                    `json:"autopay"`
}

// paymentState is a record with its fields exported for encoding/json.
type paymentState struct {
	// Payment is a generated.Payment, as the table stores it: SaveState
	// writes the stored bytes without decoding them.
	Payment       json.RawMessage        `json:"payment"`
	Seq           int                    `json:"seq"`
	UpdatedAt     int64                  `json:"updated_at"`
	TaxFree       float64                `json:"tax_free"`
	NoticeURL     string                 `json:"notice_url,omitempty"`
	CancelTaxFree []float64              `json:"cancel_tax_free"`
	Receipt       *generated.Receipt     `json:"receipt,omitempty"`
	Logis         *generated.EscrowLogis `json:"logis,omitempty"`
	// Naver is the Naver Pay side (product orders, points, confirmation).
	Naver *naverPayment `json:"naver,omitempty"`
}

type scheduleState struct {
	Schedule  generated.Schedule `json:"schedule"`
	NoticeURL string             `json:"notice_url,omitempty"`
	TaxFree   float64            `json:"tax_free"`
}

// snapshot copies the state under the locks; it is encoded after they
// are released, so a save holds up no request for longer than the copy.
//
// Benepia accounts and KCP Quick Pay state change together with payments
// (a payment deducts points, lists a member's payment): their locks are
// held, in the order the handlers take them, while the store is copied, so
// the file never has one side of such a change without the other.
func (s *Server) snapshot() *stateFile {
	out := &stateFile{Version: stateVersion}
	s.tokens.mu.Lock()
	out.Token.Current, out.Token.ExpiresAt = s.tokens.current, s.tokens.expiresAt
	s.tokens.mu.Unlock()

	m := s.merchant
	m.mu.Lock()
	out.Merchant = &merchantState{Tiers: maps.Clone(m.tiers), PgSettings: slices.Clone(m.pgSettings)}
	m.mu.Unlock()

	o := s.payco
	o.mu.Lock()
	out.Payco = maps.Clone(o.status)
	o.mu.Unlock()

	b := s.benepia
	b.mu.Lock()
	defer b.mu.Unlock()
	out.Benepia = make(map[string]benepiaState, len(b.accounts))
	for user, a := range b.accounts {
		out.Benepia[user] = benepiaState{Password: a.password, Point: a.point}
	}

	k := s.kcp
	k.mu.Lock()
	defer k.mu.Unlock()
	out.KcpQuick = &kcpQuickState{Seq: k.seq, Members: make(map[string]kcpMember, len(k.members)),
		Prepared: maps.Clone(k.prepared), PinChecks: maps.Clone(k.pinChecks), Autopay: maps.Clone(k.autopay)}
	for id, mem := range k.members {
		c := *mem
		c.Payments = slices.Clone(mem.Payments)
		out.KcpQuick.Members[id] = c
	}

	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	out.Now = s.clock.now().UnixNano()
	out.Seq = st.seq
	out.Payments = make([]paymentState, 0, st.payments.Len())
	for s := range st.payments.t.All() {
		out.Payments = append(out.Payments, st.payments.state(s))
	}
	out.Prepared = maps.Clone(st.prepared)
	out.BillingKeys = make(map[string]generated.BillingKeyCustomer, len(st.billingKeys))
	for id, k := range st.billingKeys {
		out.BillingKeys[id] = *k
	}
	for _, rec := range st.scheduleSeq {
		out.Schedules = append(out.Schedules, scheduleState{Schedule: rec.s, NoticeURL: rec.noticeURL, TaxFree: rec.taxFree})
	}
	out.ExternalReceipts = maps.Clone(st.externalReceipts)
	out.Certifications = make(map[string]generated.Certification, len(st.certifications))
	for id, c := range st.certifications {
		out.Certifications[id] = *c
	}
	out.NaverReviews = slices.Clone(st.naverReviews)
	return out
}

// SaveState writes the fake's state (payments, registered amounts,
// billing keys, schedules, receipts, certifications, tiers and PG
// settings, Benepia accounts, PAYCO order statuses, KCP Quick Pay members,
// pre-registrations, PIN checks and automatic-payment keys, the token and
// its expiry, the clock) to path, atomically. It is safe to call while the
// fake serves.
func (s *Server) SaveState(path string) error {
	snap := s.snapshot()
	return writeFileAtomic(path, func(w io.Writer) error { return writeState(w, snap) })
}

// writeState writes snap as JSON, the payments first, streamed through a
// buffer: json.Encoder built the whole file in memory before writing it
// (growing a buffer to twice the file: some 200 MB at 100,000 payments)
// and read every stored payment's bytes again to check them. The file
// decodes to the same stateFile (TestWriteStateIsTheFile).
func writeState(w io.Writer, snap *stateFile) error {
	rest := *snap
	rest.Payments = nil // omitted: written here first
	tail, err := json.Marshal(&rest)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	_, _ = bw.WriteString(`{"payments":[`)
	const noPayment = `{"payment":null`
	for i, ps := range snap.Payments {
		payment := ps.Payment
		ps.Payment = nil
		fields, err := json.Marshal(ps) // {"payment":null,"seq":...}: Payment is the struct's first field
		if err != nil {
			return err
		}
		if i > 0 {
			_ = bw.WriteByte(',')
		}
		_, _ = bw.WriteString(`{"payment":`)
		if len(payment) == 0 {
			payment = json.RawMessage("null")
		}
		_, _ = bw.Write(payment)
		_, _ = bw.Write(fields[len(noPayment):])
	}
	_, _ = bw.WriteString("],")
	_, _ = bw.Write(tail[1:]) // rest's fields and its closing brace; version is always among them
	_ = bw.WriteByte('\n')
	return bw.Flush()
}

// decodeState reads a state file, or a payment in it, as encoding/json
// would with DisallowUnknownFields (internal/legacyjson: 100,000 payments
// loaded in 5.1 s with encoding/json's Decoder, 3.0 s so).
func decodeState(data []byte, v any) error {
	return legacyjson.Unmarshal(data, v, jsonv2.RejectUnknownMembers(true))
}

// LoadState replaces the state of a fake that has served nothing yet with
// the one SaveState wrote to path. The clock moves forward to the saved
// time if it is behind (it never goes back).
func (s *Server) LoadState(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var f stateFile
	if err := decodeState(raw, &f); err != nil {
		return fmt.Errorf("fake: state file %s: %w", path, err)
	}
	if f.Version != stateVersion && f.Version != 1 {
		return fmt.Errorf("fake: state file %s has version %d, this fake reads 1 and %d", path, f.Version, stateVersion)
	}
	st := newStore(s.clock, s.webhooks)
	st.seq = f.Seq
	for i, ps := range f.Payments {
		var p generated.Payment
		if len(ps.Payment) > 0 {
			if err := decodeState(ps.Payment, &p); err != nil {
				return fmt.Errorf("fake: state file %s: payments[%d]: %w", path, i, err)
			}
		}
		rec := &record{p: p, seq: ps.Seq, updatedAt: ps.UpdatedAt, taxFree: ps.TaxFree, noticeURL: ps.NoticeURL,
			cancelTaxFree: ps.CancelTaxFree, receipt: ps.Receipt, logis: ps.Logis, naver: ps.Naver}
		if len(rec.cancelTaxFree) != len(rec.p.CancelHistory) {
			return fmt.Errorf("fake: state file %s: payment %s has %d cancels but %d tax-free parts",
				path, rec.p.ImpUID, len(rec.p.CancelHistory), len(rec.cancelTaxFree))
		}
		if rec.p.VbankIssuedAt == nil { // files written before the fake stored the API's 0
			rec.p.VbankIssuedAt = new(int64(0))
		}
		// The Naver side first: the table stores the record as it is.
		if err := st.loadNaverLocked(rec); err != nil {
			return fmt.Errorf("fake: state file %s: payment %s: %w", path, rec.p.ImpUID, err)
		}
		if err := st.payments.Insert(rec); err != nil {
			return fmt.Errorf("fake: state file %s: payment %s: %w", path, rec.p.ImpUID, err)
		}
	}
	st.naverReviews = f.NaverReviews
	for i := range st.naverReviews { // files written before the fake stored the API's 0
		if st.naverReviews[i].Review.ModifiedAt == nil {
			st.naverReviews[i].Review.ModifiedAt = new(int64(0))
		}
	}
	if f.Prepared != nil {
		st.prepared = f.Prepared
	}
	for id, k := range f.BillingKeys {
		st.billingKeys[id] = &k
	}
	for _, ss := range f.Schedules {
		rec := &scheduleRecord{s: ss.Schedule, noticeURL: ss.NoticeURL, taxFree: ss.TaxFree}
		if _, dup := st.schedules[rec.s.MerchantUID]; dup {
			return fmt.Errorf("fake: state file %s: schedule %s twice", path, rec.s.MerchantUID)
		}
		st.schedules[rec.s.MerchantUID] = rec
		st.scheduleSeq = append(st.scheduleSeq, rec)
		if rec.s.ScheduleStatus == generated.ScheduleStatusScheduled {
			st.scheduleLocked(rec)
		}
	}
	if f.ExternalReceipts != nil {
		st.externalReceipts = f.ExternalReceipts
	}
	for id, c := range f.Certifications {
		st.certifications[id] = &c
	}
	benepia := newBenepiaAccounts()
	for user, a := range f.Benepia {
		benepia.accounts[user] = &benepiaAccount{password: a.Password, point: a.Point}
	}
	payco := newPaycoOrders()
	maps.Copy(payco.status, f.Payco)
	kcp := newKcpQuick()
	if q := f.KcpQuick; q != nil {
		kcp.seq = q.Seq
		for id, m := range q.Members {
			if m.MemberID != id {
				return fmt.Errorf("fake: state file %s: KCP Quick Pay member %q filed under %q", path, m.MemberID, id)
			}
			kcp.members[id] = &m
		}
		maps.Copy(kcp.prepared, q.Prepared)
		maps.Copy(kcp.pinChecks, q.PinChecks)
		maps.Copy(kcp.autopay, q.Autopay)
	}

	merchant := s.merchant
	if f.Merchant != nil {
		tiers := make([]generated.Tier, 0, len(f.Merchant.Tiers))
		for code, t := range f.Merchant.Tiers {
			if t.TierCode != code {
				return fmt.Errorf("fake: state file %s: tier %q filed under %q", path, t.TierCode, code)
			}
			tiers = append(tiers, t)
		}
		pg := f.Merchant.PgSettings
		if pg == nil {
			pg = []generated.PgSetting{}
		}
		merchant = newMerchantSettings(tiers, pg)
	}

	s.clock.atLeast(time.Unix(0, f.Now))
	s.tokens.mu.Lock()
	s.tokens.current, s.tokens.expiresAt = f.Token.Current, f.Token.ExpiresAt
	s.tokens.mu.Unlock()
	s.store, s.merchant, s.benepia, s.payco, s.kcp = st, merchant, benepia, payco, kcp
	return nil
}

// writeFileAtomic replaces path with what write produces, or leaves it as
// it was: write goes to a temporary file beside path, which is fsynced
// and renamed over path only once complete.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is; a failure here leaves
	// a complete file, so it is reported but nothing is undone.
	d, derr := os.Open(dir)
	if derr != nil {
		return nil
	}
	defer d.Close()
	if serr := d.Sync(); serr != nil && !errors.Is(serr, os.ErrInvalid) {
		return fmt.Errorf("fake: fsync %s: %w", dir, serr)
	}
	return nil
}
