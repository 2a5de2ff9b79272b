package entity

import (
	"math"
	"slices"
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
	// wordID numbers the distinct words (token texts as in words), in
	// order of first use; nWords is how many there are.
	wordID []int32
	nWords int
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
	fLabelPrevWord
	fLabelPrevShape
	fLowerPrevCur
	fLowerCurNext
	fKind
	fLength
	fDocAllCap
	fQuoteCtx
	fGazWord
	fRunLast
	fRunFirst
	fRunLen
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
	// Each of them starts with the byte 0xE2.
	if strings.IndexByte(w, 0xE2) < 0 || !strings.ContainsAny(w, "’‘‐‑–") {
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
	d.numberWords()
	d.sents = sentenceRanges(t, d.toks)
	d.computeStatic()
	return d
}

// idsPool recycles the maps numberWords uses.
var idsPool sync.Pool

// numberWords sets wordID and nWords.
func (d *docFeatures) numberWords() {
	ids, _ := idsPool.Get().(map[string]int32)
	if ids == nil {
		ids = make(map[string]int32, len(d.words)/2)
	}
	d.wordID = make([]int32, len(d.words))
	for i, w := range d.words {
		id, ok := ids[w]
		if !ok {
			id = int32(len(ids))
			ids[w] = id
		}
		d.wordID[i] = id
	}
	d.nWords = len(ids)
	clear(ids) // hold no strings of the text in the pool
	idsPool.Put(ids)
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
	runFrom, runTo := d.capRuns()
	// The hashes of the features of one word, computed once per distinct
	// word.
	wh := getWordHashes(d.nWords)
	defer wordHashPool.Put(&wh)
	for i, w := range d.words {
		e := &wh[d.wordID[i]]
		if e.done {
			continue
		}
		l := d.lower[i]
		ww := w
		if d.shouting {
			ww = l
		}
		e.done = true
		e.shape = shape(w)
		e.word, e.lower, e.shapeH = hash(fWord, ww), hash(fLower, l), hash(fShape, e.shape)
		for k, t := range nbTemplates {
			if k < nbShapes {
				e.nb[k] = hash(t, l)
			} else {
				e.nb[k] = hash(t, e.shape)
			}
		}
		e.nAffix = uint8(len(affixes(e.affix[:0], l)))
	}
	nb := func(i, k int) uint64 { // the hash of template nbTemplates[k] of token i
		switch {
		case i < 0:
			return nbBefore[k]
		case i >= n:
			return nbAfter[k]
		}
		return wh[d.wordID[i]].nb[k]
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
		return wh[d.wordID[i]].shape
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
			e := &wh[d.wordID[i]]
			f = append(f,
				hBias,
				e.word,
				e.lower,
				nb(inSent(i-1), nbLowerPrev),
				nb(inSent(i+1), nbLowerNext),
				nb(inSent(i-2), nbLowerPrev2),
				nb(inSent(i+2), nbLowerNext2),
				hash(fLowerPrevCur, word(inSent(i-1)), l),
				hash(fLowerCurNext, l, word(inSent(i+1))),
				hash(fKind, d.toks[i].Kind.String()),
			)
			if !d.shouting {
				f = append(f,
					e.shapeH,
					nb(inSent(i-1), nbShapePrev),
					nb(inSent(i+1), nbShapeNext),
					hash(fShapePrevCur, shp(inSent(i-1)), e.shape),
					hash(fShapeCurNext, e.shape, shp(inSent(i+1))),
				)
			} else {
				f = append(f, hash(fDocAllCap))
			}
			f = append(f, e.affix[:e.nAffix]...)
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
			// The run of capitalized words around the token: its last word
			// says what kind of name a long one is ("Kennedy Space
			// Center", "Aer Lingus Group"), which a left-to-right tagger
			// must decide at its first word.
			if rf, rt := int(runFrom[i]), int(runTo[i]); rt-rf > 1 {
				f = append(f, hash(fRunLast, d.lower[rt-1]), hash(fRunFirst, d.lower[rf]), hash(fRunLen, lengthClass(rt-rf)))
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

// wordHash holds the hashes of the features of one word: as the token,
// as its neighbours (nb), its shape, affixes and length.
type wordHash struct {
	done                bool
	nAffix              uint8
	shape               string
	word, lower, shapeH uint64
	nb                  [len(nbTemplates)]uint64
	affix               [8]uint64
}

// The templates of the features of a neighbour's word; the ones from
// nbShapes on take its shape, the others its lower case.
var nbTemplates = [...]int{fLowerPrev, fLowerNext, fLowerPrev2, fLowerNext2, fShapePrev, fShapeNext}

const (
	nbLowerPrev = iota
	nbLowerNext
	nbLowerPrev2
	nbLowerNext2
	nbShapePrev
	nbShapeNext
	nbShapes = nbShapePrev
)

// nbBefore and nbAfter are the neighbour features before the start and
// after the end of a sentence.
var nbBefore, nbAfter = func() (b, a [len(nbTemplates)]uint64) {
	for k, t := range nbTemplates {
		if k < nbShapes {
			b[k], a[k] = hash(t, "<s>"), hash(t, "</s>")
		} else {
			b[k], a[k] = hash(t, "_"), hash(t, "_")
		}
	}
	return b, a
}()

var hBias = hash(fBias)

// wordHashPool recycles the per-word hash tables of computeStatic.
var wordHashPool sync.Pool

// getWordHashes returns a cleared table of n entries.
func getWordHashes(n int) []wordHash {
	var wh []wordHash
	if p, ok := wordHashPool.Get().(*[]wordHash); ok {
		wh = *p
	}
	wh = slices.Grow(wh[:0], n)[:n]
	clear(wh)
	return wh
}

// capRuns returns, for every token, the run of capitalized words it lies
// in (from, to), with the particles of names between them ("Bank of
// England", "Evergreen Aviation & Space Museum"); a token outside any run
// gets from == to == its index. Runs stay within a sentence.
func (d *docFeatures) capRuns() (from, to []int32) {
	n := len(d.toks)
	from, to = make([]int32, n), make([]int32, n)
	for i := range from {
		from[i], to[i] = int32(i), int32(i)
	}
	if d.shouting {
		return from, to
	}
	capWord := func(i int) bool {
		k := d.toks[i].Kind
		return (k == text.Word || k == text.Abbrev) && capitalized(d.words[i])
	}
	for _, s := range d.sents {
		i := s.from
		for i < s.to {
			if !capWord(i) {
				i++
				continue
			}
			j := i + 1
			for j < s.to {
				if capWord(j) && d.toks[j].Start-d.toks[j-1].End <= 1 {
					j++
					continue
				}
				if j+1 < s.to && runJoiner(d.lower[j]) && capWord(j+1) {
					j += 2
					continue
				}
				break
			}
			for k := i; k < j; k++ {
				from[k], to[k] = int32(i), int32(j)
			}
			i = j
		}
	}
	return from, to
}

// runJoiner reports whether a word may join two capitalized words of one
// name.
func runJoiner(w string) bool {
	switch w {
	case "of", "for", "de", "du", "von", "van", "der", "la", "le", "del", "da", "&", "-":
		return true
	}
	return false
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

// staticFeatures appends the features of token i that do not depend on
// the labels.
func (d *docFeatures) staticFeatures(dst []uint64, i int) []uint64 {
	if i+1 < len(d.off) {
		dst = append(dst, d.static[d.off[i]:d.off[i+1]]...)
	}
	return dst
}

// labelFeatures appends the features of token i that depend on the label
// before it.
func (d *docFeatures) labelFeatures(dst []uint64, i int, prev label) []uint64 {
	return appendLabelFeatures(dst, prev, d.lower[i], d.tokShape(i))
}

// tokShape is the shape of token i as the label features see it.
func (d *docFeatures) tokShape(i int) string {
	if d.shouting {
		return "_"
	}
	return shape(d.words[i])
}

// labelNames are the labels' names, computed once.
var labelNames = func() (out [numLabels]string) {
	for l := range out {
		out[l] = label(l).String()
	}
	return out
}()

func appendLabelFeatures(dst []uint64, prev label, lower, sh string) []uint64 {
	return appendWordLabelFeatures(append(dst, hash(fLabelPrev, labelNames[prev])), prev, lower, sh)
}

// appendWordLabelFeatures appends the label features that depend on the
// token as well as on the label before it: whether a name of which type is
// open before it.
func appendWordLabelFeatures(dst []uint64, prev label, lower, sh string) []uint64 {
	ps := openNames[prevClass[prev]]
	return append(dst,
		hash(fLabelPrevWord, ps, lower),
		hash(fLabelPrevShape, ps, sh),
	)
}

// prevClass groups the labels by what they leave open: 0 nothing (O, L,
// U), 1+t a name of type t (B, I). openNames names the groups.
var (
	prevClass = func() (c [numLabels]int) {
		for l := label(1); l < numLabels; l++ {
			if l.pos() == posB || l.pos() == posI {
				c[l] = 1 + l.typ()
			}
		}
		return c
	}()
	openNames = [1 + tagTypes]string{"closed", "open-PER", "open-ORG", "open-LOC", "open-MISC"}
)

// tag labels every token of d with m.
func (d *docFeatures) tag(m *model) []label {
	out := make([]label, len(d.toks))
	v, _ := viterbiPool.Get().(*viterbi)
	if v == nil {
		v = new(viterbi)
	}
	v.setTrans(m)
	v.words(d)
	for _, s := range d.sents {
		v.decode(d, m, s, out[s.from:s.to])
	}
	v.haveTrans, v.wordID = false, nil
	viterbiPool.Put(v)
	return out
}

// viterbiPool recycles the decoders' tables between texts.
var viterbiPool sync.Pool

// allowedAfter[a][b] is allowed(a, b); canEnd[l] says whether a
// sentence may end on l (no span left open).
var allowedAfter, canEnd = func() (t [numLabels][numLabels]bool, e [numLabels]bool) {
	for a := label(0); a < numLabels; a++ {
		for b := label(0); b < numLabels; b++ {
			t[a][b] = allowed(a, b)
		}
		e[a] = a == 0 || a.pos() == posL || a.pos() == posU
	}
	return t, e
}()

// nextLabels[p] lists the labels allowed after p, in order; nextEnd[p]
// those of them a sentence may end on.
var nextLabels, nextEnd = func() (nx, ne [numLabels][]label) {
	for p := label(0); p < numLabels; p++ {
		for l := label(0); l < numLabels; l++ {
			if allowedAfter[p][l] {
				nx[p] = append(nx[p], l)
				if canEnd[l] {
					ne[p] = append(ne[p], l)
				}
			}
		}
	}
	return nx, ne
}()

// viterbi finds the best label sequence of a sentence under a first-order
// model: a token's score is that of its static features plus that of its
// features given the label before it. Its tables are reused between
// sentences.
type viterbi struct {
	feats []uint64
	score [][numLabels]float32
	back  [][numLabels]label
	// trans holds the weights of the label-bigram features, the same at
	// every token, when haveTrans is set (the model does not change
	// between the sentences of a tag call; in training it does).
	trans     [numLabels][numLabels]float32
	haveTrans bool
	// wordID numbers the distinct words of the text, when set: the
	// word-label weights of a word (its lower case and shape given each
	// class of label before it) are computed once, in wordTab, where
	// wordHave marks them.
	wordID   []int32
	wordTab  [][1 + tagTypes][numLabels]float32
	wordHave [][1 + tagTypes]bool
}

// words numbers the distinct words of d for the word-label weights cache.
// A token's lower case and shape are functions of its word (the shape of
// a shouting text is "_" throughout).
func (v *viterbi) words(d *docFeatures) {
	v.wordID = d.wordID
	n := d.nWords
	v.wordTab = slices.Grow(v.wordTab[:0], n)[:n]
	v.wordHave = slices.Grow(v.wordHave[:0], n)[:n]
	clear(v.wordHave)
}

// setTrans computes the label-bigram weights of m once for every
// sentence decoded after.
func (v *viterbi) setTrans(m *model) {
	for p := label(0); p < numLabels; p++ {
		v.trans[p] = [numLabels]float32{}
		v.feats = append(v.feats[:0], hash(fLabelPrev, labelNames[p]))
		score(m, v.feats, &v.trans[p])
	}
	v.haveTrans = true
}

func (v *viterbi) decode(d *docFeatures, m *model, s tokRange, out []label) {
	n := s.to - s.from
	if n == 0 {
		return
	}
	if cap(v.score) < n {
		v.score = make([][numLabels]float32, n)
		v.back = make([][numLabels]label, n)
	}
	v.score, v.back = v.score[:n], v.back[:n]
	neg := float32(math.Inf(-1))
	// The weights of the label-bigram features, the same at every token.
	if !v.haveTrans {
		v.setTrans(m)
		v.haveTrans = false
	}
	trans := &v.trans
	for k := 0; k < n; k++ {
		i := s.from + k
		var st [numLabels]float32
		v.feats = d.staticFeatures(v.feats[:0], i)
		score(m, v.feats, &st)
		nexts := &nextLabels
		if k == n-1 {
			nexts = &nextEnd
		}
		lower, sh := d.lower[i], ""
		var wordBuf [1 + tagTypes][numLabels]float32
		var haveBuf [1 + tagTypes]bool
		word, haveWord := &wordBuf, &haveBuf
		if v.wordID != nil {
			id := v.wordID[i]
			word, haveWord = &v.wordTab[id], &v.wordHave[id]
		}
		sc, bk := &v.score[k], &v.back[k]
		for l := range sc {
			sc[l] = neg
		}
		for p := label(0); p < numLabels; p++ {
			var base float32
			if k == 0 {
				if p != 0 {
					continue
				}
			} else {
				base = v.score[k-1][p]
				if base == neg {
					continue
				}
			}
			c := prevClass[p]
			if !haveWord[c] {
				if sh == "" {
					sh = d.tokShape(i)
				}
				v.feats = appendWordLabelFeatures(v.feats[:0], p, lower, sh)
				word[c] = [numLabels]float32{}
				score(m, v.feats, &word[c])
				haveWord[c] = true
			}
			tp, wc := &trans[p], &word[c]
			for _, l := range nexts[p] {
				// (base + static) + (bigram + word-label), as always.
				if x := base + st[l] + (tp[l] + wc[l]); x > sc[l] {
					sc[l], bk[l] = x, p
				}
			}
		}
	}
	bl := label(0)
	for l := label(0); l < numLabels; l++ {
		if v.score[n-1][l] > v.score[n-1][bl] {
			bl = l
		}
	}
	for k := n - 1; k >= 0; k-- {
		out[k] = bl
		bl = v.back[k][bl]
	}
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
