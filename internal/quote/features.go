package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/pos"
	"github.com/parallax-news/parallax/internal/text"
)

// docFeatures is what the attribution tagger knows of each token of a
// text: its word, where it stands (paragraph, sentence, quotation) and
// what the lexicons and the entity stage say of it.
type docFeatures struct {
	text   string
	toks   []text.Token
	lower  []string
	para   []int32 // paragraph index of each token
	sent   []int32 // sentence index of each token
	qstate []uint8 // qOut, qIn, qOpen, qClose
	qdepth []uint8
	cue    []uint8 // cue class of the word (0: none)
	pos    []pos.Tag
	ent    []uint8 // entity tag (entNone...)
	// quoteCue is, for a token inside a quotation, the cue class and
	// distance of the reporting verb just after the quotation closes or
	// just before it opens (0: none).
	quoteCue []uint16
	// cueLeft and cueRight are the nearest cue tokens of the sentence, -1
	// when none.
	cueLeft, cueRight []int32
	// first holds the first pass's labels; near, for each token and each
	// role (cue, source, content), the nearest token of that role on the
	// left and on the right within the paragraph (-1: none).
	first  []label
	near   [][6]int32
	paras  []tokRange // token ranges of paragraphs
	sents  []tokRange
	quotes []quotation
	statCache
}

// statCache holds every token's static features (tokenFeatures), token
// i's from statOff[i] to statOff[i+1], with where its label-dependent
// features go; empty until the first pass needs them.
type statCache struct {
	stat      []uint64
	statOff   []int32
	statSlots []dynSlots
}

type tokRange struct{ from, to int }

const (
	qOut uint8 = iota
	qIn
	qOpen
	qClose
)

const (
	entNone uint8 = iota
	entPerson
	entOrg
	entState
	entPlace
	entPronoun
	entRole
	entOther
)

// newDocFeatures segments t and computes the token facts; ents may be nil.
func newDocFeatures(t string, ents *entity.Doc) *docFeatures {
	lay := text.Segment(t)
	d := &docFeatures{text: t, toks: lay.Tokens}
	n := len(d.toks)
	d.lower = make([]string, n)
	d.para = make([]int32, n)
	d.sent = make([]int32, n)
	d.qstate = make([]uint8, n)
	d.qdepth = make([]uint8, n)
	d.cue = make([]uint8, n)
	d.ent = make([]uint8, n)
	d.quoteCue = make([]uint16, n)
	d.cueLeft = make([]int32, n)
	d.cueRight = make([]int32, n)
	for i, tk := range d.toks {
		w := tk.In(t)
		if tk.Kind == text.Word || tk.Kind == text.Abbrev {
			w = strings.ToLower(w)
			d.cue[i] = cueClass(w)
		}
		d.lower[i] = w
	}
	d.markPhrases()
	d.paras = ranges(d.toks, lay.Paragraphs, d.para)
	d.sents = ranges(d.toks, lay.Sentences, d.sent)
	d.pos = make([]pos.Tag, 0, n)
	words := make([]string, 0, 64)
	for _, s := range d.sents {
		words = words[:0]
		for i := s.from; i < s.to; i++ {
			words = append(words, d.toks[i].In(t))
		}
		d.pos = pos.TagSentence(d.pos, words)
	}
	for len(d.pos) < n { // tokens outside every sentence
		d.pos = append(d.pos, pos.Unknown)
	}

	// Quotations: depth of each token, and the role of marks.
	d.quotes = quotations(t, lay.Paragraphs)
	for _, q := range d.quotes {
		from, to := tokIndex(d.toks, q.Start), tokIndex(d.toks, q.End)
		for i := from; i < to; i++ {
			if d.qdepth[i] < 255 {
				d.qdepth[i]++
			}
			if d.qstate[i] == qOut {
				d.qstate[i] = qIn
			}
		}
		if q.Level == 0 && from < to {
			d.qstate[from] = qOpen
			if q.Closed {
				d.qstate[to-1] = qClose
			}
			d.attachQuoteCue(from, to)
		}
	}

	// Nearest cue on each side within the sentence.
	for _, s := range d.sents {
		last := int32(-1)
		for i := s.from; i < s.to; i++ {
			d.cueLeft[i] = last
			if d.cue[i] != 0 {
				last = int32(i)
			}
		}
		last = -1
		for i := s.to - 1; i >= s.from; i-- {
			d.cueRight[i] = last
			if d.cue[i] != 0 {
				last = int32(i)
			}
		}
	}

	if ents != nil {
		for _, m := range ents.Mentions {
			tag := entOther
			switch {
			case m.Form == entity.Pronoun:
				tag = entPronoun
			case m.Form == entity.Role:
				tag = entRole
			case m.Kind == entity.Person:
				tag = entPerson
			case m.Kind == entity.Organization:
				tag = entOrg
			case m.Kind == entity.State:
				tag = entState
			case m.Kind == entity.Place:
				tag = entPlace
			}
			for i := tokIndex(d.toks, m.Start); i < len(d.toks) && d.toks[i].Start < m.End; i++ {
				d.ent[i] = tag
			}
		}
	}
	return d
}

