package fake

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/portone-community/portone-v1-go/generated"
)

// fullPayment sets every pointer field of a payment that compact handles
// to a value of its own (strings of different lengths, so that a wrong cut
// of the packed bytes shows).
func everyPointerPayment(tag string) generated.Payment {
	var p generated.Payment
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() != reflect.Pointer {
			continue
		}
		switch e := f.Type().Elem(); e.Kind() {
		case reflect.String:
			s := reflect.New(e)
			s.Elem().SetString(fmt.Sprintf("%s-%s-%d", tag, v.Type().Field(i).Name, i*i))
			f.Set(s)
		case reflect.Int64, reflect.Int32:
			n := reflect.New(e)
			n.Elem().SetInt(int64(1000 + i))
			f.Set(n)
		case reflect.Bool:
			f.Set(reflect.ValueOf(new(true)))
		}
	}
	return p
}

// A compacted payment reads exactly as before, for every field, and
// shares the few-valued fields with another payment of the same values.
func TestCompactKeepsEveryValue(t *testing.T) {
	in := newInterner()
	for _, tag := range []string{"a", "", "긴값"} {
		p := everyPointerPayment(tag)
		want := everyPointerPayment(tag)
		in.compact(&p)
		if !reflect.DeepEqual(p, want) {
			t.Fatalf("compacted payment %q differs:\n got %+v\nwant %+v", tag, p, want)
		}
	}
	a, b := everyPointerPayment("x"), everyPointerPayment("x")
	in.compact(&a)
	in.compact(&b)
	if a.CardName != b.CardName || a.Channel != b.Channel || a.Sandbox != b.Sandbox {
		t.Error("equal card names, channels or sandbox flags were not shared")
	}
	if a.PgTid == b.PgTid || a.StartedAt == b.StartedAt {
		t.Error("a payment's own pg_tid or started_at is shared with another payment")
	}
	*a.PgTid = "changed" // only here: the fake never writes through a field
	if *b.PgTid != "x-PgTid-"+fmt.Sprint(fieldIndex("PgTid")*fieldIndex("PgTid")) || *a.ApplyNum != *b.ApplyNum {
		t.Errorf("a write to one payment's packed field reached another: %q %q", *b.PgTid, *a.ApplyNum)
	}
}

func fieldIndex(name string) int {
	f, _ := reflect.TypeFor[generated.Payment]().FieldByName(name)
	return f.Index[0]
}

// Past maxInterned distinct values, the rest are packed with the
// payment's own fields, still reading the same.
func TestCompactFullInterner(t *testing.T) {
	in := newInterner()
	for i := range maxInterned + 10 {
		p := generated.Payment{CardName: new(fmt.Sprint("card-", i)), PgTid: new("tid")}
		in.compact(&p)
		if *p.CardName != fmt.Sprint("card-", i) || *p.PgTid != "tid" {
			t.Fatalf("payment %d: %q %q", i, *p.CardName, *p.PgTid)
		}
	}
	if len(in.strings) != maxInterned {
		t.Fatalf("interner holds %d strings, want at most %d", len(in.strings), maxInterned)
	}
}
