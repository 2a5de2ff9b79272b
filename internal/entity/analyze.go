package entity

import (
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// Analyze recognizes the mentions of text and resolves them to canonical
// entities within the text: names and their shorter forms, titles,
// role phrases and pronouns of people, acronyms of organizations, and
// the demonyms, capitals and metonyms of states.
func Analyze(t string) *Doc {
	return analyze(newDocFeatures(t), defaultModel())
}

// analyzer holds the state of one Analyze call.
type analyzer struct {
	d    *docFeatures
	doc  *Doc
	sent []int // token -> sentence index
	// byKey finds an entity by kind and normalized name or code.
	byKey map[string]int
	// gender of person entities learnt from titles and pronouns: 'm', 'f'.
	gender map[int]byte
	// rolesFound are the role phrases found, by mention order.
	rolesFound []rolePhrase
	// bySurname lists the people named in full by surname key; single
	// those named by one word only.
	bySurname map[string][]int
	single    map[string]int
}

func analyze(d *docFeatures, m *model) *Doc {
	a := &analyzer{d: d, doc: &Doc{}, byKey: map[string]int{}, gender: map[int]byte{}, bySurname: map[string][]int{}, single: map[string]int{}}
	a.sent = make([]int, len(d.toks))
	for si, s := range d.sents {
		for i := s.from; i < s.to; i++ {
			a.sent[i] = si
		}
	}
	names := recognize(d, m)
	names = a.propagate(names)
	names = a.addKnown(names)
	roles := a.rolePhrases(names)
	names = a.namesByRoles(names)
	pronouns := a.pronouns()
	// Merge the three sorted lists into text order.
	all := make([]Mention, 0, len(names)+len(roles)+len(pronouns))
	all = append(all, names...)
	all = append(all, roles...)
	all = append(all, pronouns...)
	sortMentions(all)
	a.doc.Mentions = all
	a.resolve()
	return a.doc
}

func sortMentions(ms []Mention) {
	// insertion sort is fine for the mostly sorted, short lists here, but a
	// long text may have many mentions: use the library sort.
	sortSlice(ms, func(x, y Mention) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return y.End - x.End
	})
}

