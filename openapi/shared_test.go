package openapi_test

import (
	"context"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// loadShared is openapi.Load run once for the package: parsing the spec
// takes about a quarter of a second under -race, once per test it was most
// of the package's time. The tests that only read the spec share it; the
// tests that break a spec to see a check fail keep calling openapi.Load
// for a copy of their own, so no edit can leak into another test.
var loadShared = sync.OnceValues(func() (*openapi3.T, error) {
	return openapi.Load(context.Background())
})

// sharedDoc is the package's read-only spec; never edit what it returns.
func sharedDoc(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := loadShared()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
