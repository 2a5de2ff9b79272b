package entity

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// maxTokens bounds the work on one text: tokens past it are not tagged.
// It is far above any article (a 5 MB text has about a million tokens).
const maxTokens = 4 << 20

// maxPhrase is the longest gazetteer phrase tried, in tokens.
const maxPhrase = 7

// docFeatures is what the tagger knows of one text before it tags: its
// tokens, sentences (as token ranges) and the static features of every
// token.
type docFeatures struct {
	text   string
	toks   []text.Token
	words  []string // token text, normalized (curly apostrophes straight)
	lower  []string
	sents  []tokRange
	static []uint64 // static features, feats[off[i]:off[i+1]] for token i
	off    []int32
	// shouting is set when the text is (almost) all capitals: the case of
	// its words says nothing.
	shouting bool
	// lineOf and lineTitle are computed by lines, wordAt by wordIndex,
	// when needed.
	lineOf    []int32
	lineTitle []bool
	wordAt    map[string][]int
}

type tokRange struct{ from, to int }

// Feature templates: each feature is the hash of a template number and a
// string.
const (
	fBias = iota
	fWord
	fLower
	fLowerPrev
	fLowerNext
	fLowerPrev2
	fLowerNext2
	fShape
	fShapePrev
	fShapeNext
	fShapePrevCur
	fShapeCurNext
	fPrefix
	fSuffix
	fFirst
	fGaz
	fGazPrev
	fGazNext
	fDocLowerSeen
	fDocCapMid
	fLabelPrev
	fLabelPrev2
	fLabelPrevWord
	fLabelPrevShape
	fLowerPrevCur
	fLowerCurNext
	fKind
	fLength
	fDocAllCap
	fQuoteCtx
	fGazWord
)

