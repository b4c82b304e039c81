package fake

import (
	"fmt"
	"net/http"
	"net/netip"
	"sync"

	"github.com/go-chi/chi/v5"

	"github.com/portone-community/portone-v1-go/generated"
)

// KCP Quick Pay (KCP 퀵페이): the buyers registered there (members), their
// prepaid money (선불머니), pre-registrations of money transactions and
// automatic-payment keys (자동결제 키).
//
// Evidence: PortOne's official file (official-v1.swagger2.json, the
// /kcpquick paths, category pg.kcpquick, supported PG kcp_quick) gives the
// routes, parameters and documented answers: member_delete erases a member
// for good and answers the member (404 for an unknown member_id);
// prepare_create answers 409 when merchant_uid is already registered,
// prepare_update 404 when it is not, both 400 for bad parameters, and
// prepaid_auth_yn Y requires prepaid_amount; payWithMoney charges a member's
// money for the transaction whose PIN check ran under imp_uid;
// payWithAutoPaymentKey charges the key linked to a billing key;
// deleteAutoPayKey answers 404 when the billing key or its automatic-payment
// key is missing; releaseFido answers HTTP 200 either way, code 0 with
// response.member_id or another code with KCP's own {code, message} in
// error, and 400 for a channel that is missing or not a KCP Quick Pay one.
// The success messages of deleteAutoPayKey and releaseFido are the official
// file's examples. Public V1 clients (iamport-rest-client-php, the Java and
// Ruby ones) wrap member_delete and payWithMoney only and show nothing more.
//
// The fake's choices, where PortOne documents nothing:
//   - Members exist because a test registers them (Server.AddKcpQuickMember,
//     POST /__fake/kcpquick/members): in real life the buyer registers in
//     KCP's window. Their pg_id is their site code unless given.
//   - A PIN check (the window's PinCheck action) is Server.KcpQuickPinCheck
//     or POST /__fake/kcpquick/pin-check: it hands out the imp_uid that
//     payWithMoney must name, for that member and merchant_uid, once.
//   - Money is whole won (the official file types both amounts as integers):
//     a balance is what was credited minus what the member's payments still
//     hold, so a cancel gives the money back.
//   - A pre-registration with a prepaid_amount fixes the amount payWithMoney
//     may charge for its merchant_uid (like preparePayment for windows).
//   - payWithMoney and payWithAutoPaymentKey document no status but 200 and
//     401: every refusal is HTTP 200 code 1, the V1 habit (Benepia does the
//     same). The payments are real payments of the store: pay_method point
//     for money (PortOne reports wallet money as point), card for an
//     automatic-payment key (a key registered with a card number ending in
//     0002 is declined, fake.DeclinedCard); pg_provider kcp_quick.
//   - Deleting an automatic-payment key leaves the billing key (the 404 text
//     names either as missing); deleting a member deletes its keys and
//     pending PIN checks.
//   - A refused FIDO release carries KCP code C210, the official example.

const (
	kcpQuickPG = "kcp_quick"

	msgKcpMemberNotFound  = "유효하지 않은 member_id입니다."
	msgKcpChannel         = "KCP 퀵페이 채널이 아닌 channel_key입니다."
	msgKcpPinCheck        = "PIN 인증을 마친 거래가 아닙니다."
	msgKcpAmount          = "결제 금액은 1원 이상의 정수여야 합니다."
	msgKcpPrepaidAmount   = "사전등록된 선불머니 결제 금액과 다릅니다."
	msgKcpMoneyShort      = "선불머니 잔액이 부족합니다."
	msgKcpPrepareExists   = "이미 동일한 merchant_uid로 사전등록된 정보가 있습니다."
	msgKcpPrepareNotFound = "사전등록 정보를 찾을 수 없습니다."
	msgKcpPrepaidYes      = "prepaid_auth_yn이 Y이면 prepaid_amount가 필요합니다."
	msgKcpCustIP          = "cust_ip는 IPv4 주소여야 합니다."
	msgKcpAutopayNotFound = "등록된 빌링키 또는 자동결제 키를 찾을 수 없습니다."
	msgKcpAutopayDeleted  = "자동결제 키가 정상적으로 삭제되었습니다."
	msgKcpFidoReleased    = "생체인증 사용이 정상적으로 해제되었습니다."
	msgKcpFidoRefused     = "생체인증 사용 해제에 실패했습니다."
	kcpCodeNoTrade        = "C210"
	msgKcpNoTrade         = "등록된 거래가 없습니다."
)

