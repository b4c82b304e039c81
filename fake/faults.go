package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Fault forces the next answers of one operation, to test how a client
// copes with outages, slow answers and odd envelopes.
type Fault struct {
	// Operation is the operationId in the spec, e.g. "getPaymentByImpUid".
	Operation string `json:"operation"`
	// Count is how many answers the fault takes over; 0 means 1.
	Count int `json:"count,omitempty"`
	// Status is the HTTP status to answer. 0 leaves the answer to the
	// normal handler, which only makes sense together with Latency.
	Status int `json:"status,omitempty"`
	// Code and Message fill the envelope sent with Status: code -1 and a
	// message naming the fault when left empty.
	Code    *int   `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	// Body, when set, is sent verbatim instead of an envelope (for
	// malformed or surprising answers).
	Body json.RawMessage `json:"body,omitempty"`
	// Latency delays the answer (forced or normal).
	Latency time.Duration `json:"-"`
	// DropAnswer lets the normal handler carry the request out (a cancel
	// refunds, a payment is made) and then closes the connection without
	// an answer: the "lost answer" a client must settle without paying or
	// refunding twice. Status, Code, Message and Body are ignored.
	DropAnswer bool `json:"drop_answer,omitempty"`
}

// FaultHeader marks an answer forced by a Fault; its value is the
// operationId. The real API never sends it, so a test can tell an
// injected answer from a genuine one.
const FaultHeader = "X-Portone-Fake-Fault"

// dropAnswerMark tells serveAPI, on the request, that a DropAnswer fault
// took it.
const dropAnswerMark = "X-Portone-Fake-Drop-Answer"

// droppedAnswer swallows the handler's answer; hangUp then closes the
// connection without sending anything.
type droppedAnswer struct {
	w      http.ResponseWriter
	header http.Header
}

func (d *droppedAnswer) Header() http.Header         { return d.header }
func (d *droppedAnswer) Write(p []byte) (int, error) { return len(p), nil }
func (d *droppedAnswer) WriteHeader(int)             {}

func (d *droppedAnswer) hangUp() {
	if hj, ok := d.w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	// No way to cut the connection (HTTP/2): abort the answer instead.
	panic(http.ErrAbortHandler)
}

// faultQueue keeps, per operation, the faults still to be served, oldest
// first.
type faultQueue struct {
	mu     sync.Mutex
	byOpID map[string][]*Fault
}

func newFaultQueue() *faultQueue { return &faultQueue{byOpID: map[string][]*Fault{}} }

// InjectFault queues f for its operation; it fails for an operation the
// spec does not have.
func (s *Server) InjectFault(f Fault) error {
	if !s.hasOperation(f.Operation) {
		return fmt.Errorf("fake: no operation %q in the spec", f.Operation)
	}
	if f.Count <= 0 {
		f.Count = 1
	}
	if f.Status != 0 && (f.Status < 100 || f.Status > 599) {
		return fmt.Errorf("fake: status %d is not an HTTP status", f.Status)
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.byOpID[f.Operation] = append(s.faults.byOpID[f.Operation], &f)
	return nil
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	clear(s.faults.byOpID)
}

func (s *Server) hasOperation(opID string) bool {
	for _, item := range s.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == opID {
				return true
			}
		}
	}
	return false
}

func (q *faultQueue) take(opID string) (Fault, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	queue := q.byOpID[opID]
	if len(queue) == 0 {
		return Fault{}, false
	}
	f := *queue[0]
	queue[0].Count--
	if queue[0].Count == 0 {
		q.byOpID[opID] = queue[1:]
	}
	return f, true
}

// apply serves the next fault of opID, if any, and reports whether it
// answered the request itself.
func (q *faultQueue) apply(w http.ResponseWriter, r *http.Request, opID string) bool {
	f, ok := q.take(opID)
	if !ok {
		return false
	}
	if f.DropAnswer {
		// The handler runs on a writer that keeps nothing; then the
		// connection is cut, as if the answer was lost on the way back.
		r.Header.Set(dropAnswerMark, opID)
		return false
	}
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return true
		}
	}
	if f.Status == 0 {
		return false
	}
	w.Header().Set(FaultHeader, opID)
	if len(f.Body) > 0 {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body)
		return true
	}
	code := codeFailure
	if f.Code != nil {
		code = *f.Code
	}
	msg := f.Message
	if msg == "" {
		msg = fmt.Sprintf("portone-fake: injected fault on %s", opID)
	}
	writeError(w, f.Status, code, msg)
	return true
}
