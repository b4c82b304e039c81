package portone

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const (
	quickStartStart = "<!-- quickstart.ts -->\n```ts\n"
	quickStartEnd   = "```\n<!-- /quickstart.ts -->"
)

// quotedQuickStart returns the TypeScript block between the quickstart.ts
// markers of docs/other-languages.md.
func quotedQuickStart(doc string) (string, error) {
	_, rest, ok := strings.Cut(doc, quickStartStart)
	if !ok {
		return "", errors.New("no " + strings.TrimSpace(quickStartStart) + " block")
	}
	block, _, ok := strings.Cut(rest, quickStartEnd)
	if !ok {
		return "", errors.New("the quickstart.ts block is not closed")
	}
	return block, nil
}

// The quick start in docs/other-languages.md is the file that make test-ts
// type-checks and runs (consumers/typescript/quickstart.ts), character for
// character, so the documented code is code CI has compiled.
func TestQuickStartIsTheCheckedFile(t *testing.T) {
	doc, err := os.ReadFile("docs/other-languages.md")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile("consumers/typescript/quickstart.ts")
	if err != nil {
		t.Fatal(err)
	}
	quoted, err := quotedQuickStart(string(doc))
	if err != nil {
		t.Fatal(err)
	}
	if quoted != string(file) {
		t.Fatalf("docs/other-languages.md quotes a quick start that differs from consumers/typescript/quickstart.ts; paste the file between the markers:\n%s", file)
	}
}

// Negative controls: an edited quote differs from the file, and a doc
// without the markers is an error, not an empty quote.
func TestQuickStartQuoteDriftIsCaught(t *testing.T) {
	doc, err := os.ReadFile("docs/other-languages.md")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile("consumers/typescript/quickstart.ts")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(doc), "data.code === 0", "data.code == 0", 1)
	if quoted, err := quotedQuickStart(edited); err != nil || quoted == string(file) {
		t.Errorf("an edited quote was not told apart from the file (err %v)", err)
	}
	for _, broken := range []string{"no markers at all", quickStartStart + "never closed"} {
		if _, err := quotedQuickStart(broken); err == nil {
			t.Errorf("%q: want an error", broken)
		}
	}
}
