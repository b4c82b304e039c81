package records

import "math/rand/v2"

// treap is an order-statistic tree: a binary search tree on (key, seq)
// balanced by random priorities, each node knowing its subtree's size,
// so rank and position queries take O(log n) expected.
type treap[V any] struct {
	root *node[V]
}

type node[V any] struct {
	key         int64
	seq         uint64
	val         V
	prio        uint32
	size        int
	left, right *node[V]
}

func less(k1 int64, s1 uint64, k2 int64, s2 uint64) bool {
	return k1 < k2 || (k1 == k2 && s1 < s2)
}

func size[V any](n *node[V]) int {
	if n == nil {
		return 0
	}
	return n.size
}

func (n *node[V]) fix() { n.size = 1 + size(n.left) + size(n.right) }

// split cuts n into the nodes before (key, seq) and the rest.
func split[V any](n *node[V], key int64, seq uint64) (l, r *node[V]) {
	if n == nil {
		return nil, nil
	}
	if less(n.key, n.seq, key, seq) {
		n.right, r = split(n.right, key, seq)
		n.fix()
		return n, r
	}
	l, n.left = split(n.left, key, seq)
	n.fix()
	return l, n
}

// merge joins l and r, every node of l being before every node of r.
func merge[V any](l, r *node[V]) *node[V] {
	switch {
	case l == nil:
		return r
	case r == nil:
		return l
	case l.prio > r.prio:
		l.right = merge(l.right, r)
		l.fix()
		return l
	default:
		r.left = merge(l, r.left)
		r.fix()
		return r
	}
}

func (t *treap[V]) insert(key int64, seq uint64, val V) {
	l, r := split(t.root, key, seq)
	n := &node[V]{key: key, seq: seq, val: val, prio: rand.Uint32(), size: 1}
	t.root = merge(merge(l, n), r)
}

// remove deletes the node (key, seq); it reports whether there was one.
func (t *treap[V]) remove(key int64, seq uint64) bool {
	l, r := split(t.root, key, seq)
	mid, rest := split(r, key, seq+1)
	t.root = merge(l, rest)
	return mid != nil
}

func (t *treap[V]) len() int { return size(t.root) }

// rank counts the nodes whose key is below key.
func (t *treap[V]) rank(key int64) int {
	n, before := t.root, 0
	for n != nil {
		if n.key < key {
			before += size(n.left) + 1
			n = n.right
		} else {
			n = n.left
		}
	}
	return before
}

// ascend yields the values at positions from, from+1, ... in order until
// yield returns false: O(log n) to reach from, then O(1) amortized each.
func (t *treap[V]) ascend(from int, yield func(V) bool) {
	ascend(t.root, from, yield)
}

func ascend[V any](n *node[V], from int, yield func(V) bool) bool {
	if n == nil {
		return true
	}
	left := size(n.left)
	if from < left && !ascend(n.left, from, yield) {
		return false
	}
	if from <= left && !yield(n.val) {
		return false
	}
	return ascend(n.right, max(from-left-1, 0), yield)
}

// descend yields the values at positions from, from-1, ... down to 0.
func (t *treap[V]) descend(from int, yield func(V) bool) {
	descend(t.root, from, yield)
}

func descend[V any](n *node[V], from int, yield func(V) bool) bool {
	if n == nil || from < 0 {
		return true
	}
	left := size(n.left)
	if from > left && !descend(n.right, from-left-1, yield) {
		return false
	}
	if from >= left && !yield(n.val) {
		return false
	}
	return descend(n.left, min(from, left-1), yield)
}
