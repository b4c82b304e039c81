package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Limits that keep one fake (often a shared CI or dev service) standing
// under bad or hostile input. No V1 request comes near them: the largest,
// a schedule of a few hundred payments, is a few hundred KB.
const (
	// maxBodyBytes caps a request body; a larger one gets 413.
	maxBodyBytes = 1 << 20
	// maxHeaderBytes caps the request line and headers; net/http answers
	// a larger request itself, which envelopeConn turns into an envelope.
	maxHeaderBytes = 64 << 10

	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 60 * time.Second
	// No write timeout: a fault's latency_ms may hold an answer for as
	// long as a test wants.
)

// NewHTTPServer is an http.Server for Handler with the fake's limits:
// header, read and idle timeouts and the header size cap. Serve it on
// EnvelopeListener(ln) so that even the answers net/http writes before
// any handler runs (oversized headers, malformed requests) are envelopes.
func (s *Server) NewHTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// readBody reads the whole body up to maxBodyBytes and puts it back for
// the validator and the handler. A larger body answers 413 and false.
func readBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	if r.ContentLength > maxBodyBytes {
		writeError(w, http.StatusRequestEntityTooLarge, codeFailure, msgBodyTooLarge)
		return false
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeError(w, http.StatusRequestEntityTooLarge, codeFailure, msgBodyTooLarge)
		} else {
			writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: cannot read the body: "+err.Error())
		}
		return false
	}
	if depth := jsonDepth(raw); depth > maxJSONDepth && !isForm(r) {
		writeError(w, http.StatusBadRequest, codeFailure,
			fmt.Sprintf("portone-fake: body nested %d levels deep, more than %d", depth, maxJSONDepth))
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return true
}

// isForm tells a form body (urlencoded or multipart), whose brackets are
// key syntax (form.go).
func isForm(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == formContentType || mt == multipartContentType
}

// maxJSONDepth: V1 bodies nest four levels at most (schedules[].extra.x);
// anything deeper is refused before the decoder and the schema validator
// build a tree of it (a 1 MB body of 20 KB nests cost 130 MB to validate).
const maxJSONDepth = 32

// jsonDepth is the deepest nesting of objects and arrays in raw, strings
// skipped; it reads any bytes (form bodies are left to isForm).
func jsonDepth(raw []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range raw {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

var msgBodyTooLarge = fmt.Sprintf("portone-fake: request body over %d bytes", maxBodyBytes)

// EnvelopeListener wraps ln so that the plain-text answers net/http writes
// straight to the connection, before any handler (431 for oversized
// headers, 400 for a malformed request line, 501 for an unknown transfer
// encoding), go out as V1 envelopes with the same status.
func EnvelopeListener(ln net.Listener) net.Listener { return envelopeListener{ln} }

type envelopeListener struct{ net.Listener }

func (l envelopeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return envelopeConn{c}, nil
}

type envelopeConn struct{ net.Conn }

// goErrorHeaders is how net/http's early error answers end their headers
// (net/http server.go); the fake's own answers are never text/plain.
const goErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

func (c envelopeConn) Write(p []byte) (int, error) {
	status, text, ok := parseGoError(p)
	if !ok {
		return c.Conn.Write(p)
	}
	body, _ := json.Marshal(envelope{Code: codeFailure, Message: new("portone-fake: " + text)})
	var out bytes.Buffer
	fmt.Fprintf(&out, "HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\nContent-Length: %d\r\n\r\n",
		status, http.StatusText(status), len(body))
	out.Write(body)
	if _, err := c.Conn.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// parseGoError recognises "HTTP/1.1 431 ...<goErrorHeaders><text>".
func parseGoError(p []byte) (status int, text string, ok bool) {
	const proto = "HTTP/1.1 "
	if !bytes.HasPrefix(p, []byte(proto)) || len(p) < len(proto)+3 {
		return 0, "", false
	}
	i := bytes.Index(p, []byte(goErrorHeaders))
	if i < 0 {
		return 0, "", false
	}
	status, err := strconv.Atoi(string(p[len(proto) : len(proto)+3]))
	if err != nil || status < 400 {
		return 0, "", false
	}
	return status, string(p[i+len(goErrorHeaders):]), true
}
