package quote

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/perceptron"
	"github.com/parallax-news/parallax/internal/pos"
	"github.com/parallax-news/parallax/internal/text"
)

// attribModel is the attribution tagger's model, trained by TestTrain
// (train_test.go) on PolNeAR's train and dev splits; see the package
// documentation for what that means for its licence.
//
//go:embed data/attrib1.model
var attribModel1 []byte

//go:embed data/attrib2.model
var attribModel2 []byte

var defaultModel = sync.OnceValue(func() tagger {
	m1, err := perceptron.Read(attribModel1, modelMagic, int(numLabels))
	if err != nil {
		panic(err) // the embedded model is part of the build
	}
	m2, err := perceptron.Read(attribModel2, modelMagic, int(numLabels))
	if err != nil {
		panic(err)
	}
	return tagger{m1, m2}
})

func analyzeEntities(t string) *entity.Doc { return entity.Analyze(t) }

// Extract finds the quotes of a text whose entities are ents (from
// entity.Analyze of the same text; nil to compute them).
func Extract(t string, ents *entity.Doc) []Quote {
	return extract(t, ents, defaultModel())
}

// Extract is the package's Extract with this model.
func (m *Model) Extract(t string, ents *entity.Doc) []Quote { return extract(t, ents, m.t) }

func extract(t string, ents *entity.Doc, m tagger) []Quote {
	if ents == nil {
		ents = entity.Analyze(t)
	}
	d := newDocFeatures(t, ents)
	atts := d.group(m.tag(d))
	quotes := make([]Quote, 0, len(atts))
	for _, a := range atts {
		q := Quote{Speaker: -1, Parent: -1, Continues: -1}
		for _, c := range a.content {
			q.Content = append(q.Content, d.byteSpan(c))
		}
		q.Cue = d.byteSpan(a.cue)
		if len(a.source) > 0 {
			q.Source = d.byteSpan(a.source[0])
		}
		q.Kind = d.kindOf(q.Content)
		quotes = append(quotes, q)
	}
	d.shareSources(quotes)
	d.relativeSources(quotes, ents)
	quotes = d.splitSentences(quotes)
	quotes = d.dashQuotes(quotes)
	quotes = d.contextQuotes(quotes)
	quotes = d.trailingAttributions(quotes)
	quotes = d.labelAttributions(quotes)
	d.interruptedSubjects(quotes)
	for i := range quotes {
		quotes[i].Source = d.trimSource(quotes[i].Source)
		d.resolve(&quotes[i], ents)
	}
	for i := range quotes {
		if h := quotes[i].Continues; h >= 0 {
			q := &quotes[i]
			q.Speaker, q.Anonymous, q.Via = quotes[h].Speaker, quotes[h].Anonymous, quotes[h].Via
		}
	}
	sortQuotes(quotes)
	d.inheritSpeakers(quotes)
	d.pronounSpeakers(quotes, ents)
	quotes = d.partials(quotes)
	sortQuotes(quotes)
	return quotes
}

// kindOf says whether content is a direct quotation (it begins with an
// opening mark and ends at the closing one, give or take punctuation),
// reported speech holding quoted words (Partial), or plain reported speech.
func (d *docFeatures) kindOf(content []article.Span) Kind {
	if len(content) == 0 {
		return Reported
	}
	quoted, covered := 0, 0
	opens := d.qstate[tokIndex(d.toks, content[0].Start)] == qOpen
	for _, c := range content {
		from, to := tokIndex(d.toks, c.Start), tokIndex(d.toks, c.End)
		for i := from; i < to; i++ {
			if d.toks[i].Kind == text.Punct || d.toks[i].Kind == text.Quote {
				continue
			}
			covered++
			if d.qdepth[i] > 0 {
				quoted++
			}
		}
	}
	switch {
	case covered > 0 && quoted == covered:
		return Direct
	case opens && quoted*4 >= covered*3:
		// A quotation with a few words of the writer's after it ("...,"
		// citing the figures).
		return Direct
	case quoted > 0:
		return Partial
	}
	return Reported
}

// shareSources gives a cue without a source the source of the cue before
// it in the same sentence: "X said ... and warned that ...". A participle
// after a comma ("X said ..., warning that ...") takes that source even
// when the tagger gave it one from another sentence: its subject is the
// main clause's.
func (d *docFeatures) shareSources(quotes []Quote) {
	for i := 1; i < len(quotes); i++ {
		q, p := &quotes[i], &quotes[i-1]
		if q.Cue.Len() == 0 || p.Source.Len() == 0 || p.Cue.Len() == 0 {
			continue
		}
		a, b := tokIndex(d.toks, p.Cue.Start), tokIndex(d.toks, q.Cue.Start)
		if d.sent[a] != d.sent[b] || p.Cue.Start >= q.Cue.Start {
			continue
		}
		if q.Source.Len() == 0 || d.participle(b) && d.sent[tokIndex(d.toks, q.Source.Start)] != d.sent[b] {
			q.Source = p.Source
		}
	}
}

