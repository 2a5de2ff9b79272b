package crosscheck

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/pos"
	"github.com/parallax-news/parallax/internal/text"
)

// claim is one statement of an act: who (the speaker who reports it, if
// any, and the actor), what (the predicate and its object), polarity and
// modality, as one article states it.
type claim struct {
	art     int
	quote   int          // the reported quote it comes from; -1 for the writer's own
	span    article.Span // from the cue (or the actor) to the end of the clause
	speaker string       // canonical key of the speaker; "" when unknown or none
	names   []string     // folded words naming the speaker
	actor   []string     // folded words naming who acts
	verb    string       // the predicate as written
	pred    string       // stem of the predicate, with a particle ("rul_out")
	generic bool         // a light verb that stands for any act ("take steps")
	obj     []string     // stems of the object's nouns
	objPro  bool         // the object is a pronoun
	neg     []string     // the words that negate it, as written
	modal   string       // the modal word, as written; "" when none
	hedged  bool         // the modal leaves the act open
	// withheld: the speaker declined to say; the claim is the act asked
	// about ("declined to comment on what steps X would take").
	withheld bool
	nums     []string // numbers of the clause
}

func (c *claim) negated() bool { return len(c.neg)%2 == 1 }

// tok is one word of a sentence.
type tok struct {
	w     string // folded, apostrophes dropped
	st    string // stem
	raw   string // as written
	span  article.Span
	tag   pos.Tag
	cap   bool // written with a capital
	punct bool // a comma, semicolon, colon, dash or bracket precedes it
}

// tagMemo holds the part-of-speech tags of the sentences already read in
// a story, by sentence text: copies and wire stories repeat sentences, and
// the tags depend on the text alone.
type tagMemo map[string][]pos.Tag

// sentenceTokens splits t[s] into words and tags them, reusing the tags
// memo holds for the same sentence text (memo may be nil).
func sentenceTokens(l *claimLexicon, t string, s article.Span, buf []tok, memo tagMemo) []tok {
	buf = buf[:0]
	start := -1
	var w []byte
	punct := false
	flush := func(end int) {
		if start >= 0 {
			raw := t[start:end]
			r, _ := utf8.DecodeRuneInString(raw)
			ws := raw // most words are written folded: no copy
			if string(w) != raw {
				ws = string(w)
			}
			buf = append(buf, tok{w: ws, st: stem(l, ws), raw: raw, span: article.Span{Start: start, End: end}, cap: unicode.IsUpper(r), punct: punct})
			punct = false
		}
		start = -1
		w = w[:0]
	}
	last := s.Start
	for i := s.Start; i < s.End; {
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			w = utf8.AppendRune(w, unicode.ToLower(r))
			last = i + n
		case (r == '\'' || r == '’') && start >= 0 && i+n < s.End:
			r2, _ := utf8.DecodeRuneInString(t[i+n:])
			if !unicode.IsLetter(r2) {
				flush(last)
			}
		case r == '.' && start >= 0 && i+n < s.End && unicode.IsDigit(rune(t[i+n])):
			w = append(w, '.') // 2.5
		default:
			flush(last)
			if strings.ContainsRune(",;:–—()[]", r) {
				punct = true
			}
		}
		i += n
	}
	flush(last)
	if len(buf) == 0 {
		return buf
	}
	key := t[s.Start:s.End]
	tags, ok := memo[key]
	if !ok {
		words := make([]string, len(buf))
		for i := range buf {
			words[i] = buf[i].raw
		}
		tags = pos.TagSentence(nil, words)
		if memo != nil {
			memo[key] = tags
		}
	}
	for i := range buf {
		if i < len(tags) {
			buf[i].tag = tags[i]
		}
	}
	return buf
}

// parser reads the claims of one sentence.
type parser struct {
	l      *claimLexicon
	ts     []tok
	out    []claim
	art    int
	quote  int
	spk    string
	names  []string
	prev   []string // the last actor named before this sentence, for pronouns
	actor0 []string // the sentence's first actor
}

func (p *parser) verbLike(i int) bool {
	t := &p.ts[i]
	return t.tag == pos.VERB || t.tag == pos.AUX || p.l.neg[t.w] || p.l.hedge[t.w] && t.tag != pos.NOUN && t.tag != pos.ADJ || p.l.definite[t.w]
}

