package fake

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// Token rules of the V1 docs: a token lives 30 minutes; asking again while
// it is valid hands back the same token, and with less than a minute left
// its expiry moves 5 minutes later.
const (
	tokenLifetime  = 30 * time.Minute
	tokenRenewZone = time.Minute
	tokenExtension = 5 * time.Minute
)

// tokenStore holds the one live token of the fake's single merchant.
// Replaced tokens are never valid again: they are only replaced once
// expired.
type tokenStore struct {
	clock *clock

	mu        sync.Mutex
	current   string
	expiresAt int64
}

func newTokenStore(c *clock) *tokenStore { return &tokenStore{clock: c} }

// issue returns the live token, extended or renewed by the docs' rules.
func (t *tokenStore) issue() generated.AccessToken {
	now := t.clock.unix()
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.current == "" || now >= t.expiresAt:
		t.current = newToken()
		t.expiresAt = now + int64(tokenLifetime/time.Second)
	case t.expiresAt-now < int64(tokenRenewZone/time.Second):
		t.expiresAt += int64(tokenExtension / time.Second)
	}
	return generated.AccessToken{AccessToken: t.current, Now: now, ExpiredAt: t.expiresAt}
}

func (t *tokenStore) valid(token string) bool {
	if token == "" {
		return false
	}
	now := t.clock.unix()
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.current != "" && equalSecret(token, t.current) && now < t.expiresAt
}

// newToken makes a 40-hex-digit token, the shape the real API issues.
func newToken() string {
	var b [20]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

func (h *handlers) GetToken(w http.ResponseWriter, r *http.Request) {
	var req generated.GetTokenRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if !equalSecret(req.ImpKey, h.s.apiKey) || !equalSecret(req.ImpSecret, h.s.apiSecret) {
		writeError(w, http.StatusUnauthorized, codeFailure, msgInvalidCredentials)
		return
	}
	tok := h.s.tokens.issue()
	writeOK(w, tok)
}