// participle reports whether the cue word at token i is a present
// participle right after a comma: "..., suggesting that ...".
func (d *docFeatures) participle(i int) bool {
	return i > 0 && d.lower[i-1] == "," && len(d.lower[i]) > 4 && strings.HasSuffix(d.lower[i], "ing")
}

// trimSource cuts what the tagger let into a source's edges: a comma
// after a source without an apposition, a clitic
// glued to a pronoun ("she’ll" → "she"), a relative pronoun or period
// after it ("the doctors who" → "the doctors"), and the writer's words
// before a subject pronoun ("Many were older, she" → "she"); and takes
// in the courtesy title before a name ("Mr." of "Mr. Kamin").
func (d *docFeatures) trimSource(s article.Span) article.Span {
	if s.Len() == 0 {
		return s
	}
	from, to := tokIndex(d.toks, s.Start), tokIndex(d.toks, s.End-1)+1
	for to > from+1 {
		switch d.lower[to-1] {
		case ".", "who", "whom", "which", "that":
			to--
			continue
		}
		break
	}
	if to-from > 2 && d.lower[to-2] == "," && subjectPronoun(d.lower[to-1]) {
		from = to - 1
	}
	// PolNeAR closes a source with an apposition by the comma that ends
	// it ("Jane Doe, the mayor, said") and leaves a plain one bare.
	appos := slices.Contains(d.lower[from:to-1], ",")
	switch {
	case to-from > 1 && d.lower[to-1] == "," && !appos:
		to--
	case appos && d.lower[to-1] != "," && to < len(d.toks) && d.lower[to] == "," && d.sent[to] == d.sent[to-1]:
		to++
	}
	if from > 0 && from < to && courtesyTitle(d.lower[from-1]) && d.toks[from-1].End+1 >= d.toks[from].Start {
		from--
	}
	out := article.Span{Start: d.toks[from].Start, End: d.toks[to-1].End}
	if w := d.lower[to-1]; to-from == 1 {
		for _, c := range [...]string{"'ll", "’ll", "'d", "’d", "'re", "’re", "'ve", "’ve", "'m", "’m"} {
			if strings.HasSuffix(w, c) && subjectPronoun(strings.TrimSuffix(w, c)) {
				out.End -= len(c)
			}
		}
	}
	return out
}

// subjectPronoun reports whether w is a personal pronoun in the subject
// case.
func subjectPronoun(w string) bool {
	switch w {
	case "i", "you", "he", "she", "it", "we", "they":
		return true
	}
	return false
}

// courtesyTitle reports whether w (lower case) is a courtesy title that
// news style keeps with a surname.
func courtesyTitle(w string) bool {
	switch w {
	case "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr":
		return true
	}
	return false
}

// relativeSources gives a cue without a source, or whose source is a
// relative pronoun, the entity that the relative clause follows: "...
// dismissed by the minister, who reportedly told reporters that ...".
func (d *docFeatures) relativeSources(quotes []Quote, ents *entity.Doc) {
	for i := range quotes {
		q := &quotes[i]
		if q.Cue.Len() == 0 {
			continue
		}
		var k int
		switch {
		case q.Source.Len() == 0:
			k = tokIndex(d.toks, q.Cue.Start) - 1
			for k >= 0 && d.pos[k] == pos.ADV && k > tokIndex(d.toks, q.Cue.Start)-3 {
				k-- // "who reportedly told", "who also said"
			}
		case strings.EqualFold(q.Source.In(d.text), "who"):
			k = tokIndex(d.toks, q.Source.Start)
		default:
			continue
		}
		if k < 1 || d.lower[k] != "who" || d.lower[k-1] != "," || d.sent[k] != d.sent[tokIndex(d.toks, q.Cue.Start)] {
			continue
		}
		end := d.toks[k-1].Start
		// The mention that ends right before the comma.
		j, _ := slices.BinarySearchFunc(ents.Mentions, end, func(m entity.Mention, end int) int { return m.End - end })
		if j < len(ents.Mentions) && ents.Mentions[j].End == end && ents.Mentions[j].Kind == entity.Person {
			q.Source = ents.Mentions[j].Span
		}
	}
}