// attachQuoteCue records, for the tokens of the quotation [from, to), the
// cue that most likely attributes it: within four tokens after it closes,
// else within four tokens before it opens.
func (d *docFeatures) attachQuoteCue(from, to int) {
	var v uint16
	for k := to; k < len(d.toks) && k < to+5; k++ {
		if d.qstate[k] == qOpen || d.para[k] != d.para[to-1] {
			break
		}
		if d.cue[k] != 0 {
			v = uint16(d.cue[k])<<8 | uint16(k-to+1)
			break
		}
	}
	if v == 0 {
		for k := from - 1; k >= 0 && k >= from-5; k-- {
			if d.para[k] != d.para[from] {
				break
			}
			if d.cue[k] != 0 {
				v = uint16(d.cue[k])<<8 | 0x80 | uint16(from-k)
				break
			}
		}
	}
	for i := from; i < to; i++ {
		if d.quoteCue[i] == 0 {
			d.quoteCue[i] = v
		}
	}
}

// tokIndex is the index of the first token that ends after off.
func tokIndex(toks []text.Token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// ranges maps spans to token ranges and numbers the tokens with the
// index of the span holding them.
func ranges(toks []text.Token, spans []article.Span, idx []int32) []tokRange {
	out := make([]tokRange, 0, len(spans))
	for k, s := range spans {
		from, to := tokIndex(toks, s.Start), tokIndex(toks, s.End)
		for i := from; i < to; i++ {
			idx[i] = int32(k)
		}
		out = append(out, tokRange{from, to})
	}
	return out
}

// Feature templates. Each feature is the hash of its template number and
// its values.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fBiM
	fBiP
	fSuf
	fShape
	fCue0
	fCueM1
	fCueP1
	fQ
	fQPrev
	fQDepth
	fEnt
	fEntPrev
	fEntM1
	fEntP1
	fCueL
	fCueR
	fCueLQ
	fCueRQ
	fCueLW
	fCueRW
	fSentPos
	fPrev
	fPrev2
	fPrevW
	fQuoteCue
	fQuoteCueW
	fThat
	fColon
	fParaQ
	fPrevEnt
	fCueBoth
	fPos
	fPosM1
	fPosP1
	fPosCue
	fPosPrev
)

func hash(tmpl int, parts ...string) uint64 {
	h := uint64(14695981039346656037) ^ uint64(tmpl)*0x9e3779b97f4a7c15
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

func hashN(tmpl int, vals ...int) uint64 {
	h := uint64(14695981039346656037) ^ uint64(tmpl)*0x9e3779b97f4a7c15
	for _, v := range vals {
		h ^= uint64(v) + 0x517cc1b727220a95
		h *= 1099511628211
	}
	return h
}

func (d *docFeatures) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return "<s>"
	}
	return d.lower[i]
}

func shape(w string) string {
	var b [6]byte
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
		default:
			c = '.'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
		}
		last = c
	}
	return string(b[:n])
}

func suffix(w string, n int) string {
	if utf8.RuneCountInString(w) <= n {
		return w
	}
	k := len(w)
	for i := 0; i < n; i++ {
		_, size := utf8.DecodeLastRuneInString(w[:k])
		k -= size
	}
	return w[k:]
}

func bucket(d int) int {
	switch {
	case d <= 3:
		return d
	case d <= 6:
		return 4
	case d <= 12:
		return 5
	case d <= 25:
		return 6
	}
	return 7
}

// features appends the features of token i given the labels already
// chosen for the two tokens before it.
func (d *docFeatures) features(dst []uint64, i int, prev, prev2 label) []uint64 {
	start := len(dst)
	dst, slots := d.static(dst, i)
	d.fill(dst[start:], i, slots, prev, prev2)
	return dst
}

// Where the features that depend on the labels before a token stand in
// its feature vector: the first five always, the others when the token
// has them (dynSlots).
const (
	atQPrev = 12 + iota
	_
	_
	atEntPrev
	atPrev
	atPrev2
	atPrevW
)

