//go:build tools

// This file pins the code generators this module runs, so that `go run`
// uses the versions recorded in go.mod and go.sum.
package portone

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