// boundary reports whether token i opens a new clause.
func (p *parser) boundary(i int) bool {
	t := &p.ts[i]
	return p.l.boundary[t.w] || t.w == "that" && t.tag == pos.SCONJ
}

// actorWords are the folded nouns and names of ts[from:to]; a lone
// pronoun stands for the last actor.
func (p *parser) actorWords(from, to int) []string {
	var out []string
	pron := false
	for i := from; i < to; i++ {
		t := &p.ts[i]
		switch {
		case p.l.pronoun[t.w]:
			pron = true
		case t.tag == pos.PROPN || t.cap && i > 0:
			out = append(out, "="+t.w) // a name
		case t.tag == pos.NOUN:
			out = append(out, t.w)
		}
	}
	if len(out) == 0 && pron {
		return p.prev
	}
	return out
}

// sentence parses the claims of the whole sentence.
func (p *parser) sentence() {
	n := len(p.ts)
	i := 0
	for i < n && !p.verbLike(i) {
		i++
	}
	if i == n || i == 0 {
		return
	}
	subj := p.actorWords(0, i)
	if len(subj) == 0 {
		return
	}
	p.actor0 = subj
	// The speaker named by the quote stage wins; else the subject names
	// the speaker when the verb reports speech.
	for k := 0; k < 8 && i < n; k++ {
		next := p.chain(i, subj, p.spk, p.names, true)
		// Continue after "and"/"but" with the same subject: "declined to
		// comment ..., but warned that ...".
		j := next
		for j+1 < n && !((p.ts[j].w == "and" || p.ts[j].w == "but") && p.verbLike(j+1)) {
			j++
		}
		if j+1 >= n {
			return
		}
		i = j + 1
	}
}