// dynSlots holds the positions in a token's feature vector of the
// label-dependent features it has besides the fixed ones (-1: none).
type dynSlots struct{ cueLQ, cueRQ, posPrev, quoteCueW int8 }

// static appends the features of token i with a zero in place of each
// feature that depends on the labels before it, which fill computes, and
// returns where those stand. static depends on the text alone, so both
// passes share its result (tokenFeatures).
func (d *docFeatures) static(dst []uint64, i int) ([]uint64, dynSlots) {
	slots := dynSlots{-1, -1, -1, -1}
	start := len(dst)
	at := func() int8 { return int8(len(dst) - start) }
	w := d.word(i)
	q := int(d.qstate[i])
	dst = append(dst,
		hashN(fBias),
		hash(fW0, w),
		hash(fWm1, d.word(i-1)),
		hash(fWp1, d.word(i+1)),
		hash(fWm2, d.word(i-2)),
		hash(fWp2, d.word(i+2)),
		hash(fBiM, d.word(i-1), w),
		hash(fBiP, w, d.word(i+1)),
		hash(fSuf, suffix(w, 3)),
		hash(fShape, shape(d.toks[i].In(d.text))),
		hashN(fCue0, int(d.cue[i])),
		hashN(fQ, q),
		0, // atQPrev
		hashN(fQDepth, min(int(d.qdepth[i]), 3), q),
		hashN(fEnt, int(d.ent[i])),
		0, // atEntPrev
		0, // atPrev
		0, // atPrev2
		0, // atPrevW
		hashN(fQuoteCue, int(d.quoteCue[i]>>8), bucket(int(d.quoteCue[i]&0x7f)), int(d.quoteCue[i]&0x80)),
	)
	if i > 0 {
		dst = append(dst, hashN(fCueM1, int(d.cue[i-1])), hashN(fEntM1, int(d.ent[i-1])))
		if d.cue[i-1] != 0 && w == "that" {
			dst = append(dst, hashN(fThat))
		}
	}
	if i+1 < len(d.toks) {
		dst = append(dst, hashN(fCueP1, int(d.cue[i+1])), hashN(fEntP1, int(d.ent[i+1])))
	}
	l, r := int(d.cueLeft[i]), int(d.cueRight[i])
	if l >= 0 {
		dist := bucket(i - l)
		dst = append(dst, hashN(fCueL, int(d.cue[l]), dist))
		slots.cueLQ = at()
		dst = append(dst, 0, hash(fCueLW, d.lower[l], string(rune('0'+dist))))
	}
	if r >= 0 {
		dist := bucket(r - i)
		dst = append(dst, hashN(fCueR, int(d.cue[r]), dist))
		slots.cueRQ = at()
		dst = append(dst, 0, hash(fCueRW, d.lower[r], string(rune('0'+dist))))
	}
	dst = append(dst, hashN(fCueBoth, boolInt(l >= 0), boolInt(r >= 0), q))
	p0 := int(d.pos[i])
	dst = append(dst, hashN(fPos, p0), hashN(fPosCue, p0, int(d.cue[i])))
	slots.posPrev = at()
	dst = append(dst, 0)
	if i > 0 {
		dst = append(dst, hashN(fPosM1, int(d.pos[i-1]), p0))
	}
	if i+1 < len(d.toks) {
		dst = append(dst, hashN(fPosP1, p0, int(d.pos[i+1])))
	}
	s := d.sents[d.sent[i]]
	pos := 1
	if i == s.from {
		pos = 0
	} else if i == s.to-1 {
		pos = 2
	}
	dst = append(dst, hashN(fSentPos, pos, int(d.ent[i])))
	// A colon earlier in the sentence introduces what follows.
	for k := i - 1; k >= s.from && k >= i-30; k-- {
		if d.lower[k] == ":" {
			dst = append(dst, hashN(fColon, bucket(i-k)))
			break
		}
	}
	p := d.paras[d.para[i]]
	dst = append(dst, hashN(fParaQ, int(d.qstate[p.from]), boolInt(d.sent[i] == d.sent[p.from])))
	if d.quoteCue[i] != 0 {
		slots.quoteCueW = at()
		dst = append(dst, 0)
	}
	return dst, slots
}

