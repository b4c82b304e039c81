package wrapper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// transport is the generated client's HttpRequestDoer. It sends a request
// built by package generated and returns the answer with its body already
// read, after:
//   - one replay with a new token when the answer is 401 and the client
//     manages tokens (the server refused before acting, so this is safe for
//     every method);
//   - retries of GET requests on connection errors, 429, 502, 503 and 504.
//
// It never replays any other request.
type transport struct {
	next   generated.HttpRequestDoer
	tokens *tokenSource // nil: no token to renew (static token, getToken itself)
	retry  retryPolicy
	// repeatAll treats every request as a read (the token client: getToken
	// is harmless to send again).
	repeatAll bool
	log       *slog.Logger
}

// retryPolicy bounds the retries of idempotent requests.
type retryPolicy struct {
	max      int           // retries after the first attempt
	base     time.Duration // first backoff
	cap      time.Duration // longest backoff
	maxAfter time.Duration // longest Retry-After honoured; longer gives up
}

var defaultRetry = retryPolicy{max: 2, base: 200 * time.Millisecond, cap: 2 * time.Second, maxAfter: 10 * time.Second}

// maxBody bounds how much of an answer is read (a 1000-payment page is
// about 1.5 MB).
const maxBody = 64 << 20

// transportError is a failure to get an answer. sent says whether the
// request may have reached the server.
type transportError struct {
	err  error
	sent bool
}

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

func (t *transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	idempotent := t.repeatAll || replayable(req.Method)
	policy := t.retry
	if st := callOf(ctx); st != nil && st.opts.retry != nil {
		policy = *st.opts.retry
	}
	renewed := false
	for attempt := 0; ; {
		if err := ctx.Err(); err != nil {
			return nil, &transportError{err: err}
		}
		resp, err := t.next.Do(req)
		if err == nil {
			err = bufferBody(resp)
		}
		if err != nil {
			sent := !notSent(err)
			if idempotent && attempt < policy.max && ctx.Err() == nil {
				wait := policy.backoff(attempt)
				t.logRetry(ctx, attempt, wait, "err", err)
				if err := sleep(ctx, wait); err != nil {
					return nil, &transportError{err: err}
				}
				attempt++
				if req, err = replay(req); err != nil {
					return nil, err
				}
				continue
			}
			return nil, &transportError{err: err, sent: sent}
		}
		if resp.StatusCode == http.StatusUnauthorized && t.tokens != nil && !renewed {
			renewed = true
			again, err := t.renew(req)
			if err != nil {
				return nil, err
			}
			if again != nil {
				req = again
				continue
			}
			return resp, nil
		}
		if idempotent && retryableStatus(resp.StatusCode) && attempt < policy.max {
			wait, ok := policy.after(resp, attempt)
			if ok {
				t.logRetry(ctx, attempt, wait, "status", resp.StatusCode)
				if err := sleep(ctx, wait); err != nil {
					return nil, &transportError{err: err}
				}
				attempt++
				if req, err = replay(req); err != nil {
					return nil, err
				}
				continue
			}
		}
		return resp, nil
	}
}

func (t *transport) logRetry(ctx context.Context, attempt int, wait time.Duration, key string, why any) {
	if t.log == nil {
		return
	}
	if e, ok := why.(error); ok {
		why = e.Error()
	}
	t.log.LogAttrs(ctx, slog.LevelInfo, "portone: retrying", slog.String("operation", OperationID(ctx)),
		slog.Int("retry", attempt+1), slog.Duration("wait", wait), slog.Any(key, why))
}

// renew drops the token that got a 401, fetches another and returns the
// request to send again, or nil when the body cannot be sent twice.
func (t *transport) renew(req *http.Request) (*http.Request, error) {
	t.tokens.invalidate(req.Header.Get("Authorization"))
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return nil, nil
	}
	auth, err := t.tokens.header(req.Context())
	if err != nil {
		return nil, &renewError{cause: err}
	}
	again, err := replay(req)
	if err != nil {
		return nil, err
	}
	again.Header.Set("Authorization", auth)
	return again, nil
}

// replay copies req with a fresh body.
func replay(req *http.Request) (*http.Request, error) {
	again := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		again.Body = body
	}
	return again, nil
}

func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff is the wait before retry number attempt+1: exponential, capped,
// with "equal jitter" (half fixed, half random) so that clients that failed
// together do not come back together.
func (p retryPolicy) backoff(attempt int) time.Duration {
	d := p.cap
	if attempt < 30 && p.base<<attempt < p.cap {
		d = p.base << attempt
	}
	half := d / 2
	return half + rand.N(half+1)
}

// after is the wait before retrying an answer: its Retry-After when it has
// one (false if that is longer than the policy accepts), backoff otherwise.
func (p retryPolicy) after(resp *http.Response, attempt int) (time.Duration, bool) {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return p.backoff(attempt), true
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = time.Until(at)
	} else {
		return p.backoff(attempt), true
	}
	if d < 0 {
		d = 0
	}
	return d, d <= p.maxAfter
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notSent reports whether err shows the request never left: the connection
// could not even be opened.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// bufferedBody is a response body already read into memory, so that a
// connection dropped halfway through an answer counts as a connection
// error (retried for GET) and decoding needs no second copy.
type bufferedBody struct {
	bytes.Reader
	data []byte
}

func (*bufferedBody) Close() error { return nil }

func bufferBody(resp *http.Response) error {
	defer resp.Body.Close()
	r := io.LimitReader(resp.Body, maxBody+1)
	var buf []byte
	var err error
	if n := resp.ContentLength; n >= 0 && n < maxBody {
		// Known size: one allocation (+1 to see EOF without growing).
		buf = make([]byte, n, n+1)
		if _, err = io.ReadFull(r, buf); err == nil {
			var k int
			k, err = r.Read(buf[n : n+1])
			if err == io.EOF {
				err = nil
			} else if err == nil {
				// Longer than announced: keep reading.
				var rest []byte
				rest, err = io.ReadAll(r)
				buf = append(buf[:n+int64(k)], rest...)
			}
		}
	} else {
		buf, err = io.ReadAll(r)
	}
	if err != nil {
		return err
	}
	if len(buf) > maxBody {
		return fmt.Errorf("answer larger than %d bytes", maxBody)
	}
	b := &bufferedBody{data: buf}
	b.Reset(buf)
	resp.Body = b
	return nil
}

// readBody returns the bytes of a body read by bufferBody, or reads it.
func readBody(resp *http.Response) ([]byte, error) {
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data, nil
	}
	if err := bufferBody(resp); err != nil {
		return nil, err
	}
	return resp.Body.(*bufferedBody).data, nil
}
