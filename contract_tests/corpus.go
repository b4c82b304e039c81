package contracttests

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed testdata/recorded/*.json
var corpusFS embed.FS

// Source says where a recorded interaction comes from.
type Source struct {
	Kind         string `json:"kind"` // captured, issue-paste or docs-example
	RepoOrURL    string `json:"repo_or_url"`
	Path         string `json:"path"`
	CommitOrDate string `json:"commit_or_date"`
	Notes        string `json:"notes"`
}

// Interaction is one recorded request and the response it got.
type Interaction struct {
	File    string `json:"-"`
	Source  Source `json:"source"`
	Request struct {
		Method string            `json:"method"`
		Path   string            `json:"path"`
		Query  map[string]string `json:"query"`
	} `json:"request"`
	Response struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	} `json:"response"`
}

// Corpus returns every recorded interaction, ordered by file name.
func Corpus() ([]Interaction, error) {
	names, err := fs.Glob(corpusFS, "testdata/recorded/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Interaction, 0, len(names))
	for _, name := range names {
		raw, err := corpusFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var in Interaction
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		in.File = path.Base(name)
		out = append(out, in)
	}
	return out, nil
}

// Recording returns the interaction whose file name starts with prefix
// (for example "011"), or an error if there is not exactly one.
func Recording(prefix string) (Interaction, error) {
	all, err := Corpus()
	if err != nil {
		return Interaction{}, err
	}
	var found []Interaction
	for _, in := range all {
		if strings.HasPrefix(in.File, prefix) {
			found = append(found, in)
		}
	}
	if len(found) != 1 {
		return Interaction{}, fmt.Errorf("recording %q: %d matches", prefix, len(found))
	}
	return found[0], nil
}