// splitSentences cuts off, as quotes of their own, the contents of an
// attribution that lie in sentences after its cue's sentence when that
// sentence has content already: in "“A,” she said. “B.”", B is a new
// statement in the same voice (inheritSpeakers gives it the speaker),
// while "“A,” she said, “b.”" stays one quote in two parts.
func (d *docFeatures) splitSentences(quotes []Quote) []Quote {
	n := len(quotes)
	for i := 0; i < n; i++ {
		q := &quotes[i]
		if q.Cue.Len() == 0 || len(q.Content) < 2 {
			continue
		}
		cs := d.sent[tokIndex(d.toks, q.Cue.Start)]
		var keep, split []article.Span
		here := false
		for _, c := range q.Content {
			from, to := d.sent[tokIndex(d.toks, c.Start)], d.sent[tokIndex(d.toks, c.End-1)]
			if from > cs {
				split = append(split, c)
				continue
			}
			keep = append(keep, c)
			here = here || to >= cs
		}
		if !here || len(split) == 0 {
			continue
		}
		q.Content = keep
		q.Kind = d.kindOf(keep)
		// Contiguous parts of what is split off stay one quote.
		nq := Quote{Content: split, Speaker: -1, Parent: -1, Continues: i}
		nq.Kind = d.kindOf(split)
		quotes = append(quotes, nq)
	}
	return quotes
}

// isDash reports whether token i is a dash that can introduce a source.
func (d *docFeatures) isDash(i int) bool {
	switch d.lower[i] {
	case "—", "―", "–", "--", "-":
		return true
	}
	return false
}

