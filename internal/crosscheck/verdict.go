package crosscheck

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax/internal/article"
)

// evidence gathers what the other articles say about one quotation.
type evidence struct {
	s     *story
	q     int // the quotation
	corr  []Ref
	verb  []Ref
	found bool        // found in any form in an independent article
	seen  map[int]Ref // one reference per other article, for citations
	// sameEarlier: the same words are in an earlier article.
	sameEarlier bool
	// known is the earliest quotation in an earlier article with the same
	// words and a known speaker; -1 when none.
	known int
}

func (s *story) ref(j int, from, to int) Ref {
	q := &s.qs[j]
	sp := q.words.spans
	from, to = max(0, min(from, len(sp)-1)), max(1, min(to, len(sp)))
	return Ref{Article: s.arts[q.art].a.ID, Quote: q.q.Index, Span: article.Span{Start: sp[from].Start, End: sp[to-1].End}}
}

func (e *evidence) note(b int, r Ref) {
	if _, ok := e.seen[b]; !ok {
		e.seen[b] = r
	}
}

// same visits the quotations in members that have the quotation's words
// at [from, to) of theirs.
func (e *evidence) same(members []int, from, to int) {
	s := e.s
	a, q := s.qs[e.q].art, s.qs[e.q].q
	for k, j := range members {
		if k >= s.opt.MaxScan {
			break
		}
		b, o := s.qs[j].art, s.qs[j].q
		if b == a {
			continue
		}
		r := s.ref(j, from, to)
		e.note(b, r)
		if s.earlier(b, a) {
			e.sameEarlier = true
			if o.Speaker != "" && (e.known < 0 || s.earlier(b, s.qs[e.known].art)) {
				e.known = j
			}
		}
		if q.Speaker != "" && o.Speaker != "" && !sameVoice(q, o) {
			if s.independent(a, b) {
				e.found = true
			}
			continue
		}
		if s.independent(a, b) {
			e.found = true
			if len(e.corr) < s.opt.MaxRefs {
				e.corr = append(e.corr, r)
			}
		} else if len(e.verb) < s.opt.MaxRefs {
			e.verb = append(e.verb, r)
		}
	}
}

// earliestOther returns the earliest member of c outside article a, or -1.
func (s *story) earliestOther(c, a int) int {
	for k, j := range s.reps[c].members {
		if k >= s.opt.MaxScan {
			break
		}
		if s.qs[j].art != a {
			return j
		}
	}
	return -1
}

// anyIndependent reports whether a member of c is in an article
// independent of a.
func (s *story) anyIndependent(c, a int) bool {
	for k, j := range s.reps[c].members {
		if k >= s.opt.MaxScan {
			break
		}
		if s.independent(a, s.qs[j].art) {
			return true
		}
	}
	return false
}

type part struct {
	j     int // the quotation the part is taken from
	run   [2]int
	m     *match
	from  int  // rep
	indep bool // the rep is in an article independent of the quotation's
}

// findings turns the relations of every quotation into findings.
func (s *story) findings() []Finding {
	for i := range s.qs {
		s.judge(i)
	}
	slices.SortStableFunc(s.out, func(a, b Finding) int {
		ra, rb := s.arts[s.byID[a.Article]].rank, s.arts[s.byID[b.Article]].rank
		if d := cmp.Compare(ra, rb); d != 0 {
			return d
		}
		if d := cmp.Compare(a.Quote, b.Quote); d != 0 {
			return d
		}
		return cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind))
	})
	return s.out
}

func kindOrder(k string) int { return slices.Index(Kinds, k) }