// kcpMember is a buyer registered at KCP Quick Pay. The fields are exported
// for the state file.
type kcpMember struct {
	MemberID       string `json:"member_id"`
	SiteCode       string `json:"site_code"`
	PartnerType    string `json:"partner_type"`
	PartnerSubtype string `json:"partner_subtype"`
	PgID           string `json:"pg_id"`
	Inserted       int64  `json:"inserted"`
	Updated        int64  `json:"updated"`
	// Money is the prepaid money credited, in won; what the member's
	// payments hold is taken off it (balanceLocked).
	Money int64 `json:"money"`
	Fido  bool  `json:"fido"`
	// Payments are the imp_uids of the member's money payments.
	Payments []string `json:"payments"`
}

func (m *kcpMember) api() generated.KcpQuickMember {
	return generated.KcpQuickMember{MemberID: m.MemberID, PgProvider: kcpQuickPG, PgID: new(m.PgID),
		Inserted: m.Inserted, Updated: m.Updated}
}

type kcpPinCheck struct {
	MemberID    string `json:"member_id"`
	MerchantUID string `json:"merchant_uid"`
}

type kcpAutopayKey struct {
	MemberID string `json:"member_id"`
	Inserted int64  `json:"inserted"`
}

// kcpQuick has its own lock, taken before the store's (never the other
// way round), like the Benepia accounts.
type kcpQuick struct {
	mu        sync.Mutex
	seq       int
	members   map[string]*kcpMember                       // by member_id
	prepared  map[string]generated.KcpQuickPrepareRequest // by merchant_uid
	pinChecks map[string]kcpPinCheck                      // by imp_uid, until paid
	autopay   map[string]kcpAutopayKey                    // by customer_uid
}

func newKcpQuick() *kcpQuick {
	return &kcpQuick{members: map[string]*kcpMember{}, prepared: map[string]generated.KcpQuickPrepareRequest{},
		pinChecks: map[string]kcpPinCheck{}, autopay: map[string]kcpAutopayKey{}}
}

// KcpQuickMember registers a buyer at KCP Quick Pay in the fake.
type KcpQuickMember struct {
	MemberID       string `json:"member_id"`
	SiteCode       string `json:"site_code"`
	PartnerType    string `json:"partner_type"`
	PartnerSubtype string `json:"partner_subtype"`
	// PgID is the KCP merchant id; empty means SiteCode.
	PgID string `json:"pg_id"`
	// Money is the prepaid money balance, in won.
	Money int64 `json:"money"`
	// Fido says whether biometric authentication is on (releaseFido turns
	// it off).
	Fido bool `json:"fido"`
}

// KcpQuickMemberState is a member as the fake holds it, with the balance
// left after its payments.
type KcpQuickMemberState struct {
	generated.KcpQuickMember
	Money int64 `json:"money"`
	Fido  bool  `json:"fido"`
}