// dashQuotes attributes quotations followed by a dash and a name, in the
// same paragraph or at the start of the next ("“...” — Jane Doe, Senior
// Fellow"): the dash is the cue and the name, up to a comma or the end of
// the paragraph, the source. A quote the tagger found without a source
// takes it; a quotation no quote holds becomes a direct quote.
func (d *docFeatures) dashQuotes(quotes []Quote) []Quote {
	for _, qt := range d.quotes {
		if qt.Level != 0 || !qt.Closed {
			continue
		}
		k := tokIndex(d.toks, qt.End)
		for k < len(d.toks) && d.toks[k].Kind == text.Punct && !d.isDash(k) && d.para[k] == d.para[k-1] {
			k++ // "...”. — Name"
		}
		if k >= len(d.toks) || !d.isDash(k) {
			continue
		}
		// In the same paragraph the dash comes right after the quotation;
		// in the next paragraph it must open it.
		if d.para[k] != d.para[tokIndex(d.toks, qt.Start)] && d.paras[d.para[k]].from != k {
			continue
		}
		from, end := k+1, d.paras[d.para[k]].to
		if from >= end || !unicode.IsUpper(firstRune(d.toks[from].In(d.text))) {
			continue
		}
		to := from
		for to < end && to < from+8 && d.lower[to] != "," && d.lower[to] != "(" && !d.isDash(to) {
			to++
		}
		src := article.Span{Start: d.toks[from].Start, End: d.toks[to-1].End}
		cue := d.toks[k].Span
		done := false
		for i := range quotes {
			q := &quotes[i]
			if last := &q.Content[len(q.Content)-1]; last.Overlaps(qt.Span) {
				// The dash and the name are the attribution, not the
				// quotation's words.
				if last.End > qt.End {
					last.End = qt.End
				}
				if q.Source.Len() == 0 {
					q.Source, q.Cue = src, cue
				}
				done = true
			}
		}
		if !done {
			quotes = append(quotes, Quote{Kind: Direct, Content: []article.Span{qt.Span}, Cue: cue, Source: src, Speaker: -1, Parent: -1, Continues: -1})
		}
	}
	return quotes
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// contextQuotes adds the quotations that no cue attributes but that stand
// as whole sentences or paragraphs of a speaker already quoted: a
// quotation paragraph after "She said:" or after an attributed quotation
// of the paragraph before. Scare quotes and titles inside the writer's
// sentences are not quotes.
func (d *docFeatures) contextQuotes(quotes []Quote) []Quote {
	var contents []article.Span
	for _, q := range quotes {
		contents = append(contents, q.Content...)
	}
	slices.SortFunc(contents, func(a, b article.Span) int { return a.Start - b.Start })
	// Contents do not overlap one another: the last that starts before s
	// ends is the only one that can overlap it.
	covered := func(s article.Span) bool {
		i, _ := slices.BinarySearchFunc(contents, s.End, func(c article.Span, end int) int { return c.Start - end })
		return i > 0 && contents[i-1].Overlaps(s)
	}
	for _, qt := range d.quotes {
		if qt.Level != 0 || covered(qt.Span) {
			continue
		}
		from, to := tokIndex(d.toks, qt.Start), tokIndex(d.toks, qt.End)
		words := 0
		for i := from; i < to; i++ {
			if d.toks[i].Kind == text.Word {
				words++
			}
		}
		if words < 4 {
			continue
		}
		// A whole sentence: nothing of the writer's before it in its
		// sentence, and at most punctuation after it.
		s := d.sents[d.sent[from]]
		if from != s.from {
			continue
		}
		end := d.sents[d.sent[max(to-1, 0)]].to
		rest := false
		for i := to; i < end; i++ {
			if d.toks[i].Kind != text.Punct {
				rest = true
			}
		}
		if rest {
			continue
		}
		quotes = append(quotes, Quote{Kind: Direct, Content: []article.Span{qt.Span}, Speaker: -1, Parent: -1, Continues: -1})
	}
	return quotes
}

// inheritSpeakers gives a quotation with neither cue nor source the
// speaker of the attributed quote just before it, in its paragraph or the
// one before: news style attributes a quote once and lets the following
// quotation paragraphs, and the paragraphs a long quotation runs over,
// go on in the same voice. quotes must be in text order.
func (d *docFeatures) inheritSpeakers(quotes []Quote) {
	lastPara, speaker, anon := int32(-10), -1, false
	for i := range quotes {
		q := &quotes[i]
		if len(q.Content) == 0 {
			continue
		}
		here := d.para[tokIndex(d.toks, q.Content[0].Start)]
		switch {
		case q.Source.Len() > 0:
			speaker, anon = q.Speaker, q.Anonymous
		case q.Cue.Len() == 0 && q.Kind == Direct && here-lastPara <= 1:
			q.Speaker, q.Anonymous = speaker, anon
		default:
			continue
		}
		lastPara = d.para[tokIndex(d.toks, q.Content[len(q.Content)-1].Start)]
	}
}

// pronounSpeakers gives a quote whose source is "he" or "she" that the
// entity stage could not resolve (its window counts the sentences of the
// quotations between, and a long quotation outruns it) the speaker of the
// nearest quote before it, when that speaker is a person, no other person
// is named between the two, the paragraphs are at most two apart, and the
// person is not referred to by the other pronoun elsewhere.
func (d *docFeatures) pronounSpeakers(quotes []Quote, ents *entity.Doc) {
	for i := range quotes {
		q := &quotes[i]
		if q.Speaker >= 0 || q.Anonymous || q.Source.Len() == 0 || len(q.Content) == 0 {
			continue
		}
		g := pronounGender(strings.ToLower(q.Source.In(d.text)))
		if g == 0 {
			continue
		}
		for j := i - 1; j >= max(0, i-64); j-- { // bounded on a text of a thousand quotes
			p := &quotes[j]
			if len(p.Content) == 0 || p.Speaker < 0 {
				continue
			}
			here, there := d.para[tokIndex(d.toks, q.Source.Start)], d.para[tokIndex(d.toks, p.Content[0].Start)]
			if here-there > 2 || p.Content[0].Start >= q.Source.Start {
				break
			}
			if e := p.Speaker; ents.Entities[e].Kind == entity.Person && !otherPerson(ents, e, p.Content[0].Start, q.Source.Start) && !pronounClash(d.text, ents, e, g) {
				q.Speaker = e
			}
			break
		}
	}
}

// pronounGender is 'm' for he, 'f' for she, else 0.
func pronounGender(w string) byte {
	switch w {
	case "he":
		return 'm'
	case "she":
		return 'f'
	}
	return 0
}

// otherPerson reports whether a person other than e is named (not by a
// pronoun) between offsets from and to.
func otherPerson(ents *entity.Doc, e, from, to int) bool {
	ms := ents.Mentions // in text order
	lo, _ := slices.BinarySearchFunc(ms, from, func(m entity.Mention, off int) int { return m.Start - off })
	for _, m := range ms[lo:] {
		if m.Start >= to {
			break
		}
		if m.End <= to && m.Kind == entity.Person && m.Form != entity.Pronoun && m.Entity != e {
			return true
		}
	}
	return false
}

// pronounClash reports whether the text refers to person e by the pronoun
// or courtesy title of the other gender than g.
func pronounClash(t string, ents *entity.Doc, e int, g byte) bool {
	for _, ti := range ents.Entities[e].Titles {
		switch strings.ToLower(strings.TrimSuffix(ti, ".")) {
		case "mr", "sir", "lord":
			if g != 'm' {
				return true
			}
		case "mrs", "ms", "miss", "madam", "dame", "lady":
			if g != 'f' {
				return true
			}
		}
	}
	for _, k := range ents.Entities[e].Mentions {
		m := ents.Mentions[k]
		if m.Form != entity.Pronoun {
			continue
		}
		var mg byte
		switch strings.ToLower(m.In(t)) {
		case "he", "him", "his", "himself":
			mg = 'm'
		case "she", "her", "hers", "herself":
			mg = 'f'
		}
		if mg != 0 && mg != g {
			return true
		}
	}
	return false
}

// partials adds, for each reported quote that holds quoted words, a
// Partial quote of each quotation inside it, with the same cue and
// speaker; the reported quote becomes Reported.
func (d *docFeatures) partials(quotes []Quote) []Quote {
	n := len(quotes)
	for i := 0; i < n; i++ {
		if quotes[i].Kind != Partial {
			continue
		}
		quotes[i].Kind = Reported
		for _, qt := range d.quotes {
			if qt.Level != 0 {
				continue
			}
			for _, c := range quotes[i].Content {
				if c.Contains(qt.Span) {
					p := quotes[i]
					p.Kind = Partial
					if d.isSentence(qt) {
						p.Kind = Direct
					}
					p.Content = []article.Span{qt.Span}
					p.Parent = i
					quotes = append(quotes, p)
					break
				}
			}
		}
	}
	return quotes
}

// isSentence reports whether a quotation inside reported speech is a
// whole quoted sentence rather than a fragment woven into the writer's
// syntax: it begins with a capital and follows a colon or comma ("...
// made clear: “The situation is tense.”", "According to X, “...”") or
// opens its sentence, and holds at least four words.
func (d *docFeatures) isSentence(qt quotation) bool {
	from, to := tokIndex(d.toks, qt.Start), tokIndex(d.toks, qt.End)
	words, first := 0, -1
	for i := from; i < to; i++ {
		if d.toks[i].Kind == text.Word {
			if first < 0 {
				first = i
			}
			words++
		}
	}
	if words < 4 || !unicode.IsUpper(firstRune(d.toks[first].In(d.text))) {
		return false
	}
	prev := from - 1
	switch {
	case prev < 0 || d.sent[prev] != d.sent[from] || d.para[prev] != d.para[from]:
		return true
	case d.lower[prev] == ":" || d.lower[prev] == ",":
		return true
	}
	return false
}

// sortQuotes orders quotes by the start of their content, keeping parents
// before their partials, and renumbers Parent.
func sortQuotes(qs []Quote) {
	idx := make([]int, len(qs))
	for i := range idx {
		idx[i] = i
	}
	start := func(q *Quote) int {
		if len(q.Content) == 0 {
			return 0
		}
		return q.Content[0].Start
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if sa, sb := start(&qs[a]), start(&qs[b]); sa != sb {
			return sa - sb
		}
		return qs[a].Parent - qs[b].Parent
	})
	pos := make([]int, len(qs))
	for newI, oldI := range idx {
		pos[oldI] = newI
	}
	sorted := make([]Quote, len(qs))
	for newI, oldI := range idx {
		q := qs[oldI]
		if q.Parent >= 0 {
			q.Parent = pos[q.Parent]
		}
		if q.Continues >= 0 {
			q.Continues = pos[q.Continues]
		}
		sorted[newI] = q
	}
	copy(qs, sorted)
}

