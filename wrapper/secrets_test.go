package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/wrapper"
)

// leaks returns the secrets found in s.
func leaks(s string, secrets ...string) []string {
	var found []string
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			found = append(found, sec)
		}
	}
	return found
}

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x"}

func formatAll(v any) string {
	var b strings.Builder
	for _, verb := range verbs {
		fmt.Fprintf(&b, verb+"\n", v)
	}
	return b.String()
}

func TestSecretsAbsentFromFormattedValues(t *testing.T) {
	f := newFakeAPI(t)
	payment := recorded(t, "011")
	f.handle("GET /payments/{imp_uid}", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, payment) })
	c := f.client(wrapper.Config{Tier: "T1"})
	if _, err := c.GetPaymentByImpUID(context.Background(), "imp_1", nil); err != nil {
		t.Fatal(err)
	}
	token := f.currentToken()
	static := f.client(wrapper.Config{AccessToken: token})

	cfg := wrapper.Config{APIKey: testKey, APISecret: testSecret, AccessToken: token}
	values := map[string]any{
		"Config": cfg, "*Config": &cfg,
		"*Client": c, "Client": *c, "static *Client": static, "static Client": *static,
		"token": wrapper.TokenValue(c), "token source": wrapper.TokenSource(c),
		"struct holding a Client": struct{ C wrapper.Client }{*c},
		// fmt cannot call Format on unexported fields and prints them raw
		"unexported Client field":        struct{ c wrapper.Client }{*c},
		"unexported static Client field": struct{ c wrapper.Client }{*static},
	}
	for name, v := range values {
		out := formatAll(v)
		if found := leaks(out, testSecret, token); len(found) > 0 {
			t.Errorf("%s prints %q:\n%s", name, found, out)
		}
	}
	// Negative control: the check does see a secret that is printed.
	if leaks(formatAll(struct{ S string }{testSecret}), testSecret) == nil {
		t.Fatal("negative control: leak not detected")
	}
	// What is not secret stays readable.
	if out := fmt.Sprint(cfg); !strings.Contains(out, testKey) || !strings.Contains(out, "[REDACTED]") {
		t.Errorf("Config prints %q: want the key and [REDACTED]", out)
	}
}

func TestSecretsAbsentFromErrors(t *testing.T) {
	f := newFakeAPI(t)
	token := "5c1c378a5b862336f71d744c084e5cccb859290b"
	// shown says the error carries a snippet of the body, so it is the
	// redaction, not a missing snippet, that keeps the secrets out of it.
	answers := []struct {
		body  string
		shown bool
	}{
		// getToken cut off inside the token
		{`{"code":0,"message":null,"response":{"access_token":"` + token[:20], true},
		// getToken whose response has the wrong shape, token included
		{`{"code":0,"message":null,"response":{"access_token":"` + token + `","now":"soon","expired_at":1}}`, true},
		// a failure that echoes the request
		{`{"code":-1,"message":"bad request","response":{"imp_key":"` + testKey + `","imp_secret":"` + testSecret + `"}}`, false},
		// not JSON at all, with the secret in it
		{`<html>imp_secret=` + testSecret + `</html>`, true},
		// the secret under no name the redaction pattern knows
		{`<p>rejected credentials ` + testSecret + `</p>`, true},
	}
	for i, answer := range answers {
		f.mux.HandleFunc(fmt.Sprintf("POST /case%d/users/getToken", i), func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, answer.body)
		})
	}
	for i, answer := range answers {
		c, err := wrapper.New(wrapper.Config{APIKey: testKey, APISecret: testSecret, BaseURL: fmt.Sprintf("%s/case%d", f.srv.URL, i)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetPaymentByImpUID(context.Background(), "imp_1", nil)
		if err == nil {
			t.Fatalf("case %d: no error", i)
		}
		var apiErr *wrapper.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("case %d: %v is not an *APIError", i, err)
		}
		out := err.Error() + formatAll(err) + formatAll(apiErr)
		if found := leaks(out, testSecret, token, token[:20]); len(found) > 0 {
			t.Errorf("case %d: error shows %q: %s", i, found, err)
		}
		if got := strings.Contains(err.Error(), "body starts: ") && strings.Contains(err.Error(), "[REDACTED]"); got != answer.shown {
			t.Errorf("case %d: redacted snippet in the error = %v, want %v: %s", i, got, answer.shown, err)
		}
	}
}

// The redaction blanks values named like credentials; the URL of the
// client's own request is not one. A connection error reads
// `Post "http://host/users/getToken": dial tcp ...`, where "getToken":
// looked like a key and blanked "dial", so the error read
// "[REDACTED] tcp ... connection refused", as if a secret had been there.
func TestConnectionErrorKeepsItsWords(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() // nothing listens there once closed
	ln.Close()
	c, err := wrapper.New(wrapper.Config{APIKey: testKey, APISecret: testSecret, BaseURL: closed,
		Retry: wrapper.RetryPolicy{MaxRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetPaymentByImpUID(t.Context(), "imp_1", nil)
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	if text := err.Error(); !strings.Contains(text, `/users/getToken": dial tcp `) || strings.Contains(text, "REDACTED") {
		t.Errorf("connection error reworded by the redaction: %s", text)
	}
}
