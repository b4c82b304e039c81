// Package fake is an in-memory PortOne V1 server for tests and local
// development: the same routes, envelopes, HTTP statuses and token rules as
// api.iamport.kr, generated from the same OpenAPI description as the client,
// with a controllable clock, seeding and fault injection.
//
// Start one in a test:
//
//	srv, err := fake.Start(fake.Config{})
//	if err != nil { t.Fatal(err) }
//	defer srv.Close()
//	// point the client at srv.URL(), log in with srv.APIKey() / srv.APISecret()
//
// The same server runs standalone for other languages with
// `go run ./cmd/portone-fake`; its test-only controls live under /__fake/
// and are not part of the public API description.
//
// The browser half is served too (docs/browser.md): PortOne's SDK at
// /v1/iamport.js, the payment window it opens (/__fake/window), whose
// buttons store payments through the same code as the API, and a dashboard
// at /__fake/.
//
// Every operation of the description answers. Those without emulation answer
// HTTP 501 with a V1 envelope naming the operation; EmulatedOperations lists
// the others; `make generate` writes that list into docs/fake.md.
package fake

//go:generate go run ../cmd/portone-fake -operations -readme ../docs/fake.md
