package fake

import (
	"cmp"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/portone-community/portone-v1-go/generated"
)

// The fake's own page, /__fake/ in a browser: what the fake holds and the
// webhooks it sent, with buttons for the controls. Server-rendered HTML
// with plain forms (each posts, then redirects back), so no build step and
// no script.

var dashboardTemplate = template.Must(template.New("dashboard.html").Funcs(template.FuncMap{
	"money": formatMoney,
	"when": func(unix int64) string {
		if unix == 0 {
			return ""
		}
		return time.Unix(unix, 0).In(kst).Format("2006-01-02 15:04:05")
	},
	"deref": func(p *string) string { return deref(p) },
}).ParseFS(assets, "assets/dashboard.html"))

type dashboardData struct {
	Now         time.Time
	UserCode    string
	Payments    []generated.Payment
	BillingKeys []generated.BillingKeyCustomer
	Schedules   []generated.Schedule
	Webhooks    []WebhookDelivery
	NaverOrders []dashboardNaverOrder
	Operations  []string
	Flash       string
}

// dashboardPayments is how many payments the dashboard shows: the newest,
// so that the page costs the same with a hundred thousand payments.
const dashboardPayments = 200

// getDashboard renders /__fake/ (newest payments first).
func (s *Server) getDashboard(w http.ResponseWriter, r *http.Request) {
	d := dashboardData{Now: s.clock.now().In(kst), UserCode: s.userCode, Flash: r.URL.Query().Get("flash")}
	d.Payments = s.store.newest(dashboardPayments)
	d.NaverOrders = s.store.naverDashboard(d.Payments, s.clock.unix())
	st := s.store
	st.mu.RLock()
	for _, k := range st.billingKeys {
		d.BillingKeys = append(d.BillingKeys, *k)
	}
	// The latest schedules only, like the payments.
	for _, sc := range st.scheduleSeq[max(0, len(st.scheduleSeq)-dashboardPayments):] {
		d.Schedules = append(d.Schedules, sc.s)
	}
	st.mu.RUnlock()
	slices.Reverse(d.Schedules)
	// Billing keys have no order of creation in the store: the newest
	// registrations first, at most as many as payments.
	slices.SortFunc(d.BillingKeys, func(a, b generated.BillingKeyCustomer) int {
		return cmp.Or(cmp.Compare(b.Inserted, a.Inserted), cmp.Compare(a.CustomerUID, b.CustomerUID))
	})
	d.BillingKeys = d.BillingKeys[:min(len(d.BillingKeys), dashboardPayments)]
	d.Webhooks = s.webhooks.deliveries()
	slices.Reverse(d.Webhooks)
	for _, op := range s.doc.Paths.Map() {
		for _, o := range op.Operations() {
			d.Operations = append(d.Operations, o.OperationID)
		}
	}
	slices.Sort(d.Operations)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := dashboardTemplate.Execute(w, d); err != nil {
		// Headers are gone; the page ends where the error happened.
		_, _ = w.Write([]byte("<p>portone-fake: render: " + template.HTMLEscapeString(err.Error()) + "</p>"))
	}
}

// backToDashboard answers a dashboard form: 303 to /__fake/ with a line
// saying what happened.
func backToDashboard(w http.ResponseWriter, r *http.Request, flash string) {
	http.Redirect(w, r, controlPrefix+"/?flash="+template.URLQueryEscaper(flash), http.StatusSeeOther)
}

func parseDashboardForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxWindowBody)
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid form: "+err.Error())
		return false
	}
	return true
}

func (s *Server) uiClock(w http.ResponseWriter, r *http.Request) {
	if !parseDashboardForm(w, r) {
		return
	}
	secs, err := strconv.ParseInt(r.PostForm.Get("advance_seconds"), 10, 64)
	if err != nil || secs < 0 || secs > 10*365*24*3600 {
		backToDashboard(w, r, "advance_seconds must be a whole number of seconds between 0 and ten years")
		return
	}
	now := s.Advance(time.Duration(secs) * time.Second)
	backToDashboard(w, r, "clock moved to "+now.In(kst).Format(time.DateTime))
}

func (s *Server) uiDeposit(w http.ResponseWriter, r *http.Request) {
	if !parseDashboardForm(w, r) {
		return
	}
	id := r.PostForm.Get("imp_uid")
	_, err := s.Deposit(id)
	switch {
	case errors.Is(err, errNoPayment):
		backToDashboard(w, r, "no payment "+id)
	case err != nil:
		backToDashboard(w, r, err.Error())
	default:
		backToDashboard(w, r, "deposited "+id)
	}
}

func (s *Server) uiFault(w http.ResponseWriter, r *http.Request) {
	if !parseDashboardForm(w, r) {
		return
	}
	f := Fault{Operation: r.PostForm.Get("operation"), Message: r.PostForm.Get("message")}
	var err error
	if f.Count, err = strconv.Atoi(cmp.Or(r.PostForm.Get("count"), "1")); err != nil {
		backToDashboard(w, r, "count must be a number")
		return
	}
	if f.Status, err = strconv.Atoi(cmp.Or(r.PostForm.Get("status"), "0")); err != nil {
		backToDashboard(w, r, "status must be a number")
		return
	}
	ms, err := strconv.Atoi(cmp.Or(r.PostForm.Get("latency_ms"), "0"))
	if err != nil || ms < 0 {
		backToDashboard(w, r, "latency_ms must be a number >= 0")
		return
	}
	f.Latency = time.Duration(ms) * time.Millisecond
	if err := s.InjectFault(f); err != nil {
		backToDashboard(w, r, err.Error())
		return
	}
	backToDashboard(w, r, "fault queued for "+f.Operation)
}

func (s *Server) uiClearFaults(w http.ResponseWriter, r *http.Request) {
	s.ClearFaults()
	backToDashboard(w, r, "faults cleared")
}
