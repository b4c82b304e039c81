package fake

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// What becomes of each field of the types that hold the fake's state
// across SaveState and LoadState.
const (
	saved   = "saved"   // in the state file: equal after a round trip, set in busyFake
	rebuilt = "rebuilt" // derived from saved fields on load (indexes, heaps)
	process = "process" // the running process's: locks, configuration, handlers, webhooks, faults
)

// stateFields lists every field of every state holder. A field missing
// here fails TestStateCoversEveryField: decide what it is, and when it is
// state, save and load it in state.go and set it in busyFake.
var stateFields = map[reflect.Type]map[string]string{
	reflect.TypeFor[Server](): {
		"apiKey": process, "apiSecret": process, "userCode": process,
		"clock": saved, "tokens": saved, "store": saved, "merchant": saved, "benepia": saved, "payco": saved, "kcp": saved,
		"faults": process, "webhooks": process, "doc": process, "specRouter": process, "api": process, "controls": process, "listener": process,
	},
	reflect.TypeFor[clock]():      {"mu": process, "base": process, "offset": saved},
	reflect.TypeFor[tokenStore](): {"clock": process, "mu": process, "current": saved, "expiresAt": saved},
	reflect.TypeFor[store](): {
		"clock": process, "webhooks": process, "mu": process,
		"seq": saved, "payments": saved, "prepared": saved, "billingKeys": saved, "schedules": saved, "scheduleSeq": saved,
		"due": rebuilt, "dueSeq": rebuilt, "externalReceipts": saved, "certifications": saved,
		"naverIndex": rebuilt, "naverReviews": saved,
	},
	reflect.TypeFor[record](): {
		"p": saved, "seq": saved, "updatedAt": saved, "taxFree": saved, "noticeURL": saved, "cancelTaxFree": saved,
		"receipt": saved, "logis": saved, "naver": saved,
		"naverSeed": process, // a seed's product orders, consumed before the record is stored
	},
	reflect.TypeFor[scheduleRecord]():   {"s": saved, "noticeURL": saved, "taxFree": saved},
	reflect.TypeFor[merchantSettings](): {"mu": process, "tiers": saved, "pgSettings": saved},
	reflect.TypeFor[benepiaAccounts]():  {"mu": process, "accounts": saved},
	reflect.TypeFor[benepiaAccount]():   {"password": saved, "point": saved},
	reflect.TypeFor[paycoOrders]():      {"mu": process, "status": saved},
	reflect.TypeFor[kcpQuick](): {
		"mu": process, "seq": saved, "members": saved, "prepared": saved, "pinChecks": saved, "autopay": saved,
	},
}

// TestStateCoversEveryField saves a fake that holds every kind of state
// (busyFake), loads the file into a fresh fake, and walks both, field by
// field from Server down, through every holder of stateFields: each field
// must be listed there, each saved field must be set in busyFake (so that
// the comparison means something) and equal after the round trip. A new
// piece of state fails here until state.go keeps it: unlisted, or listed
// as saved but not in the file (then it differs after loading).
func TestStateCoversEveryField(t *testing.T) {
	s := busyFake(t)
	loaded := reloaded(t, s)
	w := &stateWalk{t: t}
	w.holder("Server", reflect.ValueOf(s).Elem(), reflect.ValueOf(loaded).Elem())
	if w.compared < 20 {
		t.Fatalf("only %d fields compared: the walk is broken", w.compared)
	}
}

type stateWalk struct {
	t        *testing.T
	compared int
}

// holder compares two values of a holder type, field by field; a and b are
// addressable.
func (w *stateWalk) holder(path string, a, b reflect.Value) {
	w.t.Helper()
	roles := stateFields[a.Type()]
	w.listed(path, a.Type())
	for i := range a.NumField() {
		f := a.Type().Field(i)
		if roles[f.Name] != saved {
			continue
		}
		fa, fb := a.Field(i), b.Field(i)
		p := path + "." + f.Name
		if empty(fa) {
			w.t.Errorf("%s is empty in busyFake: set it there, so that the round trip is checked on it", p)
			continue
		}
		if f.Type.Kind() == reflect.Pointer && stateFields[f.Type.Elem()] != nil {
			w.holder(p, fa.Elem(), fb.Elem())
			continue
		}
		if f.Type == reflect.TypeFor[*paymentTable]() {
			w.payments(p, exported(fa).(*paymentTable), exported(fb).(*paymentTable))
			continue
		}
		// Holders inside maps and slices (schedules, accounts) are
		// compared whole below; their fields must still be listed and
		// set in at least one of them.
		if elem := holderElem(f.Type); elem != nil {
			w.listed(p+"[]", elem)
			w.setSomewhere(p+"[]", elem, elements(fa))
		}
		w.jsonOnly(p, f.Type, map[reflect.Type]bool{})
		w.compared++
		if va, vb := exported(fa), exported(fb); !reflect.DeepEqual(va, vb) {
			w.t.Errorf("%s differs after loading:\n got %s\nwant %s", p, show(vb), show(va))
		}
	}
}

