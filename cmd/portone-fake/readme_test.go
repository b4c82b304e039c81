package main

import (
	"os"
	"strings"
	"testing"

	"github.com/portone-community/portone-v1-go/fake"
)

// The list in docs/fake.md of emulated operations is the one fake.Operations
// computes.
func TestREADMEListsEmulatedOperations(t *testing.T) {
	readme, err := os.ReadFile("../../docs/fake.md")
	if err != nil {
		t.Fatal(err)
	}
	table, err := fake.OperationsMarkdown()
	if err != nil {
		t.Fatal(err)
	}
	want, err := rewriteOperationsBlock(readme, table)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(readme) {
		t.Fatalf("docs/fake.md's operations block is stale: run `make generate`. It should read:\n%s", table)
	}
}

func TestRewriteOperationsBlock(t *testing.T) {
	in := "intro\n" + blockStart + "old list\n" + blockEnd + "\nrest\n"
	got, err := rewriteOperationsBlock([]byte(in), "new list\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n" + blockStart + "new list\n" + blockEnd + "\nrest\n"; string(got) != want {
		t.Fatalf("got %q", got)
	}
	for _, broken := range []string{"no markers", blockEnd + blockStart} {
		if _, err := rewriteOperationsBlock([]byte(broken), "x"); err == nil || !strings.Contains(err.Error(), "block") {
			t.Errorf("%q: want a missing-block error, got %v", broken, err)
		}
	}
}
