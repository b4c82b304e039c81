package fake

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/portone-community/portone-v1-go/fake/internal/api"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/openapi"
)

// Credentials the fake accepts when Config leaves them empty. They are
// obviously not real secrets, so they can sit in examples and READMEs.
const (
	DefaultAPIKey    = "fake_imp_key"
	DefaultAPISecret = "fake_imp_secret"
)

// Config sets up a fake server. The zero value is ready to use.
type Config struct {
	// APIKey and APISecret are the only credentials getToken accepts.
	// Empty means DefaultAPIKey / DefaultAPISecret.
	APIKey    string
	APISecret string

	// Now is the base clock; nil means time.Now. Advance moves the fake's
	// clock forward from it, so a fixed function gives reproducible
	// timestamps.
	Now func() time.Time

	// WebhookClient posts webhooks to notice_url; nil means a client with a
	// 5-second timeout.
	WebhookClient *http.Client

	// Addr is where Start listens (host:port). Empty means a free port on
	// 127.0.0.1, chosen by the system.
	Addr string

	// UserCode is the merchant identification code (가맹점 식별코드) the
	// browser SDK's IMP.init must name; empty means DefaultUserCode.
	UserCode string

	// Tiers are the sub-merchants GET /tiers/{tier_code} knows (more can be
	// added with POST /__fake/tiers).
	Tiers []generated.Tier

	// PgSettings is what GET /users/pg lists; nil means DefaultPgSettings
	// (PUT /__fake/pg-settings replaces it).
	PgSettings []generated.PgSetting
}

// spec is the parsed, validated spec and its router. Parsing and
// validating take tens of milliseconds (hundreds under -race), so it is
// done once per process and shared: neither is ever written after
// loadSpec, and kin-openapi's router and validator only read them.
type spec struct {
	doc    *openapi3.T
	router routers.Router
}

var loadSpec = sync.OnceValues(func() (spec, error) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		return spec{}, err
	}
	// The spec names api.iamport.kr as its only server; the fake answers on
	// whatever host it listens, so routes are matched on the path alone.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return spec{}, fmt.Errorf("fake: route the spec: %w", err)
	}
	return spec{doc: doc, router: router}, nil
})

// Server is one fake PortOne V1 API with its own state. Its methods are
// safe for concurrent use.
type Server struct {
	apiKey, apiSecret string
	userCode          string

	clock    *clock
	tokens   *tokenStore
	store    *store
	faults   *faultQueue
	webhooks *notifier
	merchant *merchantSettings
	benepia  *benepiaAccounts
	payco    *paycoOrders
	kcp      *kcpQuick

	doc        *openapi3.T
	specRouter routers.Router
	api        http.Handler
	controls   http.Handler

	listener *httptest.Server
}

// New builds a fake server without listening; serve Handler yourself, or
// use Start.
func New(cfg Config) (*Server, error) {
	sp, err := loadSpec()
	if err != nil {
		return nil, err
	}
	doc, specRouter := sp.doc, sp.router
	s := &Server{
		apiKey:     cmp.Or(cfg.APIKey, DefaultAPIKey),
		apiSecret:  cmp.Or(cfg.APISecret, DefaultAPISecret),
		userCode:   cmp.Or(cfg.UserCode, DefaultUserCode),
		clock:      newClock(cfg.Now),
		doc:        doc,
		specRouter: specRouter,
		faults:     newFaultQueue(),
		webhooks:   newNotifier(cfg.WebhookClient),
		merchant:   newMerchantSettings(cfg.Tiers, cfg.PgSettings),
		benepia:    newBenepiaAccounts(),
		payco:      newPaycoOrders(),
		kcp:        newKcpQuick(),
	}
	s.webhooks.now = s.clock.now
	s.tokens = newTokenStore(s.clock)
	s.store = newStore(s.clock, s.webhooks)
	s.api = api.HandlerWithOptions(&handlers{s: s}, api.ChiServerOptions{
		ErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid request: "+err.Error())
		},
	})
	s.controls = s.controlRoutes()
	return s, nil
}

// Start builds a fake server and serves it on cfg.Addr (a free local port
// when empty) until Close.
func Start(cfg Config) (*Server, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Addr == "" {
		ts := httptest.NewUnstartedServer(nil)
		ts.Config = s.NewHTTPServer()
		ts.Listener = EnvelopeListener(ts.Listener)
		ts.Start()
		s.listener = ts
		return s, nil
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("fake: listen on %s: %w", cfg.Addr, err)
	}
	s.listener = &httptest.Server{Listener: EnvelopeListener(ln), Config: s.NewHTTPServer()}
	s.listener.Start()
	return s, nil
}

// URL is the base URL of a started server, e.g. http://127.0.0.1:41234,
// to use in place of https://api.iamport.kr.
func (s *Server) URL() string {
	if s.listener == nil {
		return ""
	}
	return s.listener.URL
}

// Close stops a started server and waits for webhooks in flight; no
// webhook is sent after it.
func (s *Server) Close() {
	if s.listener != nil {
		s.listener.Close()
	}
	s.webhooks.wait()
}

// APIKey is the REST API key getToken accepts.
func (s *Server) APIKey() string { return s.apiKey }

// APISecret is the REST API secret getToken accepts.
func (s *Server) APISecret() string { return s.apiSecret }

// Now is the fake's current time.
func (s *Server) Now() time.Time { return s.clock.now() }

// Advance moves the fake's clock forward (tokens age, schedules fall due)
// and returns the new time. Negative durations are ignored: the clock
// never goes back.
func (s *Server) Advance(d time.Duration) time.Time {
	now := s.clock.advance(d)
	s.store.runDueSchedules()
	return now
}

// Webhooks lists the latest webhooks sent (up to 200), oldest first, with
// their answers.
func (s *Server) Webhooks() []WebhookDelivery { return s.webhooks.deliveries() }

// Handler serves the V1 API, the browser SDK (/v1/iamport.js), and the
// /__fake/ controls, payment window and dashboard. Every API and control
// answer is a V1 envelope; bodies over maxBodyBytes get 413.
//
// This is the one routing place of the fake: a route outside the spec
// (SDK, controls, pages) is dispatched here before serveAPI, whose route
// miss (notFound) is the fallback for everything else.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer recoverAsEnvelope(w)
		if !readBody(w, r) {
			return
		}
		switch {
		case r.URL.Path == sdkPath:
			serveSDK(w, r)
		case strings.HasPrefix(r.URL.Path, controlPrefix+"/"):
			s.controls.ServeHTTP(w, r)
		default:
			s.serveAPI(w, r)
		}
	})
}
