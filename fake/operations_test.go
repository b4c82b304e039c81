package fake_test

import (
	"os"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
)

// The README's list of emulated operations is the one Operations
// computes; this test keeps them equal.
func TestREADMEListsEmulatedOperations(t *testing.T) {
	const start, end = "<!-- fake:operations -->\n", "<!-- /fake:operations -->"
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q block", strings.TrimSpace(start), end)
	}
	want, err := fake.OperationsMarkdown()
	if err != nil {
		t.Fatal(err)
	}
	if got := text[i+len(start) : j]; got != want {
		t.Fatalf("README.md's operations block is stale; replace it with the output of `go run ./cmd/portone-fake -operations`:\n%s", want)
	}
}

func TestOperationsCoverTheSpec(t *testing.T) {
	ops, err := fake.Operations()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, op := range ops {
		if seen[op.ID] {
			t.Errorf("operation %s listed twice", op.ID)
		}
		seen[op.ID] = true
	}
	for _, id := range []string{"getToken", "getPaymentByImpUid", "cancelPayment", "preparePayment", "getPaymentsByStatus"} {
		if !seen[id] {
			t.Errorf("%s missing from Operations", id)
		}
	}
}
