//go:build tools

// Package tools pins ogen, the strict Go generator that `make test-ogen`
// runs over the spec (see run.sh).
package tools

import _ "github.com/ogen-go/ogen/cmd/ogen"
