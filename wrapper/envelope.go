package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/portone-community/portone-v1-go/internal/legacyjson"
)

// envelope is the shape of every PortOne answer. It decodes exactly like
// the generated XxxEnvelope types, whose Response field has type T.
type envelope[T any] struct {
	Code     int     `json:"code"`
	Message  *string `json:"message"`
	Response T       `json:"response"`
}

// envelopeHead reads code and message while ignoring response, for failures
// whose response does not have the success payload's shape. message is
// kept raw so that an odd type there does not hide the code.
type envelopeHead struct {
	Code    *int            `json:"code"`
	Message json.RawMessage `json:"message"`
}

// text returns the message as a string: unquoted if it is a JSON string,
// empty if null, its JSON text otherwise.
func (h envelopeHead) text() *string {
	var s string
	if json.Unmarshal(h.Message, &s) == nil {
		return &s
	}
	if len(h.Message) == 0 || string(h.Message) == "null" {
		return nil
	}
	s = string(h.Message)
	return &s
}

// unmarshal decodes the success path of every answer, as encoding/json
// would and about twice as fast (internal/legacyjson says how).
var unmarshal = func(data []byte, v any) error { return legacyjson.Unmarshal(data, v) }

// noCode marks an envelope whose code field never arrived.
const noCode = math.MinInt

// call sends one request of op through send and unwraps the answer. The
// context carries the operation (OperationID) and the call's options.
func call[T any](ctx context.Context, c *Client, op *operation, opts []CallOption, send func(context.Context) (*http.Response, error)) (T, error) {
	var zero T
	ctx = withCall(ctx, op, opts)
	resp, err := send(ctx)
	if err != nil {
		return zero, c.failed(ctx, op, requestError(op, err, c.scrub))
	}
	body, err := readBody(resp)
	if err != nil {
		return zero, c.failed(ctx, op, requestError(op, &transportError{err: err, sent: true}, c.scrub))
	}
	v, err := decode[T](op, resp.StatusCode, body)
	if ae, ok := err.(*APIError); ok {
		// The pattern blanks named credentials; scrub also removes the
		// client's own secret and tokens wherever they are quoted.
		if ae.Snippet != "" {
			ae.Snippet = snippet([]byte(c.scrub(string(body))))
		}
		ae.Message = c.scrub(ae.Message)
		if resp.Request != nil && resp.Request.URL != nil {
			ae.sent = resp.Request.URL.Path
		}
		if resp.StatusCode == http.StatusUnauthorized {
			switch {
			case op.ID == opGetToken.ID:
				ae.hint = hintBadCredentials
			case c.tokens == nil:
				ae.hint = hintStaticToken
			}
		}
		// 501 Not Implemented says the server does not do this at all (PortOne
		// documents it, e.g. partner receipts outside KG Inicis): nothing
		// happened, so it is an answer like a 4xx.
		if resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented && !op.repeatable() {
			err = &OutcomeUnknownError{Operation: op.ID, Method: op.Method, Path: op.Path, Answer: ae}
		}
	}
	return v, c.failed(ctx, op, err)
}

// requestError turns a failure to get an answer into the error callers
// see: outcome unknown for a state-changing request that may have left,
// the cause with the operation's name otherwise.
func requestError(op *operation, err error, scrub func(string) string) error {
	if text := err.Error(); scrub(text) != text {
		err = &scrubbedError{text: scrub(text), cause: err}
	}
	var te *transportError
	if errors.As(err, &te) {
		cause := te.err
		if text := cause.Error(); scrub(text) != text {
			cause = &scrubbedError{text: scrub(text), cause: cause}
		}
		if te.sent && !op.repeatable() {
			return &OutcomeUnknownError{Operation: op.ID, Method: op.Method, Path: op.Path, Cause: cause}
		}
		err = cause
	}
	return fmt.Errorf("portone: %s (%s %s): %w", op.ID, op.Method, op.Path, err)
}

// decode unwraps an envelope answered with the given status.
func decode[T any](op *operation, status int, body []byte) (T, error) {
	var zero T
	env := envelope[T]{Code: noCode}
	var decodeErr error
	if status >= 200 && status < 300 {
		decodeErr = unmarshal(body, &env)
		if decodeErr == nil && env.Code == 0 {
			if status == http.StatusMultiStatus {
				return env.Response, &partialResult{op: op, message: deref(env.Message)}
			}
			return env.Response, nil
		}
		if decodeErr == nil && env.Code != noCode {
			return zero, apiError(op, status, env.Code, env.Message)
		}
	}
	// A failure, or a success whose response did not fit T: read only code
	// and message, which every envelope has.
	var head envelopeHead
	headErr := json.Unmarshal(body, &head)
	switch {
	case headErr != nil:
		decodeErr = headErr
	case head.Code == nil:
		decodeErr = errors.New(`no "code" field`)
	case *head.Code != 0 || status < 200 || status >= 300:
		return zero, apiError(op, status, *head.Code, head.text())
	}
	return zero, &APIError{
		Operation: op.ID, Method: op.Method, Path: op.Path,
		HTTPStatus: status,
		Snippet:    snippet(body),
		err:        fmt.Errorf("%w: %v", ErrMalformedResponse, decodeErr),
	}
}

func apiError(op *operation, status, code int, message *string) *APIError {
	return &APIError{
		Operation: op.ID, Method: op.Method, Path: op.Path,
		HTTPStatus: status, Code: code, Message: deref(message),
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

const snippetLen = 120

// secretValue matches a value whose name says it holds a credential:
// "access_token":"5c1c...", "imp_secret": "...", imp_secret=..., also when
// the body is cut off inside the value. A name right after a slash is a
// path segment, not a key: net/http's `Post "https://host/users/getToken":
// dial tcp ...` would otherwise lose its "dial".
var secretValue = regexp.MustCompile(`(?i)((?:^|[^/a-z_])[a-z_]*(?:token|secret|password)[a-z_]*"?\s*[:=]\s*"?)[^"&\s<>,}]*`)

// snippet returns the start of body for an error message: at most
// snippetLen bytes, cut on a rune boundary, on one line, with credential
// values blanked.
func snippet(body []byte) string {
	s := string(secretValue.ReplaceAll(body, []byte(`${1}[REDACTED]`)))
	if len(s) > snippetLen {
		cut := snippetLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strings.Join(strings.Fields(s), " ")
}

// failed logs a failure worth a look (outcome unknown, or a read that gave
// up) and returns err unchanged.
func (c *Client) failed(ctx context.Context, op *operation, err error) error {
	if err == nil || errors.Is(err, ErrPartialResult) {
		return err
	}
	var unknown *OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		c.log.LogAttrs(ctx, slog.LevelWarn, "portone: outcome unknown", slog.String("operation", op.ID),
			slog.String("method", op.Method), slog.String("path", op.Path), slog.String("err", err.Error()))
	case !errors.As(err, new(*APIError)):
		c.log.LogAttrs(ctx, slog.LevelWarn, "portone: request failed", slog.String("operation", op.ID),
			slog.String("err", err.Error()))
	}
	return err
}
