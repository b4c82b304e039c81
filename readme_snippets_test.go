package portone

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A Go block of README.md is a function body; the marker before it names
// the variables it takes as given, as a Go parameter list:
//
//	<!-- go-snippet: ctx context.Context, impUID string -->
const snippetMarker = "<!-- go-snippet: "

type snippet struct {
	line   int // README line of the block's first line of code
	params string
	code   string
}

// readmeSnippets returns every ```go block of doc with its marker; a block
// without one is an error, so a new block cannot escape the check.
func readmeSnippets(doc string) ([]snippet, error) {
	lines := strings.Split(doc, "\n")
	var out []snippet
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```go" {
			continue
		}
		if i == 0 || !strings.HasPrefix(lines[i-1], snippetMarker) || !strings.HasSuffix(lines[i-1], " -->") {
			return nil, fmt.Errorf("README.md:%d: a Go block without a %q...\" -->\" line before it", i+1, snippetMarker)
		}
		params := strings.TrimSuffix(strings.TrimPrefix(lines[i-1], snippetMarker), " -->")
		end := i + 1
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("README.md:%d: the Go block is not closed", i+1)
		}
		out = append(out, snippet{line: i + 2, params: params, code: strings.Join(lines[i+1:end], "\n")})
	}
	if len(out) == 0 {
		return nil, errors.New("README.md has no Go block")
	}
	return out, nil
}

// snippetFile is a Go file with one function per snippet; //line comments
// make the compiler report README.md's lines.
func snippetFile(snippets []snippet) string {
	var b strings.Builder
	b.WriteString(`package readme

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/portone-community/portone-v1-go/fake"
	"github.com/portone-community/portone-v1-go/generated"
	"github.com/portone-community/portone-v1-go/wrapper"
)

var (
	_ = context.Background
	_ = errors.Is
	_ = http.StatusOK
	_ = testing.Short
	_ = time.Second
	_ = fake.Start
	_ = generated.PaymentStatusPaid
	_ = wrapper.New
)

// orderStore is the shop's own order storage the webhook snippet calls.
type orderStore interface {
	Find(ctx context.Context, merchantUID string) (struct {
		ID    string
		Total float64
	}, error)
	Flag(ctx context.Context, id string, why error) error
	MarkPaid(ctx context.Context, id, impUID string) error
}
`)
	for i, s := range snippets {
		fmt.Fprintf(&b, "\nfunc snippet%d(%s) error {\n//line README.md:%d\n%s\n\treturn nil\n}\n", i, s.params, s.line, s.code)
	}
	return b.String()
}

// vetSnippets writes a module that requires this one (a replace to the
// repository, the way the README tells users to) with the snippets as
// packages, and runs go vet on each, offline.
func vetSnippets(t *testing.T, packages map[string][]snippet) map[string]error {
	t.Helper()
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mod := "module readmecheck\n\ngo 1.26.0\n\nrequire github.com/portone-community/portone-v1-go v0.0.0\n\nreplace github.com/portone-community/portone-v1-go => " + repo + "\n"
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"go.mod": []byte(mod), "go.sum": sum}
	for name, snippets := range packages {
		files[filepath.Join(name, "readme.go")] = []byte(snippetFile(snippets))
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	results := map[string]error{}
	for name := range packages {
		cmd := exec.Command("go", "vet", "./"+name)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			results[name] = fmt.Errorf("%w\n%s", err, out)
		}
	}
	return results
}

// The README's Go blocks compile and pass go vet in a module of their own,
// as a user pastes them: the quick start once declared variables it never
// used, which no test noticed. Negative controls: a block that declares an
// unused variable fails, with README.md's line; a block without a marker is
// an error.
func TestREADMESnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on a module of its own")
	}
	doc, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	snippets, err := readmeSnippets(string(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(snippets) < 4 {
		t.Fatalf("%d Go blocks, want the 4 of usage, errors, webhooks and the fake", len(snippets))
	}
	broken := []snippet{{line: 1, params: "t *testing.T", code: "srv, err := fake.Start(fake.Config{})\nif err != nil { t.Fatal(err) }"}}
	results := vetSnippets(t, map[string][]snippet{"good": snippets, "broken": broken})
	if err := results["good"]; err != nil {
		t.Errorf("README.md's Go blocks do not compile or vet:\n%v", err)
	}
	if err := results["broken"]; err == nil || !strings.Contains(err.Error(), "README.md:1") || !strings.Contains(err.Error(), "declared and not used") {
		t.Errorf("negative control: an unused variable was not reported at README.md:1: %v", err)
	}
	if _, err := readmeSnippets("text\n```go\nx := 1\n```\n"); err == nil {
		t.Error("negative control: a block without a marker was accepted")
	}
}
