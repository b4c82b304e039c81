package fake

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/portone-community/portone-v1-go/generated"
)

// controlPrefix roots the fake-only routes. They are not in the public
// spec, answer in the same envelope as the API, and need no token.
const controlPrefix = "/__fake"

func (s *Server) controlRoutes() http.Handler {
	r := chi.NewRouter()
	r.Route(controlPrefix, func(r chi.Router) {
		r.Get("/clock", s.getClock)
		r.Post("/clock", s.postClock)
		r.Post("/payments", s.postPayment)
		r.Post("/vbanks/{imp_uid}/deposit", s.postDeposit)
		r.Post("/faults", s.postFault)
		r.Delete("/faults", s.deleteFaults)

		// For browsers: the payment window the SDK opens, and the dashboard
		// with form versions of the controls above.
		r.Get("/window", s.getWindow)
		r.Post("/window", s.postWindow)
		r.Get("/", s.getDashboard)
		r.Post("/ui/clock", s.uiClock)
		r.Post("/ui/deposit", s.uiDeposit)
		r.Post("/ui/faults", s.uiFault)
		r.Post("/ui/faults/clear", s.uiClearFaults)
		r.Post("/ui/naver", s.uiNaver)
		r.Post("/tiers", s.postTier)
		r.Put("/pg-settings", s.putPgSettings)
		r.Post("/benepia", s.postBenepia)
		s.kcpControls(r)
		r.Post("/naver/product-orders/{product_order_id}/{event}", s.postNaverBuyer)
		r.Post("/naver/reviews", s.postNaverReview)
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, codeFailure, "portone-fake: no control at "+r.URL.Path)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, codeFailure, "portone-fake: method not allowed")
	})
	return r
}

type clockState struct {
	Now int64 `json:"now"`
}

func (s *Server) getClock(w http.ResponseWriter, _ *http.Request) {
	writeOK(w, clockState{Now: s.clock.unix()})
}

// postClock takes {"advance_seconds": N} and answers the new time.
func (s *Server) postClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AdvanceSeconds *int64 `json:"advance_seconds"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	if req.AdvanceSeconds == nil || *req.AdvanceSeconds < 0 {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: advance_seconds must be a number >= 0")
		return
	}
	now := s.Advance(time.Duration(*req.AdvanceSeconds) * time.Second)
	writeOK(w, clockState{Now: now.Unix()})
}

// postPayment seeds a payment object (see Seed) and answers it.
func (s *Server) postPayment(w http.ResponseWriter, r *http.Request) {
	var sd Seed
	if !decodeBody(w, r, &sd) {
		return
	}
	p, err := s.SeedPayment(sd)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, err.Error())
		return
	}
	writeOK(w, p)
}

func (s *Server) postDeposit(w http.ResponseWriter, r *http.Request) {
	p, err := s.Deposit(chi.URLParam(r, "imp_uid"))
	switch {
	case errors.Is(err, errNoPayment):
		writeError(w, http.StatusNotFound, codeFailure, msgPaymentNotFound)
	case err != nil:
		writeError(w, http.StatusBadRequest, codeFailure, err.Error())
	default:
		writeOK(w, p)
	}
}

// postFault queues a Fault; latency is given as latency_ms.
func (s *Server) postFault(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Fault
		LatencyMS int64 `json:"latency_ms"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	f := req.Fault
	f.Latency = time.Duration(req.LatencyMS) * time.Millisecond
	if err := s.InjectFault(f); err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, err.Error())
		return
	}
	writeOK(w, nil)
}

func (s *Server) deleteFaults(w http.ResponseWriter, _ *http.Request) {
	s.ClearFaults()
	writeOK(w, nil)
}

// Deposit pays a virtual account that is waiting for its deposit: the
// payment becomes paid at the fake's now, and its notice_url is told.
func (s *Server) Deposit(impUID string) (generated.Payment, error) {
	now := s.clock.unix()
	p, refusal, found := s.store.update(impUID, func(rec *record) (string, bool) {
		if rec.p.PayMethod != "vbank" || rec.p.Status != generated.PaymentStatusReady {
			return "portone-fake: only a ready vbank payment takes a deposit", false
		}
		rec.p.Status = generated.PaymentStatusPaid
		rec.p.PaidAt = now
		if rec.p.ReceiptURL == nil {
			rec.p.ReceiptURL = new("https://receipt.example/" + rec.p.ImpUID)
		}
		return "", true
	})
	switch {
	case !found:
		return generated.Payment{}, errNoPayment
	case refusal != "":
		return generated.Payment{}, errors.New(refusal)
	}
	return p, nil
}

var errNoPayment = errors.New("fake: no such payment")
