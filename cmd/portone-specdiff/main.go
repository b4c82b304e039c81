package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/oasdiff/oasdiff/checker"

	"github.com/portone-community/portone-v1-go/openapi"
)

const specPath = "openapi/portone-v1.yaml"

func main() {
	base := flag.String("base", "main", "git ref holding the spec to compare against")
	flag.Parse()
	code, err := run(*base, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "portone-specdiff:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

// run compares the working tree's spec with the one at ref and writes the
// report to w. It returns the exit code: 1 when a change is an error.
func run(ref string, w io.Writer) (int, error) {
	old, err := exec.Command("git", "show", ref+":"+specPath).Output()
	if err != nil {
		return 0, fmt.Errorf("git show %s:%s: %w", ref, specPath, err)
	}
	// openapi.Spec is the working tree's file as of this build (go run
	// compiles it in), so the command works from any directory of the repo.
	changes, err := breakingChanges(old, openapi.Spec, ref+":"+specPath, specPath)
	if err != nil {
		return 0, err
	}
	return report(changes, ref, w), nil
}

// report prints changes and returns 1 when one of them is an error.
func report(changes checker.Changes, ref string, w io.Writer) int {
	if len(changes) == 0 {
		fmt.Fprintf(w, "no breaking changes against %s\n", ref)
		return 0
	}
	l := checker.NewDefaultLocalizer()
	count := changes.GetLevelCount()
	fmt.Fprintf(w, "%d breaking change(s) against %s: %d error(s), %d warning(s)\n",
		len(changes), ref, count[checker.ERR], count[checker.WARN])
	for _, c := range changes {
		fmt.Fprintln(w, strings.TrimSpace(c.SingleLineError(l, checker.ColorNever)))
	}
	if changes.HasLevelOrHigher(checker.ERR) {
		return 1
	}
	return 0
}
