package wrapper

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// The errors to branch on. Each is matched with errors.Is; they never
// overlap, so a switch over them reads in any order:
//
//	switch {
//	case err == nil:                            // done
//	case errors.Is(err, wrapper.ErrOutcomeUnknown): // may have happened: look it up
//	case errors.Is(err, wrapper.ErrNotFound):       // no such payment (HTTP 404)
//	case errors.Is(err, wrapper.ErrRefused):        // PortOne said no (HTTP 200, code != 0)
//	default:                                    // other failure; errors.As(err, &apiErr) for details
//	}
var (
	// ErrOutcomeUnknown: a request that can change state was sent but no
	// trustworthy answer came back (network error after sending, context
	// ended while waiting, HTTP 5xx). It may or may not have taken effect.
	// Such an error is an *OutcomeUnknownError and never an *APIError.
	ErrOutcomeUnknown = errors.New("portone: outcome unknown")

	// ErrNotFound: PortOne answered 404 (an unknown imp_uid or merchant_uid;
	// envelope code -1). An unknown customer_uid is not one: clients' live
	// tests against api.iamport.kr saw billing-key lookups and deletes of a
	// missing key answered HTTP 200 with code 1, which is ErrRefused
	// (docs/clients.md).
	ErrNotFound = errors.New("portone: not found")

	// ErrRefused: PortOne answered HTTP 200 with a non-zero code, its way of
	// saying no to a well-formed request: a cancel whose checksum no longer
	// matches, an amount above what is left, a payment already cancelled,
	// a card the PG declined. Nothing was done.
	ErrRefused = errors.New("portone: refused")

	// ErrUnauthorized: PortOne answered the request 401 even after the
	// client renewed its token, or the token could not be renewed, or
	// Config.AccessToken (a static token) was refused. A wrong key or
	// secret fails earlier, at getToken, as ErrNoToken.
	ErrUnauthorized = errors.New("portone: unauthorized")

	// ErrNoToken: the client could not get an access token, so the request
	// was not sent at all. It wraps the cause (an *APIError from getToken,
	// a network error...).
	ErrNoToken = errors.New("portone: could not get an access token; the request was not sent")

	// ErrPartialResult is reported together with the data when PortOne
	// answered HTTP 207: the method's result holds what was found, and some
	// of what was asked for is missing.
	ErrPartialResult = errors.New("portone: partial result (HTTP 207): some requested items were not returned")

	// ErrMalformedResponse: the body is not a PortOne envelope (HTML from a
	// proxy, an empty body, cut-off JSON, a response of an unexpected
	// shape). Reported through an *APIError.
	ErrMalformedResponse = errors.New("portone: body is not a PortOne envelope")
)

// APIError is a failure PortOne (or a proxy in front of it) answered and
// which certainly did not take effect: an envelope whose code is not 0,
// whatever the HTTP status, or a body that is not an envelope at all. A 5xx
// answer to a request that can change state is not an APIError but an
// *OutcomeUnknownError (its Answer field holds what came back).
//
// errors.Is(err, ErrNotFound / ErrRefused / ErrUnauthorized) tells the
// common cases apart without looking at codes.
type APIError struct {
	// Operation is the spec's operationId, e.g. "getPaymentByImpUid";
	// Method and Path (the path template) say which request it was. The
	// error's text shows the path as sent, with the imp_uid filled in.
	Operation, Method, Path string

	// HTTPStatus is the HTTP status code of the answer.
	HTTPStatus int

	// Code is the envelope's code (-1 for most failures, 1 for some
	// refusals that come with HTTP 200); 0 when the body was not an
	// envelope.
	Code int

	// Message is the envelope's message, usually in Korean, with anything
	// that looks like a credential blanked out.
	Message string

	// Snippet is the start of a body that was not an envelope, with
	// anything that looks like a token or secret blanked out.
	Snippet string

	err error // why the body could not be read as an envelope

	// sent is the path the request went to (ids filled in, no query),
	// shown instead of the template so that the error names the imp_uid
	// or merchant_uid it is about; empty when unknown.
	sent string

	// hint says what to do when the status alone says it: set by the
	// client, which knows whether the token was its own or Config's.
	hint string

	// forToken marks getToken's failure when the client fetched a token
	// for another request: that request failed with ErrNoToken, and this
	// answer must not also make it ErrNotFound, ErrRefused or
	// ErrUnauthorized (a BaseURL with a wrong path answers getToken 404,
	// which read as "no such payment").
	forToken bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("portone: ")
	b.WriteString(e.Operation)
	if e.Method != "" {
		b.WriteString(" (" + e.Method + " " + cmp.Or(e.sent, e.Path) + ")")
	}
	b.WriteString(": HTTP " + strconv.Itoa(e.HTTPStatus))
	if e.err != nil {
		b.WriteString(": " + e.err.Error())
		if e.Snippet == "" {
			b.WriteString(" (empty body)")
		} else {
			b.WriteString("; body starts: " + e.Snippet)
		}
		return b.String()
	}
	b.WriteString(", code " + strconv.Itoa(e.Code))
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	switch {
	case e.hint != "":
		b.WriteString(" (" + e.hint + ")")
	case e.Is(ErrRefused):
		// The message is PortOne's, usually in Korean: say what the
		// status means to a reader who cannot read it.
		b.WriteString(" (refused: nothing was done)")
	}
	return b.String()
}

