package openapi_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

// officialOp is one row of testdata/official-v1-operations.tsv, the listing
// of PortOne's own Swagger 2.0 file.
type officialOp struct {
	Method, Path, OperationID string
	Params                    []officialParam
	Response200               string // official 200 schema, see checkResponseFields
	Statuses                  []int  // HTTP statuses the official file declares
}

type officialParam struct {
	In, Name string
	Required bool
}

// readTSV returns the data rows of a tab-separated listing in testdata,
// each with at least minCols columns.
func readTSV(t testing.TB, name string, minCols int) [][]string {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	rows := make([][]string, 0, len(lines))
	for _, line := range lines[1:] { // the first line is the header
		cols := strings.Split(line, "\t")
		if len(cols) < minCols {
			t.Fatalf("%s: short row %q", name, line)
		}
		rows = append(rows, cols)
	}
	return rows
}

func loadOfficialOps(t *testing.T) []officialOp {
	t.Helper()
	var ops []officialOp
	for _, cols := range readTSV(t, "official-v1-operations.tsv", 10) {
		op := officialOp{Method: cols[0], Path: cols[1], OperationID: cols[2], Response200: cols[8]}
		for _, c := range strings.Split(cols[9], ",") {
			code, err := strconv.Atoi(c)
			if err != nil {
				t.Fatalf("status %q in row %q", c, cols)
			}
			op.Statuses = append(op.Statuses, code)
		}
		if cols[7] != "" {
			for _, p := range strings.Split(cols[7], ",") {
				in, name, _ := strings.Cut(p, ":")
				req := strings.HasSuffix(name, "*")
				op.Params = append(op.Params, officialParam{In: in, Name: strings.TrimSuffix(name, "*"), Required: req})
			}
		}
		// The official file lists getToken twice; keep one row per operation.
		if !slices.ContainsFunc(ops, func(o officialOp) bool { return o.Method == op.Method && o.Path == op.Path }) {
			ops = append(ops, op)
		}
	}
	return ops
}

// renamedOperations are the official rows whose operationId this spec
// changes, keyed by method and path. PortOne's file uses two ids twice; the
// official id stays on the first route and the second gets its own, which
// its description must explain by naming the official id.
var renamedOperations = map[string]string{
	"GET /subscribe/payments/schedule/customers/{customer_uid}": "findSchedulesByCustomerAlt",
	"POST /payments/{imp_uid}/naver/ship-exchanged":             "naverShipExchangedProductOrder",
}

// extraOperations are operations of this spec that PortOne's file does not
// list: the status-less forms of two routes whose official path has an
// optional path parameter, which OpenAPI does not allow, and the account
// holder lookup, which PortOne documents (recording 040) and whose answer
// its file defines (VbankHolderResponse) without a path.
var extraOperations = []string{
	"getPaymentByMerchantUidAnyStatus",
	"getAllPaymentsByMerchantUidAnyStatus",
	"getVbankHolder",
}

