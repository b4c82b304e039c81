package wrapper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// tokenSource keeps one access token for a Client and renews it.
//
// PortOne's tokens live 30 minutes. Asking for one while the current token
// is valid returns that same token; asking in its last minute also pushes
// its expiry 5 minutes further; an expired token gets 401. Hence:
//   - the local expiry is receive time + (expired_at - now), both from the
//     server, so the local clock's offset from the server's does not matter
//     (time.Time's monotonic reading keeps it immune to clock jumps too);
//   - from refreshAhead before that expiry, the next caller starts a
//     renewal in the background and keeps using the current token;
//   - if the server hands back the same token with the same expiry, or the
//     renewal fails, nobody asks again for quiet, so a server that does not
//     extend cannot cause a request storm;
//   - within margin of the expiry (or without a token) callers wait for a
//     renewal; only one getToken request is ever in flight, and waiting
//     callers give up when their own context ends.
type tokenSource struct {
	fetch        func(context.Context) (*generated.AccessToken, error)
	now          func() time.Time
	refreshAhead time.Duration
	margin       time.Duration
	quiet        time.Duration
	fetchTimeout time.Duration
	log          *slog.Logger

	mu         sync.Mutex
	cur        *accessToken
	flight     *tokenFlight
	quietUntil time.Time
}

// accessToken is a token ready for use. It prints redacted.
type accessToken struct {
	auth         redacted  // "Bearer <token>"
	serverExpiry int64     // expired_at as the server sent it
	expiresAt    time.Time // local expiry
}

type tokenFlight struct {
	done chan struct{}
	tok  *accessToken
	err  error
}

func newTokenSource(fetch func(context.Context) (*generated.AccessToken, error)) *tokenSource {
	return &tokenSource{
		fetch: fetch,
		now:   time.Now,
		// The server extends a token only in its last minute, so renewing
		// earlier than that would just bring back the same expiry.
		refreshAhead: 50 * time.Second,
		margin:       10 * time.Second,
		quiet:        10 * time.Second,
		fetchTimeout: 30 * time.Second,
		log:          slog.New(slog.DiscardHandler),
	}
}

// header returns the Authorization header value to send now.
func (s *tokenSource) header(ctx context.Context) (string, error) {
	s.mu.Lock()
	now := s.now()
	cur := s.cur
	if cur != nil && now.Before(cur.expiresAt.Add(-s.refreshAhead)) {
		s.mu.Unlock()
		return string(cur.auth), nil
	}
	usable := cur != nil && now.Before(cur.expiresAt.Add(-s.margin))
	if cur != nil && now.Before(s.quietUntil) && now.Before(cur.expiresAt) {
		s.mu.Unlock()
		return string(cur.auth), nil
	}
	f := s.flight
	if f == nil {
		f = &tokenFlight{done: make(chan struct{})}
		s.flight = f
		// The fetch must not die with the context of whichever caller
		// happened to start it: the others are waiting for it too.
		go s.run(context.WithoutCancel(ctx), f)
	}
	s.mu.Unlock()
	if usable {
		return string(cur.auth), nil
	}
	select {
	case <-f.done:
		if f.err != nil {
			return "", f.err
		}
		return string(f.tok.auth), nil
	case <-ctx.Done():
		// Parentheses, not a colon after "token": the scrubber would take
		// "context" for the token's value.
		return "", fmt.Errorf("stopped waiting for the access token (%w)", ctx.Err())
	}
}

func (s *tokenSource) run(ctx context.Context, f *tokenFlight) {
	ctx, cancel := context.WithTimeout(ctx, s.fetchTimeout)
	defer cancel()
	tok, err := s.fetch(ctx)
	received := s.now()
	if err == nil && (tok == nil || tok.AccessToken == "" || tok.ExpiredAt <= tok.Now) {
		err = errors.New("portone: getToken answered without a usable token (empty token, or expired_at not after now)")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(f.done)
	s.flight = nil
	if err != nil {
		f.err = err
		s.quietUntil = received.Add(s.quiet)
		s.log.Warn("portone: access token renewal failed", "err", err)
		return
	}
	next := &accessToken{
		auth:         redacted("Bearer " + tok.AccessToken),
		serverExpiry: tok.ExpiredAt,
		expiresAt:    received.Add(time.Duration(tok.ExpiredAt-tok.Now) * time.Second),
	}
	if s.cur != nil && s.cur.auth == next.auth && next.serverExpiry <= s.cur.serverExpiry {
		// Same token, not extended: the server would say the same thing
		// again right now. Keep the server's latest view of the expiry.
		s.quietUntil = received.Add(s.quiet)
	} else {
		s.quietUntil = time.Time{}
	}
	s.cur = next
	f.tok = next
	s.log.Debug("portone: access token renewed", "expires_in", time.Duration(tok.ExpiredAt-tok.Now)*time.Second)
}

// current returns the token in use, for scrubbing it out of error text.
func (s *tokenSource) current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return ""
	}
	return strings.TrimPrefix(string(s.cur.auth), "Bearer ")
}

// invalidate forgets the token whose header got a 401, unless another
// caller has already replaced it.
func (s *tokenSource) invalidate(auth string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && string(s.cur.auth) == auth {
		s.cur = nil
		s.quietUntil = time.Time{}
	}
}
