package wrapper_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// Credentials of the fake API. The tests check that neither these nor the
// tokens it issues show up in errors or formatted values.
const (
	testKey    = "test_imp_key"
	testSecret = "s3cr3t-imp-secret-0123456789"
)

// fakeAPI is a PortOne stand-in for the wrapper's tests: getToken with the
// documented token rules on an adjustable server clock, bearer checks, and
// whatever routes a test adds. It counts requests per route.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server
	mux *http.ServeMux

	mu        sync.Mutex
	clock     func() time.Time // the server's clock
	token     string
	expiresAt int64 // server clock, UNIX seconds
	serial    int
	revoked   bool // answer 401 to every bearer call
	noExtend  bool // do not extend in the last minute

	tokenCalls atomic.Int64
	tokenDelay time.Duration
	tokenGate  chan struct{}       // when set, getToken waits for it to close
	tokenFails atomic.Int64        // getToken answers 503 while this is above 0
	hits       sync.Map            // pattern -> *atomic.Int64
	tiers      sync.Map            // the last Tier header value seen, by route
	bodies     map[string][]string // request bodies, by route
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{t: t, mux: http.NewServeMux(), clock: time.Now}
	f.mux.HandleFunc("POST /users/getToken", f.getToken)
	f.srv = httptest.NewServer(f.mux)
	t.Cleanup(f.srv.Close)
	return f
}

// client returns a wrapper client of the fake API with fast retries.
func (f *fakeAPI) client(cfg wrapper.Config) *wrapper.Client {
	f.t.Helper()
	cfg.BaseURL = f.srv.URL
	if cfg.AccessToken == "" {
		cfg.APIKey, cfg.APISecret = testKey, testSecret
	}
	c, err := wrapper.New(cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	wrapper.SetFastRetries(c)
	return c
}

func (f *fakeAPI) count(pattern string) int64 {
	v, _ := f.hits.LoadOrStore(pattern, new(atomic.Int64))
	return v.(*atomic.Int64).Load()
}

// handle adds a route that requires the current bearer token.
func (f *fakeAPI) handle(pattern string, h http.HandlerFunc) {
	f.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		v, _ := f.hits.LoadOrStore(pattern, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
		f.tiers.Store(pattern, r.Header.Get("Tier"))
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		f.mu.Lock()
		if f.bodies == nil {
			f.bodies = map[string][]string{}
		}
		f.bodies[pattern] = append(f.bodies[pattern], string(body))
		ok := !f.revoked && f.token != "" && r.Header.Get("Authorization") == "Bearer "+f.token &&
			f.clock().Unix() < f.expiresAt
		f.mu.Unlock()
		if !ok {
			writeJSON(w, http.StatusUnauthorized, `{"code":-1,"message":"Unauthorized","response":null}`)
			return
		}
		h(w, r)
	})
}

// getToken follows the documented rules: a valid token is handed back as
// is, extended by 5 minutes in its last minute; otherwise a new one lives
// 30 minutes.
func (f *fakeAPI) getToken(w http.ResponseWriter, r *http.Request) {
	f.tokenCalls.Add(1)
	f.tiers.Store("POST /users/getToken", r.Header.Get("Tier"))
	if f.tokenFails.Add(-1) >= 0 {
		writeJSON(w, http.StatusServiceUnavailable, `{"code":-1,"message":"busy","response":null}`)
		return
	}
	if f.tokenGate != nil {
		<-f.tokenGate
	}
	time.Sleep(f.tokenDelay)
	var req struct {
		Key    string `json:"imp_key"`
		Secret string `json:"imp_secret"`
	}
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &req) != nil || req.Key != testKey || req.Secret != testSecret {
		writeJSON(w, http.StatusUnauthorized, `{"code":-1,"message":"imp_key, imp_secret 인증에 실패하였습니다.","response":null}`)
		return
	}
	f.mu.Lock()
	now := f.clock().Unix()
	switch {
	case f.token == "" || now >= f.expiresAt || f.revoked:
		f.serial++
		f.token = fmt.Sprintf("tok%04d5c1c378a5b862336f71d744c084e", f.serial)
		f.expiresAt = now + 1800
		f.revoked = false
	case f.expiresAt-now < 60 && !f.noExtend:
		f.expiresAt += 300
	}
	out := fmt.Sprintf(`{"code":0,"message":null,"response":{"access_token":%q,"now":%d,"expired_at":%d}}`, f.token, now, f.expiresAt)
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeAPI) currentToken() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.token
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// recorded returns the response body of a recording in contract_tests.
func recorded(t testing.TB, prefix string) string {
	t.Helper()
	in, err := contracttests.Recording(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return string(in.Response.Body)
}

// recordedPayment returns the payment object of recording 011.
func recordedPayment(t testing.TB) json.RawMessage {
	var env struct {
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal([]byte(recorded(t, "011")), &env); err != nil {
		t.Fatal(err)
	}
	return env.Response
}

// startedFake is a portone-fake (the real one, not fakeAPI's scripted
// handlers) for t, closed when t ends.
func startedFake(t *testing.T) *fake.Server {
	t.Helper()
	srv, err := fake.Start(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}
