package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/portone-community/portone-v1-go/openapi"
)

func main() {
	client := flag.String("client", "../generated/portone.gen.go", "oapi-codegen output to read")
	generatedImport := flag.String("import", "github.com/portone-community/portone-v1-go/generated", "import path of that output's package")
	out := flag.String("out", "operations.gen.go", "file to write")
	flag.Parse()
	if err := run(*client, *generatedImport, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wrapper/internal/gen:", err)
		os.Exit(1)
	}
}

func run(clientFile, generatedImport, out string) error {
	src, err := os.ReadFile(clientFile)
	if err != nil {
		return err
	}
	doc, err := openapi.Load(context.Background())
	if err != nil {
		return err
	}
	code, err := generate(doc, clientFile, src, generatedImport)
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
func generate(doc *openapi3.T, clientFile string, clientSrc []byte, generatedImport string) ([]byte, error) {
	gs, err := parseGoSource(clientFile, clientSrc)
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
