package records

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// Every string reads back as it was put, whatever its size (empty, small,
// filling a chunk's tail, larger than a quarter chunk), and no later Put,
// nor an append to a slice Bytes gave, changes one already stored.
func TestBlobsKeepEveryString(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b Blobs
	var refs []Blob
	var want, given [][]byte
	for i := range 3000 {
		n := r.IntN(2000)
		if i%500 == 7 {
			n = chunkSize/4 + r.IntN(chunkSize) // a chunk of its own
		}
		p := make([]byte, n)
		for j := range p {
			p[j] = byte(r.IntN(256))
		}
		refs, want = append(refs, b.Put(p)), append(want, bytes.Clone(p))
		clear(p) // Put kept a copy: the caller may reuse its slice
		ref := refs[len(refs)-1]
		got := b.Bytes(ref)
		given = append(given, got)
		if cap(got) != len(got) {
			t.Fatalf("string %d: capacity %d beyond its length %d", i, cap(got), len(got))
		}
		_ = append(got, 'x') // must copy, not write into the next string
	}
	for i, ref := range refs {
		if !bytes.Equal(b.Bytes(ref), want[i]) || !bytes.Equal(given[i], want[i]) {
			t.Fatalf("string %d (%d bytes) changed", i, len(want[i]))
		}
	}
	if b.live != sum(want) || b.dead != 0 {
		t.Errorf("live %d dead %d, want %d and 0", b.live, b.dead, sum(want))
	}
	// Small strings share chunks: far fewer chunks than strings.
	if len(b.chunks) > 20 {
		t.Errorf("%d chunks for %d strings of about 1 KB", len(b.chunks), len(refs))
	}
}

func sum(ps [][]byte) int {
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	return n
}

// Wasteful turns true once freed bytes outweigh live ones and a chunk,
// not before.
func TestBlobsWasteful(t *testing.T) {
	var b Blobs
	p := bytes.Repeat([]byte("x"), 1000)
	var refs []Blob
	for range 3 * chunkSize / 2 / 1000 { // dead outweighs live before it outweighs a chunk
		refs = append(refs, b.Put(p))
	}
	for i, ref := range refs {
		b.Free(ref)
		dead, live := (i+1)*1000, (len(refs)-i-1)*1000
		if want := dead > live && dead > chunkSize; b.Wasteful() != want {
			t.Fatalf("after %d frees (dead %d, live %d): Wasteful %v", i+1, dead, live, b.Wasteful())
		}
	}
	if !b.Wasteful() {
		t.Fatal(fmt.Sprint("all freed, not wasteful: ", b.dead, b.live))
	}
}

// A string too large to share a chunk takes one of its own without
// closing the chunk small strings are filling: strings of both sizes in
// turn (a payment of a 264 KB custom_data changing, small ones changing
// between) cost their bytes and about one chunk, not a fresh chunk for
// the small strings after each large one, abandoned as soon as the next
// large one came (whose length, a whole number of pages, leaves its own
// chunk no room after it).
func TestBlobsLargeStringsLeaveSmallOnesTheirChunk(t *testing.T) {
	var b Blobs
	large, small := make([]byte, chunkSize/4+8<<10), make([]byte, 100)
	for range 100 {
		b.Put(large)
		b.Put(small)
	}
	if size, bytes := b.Size(), 100*(len(large)+len(small)); size > bytes+2*chunkSize {
		t.Errorf("chunks of %d bytes hold %d bytes of strings", size, bytes)
	}
}
