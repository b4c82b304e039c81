package records

// Blobs keeps byte strings in large chunks that hold no pointers, so that
// a hundred thousand of them cost the garbage collector a hundred chunks
// to mark and sweep instead of a hundred thousand objects (the fake's
// stored payments, about 1 KB each). A stored string is never written
// again: Put appends after the last one, so a slice Bytes returned stays
// valid, and unchanged, for as long as its holder keeps it, even after
// the Blobs that gave it is replaced by a compacted copy.
//
// The zero value is ready to use. Not safe for concurrent use: the caller
// locks (the fake's store lock), as for a Table.
type Blobs struct {
	chunks [][]byte
	// filling is 1 + the index of the chunk small strings are appended to,
	// 0 before the first: a large string's chunk of its own, appended
	// after it, leaves it open (else each large string among small ones
	// would cost a fresh chunk, abandoned at the next large one).
	filling int
	live    int // bytes of the strings not freed
	dead    int // bytes of freed strings, still in their chunks
}

// Blob names a string stored in a Blobs. The zero Blob is the empty string.
type Blob struct {
	chunk, off, n uint32
}

// chunkSize is the size of a chunk; a string longer than a quarter of it
// gets a chunk of its own, so a chunk's unused tail stays under a quarter.
const chunkSize = 1 << 20

// Put stores a copy of p.
func (b *Blobs) Put(p []byte) Blob {
	if len(p) == 0 {
		return Blob{}
	}
	b.live += len(p)
	if len(p) > chunkSize/4 {
		b.chunks = append(b.chunks, append([]byte(nil), p...))
		return Blob{chunk: uint32(len(b.chunks) - 1), n: uint32(len(p))}
	}
	if b.filling == 0 || cap(b.chunks[b.filling-1])-len(b.chunks[b.filling-1]) < len(p) {
		b.chunks = append(b.chunks, make([]byte, 0, chunkSize))
		b.filling = len(b.chunks)
	}
	i := b.filling - 1
	c := b.chunks[i]
	off := len(c)
	b.chunks[i] = append(c, p...)
	return Blob{chunk: uint32(i), off: uint32(off), n: uint32(len(p))}
}

// Bytes is the string r names. Its capacity is its length: an append to
// it copies instead of writing over the next string.
func (b *Blobs) Bytes(r Blob) []byte {
	if r.n == 0 {
		return nil
	}
	c := b.chunks[r.chunk]
	return c[r.off : r.off+r.n : r.off+r.n]
}

// Free marks r's bytes as unused; they stay where they are until the
// owner compacts (Wasteful, then Put every live string into a new Blobs).
func (b *Blobs) Free(r Blob) {
	b.live -= int(r.n)
	b.dead += int(r.n)
}

// Wasteful says whether freed strings take more room than live ones, and
// more than a chunk: then a compacted copy is worth its O(live) cost,
// which the frees since the last one have paid for.
func (b *Blobs) Wasteful() bool { return b.dead > b.live && b.dead > chunkSize }

// Size is the bytes of the chunks, used or not (for tests and figures).
func (b *Blobs) Size() int {
	n := 0
	for _, c := range b.chunks {
		n += cap(c)
	}
	return n
}
