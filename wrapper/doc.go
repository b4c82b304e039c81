// Package wrapper is what Go services import to call PortOne's V1 REST API
// (api.iamport.kr): one method per operation of openapi/portone-v1.yaml,
// built on the oapi-codegen client in package generated, with the chores
// of that API done for the caller.
//
// Start with New (the REST API key and secret from the console), then
// VerifyPayment after the payment window, Refund, Again for billing keys
// and HandleWebhook for the notice_url; the Client's documentation lists
// the method for each task, and every example runs against package fake,
// which tests can start instead of calling PortOne (Config.BaseURL).
//
//   - Tokens: the client exchanges Config.APIKey and Config.APISecret for an
//     access token when it first needs one, keeps it until shortly before it
//     expires (computing the expiry from the server's own clock), refreshes
//     it with a single request however many goroutines are waiting, and on a
//     401 drops it, gets a new one and sends the request once more.
//   - Envelopes: every answer is {code, message, response}. Methods return
//     the response typed; a non-zero code, whatever the HTTP status, is an
//     *APIError, and so is a body that is not an envelope at all (an HTML
//     page from a proxy, an empty or cut-off body). A method returns a nil
//     payload with a nil error only when PortOne answered code 0 with a
//     null response.
//   - Retries: reads (GET) are retried on connection errors, 429, 502, 503
//     and 504 with capped exponential backoff, jitter and Retry-After.
//     Requests that can change state or move money (POST, PUT, DELETE) are
//     never replayed after a network error or a 5xx: the caller gets an
//     *OutcomeUnknownError and must look the payment up before trying again.
//   - Paging: operations that answer pages {total, previous, next, list}
//     have an XxxIter method returning an iter.Seq2 that fetches pages as the
//     loop goes.
//   - Partial answers: GET /payments answers HTTP 207 when only some of the
//     requested payments were found. The method then returns those payments
//     together with an error for which errors.Is(err, ErrPartialResult) holds.
//   - The payment flow: VerifyPayment (or CheckPayment on a payment already
//     fetched) checks status, merchant_uid, currency and amount against the
//     shop's Order and returns a *MismatchError naming the field; Refund
//     cancels with a checksum and settles a lost answer itself; HandleWebhook
//     parses PortOne's notification, looks the payment up and hands both to
//     the shop's function.
//   - Errors: one switch over ErrOutcomeUnknown, ErrNotFound, ErrRefused,
//     ErrNoToken and ErrUnauthorized tells every case apart (the sentinels never
//     overlap; see ExampleAPIError); *APIError carries the answer's details.
//
// The per-operation methods are generated (operations.gen.go, written by
// wrapper/internal/gen from the spec and the generated client); everything
// else in the package is the hand-written machinery they share. For what
// the wrapper does not cover, Raw hands out the generated client, already
// authenticated.
//
// Secrets (APISecret, access tokens) never appear in errors or in the
// fmt output of any value of this package.
package wrapper
