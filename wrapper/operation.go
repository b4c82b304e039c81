package wrapper

import "context"

// operation names one operation of the spec; the generated methods pass it
// along so that errors say which call failed.
type operation struct {
	ID     string // operationId, e.g. getPaymentByImpUid
	GoName string // the method's name, e.g. GetPaymentByImpUID
	Method string
	Path   string // path template, e.g. /payments/{imp_uid}
}

// repeatable reports whether the request may be sent again after a network
// error or a 5xx without risking a second effect: reads, and getToken,
// which hands back the same token while it is valid (recordings 003, 005:
// a token reused with 1081-1628 s left).
func (op *operation) repeatable() bool {
	return replayable(op.Method) || op.ID == opGetToken.ID
}

// replayable reports whether a request with this method may be sent again
// after a network error or a 5xx.
func replayable(method string) bool {
	return method == "GET" || method == "HEAD"
}

type operationKey struct{}

// OperationID returns the spec's operationId (e.g. "cancelPayment") of the
// call whose request carries ctx, or "". It is there for an
// http.RoundTripper in Config.HTTPClient: a tracing transport can name its
// spans after the operation instead of the URL.
func OperationID(ctx context.Context) string {
	if c, ok := ctx.Value(operationKey{}).(*callState); ok {
		return c.op.ID
	}
	return ""
}
