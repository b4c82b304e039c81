package fake

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// formSchema is the form body schema the spec declares for an operation.
// It reads the spec every Server shares (loadSpec, parsed once per
// process: about 0.3 s under -race, which once per case made TestFormJSON
// take 8 s), the very document the server decodes forms with; formJSON
// only reads the schema.
func formSchema(t testing.TB, operationID string) *openapi3.Schema {
	t.Helper()
	sp, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	doc := sp.doc
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID != operationID {
				continue
			}
			mt := op.RequestBody.Value.Content.Get(formContentType)
			if mt == nil {
				t.Fatalf("%s declares no form body", operationID)
			}
			return mt.Schema.Value
		}
	}
	t.Fatalf("no operation %s", operationID)
	return nil
}

// TestFormJSON: one case per encoding pattern real clients write, each
// with the JSON body it must stand for (compared as decoded JSON).
func TestFormJSON(t *testing.T) {
	for _, tc := range []struct {
		name, op, form, want string
	}{
		{"scalars: numbers become numbers, strings stay strings", "cancelPayment",
			"imp_uid=imp_1&amount=1000&checksum=3000.5&reason=%EB%B6%80%EB%B6%84+%ED%99%98%EB%B6%88",
			`{"imp_uid":"imp_1","amount":1000,"checksum":3000.5,"reason":"부분 환불"}`},
		{"empty number is left out (null: checksum check skipped)", "cancelPayment",
			"imp_uid=imp_1&amount=500&checksum=", `{"imp_uid":"imp_1","amount":500}`},
		{"empty string stays an empty string", "cancelPayment",
			"imp_uid=imp_1&reason=", `{"imp_uid":"imp_1","reason":""}`},
		{"booleans: true/false (qs, Ruby) and 1/0 (PHP)", "cancelPayment",
			"imp_uid=i&enable_webhook=true&retain_promotion=0", `{"imp_uid":"i","enable_webhook":true,"retain_promotion":false}`},
		{"booleans: 1 and false", "cancelPayment",
			"imp_uid=i&enable_webhook=1&retain_promotion=false", `{"imp_uid":"i","enable_webhook":true,"retain_promotion":false}`},
		{"go-iamport: blanks before keys, raw UTF-8", "preparePayment",
			"merchant_uid=m_1& amount=1000", `{"merchant_uid":"m_1","amount":1000}`},
		{"go-iamport getToken", "getToken",
			"imp_key=k& imp_secret=s", `{"imp_key":"k","imp_secret":"s"}`},
		{"bracket array (PHP, qs arrayFormat brackets)", "unschedule",
			"customer_uid=c&merchant_uid[]=a&merchant_uid[]=b", `{"customer_uid":"c","merchant_uid":["a","b"]}`},
		{"bracket array, percent-encoded brackets (qs default)", "unschedule",
			"customer_uid=c&merchant_uid%5B%5D=a&merchant_uid%5B%5D=b", `{"customer_uid":"c","merchant_uid":["a","b"]}`},
		{"indexed array (qs indices, oapi-codegen)", "unschedule",
			"customer_uid=c&merchant_uid%5B0%5D=a&merchant_uid%5B1%5D=b", `{"customer_uid":"c","merchant_uid":["a","b"]}`},
		{"indices keep the order they came in", "unschedule",
			"merchant_uid[1]=x&merchant_uid[0]=y", `{"merchant_uid":["x","y"]}`},
		{"a huge index is only a key", "unschedule",
			"merchant_uid[99999999]=x&merchant_uid[]=y", `{"merchant_uid":["x","y"]}`},
		{"nested object", "cancelPayment",
			"imp_uid=i&extra[requester]=customer", `{"imp_uid":"i","extra":{"requester":"customer"}}`},
		{"array of objects with indices", "schedule",
			"customer_uid=c&schedules[0][merchant_uid]=s1&schedules[0][schedule_at]=1750003600&schedules[0][amount]=1000&schedules[0][currency]=KRW&schedules[0][name]=n" +
				"&schedules[1][merchant_uid]=s2&schedules[1][schedule_at]=1750007200&schedules[1][amount]=2000.5&schedules[1][currency]=USD&schedules[1][name]=n",
			`{"customer_uid":"c","schedules":[{"merchant_uid":"s1","schedule_at":1750003600,"amount":1000,"currency":"KRW","name":"n"},` +
				`{"merchant_uid":"s2","schedule_at":1750007200,"amount":2000.5,"currency":"USD","name":"n"}]}`},
		{"the last of a repeated key wins (PHP)", "preparePayment",
			"merchant_uid=a&merchant_uid=b&amount=1", `{"merchant_uid":"b","amount":1}`},
		{"repeated keys of an array field (OpenAPI form style, qs, Python)", "unschedule",
			"merchant_uid=a&merchant_uid=b", `{"merchant_uid":["a","b"]}`},
		{"one plain value of an array field", "unschedule",
			"merchant_uid=a", `{"merchant_uid":["a"]}`},
		{"empty plain value of an array field", "unschedule",
			"customer_uid=c&merchant_uid=", `{"customer_uid":"c"}`},
		{"repeated keys of notice_url, a number beside", "createVbank",
			"notice_url=a&notice_url=b&amount=5", `{"notice_url":["a","b"],"amount":5}`},
		{"dots and blanks in a name become _ (PHP)", "preparePayment",
			"merchant.uid=a&amount=1", `{"merchant_uid":"a","amount":1}`},
		{"malformed escapes stay as written", "preparePayment",
			"merchant_uid=50%25%zz%&amount=1", `{"merchant_uid":"50%%zz%","amount":1}`},
		{"numbers as PHP reads them", "preparePayment",
			"merchant_uid=m&amount=+1e3", `{"merchant_uid":"m","amount":1000}`},
		{"a wrong type is kept for the validator", "preparePayment",
			"merchant_uid=m&amount=abc", `{"merchant_uid":"m","amount":"abc"}`},
		{"an object where a string goes is kept for the validator", "preparePayment",
			"merchant_uid[x]=m&amount=1", `{"merchant_uid":{"x":"m"},"amount":1}`},
		{"unknown fields stay strings", "preparePayment",
			"merchant_uid=m&amount=1&foo[bar]=1", `{"merchant_uid":"m","amount":1,"foo":{"bar":"1"}}`},
		{"empty body", "preparePayment", "", `{}`},
		{"empty pairs and a pair without a name are skipped", "preparePayment",
			"&&=x&merchant_uid=m&&amount=1&", `{"merchant_uid":"m","amount":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := formJSON([]byte(tc.form), formSchema(t, tc.op))
			if err != nil {
				t.Fatal(err)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("not JSON: %s", got)
			}
			if err := json.Unmarshal([]byte(tc.want), &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Fatalf("form %q\n got %s\nwant %s", tc.form, got, tc.want)
			}
		})
	}
}

// TestFormLimits: what is over the limits is refused, before any
// allocation in proportion to an index.
func TestFormLimits(t *testing.T) {
	schema := formSchema(t, "preparePayment")
	deep := "a" + strings.Repeat("[x]", maxFormDepth+1) + "=1"
	for _, tc := range []struct{ name, form, want string }{
		{"too deep", deep, "nested more than"},
		{"too many pairs", strings.Repeat("a=1&", maxFormPairs+1), "more than 10000 fields"},
		{"too many values", strings.Repeat("b[][][]=1&", 7000), "more than 20000 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := formJSON([]byte(tc.form), schema)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// Negative control: just under each limit is decoded.
	for _, form := range []string{
		"a" + strings.Repeat("[x]", maxFormDepth) + "=1",
		strings.Repeat("a=1&", maxFormPairs),
	} {
		if _, err := formJSON([]byte(form), schema); err != nil {
			t.Errorf("%.40s...: %v", form, err)
		}
	}
}

// FuzzFormJSON: any body either decodes to JSON or is refused; never a
// panic.
func FuzzFormJSON(f *testing.F) {
	for _, seed := range []string{
		"a=1", "a[]=1&a[]=2", "a[b][c]=1", "a[=1", "a]=1", "a[b=1", "a[b][c=1", "%", "%zz=%", "a[9223372036854775807]=1&a[]=2",
		"schedules[0][amount]=1&schedules[0]=x", "a=1&a[b]=2&a=3", " =1", "+a+=+", "a[][]=1",
	} {
		f.Add(seed)
	}
	schema := formSchema(f, "schedule")
	f.Fuzz(func(t *testing.T, form string) {
		out, err := formJSON([]byte(form), schema)
		if err == nil && !json.Valid(out) {
			t.Fatalf("%q: invalid JSON %s", form, out)
		}
	})
}

// BenchmarkFormJSON: bytes and allocations of decoding the largest forms
// (refused or not); `go test -bench FormJSON -benchmem ./fake/`.
func BenchmarkFormJSON(b *testing.B) {
	schema := formSchema(b, "schedule")
	var sched strings.Builder
	sched.WriteString("customer_uid=c")
	for i := range 1999 {
		fmt.Fprintf(&sched, "&schedules[%d][merchant_uid]=m%d&schedules[%d][schedule_at]=4102444800&schedules[%d][amount]=1000&schedules[%d][currency]=KRW&schedules[%d][name]=n", i, i, i, i, i, i)
	}
	for _, bc := range []struct{ name, form string }{
		{"schedule of 1999 items", sched.String()},
		{"1 MB of brackets", strings.Repeat("a[", 1<<18) + strings.Repeat("]", 1<<18) + "=1"},
		{"1 MB of pairs", strings.Repeat("a[]=1&", 1<<20/6)},
		{"1 MB of values", strings.Repeat("a[][][]=1&", 1<<20/10)},
		{"huge indices", strings.Repeat("a[99999999]=1&a[4611686018427387904]=1&a[]=1&", 3000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			body := []byte(bc.form)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				_, _ = formJSON(body, schema)
			}
		})
	}
}

// FuzzMultipartForm: any multipart body is decoded or refused, never a
// panic.
func FuzzMultipartForm(f *testing.F) {
	const boundary = "fuzzboundary"
	for _, seed := range []string{
		"--fuzzboundary\r\nContent-Disposition: form-data; name=\"merchant_uid\"\r\n\r\nm\r\n--fuzzboundary--\r\n",
		"--fuzzboundary\r\nContent-Disposition: form-data; name=\"schedules[0][amount]\"\r\n\r\n1\r\n--fuzzboundary--\r\n",
		"--fuzzboundary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nx\r\n--fuzzboundary--\r\n",
		"--fuzzboundary\r\n\r\n\r\n--fuzzboundary--", "--other\r\n", "",
	} {
		f.Add(seed)
	}
	schema := formSchema(f, "schedule")
	f.Fuzz(func(t *testing.T, body string) {
		root, err := parseMultipartForm([]byte(body), boundary)
		if err != nil {
			return
		}
		if out, err := formRootJSON(root, schema); err == nil && !json.Valid(out) {
			t.Fatalf("%q: invalid JSON %s", body, out)
		}
	})
}