// checkOperation reports how doc's operation differs from the official one:
// missing operation, wrong method or path, operationId, a declared HTTP
// status left out, missing or weaker parameters. formData parameters of the official file are JSON body
// properties here, except on GET, which carries no body: there they are
// query parameters.
func checkOperation(doc *openapi3.T, want officialOp) []string {
	var problems []string
	path := doc.Paths.Find(want.Path)
	if path == nil {
		return []string{fmt.Sprintf("%s: path %s missing", want.OperationID, want.Path)}
	}
	op := path.GetOperation(want.Method)
	if op == nil {
		return []string{fmt.Sprintf("%s: %s %s missing", want.OperationID, want.Method, want.Path)}
	}
	wantID := want.OperationID
	if id, ok := renamedOperations[want.Method+" "+want.Path]; ok {
		wantID = id
		if !strings.Contains(op.Description, "`"+want.OperationID+"`") {
			problems = append(problems, fmt.Sprintf("%s %s: renamed to %s, but its description does not name the official id %s", want.Method, want.Path, id, want.OperationID))
		}
	}
	if op.OperationID != wantID {
		problems = append(problems, fmt.Sprintf("%s %s: operationId %q, official %q", want.Method, want.Path, op.OperationID, wantID))
	}
	for _, code := range want.Statuses {
		if op.Responses.Status(code) == nil {
			problems = append(problems, fmt.Sprintf("%s: response %d missing", want.OperationID, code))
		}
	}
	for _, p := range want.Params {
		in := p.In
		if in == "formData" && want.Method == "GET" {
			in = "query"
		}
		switch in {
		case "formData", "body":
			body := jsonBodySchema(op)
			if body == nil {
				problems = append(problems, fmt.Sprintf("%s: no JSON request body for %s", want.OperationID, p.Name))
				continue
			}
			if _, ok := body.Properties[p.Name]; !ok {
				problems = append(problems, fmt.Sprintf("%s: body property %s missing", want.OperationID, p.Name))
			} else if p.Required && !slices.Contains(body.Required, p.Name) {
				if _, ok := optionalOnEvidence[want.OperationID+"."+p.Name]; !ok {
					problems = append(problems, fmt.Sprintf("%s: body property %s should be required", want.OperationID, p.Name))
				} else if d := body.Properties[p.Name].Value.Description + body.Description; !strings.Contains(d, "although") || !strings.Contains(d, "marks it required") {
					problems = append(problems, fmt.Sprintf("%s: body property %s is optional against PortOne's file, but its description does not say why", want.OperationID, p.Name))
				}
			}
		default:
			got := findParam(path, op, in, p.Name)
			if got == nil {
				problems = append(problems, fmt.Sprintf("%s: %s parameter %s missing", want.OperationID, in, p.Name))
			} else if p.Required && !got.Required {
				problems = append(problems, fmt.Sprintf("%s: %s parameter %s should be required", want.OperationID, in, p.Name))
			}
		}
	}
	return problems
}

// optionalOnEvidence are body properties PortOne's file marks required
// that V1 clients omit and the server accepts (issue 9, item 5); each
// description in the spec gives the evidence.
var optionalOnEvidence = map[string]string{
	"customer_save.channel_key": "the merchant's default PG issues the key",
	"createVbank.channel_key":   "the merchant's default PG issues the account",
	"again.name":                "the payment's name is null",
}

func TestOptionalOnEvidenceIsUsed(t *testing.T) {
	used := map[string]bool{}
	for _, o := range loadOfficialOps(t) {
		for _, p := range o.Params {
			if p.Required {
				used[o.OperationID+"."+p.Name] = true
			}
		}
	}
	for k := range optionalOnEvidence {
		if !used[k] {
			t.Errorf("%s: PortOne's file does not require it; remove it from optionalOnEvidence", k)
		}
	}
}

func jsonBodySchema(op *openapi3.Operation) *openapi3.Schema {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

func findParam(path *openapi3.PathItem, op *openapi3.Operation, in, name string) *openapi3.Parameter {
	for _, list := range []openapi3.Parameters{op.Parameters, path.Parameters} {
		if p := list.GetByInAndName(in, name); p != nil {
			return p
		}
	}
	return nil
}

func TestSpecIsValidOpenAPI(t *testing.T) {
	doc := sharedDoc(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q, want 3.0.3", doc.OpenAPI)
	}
}

func TestSpecHasEveryOfficialOperation(t *testing.T) {
	doc := sharedDoc(t)
	official := loadOfficialOps(t)
	if len(official) != 80 {
		t.Fatalf("official listing has %d operations, want 80", len(official))
	}
	for _, want := range official {
		t.Run(want.Method+" "+want.Path, func(t *testing.T) {
			for _, p := range checkOperation(doc, want) {
				t.Error(p)
			}
		})
	}
}

// unlistedOperations reports the operations of doc that are neither
// official, nor renamed, nor documented extra routes, and a wrong count.
func unlistedOperations(doc *openapi3.T, official []officialOp) []string {
	known := map[string]bool{}
	for _, o := range official {
		known[o.OperationID] = true
	}
	for _, id := range renamedOperations {
		known[id] = true
	}
	for _, id := range extraOperations {
		known[id] = true
	}
	var problems []string
	n := 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			n++
			if !known[op.OperationID] {
				problems = append(problems, fmt.Sprintf("operation %s is neither official nor a documented extra route", op.OperationID))
			}
		}
	}
	if want := len(official) + len(extraOperations); n != want {
		problems = append(problems, fmt.Sprintf("spec has %d operations, want %d", n, want))
	}
	return problems
}

