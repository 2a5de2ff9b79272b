package quote

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// resolve finds the canonical speaker of q from its source: the entity of
// the best mention inside the source (a name before a role phrase, a role
// phrase before a pronoun); an unnamed person or group is anonymous. It
// also finds the medium the quote is credited to.
func (d *docFeatures) resolve(q *Quote, ents *entity.Doc) {
	q.Speaker = -1
	if q.Source.Len() > 0 {
		var rank, end int
		q.Speaker, rank, end = speakerIn(q.Source, ents)
		// Unless a person is named, a descriptor of unnamed sources makes
		// the source anonymous, whatever state or organization it belongs
		// to ("an unnamed Iranian diplomat", "U.S. officials"). So does
		// one after the person's name: the person is whose they are, not
		// who spoke ("Jane Doe's aides", "a Doe adviser").
		if rank < rankPerson && d.anonymous(q.Source) || rank >= rankPerson && d.headAfter(q.Source, end) {
			q.Speaker, q.Anonymous = -1, true
		}
		// A name the tagger missed at the start of the source ("Jane Doe,
		// the Norwegian mediator") outranks a state or organization found
		// in the rest of it.
		if rank < rankPerson && !q.Anonymous {
			if s, ok := d.personName(q.Source); ok {
				q.Speaker = ents.AddPerson(s, s.In(d.text))
			} else if e := d.knownSurname(q.Source, ents); e >= 0 {
				q.Speaker = e
			}
		}
	}
	q.Via = d.via(q)
}

// personName finds a person's name that the entity stage missed at the
// start of a source: two to four capitalized words, the first a known
// given name ("Jane Doe", "Jean-Paul Martin Diaz"), or a known surname
// alone that is not also a common word.
func (d *docFeatures) personName(s article.Span) (article.Span, bool) {
	from, to := tokIndex(d.toks, s.Start), tokIndex(d.toks, s.End)
	n := 0
	for i := from; i < to && n < 4; i++ {
		if d.toks[i].Kind != text.Word || !unicode.IsUpper(firstRune(d.toks[i].In(d.text))) {
			break
		}
		n++
	}
	switch {
	case n == 0:
		return article.Span{}, false
	case n == 1:
		// A surname alone ("Smith said"), when it is not also a word.
		if w := d.toks[from].In(d.text); !knowledge.Surname(w) || knowledge.CommonWord(d.lower[from]) {
			return article.Span{}, false
		}
	default:
		if ok, _ := knowledge.GivenName(d.toks[from].In(d.text)); !ok {
			return article.Span{}, false
		}
	}
	return article.Span{Start: d.toks[from].Start, End: d.toks[from+n-1].End}, true
}

// knownSurname finds, in a source where the entity stage saw no person,
// a capitalized word that is the surname of exactly one person the
// article names in full ("... spokesman Smith said" after "Jane Smith"),
// and returns that person's entity, or -1.
func (d *docFeatures) knownSurname(s article.Span, ents *entity.Doc) int {
	from, to := tokIndex(d.toks, s.Start), tokIndex(d.toks, s.End)
	for i := to - 1; i >= max(from, to-8); i-- { // the head is near the end
		w := d.toks[i].In(d.text)
		if d.toks[i].Kind != text.Word || !unicode.IsUpper(firstRune(w)) {
			continue
		}
		found := -1
		for k := range ents.Entities {
			e := &ents.Entities[k]
			if e.Kind != entity.Person {
				continue
			}
			name := strings.Fields(e.Name)
			if len(name) < 2 || name[len(name)-1] != w {
				continue
			}
			if found >= 0 {
				return -1 // two people share the surname
			}
			found = k
		}
		if found >= 0 {
			return found
		}
	}
	return -1
}

// rankPerson is the lowest rank of a mention of a person.
const rankPerson = 4

// mentionRank orders the mentions that can name a speaker.
func mentionRank(m entity.Mention) int {
	switch {
	case m.Entity < 0:
		return 0
	case m.Kind == entity.Person && m.Form == entity.Name:
		return 6
	case m.Kind == entity.Person && (m.Form == entity.Title || m.Form == entity.Role):
		return 5
	case m.Kind == entity.Person:
		return rankPerson
	case m.Kind == entity.Organization:
		return 3
	case m.Kind == entity.State:
		return 2
	}
	return 1
}

// headAfter reports whether the last word of source s is a descriptor of
// unnamed sources that the name ending at offset end modifies: "Doe's
// aides", "Doe campaign advisers", not an apposition ("Jane Doe, a
// spokeswoman", "Jane Doe and her aides").
func (d *docFeatures) headAfter(s article.Span, end int) bool {
	from, to := tokIndex(d.toks, s.Start), tokIndex(d.toks, s.End)
	for i := to - 1; i >= from; i-- {
		if d.toks[i].Kind != text.Word {
			continue
		}
		if d.toks[i].Start < end || !anonymousHead(d.lower[i]) {
			return false
		}
		words := 0
		for k := tokIndex(d.toks, end); k < i; k++ {
			switch w := d.lower[k]; {
			case w == "'s" || w == "’s" || w == "'" || w == "’":
			case d.toks[k].Kind != text.Word, w == "the", w == "a", w == "an", w == "and", w == "or", w == "his", w == "her", w == "their":
				return false
			default:
				words++
			}
		}
		return words <= 2
	}
	return false
}

// speakerIn returns the entity of the best mention within s, or -1, the
// mention's rank and where it ends.
func speakerIn(s article.Span, ents *entity.Doc) (int, int, int) {
	best, rank, end := -1, 0, 0
	ms := ents.Mentions
	// Mentions are in text order: find the first that ends after s.Start.
	lo, hi := 0, len(ms)
	for lo < hi {
		m := (lo + hi) / 2
		if ms[m].End <= s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for i := lo; i < len(ms) && ms[i].Start < s.End; i++ {
		if r := mentionRank(ms[i]); r > rank {
			best, rank, end = ms[i].Entity, r, ms[i].End
		}
	}
	return best, rank, end
}

// anonymous reports whether the source names no one: its head noun (the
// last word before a "who"/"with"/"familiar" tail) is a descriptor of
// unnamed sources, or the source is a bare plural of one.
func (d *docFeatures) anonymous(s article.Span) bool {
	from, to := tokIndex(d.toks, s.Start), tokIndex(d.toks, s.End)
	for i := from; i < to; i++ {
		if d.toks[i].Kind != text.Word {
			continue
		}
		w := d.lower[i]
		if anonymousHead(w) {
			return true
		}
	}
	return false
}

// via finds the medium a quote is credited to in its cue's sentence:
// "told Reuters", "per the BBC", "in an interview with CNN", "via Le
// Monde".
func (d *docFeatures) via(q *Quote) article.Span {
	if q.Cue.Len() == 0 {
		return article.Span{}
	}
	c := tokIndex(d.toks, q.Cue.Start)
	s := d.sents[d.sent[c]]
	for i := s.from; i < s.to; i++ {
		next, ok := d.mediumAt(i, s.to)
		if !ok {
			continue
		}
		if sp, ok := d.outletAt(next, s.to); ok {
			return sp
		}
	}
	return article.Span{}
}