// AddKcpQuickMember registers a member, or resets one (its balance is then
// Money minus what its earlier payments still hold).
func (s *Server) AddKcpQuickMember(m KcpQuickMember) (KcpQuickMemberState, error) {
	if m.MemberID == "" || m.SiteCode == "" || m.PartnerType == "" || m.PartnerSubtype == "" || m.Money < 0 {
		return KcpQuickMemberState{}, fmt.Errorf("fake: a KCP Quick Pay member needs member_id, site_code, partner_type, partner_subtype and money >= 0")
	}
	k := s.kcp
	now := s.clock.unix()
	k.mu.Lock()
	defer k.mu.Unlock()
	old, ok := k.members[m.MemberID]
	rec := &kcpMember{MemberID: m.MemberID, SiteCode: m.SiteCode, PartnerType: m.PartnerType, PartnerSubtype: m.PartnerSubtype,
		PgID: m.PgID, Inserted: now, Updated: now, Money: m.Money, Fido: m.Fido}
	if rec.PgID == "" {
		rec.PgID = m.SiteCode
	}
	if ok {
		rec.Inserted, rec.Payments = old.Inserted, old.Payments
	}
	k.members[m.MemberID] = rec
	return s.kcpMemberStateLocked(rec), nil
}

// KcpQuickMemberState reports a member, its money balance and FIDO state.
func (s *Server) KcpQuickMemberState(memberID string) (KcpQuickMemberState, bool) {
	k := s.kcp
	k.mu.Lock()
	defer k.mu.Unlock()
	m, ok := k.members[memberID]
	if !ok {
		return KcpQuickMemberState{}, false
	}
	return s.kcpMemberStateLocked(m), true
}

func (s *Server) kcpMemberStateLocked(m *kcpMember) KcpQuickMemberState {
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	return KcpQuickMemberState{KcpQuickMember: m.api(), Money: m.balanceLocked(st), Fido: m.Fido}
}

// balanceLocked is the money credited minus what the member's payments
// hold (paid and not cancelled), for callers holding k.mu and st.mu.
func (m *kcpMember) balanceLocked(st *store) int64 {
	left := m.Money
	for _, id := range m.Payments {
		rec, ok := st.payments.Get(id)
		if !ok || rec.p.Status != generated.PaymentStatusPaid {
			continue
		}
		held, _ := minorUnits(rec.p.Amount-rec.p.CancelAmount, "KRW")
		left -= held
	}
	return left
}

// KcpQuickPinCheck stands for the PIN check a member passes in KCP Quick
// Pay's window before a money payment: it returns the imp_uid PortOne gives
// the transaction, which payWithMoney must name with the same member and
// merchant_uid.
func (s *Server) KcpQuickPinCheck(memberID, merchantUID string) (string, error) {
	if merchantUID == "" {
		return "", fmt.Errorf("fake: a PIN check needs a merchant_uid")
	}
	k := s.kcp
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.members[memberID]; !ok {
		return "", fmt.Errorf("fake: no KCP Quick Pay member %q", memberID)
	}
	k.seq++
	// A range of its own, far from the one seeds and payments count in.
	id := fmt.Sprintf("imp_%012d", 900000000000+k.seq)
	k.pinChecks[id] = kcpPinCheck{MemberID: memberID, MerchantUID: merchantUID}
	return id, nil
}

// AddKcpQuickAutopayKey registers a KCP Quick Pay automatic-payment key for
// a member under the billing key customerUID, which the fake stores too
// (pg_provider kcp_quick, GET /subscribe/customers shows it). cardNumber
// may be empty; one ending in 0002 is declined when charged.
func (s *Server) AddKcpQuickAutopayKey(customerUID, memberID, cardNumber string) (generated.BillingKeyCustomer, error) {
	if customerUID == "" {
		return generated.BillingKeyCustomer{}, fmt.Errorf("fake: an automatic-payment key needs a customer_uid")
	}
	k := s.kcp
	now := s.clock.unix()
	k.mu.Lock()
	defer k.mu.Unlock()
	m, ok := k.members[memberID]
	if !ok {
		return generated.BillingKeyCustomer{}, fmt.Errorf("fake: no KCP Quick Pay member %q", memberID)
	}
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	key := &generated.BillingKeyCustomer{CustomerUID: customerUID, PgProvider: kcpQuickPG, PgID: m.PgID,
		Inserted: now, Updated: now, CardName: new("KCP 퀵페이")}
	if cardNumber != "" {
		key.CardNumber = new(maskCard(cardNumber))
	}
	st.billingKeys[customerUID] = key
	k.autopay[customerUID] = kcpAutopayKey{MemberID: memberID, Inserted: now}
	return *key, nil
}

