// Package portone is the root of the PortOne V1 Go client module. The code
// that services import lives in the wrapper package; generated holds the
// oapi-codegen output built from openapi/portone-v1.yaml.
//
// Run `make generate` (or `go generate ./...`) after editing the spec.
package portone

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config generated/oapi-codegen-models.yaml openapi/portone-v1.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config generated/oapi-codegen-client.yaml openapi/portone-v1.yaml

// Kind and Is<Branch> methods for the oneOf unions (BillingKey), which
// oapi-codegen's As<Branch> methods cannot tell apart; see internal/unionsgen.
//go:generate go run ./internal/unionsgen -models generated/models.gen.go -out generated/unions.gen.go

// The fake server's routing layer. It is generated here, before the
// packages below the root, so that later go:generate steps (the fake's
// list of emulated operations in docs/fake.md) compile against fresh stubs.
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config fake/internal/api/oapi-codegen.yaml openapi/portone-v1.yaml
