package wrapper

// operation names one operation of the spec; the generated methods pass it
// along so that errors say which call failed.
type operation struct {
	ID     string // operationId, e.g. getPaymentByImpUid
	GoName string // the method's name, e.g. GetPaymentByImpUID
	Method string
	Path   string // path template, e.g. /payments/{imp_uid}
}

// replayable reports whether the request may be sent again after a network
// error or a 5xx without risking a second effect.
func replayable(method string) bool {
	return method == "GET" || method == "HEAD"
}
