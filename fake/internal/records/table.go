package records

import (
	"errors"
	"iter"
	"slices"
)

// ErrDuplicate is Insert's refusal of an id already in the table.
var ErrDuplicate = errors.New("records: id already exists")

// Table holds records of type R by a unique id, in insertion order, with
// the indexes declared by GroupBy and SortBy. The zero value is not
// usable: make one with NewTable. Not safe for concurrent use.
//
// A record's insertion number (seq, from 1) is its position in order plus
// one; the indexes hold seqs, not pointers, so that the garbage collector
// has one pointer per record to follow, in order, however many indexes
// there are.
type Table[R any] struct {
	id     func(*R) string
	seqs   map[string]uint64 // id -> seq
	order  []*R              // insertion order: order[seq-1]
	groups []*Group[R]
	sorts  []*Sorted[R]
}

// NewTable makes an empty table whose records are known by id(r), which
// must never change once inserted.
func NewTable[R any](id func(*R) string) *Table[R] {
	return &Table[R]{id: id, seqs: map[string]uint64{}}
}

// Len is the number of records.
func (t *Table[R]) Len() int { return len(t.order) }

func (t *Table[R]) bySeq(seq uint64) *R { return t.order[seq-1] }

// Get returns the record with id; the caller reads it under its lock and
// changes it only through Update.
func (t *Table[R]) Get(id string) (*R, bool) {
	seq, ok := t.seqs[id]
	if !ok {
		return nil, false
	}
	return t.order[seq-1], true
}

// Insert adds r to the table and to every index.
func (t *Table[R]) Insert(r *R) error {
	id := t.id(r)
	if _, dup := t.seqs[id]; dup {
		return ErrDuplicate
	}
	t.order = append(t.order, r)
	seq := uint64(len(t.order))
	t.seqs[id] = seq
	for _, g := range t.groups {
		g.add(r, seq)
	}
	for _, s := range t.sorts {
		s.add(r, seq)
	}
	return nil
}

// Update runs change on the record with id, then moves the record in
// every index whose key it changed. It reports whether the record exists.
func (t *Table[R]) Update(id string, change func(*R)) bool {
	seq, ok := t.seqs[id]
	if !ok {
		return false
	}
	r := t.order[seq-1]
	groupKeys := make([]groupKey, len(t.groups))
	for i, g := range t.groups {
		groupKeys[i].key, groupKeys[i].ok = g.key(r)
	}
	sortKeys := make([]sortKey, len(t.sorts))
	for i, s := range t.sorts {
		sortKeys[i] = s.keyOf(r)
	}
	change(r)
	for i, g := range t.groups {
		if k, ok := g.key(r); k != groupKeys[i].key || ok != groupKeys[i].ok {
			g.remove(seq, groupKeys[i])
			g.add(r, seq)
		}
	}
	for i, s := range t.sorts {
		if s.keyOf(r) != sortKeys[i] {
			s.remove(seq, sortKeys[i])
			s.add(r, seq)
		}
	}
	return true
}

// All yields every record in insertion order: O(n), for full scans only.
func (t *Table[R]) All() iter.Seq[*R] {
	return func(yield func(*R) bool) {
		for _, r := range t.order {
			if !yield(r) {
				return
			}
		}
	}
}

// Newest yields the records from the latest inserted backward.
func (t *Table[R]) Newest() iter.Seq[*R] {
	return func(yield func(*R) bool) {
		for _, r := range slices.Backward(t.order) {
			if !yield(r) {
				return
			}
		}
	}
}

// Group indexes records by a string key; see GroupBy.
type Group[R any] struct {
	t   *Table[R]
	key func(*R) (string, bool)
	// The seqs of a key's records, ascending (insertion order): the first
	// in first, the others, when there are any, in more. Most keys of the
	// fake's groups (merchant_uid) have one record, which then costs the
	// collector no slice of its own.
	first map[string]uint64
	more  map[string][]uint64
}

type groupKey struct {
	key string
	ok  bool
}

// GroupBy declares an index of the records by key(r); records for which
// key reports false are left out. Declare indexes before inserting.
func (t *Table[R]) GroupBy(key func(*R) (string, bool)) *Group[R] {
	g := &Group[R]{t: t, key: key, first: map[string]uint64{}, more: map[string][]uint64{}}
	for i, r := range t.order {
		g.add(r, uint64(i+1))
	}
	t.groups = append(t.groups, g)
	return g
}

