package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/portone-community/portone-v1-go/openapi"
)

func main() {
	dir := flag.String("generated", "../generated", "directory of the oapi-codegen output (its *.gen.go files are read)")
	generatedImport := flag.String("import", "github.com/portone-community/portone-v1-go/generated", "import path of that output's package")
	out := flag.String("out", "operations.gen.go", "file to write")
	flag.Parse()
	if err := run(*dir, *generatedImport, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wrapper/internal/gen:", err)
		os.Exit(1)
	}
}

func run(dir, generatedImport, out string) error {
	files, err := readGoFiles(dir)
	if err != nil {
		return err
	}
	doc, err := openapi.Load(context.Background())
	if err != nil {
		return err
	}
	code, err := generate(doc, files, generatedImport)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, code) {
		return nil // leave the file (and its mtime) alone
	}
	return os.WriteFile(out, code, 0o644)
}

// generate is the whole generator minus file I/O, so tests can feed it
// altered specs.
func generate(doc *openapi3.T, files []goFile, generatedImport string) ([]byte, error) {
	gs, err := parseGoSource(files)
	if err != nil {
		return nil, err
	}
	imp := imports{}
	ops, err := buildOperations(doc, gs, imp)
	if err != nil {
		return nil, fmt.Errorf("cannot map the spec onto wrapper methods:\n%w", err)
	}
	imp[gs.pkg] = generatedImport
	return render(ops, imp)
}

// goFile is one source file of the oapi-codegen output.
type goFile struct {
	Name string
	Src  []byte
}

// readGoFiles reads the *.gen.go files of dir in name order: oapi-codegen
// writes the models and the client into separate files of one package.
func readGoFiles(dir string) ([]goFile, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.gen.go file in %s", dir)
	}
	files := make([]goFile, 0, len(names))
	for _, name := range names { // Glob sorts
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files = append(files, goFile{Name: name, Src: src})
	}
	return files, nil
}
