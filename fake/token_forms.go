package fake

import (
	"net/http"
	"strings"
)

// accessToken reads the token of a request in every form api.iamport.kr
// reads, first match wins (Authorization is the one the server prefers):
//
//   - "Authorization: Bearer <t>", the scheme in any case: the spec's
//     bearer security scheme, PortOne's TypeScript client.
//   - "Authorization: <t>", the token alone: PortOne's docs ("Authorization:
//     access_token"), iamport/go-iamport util/util.go, the Java, Python and
//     Ruby clients, npm iamport and iamporter.
//   - "X-ImpTokenHeader: <t>": the older header, also in PortOne's docs
//     text, still sent by iamport-rest-client-php, gongdo's .NET client,
//     kde713/iamporter-python and the Python client before 2021 (its PR #41).
//   - "?_token=<t>": what iamport-rest-client-ruby sent until 2016; its
//     issue #2 has PortOne's developer saying the server takes both the
//     query and Authorization, Authorization first.
func accessToken(r *http.Request) string {
	if h := strings.TrimSpace(r.Header.Get("Authorization")); h != "" {
		const scheme = "bearer "
		if len(h) > len(scheme) && strings.EqualFold(h[:len(scheme)], scheme) {
			return strings.TrimSpace(h[len(scheme):])
		}
		return h
	}
	if h := strings.TrimSpace(r.Header.Get("X-ImpTokenHeader")); h != "" {
		return h
	}
	return r.URL.Query().Get("_token")
}