// hash is 64-bit FNV-1a over a template number and strings.
func hash(t int, parts ...string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(t)
	h *= 1099511628211
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

// shape maps a word to its collapsed character classes: "Obama" -> "Xx",
// "U.S." -> "X.X.", "COVID-19" -> "X-d", "iPhone" -> "xXx".
func shape(w string) string {
	var b [32]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'L' // caseless scripts
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n < len(b) {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// normWord makes apostrophes and dashes plain so that features do not
// depend on typography.
func normWord(w string) string {
	if !strings.ContainsAny(w, "’‘‐‑–") {
		return w
	}
	return strings.NewReplacer("’", "'", "‘", "'", "‐", "-", "‑", "-", "–", "-").Replace(w)
}

// newDocFeatures tokenizes t and computes the static features.
func newDocFeatures(t string) *docFeatures {
	d := &docFeatures{text: t}
	d.toks = text.Tokens(t, nil)
	if len(d.toks) > maxTokens {
		d.toks = d.toks[:maxTokens]
	}
	n := len(d.toks)
	d.words = make([]string, n)
	d.lower = make([]string, n)
	upper, cased := 0, 0
	for i, tk := range d.toks {
		w := normWord(t[tk.Start:tk.End])
		d.words[i] = w
		d.lower[i] = strings.ToLower(w)
		if tk.Kind == text.Word {
			for _, r := range w {
				if unicode.IsUpper(r) {
					upper++
					cased++
				} else if unicode.IsLower(r) {
					cased++
				}
			}
		}
	}
	d.shouting = cased > 20 && upper*10 > cased*8
	d.sents = sentenceRanges(t, d.toks)
	d.computeStatic()
	return d
}

// sentenceRanges maps the sentences of t to token ranges.
func sentenceRanges(t string, toks []text.Token) []tokRange {
	var out []tokRange
	i := 0
	for _, s := range text.Sentences(t) {
		for i < len(toks) && toks[i].End <= s.Start {
			i++
		}
		from := i
		for i < len(toks) && toks[i].Start < s.End {
			i++
		}
		if i > from {
			out = append(out, tokRange{from, i})
		}
	}
	if i < len(toks) {
		out = append(out, tokRange{i, len(toks)})
	}
	return splitLong(out)
}

// splitLong cuts sentences longer than 200 tokens so that no decision
// depends on a run-on "sentence" of a page without punctuation.
func splitLong(in []tokRange) []tokRange {
	var out []tokRange
	for _, r := range in {
		for r.to-r.from > 200 {
			out = append(out, tokRange{r.from, r.from + 200})
			r.from += 200
		}
		out = append(out, r)
	}
	return out
}

func (d *docFeatures) computeStatic() {
	n := len(d.toks)
	// Document statistics: which words appear in lower case, and which
	// capitalized words appear capitalized inside a sentence.
	lowerSeen := map[string]bool{}
	capMid := map[string]bool{}
	first := make([]bool, n)
	for _, s := range d.sents {
		first[s.from] = true
		// After an opening quote or bracket a word is also "first".
		for i := s.from; i < s.to; i++ {
			w := d.words[i]
			if d.toks[i].Kind != text.Word {
				continue
			}
			if !capitalized(w) {
				lowerSeen[w] = true
			} else if i > s.from && !isOpen(d.words[i-1]) {
				capMid[w] = true
			}
		}
	}
	gaz := d.gazetteer()
	shapes := make([]string, n)
	for i, w := range d.words {
		shapes[i] = shape(w)
	}
	word := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return d.lower[i]
	}
	shp := func(i int) string {
		if i < 0 || i >= n {
			return "_"
		}
		return shapes[i]
	}
	d.off = make([]int32, n+1)
	d.static = getStatic(n * 32)
	for _, s := range d.sents {
		inSent := func(i int) int { // clamp neighbours to the sentence
			if i < s.from {
				return -1
			}
			if i >= s.to {
				return n
			}
			return i
		}
		for i := s.from; i < s.to; i++ {
			d.off[i] = int32(len(d.static))
			f := d.static
			w, l := d.words[i], d.lower[i]
			if d.shouting {
				w = l
			}
			f = append(f,
				hash(fBias),
				hash(fWord, w),
				hash(fLower, l),
				hash(fLowerPrev, word(inSent(i-1))),
				hash(fLowerNext, word(inSent(i+1))),
				hash(fLowerPrev2, word(inSent(i-2))),
				hash(fLowerNext2, word(inSent(i+2))),
				hash(fLowerPrevCur, word(inSent(i-1)), l),
				hash(fLowerCurNext, l, word(inSent(i+1))),
				hash(fKind, d.toks[i].Kind.String()),
			)
			if !d.shouting {
				f = append(f,
					hash(fShape, shapes[i]),
					hash(fShapePrev, shp(inSent(i-1))),
					hash(fShapeNext, shp(inSent(i+1))),
					hash(fShapePrevCur, shp(inSent(i-1)), shapes[i]),
					hash(fShapeCurNext, shapes[i], shp(inSent(i+1))),
				)
			} else {
				f = append(f, hash(fDocAllCap))
			}
			f = affixes(f, l)
			if first[i] || (i > s.from && isOpen(d.words[i-1])) {
				f = append(f, hash(fFirst))
			}
			if capitalized(w) && !d.shouting {
				if lowerSeen[l] {
					f = append(f, hash(fDocLowerSeen))
				}
				if capMid[w] {
					f = append(f, hash(fDocCapMid))
				}
			}
			for _, g := range gaz[i] {
				f = append(f, hash(fGaz, g), hash(fGazWord, g, l))
			}
			if j := inSent(i - 1); j >= 0 {
				for _, g := range gaz[j] {
					f = append(f, hash(fGazPrev, g))
				}
			}
			if j := inSent(i + 1); j < n {
				for _, g := range gaz[j] {
					f = append(f, hash(fGazNext, g))
				}
			}
			d.static = f
		}
	}
	d.off[n] = int32(len(d.static))
	// Tokens outside every sentence (none, normally) get no features.
	for i := n - 1; i >= 0; i-- {
		if d.off[i] == 0 && i > 0 {
			d.off[i] = d.off[i+1]
		}
	}
}

// affixes appends the prefix (up to 3 characters), suffix (up to 4) and
// length features of the lowercase word l. For valid UTF-8 the affixes
// are substrings of l; otherwise they are taken from its runes, as
// string([]rune(l)[:k]) would (an invalid byte reads as U+FFFD).
func affixes(f []uint64, l string) []uint64 {
	if !utf8.ValidString(l) {
		rs := []rune(l)
		for k := 1; k <= 3 && k <= len(rs); k++ {
			f = append(f, hash(fPrefix, string(rs[:k])))
		}
		for k := 1; k <= 4 && k <= len(rs); k++ {
			f = append(f, hash(fSuffix, string(rs[len(rs)-k:])))
		}
		return append(f, hash(fLength, lengthClass(len(rs))))
	}
	nr := utf8.RuneCountInString(l)
	end := 0
	for k := 1; k <= 3 && k <= nr; k++ {
		_, size := utf8.DecodeRuneInString(l[end:])
		end += size
		f = append(f, hash(fPrefix, l[:end]))
	}
	start := len(l)
	for k := 1; k <= 4 && k <= nr; k++ {
		_, size := utf8.DecodeLastRuneInString(l[:start])
		start -= size
		f = append(f, hash(fSuffix, l[start:]))
	}
	return append(f, hash(fLength, lengthClass(nr)))
}

// staticPool recycles the static feature arrays (about 256 bytes a token)
// between texts: tagging needs them only until the labels are known, and
// allocating and zeroing them anew was a third of the stage's allocation.
var staticPool sync.Pool

// getStatic returns an empty slice with at least capacity c.
func getStatic(c int) []uint64 {
	if p, ok := staticPool.Get().(*[]uint64); ok && cap(*p) >= c {
		return (*p)[:0]
	}
	return make([]uint64, 0, c)
}

// release returns the static features to the pool; d is not tagged again.
func (d *docFeatures) release() {
	if d.static != nil {
		s := d.static
		staticPool.Put(&s)
	}
	d.static, d.off = nil, nil
}

func lengthClass(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 3:
		return "3"
	case n <= 6:
		return "6"
	case n <= 10:
		return "10"
	}
	return "long"
}

func isOpen(w string) bool {
	switch w {
	case "\"", "'", "“", "‘", "«", "„", "(", "[", ":", "-", "—", "–":
		return true
	}
	return false
}

// features appends the features of token i given the two labels before it.
func (d *docFeatures) features(dst []uint64, i int, s tokRange, prev, prev2 label) []uint64 {
	if i+1 < len(d.off) {
		dst = append(dst, d.static[d.off[i]:d.off[i+1]]...)
	}
	ps := prev.String()
	w := d.lower[i]
	sh := "_"
	if !d.shouting {
		sh = shape(d.words[i])
	}
	return append(dst,
		hash(fLabelPrev, ps),
		hash(fLabelPrev2, prev2.String(), ps),
		hash(fLabelPrevWord, ps, w),
		hash(fLabelPrevShape, ps, sh),
	)
}

// tag labels every token of d with m.
func (d *docFeatures) tag(m *model) []label {
	out := make([]label, len(d.toks))
	var feats []uint64
	for _, s := range d.sents {
		prev, prev2 := label(0), label(0)
		for i := s.from; i < s.to; i++ {
			feats = d.features(feats[:0], i, s, prev, prev2)
			var sc [numLabels]float32
			score(m, feats, &sc)
			l := best(prev, &sc, i == s.to-1)
			out[i] = l
			prev2, prev = prev, l
		}
	}
	return out
}

// spans turns the labels into typed token ranges.
func spans(labels []label) []typedRange {
	var out []typedRange
	start := -1
	for i, l := range labels {
		if l == 0 {
			start = -1
			continue
		}
		switch l.pos() {
		case posU:
			out = append(out, typedRange{i, i + 1, l.typ()})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, typedRange{start, i + 1, l.typ()})
			}
			start = -1
		}
	}
	return out
}

type typedRange struct{ from, to, typ int }

// goldLabels gives BILOU labels for the tokens of d from character spans;
// a span that does not fall on token boundaries covers the tokens it
// overlaps.
func (d *docFeatures) goldLabels(spans []article.Span, types []int) []label {
	out := make([]label, len(d.toks))
	for k, sp := range spans {
		from, to := -1, -1
		for i, tk := range d.toks {
			if tk.End > sp.Start && tk.Start < sp.End {
				if from < 0 {
					from = i
				}
				to = i + 1
			}
		}
		if from < 0 {
			continue
		}
		clash := false
		for i := from; i < to; i++ {
			if out[i] != 0 {
				clash = true
			}
		}
		if clash {
			continue
		}
		t := types[k]
		if to-from == 1 {
			out[from] = mkLabel(t, posU)
			continue
		}
		out[from] = mkLabel(t, posB)
		for i := from + 1; i < to-1; i++ {
			out[i] = mkLabel(t, posI)
		}
		out[to-1] = mkLabel(t, posL)
	}
	return out
}
