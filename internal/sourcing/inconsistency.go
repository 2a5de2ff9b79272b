package sourcing

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// adminRE finds "the <Name> administration" and "the <Name> government".
var adminRE = regexp.MustCompile(`\b(?:[Tt]he\s+)?(\p{Lu}[\p{L}'’-]+)\s+(administration|government)\b`)

// Words that place a sentence in the past or mark a predecessor: a
// sentence with one of them may rightly name an earlier administration.
var pastMarkers = map[string]bool{
	"former": true, "previous": true, "predecessor": true, "prior": true, "earlier": true,
	"then": true, "was": true, "were": true, "had": true, "did": true, "under": true, "during": true,
	"ago": true, "once": true, "first-term": true, "term": true, "since": true, "until": true,
	"ended": true, "abandoned": true, "withdrew": true, "last": true, "past": true,
}

// Words that place a sentence in the present.
var presentMarkers = map[string]bool{
	"has": true, "have": true, "is": true, "are": true, "now": true, "current": true,
	"currently": true, "recent": true, "recently": true, "ongoing": true, "today": true,
	"continues": true, "continue": true, "this": true,
}

type adminMention struct {
	name     string
	span     article.Span // "the X administration"
	sentence article.Span
	concepts map[string]article.Span // concept -> the word that names it
}

// inconsistency flags the same kind of current act attributed to two
// different administrations in one article ("the X administration has
// authorized talks" and "tensions between the Y administration and the
// negotiators"). It is conservative: both sentences must be in the
// present (a present or perfect verb, "recent", "now") with no marker of
// the past ("former", "under", "was", a year), the two names must be
// people (a person mention of the entity stage, or a known surname), and
// the sentences must name the same kind of act (data/concepts.tsv).
func inconsistency(in Input, _ []word) (Flag, bool) {
	l := lex()
	var ms []adminMention
	matches := adminMatches(in.Text)
	var sentences []article.Span
	if len(matches) > 0 {
		sentences = text.Sentences(in.Text)
	}
	for _, m := range matches {
		name := in.Text[m[2]:m[3]]
		if !personName(in.Entities, name, m[2], m[3]) {
			continue
		}
		sent := sentenceAt(sentences, m[0])
		if sent.Len() == 0 {
			continue
		}
		ws := words(in.Text[sent.Start:sent.End])
		past, present := false, false
		concepts := map[string]article.Span{}
		for _, w := range ws {
			switch {
			case pastMarkers[w.lower] || isYear(w.lower):
				past = true
			case presentMarkers[w.lower]:
				present = true
			}
			if c, ok := l.concepts[w.lower]; ok {
				if _, dup := concepts[c]; !dup {
					concepts[c] = article.Span{Start: sent.Start + w.start, End: sent.Start + w.end}
				}
			}
		}
		if past || !present || len(concepts) == 0 {
			continue
		}
		ms = append(ms, adminMention{name: name, span: article.Span{Start: m[0], End: m[1]}, sentence: sent, concepts: concepts})
	}
	f := Flag{Kind: InternalInconsistency}
	var notes []string
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := ms[i], ms[j]
			if strings.EqualFold(a.name, b.name) || a.sentence == b.sentence {
				continue
			}
			for c, wa := range a.concepts {
				wb, ok := b.concepts[c]
				if !ok {
					continue
				}
				f.Evidence = append(f.Evidence, reach(a.span, wa), reach(b.span, wb))
				notes = append(notes, fmt.Sprintf("%s: the %s administration and the %s administration, both now", c, a.name, b.name))
				break
			}
		}
	}
	f.Evidence = dedupe(f.Evidence)
	f.Note = strings.Join(notes, "; ")
	return f, len(f.Evidence) > 0
}

// adminMatches returns what adminRE.FindAllStringSubmatchIndex(text, -1)
// does, running the pattern only around its nouns (the tests check). A
// match ends at "administration" or "government" with whitespace before
// and no word character after it, and starts in one of the two runs of
// non-space characters before that whitespace (the name, and "the"). So
// it lies in the window from the space before those runs to the noun,
// where \b reads what it reads in the text; the pattern finds the same
// in the merged windows as in the whole text.
func adminMatches(text string) [][]int {
	var nouns []int // noun starts and ends, in text order
	for _, noun := range [...]string{"administration", "government"} {
		for i := 0; ; {
			j := strings.Index(text[i:], noun)
			if j < 0 {
				break
			}
			k := i + j
			i = k + len(noun)
			if k == 0 || !isRESpace(text[k-1]) || i < len(text) && (isASCIIAlnum(text[i]) || text[i] == '_') {
				continue
			}
			nouns = append(nouns, k, i)
		}
	}
	if len(nouns) == 0 {
		return nil
	}
	if len(nouns) > 2 {
		pairs := make([][2]int, 0, len(nouns)/2)
		for i := 0; i < len(nouns); i += 2 {
			pairs = append(pairs, [2]int{nouns[i], nouns[i+1]})
		}
		slices.SortFunc(pairs, func(a, b [2]int) int { return a[0] - b[0] })
		nouns = nouns[:0]
		for _, p := range pairs {
			nouns = append(nouns, p[0], p[1])
		}
	}
	var out [][]int
	run := func(a, b int) {
		for _, m := range adminRE.FindAllStringSubmatchIndex(text[a:b], -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += a
				}
			}
			out = append(out, m)
		}
	}
	wa, wb := -1, -1
	for i := 0; i < len(nouns); i += 2 {
		a := nouns[i]
		for range 2 { // back over whitespace, then a run of other bytes
			for a > 0 && isRESpace(text[a-1]) {
				a--
			}
			for a > 0 && !isRESpace(text[a-1]) {
				a--
			}
		}
		if wa >= 0 && a <= wb {
			wb = max(wb, nouns[i+1])
			continue
		}
		if wa >= 0 {
			run(wa, wb)
		}
		wa, wb = a, nouns[i+1]
	}
	run(wa, wb)
	return out
}

// reach extends a mention to the concept word when the word follows it
// closely, so that the evidence reads "the X administration has
// authorized talks".
func reach(m, w article.Span) article.Span {
	if w.Start >= m.End && w.End-m.Start <= 100 {
		return article.Span{Start: m.Start, End: w.End}
	}
	return m
}

func isYear(w string) bool {
	if len(w) != 4 || (w[0] != '1' && w[0] != '2') {
		return false
	}
	for i := 1; i < 4; i++ {
		if !isDigitByte(w[i]) {
			return false
		}
	}
	return true
}

func sentenceAt(ss []article.Span, off int) article.Span {
	for _, s := range ss {
		if s.Start <= off && off < s.End {
			return s
		}
	}
	return article.Span{}
}

// personName reports whether the word before "administration" names a
// person: a person mention of the entity stage there, or a known surname.
func personName(d *entity.Doc, name string, start, end int) bool {
	if d != nil {
		for _, m := range d.Mentions {
			if m.Start <= start && end <= m.End && m.Kind == entity.Person {
				return true
			}
		}
	}
	return knowledge.Surname(name)
}
