package records

import "math/rand/v2"

// treap is an order-statistic tree: a binary search tree on (key, seq)
// balanced by random priorities, each node knowing its subtree's size,
// so rank and position queries take O(log n) expected.
//
// Its nodes live in one slice and name each other by position, and a node
// holds the record's insertion number (seq), not a pointer to it: the
// slice has no pointers, so the garbage collector never scans it. With
// eight sorted indexes of a hundred thousand payments, pointer nodes were
// 800,000 heap objects of three pointers each that every GC cycle marked
// (BenchmarkScaleLookupWhileListing: lookups during a mark phase were
// three times slower at the median).
type treap struct {
	root  int32   // 0: empty
	nodes []tnode // nodes[0] is unused: index 0 means none
	free  int32   // a removed node, its left linking to the next; 0: none
}

type tnode struct {
	key         int64
	seq         uint64
	prio        uint32
	size        int32
	left, right int32
}

func less(k1 int64, s1 uint64, k2 int64, s2 uint64) bool {
	return k1 < k2 || (k1 == k2 && s1 < s2)
}

func (t *treap) size(n int32) int {
	if n == 0 {
		return 0
	}
	return int(t.nodes[n].size)
}

func (t *treap) fix(n int32) {
	nd := &t.nodes[n]
	nd.size = 1 + int32(t.size(nd.left)+t.size(nd.right))
}

// split cuts n into the nodes before (key, seq) and the rest.
func (t *treap) split(n int32, key int64, seq uint64) (l, r int32) {
	if n == 0 {
		return 0, 0
	}
	if nd := t.nodes[n]; less(nd.key, nd.seq, key, seq) {
		right, r := t.split(nd.right, key, seq)
		t.nodes[n].right = right
		t.fix(n)
		return n, r
	}
	l, left := t.split(t.nodes[n].left, key, seq)
	t.nodes[n].left = left
	t.fix(n)
	return l, n
}

// merge joins l and r, every node of l being before every node of r.
func (t *treap) merge(l, r int32) int32 {
	switch {
	case l == 0:
		return r
	case r == 0:
		return l
	case t.nodes[l].prio > t.nodes[r].prio:
		right := t.merge(t.nodes[l].right, r)
		t.nodes[l].right = right
		t.fix(l)
		return l
	default:
		left := t.merge(l, t.nodes[r].left)
		t.nodes[r].left = left
		t.fix(r)
		return r
	}
}

func (t *treap) insert(key int64, seq uint64) {
	if t.nodes == nil {
		t.nodes = make([]tnode, 1, 64)
	}
	nd := tnode{key: key, seq: seq, prio: rand.Uint32(), size: 1}
	var n int32
	if t.free != 0 {
		n, t.free = t.free, t.nodes[t.free].left
		t.nodes[n] = nd
	} else {
		n = int32(len(t.nodes))
		t.nodes = append(t.nodes, nd)
	}
	l, r := t.split(t.root, key, seq)
	t.root = t.merge(t.merge(l, n), r)
}

// remove deletes the node (key, seq); it reports whether there was one.
func (t *treap) remove(key int64, seq uint64) bool {
	l, r := t.split(t.root, key, seq)
	mid, rest := t.split(r, key, seq+1)
	t.root = t.merge(l, rest)
	if mid == 0 {
		return false
	}
	t.nodes[mid] = tnode{left: t.free} // (key, seq) is unique: mid is one node
	t.free = mid
	return true
}

func (t *treap) len() int { return t.size(t.root) }

// rank counts the nodes whose key is below key.
func (t *treap) rank(key int64) int {
	n, before := t.root, 0
	for n != 0 {
		nd := &t.nodes[n]
		if nd.key < key {
			before += t.size(nd.left) + 1
			n = nd.right
		} else {
			n = nd.left
		}
	}
	return before
}

// ascend yields the seq at positions from, from+1, ... in order until
// yield returns false: O(log n) to reach from, then O(1) amortized each.
func (t *treap) ascend(from int, yield func(uint64) bool) {
	t.ascendFrom(t.root, from, yield)
}

func (t *treap) ascendFrom(n int32, from int, yield func(uint64) bool) bool {
	if n == 0 {
		return true
	}
	nd := t.nodes[n]
	left := t.size(nd.left)
	if from < left && !t.ascendFrom(nd.left, from, yield) {
		return false
	}
	if from <= left && !yield(nd.seq) {
		return false
	}
	return t.ascendFrom(nd.right, max(from-left-1, 0), yield)
}

// descend yields the seq at positions from, from-1, ... down to 0.
func (t *treap) descend(from int, yield func(uint64) bool) {
	t.descendFrom(t.root, from, yield)
}

func (t *treap) descendFrom(n int32, from int, yield func(uint64) bool) bool {
	if n == 0 || from < 0 {
		return true
	}
	nd := t.nodes[n]
	left := t.size(nd.left)
	if from > left && !t.descendFrom(nd.right, from-left-1, yield) {
		return false
	}
	if from >= left && !yield(nd.seq) {
		return false
	}
	return t.descendFrom(nd.left, min(from, left-1), yield)
}
