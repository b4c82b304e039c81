//go:build tools

// This file pins the code generators this module runs, so that `go run`
// uses the versions recorded in go.mod and go.sum.
package portone

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	// oasdiff is also used as a library by cmd/portone-specdiff; pinning
	// its command keeps `go run github.com/oasdiff/oasdiff` on the same version.
	_ "github.com/oasdiff/oasdiff"
)