// kcpChannel finds the PG setting of a KCP Quick Pay channel.
func (m *merchantSettings) kcpChannel(key string) (generated.PgSetting, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.pgSettings {
		if p.PgProvider == kcpQuickPG && p.ChannelKey != nil && *p.ChannelKey == key {
			return p, true
		}
	}
	return generated.PgSetting{}, false
}

// wholeWon is amount in won when it is a whole number of won above 0.
func wholeWon(amount float64) (int64, bool) {
	won, ok := minorUnits(amount, "KRW")
	return won, ok && won > 0
}

func (h *handlers) PrepareCreate(w http.ResponseWriter, r *http.Request, merchantUID generated.KcpQuickMerchantUIDPath) {
	h.prepareKcp(w, r, merchantUID, true)
}

func (h *handlers) PrepareUpdate(w http.ResponseWriter, r *http.Request, merchantUID generated.KcpQuickMerchantUIDPath) {
	h.prepareKcp(w, r, merchantUID, false)
}

// prepareKcp registers (create) or replaces the pre-registration of
// merchantUID. The answer's response is null: PortOne documents none.
func (h *handlers) prepareKcp(w http.ResponseWriter, r *http.Request, merchantUID string, create bool) {
	var req generated.KcpQuickPrepareRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if deref(req.PrepaidAuthYn) == "Y" && req.PrepaidAmount == nil {
		writeError(w, http.StatusBadRequest, codeFailure, msgKcpPrepaidYes)
		return
	}
	// The spec's format ipv4 is not checked by the request validator (it
	// checks no string formats), so it is checked here.
	if ip, err := netip.ParseAddr(req.CustIP); err != nil || !ip.Is4() {
		writeError(w, http.StatusBadRequest, codeFailure, msgKcpCustIP)
		return
	}
	k := h.s.kcp
	k.mu.Lock()
	_, exists := k.prepared[merchantUID]
	switch {
	case create && exists:
		k.mu.Unlock()
		writeError(w, http.StatusConflict, codeFailure, msgKcpPrepareExists)
		return
	case !create && !exists:
		k.mu.Unlock()
		writeError(w, http.StatusNotFound, codeFailure, msgKcpPrepareNotFound)
		return
	}
	k.prepared[merchantUID] = req
	k.mu.Unlock()
	writeOK(w, nil)
}

func (h *handlers) PayWithMoney(w http.ResponseWriter, r *http.Request) {
	var req generated.KcpQuickMoneyPaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	notice := deref(req.NoticeURL)
	k := h.s.kcp
	k.mu.Lock()
	m, ok := k.members[req.MemberID]
	if !ok {
		k.mu.Unlock()
		writeRefused(w, msgKcpMemberNotFound)
		return
	}
	channel, ok := h.s.merchant.kcpChannel(req.ChannelKey)
	if !ok {
		k.mu.Unlock()
		writeRefused(w, msgKcpChannel)
		return
	}
	if pc, ok := k.pinChecks[req.ImpUID]; !ok || pc.MemberID != req.MemberID || pc.MerchantUID != req.MerchantUID {
		k.mu.Unlock()
		writeRefused(w, msgKcpPinCheck)
		return
	}
	won, ok := wholeWon(req.Amount)
	if !ok {
		k.mu.Unlock()
		writeRefused(w, msgKcpAmount)
		return
	}
	if prep, ok := k.prepared[req.MerchantUID]; ok && prep.PrepaidAmount != nil && *prep.PrepaidAmount != won {
		k.mu.Unlock()
		writeRefused(w, msgKcpPrepaidAmount)
		return
	}
	st := h.s.store
	st.mu.Lock()
	if m.balanceLocked(st) < won {
		st.mu.Unlock()
		k.mu.Unlock()
		writeRefused(w, msgKcpMoneyShort)
		return
	}
	p := generated.Payment{
		ImpUID: req.ImpUID, MerchantUID: req.MerchantUID, Amount: float64(won), Currency: "KRW", Name: &req.Name,
		PayMethod: "point", PgProvider: kcpQuickPG, PgID: new(channel.PgID), Channel: new(generated.PaymentChannelAPI),
	}
	out, refusal := st.addOrderLocked(&record{p: p, noticeURL: notice})
	if refusal == "" {
		delete(k.pinChecks, req.ImpUID)
		m.Payments = append(m.Payments, out.ImpUID)
		m.Updated = h.s.clock.unix()
	}
	st.mu.Unlock()
	k.mu.Unlock()
	st.answerOrder(w, notice, out, refusal)
}