// Words returns the content's words without the quotation marks that open
// and close it.
func (q *Quote) Words(t string) string {
	var b strings.Builder
	for i, c := range q.Content {
		if i > 0 {
			b.WriteString(" … ")
		}
		b.WriteString(strings.TrimFunc(c.In(t), func(r rune) bool {
			k, _ := classify(r)
			return k != markNone || r == ' '
		}))
	}
	return b.String()
}

// trailingAttributions adds the reported speech the tagger missed in a
// sentence that ends with its attribution after a comma, the commonest
// shape of attribution in news: "..., he said.", "..., officials said
// Tuesday.", "..., said Jane Doe, the mayor.", "..., according to the
// report.", and one that begins with it: "According to the report, ...".
// The content is the sentence up to that comma (at least four
// words); a quote the tagger found inside it stays, as a nested one
// ("..., North Korea might judge that ..., Jackson said."), unless it
// already has this cue.
func (d *docFeatures) trailingAttributions(quotes []Quote) []Quote {
	cues := make([]article.Span, 0, len(quotes))
	for _, q := range quotes {
		if q.Cue.Len() > 0 {
			cues = append(cues, q.Cue)
		}
	}
	slices.SortFunc(cues, func(a, b article.Span) int { return a.Start - b.Start })
	for from := 0; from < len(d.toks); {
		to := from
		for to < len(d.toks) && d.sent[to] == d.sent[from] {
			to++
		}
		if q, ok := d.trailing(from, to); ok && !overlapsAny(cues, q.Cue) {
			quotes = append(quotes, q)
		}
		from = to
	}
	return quotes
}

