package story

import "slices"

// Index finds candidate copies of a text among the texts added to it,
// without comparing all pairs. It keeps a sample of each text's shingles, the
// hashes that are 0 modulo SampleRate (Broder's mod-m sketch: the same
// shingle is sampled in every text that has it), in an inverted index. A
// text that shares sampled shingles with another is a candidate. Unlike
// MinHash banding, which finds pairs of high Jaccard similarity, this finds
// a short text contained in a long one too. Posting lists of shingles found
// in more than MaxPosting texts (stock phrases, site furniture) are closed:
// they say nothing about copying and would make lookups slow.
type Index struct {
	postings postingTable
	sizes    []int32 // sampled shingles per text
	hits     []int32 // scratch for Candidates
}

// Index parameters.
const (
	SampleRate = 4
	MaxPosting = 2000
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{postings: newPostingTable()}
}

func sampled(h uint64) bool { return h%SampleRate == 0 }

// Add adds f and returns its id: the number of texts added before it.
func (ix *Index) Add(f *Fingerprint) int32 {
	id := int32(len(ix.sizes))
	n := int32(0)
	for _, h := range f.set {
		if !sampled(h) {
			continue
		}
		n++
		ix.postings.add(h, id)
	}
	ix.sizes = append(ix.sizes, n)
	return id
}

// Candidates returns the texts that share at least minShared sampled
// shingles with f and at least minShare of the sampled shingles of the
// smaller of the two, in id order. Pass what Compare then confirms.
func (ix *Index) Candidates(f *Fingerprint, minShared int, minShare float64) []int32 {
	hits := ix.hits[:0]
	n := int32(0)
	for _, h := range f.set {
		if !sampled(h) {
			continue
		}
		n++
		hits = ix.postings.appendPostings(hits, h)
	}
	slices.Sort(hits)
	var out []int32
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j] == hits[i] {
			j++
		}
		id, c := hits[i], int32(j-i)
		smaller := min(n, ix.sizes[id])
		if int(c) >= minShared && float64(c) >= minShare*float64(smaller) {
			out = append(out, id)
		}
		i = j
	}
	ix.hits = hits[:0]
	return out
}

// postingTable maps a sampled shingle hash to the texts holding it: an
// open-addressed table with linear probing whose slots hold the key and
// the first text inline, so the common lookup (a shingle no text or one
// text has) touches one cache line. A Go map of slices costs a bucket, a
// slice header and a separately allocated array, which at millions of
// keys is a cache miss each.
type postingTable struct {
	slots []postingSlot // len a power of two
	used  int
	more  [][]int32 // the postings after the first, by postingSlot.more-1
}

type postingSlot struct {
	// key is the hash with its low bit set: sampled hashes are multiples
	// of SampleRate, so the low bit is free, and 0 marks an empty slot.
	key uint64
	// first is the first text holding the shingle, or closedPosting.
	first int32
	// more is 1 + the index in more of the other texts, 0 for none.
	more int32
}

// closedPosting marks a shingle found in more than MaxPosting texts.
const closedPosting = -1

func newPostingTable() postingTable {
	return postingTable{slots: make([]postingSlot, 1<<10)}
}

// slot returns the index of key's slot, or of the empty slot where it
// belongs.
func (t *postingTable) slot(key uint64) int {
	mask := len(t.slots) - 1
	// Fibonacci hashing spreads the high bits of a multiplied key over
	// the table; the shingle hashes' low bits are not all random.
	i := int((key*0x9E3779B97F4A7C15)>>32) & mask
	for {
		k := t.slots[i].key
		if k == key || k == 0 {
			return i
		}
		i = (i + 1) & mask
	}
}

func (t *postingTable) add(h uint64, id int32) {
	key := h | 1
	i := t.slot(key)
	s := &t.slots[i]
	if s.key == 0 {
		s.key, s.first = key, id
		t.used++
		if t.used*4 > len(t.slots)*3 {
			t.grow()
		}
		return
	}
	if s.first == closedPosting {
		return
	}
	if s.more == 0 {
		t.more = append(t.more, nil)
		s.more = int32(len(t.more))
	}
	p := append(t.more[s.more-1], id)
	if len(p)+1 > MaxPosting {
		// Close it; the list's slot in more stays, empty.
		s.first = closedPosting
		t.more[s.more-1] = nil
		return
	}
	t.more[s.more-1] = p
}

// appendPostings appends to dst the texts holding h.
func (t *postingTable) appendPostings(dst []int32, h uint64) []int32 {
	s := t.slots[t.slot(h|1)]
	if s.key == 0 || s.first == closedPosting {
		return dst
	}
	dst = append(dst, s.first)
	if s.more != 0 {
		dst = append(dst, t.more[s.more-1]...)
	}
	return dst
}

func (t *postingTable) grow() {
	old := t.slots
	t.slots = make([]postingSlot, 2*len(old))
	for _, s := range old {
		if s.key != 0 {
			t.slots[t.slot(s.key)] = s
		}
	}
}
