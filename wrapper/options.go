package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// CallOption changes one call, after the Client's Config: every method
// takes them last, e.g.
//
//	c.GetPaymentByImpUID(ctx, id, nil, wrapper.WithTier("T01"))
type CallOption func(*callOptions)

type callOptions struct {
	header http.Header
	tier   *string
	retry  *retryPolicy
}

// WithHeader adds a header to the call's request (sent after the client's
// own headers, so it can replace User-Agent or Tier, not Authorization).
func WithHeader(key, value string) CallOption {
	return func(o *callOptions) {
		if o.header == nil {
			o.header = http.Header{}
		}
		o.header.Add(key, value)
	}
}

// WithTier sends the call for the sub-merchant tier code instead of
// Config.Tier; WithTier("") sends it for the main merchant.
func WithTier(tier string) CallOption {
	return func(o *callOptions) { o.tier = &tier }
}

// WithRetry replaces Config.Retry for the call (reads only: requests that
// can change state are never retried).
func WithRetry(p RetryPolicy) CallOption {
	return func(o *callOptions) {
		r := p.resolve()
		o.retry = &r
	}
}

// callState travels in the request's context from the method to the
// request editors and the transport.
type callState struct {
	op   *operation
	opts callOptions
}

func withCall(ctx context.Context, op *operation, opts []CallOption) context.Context {
	st := &callState{op: op}
	for _, o := range opts {
		o(&st.opts)
	}
	return context.WithValue(ctx, operationKey{}, st)
}

func callOf(ctx context.Context) *callState {
	st, _ := ctx.Value(operationKey{}).(*callState)
	return st
}

// prepareCall is the request editor that runs first, before the token is
// fetched: it stops a request with an empty path parameter from leaving,
// and sends the User-Agent, the tier and the call's own headers.
func prepareCall(tier string) func(context.Context, *http.Request) error {
	return func(ctx context.Context, req *http.Request) error {
		req.Header.Set("User-Agent", UserAgent)
		var opts callOptions
		if st := callOf(ctx); st != nil {
			opts = st.opts
			if name := emptyPathParam(st.op.Path, req.URL.EscapedPath()); name != "" {
				return fmt.Errorf("%s is empty, so nothing was sent", name)
			}
		}
		t := tier
		if opts.tier != nil {
			t = *opts.tier
		}
		if t != "" {
			req.Header.Set("Tier", t)
		} else {
			req.Header.Del("Tier")
		}
		for k, vs := range opts.header {
			if http.CanonicalHeaderKey(k) == "Authorization" {
				continue
			}
			req.Header.Del(k)
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
		return nil
	}
}

// emptyPathParam names the parameter of template (e.g. "/payments/{imp_uid}")
// that is empty in path, or returns "". An empty id (an imp_uid the front
// end never sent) makes GET /payments/, which the server answers as
// something else (404, or another route), far from the mistake. Segments
// are matched from the end: path may start with BaseURL's own path.
func emptyPathParam(template, path string) string {
	want := strings.Split(template, "/")
	got := strings.Split(path, "/")
	if len(got) < len(want) {
		return ""
	}
	got = got[len(got)-len(want):]
	for i, seg := range want {
		if strings.HasPrefix(seg, "{") && got[i] == "" {
			return strings.Trim(seg, "{}")
		}
	}
	return ""
}