// tokenAt returns the index of the token starting at byte offset off, or -1.
func (a *analyzer) tokenAt(off int) int {
	lo, hi := 0, len(a.d.toks)
	for lo < hi {
		h := (lo + hi) / 2
		if a.d.toks[h].Start < off {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(a.d.toks) && a.d.toks[lo].Start == off {
		return lo
	}
	return -1
}

// tokenEndingAt returns the index of the token ending at off, or -1.
func (a *analyzer) tokenEndingAt(off int) int {
	lo, hi := 0, len(a.d.toks)
	for lo < hi {
		h := (lo + hi) / 2
		if a.d.toks[h].End < off {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(a.d.toks) && a.d.toks[lo].End == off {
		return lo
	}
	return -1
}

// addKnown adds the state names, demonyms and metonyms the tagger left
// out ("Russian officials", "the Kremlin said"), as state mentions; the
// tagger's own mentions win where they overlap.
func (a *analyzer) addKnown(names []Mention) []Mention {
	d := a.d
	covered := make([]bool, len(d.toks))
	for _, m := range names {
		for i := a.tokenAt(m.Start); i >= 0 && i < len(d.toks) && d.toks[i].Start < m.End; i++ {
			covered[i] = true
		}
	}
	states := knowledge.States()
	var add []Mention
	for i := 0; i < len(d.toks); i++ {
		if covered[i] || !capitalized(d.words[i]) || d.shouting {
			continue
		}
		// Longest phrase of up to four uncovered tokens.
		for j := min(len(d.toks), i+4); j > i; j-- {
			if covered[j-1] || !capitalized(d.words[j-1]) && d.toks[j-1].Kind != text.Abbrev {
				continue
			}
			phrase := d.text[d.toks[i].Start:d.toks[j-1].End]
			if m, ok := states.Lookup(phrase); ok {
				add = append(add, Mention{Span: article.Span{Start: d.toks[i].Start, End: d.toks[j-1].End}, Kind: State, Form: Name, Entity: -1})
				_ = m
				i = j - 1
				break
			}
		}
	}
	if len(add) == 0 {
		return names
	}
	names = append(names, add...)
	sortMentions(names)
	return names
}

// propagate finds again, where the tagger missed them, the surnames of
// the people it found named in full: a surname opening a sentence
// ("Brandauer told reporters") looks to the tagger like any capitalized
// first word.
func (a *analyzer) propagate(names []Mention) []Mention {
	d := a.d
	surnames := map[string]bool{}
	covered := make([]bool, len(d.toks))
	for _, m := range names {
		from := a.tokenAt(m.Start)
		to := from
		for i := from; i >= 0 && i < len(d.toks) && d.toks[i].Start < m.End; i++ {
			covered[i] = true
			to = i
		}
		if m.Kind == Person && from >= 0 && to > from && d.toks[to].Kind == text.Word {
			surnames[d.words[to]] = true
		}
	}
	if len(surnames) == 0 {
		return names
	}
	var add []Mention
	for i, w := range d.words {
		if covered[i] || !surnames[w] {
			continue
		}
		// Not the first word of a longer capitalized run: "Keller Street".
		if i+1 < len(d.toks) && d.toks[i+1].Kind == text.Word && capitalized(d.words[i+1]) && d.toks[i+1].Start-d.toks[i].End <= 1 {
			continue
		}
		add = append(add, Mention{Span: d.toks[i].Span, Kind: Person, Form: Name, Entity: -1})
	}
	if len(add) == 0 {
		return names
	}
	names = append(names, add...)
	sortMentions(names)
	return names
}

// maxTitleWords bounds the words a title match reads.
const maxTitleWords = 6

// namesByRoles adds the people a role phrase points at that the tagger
// missed: the capitalized words right before ", the finance minister" or
// right after "finance minister" are a person's name.
func (a *analyzer) namesByRoles(names []Mention) []Mention {
	d := a.d
	covered := make([]bool, len(d.toks))
	for _, m := range names {
		for i := a.tokenAt(m.Start); i >= 0 && i < len(d.toks) && d.toks[i].Start < m.End; i++ {
			covered[i] = true
		}
	}
	nameTok := func(i int) bool {
		return i >= 0 && i < len(d.toks) && !covered[i] && d.toks[i].Kind == text.Word && capitalized(d.words[i]) && !d.shouting
	}
	var add []Mention
	for _, rp := range a.rolesFound {
		// Before: "Name, the role".
		if i := a.tokenAt(rp.span.Start); i >= 2 && d.words[i-1] == "," && nameTok(i-2) {
			j := i - 2
			for j > 0 && i-2-j < 3 && nameTok(j-1) && a.sent[j-1] == a.sent[i] {
				j--
			}
			add = append(add, Mention{Span: article.Span{Start: d.toks[j].Start, End: d.toks[i-2].End}, Kind: Person, Form: Name, Entity: -1})
			for k := j; k <= i-2; k++ {
				covered[k] = true
			}
		}
		// After: "role Name", not counting a title between them that
		// the name found already goes without ("Supreme Leader
		// Ayatollah Jane Doe").
		e := a.tokenEndingAt(rp.span.End)
		if e >= 0 && e+1 < len(d.toks) {
			if tm, ok := knowledge.Titles().Match(d.words[e+1 : min(len(d.words), e+1+maxTitleWords)]); ok && e+1+tm.Words < len(d.toks) && covered[e+1+tm.Words] {
				continue
			}
		}
		if e >= 0 && nameTok(e+1) && a.sent[e+1] == a.sent[e] {
			j := e + 1
			for j+1 < len(d.toks) && j-e < 3 && nameTok(j+1) && a.sent[j+1] == a.sent[e] {
				j++
			}
			add = append(add, Mention{Span: article.Span{Start: d.toks[e+1].Start, End: d.toks[j].End}, Kind: Person, Form: Name, Entity: -1})
			for k := e + 1; k <= j; k++ {
				covered[k] = true
			}
		}
	}
	if len(add) == 0 {
		return names
	}
	names = append(names, add...)
	sortMentions(names)
	return names
}

// Pronouns the resolver links to people (and "its" to organizations).
var personPronouns = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f',
}

func (a *analyzer) pronouns() []Mention {
	var out []Mention
	for i, l := range a.d.lower {
		if _, ok := personPronouns[l]; ok || l == "its" {
			k := Person
			if l == "its" {
				k = Organization
			}
			out = append(out, Mention{Span: a.d.toks[i].Span, Kind: k, Form: Pronoun, Entity: -1})
		}
	}
	return out
}

// rolePhrase is a role phrase found in the text, before resolution.
type rolePhrase struct {
	span    article.Span
	role    *knowledge.Role
	country string // ISO3 from a demonym or possessive modifier
	sector  knowledge.Sector
	def     bool // definite ("the chancellor", "Germany's chancellor")
}

// rolePhrases finds definite role phrases ("the German chancellor",
// "France's top diplomat", "White House press secretary") that do not
// overlap names. Indefinite ones ("a diplomat") refer to nobody named and
// are left to the quote stage.
func (a *analyzer) rolePhrases(names []Mention) []Mention {
	d := a.d
	roles := knowledge.Roles()
	inName := make([]bool, len(d.toks))
	for _, m := range names {
		for i := a.tokenAt(m.Start); i >= 0 && i < len(d.toks) && d.toks[i].Start < m.End; i++ {
			inName[i] = true
		}
	}
	// mayEnd[id] caches roles.MayEnd of the word numbered id: 0 unknown,
	// 1 yes, 2 no.
	mayEnd := make([]uint8, d.nWords)
	endsRole := func(i int) bool {
		id := d.wordID[i]
		if mayEnd[id] == 0 {
			mayEnd[id] = 2
			if roles.MayEnd(d.lower[i]) {
				mayEnd[id] = 1
			}
		}
		return mayEnd[id] == 1
	}
	var out []Mention
	for si, s := range d.sents {
		_ = si
		for i := s.from; i < s.to; i++ {
			if inName[i] || d.toks[i].Kind != text.Word {
				continue
			}
			// A role phrase ends here when the next token does not
			// continue it ("foreign minister" not "foreign").
			if i+1 < s.to && !inName[i+1] && endsRole(i+1) {
				if _, ok := roles.LookupWords(d.lower[i], d.lower[i+1]); ok {
					continue
				}
			}
			// No role ends in a word after white space that ends no
			// role's form.
			if !endsRole(i) && d.spaceBefore(i) && plainEnd(d.text[d.toks[i].Start:d.toks[i].End]) {
				continue
			}
			from := max(s.from, i-3)
			m, ok := roles.Suffix(d.text[d.toks[from].Start:d.toks[i].End])
			if !ok {
				continue
			}
			start := a.tokenAt(d.toks[from].Start + m.Start)
			if start < 0 {
				continue
			}
			rp := a.modifiers(start, s.from, m.Role)
			rp.span.End = d.toks[i].End
			if !rp.def {
				continue
			}
			a.rolesFound = append(a.rolesFound, rp)
			out = append(out, Mention{Span: rp.span, Kind: Person, Form: Role, Entity: -1})
		}
	}
	return out
}

// spaceBefore reports whether white space (and nothing else) comes
// right before token i.
func (d *docFeatures) spaceBefore(i int) bool {
	if i == 0 {
		return false
	}
	gap := d.text[d.toks[i-1].End:d.toks[i].Start]
	if gap == "" {
		return false
	}
	for k := 0; k < len(gap); k++ {
		switch gap[k] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// plainEnd reports whether the token w holds no white space and does not
// end in what RoleTable.Suffix trims: the whole token is then the last
// word Suffix reads.
func plainEnd(w string) bool {
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case ',', ';', ':', '.':
		return false
	}
	for k := 0; k < len(w); k++ {
		switch w[k] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			return false
		}
	}
	return true
}

// modifiers extends a role noun starting at token start leftwards over
// its modifiers: a demonym or state name ("German", "Germany's"), a
// metonym ("White House"), adjectives such as "top", "former", "senior",
// and the determiner that makes it definite.
func (a *analyzer) modifiers(start, from int, r *knowledge.Role) rolePhrase {
	d := a.d
	rp := rolePhrase{role: r, sector: r.Sector}
	i := start
	for i > from {
		j := i - 1
		w, l := d.words[j], d.lower[j]
		switch {
		case l == "the" || l == "this" || l == "that":
			rp.def = true
			i = j
			return rp.at(d, i, start)
		case l == "a" || l == "an" || l == "one" || l == "another":
			return rp.at(d, i, start)
		case l == "'s" && j > from:
			// "Germany's": a possessive name before the role.
			if sm, ok := knowledge.States().Lookup(d.text[d.toks[j-1].Start:d.toks[j-1].End]); ok {
				rp.country = sm.State.ISO3
			}
			rp.def = true
			i = j - 1
			// The possessor may be longer ("the United States'"): stop.
			return rp.at(d, i, start)
		case capitalized(w):
			if sm, ok := knowledge.States().Lookup(w); ok {
				rp.country = sm.State.ISO3
				if sm.Metonym != nil && rp.sector == "" {
					rp.sector = knowledge.SectorGovernment
				}
				rp.def = true // "German chancellor Olaf Scholz"
				i = j
				continue
			}
			// A two-word metonym: "White House press secretary".
			if j > from {
				if sm, ok := knowledge.States().Lookup(d.text[d.toks[j-1].Start:d.toks[j].End]); ok {
					rp.country = sm.State.ISO3
					rp.def = true
					i = j - 1
					continue
				}
			}
			return rp.at(d, i, start)
		case modifierWords[l]:
			i = j
			continue
		default:
			return rp.at(d, i, start)
		}
	}
	return rp.at(d, i, start)
}

func (rp rolePhrase) at(d *docFeatures, i, _ int) rolePhrase {
	rp.span.Start = d.toks[i].Start
	return rp
}

// modifierWords may stand between a determiner and a role noun.
var modifierWords = map[string]bool{
	"top": true, "former": true, "senior": true, "new": true, "current": true,
	"acting": true, "outgoing": true, "incoming": true, "then": true, "deputy": true,
	"chief": true, "late": true, "veteran": true, "longtime": true, "long-time": true,
}

var _ = strings.ToLower
