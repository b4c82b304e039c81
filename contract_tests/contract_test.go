package contracttests

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// replay is the interaction as the checks see it, after the exception
// table's adjustments.
type replay struct {
	method, path, rawQuery string
	status                 int
	body                   []byte
	adjusted               []string // what the exception entry changed
}

func replayOf(in Interaction) replay {
	q := url.Values{}
	for k, v := range in.Request.Query {
		q.Set(k, v)
	}
	return replay{
		method: in.Request.Method, path: in.Request.Path, rawQuery: q.Encode(),
		status: in.Response.Status, body: append([]byte(nil), in.Response.Body...),
	}
}

// outcome is the verdict on one recording.
type outcome int

const (
	valid      outcome = iota // all four checks passed as recorded
	excepted                  // passed with the relaxation of its exception entry
	notCovered                // no operation of the spec addresses it yet
	failed
)

func (o outcome) String() string {
	return [...]string{"valid", "exception", "not covered yet", "failing"}[o]
}

// result is what checkInteraction found.
type result struct {
	outcome   outcome
	op        *Operation
	failures  []string // problems not tolerated
	tolerated []string // problems the exception entry accepted
	written   []string // check 4: nulls written for x-omitempty: false that the recording lacks
}

// checkInteraction runs the four checks on one recording. It counts as an
// exception only when its entry actually changed something.
func checkInteraction(c *Checker, in Interaction, exc exception) result {
	r := replayOf(in)
	var res result
	if exc.adjust != nil {
		if err := exc.adjust(&r); err != nil {
			res.outcome = failed
			res.failures = append(res.failures, "exception adjust: "+err.Error())
			return res
		}
	}
	// Checks 1 to 3.
	problems := c.Problems(r.method, r.path, r.rawQuery, r.status, jsonHeader(), r.body)
	if hasProblem(problems, CheckRoute, KindNoRoute, "") {
		res.outcome = notCovered
		return res
	}
	res.op, _ = c.FindOperation(r.method, r.path, r.rawQuery)
	for _, a := range r.adjusted {
		res.tolerated = append(res.tolerated, "adjusted: "+a)
	}
	for _, p := range problems {
		if exc.tolerates(p) {
			res.tolerated = append(res.tolerated, p.String())
		} else {
			res.failures = append(res.failures, p.String())
		}
	}
	// Check 4: generated client, decode and re-encode.
	reencoded, err := roundTrip(res.op, r)
	switch {
	case err != nil && strings.HasPrefix(err.Error(), "decode: ") && exc.tolerates(Problem{Check: checkRoundTrip, Kind: "decode"}):
		res.tolerated = append(res.tolerated, "roundtrip/decode: "+err.Error())
	case err != nil:
		res.failures = append(res.failures, "roundtrip: "+err.Error())
	default:
		written, filled, diff, err := compareRoundTrip(res.op, r, reencoded, exc.absentFilled)
		res.written = written
		for _, f := range filled {
			res.tolerated = append(res.tolerated, "roundtrip/absent-filled at "+f)
		}
		if err != nil {
			res.failures = append(res.failures, "roundtrip: "+err.Error())
		} else if diff != "" {
			res.failures = append(res.failures, "roundtrip: re-encoded body differs (-recorded +re-encoded):\n"+diff)
		}
	}
	// Check 4, wrapper leg.
	filled, problems4, decodeErr := wrapperRoundTrip(res.op, r, exc.absentFilled)
	switch {
	case decodeErr != nil && exc.tolerates(Problem{Check: checkRoundTrip, Kind: "decode"}):
		res.tolerated = append(res.tolerated, "wrapper/decode: "+decodeErr.Error())
	case decodeErr != nil:
		res.failures = append(res.failures, "wrapper: "+decodeErr.Error())
	}
	for _, p := range problems4 {
		res.failures = append(res.failures, "wrapper: "+p)
	}
	for _, f := range filled {
		res.tolerated = append(res.tolerated, "wrapper/absent-filled at "+f)
	}
	switch {
	case len(res.failures) > 0:
		res.outcome = failed
	case len(res.tolerated) > 0:
		res.outcome = excepted
	default:
		res.outcome = valid
	}
	return res
}

