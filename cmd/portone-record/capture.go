package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// exchange is one request and its response as seen on the wire.
type exchange struct {
	method, path string
	query        map[string]string
	status       int
	body         []byte
}

// captureTransport records every exchange and refuses any request that
// could change state: only GETs and POST /users/getToken go out. It is
// independent of the client on top, so the recorder can move from the
// generated client to the wrapper without touching it.
type captureTransport struct {
	next http.RoundTripper

	mu        sync.Mutex
	exchanges []exchange
}

// errNotReadOnly is returned, before anything is sent, for a request the
// recorder must never make.
type errNotReadOnly struct{ method, path string }

func (e errNotReadOnly) Error() string {
	return fmt.Sprintf("portone-record is read-only: refusing %s %s", e.method, e.path)
}

func readOnly(r *http.Request) bool {
	return r.Method == http.MethodGet || (r.Method == http.MethodPost && r.URL.Path == "/users/getToken")
}

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if !readOnly(r) {
		return nil, errNotReadOnly{r.Method, r.URL.Path}
	}
	resp, err := c.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	q := map[string]string{}
	for k, v := range r.URL.Query() {
		q[k] = v[0]
	}
	c.mu.Lock()
	c.exchanges = append(c.exchanges, exchange{r.Method, r.URL.Path, q, resp.StatusCode, body})
	c.mu.Unlock()
	return resp, nil
}

func (c *captureTransport) taken() []exchange {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]exchange(nil), c.exchanges...)
}
