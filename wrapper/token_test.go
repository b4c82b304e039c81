package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

// fakeClock is a clock tests move by hand, shared by the fake server and
// the client under test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestColdClientMakesOneGetToken(t *testing.T) {
	f := newFakeAPI(t)
	f.tokenDelay = 50 * time.Millisecond // keep the first request in flight while the others arrive
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	c := f.client(wrapper.Config{})

	const n = 1000
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := c.GetPaymentByImpUID(context.Background(), "imp_088022300265", nil)
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := f.tokenCalls.Load(); got != 1 {
		t.Fatalf("%d concurrent calls on a cold client made %d getToken requests, want 1", n, got)
	}
	if got := f.count("GET /payments/{imp_uid}"); got != n {
		t.Fatalf("%d lookups reached the server, want %d", got, n)
	}
}

func TestTokenWaitersHonourContext(t *testing.T) {
	f := newFakeAPI(t)
	f.tokenGate = make(chan struct{})
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	c := f.client(wrapper.Config{})

	// A patient caller starts the token request and waits for it.
	patient := make(chan error, 1)
	go func() {
		_, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
		patient <- err
	}()
	for f.tokenCalls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// An impatient one gives up when its context does, while the token
	// request is still stuck.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.GetPaymentByImpUID(ctx, "imp_1", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("impatient caller: err = %v, want context.DeadlineExceeded", err)
	}
	close(f.tokenGate)
	if err := <-patient; err != nil {
		t.Fatalf("patient caller: %v", err)
	}
	if f.tokenCalls.Load() != 1 {
		t.Fatalf("getToken called %d times, want 1", f.tokenCalls.Load())
	}
}

// The token's life is computed from the server's now and expired_at, so a
// server clock hours away from the local one changes nothing.
func TestClockSkew(t *testing.T) {
	for _, skew := range []time.Duration{-2 * time.Hour, 2 * time.Hour, 0} {
		t.Run(skew.String(), func(t *testing.T) {
			f := newFakeAPI(t)
			f.clock = func() time.Time { return time.Now().Add(skew) }
			payment := recorded(t, "011")
			f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
			c := f.client(wrapper.Config{})
			for range 5 {
				if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
					t.Fatal(err)
				}
			}
			if n := f.tokenCalls.Load(); n != 1 {
				t.Fatalf("5 calls made %d getToken requests, want 1", n)
			}
			left := time.Until(wrapper.TokenExpiry(c))
			if left < 29*time.Minute || left > 30*time.Minute {
				t.Fatalf("token expires in %v by the local clock, want about 30m", left)
			}
		})
	}
}

// clockedAPI returns a fake server and a client that share a hand-moved
// clock.
func clockedAPI(t *testing.T) (*fakeAPI, *wrapper.Client, *fakeClock) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	f := newFakeAPI(t)
	f.clock = clock.Now
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	c := f.client(wrapper.Config{})
	wrapper.SetClock(c, clock.Now)
	return f, c, clock
}

func lookup(t *testing.T, c *wrapper.Client) {
	t.Helper()
	if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
		t.Fatal(err)
	}
}

func TestProactiveRefresh(t *testing.T) {
	f, c, clock := clockedAPI(t)
	lookup(t, c)
	first := f.currentToken()
	expiry := wrapper.TokenExpiry(c)

	// Until its last minute the token is used as it is.
	clock.Advance(28 * time.Minute)
	lookup(t, c)
	if n := f.tokenCalls.Load(); n != 1 {
		t.Fatalf("getToken count %d after 28 min, want 1", n)
	}

	// In its last minute a call renews it in the background, without
	// waiting; the server extends the same token by 5 minutes.
	clock.Advance(90 * time.Second) // 30 s left
	lookup(t, c)
	wrapper.WaitTokenIdle(c)
	if n := f.tokenCalls.Load(); n != 2 {
		t.Fatalf("getToken count %d in the last minute, want 2", n)
	}
	if got := wrapper.TokenExpiry(c).Sub(expiry); got != 5*time.Minute {
		t.Fatalf("expiry moved by %v, want 5m", got)
	}
	for range 10 {
		lookup(t, c)
	}
	if n := f.tokenCalls.Load(); n != 2 {
		t.Fatalf("getToken count %d after the extension, want still 2", n)
	}
	if f.currentToken() != first {
		t.Fatal("the fake server issued a new token instead of extending")
	}

	// Once it has expired, the next call waits for a new token.
	clock.Advance(10 * time.Minute)
	lookup(t, c)
	if n := f.tokenCalls.Load(); n != 3 || f.currentToken() == first {
		t.Fatalf("after expiry: getToken count %d, token changed %v; want 3 and a new token", n, f.currentToken() != first)
	}
}