// Hints for 401 answers, which PortOne words tersely ("Unauthorized") or
// in Korean only.
const (
	// No colon right after "secret" or "token": the scrubber would take
	// the next word for a credential.
	hintBadCredentials = "wrong API key or secret; check Config.APIKey and Config.APISecret, " +
		"the V1 REST API key and secret of the PortOne console"
	hintStaticToken = "PortOne refused Config.AccessToken, which is wrong or has expired; a static token is never renewed"
)

// Is matches ErrNotFound (HTTP 404), ErrRefused (an envelope with a
// non-zero code under HTTP 200) and ErrUnauthorized (HTTP 401), except for
// the getToken answer inside an ErrNoToken: that one is only ErrNoToken.
func (e *APIError) Is(target error) bool {
	if e.forToken {
		return false
	}
	switch target {
	case ErrNotFound:
		return e.HTTPStatus == http.StatusNotFound
	case ErrRefused:
		return e.err == nil && e.HTTPStatus == http.StatusOK && e.Code != 0
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized
	}
	return false
}

// Unwrap gives the decoding failure, which wraps ErrMalformedResponse, when
// the body was not an envelope.
func (e *APIError) Unwrap() error { return e.err }

// OutcomeUnknownError says that a request which can change state (cancel,
// prepare, a billing-key payment...) may or may not have taken effect: the
// connection failed after the request could have reached PortOne, the
// context ended while waiting for the answer, or PortOne (or a proxy)
// answered with a 5xx. The wrapper never sends such a request twice on its
// own (Refund settles a lost cancel answer with the checksum). Find out
// what happened before trying again: look the payment up by merchant_uid
// (GetPaymentByMerchantUIDAnyStatus, or the matching lookup for other
// objects) and act on what you see.
//
// It unwraps to ErrOutcomeUnknown and to Cause, never to an *APIError, so
// errors.As(err, &apiErr) cannot mistake "maybe done" for "refused".
type OutcomeUnknownError struct {
	Operation, Method, Path string

	// Cause is the network or context error (nil when an answer came).
	Cause error

	// Answer is the 5xx answer, when one came, for logging; its Code and
	// Message do not mean the request failed.
	Answer *APIError

	resent bool // Refund sent it again (with its checksum) and could not settle it
}

func (e *OutcomeUnknownError) Error() string {
	why := "no answer"
	switch {
	case e.Cause != nil:
		why = e.Cause.Error()
	case e.Answer != nil:
		why = "answered HTTP " + strconv.Itoa(e.Answer.HTTPStatus)
		if e.Answer.Message != "" {
			why += ": " + e.Answer.Message
		}
	}
	tail := "it was not retried"
	if e.resent {
		tail = "it was resent with its checksum and still could not be settled"
	}
	return "portone: " + e.Operation + " (" + e.Method + " " + e.Path + "): outcome unknown, the request may or may not have been carried out (" +
		why + "); " + tail + ": look the payment up by merchant_uid (e.g. GetPaymentByMerchantUIDAnyStatus) before sending it again"
}

// Unwrap lets errors.Is match ErrOutcomeUnknown and the cause
// (context.Canceled, a net.Error...).
func (e *OutcomeUnknownError) Unwrap() []error {
	if e.Cause == nil {
		return []error{ErrOutcomeUnknown}
	}
	return []error{ErrOutcomeUnknown, e.Cause}
}

// noTokenError is ErrNoToken with its cause: the text says once that the
// request was not sent and then why, without the cause's own "portone: "
// (the operation's error already starts with it).
type noTokenError struct{ cause error }

func (e *noTokenError) Error() string {
	// No colon right after "token": the scrubber, which reads this text,
	// would take the next word for a token's value.
	return "not sent (no access token); " + strings.TrimPrefix(e.cause.Error(), "portone: ")
}

func (e *noTokenError) Unwrap() []error { return []error{ErrNoToken, e.cause} }

// renewError: the request was answered 401 and no new token could be had
// to send it again. The request itself was refused, so it is
// ErrUnauthorized (getToken's answer in cause matches no sentinel).
type renewError struct{ cause error }

func (e *renewError) Error() string {
	return "HTTP 401, and renewing the access token failed; " + strings.TrimPrefix(e.cause.Error(), "portone: ")
}

func (e *renewError) Is(target error) bool { return target == ErrUnauthorized }
func (e *renewError) Unwrap() error        { return e.cause }

// partialResult is the error returned next to the data of an HTTP 207.
type partialResult struct {
	op      *operation
	message string
}

func (e *partialResult) Error() string {
	s := "portone: " + e.op.ID + ": HTTP 207: only part of what was asked for was returned"
	if e.message != "" {
		s += ": " + e.message
	}
	return s
}

func (e *partialResult) Is(target error) bool { return target == ErrPartialResult }

// scrubbedError shows its cause's text with credentials blanked out, for
// causes whose text may quote what the server sent back.
type scrubbedError struct {
	text  string
	cause error
}

func (e *scrubbedError) Error() string { return e.text }
func (e *scrubbedError) Unwrap() error { return e.cause }