// fill sets the features of token i that depend on the labels chosen for
// the two tokens before it in v, its vector from static.
func (d *docFeatures) fill(v []uint64, i int, slots dynSlots, prev, prev2 label) {
	q := int(d.qstate[i])
	v[atQPrev] = hashN(fQPrev, q, int(prev))
	v[atEntPrev] = hashN(fEntPrev, int(d.ent[i]), int(prev))
	v[atPrev] = hashN(fPrev, int(prev))
	v[atPrev2] = hashN(fPrev2, int(prev), int(prev2))
	v[atPrevW] = hash(fPrevW, string(rune('A'+prev)), d.word(i))
	if slots.cueLQ >= 0 {
		l := int(d.cueLeft[i])
		v[slots.cueLQ] = hashN(fCueLQ, int(d.cue[l]), bucket(i-l), q, int(prev))
	}
	if slots.cueRQ >= 0 {
		r := int(d.cueRight[i])
		v[slots.cueRQ] = hashN(fCueRQ, int(d.cue[r]), bucket(r-i), q, int(prev))
	}
	if slots.posPrev >= 0 {
		v[slots.posPrev] = hashN(fPosPrev, int(d.pos[i]), int(prev))
	}
	if slots.quoteCueW >= 0 {
		v[slots.quoteCueW] = hashN(fQuoteCueW, int(d.quoteCue[i]>>8), q, int(prev))
	}
}

// tokenFeatures appends the features of token i as features does, from
// the static features of every token, computed once for both passes.
func (d *docFeatures) tokenFeatures(dst []uint64, i int, prev, prev2 label) []uint64 {
	if len(d.statOff) == 0 {
		d.statOff = append(d.statOff[:0], 0)
		d.statSlots = d.statSlots[:0]
		d.stat = d.stat[:0]
		for k := range d.toks {
			var sl dynSlots
			d.stat, sl = d.static(d.stat, k)
			d.statSlots = append(d.statSlots, sl)
			d.statOff = append(d.statOff, int32(len(d.stat)))
		}
	}
	start := len(dst)
	dst = append(dst, d.stat[d.statOff[i]:d.statOff[i+1]]...)
	d.fill(dst[start:], i, d.statSlots[i], prev, prev2)
	return dst
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// setFirst records the first pass's labels and, for each token, the
// nearest labelled token of each role on each side in its paragraph.
func (d *docFeatures) setFirst(l []label) {
	d.first = l
	if cap(d.near) < len(l) {
		d.near = make([][6]int32, len(l))
	}
	d.near = d.near[:len(l)]
	for _, p := range d.paras {
		last := [3]int32{-1, -1, -1}
		for i := p.from; i < p.to; i++ {
			for r := 0; r < 3; r++ {
				d.near[i][r] = last[r]
			}
			if ro := l[i].role(); ro > 0 {
				last[ro-1] = int32(i)
			}
		}
		last = [3]int32{-1, -1, -1}
		for i := p.to - 1; i >= p.from; i-- {
			for r := 0; r < 3; r++ {
				d.near[i][3+r] = last[r]
			}
			if ro := l[i].role(); ro > 0 {
				last[ro-1] = int32(i)
			}
		}
	}
}

// Stacked feature templates.
const (
	sRole = iota + 100
	sCtx
	sRoleW
	sNear
	sNearQ
	sNearPrev
)

// stacked appends the second pass's features of token i: the first
// pass's labels around it and the distance to the nearest cue, source
// and content on each side.
func (d *docFeatures) stacked(dst []uint64, i int, prev label) []uint64 {
	role := func(k int) int {
		if k < 0 || k >= len(d.first) || d.para[k] != d.para[i] {
			return 4
		}
		return d.first[k].role()
	}
	r0 := role(i)
	dst = append(dst,
		hashN(sRole, r0),
		hashN(sCtx, role(i-1), r0, role(i+1)),
		hashN(sCtx, role(i-2), role(i-1), r0, role(i+1), role(i+2)),
		hash(sRoleW, string(rune('0'+r0)), d.lower[i]),
	)
	q := int(d.qstate[i])
	for k := 0; k < 6; k++ {
		j := int(d.near[i][k])
		if j < 0 {
			dst = append(dst, hashN(sNear, k, 0))
			continue
		}
		dist := i - j
		if dist < 0 {
			dist = -dist
		}
		sc := int(d.sent[i]) - int(d.sent[j])
		if sc < 0 {
			sc = -sc
		}
		b := bucket(dist)
		dst = append(dst,
			hashN(sNear, k, 1, b, min(sc, 2)),
			hashN(sNearQ, k, b, q, r0),
			hashN(sNearPrev, k, min(sc, 2), int(prev)))
	}
	return dst
}
