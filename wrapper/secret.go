package wrapper

import "fmt"

// redacted holds a credential. Every fmt verb prints it as [REDACTED]
// (or "" when empty), so it cannot leak through %v, %+v, %#v or %s of any
// struct that holds it.
type redacted string

const redactedText = "[REDACTED]"

func (r redacted) String() string {
	if r == "" {
		return ""
	}
	return redactedText
}

func (r redacted) GoString() string { return fmt.Sprintf("%q", r.String()) }

func (r redacted) Format(f fmt.State, verb rune) { formatAs(f, verb, r.String(), r.GoString()) }

// formatAs writes plain for every verb but %#v, which gets goSyntax. Types
// holding secrets implement fmt.Formatter with it, so that fmt never walks
// their fields itself (it prints unexported fields raw, bypassing their
// own String methods).
func formatAs(f fmt.State, verb rune, plain, goSyntax string) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, goSyntax)
		return
	}
	fmt.Fprint(f, plain)
}

func (t accessToken) String() string {
	return fmt.Sprintf("wrapper.accessToken{auth:%s, expiresAt:%s}", t.auth, t.expiresAt.Format("2006-01-02T15:04:05Z07:00"))
}

func (t accessToken) GoString() string { return t.String() }

func (t accessToken) Format(f fmt.State, verb rune) { formatAs(f, verb, t.String(), t.GoString()) }

func (s *tokenSource) String() string { return "wrapper.tokenSource{...}" }

func (s *tokenSource) GoString() string { return s.String() }

func (s *tokenSource) Format(f fmt.State, verb rune) { formatAs(f, verb, s.String(), s.GoString()) }
