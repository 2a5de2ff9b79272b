package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
	"golang.org/x/text/unicode/norm"
)

func sortSlice(ms []Mention, cmp func(x, y Mention) int) { slices.SortStableFunc(ms, cmp) }

// resolve assigns every mention of a.doc to an entity, creating entities
// as needed, in text order: a name meets the entities named before it, a
// role phrase or pronoun the people mentioned just before it.
func (a *analyzer) resolve() {
	ms := a.doc.Mentions
	roleAt := map[int]int{} // role phrase start -> index in rolesFound
	for k, rp := range a.rolesFound {
		roleAt[rp.span.Start] = k
	}
	// A role phrase right before a person's name or in apposition to it
	// is that person's: remember which role mention belongs to which name.
	roleOf := map[int]int{} // role mention index -> name mention index
	for i := range ms {
		if ms[i].Form != Name || ms[i].Kind != Person {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if ms[j].Form == Role && (a.adjacent(ms[j].End, ms[i].Start, "") || a.adjacent(ms[j].End, ms[i].Start, ",") || a.titleBetween(ms[j].End, ms[i].Start)) {
				roleOf[j] = i
				break
			}
		}
		if i+1 < len(ms) && ms[i+1].Form == Role && a.adjacent(ms[i].End, ms[i+1].Start, ",") {
			roleOf[i+1] = i
		}
	}
	for i := range ms {
		m := &ms[i]
		switch m.Form {
		case Name:
			a.resolveName(i)
		case Role:
			if n, ok := roleOf[i]; ok {
				// Resolved with its name, which may come after it.
				if ms[n].Entity < 0 {
					a.resolveName(n)
				}
				m.Entity = ms[n].Entity
			} else {
				m.Entity = a.resolveRole(i, a.rolesFound[roleAt[m.Start]])
			}
			if m.Entity >= 0 {
				a.addRole(m.Entity, a.rolesFound[roleAt[m.Start]])
			}
		case Pronoun:
			m.Entity = a.resolvePronoun(i)
		}
		if m.Entity >= 0 {
			e := &a.doc.Entities[m.Entity]
			if len(e.Mentions) == 0 || e.Mentions[len(e.Mentions)-1] != i {
				e.Mentions = append(e.Mentions, i)
			}
		}
	}
}

// adjacent reports whether only white space and the given punctuation
// (at most once) stand between byte offsets end and start.
func (a *analyzer) adjacent(end, start int, punct string) bool {
	if start < end || start-end > 3 {
		return false
	}
	gap := strings.TrimSpace(a.d.text[end:start])
	if strings.ContainsRune(gap, '\n') {
		return false
	}
	return gap == "" || gap == punct
}

// titleBetween reports whether the text between byte offsets end and
// start is one title and white space ("Supreme Leader Ayatollah Jane
// Doe": the role, the title, the name).
func (a *analyzer) titleBetween(end, start int) bool {
	if start <= end || start-end > 40 {
		return false
	}
	gap := a.d.text[end:start]
	if strings.ContainsRune(gap, '\n') {
		return false
	}
	words := strings.Fields(gap)
	if len(words) == 0 {
		return false
	}
	tm, ok := knowledge.Titles().Match(words)
	return ok && tm.Words == len(words)
}

// nameWords splits a name into its words, without a possessive.
func nameWords(s string) []string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	return strings.Fields(s)
}

// key normalizes a name for matching: case, accents, punctuation and
// apostrophe styles do not count.
func key(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '.':
		default:
			space = true
		}
	}
	return b.String()
}

func (a *analyzer) newEntity(k Kind, name string) int {
	a.doc.Entities = append(a.doc.Entities, Entity{Kind: k, Name: name})
	return len(a.doc.Entities) - 1
}

func (a *analyzer) alias(e int, form string) {
	en := &a.doc.Entities[e]
	if form == en.Name || slices.Contains(en.Aliases, form) {
		return
	}
	en.Aliases = append(en.Aliases, form)
}

