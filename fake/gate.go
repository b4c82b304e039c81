package fake

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// serveAPI runs what every V1 request goes through before its handler, in
// the order the real API shows: route, forced faults, token, validation
// (a form body is first rewritten as the JSON body it stands for).
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	trimTrailingSlash(r)
	route, pathParams, err := s.specRouter.FindRoute(r)
	if err != nil {
		if errors.Is(err, routers.ErrMethodNotAllowed) || s.otherMethodRoutes(r) {
			writeError(w, http.StatusMethodNotAllowed, codeFailure, "portone-fake: method "+r.Method+" not allowed on "+r.URL.Path)
			return
		}
		notFound(w, r)
		return
	}
	op := route.Operation.OperationID

	s.store.runDueSchedules()

	r.Header.Del(dropAnswerMark) // only the fake sets it
	if s.faults.apply(w, r, op) {
		return
	}
	if r.Header.Get(dropAnswerMark) != "" {
		d := &droppedAnswer{w: w, header: http.Header{}}
		defer d.hangUp()
		w = d
	}
	if requiresToken(route) && !s.tokens.valid(accessToken(r)) {
		writeError(w, http.StatusUnauthorized, codeFailure, msgUnauthorized)
		return
	}
	if !formToJSON(w, r, route) || !unscheduleOneOrder(w, r, op) {
		return
	}
	err = openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			// The token was checked above, with the fake's own rules.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			// Without the schema and the value in each message, a deeply
			// nested body cannot make the error text (and the fake's
			// memory) explode.
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
		},
	})
	if err != nil {
		msg, known := knownValidationMessage(op, err)
		if !known {
			msg = "portone-fake: invalid request: " + validationMessage(err)
		}
		writeError(w, http.StatusBadRequest, codeFailure, msg)
		return
	}
	s.api.ServeHTTP(&notEmulatedWriter{ResponseWriter: w, operation: op}, r)
}

// otherMethodRoutes tells whether the path has an operation under another
// method (the legacy router reports a wrong method as no route).
func (s *Server) otherMethodRoutes(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, _, err := s.specRouter.FindRoute(probe); err == nil {
			return true
		}
	}
	return false
}

// notFound is the answer to every path that no route takes.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, codeFailure, "portone-fake: no V1 operation at "+r.URL.Path)
}

// trimTrailingSlash answers "/payments/find/{m}/" like "/payments/find/{m}":
// go-iamport (payment/payment.go) and iamporter send the any-status
// lookups with the slash, and the real API answers them.
func trimTrailingSlash(r *http.Request) {
	if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
		r.URL.Path = strings.TrimRight(p, "/")
		r.URL.RawPath = strings.TrimRight(r.URL.RawPath, "/")
		if r.URL.Path == "" {
			r.URL.Path = "/"
		}
	}
}

// recoverAsEnvelope answers a panic in a handler (a bug of the fake) with
// a 500 envelope instead of a dropped connection, so that the client under
// test sees a PortOne-shaped failure and the test sees the message.
func recoverAsEnvelope(w http.ResponseWriter) {
	if p := recover(); p != nil {
		if p == http.ErrAbortHandler { // a deliberate abort (DropAnswer)
			panic(p)
		}
		writeError(w, http.StatusInternalServerError, codeFailure, fmt.Sprintf("portone-fake: internal error: %v", p))
	}
}

// requiresToken reads the operation's security: getToken declares none.
func requiresToken(route *routers.Route) bool {
	if sec := route.Operation.Security; sec != nil {
		return len(*sec) > 0
	}
	return len(route.Spec.Security) > 0
}

func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// validationMessage keeps kin-openapi's first line: the full text repeats
// the schema, which is noise in an API answer.
func validationMessage(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// notEmulatedWriter turns the bare 501 of the generated Unimplemented
// handlers into a V1 envelope that names the operation.
type notEmulatedWriter struct {
	http.ResponseWriter
	operation string
	replaced  bool
}

func (w *notEmulatedWriter) WriteHeader(status int) {
	if status == http.StatusNotImplemented && !w.replaced {
		w.replaced = true
		writeError(w.ResponseWriter, status, codeFailure,
			fmt.Sprintf("portone-fake: operation %s is not emulated", w.operation))
		return
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *notEmulatedWriter) Write(p []byte) (int, error) {
	if w.replaced {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}
