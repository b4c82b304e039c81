package wrapper

import (
	"context"
	"net/http"
	"time"
)

// Hooks for the black-box tests (package wrapper_test), which can import
// contract_tests without an import cycle.

// SetFastRetries shortens the backoff of c's GET retries to milliseconds.
func SetFastRetries(c *Client) {
	for _, d := range []any{c.api.Client, c.anon.Client} {
		tr := d.(*transport)
		tr.retry.base, tr.retry.cap = time.Millisecond, 5*time.Millisecond
	}
}

// SetClock makes c's token bookkeeping read now instead of time.Now.
func SetClock(c *Client, now func() time.Time) { c.tokens.now = now }

// WaitTokenIdle waits for a background token renewal of c to finish.
func WaitTokenIdle(c *Client) {
	s := c.tokens
	s.mu.Lock()
	f := s.flight
	s.mu.Unlock()
	if f != nil {
		<-f.done
	}
}

// TokenExpiry returns the local expiry c computed for its token.
func TokenExpiry(c *Client) time.Time {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	if c.tokens.cur == nil {
		return time.Time{}
	}
	return c.tokens.cur.expiresAt
}

// TokenHeader returns the Authorization header c would send now.
func TokenHeader(ctx context.Context, c *Client) (string, error) { return c.tokens.header(ctx) }

// TokenValue returns c's cached token state as a value of its own type,
// for the redaction tests.
func TokenValue(c *Client) any {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	if c.tokens.cur == nil {
		return nil
	}
	return *c.tokens.cur
}

// TokenSource returns c's token source, for the redaction tests.
func TokenSource(c *Client) any { return c.tokens }

// Decode is the envelope decoding of every generated method.
func Decode[T any](status int, body []byte) (T, error) {
	return decode[T](&operation{ID: "fuzz", Method: http.MethodGet, Path: "/fuzz"}, status, body)
}

// Operation is what the generated code records about one operation.
type Operation struct{ GoName, Method, Path string }

// Operations lists the operations the generated methods cover, by
// operationId.
func Operations() map[string]Operation {
	out := map[string]Operation{}
	for _, op := range operations {
		out[op.ID] = Operation{op.GoName, op.Method, op.Path}
	}
	return out
}