// payments compares the records in creation order; the table's indexes
// are rebuilt on load.
func (w *stateWalk) payments(path string, a, b *paymentTable) {
	w.t.Helper()
	var ra, rb []record
	for r := range a.All() {
		ra = append(ra, *r)
	}
	for r := range b.All() {
		rb = append(rb, *r)
	}
	typ := reflect.TypeFor[record]()
	w.listed(path+"[]", typ)
	var vals []reflect.Value
	for i := range ra {
		vals = append(vals, reflect.ValueOf(&ra[i]).Elem())
	}
	w.setSomewhere(path+"[]", typ, vals)
	w.compared++
	if !reflect.DeepEqual(ra, rb) {
		w.t.Errorf("%s differ after loading:\n got %s\nwant %s", path, show(rb), show(ra))
	}
}

// listed fails for a field of typ that stateFields does not name, and for
// a name that is no field of typ.
func (w *stateWalk) listed(path string, typ reflect.Type) {
	w.t.Helper()
	roles := stateFields[typ]
	var names []string
	for f := range typ.Fields() {
		names = append(names, f.Name)
		if roles[f.Name] == "" {
			w.t.Errorf("%s.%s (%s) is not in stateFields: is it saved, rebuilt or the process's? Save it in state.go if it is state", path, f.Name, f.Type)
		}
	}
	for name := range roles {
		if !slices.Contains(names, name) {
			w.t.Errorf("stateFields names %s.%s, which %s does not have", path, name, typ)
		}
	}
}

// jsonOnly fails for a struct type of this package, reachable in a saved
// field that the walk compares whole, that has an unexported field and is
// not a holder of stateFields: encoding/json would drop that field without
// a word. (Exported fields of such types travel in the file as they are.)
func (w *stateWalk) jsonOnly(path string, t reflect.Type, seen map[reflect.Type]bool) {
	w.t.Helper()
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		w.jsonOnly(path, t.Elem(), seen)
		return
	case reflect.Struct:
	default:
		return
	}
	if t.PkgPath() != reflect.TypeFor[Server]().PkgPath() {
		return // generated and standard types: exported fields only
	}
	for f := range t.Fields() {
		if !f.IsExported() && stateFields[t] == nil {
			w.t.Errorf("%s holds %s, whose field %s is unexported: the state file would lose it; list %s in stateFields and save it in state.go",
				path, t, f.Name, t)
		}
		w.jsonOnly(path+"."+f.Name, f.Type, seen)
	}
}

// setSomewhere fails for a saved field of typ that is empty in every one
// of vals.
func (w *stateWalk) setSomewhere(path string, typ reflect.Type, vals []reflect.Value) {
	w.t.Helper()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if stateFields[typ][f.Name] != saved {
			continue
		}
		if !slices.ContainsFunc(vals, func(v reflect.Value) bool { return !empty(v.Field(i)) }) {
			w.t.Errorf("%s.%s is empty in every one of busyFake's: set it in one", path, f.Name)
		}
	}
}

// holderElem is the holder type of a map's values or a slice's elements
// (through a pointer), or nil.
func holderElem(t reflect.Type) reflect.Type {
	if t.Kind() != reflect.Map && t.Kind() != reflect.Slice {
		return nil
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	if stateFields[e] == nil {
		return nil
	}
	return e
}

// elements are the (struct) values of a map or slice of holders.
func elements(v reflect.Value) []reflect.Value {
	var out []reflect.Value
	add := func(e reflect.Value) {
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		out = append(out, e)
	}
	if v.Kind() == reflect.Map {
		for it := v.MapRange(); it.Next(); {
			add(it.Value())
		}
		return out
	}
	for i := range v.Len() {
		add(v.Index(i))
	}
	return out
}

func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		return v.Len() == 0
	}
	return v.IsZero()
}

// exported reads an unexported field of an addressable struct.
func exported(v reflect.Value) any {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem().Interface()
}

// show prints a value, with the values behind a map's pointers rather
// than their addresses.
func show(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map || rv.Type().Elem().Kind() != reflect.Pointer {
		return fmt.Sprintf("%+v", v)
	}
	out := map[string]string{}
	for it := rv.MapRange(); it.Next(); {
		out[fmt.Sprint(it.Key())] = fmt.Sprintf("%+v", it.Value().Elem())
	}
	return fmt.Sprintf("%v", out)
}
