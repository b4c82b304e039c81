// Package openapi holds the project's OpenAPI 3.0.3 description of PortOne's
// V1 REST API (portone-v1.yaml) and hands it to Go code that needs it at run
// time, such as request validation in the fake server and the contract tests.
//
// The file itself is the product: other languages read portone-v1.yaml
// directly.
package openapi

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// Spec is the YAML text of openapi/portone-v1.yaml.
//
//go:embed portone-v1.yaml
var Spec []byte

// Load parses and validates the description. The document is
// self-contained, so no external reference is ever fetched.
func Load(ctx context.Context) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData(Spec)
	if err != nil {
		return nil, fmt.Errorf("openapi: parse portone-v1.yaml: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("openapi: validate portone-v1.yaml: %w", err)
	}
	return doc, nil
}