// Of yields the records whose key is k, in insertion order.
func (g *Group[R]) Of(k string) iter.Seq[*R] {
	return func(yield func(*R) bool) {
		first, ok := g.first[k]
		if !ok || !yield(g.t.bySeq(first)) {
			return
		}
		for _, seq := range g.more[k] {
			if !yield(g.t.bySeq(seq)) {
				return
			}
		}
	}
}

// Len is the number of records whose key is k.
func (g *Group[R]) Len(k string) int {
	if _, ok := g.first[k]; !ok {
		return 0
	}
	return 1 + len(g.more[k])
}

func (g *Group[R]) add(r *R, seq uint64) {
	k, ok := g.key(r)
	if !ok {
		return
	}
	first, ok := g.first[k]
	switch {
	case !ok:
		g.first[k] = seq
		return
	case seq < first:
		g.first[k], seq = seq, first
	}
	m := g.more[k]
	i, _ := slices.BinarySearch(m, seq)
	g.more[k] = slices.Insert(m, i, seq)
}

func (g *Group[R]) remove(seq uint64, old groupKey) {
	if !old.ok {
		return
	}
	k := old.key
	m := g.more[k]
	if g.first[k] == seq {
		if len(m) == 0 {
			delete(g.first, k)
			return
		}
		g.first[k], m = m[0], m[1:]
	} else {
		m = slices.DeleteFunc(m, func(x uint64) bool { return x == seq })
	}
	if len(m) == 0 {
		delete(g.more, k)
		return
	}
	g.more[k] = m
}

// Sorted orders the records of each partition by an int64 key; see SortBy.
type Sorted[R any] struct {
	t     *Table[R]
	part  func(*R) (string, bool)
	key   func(*R) int64
	trees map[string]*treap
}

type sortKey struct {
	part string
	ok   bool
	key  int64
}

// SortBy declares an index that orders the records of each partition
// part(r) by key(r), ties in insertion order; records for which part
// reports false are left out. Declare indexes before inserting.
func (t *Table[R]) SortBy(part func(*R) (string, bool), key func(*R) int64) *Sorted[R] {
	s := &Sorted[R]{t: t, part: part, key: key, trees: map[string]*treap{}}
	for i, r := range t.order {
		s.add(r, uint64(i+1))
	}
	t.sorts = append(t.sorts, s)
	return s
}

func (s *Sorted[R]) keyOf(r *R) sortKey {
	p, ok := s.part(r)
	if !ok {
		return sortKey{}
	}
	return sortKey{part: p, ok: true, key: s.key(r)}
}

func (s *Sorted[R]) add(r *R, seq uint64) {
	k := s.keyOf(r)
	if !k.ok {
		return
	}
	tr := s.trees[k.part]
	if tr == nil {
		tr = &treap{}
		s.trees[k.part] = tr
	}
	tr.insert(k.key, seq)
}

func (s *Sorted[R]) remove(seq uint64, old sortKey) {
	if !old.ok {
		return
	}
	if tr := s.trees[old.part]; tr != nil {
		tr.remove(old.key, seq)
	}
}

// Len is the number of records in partition part.
func (s *Sorted[R]) Len(part string) int {
	if tr := s.trees[part]; tr != nil {
		return tr.len()
	}
	return 0
}

// Count is the number of records of part whose key is in [from, to].
func (s *Sorted[R]) Count(part string, from, to int64) int {
	tr := s.trees[part]
	if tr == nil || from > to {
		return 0
	}
	hi := tr.len()
	if to < maxInt64 {
		hi = tr.rank(to + 1)
	}
	return hi - tr.rank(from)
}

// Rank is the number of records of part whose key is below key.
func (s *Sorted[R]) Rank(part string, key int64) int {
	if tr := s.trees[part]; tr != nil {
		return tr.rank(key)
	}
	return 0
}

// Ascending yields the records of part from position from (0 is the
// smallest key) upward: O(log n) to start, then O(1) each.
func (s *Sorted[R]) Ascending(part string, from int) iter.Seq[*R] {
	return func(yield func(*R) bool) {
		if tr := s.trees[part]; tr != nil {
			tr.ascend(from, func(seq uint64) bool { return yield(s.t.bySeq(seq)) })
		}
	}
}

// Descending yields the records of part from position from downward to
// position 0 (the smallest key).
func (s *Sorted[R]) Descending(part string, from int) iter.Seq[*R] {
	return func(yield func(*R) bool) {
		if tr := s.trees[part]; tr != nil {
			tr.descend(from, func(seq uint64) bool { return yield(s.t.bySeq(seq)) })
		}
	}
}

const maxInt64 = 1<<63 - 1