func (a *analyzer) resolveName(i int) {
	m := &a.doc.Mentions[i]
	if m.Entity >= 0 {
		return
	}
	surface := a.d.text[m.Start:m.End]
	name := strings.Join(nameWords(surface), " ")
	if name == "" {
		return
	}
	states := knowledge.States()
	if m.Kind == Person {
		// A one-word "person" that is a state's name or capital was a
		// tagger's slip ("Moscow said").
		sm, ok := states.Lookup(name)
		if !ok || len(nameWords(name)) > 1 || sm.Form == knowledge.FormDemonym {
			m.Entity = a.resolvePerson(i, name)
			return
		}
	}
	{
		{
			sm, ok := states.Lookup(name)
			if !ok && a.afterThe(m.Start) {
				// A state known by a name that takes the article, as
				// the text writes it: "the Islamic Republic", "the
				// States".
				sm, ok = states.Lookup("the " + name)
			}
			if ok {
				m.Kind = State
				k := "state:" + sm.State.ISO3
				e, ok := a.byKey[k]
				if !ok {
					e = a.newEntity(State, sm.State.Name)
					a.doc.Entities[e].Code = sm.State.ISO3
					a.byKey[k] = e
				}
				a.alias(e, name)
				m.Entity = e
				return
			}
		}
	}
	if m.Kind == Organization {
		if om, ok := knowledge.Orgs().Lookup(name); ok {
			k := "org:" + om.Org.ID
			e, ok := a.byKey[k]
			if !ok {
				e = a.newEntity(Organization, om.Org.Name)
				a.doc.Entities[e].Country, a.doc.Entities[e].Sector = om.Org.Country, string(om.Org.Sector)
				a.byKey[k] = e
			}
			a.alias(e, name)
			m.Entity = e
			return
		}
	}
	k := m.Kind.String() + ":" + key(name)
	if e, ok := a.byKey[k]; ok {
		a.alias(e, name)
		m.Entity = e
		return
	}
	// An acronym of an organization named before ("IRGC" after "Islamic
	// Revolutionary Guard Corps"), or a name whose acronym came first.
	if m.Kind == Organization {
		if e, ok := a.byKey["acronym:"+key(name)]; ok {
			a.alias(e, name)
			a.byKey[k] = e
			m.Entity = e
			return
		}
	}
	e := a.newEntity(m.Kind, name)
	a.byKey[k] = e
	if m.Kind == Organization {
		if ac := acronym(name); ac != "" {
			if _, taken := a.byKey["acronym:"+key(ac)]; !taken {
				a.byKey["acronym:"+key(ac)] = e
			}
		}
	}
	m.Entity = e
}

