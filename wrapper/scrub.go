package wrapper

import (
	"regexp"
	"strings"
)

// bearerValue matches a bearer credential quoted back, e.g. by a proxy
// that echoes the request's headers.
var bearerValue = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`)

// newScrubber returns a function that blanks, in text that came from the
// server or the network: the API secret, the static token, the token in
// use now (current), bearer credentials and values named like credentials.
func newScrubber(secret, static string, current func() string) func(string) string {
	return func(s string) string {
		if s == "" {
			return s
		}
		for _, v := range []string{secret, static, current()} {
			// A credential of a few characters would blank ordinary words:
			// real secrets and tokens are 40+ characters.
			if len(v) >= 8 {
				s = strings.ReplaceAll(s, v, redactedText)
			}
		}
		s = bearerValue.ReplaceAllString(s, "${1}"+redactedText)
		return secretValue.ReplaceAllString(s, "${1}"+redactedText)
	}
}
