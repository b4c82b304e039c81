package fake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/fake/internal/api"
)

// TestNotEmulatedEnvelope serves every generated operation with the
// generated Unimplemented (what an operation new in the spec gets) and
// expects the 501 envelope naming it.
func TestNotEmulatedEnvelope(t *testing.T) {
	iface := reflect.TypeFor[api.ServerInterface]()
	unimpl := reflect.ValueOf(api.ServerInterface(api.Unimplemented{}))
	for i := range iface.NumMethod() {
		name := iface.Method(i).Name
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			w := &notEmulatedWriter{ResponseWriter: rec, operation: name}
			m := unimpl.MethodByName(name)
			args := []reflect.Value{reflect.ValueOf(http.ResponseWriter(w)), reflect.ValueOf(httptest.NewRequest("GET", "/", nil))}
			for j := 2; j < m.Type().NumIn(); j++ {
				args = append(args, reflect.Zero(m.Type().In(j)))
			}
			m.Call(args)
			var env envelope
			if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
				t.Fatalf("not an envelope: %q", rec.Body.String())
			}
			if rec.Code != http.StatusNotImplemented || env.Code != codeFailure || env.Message == nil ||
				!strings.Contains(*env.Message, name) || env.Response != nil {
				t.Fatalf("got %d %s", rec.Code, rec.Body.String())
			}
		})
	}
}

// TestNotEmulatedThroughTheGate swaps the fake's handlers for the
// generated Unimplemented and calls getToken end to end.
func TestNotEmulatedThroughTheGate(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	s.api = api.Handler(api.Unimplemented{})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/users/getToken", strings.NewReader(`{"imp_key":"a","imp_secret":"b"}`))
	req.Header.Set("Content-Type", "application/json")
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusNotImplemented || !strings.Contains(rec.Body.String(), "getToken is not emulated") {
		t.Fatalf("got %d %s", rec.Code, rec.Body.String())
	}
}

// TestProbeTellsUnimplementedApart is the negative control of Operations:
// the probe must see the generated 501 as not emulated.
func TestProbeTellsUnimplementedApart(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		impl api.ServerInterface
		want bool
	}{
		{api.Unimplemented{}, false},
		{&handlers{s: s}, true},
	} {
		got, err := probe(reflect.ValueOf(tc.impl).MethodByName("GetToken"))
		if err != nil || got != tc.want {
			t.Errorf("%T: emulated=%v err=%v, want %v", tc.impl, got, err, tc.want)
		}
	}
}
