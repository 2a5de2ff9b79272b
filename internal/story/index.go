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
	postings map[uint64][]int32
	closed   map[uint64]bool
	sizes    []int32 // sampled shingles per text
}

// Index parameters.
const (
	SampleRate = 4
	MaxPosting = 2000
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{postings: map[uint64][]int32{}, closed: map[uint64]bool{}}
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
		if ix.closed[h] {
			continue
		}
		p := append(ix.postings[h], id)
		if len(p) > MaxPosting {
			delete(ix.postings, h)
			ix.closed[h] = true
			continue
		}
		ix.postings[h] = p
	}
	ix.sizes = append(ix.sizes, n)
	return id
}

// Candidates returns the texts that share at least minShared sampled
// shingles with f and at least minShare of the sampled shingles of the
// smaller of the two, in id order. Pass what Compare then confirms.
func (ix *Index) Candidates(f *Fingerprint, minShared int, minShare float64) []int32 {
	counts := map[int32]int32{}
	n := int32(0)
	for _, h := range f.set {
		if !sampled(h) {
			continue
		}
		n++
		for _, id := range ix.postings[h] {
			counts[id]++
		}
	}
	var out []int32
	for id, c := range counts {
		smaller := min(n, ix.sizes[id])
		if int(c) >= minShared && float64(c) >= minShare*float64(smaller) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
