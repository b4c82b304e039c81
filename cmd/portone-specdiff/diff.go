package main

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// breakingChanges compares two versions of a spec and returns oasdiff's
// breaking changes of revision against base. The names label the two
// sides in the report.
func breakingChanges(base, revision []byte, baseName, revisionName string) (checker.Changes, error) {
	// A loader caches documents by path, so each side gets its own.
	s1, err := load.NewSpecInfoFromData(openapi3.NewLoader(), base, baseName)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", baseName, err)
	}
	s2, err := load.NewSpecInfoFromData(openapi3.NewLoader(), revision, revisionName)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", revisionName, err)
	}
	d, sources, err := diff.GetPathsDiff(diff.NewConfig(), []*load.SpecInfo{s1}, []*load.SpecInfo{s2})
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	return checker.CheckBackwardCompatibility(checker.NewConfig(checker.GetAllChecks()), d, sources), nil
}
