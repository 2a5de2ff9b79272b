// Package story finds which articles are copies of one another and which
// tell the same story. This file holds copy detection: fingerprints of word
// shingles, an index that finds candidate copies without comparing all
// pairs, and the comparison of two articles (similarity, containment both
// ways, and the shared passages as spans of each text).
package story

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// ShingleWords is the number of words in a shingle. Three words keep a
// third of the shingles of a text with 30% of its words changed, where five
// would keep a sixth, so light rewording still shows.
const ShingleWords = 3

// Fingerprint is what copy detection knows of one text.
type Fingerprint struct {
	words []article.Span // word tokens of the text, in order
	// hashes[i] is the hash of the shingle of words i..i+ShingleWords-1.
	hashes []uint64
	// set is hashes sorted, without repeats.
	set []uint64
}

// Len returns the number of distinct shingles.
func (f *Fingerprint) Len() int { return len(f.set) }

// NewFingerprint fingerprints a normalized text. Words are compared
// case-folded, with typographic apostrophes folded to ASCII, so that
// capitalization and quote style do not hide a copy; punctuation is ignored.
func NewFingerprint(t string) *Fingerprint {
	toks := text.Tokens(t, nil)
	f := &Fingerprint{}
	wh := make([]uint64, 0, len(toks))
	for _, tk := range toks {
		switch tk.Kind {
		case text.Word, text.Number, text.Abbrev:
			f.words = append(f.words, tk.Span)
			wh = append(wh, wordHash(tk.In(t)))
		}
	}
	switch n := len(wh); {
	case n == 0:
	case n < ShingleWords:
		f.hashes = []uint64{combine(wh)}
	default:
		f.hashes = make([]uint64, 0, n-ShingleWords+1)
		for i := 0; i+ShingleWords <= n; i++ {
			f.hashes = append(f.hashes, combine(wh[i:i+ShingleWords]))
		}
	}
	f.set = slices.Clone(f.hashes)
	slices.Sort(f.set)
	f.set = slices.Compact(f.set)
	return f
}

// wordHash is FNV-1a over the case-folded word, with ’ and ‘ read as '.
// It must stay stable: fingerprints may be persisted.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range w {
		switch r {
		case '’', '‘', 'ʼ':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:n] {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}

// combine hashes a run of word hashes into a shingle hash.
func combine(ws []uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, w := range ws {
		h = mix(h ^ w)
	}
	return h
}

// mix is the splitmix64 finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Pair is the comparison of two texts A and B.
type Pair struct {
	// Jaccard is |A∩B| / |A∪B| over distinct shingles.
	Jaccard float64
	// AInB is the share of A's shingles found in B: 1 when all of A is
	// in B (B contains A). BInA likewise.
	AInB, BInA float64
	// SharedA and SharedB are the passages the texts share, as spans of A's
	// and of B's text, in text order.
	SharedA, SharedB []article.Span
}

// Containment is the larger of AInB and BInA: how much of the smaller
// text the other holds.
func (p Pair) Containment() float64 { return max(p.AInB, p.BInA) }

// Compare compares two fingerprints.
func Compare(a, b *Fingerprint) Pair {
	p := overlap(a, b)
	if p.Jaccard == 0 {
		return p
	}
	in := newShingleSet(a.set, b.set)
	p.SharedA = a.passages(&in)
	p.SharedB = b.passages(&in)
	return p
}

// compareCopy is Compare for a pair that matters only if it is a copy: the
// passages, which cost a lookup per shingle, are found only when the
// containment alone does not already rule a copy out. For a pair that
// IsCopy, the result is Compare's.
func compareCopy(a, b *Fingerprint) Pair {
	p := overlap(a, b)
	if p.Containment() < CopyThreshold {
		return p
	}
	in := newShingleSet(a.set, b.set)
	p.SharedA = a.passages(&in)
	p.SharedB = b.passages(&in)
	return p
}

// overlap is Compare without the passages.
func overlap(a, b *Fingerprint) Pair {
	var p Pair
	inter := 0
	for i, j := 0, 0; i < len(a.set) && j < len(b.set); {
		switch {
		case a.set[i] < b.set[j]:
			i++
		case a.set[i] > b.set[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	if len(a.set) == 0 || len(b.set) == 0 || inter == 0 {
		return p
	}
	p.Jaccard = float64(inter) / float64(len(a.set)+len(b.set)-inter)
	p.AInB = float64(inter) / float64(len(a.set))
	p.BInA = float64(inter) / float64(len(b.set))
	return p
}

// MinPassageWords is the shortest shared run reported as a passage: runs
// of a few words are common phrases, not copying.
const MinPassageWords = 8

// passages returns the spans of f's text covered by runs of shingles that
// are in shared.
func (f *Fingerprint) passages(shared *shingleSet) []article.Span {
	var out []article.Span
	runStart, runEnd := -1, -1 // word indexes, end exclusive
	flush := func() {
		if runStart >= 0 && runEnd-runStart >= MinPassageWords {
			out = append(out, article.Span{Start: f.words[runStart].Start, End: f.words[runEnd-1].End})
		}
		runStart, runEnd = -1, -1
	}
	width := min(ShingleWords, len(f.words))
	for i, h := range f.hashes {
		if !shared.has(h) {
			continue
		}
		if runStart >= 0 && i <= runEnd {
			runEnd = max(runEnd, i+width)
			continue
		}
		flush()
		runStart, runEnd = i, i+width
	}
	flush()
	return out
}

// shingleSet is the set of shingles two texts share, for the passage
// scan's one lookup per shingle: an open-addressed table, since shingle
// hashes are already mixed, where a binary search over a sorted set took a
// third of a 10k-article story build in branch mispredictions.
type shingleSet struct {
	slots []uint64 // 0 is an empty slot; the shingle 0 is zero
	mask  uint64
	zero  bool
}

// newShingleSet returns the intersection of the sorted sets a and b.
func newShingleSet(a, b []uint64) shingleSet {
	var shared []uint64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			shared = append(shared, a[i])
			i++
			j++
		}
	}
	size := 1
	for size < 2*len(shared) {
		size <<= 1
	}
	s := shingleSet{slots: make([]uint64, size), mask: uint64(size - 1)}
	for _, h := range shared {
		if h == 0 {
			s.zero = true
			continue
		}
		i := h & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = h // shared has no repeats
	}
	return s
}

func (s *shingleSet) has(h uint64) bool {
	if h == 0 {
		return s.zero
	}
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// CopyThreshold is the containment above which a pair is a copy: a third
// of the shorter text's shingles found in the other. A copy with 30% of its
// words changed keeps about 0.7³ ≈ 0.34 of them; two independent articles
// on the same event share names and stock phrases, rarely a tenth.
const CopyThreshold = 0.25

// IsCopy reports whether p shows one text copying the other: enough of
// the smaller text is in the other, and at least one passage of
// MinPassageWords words is shared verbatim (scattered stock phrases alone
// are not copying).
func (p Pair) IsCopy() bool {
	return p.Containment() >= CopyThreshold && len(p.SharedA) > 0
}
