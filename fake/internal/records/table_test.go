package records

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// item is a test record: grp feeds a Group, part and key a Sorted, and
// hidden leaves the item out of both.
type item struct {
	id     string
	grp    string
	part   string
	key    int64
	hidden bool
}

type fixture struct {
	t      *Table[item]
	groups *Group[item]
	sorted *Sorted[item]
	all    []*item // the records, in insertion order: the full scan
}

func newFixture() *fixture {
	tb := NewTable(func(it *item) string { return it.id })
	return &fixture{
		t:      tb,
		groups: tb.GroupBy(func(it *item) (string, bool) { return it.grp, !it.hidden }),
		sorted: tb.SortBy(func(it *item) (string, bool) { return it.part, !it.hidden }, func(it *item) int64 { return it.key }),
	}
}

func randomItem(r *rand.Rand, id string) item {
	return item{
		id: id, grp: fmt.Sprint("g", r.IntN(5)), part: fmt.Sprint("p", r.IntN(3)),
		key: int64(r.IntN(40)) - 20, hidden: r.IntN(8) == 0,
	}
}

// scan is what each index must agree with: the records of part (or
// group) filtered and sorted from the full list.
func (f *fixture) scanPart(part string) []*item {
	var out []*item
	for _, it := range f.all {
		if !it.hidden && it.part == part {
			out = append(out, it)
		}
	}
	// Stable: equal keys stay in insertion order, the index's tie-break.
	slices.SortStableFunc(out, func(a, b *item) int { return cmp.Compare(a.key, b.key) })
	return out
}

func (f *fixture) check(t *testing.T, r *rand.Rand) {
	t.Helper()
	if f.t.Len() != len(f.all) {
		t.Fatalf("Len %d, want %d", f.t.Len(), len(f.all))
	}
	for g := range 6 {
		grp := fmt.Sprint("g", g)
		var want []*item
		for _, it := range f.all {
			if !it.hidden && it.grp == grp {
				want = append(want, it)
			}
		}
		if got := slices.Collect(f.groups.Of(grp)); !slices.Equal(got, want) || f.groups.Len(grp) != len(want) {
			t.Fatalf("group %s: %v, want %v", grp, ids(got), ids(want))
		}
	}
	for p := range 4 {
		part := fmt.Sprint("p", p)
		want := f.scanPart(part)
		if got := slices.Collect(f.sorted.Ascending(part, 0)); !slices.Equal(got, want) || f.sorted.Len(part) != len(want) {
			t.Fatalf("part %s ascending: %v, want %v", part, ids(got), ids(want))
		}
		from := r.IntN(len(want) + 2)
		if got := slices.Collect(f.sorted.Ascending(part, from)); !slices.Equal(got, want[min(from, len(want)):]) {
			t.Fatalf("part %s ascending from %d: %v, want %v", part, from, ids(got), ids(want[min(from, len(want)):]))
		}
		rev := slices.Clone(want[:min(from+1, len(want))])
		slices.Reverse(rev)
		if got := slices.Collect(f.sorted.Descending(part, from)); !slices.Equal(got, rev) {
			t.Fatalf("part %s descending from %d: %v, want %v", part, from, ids(got), ids(rev))
		}
		lo, hi := int64(r.IntN(50))-25, int64(r.IntN(50))-25
		n, below := 0, 0
		for _, it := range want {
			if it.key >= lo && it.key <= hi {
				n++
			}
			if it.key < lo {
				below++
			}
		}
		if got := f.sorted.Count(part, lo, hi); got != n {
			t.Fatalf("part %s count [%d, %d]: %d, want %d", part, lo, hi, got, n)
		}
		if got := f.sorted.Rank(part, lo); got != below {
			t.Fatalf("part %s rank %d: %d, want %d", part, lo, got, below)
		}
	}
}

func ids(its []*item) []string {
	out := make([]string, len(its))
	for i, it := range its {
		out[i] = fmt.Sprintf("%s(%s,%d)", it.id, it.part, it.key)
	}
	return out
}