// acronym gives the initials of a name of several capitalized words
// ("Islamic Revolutionary Guard Corps" -> "IRGC"), or "".
func acronym(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// resolvePerson links a person's name to the person named before that it
// can only be: the same full name, the same first and last names, or, for
// a single word, the person whose surname (or given name) it is. Two
// people sharing the surname make a single word ambiguous: it goes to the
// one mentioned last.
func (a *analyzer) resolvePerson(i int, name string) int {
	m := &a.doc.Mentions[i]
	ws := nameWords(name)
	title, gender := a.titleBefore(m.Start)
	k := "person:" + key(name)
	if e, ok := a.byKey[k]; ok {
		a.personSeen(e, name, title, gender)
		return e
	}
	last := key(ws[len(ws)-1])
	if len(ws) == 1 {
		// The most recently mentioned person with this surname.
		best, bestAt := -1, -1
		for _, e := range a.bySurname[last] {
			en := &a.doc.Entities[e]
			if len(en.Mentions) == 0 {
				continue
			}
			if at := en.Mentions[len(en.Mentions)-1]; at > bestAt {
				best, bestAt = e, at
			}
		}
		if best >= 0 {
			a.personSeen(best, name, title, gender)
			return best
		}
		if e, ok := a.single[last]; ok {
			a.personSeen(e, name, title, gender)
			return e
		}
		e := a.newEntity(Person, name)
		a.byKey[k] = e
		a.single[last] = e
		a.personSeen(e, name, title, gender)
		return e
	}
	if e, ok := a.single[last]; ok {
		// The surname came first; the full name now takes over.
		en := &a.doc.Entities[e]
		old := en.Name
		en.Name = name
		a.alias(e, old)
		a.byKey[k] = e
		delete(a.single, last)
		a.bySurname[last] = append(a.bySurname[last], e)
		a.personSeen(e, name, title, gender)
		return e
	}
	first := key(ws[0])
	for _, e := range a.bySurname[last] {
		en := &a.doc.Entities[e]
		nw := nameWords(en.Name)
		if key(nw[0]) == first {
			// "Donald J. Trump" and "Donald Trump".
			if len(ws) > len(nw) {
				old := en.Name
				en.Name = name
				a.alias(e, old)
			}
			a.byKey[k] = e
			a.personSeen(e, name, title, gender)
			return e
		}
	}
	e := a.newEntity(Person, name)
	a.byKey[k] = e
	a.bySurname[last] = append(a.bySurname[last], e)
	a.personSeen(e, name, title, gender)
	return e
}

func (a *analyzer) personSeen(e int, name, title string, gender byte) {
	a.alias(e, name)
	en := &a.doc.Entities[e]
	if title != "" {
		if !slices.Contains(en.Titles, title) {
			en.Titles = append(en.Titles, title)
		}
		a.alias(e, title+" "+name)
	}
	if gender != 0 && a.gender[e] == 0 {
		a.gender[e] = gender
	}
}

// titleBefore finds a title right before byte offset start ("President",
// "Rear Adm.", "Ayatollah"), and the gender it implies.
func (a *analyzer) titleBefore(start int) (string, byte) {
	j := a.tokenAt(start)
	if j <= 0 {
		return "", 0
	}
	titles := knowledge.Titles()
	var words [4]string
	for k := min(4, j); k >= 1; k-- {
		from := j - k
		if a.sent[from] != a.sent[j] {
			continue
		}
		for x := 0; x < k; x++ {
			words[x] = a.d.words[from+x]
		}
		tm, ok := titles.Match(words[:k])
		if !ok || tm.Words != k {
			continue
		}
		title := a.d.text[a.d.toks[from].Start:a.d.toks[j-1].End]
		return title, titleGender(tm.Title.Canonical)
	}
	return "", 0
}

func titleGender(t string) byte {
	switch strings.ToLower(strings.TrimSuffix(t, ".")) {
	case "mr", "mister", "sir", "lord", "king", "prince", "duke", "sheikh", "emperor":
		return 'm'
	case "mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess", "sheikha", "empress":
		return 'f'
	}
	return 0
}

// resolveRole links a definite role phrase standing alone ("the
// chancellor said") to the person who was given that role before, or
// leaves it unresolved.
func (a *analyzer) resolveRole(i int, rp rolePhrase) int {
	best, bestAt := -1, -1
	for e := range a.doc.Entities {
		en := &a.doc.Entities[e]
		if en.Kind != Person || len(en.Mentions) == 0 {
			continue
		}
		match := false
		for _, r := range en.Roles {
			if r.Role == rp.role.Name && (rp.country == "" || r.Country == "" || r.Country == rp.country) {
				match = true
			}
		}
		if !match {
			continue
		}
		if at := en.Mentions[len(en.Mentions)-1]; at > bestAt && at < i {
			best, bestAt = e, at
		}
	}
	return best
}

func (a *analyzer) addRole(e int, rp rolePhrase) {
	en := &a.doc.Entities[e]
	r := EntityRole{
		Text:    a.d.text[rp.span.Start:rp.span.End],
		Span:    rp.span,
		Role:    rp.role.Name,
		Country: rp.country,
		Sector:  string(rp.sector),
	}
	for _, old := range en.Roles {
		if old.Span == r.Span {
			return
		}
	}
	en.Roles = append(en.Roles, r)
	// A role phrase that ends in a title gives the person the title:
	// "Iran's Supreme Leader" → "Supreme Leader".
	if en.Kind == Person {
		words := strings.Fields(r.Text)
		for k := range words {
			if tm, ok := knowledge.Titles().Match(words[k:]); ok && tm.Words == len(words)-k {
				if t := strings.Join(words[k:], " "); !slices.Contains(en.Titles, t) {
					en.Titles = append(en.Titles, t)
				}
				break
			}
		}
	}
	if en.Country == "" {
		en.Country = r.Country
	}
	if en.Sector == "" {
		en.Sector = r.Sector
	}
}

// resolvePronoun links he/she (and forms) to the person mentioned last
// in this or the two sentences before whose gender does not clash, and
// "its" to the organization mentioned last in this or the previous
// sentence.
func (a *analyzer) resolvePronoun(i int) int {
	ms := a.doc.Mentions
	m := ms[i]
	ti := a.tokenAt(m.Start)
	if ti < 0 {
		return -1
	}
	s := a.sent[ti]
	g := personPronouns[a.d.lower[ti]]
	window := 2
	if m.Kind == Organization {
		window = 1
	}
	for j := i - 1; j >= 0; j-- {
		c := ms[j]
		if c.Entity < 0 {
			continue
		}
		cj := a.tokenAt(c.Start)
		if cj >= 0 && s-a.sent[cj] > window {
			break
		}
		e := c.Entity
		en := &a.doc.Entities[e]
		if en.Kind != m.Kind && !(m.Kind == Organization && en.Kind == State) {
			continue
		}
		if m.Kind == Person {
			if eg := a.gender[e]; eg != 0 && eg != g {
				continue
			}
			if a.gender[e] == 0 {
				a.gender[e] = g
			}
		}
		return e
	}
	return -1
}

// EntityRole is a role an article gives a person, with its evidence.
type EntityRole struct {
	Text    string       `json:"text"`    // as written: "the German chancellor"
	Span    article.Span `json:"span"`    // where
	Role    string       `json:"role"`    // normalized: "head_of_government"
	Country string       `json:"country"` // ISO3 of the state it serves, or ""
	Sector  string       `json:"sector"`  // government, military, party, media...
}

var _ = text.Word

// afterThe reports whether the text before offset off ends with the word
// "the" (any case).
func (a *analyzer) afterThe(off int) bool {
	t := strings.TrimRight(a.d.text[:off], " ")
	return len(t) >= 3 && strings.EqualFold(t[len(t)-3:], "the") && (len(t) == 3 || !unicode.IsLetter(rune(t[len(t)-4])))
}