// A server that hands back the same token and expiry must not be asked on
// every call.
func TestNoRefreshStorm(t *testing.T) {
	f, c, clock := clockedAPI(t)
	f.noExtend = true
	lookup(t, c)
	clock.Advance(29*time.Minute + 20*time.Second) // 40 s left
	for range 100 {
		lookup(t, c)
		wrapper.WaitTokenIdle(c)
	}
	if n := f.tokenCalls.Load(); n != 2 {
		t.Fatalf("100 calls near expiry made %d getToken requests in all, want 2", n)
	}
	// Asking again is allowed once the quiet period is over.
	clock.Advance(11 * time.Second)
	lookup(t, c)
	wrapper.WaitTokenIdle(c)
	if n := f.tokenCalls.Load(); n != 3 {
		t.Fatalf("getToken count %d after the quiet period, want 3", n)
	}
	// Past expiry a new token is fetched.
	clock.Advance(time.Minute)
	lookup(t, c)
	if n := f.tokenCalls.Load(); n != 4 {
		t.Fatalf("getToken count %d after expiry, want 4", n)
	}
}

func Test401RenewsTokenAndRetriesOnce(t *testing.T) {
	f := newFakeAPI(t)
	cancelled := recorded(t, "024")
	f.handle("POST /payments/cancel", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, cancelled) })
	c := f.client(wrapper.Config{})
	lookupToken, err := wrapper.TokenHeader(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	// The server forgets the token (as after its expiry).
	f.mu.Lock()
	f.revoked = true
	f.mu.Unlock()

	amount, checksum := 100.0, 100.0
	p, err := c.CancelPayment(context.Background(), generated.CancelPaymentRequest{ImpUID: new("imp_803037736674"), Amount: &amount, Checksum: &checksum})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != generated.PaymentStatusCancelled {
		t.Fatalf("status %q", p.Status)
	}
	if n := f.count("POST /payments/cancel"); n != 2 {
		t.Fatalf("cancel reached the server %d times, want 2 (refused with 401, then accepted)", n)
	}
	bodies := f.bodies["POST /payments/cancel"]
	if len(bodies) != 2 || bodies[0] != bodies[1] || bodies[0] == "" {
		t.Fatalf("replayed body differs from the first: %q", bodies)
	}
	if n := f.tokenCalls.Load(); n != 2 {
		t.Fatalf("getToken count %d, want 2", n)
	}
	now, _ := wrapper.TokenHeader(context.Background(), c)
	if now == lookupToken {
		t.Fatal("the refused token is still in use")
	}
}

func Test401TwiceIsAnAPIError(t *testing.T) {
	f := newFakeAPI(t)
	var sent atomic.Int64
	f.mux.HandleFunc("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		writeJSON(w, http.StatusUnauthorized, `{"code":-1,"message":"Unauthorized","response":null}`)
	})
	c := f.client(wrapper.Config{})
	_, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 || apiErr.Code != -1 {
		t.Fatalf("err = %v, want an *APIError with 401", err)
	}
	if n := sent.Load(); n != 2 {
		t.Fatalf("the lookup was sent %d times, want 2 (no loop)", n)
	}
	if n := f.tokenCalls.Load(); n != 2 {
		t.Fatalf("getToken count %d, want 2", n)
	}
}

func TestBadCredentials(t *testing.T) {
	f := newFakeAPI(t)
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) {})
	c, err := wrapper.New(wrapper.Config{APIKey: testKey, APISecret: "wrong", BaseURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
	var apiErr *wrapper.APIError
	if !errors.As(err, &apiErr) || apiErr.Operation != "getToken" || apiErr.HTTPStatus != 401 {
		t.Fatalf("err = %v, want the getToken *APIError", err)
	}
	if f.count("GET /payments/{imp_uid}") != 0 {
		t.Fatal("the lookup was sent without a token")
	}
}

// Many calls refused at once with the same dead token renew it once.
func TestConcurrent401sRenewOnce(t *testing.T) {
	f := newFakeAPI(t)
	f.tokenDelay = 20 * time.Millisecond
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	c := f.client(wrapper.Config{})
	lookup(t, c)
	f.mu.Lock()
	f.revoked = true
	f.mu.Unlock()

	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Fatalf("getToken count %d after %d simultaneous 401s, want 2 (first token, one renewal)", got, n)
	}
}