func (h *handlers) PayWithAutoPaymentKey(w http.ResponseWriter, r *http.Request) {
	var req generated.KcpQuickAutopayRequest
	if !decodeBody(w, r, &req) {
		return
	}
	notice := deref(req.NoticeURL)
	won, amountOK := wholeWon(req.Amount)
	k := h.s.kcp
	k.mu.Lock()
	st := h.s.store
	st.mu.Lock()
	key, hasKey := st.billingKeys[req.CustomerUID]
	_, hasAutopay := k.autopay[req.CustomerUID]
	var out generated.Payment
	var refusal string
	switch {
	case !hasKey || !hasAutopay || key.PgProvider != kcpQuickPG:
		refusal = msgKcpAutopayNotFound
	case !amountOK:
		refusal = msgKcpAmount
	default:
		p := paymentFromKey(key, generated.CustomerUIDUsagePayment)
		p.MerchantUID, p.Amount, p.Currency, p.Name, p.BuyerName = req.MerchantUID, float64(won), "KRW", &req.Name, &req.BuyerName
		p.PayMethod, p.PgProvider, p.PgID = "card", kcpQuickPG, new(key.PgID)
		p.Channel = new(generated.PaymentChannelAPI)
		out, refusal = st.addOrderLocked(&record{p: p, noticeURL: notice})
	}
	st.mu.Unlock()
	k.mu.Unlock()
	st.answerOrder(w, notice, out, refusal)
}

func (h *handlers) DeleteAutoPayKey(w http.ResponseWriter, _ *http.Request, customerUID generated.CustomerUIDPath) {
	k := h.s.kcp
	k.mu.Lock()
	st := h.s.store
	st.mu.RLock()
	key, hasKey := st.billingKeys[customerUID]
	st.mu.RUnlock()
	_, hasAutopay := k.autopay[customerUID]
	found := hasKey && hasAutopay && key.PgProvider == kcpQuickPG
	if found {
		delete(k.autopay, customerUID)
	}
	k.mu.Unlock()
	if !found {
		writeError(w, http.StatusNotFound, codeFailure, msgKcpAutopayNotFound)
		return
	}
	writeJSON(w, http.StatusOK, envelope{Code: codeOK, Message: new(msgKcpAutopayDeleted),
		Response: generated.KcpQuickAutopayDeleted{CustomerUID: &customerUID}})
}

func (h *handlers) MemberDelete(w http.ResponseWriter, _ *http.Request, memberID generated.KcpQuickMemberIDPath, params generated.MemberDeleteParams) {
	k := h.s.kcp
	k.mu.Lock()
	m, ok := k.members[memberID]
	ok = ok && m.SiteCode == params.SiteCode && m.PartnerType == params.PartnerType && m.PartnerSubtype == params.PartnerSubtype
	var out generated.KcpQuickMember
	if ok {
		out = m.api()
		delete(k.members, memberID)
		for uid, key := range k.autopay {
			if key.MemberID == memberID {
				delete(k.autopay, uid)
			}
		}
		for id, pc := range k.pinChecks {
			if pc.MemberID == memberID {
				delete(k.pinChecks, id)
			}
		}
	}
	k.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgKcpMemberNotFound)
		return
	}
	writeOK(w, out)
}