// overlapsAny reports whether s overlaps one of spans, sorted by start:
// only those that start before s ends can, and of those, cues being a few
// words long, only the last few.
func overlapsAny(spans []article.Span, s article.Span) bool {
	i, _ := slices.BinarySearchFunc(spans, s.End, func(c article.Span, end int) int { return c.Start - end })
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if spans[j].Overlaps(s) {
			return true
		}
	}
	return false
}

// trailing matches the attribution at the end of the sentence of tokens
// [from, to).
func (d *docFeatures) trailing(from, to int) (Quote, bool) {
	end := to
	for end > from && (d.toks[end-1].Kind == text.Quote || d.lower[end-1] == "." || d.lower[end-1] == "!") {
		end--
	}
	if end == to || end-from < 7 || d.qdepth[from] > 0 {
		return Quote{}, false
	}
	// "According to the report, ..."
	if d.lower[from] == "according" && d.lower[from+1] == "to" {
		for c := from + 3; c < end && c <= from+14; c++ {
			if d.lower[c] != "," {
				continue
			}
			if end-(c+1) < 4 {
				break
			}
			span := func(a, b int) article.Span { return article.Span{Start: d.toks[a].Start, End: d.toks[b-1].End} }
			return Quote{Kind: Reported, Content: []article.Span{span(c+1, end)}, Cue: span(from, from+2), Source: span(from+2, c), Speaker: -1, Parent: -1, Continues: -1}, true
		}
	}
	// "New figures released Tuesday show ...": a record's finding.
	for v := from + 1; v < end && v <= from+8; v++ {
		if d.lower[v] == "," || d.qdepth[v] > 0 {
			break
		}
		if !findingVerb(d.lower[v]) || !slices.ContainsFunc(d.lower[max(from, v-3):v], recordNoun) || end-(v+1) < 4 {
			continue
		}
		span := func(a, b int) article.Span { return article.Span{Start: d.toks[a].Start, End: d.toks[b-1].End} }
		return Quote{Kind: Reported, Content: []article.Span{span(v+1, end)}, Cue: span(v, v+1), Source: span(from, v), Speaker: -1, Parent: -1, Continues: -1}, true
	}
	// A comma at depth zero with at most 12 tokens after it, the last
	// first: "..., said Jane Doe, the mayor." has the attribution after
	// the one before.
	for comma := end - 1; comma > from+3 && comma >= end-12; comma-- {
		if d.lower[comma] == "," && d.qdepth[comma] == 0 {
			if q, ok := d.attributionAfter(from, comma, end); ok {
				return q, true
			}
		}
	}
	return Quote{}, false
}

// attributionAfter matches the attribution in tokens (comma, end) of a
// sentence starting at token from.
func (d *docFeatures) attributionAfter(from, comma, end int) (Quote, bool) {
	for i := from; i < comma; i++ {
		if d.qdepth[i] > 0 {
			return Quote{}, false // a quotation: the tagger's business
		}
	}
	span := func(a, b int) article.Span { return article.Span{Start: d.toks[a].Start, End: d.toks[b-1].End} }
	q := Quote{Kind: Reported, Content: []article.Span{span(from, comma)}, Speaker: -1, Parent: -1, Continues: -1}
	k := comma + 1
	// ", according to the report."
	if k+2 < end && d.lower[k] == "according" && d.lower[k+1] == "to" {
		q.Cue, q.Source = span(k, k+2), span(k+2, end)
		return q, true
	}
	// ", said Jane Doe[, the mayor].", ", said one source in the room."
	if v, ok := knowledge.Cue(d.lower[k]); ok && v.Class == knowledge.CueSpeech && v.Inverted && pastOrPresent(d.lower[k]) && k+1 < end && (unicode.IsUpper(firstRune(d.toks[k+1].In(d.text))) || sourceDeterminer(d.lower[k+1])) {
		e := k + 1
		for e < end && d.lower[e] != "," {
			e++
		}
		if e-(k+1) > 7 {
			return Quote{}, false
		}
		q.Cue, q.Source = span(k, k+1), span(k+1, e)
		return q, true
	}
	// ", he said[ Tuesday | in a statement].", ", experts say."
	for c := k + 1; c < end && c <= k+6; c++ {
		v, ok := knowledge.Cue(d.lower[c])
		if !ok || v.Class != knowledge.CueSpeech || !pastOrPresent(d.lower[c]) && d.lower[c] != "say" {
			continue
		}
		src := d.toks[k].In(d.text)
		if !unicode.IsUpper(firstRune(src)) && !subjectPronoun(d.lower[k]) && !sourceDeterminer(d.lower[k]) && (c-k > 2 || !anonymousPlural(d.lower[k])) {
			return Quote{}, false
		}
		for i := k; i < c; i++ {
			if d.toks[i].Kind != text.Word && d.lower[i] != "." && d.lower[i] != "'s" && d.lower[i] != "’s" {
				return Quote{}, false
			}
		}
		if !trailingAdjunct(d.lower[c+1 : end]) {
			return Quote{}, false
		}
		q.Cue, q.Source = span(c, c+1), span(k, c)
		return q, true
	}
	return Quote{}, false
}

