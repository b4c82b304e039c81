package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/portone-community/portone-v1-go/fake"
)

// The block of docs/fake.md that lists the emulated operations, rewritten by
// `portone-fake -operations -readme docs/fake.md` (a go:generate step of
// package fake, so `make generate` keeps it current).
const (
	blockStart = "<!-- fake:operations -->\n"
	blockEnd   = "<!-- /fake:operations -->"
)

// rewriteOperationsBlock returns readme with the block between the markers
// replaced by table.
func rewriteOperationsBlock(readme []byte, table string) ([]byte, error) {
	i := bytes.Index(readme, []byte(blockStart))
	j := bytes.Index(readme, []byte(blockEnd))
	if i < 0 || j < i {
		return nil, fmt.Errorf("no %q ... %q block", blockStart[:len(blockStart)-1], blockEnd)
	}
	var out bytes.Buffer
	out.Write(readme[:i+len(blockStart)])
	out.WriteString(table)
	out.Write(readme[j:])
	return out.Bytes(), nil
}

func updateREADME(path string) error {
	readme, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	table, err := fake.OperationsMarkdown()
	if err != nil {
		return err
	}
	out, err := rewriteOperationsBlock(readme, table)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(out, readme) {
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}
