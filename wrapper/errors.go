package wrapper

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

var (
	// ErrPartialResult is reported (with errors.Is) together with the data
	// when PortOne answered HTTP 207: the method's result holds what was
	// found, and some of what was asked for is missing.
	ErrPartialResult = errors.New("portone: partial result (HTTP 207): some requested items were not returned")

	// ErrOutcomeUnknown is reported (with errors.Is) when a request that can
	// change state was sent but no trustworthy answer came back. See
	// OutcomeUnknownError.
	ErrOutcomeUnknown = errors.New("portone: outcome unknown")

	// ErrMalformedResponse is reported (with errors.Is, through *APIError)
	// when a body is not a PortOne envelope: HTML from a proxy, an empty
	// body, cut-off JSON, or a response of an unexpected shape.
	ErrMalformedResponse = errors.New("portone: body is not a PortOne envelope")
)

// APIError is a failure PortOne (or a proxy in front of it) answered: an
// envelope whose code is not 0, whatever the HTTP status, or a body that
// is not an envelope at all. Use errors.As to reach it.
type APIError struct {
	// Operation is the spec's operationId, e.g. "getPaymentByImpUid";
	// Method and Path (the path template) say which request it was.
	Operation, Method, Path string

	// HTTPStatus is the HTTP status code of the answer.
	HTTPStatus int

	// Code is the envelope's code (-1 for most failures, 1 for some
	// refusals that come with HTTP 200); 0 when the body was not an
	// envelope.
	Code int

	// Message is the envelope's message, usually in Korean.
	Message string

	// Snippet is the start of a body that was not an envelope, with
	// anything that looks like a token or secret blanked out.
	Snippet string

	err error // why the body could not be read as an envelope
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("portone: ")
	b.WriteString(e.Operation)
	if e.Method != "" {
		b.WriteString(" (" + e.Method + " " + e.Path + ")")
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
	return b.String()
}

// Unwrap gives the decoding failure, which wraps ErrMalformedResponse, when
// the body was not an envelope.
func (e *APIError) Unwrap() error { return e.err }

// OutcomeUnknownError says that a request which can change state (cancel,
// prepare, a billing-key payment...) may or may not have taken effect:
// the connection failed after the request could have reached PortOne, the
// context ended while waiting for the answer, or PortOne (or a proxy)
// answered with a 5xx. The wrapper never sends such a request twice. Find
// out what happened before trying again: look the payment up by its
// merchant_uid (GetPaymentByMerchantUIDAnyStatus, or the matching lookup
// for other objects) and act on what you see.
type OutcomeUnknownError struct {
	Operation, Method, Path string
	Err                     error // the network error, context error or *APIError
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("portone: %s (%s %s): outcome unknown, the request may or may not have been carried out (%v); "+
		"it was not retried: look the payment up by merchant_uid (e.g. GetPaymentByMerchantUIDAnyStatus) before sending it again",
		e.Operation, e.Method, e.Path, e.Err)
}

// Unwrap lets errors.Is match ErrOutcomeUnknown and the cause
// (context.Canceled, a net.Error, an *APIError...).
func (e *OutcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.Err} }

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