// chain parses a verb chain at i with subject actor and returns where
// the clause ends. top: the subject is the sentence's, so a reporting
// verb makes it the speaker.
func (p *parser) chain(i int, actor []string, spk string, names []string, top bool) int {
	n := len(p.ts)
	start := i
	var neg []string
	modal, hedged := "", false
	afterTo := false
	for i < n {
		t := &p.ts[i]
		switch {
		case p.l.neg[t.w]:
			neg = append(neg, t.raw)
		case p.l.definite[t.w]:
			modal = t.raw
		case p.l.hedge[t.w] && (t.tag == pos.AUX || t.tag == pos.ADV || t.tag == pos.ADJ || i+1 < n && p.ts[i+1].w == "to") || p.l.hedge[t.w] && t.tag == pos.VERB && i+1 < n && p.ts[i+1].tag == pos.VERB:
			modal, hedged = t.raw, true
			if i+1 < n && p.ts[i+1].w == "to" {
				i++
			}
		case p.l.refuse[t.st] && i+2 < n && p.ts[i+1].w == "to" && p.ts[i+2].tag != pos.DET && p.ts[i+2].tag != pos.PRON && p.ts[i+2].tag != pos.PROPN && p.ts[i+2].tag != pos.ADJ:
			neg = append(neg, t.raw+" to")
			i++
			afterTo = true
		case p.l.aux[t.w] && !(t.tag == pos.VERB && (i+1 >= n || !p.verbLike(i+1) && p.ts[i+1].tag != pos.ADV)):
		case t.tag == pos.ADV && !p.l.particle[t.w]:
		default:
			goto verb
		}
		i++
	}
	return i
verb:
	v := i
	t := &p.ts[v]
	if t.tag != pos.VERB && !(afterTo && t.tag == pos.NOUN) {
		return v
	}
	// A refusal to say: "declined to comment on", "did not specify how".
	if len(neg) > 0 && p.l.withhold[t.st] && len(names)+len(actor) > 0 {
		j := v + 1
		for j < n && j < v+4 && (p.ts[j].tag == pos.ADP || p.ts[j].tag == pos.ADV || p.ts[j].tag == pos.DET && !p.l.wh[p.ts[j].w]) {
			j++
		}
		if j < n && p.l.wh[p.ts[j].w] {
			sp, nm := spk, names
			if top && sp == "" && len(nm) == 0 {
				nm = actor
			}
			before := len(p.out)
			end := p.clause(j, sp, nm, p.ts[start].span.Start)
			for k := before; k < len(p.out); k++ {
				p.out[k].withheld = true
				p.out[k].neg = append(neg, p.out[k].neg...)
			}
			return end
		}
		return j
	}
	// Reported speech: the subject is the speaker, the clause after the
	// verb (and its addressee, "told reporters that") the claim.
	if cv, ok := knowledge.Cue(t.w); ok && (cv.Class == knowledge.CueSpeech || cv.Class == knowledge.CueBelief) && len(neg) == 0 {
		j := v + 1
		that := false
		for k := j; k < n && k < v+6; k++ {
			if p.ts[k].w == "that" {
				j, that = k+1, true
				break
			}
			if p.verbLike(k) || p.ts[k].punct {
				break
			}
		}
		// An embedded reporting verb reports only with "that"; "respond
		// to" is an act.
		if !that && (!top || j < n && p.ts[j].tag == pos.ADP) {
			goto act
		}
		sp, nm := spk, names
		if top && sp == "" && len(nm) == 0 {
			nm = actor
		}
		before := len(p.out)
		end := p.clause(j, sp, nm, p.ts[start].span.Start)
		if p.l.deny[t.st] {
			for k := before; k < len(p.out); k++ {
				p.out[k].neg = append([]string{t.raw}, p.out[k].neg...)
			}
		}
		if len(p.out) > before {
			return end
		}
	}
act:
	c := claim{art: p.art, quote: p.quote, speaker: spk, names: names, actor: actor, verb: t.raw, neg: neg, modal: modal, hedged: hedged}
	if top {
		// The writer's own statement of an act.
		c.speaker, c.names = "", nil
	}
	pred := t.st
	e := v + 1
	switch {
	case e < n && p.l.particle[p.ts[e].w] && (p.ts[e].tag == pos.ADP || p.ts[e].tag == pos.ADV || p.ts[e].tag == pos.PART):
		pred += "_" + p.ts[e].w
		c.verb += " " + p.ts[e].raw
		e++
	case e+1 < n && p.l.pronoun[p.ts[e].w] && p.l.particle[p.ts[e+1].w] && (e+2 >= n || p.boundary(e+2) || p.ts[e+2].punct || p.ts[e+2].tag == pos.ADP):
		pred += "_" + p.ts[e+1].w
		c.verb += " " + p.ts[e+1].raw
		c.objPro = true
		e += 2
	}
	c.pred = pred
	c.generic = p.l.light[pred]
	// The object: nouns up to the end of the clause.
	end := e
	if !c.objPro && e < n && p.l.pronoun[p.ts[e].w] && (e+1 >= n || p.ts[e+1].tag != pos.NOUN && p.ts[e+1].tag != pos.ADJ && p.ts[e+1].tag != pos.PROPN) {
		c.objPro = true // "ruled it out", "backed them"
		e++
	}
	for end = e; !c.objPro && end < n && !(end > e && (p.ts[end].punct || p.boundary(end))) && !(end > e && p.ts[end].tag == pos.VERB); end++ {
		o := &p.ts[end]
		switch {
		case o.tag == pos.NOUN || o.tag == pos.PROPN || o.tag == pos.ADJ && end+1 < n && p.ts[end+1].tag == pos.NOUN:
			if len(c.obj) < 4 {
				c.obj = append(c.obj, o.st)
			}
			if end == e && p.l.lightObj[t.st+":"+o.st] {
				c.generic = true
			}
		}
		if o.tag == pos.NUM || o.w != "" && unicode.IsDigit(rune(o.w[0])) {
			c.nums = append(c.nums, o.w)
		}
	}
	// The span goes on through a condition or time ("if ...", "when ...")
	// to the next clause of its own.
	stop := end
	if stop < n && (p.ts[stop].w == "if" || p.ts[stop].w == "unless" || p.ts[stop].w == "when" || p.ts[stop].w == "until") {
		stop++
		for stop < n && !p.ts[stop].punct && !(p.ts[stop].w == "and" || p.ts[stop].w == "but" || p.ts[stop].w == "while" || p.ts[stop].w == "which") {
			stop++
		}
	}
	from := p.ts[start].span.Start
	c.span = article.Span{Start: from, End: p.ts[max(stop-1, v)].span.End}
	if len(c.actor) == 0 {
		c.actor = c.names
	}
	p.out = append(p.out, c)
	return end
}

