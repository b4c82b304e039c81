package portone

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// A Go block of the README or of docs/*.md is a function body; the marker
// before it names the variables it takes as given, as a Go parameter list:
//
//	<!-- go-snippet: ctx context.Context, impUID string -->
const snippetMarker = "<!-- go-snippet: "

type snippet struct {
	file   string // the Markdown file, relative to the repository
	line   int    // its line of the block's first line of code
	params string
	code   string
}

// isGoFence tells whether line opens a fenced block that a reader takes for
// Go, whatever its spelling (indented, ~~~, golang, an info string after the
// language), so that no spelling lets a Go block escape the check.
func isGoFence(line string) bool {
	trimmed := strings.TrimLeft(line, " ")
	if !strings.HasPrefix(trimmed, "```") && !strings.HasPrefix(trimmed, "~~~") {
		return false
	}
	lang, _, _ := strings.Cut(strings.TrimLeft(trimmed, "`~ "), " ")
	return strings.EqualFold(lang, "go") || strings.EqualFold(lang, "golang")
}

// docSnippets returns every Go block of doc, the text of the Markdown file
// named file, with its marker; a block without one is an error, so a new
// block cannot escape the check.
func docSnippets(file, doc string) ([]snippet, error) {
	lines := strings.Split(doc, "\n")
	var out []snippet
	for i := 0; i < len(lines); i++ {
		if !isGoFence(lines[i]) {
			continue
		}
		if lines[i] != "```go" {
			return nil, fmt.Errorf("%s:%d: a Go block opens with %q; write \"```go\" at the start of the line", file, i+1, lines[i])
		}
		if i == 0 || !strings.HasPrefix(lines[i-1], snippetMarker) || !strings.HasSuffix(lines[i-1], " -->") {
			return nil, fmt.Errorf("%s:%d: a Go block without a %q...\" -->\" line before it (not Go? mark it with its language)", file, i+1, snippetMarker)
		}
		params := strings.TrimSuffix(strings.TrimPrefix(lines[i-1], snippetMarker), " -->")
		end := i + 1
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("%s:%d: the Go block is not closed", file, i+1)
		}
		out = append(out, snippet{file: file, line: i + 2, params: params, code: strings.Join(lines[i+1:end], "\n")})
	}
	return out, nil
}

// documentedSnippets reads the README and every docs/*.md: the documents a
// user copies from.
func documentedSnippets() ([]snippet, error) {
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("no docs/*.md: run from the repository's root")
	}
	var all []snippet
	for _, file := range append([]string{"README.md"}, docs...) {
		doc, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		snippets, err := docSnippets(filepath.ToSlash(file), string(doc))
		if err != nil {
			return nil, err
		}
		all = append(all, snippets...)
	}
	return all, nil
}

// snippetFile is a Go file with one function per snippet; //line comments
// make the compiler report the Markdown file's lines, under repo (a
// relative name would be read from the scratch package's directory).
func snippetFile(repo string, snippets []snippet) string {
	var b strings.Builder
	b.WriteString(`package snippets

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
		fmt.Fprintf(&b, "\nfunc snippet%d(%s) error {\n//line %s:%d\n%s\n\treturn nil\n}\n", i, s.params, filepath.Join(repo, s.file), s.line, s.code)
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
	mod := "module docsnippets\n\ngo 1.26.0\n\nrequire github.com/portone-community/portone-v1-go v0.0.0\n\nreplace github.com/portone-community/portone-v1-go => " + repo + "\n"
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"go.mod": []byte(mod), "go.sum": sum}
	for name, snippets := range packages {
		files[filepath.Join(name, "snippets.go")] = []byte(snippetFile(repo, snippets))
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
	// The packages are vetted at once, each in its own go vet: one run's
	// output then belongs to one package, and the test takes as long as
	// the slowest run, not their sum.
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results = map[string]error{}
	)
	for name := range packages {
		wg.Go(func() {
			cmd := exec.Command("go", "vet", "./"+name)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
			if out, err := cmd.CombinedOutput(); err != nil {
				mu.Lock()
				results[name] = fmt.Errorf("%w\n%s", err, out)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return results
}

// The Go blocks of the README and of docs/*.md compile and pass go vet in a
// module of their own, as a user pastes them: the quick start of both once
// declared variables it never used, which no test noticed. Negative
// controls: a block that declares an unused variable fails, with its file
// and line; a block without a marker, or a Go block spelled another way, is
// an error.
func TestDocSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on a module of its own")
	}
	snippets, err := documentedSnippets()
	if err != nil {
		t.Fatal(err)
	}
	perFile := map[string]int{}
	for _, s := range snippets {
		perFile[s.file]++
	}
	if perFile["README.md"] < 4 || perFile["docs/fake.md"] < 1 {
		t.Fatalf("Go blocks per file %v, want the 4 of the README's usage, errors, webhooks and fake, and docs/fake.md's in-process one", perFile)
	}
	broken := []snippet{{file: "docs/broken.md", line: 7, params: "t *testing.T", code: "srv, err := fake.Start(fake.Config{})\nif err != nil { t.Fatal(err) }"}}
	results := vetSnippets(t, map[string][]snippet{"good": snippets, "broken": broken})
	if err := results["good"]; err != nil {
		t.Errorf("Go blocks of README.md or docs/*.md do not compile or vet:\n%v", err)
	}
	if err := results["broken"]; err == nil || !strings.Contains(err.Error(), "docs/broken.md:7") || !strings.Contains(err.Error(), "declared and not used") {
		t.Errorf("negative control: an unused variable was not reported at docs/broken.md:7: %v", err)
	}
	if _, err := docSnippets("docs/x.md", "text\n```go\nx := 1\n```\n"); err == nil || !strings.Contains(err.Error(), "docs/x.md:2") {
		t.Errorf("negative control: a block without a marker was not refused at docs/x.md:2: %v", err)
	}
	for _, fence := range []string{"```Go", "```golang", "```go title", "  ```go", "~~~go"} {
		doc := snippetMarker + "t *testing.T -->\n" + fence + "\nx := 1\n```\n"
		if _, err := docSnippets("docs/x.md", doc); err == nil {
			t.Errorf("negative control: a Go block opened with %q was accepted, unchecked", fence)
		}
	}
}
