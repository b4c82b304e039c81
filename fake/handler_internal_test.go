package fake

import (
	"net/http/httptest"
	"strings"
)

// serveWithToken sends one request to s's handler, a JSON body if any,
// with token as the bearer, and returns the status and body answered.
func serveWithToken(s *Server, token, method, path, body string) (int, []byte) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return w.Code, w.Body.Bytes()
}