// TestSpecHasNoUnlistedOperation keeps the spec to the official operations
// plus the documented extra routes, so an invented operation cannot slip in;
// the negative control adds one.
func TestSpecHasNoUnlistedOperation(t *testing.T) {
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	official := loadOfficialOps(t)
	for _, p := range unlistedOperations(doc, official) {
		t.Error(p)
	}
	doc.Paths.Set("/vbanks/{imp_uid}/extend", &openapi3.PathItem{Post: &openapi3.Operation{OperationID: "extendVbank"}})
	problems := unlistedOperations(doc, official)
	if len(problems) != 2 || !strings.Contains(problems[0], "extendVbank") {
		t.Errorf("an added operation gave %q", problems)
	}
}

// TestCheckOperationCatchesDrift is the negative control of the test above:
// a spec that lost a parameter, a body field or an operationId must fail.
func TestCheckOperationCatchesDrift(t *testing.T) {
	official := loadOfficialOps(t)
	// byID finds a row by operationId, or by "METHOD path" for the rows
	// whose official id is not unique.
	byID := func(id string) officialOp {
		i := slices.IndexFunc(official, func(o officialOp) bool { return o.OperationID == id || o.Method+" "+o.Path == id })
		return official[i]
	}
	cases := []struct {
		name   string
		id     string
		break_ func(doc *openapi3.T)
		want   string
	}{
		{"query parameter removed", "getPaymentsByStatus", func(doc *openapi3.T) {
			op := doc.Paths.Find("/payments/status/{payment_status}").Get
			op.Parameters = slices.DeleteFunc(slices.Clone(op.Parameters), func(p *openapi3.ParameterRef) bool { return p.Value.Name == "from" })
		}, "query parameter from missing"},
		{"body field removed", "cancelPayment", func(doc *openapi3.T) {
			s := jsonBodySchema(doc.Paths.Find("/payments/cancel").Post)
			delete(s.Properties, "checksum")
		}, "body property checksum missing"},
		{"required body field made optional", "preparePayment", func(doc *openapi3.T) {
			s := jsonBodySchema(doc.Paths.Find("/payments/prepare").Post)
			s.Required = slices.DeleteFunc(slices.Clone(s.Required), func(n string) bool { return n == "amount" })
		}, "body property amount should be required"},
		{"operationId renamed", "balanceByImpUid", func(doc *openapi3.T) {
			doc.Paths.Find("/payments/{imp_uid}/balance").Get.OperationID = "getBalance"
		}, `operationId "getBalance"`},
		{"official id put back on a duplicated route", "POST /payments/{imp_uid}/naver/ship-exchanged", func(doc *openapi3.T) {
			doc.Paths.Find("/payments/{imp_uid}/naver/ship-exchanged").Post.OperationID = "naverShipProductOrder"
		}, `operationId "naverShipProductOrder", official "naverShipExchangedProductOrder"`},
		{"renamed route no longer explains itself", "GET /subscribe/payments/schedule/customers/{customer_uid}", func(doc *openapi3.T) {
			doc.Paths.Find("/subscribe/payments/schedule/customers/{customer_uid}").Get.Description = "Lists schedules."
		}, "does not name the official id findSchedulesByCustomer"},
		{"form field of a GET dropped from the query", "getReviews", func(doc *openapi3.T) {
			op := doc.Paths.Find("/naver/reviews").Get
			op.Parameters = slices.DeleteFunc(slices.Clone(op.Parameters), func(p *openapi3.ParameterRef) bool { return p.Value.Name == "channel_key" })
		}, "query parameter channel_key missing"},
		{"declared status dropped", "naverCancelProductOrder", func(doc *openapi3.T) {
			doc.Paths.Find("/payments/{imp_uid}/naver/cancel").Post.Responses.Delete("207")
		}, "response 207 missing"},
		{"required path parameter made optional", "customer_view", func(doc *openapi3.T) {
			op := doc.Paths.Find("/subscribe/customers/{customer_uid}").Get
			p := *op.Parameters[0].Value
			p.Required = false
			op.Parameters = openapi3.Parameters{{Value: &p}}
		}, "path parameter customer_uid should be required"},
	}
	// One copy to break for all the cases (a load is a quarter of a second
	// under -race): each case breaks only its own operation, and the intact
	// check before its break proves no earlier case's break reached it. The
	// cases run one after the other (no t.Parallel).
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if p := checkOperation(doc, byID(tc.id)); len(p) != 0 {
				t.Fatalf("intact spec already reports %v", p)
			}
			tc.break_(doc)
			problems := checkOperation(doc, byID(tc.id))
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Errorf("problems %q do not mention %q", problems, tc.want)
			}
		})
	}
}
