package fake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
)

// Error codes of the V1 envelope: -1 for most failures (sent with a 4xx
// status), 1 for refusals the real API sends with HTTP 200.
const (
	codeOK      = 0
	codeFailure = -1
	codeRefused = 1
)

// envelope is the V1 answer shape, {code, message, response}, for every
// answer of the fake, success or failure, controls included.
type envelope struct {
	Code     int     `json:"code"`
	Message  *string `json:"message"`
	Response any     `json:"response"`
}

// decodeBody reads a JSON body: one the gate has already validated for
// the API, the only check for the /__fake/ controls. A failure answers an
// envelope with 400, never a 500.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: invalid JSON body: "+err.Error())
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	buf := answerBuffers.Get().(*bytes.Buffer)
	defer putAnswerBuffer(buf)
	buf.Reset()
	// The bytes of marshalAnswer (TestWriteJSONWritesMarshalAnswer), encoded
	// into a reused buffer: json.Marshal would copy every answer into a new
	// slice (18 KB for a page of 20 payments, a sixth of what a listing
	// allocated), garbage that sets off the collector's mark phases.
	var raw []byte
	if err := json.NewEncoder(buf).Encode(body); err != nil {
		// Only the fake's own types are marshalled here; a failure is a bug
		// in the fake and is reported as such rather than as a PortOne error.
		status = http.StatusInternalServerError
		raw = []byte(`{"code":-1,"message":"portone-fake: cannot encode answer","response":null}`)
	} else {
		raw = bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // Encode ends with a newline, Marshal does not
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

// answerBuffers are writeJSON's buffers; one that grew past 256 KB (a
// long page) is dropped rather than kept.
var answerBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putAnswerBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 256<<10 {
		answerBuffers.Put(buf)
	}
}

// writeStoredOK answers HTTP 200 with code 0 and a payload already in
// JSON, which response writes: stored payments, which are json.Marshal's
// bytes. writeOK would do the same through encoding/json, which reads a
// json.RawMessage again byte by byte to check and compact it: a page of
// 20 stored payments then cost 1.7 times its encoding from structs.
func writeStoredOK(w http.ResponseWriter, response func(*bytes.Buffer)) {
	buf := answerBuffers.Get().(*bytes.Buffer)
	defer putAnswerBuffer(buf)
	buf.Reset()
	buf.WriteString(`{"code":0,"message":null,"response":`) // envelope{Code: codeOK} as encoding/json writes it
	response(buf)
	buf.WriteByte('}')
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// writeOK answers HTTP 200 with code 0 and the payload.
func writeOK(w http.ResponseWriter, response any) {
	writeJSON(w, http.StatusOK, envelope{Code: codeOK, Response: response})
}

// writeStatusOK answers code 0 with another success status (207).
func writeStatusOK(w http.ResponseWriter, status int, response any) {
	writeJSON(w, status, envelope{Code: codeOK, Response: response})
}

// writeError answers a failure envelope with response null.
func writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, envelope{Code: code, Message: &message, Response: nil})
}

// writeChange answers a change made under the store lock: 404 with
// notFound when there was nothing to change, 400 with the refusal when the
// change was refused, out otherwise.
func writeChange(w http.ResponseWriter, out any, found bool, notFound, refusal string) {
	switch {
	case !found:
		writeError(w, http.StatusNotFound, codeFailure, notFound)
	case refusal != "":
		writeError(w, http.StatusBadRequest, codeFailure, refusal)
	default:
		writeOK(w, out)
	}
}

// writeRefused is the real API's habit for business refusals (already
// cancelled, checksum mismatch...): HTTP 200 with code 1.
func writeRefused(w http.ResponseWriter, message string) {
	writeError(w, http.StatusOK, codeRefused, message)
}

// Messages of the real API where the recordings or the docs show them.
const (
	msgUnauthorized       = "Unauthorized"
	msgInvalidCredentials = "imp_key, imp_secret 인증에 실패하였습니다."
)