// sourceDeterminer reports whether w can open a source in lower case:
// "the campaign", "one official", "another source".
func sourceDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "one", "another", "two", "three", "several", "some", "many", "most", "both", "other", "senior", "top", "his", "her", "their", "its":
		return true
	}
	return false
}

// anonymousPlural reports whether w is a bare plural that names sources
// without a determiner: "officials said", "experts say".
func anonymousPlural(w string) bool {
	switch w {
	case "officials", "sources", "experts", "analysts", "aides", "advisers", "critics", "economists", "investigators", "prosecutors", "police", "officers", "witnesses", "residents", "lawmakers", "democrats", "republicans", "polls", "pollsters", "supporters", "observers", "researchers", "scientists", "doctors", "historians", "attorneys", "lawyers", "activists", "organizers", "authorities":
		return true
	}
	return false
}

// findingVerb reports whether w is a finite verb by which a record
// states a finding: "show", "suggested", "indicates".
func findingVerb(w string) bool {
	switch w {
	case "show", "shows", "showed", "suggest", "suggests", "suggested", "indicate", "indicates", "indicated", "find", "finds", "found", "reveal", "reveals", "revealed", "confirm", "confirms", "confirmed":
		return true
	}
	return false
}

// recordNoun reports whether w names a record that can state a finding:
// "polls", "data", "documents".
func recordNoun(w string) bool {
	switch w {
	case "poll", "polls", "survey", "surveys", "data", "record", "records", "document", "documents", "figures", "numbers", "study", "studies", "report", "reports", "analysis", "statistics", "research", "filings", "emails", "estimates":
		return true
	}
	return false
}

// pastOrPresent reports whether a reporting verb's form is a finite one
// that ends an attribution: "said", "says", not "saying" or "say".
func pastOrPresent(w string) bool {
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || w == "said" || w == "told" || w == "wrote" || w == "spoke"
}

// trailingAdjunct reports whether the words after a trailing cue are
// nothing or a short time or manner adjunct: "Tuesday", "on Monday",
// "in a statement", "last week".
func trailingAdjunct(ws []string) bool {
	switch len(ws) {
	case 0:
		return true
	case 1:
		return weekdayOrNow(ws[0])
	case 2:
		return (ws[0] == "on" || ws[0] == "last" || ws[0] == "this" || ws[0] == "late" || ws[0] == "early") && (weekdayOrNow(ws[1]) || ws[1] == "week" || ws[1] == "month")
	case 3:
		return ws[0] == "in" && (ws[1] == "a" || ws[1] == "an") && (ws[2] == "statement" || ws[2] == "interview" || ws[2] == "email" || ws[2] == "e-mail")
	}
	return false
}

func weekdayOrNow(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "earlier", "later":
		return true
	}
	return false
}

// interruptedSubjects gives back to reported speech the words before an
// attribution set in commas inside its sentence: in "Climate change, he
// said, is the greatest threat.", "Climate change" is said as much as "is
// the greatest threat", and the content is the two parts. The words must
// run from the start of the sentence, hold no part of another quote, and
// the commas hold nothing but the source and the cue, give or take two
// words ("he also said Tuesday").
func (d *docFeatures) interruptedSubjects(quotes []Quote) {
	var owner []int32 // made when needed: most texts have no such shape
	for i := range quotes {
		q := &quotes[i]
		if q.Cue.Len() == 0 || q.Source.Len() == 0 || len(q.Content) != 1 {
			continue
		}
		c := tokIndex(d.toks, q.Content[0].Start)
		if c < 3 || c >= len(d.toks) || d.lower[c-1] != "," || d.qdepth[c] > 0 || d.toks[c].Kind == text.Quote {
			continue
		}
		lo, hi := min(q.Cue.Start, q.Source.Start), max(q.Cue.End, q.Source.End)
		if q.Cue.Start < q.Content[0].End && q.Cue.End > q.Content[0].Start || hi > d.toks[c-1].Start {
			continue
		}
		k := c - 2 // the comma that opens the attribution
		extra := 0
		for ; k >= 0 && k >= c-14 && d.lower[k] != "," && d.sent[k] == d.sent[c]; k-- {
			if t := d.toks[k]; t.Start < lo || t.End > hi {
				extra++
			}
		}
		s := d.sents[d.sent[c]].from
		if k <= s || d.lower[k] != "," || d.sent[k] != d.sent[c] || extra > 2 || c-1-k > 12 || d.toks[k+1].Start > lo {
			continue
		}
		if d.lower[s] == "according" || d.toks[s].Kind == text.Quote || d.qdepth[s] > 0 {
			continue
		}
		if owner == nil {
			owner = d.owners(quotes)
		}
		if slices.ContainsFunc(owner[s:k], func(o int32) bool { return o >= 0 }) {
			continue
		}
		for j := s; j < k; j++ {
			owner[j] = int32(i)
		}
		q.Content = []article.Span{{Start: d.toks[s].Start, End: d.toks[k-1].End}, q.Content[0]}
	}
}

