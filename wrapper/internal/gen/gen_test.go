package main

import (
	"bytes"
	"context"
	"go/format"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/portone-community/portone-v1-go/openapi"
)

const generatedDir = "../../../generated"
const genImport = "github.com/portone-community/portone-v1-go/generated"

var clientMethod = regexp.MustCompile(`\nfunc \(c \*Client\) (\w+)\(`)

func inputs(t *testing.T) (*openapi3.T, []goFile) {
	t.Helper()
	doc, err := openapi.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files, err := readGoFiles(generatedDir)
	if err != nil {
		t.Fatal(err)
	}
	return doc, files
}

// edit applies change to every generated file and fails the test unless
// some file changed, so that a negative control cannot go stale silently.
func edit(t *testing.T, files []goFile, change func(string) string) []goFile {
	t.Helper()
	out, changed := make([]goFile, len(files)), false
	for i, f := range files {
		after := change(string(f.Src))
		changed = changed || after != string(f.Src)
		out[i] = goFile{Name: f.Name, Src: []byte(after)}
	}
	if !changed {
		t.Fatal("negative control: the generated code no longer has the text to break")
	}
	return out
}

func TestGenerateFromTheSpec(t *testing.T) {
	doc, files := inputs(t)
	out, err := generate(doc, files, genImport)
	if err != nil {
		t.Fatal(err)
	}
	again, err := generate(doc, files, genImport)
	if err != nil || !bytes.Equal(out, again) {
		t.Fatal("two runs gave different output")
	}
	if formatted, err := format.Source(out); err != nil || !bytes.Equal(formatted, out) {
		t.Fatal("output is not gofmt'd")
	}
	n := 0
	for _, item := range doc.Paths.Map() {
		n += len(item.Operations())
	}
	// Exactly one method per operation; the iterators come on top and must
	// not make up for a missing method.
	methods := 0
	for _, m := range clientMethod.FindAllStringSubmatch(string(out), -1) {
		if !strings.HasSuffix(m[1], "Iter") {
			methods++
		}
	}
	if methods != n {
		t.Fatalf("%d methods for %d operations", methods, n)
	}
	// Operations with a form body too (37 of them) get oapi-codegen's
	// XxxWithFormdataBody beside the JSON method; the wrapper sends JSON
	// and never wraps the form variant.
	if !hasMethod(files, "CancelPaymentWithFormdataBody") {
		t.Error("generated client has no form variant: the check below proves nothing")
	}
	if bytes.Contains(out, []byte("Formdata")) {
		t.Error("the wrapper wraps a WithFormdataBody method")
	}
	if bytes.Contains(out, []byte("*json.RawMessage, error)")) || bytes.Contains(out, []byte("(*[]")) {
		t.Error("a nullable slice payload kept its pointer")
	}
	for _, want := range []string{
		"func (c *Client) GetPaymentByImpUID(ctx context.Context, impUID generated.ImpUIDPath, params *generated.GetPaymentByImpUIDParams, opts ...CallOption) (*generated.Payment, error)",
		"func (c *Client) CancelPayment(ctx context.Context, body generated.CancelPaymentJSONRequestBody, opts ...CallOption) (*generated.Payment, error)",
		// a nullable array payload comes out as a plain slice
		"func (c *Client) GetPaymentListByImpUID(ctx context.Context, params *generated.GetPaymentListByImpUIDParams, opts ...CallOption) ([]generated.Payment, error)",
		// paged payloads get an iterator
		"func (c *Client) GetPaymentsByStatusIter(ctx context.Context, paymentStatus generated.PaymentStatusFilter, params *generated.GetPaymentsByStatusParams, opts ...CallOption) iter.Seq2[generated.Payment, error]",
		// getToken is sent without a bearer token
		"return c.anon.GetToken(ctx, body)",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	// The charges that answer a declined card with a nil error say so, and
	// only they (cancelPayment, a POST returning a Payment, does not).
	const declined = "// A card the card company refuses is no error"
	for name, want := range map[string]bool{"Again": true, "Onetime": true, "CancelPayment": false, "GetPaymentByImpUID": false} {
		if got := strings.Contains(docOf(string(out), name), declined); got != want {
			t.Errorf("%s's doc mentions a declined card: %v, want %v", name, got, want)
		}
	}
}

// docOf returns the comment block above method name of the output.
func docOf(out, name string) string {
	i := strings.Index(out, "\nfunc (c *Client) "+name+"(")
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(out[:i], "\n\n")
	return out[start:i]
}

// Shapes the generator cannot map must stop it with an error naming the
// operation, never drop the method silently.
func TestGenerateReportsWhatItCannotMap(t *testing.T) {
	cases := []struct {
		name   string
		spec   func(doc *openapi3.T)
		source func(src string) string
		want   []string
	}{
		{
			name: "inline success schema",
			spec: func(doc *openapi3.T) {
				mt := doc.Paths.Value("/payments/{imp_uid}").Get.Responses.Value("200").Value.Content.Get("application/json")
				mt.Schema = openapi3.NewSchemaRef("", openapi3.NewObjectSchema())
			},
			want: []string{"getPaymentByImpUid", "inline"},
		},
		{
			name: "success schema that is not an envelope",
			spec: func(doc *openapi3.T) {
				mt := doc.Paths.Value("/payments/{imp_uid}").Get.Responses.Value("200").Value.Content.Get("application/json")
				mt.Schema = openapi3.NewSchemaRef("#/components/schemas/Payment", doc.Components.Schemas["Payment"].Value)
			},
			want: []string{"getPaymentByImpUid", "Payment is not an XxxEnvelope"},
		},
		{
			name: "envelope without response",
			spec: func(doc *openapi3.T) {
				env := *doc.Components.Schemas["PaymentPrepareEnvelope"].Value
				env.Properties = openapi3.Schemas{"code": env.Properties["code"], "message": env.Properties["message"]}
				doc.Components.Schemas["PaymentPrepareEnvelope"] = openapi3.NewSchemaRef("", &env)
			},
			want: []string{"preparePayment", `no "response" property`},
		},
		{
			name: "no success answer",
			spec: func(doc *openapi3.T) {
				op := doc.Paths.Value("/payments/{imp_uid}").Get
				op.Responses.Delete("200")
			},
			want: []string{"getPaymentByImpUid", "no 2xx response"},
		},
		{
			name: "operation the generated client lacks",
			spec: func(doc *openapi3.T) {
				op := *doc.Paths.Value("/payments/{imp_uid}").Get
				op.OperationID = "getPaymentSomehowElse"
				doc.Paths.Set("/payments/elsewhere/{imp_uid}", &openapi3.PathItem{Get: &op})
			},
			want: []string{"getPaymentSomehowElse", "no method in ClientInterface"},
		},
		{
			name: "paged payload without a page parameter",
			source: func(src string) string {
				i := strings.Index(src, "type GetPaymentsByStatusParams struct {")
				if i < 0 {
					return src // the other generated file
				}
				j := i + strings.Index(src[i:], "Page *Page")
				return src[:j] + "Pg *Page" + src[j+len("Page *Page"):]
			},
			want: []string{"getPaymentsByStatus", "no `page` parameter"},
		},
		{
			name: "failedIsNoError operation whose description no longer says so",
			spec: func(doc *openapi3.T) {
				op := doc.Paths.Value("/subscribe/payments/onetime").Post
				op.Description = strings.ReplaceAll(op.Description, "`failed`", "failed")
			},
			want: []string{"onetime", "failedIsNoError"},
		},
		{
			name: "failedIsNoError operation gone from the spec",
			spec: func(doc *openapi3.T) {
				doc.Paths.Delete("/subscribe/payments/again")
			},
			want: []string{"failedIsNoError names again"},
		},
		{
			name: "two problems at once",
			spec: func(doc *openapi3.T) {
				for _, p := range []string{"/payments/{imp_uid}", "/payments/prepare/{merchant_uid}"} {
					mt := doc.Paths.Value(p).Get.Responses.Value("200").Value.Content.Get("application/json")
					mt.Schema = openapi3.NewSchemaRef("", openapi3.NewObjectSchema())
				}
			},
			want: []string{"getPaymentByImpUid", "getPaymentPrepareByMerchantUid"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, files := inputs(t)
			if tc.spec != nil {
				tc.spec(doc)
			}
			if tc.source != nil {
				files = edit(t, files, tc.source)
			}
			out, err := generate(doc, files, genImport)
			if err == nil {
				t.Fatalf("generated %d bytes without complaint", len(out))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// An operation whose body oapi-codegen can only take as raw bytes (no
// application/json form) is reported, not given a half-typed method.
func TestGenerateReportsBodyWithoutJSON(t *testing.T) {
	doc, files := inputs(t)
	// Drop the JSON convenience method of cancelPayment from the interface,
	// as oapi-codegen does for a form-only body.
	files = edit(t, files, func(src string) string {
		return strings.Replace(src, "\tCancelPayment(ctx context.Context, body CancelPaymentJSONRequestBody", "\tCancelPaymentForm(ctx context.Context, body CancelPaymentJSONRequestBody", 1)
	})
	_, err := generate(doc, files, genImport)
	if err == nil || !strings.Contains(err.Error(), "only CancelPaymentWithBody exists") {
		t.Fatalf("err = %v, want it to say only CancelPaymentWithBody exists", err)
	}
}

func hasMethod(files []goFile, name string) bool {
	for _, f := range files {
		if bytes.Contains(f.Src, []byte("\n\t"+name+"(ctx context.Context")) {
			return true
		}
	}
	return false
}
