package fake

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
)

// A JSON body the real API takes although the spec's schema does not
// describe it, rewritten into the body the spec describes before the
// request is validated. Each entry names its evidence; nothing is taken
// without it.

// unscheduleOneOrder: unschedule's merchant_uid as a plain string, one order
// id, read as a list of one. PortOne's Python client sends it so in its
// tests against api.iamport.kr, run in its CI (iamport-rest-client-python
// tests/test_pay_unschedule.py: pay_unschedule(customer_uid=...,
// merchant_uid='pay_unschedule_...') inside a try that only catches the
// client's ResponseError, the error of an HTTP 200 answer with a non-zero
// code; an HTTP 400 would raise HttpError and fail the test). The spec keeps
// the array (generated clients send one) and says so in the field's
// description; make test-clients sends it through that client.
func unscheduleOneOrder(w http.ResponseWriter, r *http.Request, op string) bool {
	if op != "unschedule" || r.Body == nil {
		return true
	}
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media != "application/json" {
		return true
	}
	raw, err := io.ReadAll(r.Body) // already in memory (readBody)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeFailure, "portone-fake: cannot read the body: "+err.Error())
		return false
	}
	body := raw
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		var one string
		if m, ok := fields["merchant_uid"]; ok && json.Unmarshal(m, &one) == nil {
			list, _ := json.Marshal([]string{one})
			fields["merchant_uid"] = list
			body, _ = json.Marshal(fields)
		}
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return true
}