// TestCorpus holds every recording to the spec and the generated client.
func TestCorpus(t *testing.T) {
	c := testChecker(t)
	corpus, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	official := loadOfficialRoutes(t)
	specOps := map[string]bool{}
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			specOps[op.OperationID] = true
		}
	}

	counts := map[outcome]int{}
	assumed := 0
	writtenUse := map[string]int{}
	for _, in := range corpus {
		prefix := in.File[:3]
		exc, hasExc := exceptions[prefix]
		if statusProvenance(in) != "logged" {
			assumed++
		}
		res := checkInteraction(c, in, exc)
		counts[res.outcome]++
		for _, k := range res.written {
			writtenUse[k]++
		}
		t.Run(in.File, func(t *testing.T) {
			t.Logf("verdict: %s (operation %s, HTTP status %s)", res.outcome, opID(res.op), statusProvenance(in))
			if hasExc {
				t.Logf("exception: %s; relaxed: %s", exc.reason, exc.relax)
			}
			for _, p := range res.tolerated {
				t.Logf("tolerated by the exception table: %s", p)
			}
			switch res.outcome {
			case notCovered:
				r := replayOf(in)
				if exc.adjust != nil {
					_ = exc.adjust(&r)
				}
				why, err := official.uncovered(specOps, r.method, r.path)
				if err != nil {
					t.Fatal(err)
				}
				// The spec declares every operation of PortOne's listing
				// (openapi's coverage test), so a recording that no longer
				// routes is a regression, not work still to do.
				t.Errorf("no route of the spec matches: %s", why)
			case failed:
				t.Errorf("%s (%s):\n%s", in.File, opID(res.op), strings.Join(res.failures, "\n"))
			case valid:
				// A relaxation nothing needs would hide the next drift of
				// this recording's operation.
				if hasExc && exc.relaxes() {
					t.Errorf("the exception entry is not needed: the recording passes unrelaxed; remove it")
				}
			}
		})
	}
	t.Logf("%d interactions, %d valid, %d exceptions, %d not covered yet, %d failing (%d with an assumed or inferred HTTP status)",
		len(corpus), counts[valid], counts[excepted], counts[notCovered], counts[failed], assumed)
	var used []string
	for k, n := range writtenUse {
		used = append(used, fmt.Sprintf("%s x%d", k, n))
	}
	sort.Strings(used)
	t.Logf("keys older recordings lack, written as null (x-omitempty: false): %s", strings.Join(used, ", "))
	if len(corpus) != 45 {
		t.Errorf("corpus has %d recordings, want 45", len(corpus))
	}
}

func opID(op *Operation) string {
	if op == nil {
		return "no operation"
	}
	return op.ID
}

var statusNote = regexp.MustCompile(`HTTP status: ([^.(]*)`)

// statusProvenance says whether the recorded status was logged with the
// body ("logged") or assumed, inferred or taken from docs.
func statusProvenance(in Interaction) string {
	m := statusNote.FindStringSubmatch(in.Source.Notes)
	if m == nil {
		return "unknown"
	}
	s := strings.TrimSpace(m[1])
	if strings.HasPrefix(s, "from log") || strings.HasPrefix(s, "from paste") {
		return "logged"
	}
	return s
}

// officialRoutes is PortOne's operation listing
// (openapi/testdata/official-v1-operations.tsv), used only to tell a
// recording that the spec does not cover yet from one it gets wrong.
type officialRoutes []officialRoute

type officialRoute struct {
	method, id string
	segs       []string
}

func loadOfficialRoutes(t *testing.T) officialRoutes {
	t.Helper()
	raw, err := os.ReadFile("../openapi/testdata/official-v1-operations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out officialRoutes
	for _, line := range strings.Split(string(raw), "\n")[1:] { // first line: header
		method, rest, _ := strings.Cut(line, "\t")
		path, rest, _ := strings.Cut(rest, "\t")
		id, _, _ := strings.Cut(rest, "\t")
		if id != "" {
			out = append(out, officialRoute{method, id, strings.Split(path, "/")})
		}
	}
	if len(out) < 80 {
		t.Fatalf("official listing has %d operations, want at least 80", len(out))
	}
	return out
}

// uncovered explains why no route of the spec matches method and path: the
// spec does not describe PortOne's operation yet, or PortOne does not list
// it either. It is an error when the spec already declares that operation
// (by operationId): then the spec's path or method is wrong.
func (o officialRoutes) uncovered(specOps map[string]bool, method, path string) (string, error) {
	id, known := o.match(method, path)
	switch {
	case known && specOps[id]:
		return "", fmt.Errorf("the spec declares %s but no route matches %s %s: path or method is wrong in the spec", id, method, path)
	case known:
		return fmt.Sprintf("%s %s is PortOne's %s, not in the spec yet", method, path, id), nil
	}
	return fmt.Sprintf("%s %s is in neither the spec nor PortOne's Swagger", method, path), nil
}

// match finds the official operation for method and a concrete path; a
// trailing optional path parameter of PortOne's file
// (/payments/find/{merchant_uid}/{payment_status}) may be left out.
func (o officialRoutes) match(method, path string) (string, bool) {
	segs := strings.Split(path, "/")
	for _, r := range o {
		if r.method != method {
			continue
		}
		tmpl := r.segs
		if len(tmpl) == len(segs)+1 && strings.HasPrefix(tmpl[len(tmpl)-1], "{") {
			tmpl = tmpl[:len(segs)]
		}
		if len(tmpl) != len(segs) {
			continue
		}
		ok := true
		for i := range tmpl {
			if tmpl[i] != segs[i] && !strings.HasPrefix(tmpl[i], "{") {
				ok = false
				break
			}
		}
		if ok {
			return r.id, true
		}
	}
	return "", false
}

func TestUncoveredGuard(t *testing.T) {
	official := loadOfficialRoutes(t)
	if _, err := official.uncovered(map[string]bool{}, "GET", "/certifications/imp_1"); err != nil {
		t.Fatalf("operation absent from the spec: %v", err)
	}
	// The spec declares getCertification, yet the recording does not route:
	// a wrong path in the spec must fail, not pass as "not covered".
	if _, err := official.uncovered(map[string]bool{"getCertification": true}, "GET", "/certifications/imp_1"); err == nil {
		t.Fatal("declared operation that does not route was accepted as not covered")
	}
	if id, ok := official.match("GET", "/payments/find/order-1"); !ok || id != "getPaymentByMerchantUid" {
		t.Fatalf("optional trailing path parameter: got %q %v", id, ok)
	}
	if _, ok := official.match("GET", "/vbanks/holder"); ok {
		t.Fatal("/vbanks/holder is not in PortOne's listing")
	}
}