func (s *story) judge(i int) {
	t := &s.qs[i]
	a, q := t.art, t.q
	r := t.rep
	n := len(t.words.ids)
	e := &evidence{s: s, q: i, seen: map[int]Ref{}, known: -1}
	e.same(s.reps[r].members, 0, n)

	var alt *rel
	altJ := -1
	var parts []part
	for k := range s.reps[r].rels {
		rl := &s.reps[r].rels[k]
		switch rl.kind {
		case relSame:
			_, _, b0, b1 := rl.m.window()
			e.same(s.reps[rl.to].members, b0, b1)
		case relContains, relAltered, relPart:
			j := s.earliestOther(rl.to, a)
			if j < 0 {
				continue
			}
			indep := s.anyIndependent(rl.to, a)
			if indep && rl.kind != relPart {
				// A few shared words are not the quotation; they count
				// only as parts of a composite.
				e.found = true
			}
			_, _, b0, b1 := rl.m.window()
			e.note(s.qs[j].art, s.ref(j, b0, b1))
			if !s.earlier(s.qs[j].art, a) {
				continue
			}
			if rl.kind == relAltered && (alt == nil || rl.sim > alt.sim || rl.sim == alt.sim && s.earlier(s.qs[j].art, s.qs[altJ].art)) {
				alt, altJ = rl, j
			}
			for _, run := range rl.runs {
				parts = append(parts, part{j: j, run: run, m: &rl.m, from: rl.to, indep: indep})
			}
		}
	}
	if q.Kind == "partial" || n <= s.opt.ShortWords {
		s.lookText(e)
	}

	span := article.Span{Start: t.words.spans[0].Start, End: t.words.spans[n-1].End}
	add := func(f Finding) {
		f.Article, f.Quote, f.Span = s.arts[a].a.ID, q.Index, span
		s.out = append(s.out, f)
	}
	name := func(x *Quote) string {
		if x.SpeakerName != "" {
			return x.SpeakerName
		}
		return x.Speaker
	}
	if len(e.corr) > 0 {
		add(Finding{Kind: Corroborated, Other: e.corr, Score: 1,
			Why: fmt.Sprintf("the same words are in %d independent article(s)", len(e.corr))})
	}
	if len(e.verb) > 0 {
		add(Finding{Kind: Verbatim, Other: e.verb, Score: 1,
			Why: fmt.Sprintf("the same words are in %d article(s) that copy it or share its outlet", len(e.verb))})
	}
	if k := e.known; k >= 0 && q.Speaker != "" && !sameVoice(q, s.qs[k].q) {
		o := &s.qs[k]
		add(Finding{Kind: Misattributed, Other: []Ref{e.seen[o.art]}, Score: 1,
			Why: fmt.Sprintf("the same words are attributed to %s here and to %s in the earlier article", name(q), name(o.q))})
	}
	// Runs of two separate quotations make a composite even when one of
	// them is long enough to pass for an alteration; an altered quotation
	// has one source, and the others' runs add no words to it.
	comp, isComp := s.composite(n, parts)
	switch {
	case e.sameEarlier:
	case isComp:
		add(comp.Finding)
		e.found = e.found || comp.indep
	case alt != nil:
		o := &s.qs[altJ]
		a0, a1, b0, b1 := alt.m.window()
		lo, hi := max(0, b0-a0), min(len(o.words.ids), b1+(n-a1))
		d := diff(alt.m, s.arts[a].a.Text, &t.words, 0, n, s.arts[o.art].a.Text, &o.words, lo, hi)
		add(Finding{Kind: Altered, Other: []Ref{s.ref(altJ, lo, hi)}, Score: alt.sim, Diff: d,
			Why: fmt.Sprintf("an earlier article quotes %q; %.0f%% of the words agree", joinWords(s.arts[o.art].a.Text, &o.words, lo, hi), 100*alt.sim)})
	}
	if !e.found && s.indep {
		// Whether other outlets quote the same speaker tells a reader how
		// much to make of it: words missing from their accounts of the
		// same person are more suspect than an interview only this
		// outlet had.
		why := "no independent article of the story has these words"
		if q.Speaker != "" {
			switch n := s.quotedElsewhere(a, q); n {
			case 0:
				why += fmt.Sprintf("; no independent article quotes %s", name(q))
			case 1:
				why += fmt.Sprintf("; 1 independent article quotes %s, without these words", name(q))
			default:
				why += fmt.Sprintf("; %d independent articles quote %s, none with these words", n, name(q))
			}
		}
		add(Finding{Kind: Uncorroborated, Why: why})
	}
	if q.Via != "" {
		var refs []Ref
		for _, b := range s.outlet[outletKey(q.Via)] {
			if s.arts[b].outlet == s.arts[a].outlet || len(refs) >= s.opt.MaxRefs {
				continue
			}
			ref, ok := e.seen[b]
			if !ok {
				ref = Ref{Article: s.arts[b].a.ID, Quote: -1}
			}
			refs = append(refs, ref)
		}
		if len(refs) > 0 {
			why := fmt.Sprintf("credited to %s, an outlet of this story", q.Via)
			if refs[0].Quote < 0 && refs[0].Span.Len() == 0 {
				why += ", whose article does not have these words"
			}
			add(Finding{Kind: Cited, Other: refs, Why: why})
		}
	}
}

// composite says whether runs of words of two or more separate earlier
// quotations cover the quotation.
type compositeFinding struct {
	Finding
	indep bool // a part is from an independent article
}

func (s *story) composite(n int, parts []part) (compositeFinding, bool) {
	if len(parts) < 2 {
		return compositeFinding{}, false
	}
	slices.SortStableFunc(parts, func(x, y part) int {
		return cmp.Compare(y.run[1]-y.run[0], x.run[1]-x.run[0])
	})
	covered := make([]bool, n)
	var used []part
	reps := map[int]bool{}
	total := 0
	for _, p := range parts {
		fresh := 0
		for k := p.run[0]; k < p.run[1]; k++ {
			if !covered[k] {
				fresh++
			}
		}
		if fresh < s.opt.MinPart {
			continue
		}
		for k := p.run[0]; k < p.run[1]; k++ {
			covered[k] = true
		}
		total += fresh
		used = append(used, p)
		reps[p.from] = true
	}
	share := float64(total) / float64(n)
	if len(reps) < 2 || share < s.opt.Composite {
		return compositeFinding{}, false
	}
	slices.SortFunc(used, func(x, y part) int { return cmp.Compare(x.run[0], y.run[0]) })
	var refs []Ref
	indep := false
	for _, p := range used {
		indep = indep || p.indep
		// The part's words in the other quotation.
		b0, b1 := -1, -1
		for _, pr := range p.m.pairs {
			if pr[0] >= p.run[0] && pr[0] < p.run[1] {
				if b0 < 0 {
					b0 = pr[1]
				}
				b1 = pr[1] + 1
			}
		}
		refs = append(refs, s.ref(p.j, b0, b1))
	}
	return compositeFinding{Finding{Kind: Composite, Other: refs, Score: share,
		Why: fmt.Sprintf("%d separate quotations of earlier articles cover %.0f%% of its words, and none matches it alone", len(reps), 100*share)}, indep}, true
}

