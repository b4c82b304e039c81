package fake

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// writeJSON writes the bytes of marshalAnswer, byte for byte, whatever
// the buffer it reuses held before: a long page, then a short answer, then
// a page past the size of the buffers kept.
func TestWriteJSONWritesMarshalAnswer(t *testing.T) {
	long := generated.PaymentPage{Total: 1000}
	for i := range 1000 {
		long.List = append(long.List, fullPayment(i))
	}
	message := "<이미> \u2028 &"
	for _, v := range []any{
		envelope{Response: generated.PaymentPage{Total: 2, List: []generated.Payment{fullPayment(1), fullPayment(2)}}},
		envelope{Code: codeFailure, Message: &message},
		envelope{Response: long},
		envelope{Response: fullPayment(3)},
		envelope{Response: nil},
	} {
		want, err := marshalAnswer(v)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		writeJSON(rec, http.StatusOK, v)
		if got := rec.Body.Bytes(); !bytes.Equal(got, want) {
			t.Fatalf("writeJSON wrote %d bytes, marshalAnswer %d:\n%.300s\n%.300s", len(got), len(want), got, want)
		}
	}
}