// owners returns, for each token, the index of a quote one of whose parts
// holds it, or -1: which words are some quote's already, in time linear
// in the text and the parts.
func (d *docFeatures) owners(quotes []Quote) []int32 {
	owner := make([]int32, len(d.toks))
	for i := range owner {
		owner[i] = -1
	}
	mark := func(s article.Span, i int) {
		if s.Len() == 0 {
			return
		}
		for j := tokIndex(d.toks, s.Start); j < len(d.toks) && d.toks[j].Start < s.End; j++ {
			owner[j] = int32(i)
		}
	}
	for i := range quotes {
		mark(quotes[i].Cue, i)
		mark(quotes[i].Source, i)
		for _, c := range quotes[i].Content {
			mark(c, i)
		}
	}
	return owner
}

// labelAttributions adds the statements a paragraph credits to a speaker
// label before a colon: a transcript's "PENCE: Well, look, ..." and a
// headline's "Pence: Trump Was Mocking Clinton Camp". The label is a name
// the entity stage knows, or capitals, of at most four words, or in the
// headline any capitalized words but "The ..." ("Poll: ...", not "The
// Latest: ..."); the colon
// is the cue and the rest of the paragraph the content (a headline's
// final period aside). A quote the tagger found in that content without
// a cue takes the label as its source instead, and loses the label when
// it is a quotation paragraph the label opens.
func (d *docFeatures) labelAttributions(quotes []Quote) []Quote {
	var owner []int32 // made when needed: most texts have no labels
	for pi, p := range d.paras {
		from := p.from
		for from < p.to && d.toks[from].Kind == text.Quote {
			from++
		}
		colon := from
		for colon < p.to && colon < from+5 && d.lower[colon] != ":" {
			colon++
		}
		if colon == from || colon >= p.to || d.lower[colon] != ":" || p.to-colon < 4 {
			continue
		}
		caps, named, title := true, true, pi == 0 && d.lower[from] != "the"
		for i := from; i < colon; i++ {
			w := d.toks[i].In(d.text)
			if d.toks[i].Kind != text.Word {
				caps, named, title = false, false, false
				break
			}
			caps = caps && len(w) > 1 && strings.ToUpper(w) == w && strings.ToLower(w) != w
			named = named && (d.ent[i] == entPerson || d.ent[i] == entOrg)
			title = title && unicode.IsUpper(firstRune(w))
		}
		if !caps && !named && !title {
			continue
		}
		end := p.to
		if pi == 0 && d.lower[end-1] == "." {
			end--
		}
		words := 0
		for i := colon + 1; i < end; i++ {
			if d.toks[i].Kind == text.Word {
				words++
			}
		}
		if words < 3 {
			continue
		}
		content := article.Span{Start: d.toks[colon+1].Start, End: d.toks[end-1].End}
		cue, src := d.toks[colon].Span, article.Span{Start: d.toks[from].Start, End: d.toks[colon-1].End}
		if owner == nil {
			owner = d.owners(quotes)
		}
		taken := slices.ContainsFunc(owner[from:end], func(o int32) bool { return o >= 0 })
		if o := owner[from]; o >= 0 && len(quotes[o].Content) == 1 && quotes[o].Cue.Len() == 0 {
			// A quotation paragraph the label opens.
			if q := &quotes[o]; q.Content[0].Start <= src.Start && q.Content[0].End > content.Start {
				q.Cue, q.Source = cue, src
				q.Content = []article.Span{{Start: content.Start, End: q.Content[0].End}}
				q.Kind = d.kindOf(q.Content)
			}
		} else if o := owner[colon+1]; o >= 0 && len(quotes[o].Content) == 1 && quotes[o].Cue.Len() == 0 && content.Contains(quotes[o].Content[0]) && !slices.Contains(owner[from:colon+1], o) {
			quotes[o].Cue, quotes[o].Source = cue, src
		}
		if !taken {
			q := Quote{Content: []article.Span{content}, Cue: cue, Source: src, Speaker: -1, Parent: -1, Continues: -1}
			q.Kind = d.kindOf(q.Content)
			quotes = append(quotes, q)
		}
	}
	return quotes
}