// clause parses an embedded clause at i: its subject, then its verb
// chain. Its claims' spans start at from (the cue).
func (p *parser) clause(i int, spk string, names []string, from int) int {
	n := len(p.ts)
	wh := false
	for i < n && (p.ts[i].w == "that" || p.l.wh[p.ts[i].w]) {
		wh = wh || p.l.wh[p.ts[i].w]
		i++
	}
	// A fronted object after a question word ("what steps the city would
	// take"), whatever the tagger made of it.
	fronted := ""
	for wh && i+1 < n && p.ts[i].tag != pos.DET && !p.l.neg[p.ts[i].w] && !p.l.definite[p.ts[i].w] && !p.l.hedge[p.ts[i].w] && !p.verbLike(i+1) && (p.ts[i].tag == pos.VERB || p.ts[i].tag == pos.NOUN || p.ts[i].tag == pos.ADJ) {
		fronted = p.ts[i].st
		i++
	}
	s := i
	for i < n && !p.verbLike(i) && !(i > s && p.boundary(i)) {
		i++
	}
	if i >= n || !p.verbLike(i) {
		return i
	}
	actor := p.actorWords(s, i)
	if len(actor) == 0 && s < i && p.allPronouns(s, i) {
		actor = names // "he said he would ..."
	}
	if len(actor) == 0 && s == i {
		actor = names // "refused to say whether would ..." — rare
	}
	before := len(p.out)
	end := p.chain(i, actor, spk, names, false)
	for k := before; k < len(p.out); k++ {
		c := &p.out[k]
		if c.span.Start > from {
			c.span.Start = from
		}
		// A fronted generic object ("what steps X would take") makes a
		// light verb stand for any act, and is no actor.
		if fronted != "" && p.l.lightObj[c.pred+":"+fronted] {
			c.generic = true
		}
		for w := 0; w < len(c.actor); w++ {
			if p.l.lightObj[c.pred+":"+stem(p.l, c.actor[w])] {
				c.generic = true
				c.actor = slices.Delete(slices.Clone(c.actor), w, w+1)
				break
			}
		}
	}
	return end
}

func (p *parser) allPronouns(from, to int) bool {
	for i := from; i < to; i++ {
		if !p.l.pronoun[p.ts[i].w] {
			return false
		}
	}
	return true
}

// claimsOf reads the claims of article a: reported speech found by the
// quote stage (its speaker from there) and the writer's sentences stating
// acts. Sentences that hold a direct quotation are left to the quote
// cross-check.
func (s *story) claimsOf(a int, quotes []*Quote, memo tagMemo) []claim {
	l := claimLex()
	txt := s.arts[a].a.Text
	var direct []article.Span
	var reported []*Quote
	for _, q := range quotes {
		switch q.Kind {
		case "direct":
			direct = append(direct, q.Content...)
		case "reported":
			reported = append(reported, q)
		}
	}
	var out []claim
	var buf []tok
	var prev []string
	for _, sp := range text.Sentences(txt) {
		skip := false
		for _, d := range direct {
			if d.Overlaps(sp) {
				skip = true
				break
			}
		}
		if skip {
			continue
		}
		p := parser{l: l, art: a, quote: -1, prev: prev}
		for _, q := range reported {
			if len(q.Content) > 0 && sp.Contains(article.Span{Start: q.Content[0].Start, End: q.Content[0].Start}) {
				if p.quote < 0 {
					p.quote = q.Index
				}
				if q.Speaker != "" || q.SpeakerName != "" {
					p.quote = q.Index
					p.spk = q.Speaker
					p.names = nameWords(q.SpeakerName)
					break
				}
			}
		}
		buf = sentenceTokens(l, txt, sp, buf, memo)
		p.ts = buf
		p.sentence()
		if len(p.actor0) > 0 {
			prev = p.actor0
		}
		out = append(out, p.out...)
	}
	return out
}

// nameWords folds a name into its words, each marked as a name.
func nameWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i := range f {
		f[i] = "=" + f[i]
	}
	return f
}
