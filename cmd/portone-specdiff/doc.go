// Command portone-specdiff reports the breaking changes of
// openapi/portone-v1.yaml against the same file at an earlier git ref, with
// oasdiff, so that an edit that would break code generated from an older
// spec is visible in review.
//
//	go run ./cmd/portone-specdiff -base main
//	make spec-diff BASE=v0.1.0
//
// It prints every breaking change (errors and warnings) and exits 1 when
// at least one is an error, 0 otherwise.
package main
