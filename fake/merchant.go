package fake

import (
	"net/http"
	"regexp"
	"slices"
	"sync"

	"github.com/portone-community/portone-v1-go/generated"
)

// merchantSettings holds what the PortOne console holds for the calling
// merchant: its sub-merchants (tiers, GET /tiers/{code}) and its PG settings
// (GET /users/pg). They come from Config and change through the /__fake/
// controls; they have their own lock, apart from the payment store.
type merchantSettings struct {
	mu         sync.Mutex
	tiers      map[string]generated.Tier
	pgSettings []generated.PgSetting
}

// DefaultPgSettings is what GET /users/pg lists when Config.PgSettings is
// nil: one test channel of KG Inicis, the PG the fake's payments default
// to, and one of KCP Quick Pay (DefaultKcpQuickChannelKey), which
// payWithMoney and releaseFido require. The fake's choice; a real merchant
// sees whatever its console holds.
func DefaultPgSettings() []generated.PgSetting {
	return []generated.PgSetting{{
		PgProvider: "html5_inicis", PgID: "INIpayTest", Sandbox: true, Type: "payment",
		ChannelName: new("테스트 채널"), ChannelKey: new("channel-key-test"),
	}, {
		PgProvider: "kcp_quick", PgID: "IX0XX", Sandbox: true, Type: "payment",
		ChannelName: new("KCP 퀵페이 테스트 채널"), ChannelKey: new(DefaultKcpQuickChannelKey),
	}}
}

// DefaultKcpQuickChannelKey is the channel key of the KCP Quick Pay channel
// of DefaultPgSettings.
const DefaultKcpQuickChannelKey = "channel-key-kcpquick"

var tierCodePattern = regexp.MustCompile(`^[A-Z0-9]{3}$`)

func newMerchantSettings(tiers []generated.Tier, pg []generated.PgSetting) *merchantSettings {
	m := &merchantSettings{tiers: map[string]generated.Tier{}}
	for _, t := range tiers {
		m.tiers[t.TierCode] = t
	}
	if pg == nil {
		pg = DefaultPgSettings()
	}
	m.pgSettings = slices.Clone(pg)
	return m
}

func (m *merchantSettings) tier(code string) (generated.Tier, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tiers[code]
	return t, ok
}

// putTier registers or renames a sub-merchant.
func (m *merchantSettings) putTier(t generated.Tier) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tiers[t.TierCode] = t
}

func (m *merchantSettings) pg() []generated.PgSetting {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.pgSettings)
}

func (m *merchantSettings) setPg(pg []generated.PgSetting) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pgSettings = slices.Clone(pg)
}

// msgTierNotFound: PortOne documents the 404, not its text (the fake's choice).
const msgTierNotFound = "존재하지 않는 하위 가맹점입니다."

func (h *handlers) GetTier(w http.ResponseWriter, _ *http.Request, code string) {
	t, ok := h.s.merchant.tier(code)
	if !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgTierNotFound)
		return
	}
	writeOK(w, t)
}

func (h *handlers) GetPgSettingList(w http.ResponseWriter, _ *http.Request) {
	writeOK(w, h.s.merchant.pg())
}

// DefaultAccountHolder is the holder GET /vbanks/holder reports for any
// account of a known bank. The real API asks the bank; the fake has no bank
// behind it, so it answers one fixed name (its choice) and refuses, with
// 404 code -1, a bank code that GET /banks does not list.
const DefaultAccountHolder = "홍길동"

func (h *handlers) GetVbankHolder(w http.ResponseWriter, _ *http.Request, params generated.GetVbankHolderParams) {
	if _, ok := lookupCode(bankCodes, params.BankCode); !ok {
		writeError(w, http.StatusNotFound, codeFailure, msgBankCodeNotFound)
		return
	}
	writeOK(w, generated.VbankHolder{BankHolder: DefaultAccountHolder})
}

// postTier is the control POST /__fake/tiers {"tier_code","tier_name"}.
func (s *Server) postTier(w http.ResponseWriter, r *http.Request) {
	var t generated.Tier
	if !decodeBody(w, r, &t) {
		return
	}
	if !tierCodePattern.MatchString(t.TierCode) || t.TierName == "" {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: tier_code must be three upper-case letters or digits, tier_name not empty")
		return
	}
	s.merchant.putTier(t)
	writeOK(w, t)
}

// putPgSettings is the control PUT /__fake/pg-settings [PgSetting...]: the
// list GET /users/pg answers from then on.
func (s *Server) putPgSettings(w http.ResponseWriter, r *http.Request) {
	var pg []generated.PgSetting
	if !decodeBody(w, r, &pg) {
		return
	}
	for _, p := range pg {
		if p.PgProvider == "" || p.PgID == "" || p.Type == "" {
			writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: every PG setting needs pg_provider, pg_id and type")
			return
		}
	}
	if pg == nil {
		pg = []generated.PgSetting{}
	}
	s.merchant.setPg(pg)
	writeOK(w, pg)
}
