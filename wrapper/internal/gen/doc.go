// Command gen writes wrapper/operations.gen.go: one method on wrapper.Client
// per operation of openapi/portone-v1.yaml, plus a page iterator for every
// operation whose payload is a page (total, previous, next, list).
//
// It reads two inputs and cross-checks them: the spec (through package
// openapi, for which operations exist, their HTTP method, security and
// envelope schema) and the oapi-codegen output in generated/ (parsed with
// go/ast, for the exact Go spelling of every method, parameter and payload
// type). Anything it cannot map one-to-one — an operation whose success
// answer is not a $ref to an XxxEnvelope schema, an envelope without code,
// message and response, a paged payload without a page parameter — stops
// generation with an error naming the operation, so a spec change never
// silently drops a method.
//
// Run through `go generate ./wrapper` (see wrapper/generate.go).
package main
