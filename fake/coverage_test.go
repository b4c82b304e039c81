package fake_test

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/portone-community/portone-v1-go/wrapper"
)

// Issue 10 item 2: every operation of the spec is exercised through the
// wrapper in this package's tests, and its answer passes the contract
// checker. The harness's checkedTransport records, for each request a
// wrapper.Client method sent (wrapper.OperationID names it in the request's
// context), the operation once the checker matched the request to the same
// operationId, the answer was a success (2xx) and it broke nothing in the
// spec. TestMain fails the package when a whole run (no -run, no -skip)
// leaves an operation of the spec unrecorded, and names it.

// exercised maps an operationId to the first test whose wrapper call of it
// got a checked, clean, successful answer.
var exercised = struct {
	sync.Mutex
	by map[string]string
}{by: map[string]string{}}

// recordExercised is called by checkedTransport for every checked answer.
// problems is what the checker found; routeOp the operationId the checker's
// router matched, or "".
func recordExercised(t testing.TB, req *http.Request, status int, routeOp string, problems int) {
	op := wrapper.OperationID(req.Context())
	if op == "" {
		return // sent by the generated client or by hand, not through a wrapper method
	}
	if routeOp != op {
		t.Errorf("the wrapper's %s sent %s %s, which the spec routes to %q", op, req.Method, req.URL.Path, routeOp)
		return
	}
	if problems > 0 || status < 200 || status > 299 {
		return
	}
	exercised.Lock()
	defer exercised.Unlock()
	if _, ok := exercised.by[op]; !ok {
		exercised.by[op] = t.Name()
	}
}

// specOperationIDs lists every operationId of the spec, sorted.
func specOperationIDs() ([]string, error) {
	doc, err := sharedSpec()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// unexercised returns the operations of ids that seen does not hold.
func unexercised(ids []string, seen map[string]string) []string {
	var out []string
	for _, id := range ids {
		if _, ok := seen[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// wholeRun reports whether every test of the package ran: a -run or -skip
// filter (benchmarks run with -run '^$') leaves operations out on purpose.
func wholeRun() bool {
	for _, name := range []string{"test.run", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return false
		}
	}
	return true
}

func TestMain(m *testing.M) {
	if url := os.Getenv(listerURLEnv); url != "" {
		os.Exit(listerProcess(url, os.Getenv(listerTokenEnv)))
	}
	code := m.Run()
	if code == 0 && wholeRun() {
		code = checkCoverage()
	}
	os.Exit(code)
}

func checkCoverage() int {
	ids, err := specOperationIDs()
	if err != nil {
		fmt.Fprintln(os.Stderr, "coverage of the spec's operations:", err)
		return 1
	}
	exercised.Lock()
	defer exercised.Unlock()
	if len(ids) < 80 {
		fmt.Fprintf(os.Stderr, "only %d operations in the spec: the walk is broken\n", len(ids))
		return 1
	}
	if missing := unexercised(ids, exercised.by); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "--- FAIL: %d of the spec's %d operations were never called through a wrapper.Client method "+
			"with a successful answer that passed the contract checker (issue 10 item 2): %s\n",
			len(missing), len(ids), strings.Join(missing, ", "))
		fmt.Println("FAIL")
		return 1
	}
	if testing.Verbose() {
		fmt.Printf("all %d operations of the spec exercised through the wrapper and contract-checked\n", len(ids))
	}
	return 0
}

// TestUnexercisedNamesTheOperation is the check's negative control: a
// record that lacks one operation names exactly that one.
func TestUnexercisedNamesTheOperation(t *testing.T) {
	ids, err := specOperationIDs()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, id := range ids {
		seen[id] = "TestX"
	}
	if got := unexercised(ids, seen); len(got) != 0 {
		t.Fatalf("a full record leaves %v", got)
	}
	delete(seen, "naverShipExchangedProductOrder")
	if got := unexercised(ids, seen); !slices.Equal(got, []string{"naverShipExchangedProductOrder"}) {
		t.Fatalf("a record without naverShipExchangedProductOrder reports %v", got)
	}
}
