package fake

import (
	"net/http"
	"sync"

	"github.com/portone-community/portone-v1-go/generated"
)

// Benepia welfare points (베네피아 포인트, through KCP). The fake keeps the
// accounts it was given (Server.AddBenepiaAccount or POST /__fake/benepia)
// with their balances; paying deducts the amount and stores a paid payment.
// PortOne documents neither the refusal texts nor what a wrong password
// answers: a wrong account, a wrong password or a balance too small are
// refused with HTTP 200 code 1 (the V1 habit for business refusals), the
// fake's choice.

type benepiaAccount struct {
	password string
	point    float64
}

// benepiaAccounts has its own lock. payBenepia takes it before the store
// lock; nothing takes them in the other order.
type benepiaAccounts struct {
	mu       sync.Mutex
	accounts map[string]*benepiaAccount
}

func newBenepiaAccounts() *benepiaAccounts {
	return &benepiaAccounts{accounts: map[string]*benepiaAccount{}}
}

const (
	msgBenepiaLogin   = "베네피아 아이디 또는 비밀번호가 올바르지 않습니다."
	msgBenepiaBalance = "베네피아 포인트 잔액이 부족합니다."
)

// AddBenepiaAccount registers (or resets) a Benepia account with a point
// balance.
func (s *Server) AddBenepiaAccount(user, password string, point float64) {
	b := s.benepia
	b.mu.Lock()
	defer b.mu.Unlock()
	b.accounts[user] = &benepiaAccount{password: password, point: point}
}

// loginLocked finds the account whose credentials match.
func (b *benepiaAccounts) loginLocked(user, password string) (*benepiaAccount, bool) {
	a, ok := b.accounts[user]
	if !ok || a.password != password {
		return nil, false
	}
	return a, true
}

func (h *handlers) QueryBenepiaPoint(w http.ResponseWriter, r *http.Request) {
	var req generated.BenepiaPointRequest
	if !decodeBody(w, r, &req) {
		return
	}
	b := h.s.benepia
	b.mu.Lock()
	a, ok := b.loginLocked(req.BenepiaUser, deref(req.BenepiaPassword))
	var point float64
	if ok {
		point = a.point
	}
	b.mu.Unlock()
	if !ok {
		writeRefused(w, msgBenepiaLogin)
		return
	}
	writeOK(w, generated.BenepiaPoint{Point: point})
}

func (h *handlers) PayBenepiaPoint(w http.ResponseWriter, r *http.Request) {
	var req generated.BenepiaPaymentRequest
	if !decodeBody(w, r, &req) {
		return
	}
	var notice string
	if len(req.NoticeURL) > 0 {
		notice = req.NoticeURL[0]
	}
	b := h.s.benepia
	b.mu.Lock()
	a, ok := b.loginLocked(req.BenepiaUser, deref(req.BenepiaPassword))
	switch {
	case !ok:
		b.mu.Unlock()
		writeRefused(w, msgBenepiaLogin)
		return
	case req.Amount <= 0 || a.point < req.Amount:
		b.mu.Unlock()
		writeRefused(w, msgBenepiaBalance)
		return
	}
	p := generated.Payment{
		MerchantUID: req.MerchantUID, Amount: req.Amount, Name: &req.Name, CustomData: req.CustomData,
		BuyerName: req.BuyerName, BuyerEmail: req.BuyerEmail, BuyerTel: req.BuyerTel,
		BuyerAddr: req.BuyerAddr, BuyerPostcode: req.BuyerPostcode,
		PayMethod: "point", PgProvider: "kcp", Channel: new(generated.PaymentChannelAPI),
		// Without a member code Benepia treats the payment as a test.
		Sandbox: new(req.BenepiaMemberCode == nil),
	}
	st := h.s.store
	st.mu.Lock()
	out, refusal := st.addOrderLocked(&record{p: p, noticeURL: notice})
	st.mu.Unlock()
	if refusal == "" && out.Status == generated.PaymentStatusPaid {
		a.point -= req.Amount
	}
	b.mu.Unlock()
	st.answerOrder(w, notice, out, refusal)
}

// postBenepia is the control POST /__fake/benepia
// {"benepia_user","benepia_password","point"}.
func (s *Server) postBenepia(w http.ResponseWriter, r *http.Request) {
	var req struct {
		User     string  `json:"benepia_user"`
		Password string  `json:"benepia_password"`
		Point    float64 `json:"point"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	if req.User == "" || req.Point < 0 || req.Point != req.Point {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: benepia_user must not be empty and point must be a number >= 0")
		return
	}
	s.AddBenepiaAccount(req.User, req.Password, req.Point)
	writeOK(w, generated.BenepiaPoint{Point: req.Point})
}
