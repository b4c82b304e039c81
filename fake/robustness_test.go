package fake_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestNoOperationAnswers500 sends every operation of the spec a few
// malformed requests (placeholder path values, a broken JSON body, a wrong
// content type, an empty body): whatever the operation, emulated or not,
// the answer is a V1 envelope and never a 500.
func TestNoOperationAnswers500(t *testing.T) {
	h := newHarness(t)
	tok := h.getToken().AccessToken
	doc, err := sharedSpec()
	if err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{[^}]+\}`)
	bodies := []struct{ contentType, body string }{
		{"application/json", `{"`},
		{"application/json", `[]`},
		{"text/plain", `hello`},
		{"application/json", ``},
	}
	requests := 0
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			url := h.srv.URL() + placeholder.ReplaceAllString(path, "x")
			for _, b := range bodies {
				req, err := http.NewRequest(method, url, strings.NewReader(b.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", b.contentType)
				req.Header.Set("Authorization", "Bearer "+tok)
				// Plain client: these requests are invalid on purpose, so the
				// spec check of the harness does not apply.
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests++
				if resp.StatusCode == http.StatusInternalServerError {
					t.Errorf("%s %s (%s %q): 500 %s", method, path, b.contentType, b.body, body)
					continue
				}
				if code, _ := envelopeOf(t, body); resp.StatusCode >= 300 && code == 0 {
					t.Errorf("%s %s: HTTP %d with code 0: %s", method, path, resp.StatusCode, body)
				}
			}
		}
	}
	if requests < 4*13 {
		t.Fatalf("only %d requests sent; the spec walk is broken", requests)
	}
}
