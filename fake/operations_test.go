package fake_test

import (
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
)

// TestOperationsCoverTheSpec holds Operations to the spec: each operation
// of the spec once, with its method and path, and nothing else.
func TestOperationsCoverTheSpec(t *testing.T) {
	ops, err := fake.Operations()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := sharedSpec()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // operationId -> "METHOD path"
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			want[op.OperationID] = method + " " + path
		}
	}
	seen := map[string]bool{}
	for _, op := range ops {
		if seen[op.ID] {
			t.Errorf("operation %s listed twice", op.ID)
		}
		seen[op.ID] = true
		if route, ok := want[op.ID]; !ok || route != op.Method+" "+op.Path {
			t.Errorf("%s listed at %s %s, the spec has it at %q", op.ID, op.Method, op.Path, route)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s missing from Operations", id)
		}
	}
	if len(want) < 13 {
		t.Fatalf("only %d operations in the spec; the walk is broken", len(want))
	}
}