// kcpFidoEnvelope is releaseFido's answer: the envelope plus KCP's error.
type kcpFidoEnvelope struct {
	Code     int                             `json:"code"`
	Message  *string                         `json:"message"`
	Response *generated.KcpQuickFidoReleased `json:"response"`
	Error    *generated.KcpQuickError        `json:"error"`
}

func (h *handlers) ReleaseFido(w http.ResponseWriter, r *http.Request, memberID generated.KcpQuickMemberIDPath) {
	var req generated.KcpQuickFidoReleaseRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if _, ok := h.s.merchant.kcpChannel(req.ChannelKey); !ok {
		writeError(w, http.StatusBadRequest, codeFailure, msgKcpChannel)
		return
	}
	k := h.s.kcp
	k.mu.Lock()
	m, ok := k.members[memberID]
	released := ok && m.Fido
	if released {
		m.Fido, m.Updated = false, h.s.clock.unix()
	}
	k.mu.Unlock()
	if !released {
		writeJSON(w, http.StatusOK, kcpFidoEnvelope{Code: codeRefused, Message: new(msgKcpFidoRefused),
			Error: &generated.KcpQuickError{Code: new(kcpCodeNoTrade), Message: new(msgKcpNoTrade)}})
		return
	}
	writeJSON(w, http.StatusOK, kcpFidoEnvelope{Code: codeOK, Message: new(msgKcpFidoReleased),
		Response: &generated.KcpQuickFidoReleased{MemberID: &memberID}})
}

// Controls: POST /__fake/kcpquick/members (KcpQuickMember), GET
// /__fake/kcpquick/members/{member_id}, POST /__fake/kcpquick/pin-check
// {"member_id","merchant_uid"} and POST /__fake/kcpquick/autopay
// {"customer_uid","member_id","card_number"}.
func (s *Server) kcpControls(r chi.Router) {
	r.Post("/kcpquick/members", func(w http.ResponseWriter, r *http.Request) {
		var m KcpQuickMember
		if !decodeBody(w, r, &m) {
			return
		}
		out, err := s.AddKcpQuickMember(m)
		if err != nil {
			writeError(w, http.StatusBadRequest, codeFailure, err.Error())
			return
		}
		writeOK(w, out)
	})
	r.Get("/kcpquick/members/{member_id}", func(w http.ResponseWriter, r *http.Request) {
		out, ok := s.KcpQuickMemberState(chi.URLParam(r, "member_id"))
		if !ok {
			writeError(w, http.StatusNotFound, codeFailure, msgKcpMemberNotFound)
			return
		}
		writeOK(w, out)
	})
	r.Post("/kcpquick/pin-check", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			MemberID    string `json:"member_id"`
			MerchantUID string `json:"merchant_uid"`
		}
		if !decodeBody(w, r, &req) {
			return
		}
		id, err := s.KcpQuickPinCheck(req.MemberID, req.MerchantUID)
		if err != nil {
			writeError(w, http.StatusBadRequest, codeFailure, err.Error())
			return
		}
		writeOK(w, map[string]string{"imp_uid": id})
	})
	r.Post("/kcpquick/autopay", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			CustomerUID string `json:"customer_uid"`
			MemberID    string `json:"member_id"`
			CardNumber  string `json:"card_number"`
		}
		if !decodeBody(w, r, &req) {
			return
		}
		key, err := s.AddKcpQuickAutopayKey(req.CustomerUID, req.MemberID, req.CardNumber)
		if err != nil {
			writeError(w, http.StatusBadRequest, codeFailure, err.Error())
			return
		}
		writeOK(w, billingKey(key))
	})
}