// After every random insert or change, every index agrees with a full
// scan of the records.
func TestIndexesAgreeWithFullScan(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 10))
		f := newFixture()
		for step := range 400 {
			if len(f.all) == 0 || r.IntN(3) == 0 {
				it := randomItem(r, fmt.Sprint("id", step))
				if err := f.t.Insert(&it); err != nil {
					t.Fatal(err)
				}
				f.all = append(f.all, &it)
			} else {
				target := f.all[r.IntN(len(f.all))]
				next := randomItem(r, target.id)
				if !f.t.Update(target.id, func(it *item) { *it = next }) {
					t.Fatalf("Update(%s) found nothing", target.id)
				}
			}
			f.check(t, r)
		}
	}
}

func TestInsertRefusesDuplicateID(t *testing.T) {
	f := newFixture()
	a, b := item{id: "x", key: 1}, item{id: "x", key: 2}
	if err := f.t.Insert(&a); err != nil {
		t.Fatal(err)
	}
	if err := f.t.Insert(&b); err != ErrDuplicate {
		t.Fatalf("second insert of x: %v, want ErrDuplicate", err)
	}
	if got, _ := f.t.Get("x"); got != &a || f.sorted.Len("") != 1 {
		t.Fatalf("the duplicate replaced or joined the first: %+v, %d in the index", got, f.sorted.Len(""))
	}
	if f.t.Update("y", func(*item) {}) {
		t.Fatal("Update of a missing id reported a record")
	}
}

// An index declared after records were inserted holds them too.
func TestIndexDeclaredLate(t *testing.T) {
	tb := NewTable(func(it *item) string { return it.id })
	for i := range 5 {
		tb.Insert(&item{id: fmt.Sprint(i), key: int64(5 - i)})
	}
	s := tb.SortBy(func(*item) (string, bool) { return "", true }, func(it *item) int64 { return it.key })
	var keys []int64
	for it := range s.Ascending("", 0) {
		keys = append(keys, it.key)
	}
	if !slices.Equal(keys, []int64{1, 2, 3, 4, 5}) {
		t.Fatalf("late index: %v", keys)
	}
}

func TestNewestYieldsLatestFirst(t *testing.T) {
	tb := NewTable(func(it *item) string { return it.id })
	for i := range 4 {
		tb.Insert(&item{id: fmt.Sprint(i)})
	}
	var got []string
	for it := range tb.Newest() {
		got = append(got, it.id)
		if len(got) == 3 {
			break
		}
	}
	if !slices.Equal(got, []string{"3", "2", "1"}) {
		t.Fatalf("newest: %v", got)
	}
}

// Moving records from key to key reuses the nodes removed: a treap's node
// slice holds its live nodes plus at most the ones freed since.
func TestTreapReusesRemovedNodes(t *testing.T) {
	f := newFixture()
	items := make([]item, 50)
	for i := range items {
		items[i] = item{id: fmt.Sprint(i), part: "p", key: int64(i)}
		f.t.Insert(&items[i])
	}
	for round := range 20 {
		for i := range items {
			f.t.Update(items[i].id, func(it *item) { it.key = int64(round*100 + i) })
		}
	}
	tr := f.sorted.trees["p"]
	if tr.len() != 50 || len(tr.nodes) > 52 {
		t.Fatalf("50 records after 1000 moves: %d in the tree, %d nodes allocated", tr.len(), len(tr.nodes))
	}
	if got := slices.Collect(f.sorted.Ascending("p", 48)); len(got) != 2 || got[0] != &items[48] || got[1] != &items[49] {
		t.Fatalf("the last two after the moves: %v", ids(got))
	}
}

// The treap's nodes hold no pointers, so that the garbage collector does
// not scan them (the point of keeping them in a slice, by position).
func TestTreapNodesHoldNoPointers(t *testing.T) {
	for i := range reflect.TypeFor[tnode]().NumField() {
		switch k := reflect.TypeFor[tnode]().Field(i).Type.Kind(); k {
		case reflect.Int32, reflect.Int64, reflect.Uint32, reflect.Uint64:
		default:
			t.Errorf("tnode.%s is a %s", reflect.TypeFor[tnode]().Field(i).Name, k)
		}
	}
}
