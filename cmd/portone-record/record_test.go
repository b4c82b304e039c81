package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	contracttests "github.com/portone-community/portone-v1-go/contract_tests"
	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/openapi"
)

// wire sits in front of the fake and notes every request and every
// access_token that crosses it, so the test knows which values must not
// reach the files.
type wire struct {
	mu       sync.Mutex
	requests []string
	tokens   []string
	bodies   [][]byte
}

func (w *wire) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var env struct {
			Response struct {
				AccessToken string `json:"access_token"`
			} `json:"response"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &env)
		w.mu.Lock()
		w.requests = append(w.requests, r.Method+" "+r.URL.Path)
		w.bodies = append(w.bodies, rec.Body.Bytes())
		if env.Response.AccessToken != "" {
			w.tokens = append(w.tokens, env.Response.AccessToken)
		}
		w.mu.Unlock()
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		rw.WriteHeader(rec.Code)
		_, _ = rw.Write(rec.Body.Bytes())
	})
}

func TestRecordRedactsAndStaysReadOnly(t *testing.T) {
	const (
		key    = "imp_key_7731_live"
		secret = "Zq8v-imp-secret-DO-NOT-LEAK-3f9a1c"
	)
	srv, err := fake.New(fake.Config{APIKey: key, APISecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	w := &wire{}
	ts := httptest.NewServer(w.wrap(srv.Handler()))
	defer ts.Close()

	// Personal data a real answer carries, and secrets echoed where they
	// should never be (custom_data is merchant free text).
	pii := map[string]string{
		"buyer_name":     "김철수",
		"buyer_email":    "chulsoo.kim@real-mail.example",
		"buyer_tel":      "010-9876-5432",
		"buyer_addr":     "부산광역시 해운대구 우동 1408",
		"buyer_postcode": "48094",
	}
	p, err := srv.SeedPayment(fake.Seed{Payment: generated.Payment{
		Amount:        15000,
		BuyerName:     new(pii["buyer_name"]),
		BuyerEmail:    new(pii["buyer_email"]),
		BuyerTel:      new(pii["buyer_tel"]),
		BuyerAddr:     new(pii["buyer_addr"]),
		BuyerPostcode: new(pii["buyer_postcode"]),
		CardNumber:    new("5594101234567894"),
		CustomData:    new(`{"memo":"call 02-555-0199 or 01022223333","cc":"kim.second@real-mail.example","leak":"` + secret + `"}`),
	}})
	if err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "INDEX.tsv"), []byte("file\tendpoint\tkind\tsource\tdescription\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "044-existing.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := record(context.Background(), config{
		baseURL: ts.URL, key: key, secret: secret,
		ids: []string{p.ImpUID, p.MerchantUID}, outDir: out, withToken: true,
		now: func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"045-users-getToken-recorded-2026-11-27.json",
		"046-payments-get-recorded-2026-11-27.json",
		"047-payments-find-recorded-2026-11-27.json",
	}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Fatalf("files %v, want %v", files, want)
	}

	// Read-only on the wire.
	for _, r := range w.requests {
		if !strings.HasPrefix(r, "GET ") && r != "POST /users/getToken" {
			t.Errorf("recorder sent %s", r)
		}
	}
	if len(w.tokens) == 0 {
		t.Fatal("no token crossed the wire: the leak check below would be empty")
	}

	// Values that did cross the wire in answers and must not reach a file.
	// Checking that they were on the wire keeps the test from passing
	// because the fake never sent them.
	onWire := []string{secret, "9876-5432", "22223333", "555-0199", "real-mail.example"}
	onWire = append(onWire, w.tokens...)
	for _, v := range pii {
		onWire = append(onWire, v)
	}
	for _, v := range onWire {
		if !bytes.Contains(bytes.Join(w.bodies, nil), []byte(v)) {
			t.Errorf("%q never crossed the wire: the leak check would prove nothing", v)
		}
	}
	// The key only travels in the request, the card digits past the BIN
	// may be masked by the server already; neither may appear either.
	forbidden := append([]string{key, "1234567894", "123456789"}, onWire...)
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checker, err := contracttests.NewChecker(doc)
	if err != nil {
		t.Fatal(err)
	}
	header := http.Header{"Content-Type": {"application/json; charset=UTF-8"}}
	for _, name := range files {
		raw, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forbidden {
			if bytes.Contains(raw, []byte(f)) {
				t.Errorf("%s contains %q", name, f)
			}
		}
		// The file is in the corpus format and still fits the spec:
		// redaction kept every JSON type.
		var in contracttests.Interaction
		if err := json.Unmarshal(raw, &in); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := checker.CheckResponse(in.Request.Method, in.Request.Path, "", in.Response.Status, header, in.Response.Body); err != nil {
			t.Errorf("%s no longer fits the spec after redaction: %v", name, err)
		}
		if strings.Contains(name, "payments") {
			var env struct{ Response generated.Payment }
			if err := json.Unmarshal(in.Response.Body, &env); err != nil {
				t.Fatal(err)
			}
			if got := *env.Response.CardNumber; !strings.HasPrefix(got, "559410") || strings.Trim(got[6:], "0*") != "" {
				t.Errorf("card_number %q: want the BIN kept and every later digit zeroed", got)
			}
			if got := *env.Response.BuyerName; got != "홍길동" {
				t.Errorf("buyer_name %q not replaced", got)
			}
			if !strings.Contains(in.Source.Notes, "buyer_tel") || !strings.Contains(in.Source.Notes, "card_number") {
				t.Errorf("notes do not list the redacted keys: %s", in.Source.Notes)
			}
		}
	}
	index, err := os.ReadFile(filepath.Join(out, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(index), "\n"); n != 4 {
		t.Errorf("INDEX.tsv has %d lines, want header + 3:\n%s", n, index)
	}
}

// The negative control of the read-only rule: a money-moving request is
// refused by the transport before anything is sent.
func TestCaptureRefusesWrites(t *testing.T) {
	hit := false
	ts := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hit = true }))
	defer ts.Close()
	hc := &http.Client{Transport: &captureTransport{next: http.DefaultTransport}}
	for _, m := range []struct{ method, path string }{
		{"POST", "/payments/cancel"}, {"POST", "/subscribe/payments/again"}, {"PUT", "/payments/prepare"}, {"DELETE", "/subscribe/customers/c1"},
	} {
		req, _ := http.NewRequest(m.method, ts.URL+m.path, strings.NewReader("{}"))
		resp, err := hc.Do(req)
		if resp != nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		var ro errNotReadOnly
		if !errors.As(err, &ro) {
			t.Errorf("%s %s: want errNotReadOnly, got %v", m.method, m.path, err)
		}
	}
	if hit {
		t.Error("a refused request reached the server")
	}
}

func TestRedactStrings(t *testing.T) {
	cases := []struct{ key, in, want string }{
		{"card_number", "559410*********4", "559410*********0"},
		{"card_number", "1234", "1234"},
		{"memo", "tel 010 1234 5678.", "tel 010-0000-0000."},
		{"memo", "order 20240101123456", "order 20240101123456"}, // not a phone number
		{"memo", "mail a.b@c.example", "mail buyer@example.com"},
		{"buyer_tel", "", ""},
		{"access_token", "abc", tokenPlaceholder},
		{"memo", "key SECRET inside", "key <redacted> inside"},
	}
	for _, c := range cases {
		r := newRedactor("SECRET")
		if got := r.str(c.key, c.in); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.key, c.in, got, c.want)
		}
	}
}

// An unknown imp_uid is a real answer (404, code -1) and is recorded; wrong
// credentials stop the run with an error that does not echo the secret.
func TestRecordFailures(t *testing.T) {
	const secret = "another-secret-value-91b2"
	srv, err := fake.Start(fake.Config{APIKey: "k1", APISecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	now := func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }

	out := t.TempDir()
	files, err := record(context.Background(), config{baseURL: srv.URL(), key: "k1", secret: secret, ids: []string{"imp_000000000404"}, outDir: out, now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("files %v, want the 404 lookup", files)
	}
	raw, err := os.ReadFile(filepath.Join(out, files[0]))
	if err != nil {
		t.Fatal(err)
	}
	var in contracttests.Interaction
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	if in.Response.Status != http.StatusNotFound {
		t.Errorf("status %d, want 404", in.Response.Status)
	}

	_, err = record(context.Background(), config{baseURL: srv.URL(), key: "k1", secret: secret + "-wrong", ids: []string{"imp_000000000404"}, outDir: t.TempDir(), now: now})
	if err == nil {
		t.Fatal("wrong credentials: no error")
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error echoes the secret: %v", err)
	}
}