// lookText looks the quotation up in the plain text of the other
// articles, for partial and short quotations whose words may stand outside
// quotation marks there.
func (s *story) lookText(e *evidence) {
	t := &s.qs[e.q]
	ids := t.words.ids
	if len(ids) < 2 {
		return
	}
	if s.text == nil {
		s.indexText()
	}
	type cand struct {
		b, start int
	}
	count := map[cand]int{}
	for k := 0; k+1 < len(ids); k++ {
		for _, p := range s.textPostings(bigram(ids[k], ids[k+1])) {
			b, pos := int(p>>32), int(uint32(p))
			if b == t.art {
				continue
			}
			if _, ok := e.seen[b]; ok {
				continue
			}
			count[cand{b, pos - k}]++
		}
	}
	// The counts go with the candidates so that sorting needs no map
	// lookups; the order is total, so the result is the same.
	type counted struct {
		cand
		n int
	}
	cands := make([]counted, 0, len(count))
	for c, n := range count {
		cands = append(cands, counted{c, n})
	}
	slices.SortFunc(cands, func(x, y counted) int {
		if d := cmp.Compare(y.n, x.n); d != 0 {
			return d
		}
		if d := cmp.Compare(x.b, y.b); d != 0 {
			return d
		}
		return cmp.Compare(x.start, y.start)
	})
	tried := 0
	for _, cc := range cands {
		c := cc.cand
		if _, ok := e.seen[c.b]; ok {
			continue
		}
		if tried++; tried > 2*s.opt.Candidates {
			break
		}
		w := s.arts[c.b].words
		lo, hi := max(0, c.start-s.opt.MaxGap), min(len(w.ids), c.start+len(ids)+s.opt.MaxGap)
		if lo >= hi {
			continue
		}
		m := s.al.align(ids, w.ids[lo:hi])
		_, _, b0, b1 := m.window()
		if m.count() != len(ids) || (b1-b0)-m.count() > s.opt.MaxGap {
			continue
		}
		r := Ref{Article: s.arts[c.b].a.ID, Quote: -1, Span: article.Span{Start: w.spans[lo+b0].Start, End: w.spans[lo+b1-1].End}}
		e.note(c.b, r)
		if s.earlier(c.b, t.art) {
			e.sameEarlier = true
		}
		if s.independent(t.art, c.b) {
			e.found = true
			if len(e.corr) < s.opt.MaxRefs {
				e.corr = append(e.corr, r)
			}
		} else if len(e.verb) < s.opt.MaxRefs {
			e.verb = append(e.verb, r)
		}
	}
}

// indexText indexes the words of every article's text by bigram, earliest
// article first, keeping Postings entries per bigram.
func (s *story) indexText() {
	idx := make([]int, len(s.arts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(s.arts[a].rank, s.arts[b].rank) })
	// Two passes over the words so that the postings share one array: the
	// first counts each bigram's postings (up to the cap), the second
	// fills them in, in the same order. A Go map of growing slices cost an
	// allocation or more per distinct bigram.
	s.text = map[uint64]postings{}
	for _, i := range idx {
		txt := s.arts[i].a.Text
		n := len(txt)/5 + 1 // words of news average six bytes with the space: room enough
		w := &seq{ids: make([]int32, 0, n), spans: make([]article.Span, 0, n)}
		s.lex.words(txt, article.Span{Start: 0, End: len(txt)}, w)
		s.arts[i].words = w
		for k := 0; k+1 < len(w.ids); k++ {
			key := bigram(w.ids[k], w.ids[k+1])
			if p := s.text[key]; int(p.cap) < s.opt.Postings {
				p.cap++
				s.text[key] = p
			}
		}
	}
	total := int32(0)
	for key, p := range s.text {
		p.off = total
		s.text[key] = p
		total += p.cap
	}
	s.posts = make([]int64, total)
	for _, i := range idx {
		w := s.arts[i].words
		for k := 0; k+1 < len(w.ids); k++ {
			key := bigram(w.ids[k], w.ids[k+1])
			if p := s.text[key]; p.n < p.cap {
				s.posts[p.off+p.n] = int64(i)<<32 | int64(k)
				p.n++
				s.text[key] = p
			}
		}
	}
}

// postings locates one bigram's postings in story.posts.
type postings struct{ off, n, cap int32 }

// textPostings returns the postings of a bigram: (article<<32 | word
// position), earliest article first.
func (s *story) textPostings(key uint64) []int64 {
	p := s.text[key]
	return s.posts[p.off : p.off+p.n]
}
