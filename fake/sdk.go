package fake

import (
	"embed"
	"net/http"
)

// assets holds what the fake serves to browsers: the SDK, the payment
// window and the dashboard templates. Plain files, no build step.
//
//go:embed assets
var assets embed.FS

// sdkPath is where PortOne's CDN serves the V1 browser SDK
// (https://cdn.iamport.kr/v1/iamport.js); the fake serves its own SDK at
// the same path, so a shop's page changes only the host.
const sdkPath = "/v1/iamport.js"

// DefaultUserCode is the merchant identification code (가맹점 식별코드) the
// payment window accepts from IMP.init when Config leaves it empty.
const DefaultUserCode = "imp00000000"

func serveSDK(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, http.StatusMethodNotAllowed, codeFailure, "portone-fake: method not allowed")
		return
	}
	js, err := assets.ReadFile("assets/iamport.js")
	if err != nil {
		writeError(w, http.StatusInternalServerError, codeFailure, "portone-fake: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	// Any shop origin may load it, as from the CDN.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(js)
}

// UserCode is the merchant identification code IMP.init must be given.
func (s *Server) UserCode() string { return s.userCode }
