package entity

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// nerModel is the tagger's model, trained by TestTrain (see train_test.go
// for the data it was trained on and their licences).
//
//go:embed data/ner.model
var nerModel []byte

var defaultModel = sync.OnceValue(func() *model {
	m, err := readModel(nerModel)
	if err != nil {
		if len(nerModel) == 0 {
			return newModel()
		}
		panic(err) // the embedded model is part of the build
	}
	return m
})

// Recognize returns the named mentions of text (Form Name), in text
// order, without coreference: the entity-recognition stage alone. Names
// follow the CoNLL conventions: a leading "the", a title before a
// person's name and a possessive "'s" are not part of the mention.
func Recognize(text string) []Mention {
	return recognize(newDocFeatures(text), defaultModel())
}

func recognize(d *docFeatures, m *model) []Mention {
	labels := d.tag(m)
	d.release()
	rs := spans(labels)
	// Names follow the CoNLL conventions whatever the tagger learnt: no
	// possessive, no leading article, no edge punctuation.
	j := 0
	for _, r := range rs {
		for r.to > r.from && (d.lower[r.to-1] == "'s" || d.lower[r.to-1] == "'" || edgeJunk(d.toks[r.to-1].Kind)) {
			r.to--
		}
		for r.to > r.from && (d.lower[r.from] == "the" || edgeJunk(d.toks[r.from].Kind)) {
			r.from++
		}
		r = d.stripTitle(r)
		if r.to > r.from && d.headline(r) {
			continue
		}
		// A generational suffix is part of a person's name ("William
		// Clay Ford Jr.").
		if r.to > r.from && r.typ == typPER && r.to < len(d.toks) && nameSuffix(d.words[r.to]) && d.toks[r.to].Start-d.toks[r.to-1].End <= 1 {
			r.to++
		}
		// So are the particles of a person's name and the capitalized
		// word after one ("Osama bin Laden", "Alexandra zu
		// Schaumburg-Lippe"), which a tagger of capitalized words cuts.
		if r.to > r.from && r.typ == typPER {
			for r.to+1 < len(d.toks) && nameParticles[d.words[r.to]] && capitalized(d.words[r.to+1]) && d.toks[r.to+1].Kind == text.Word && d.toks[r.to+1].Start-d.toks[r.to-1].End <= 2+len(d.words[r.to]) {
				r.to += 2
			}
			if r.from > 0 && arabicParticles[d.words[r.from-1]] && d.toks[r.from].Start-d.toks[r.from-1].End == 1 {
				r.from--
				if r.from > 0 && d.toks[r.from-1].Kind == text.Word && capitalized(d.words[r.from-1]) && !d.sentStart(r.from) && d.toks[r.from].Start-d.toks[r.from-1].End == 1 {
					r.from--
				}
			}
		}

		if r.to > r.from {
			rs[j] = r
			j++
		}
	}
	rs = rs[:j]
	rs = d.repeatNames(rs)
	rs = slices.DeleteFunc(rs, d.notName)
	d.retype(rs)
	d.companyNames(rs)
	d.surnames(rs)
	// One name, one type within a text: the type the tagger gave most of
	// its occurrences (ties go to the first).
	votes := map[string]*[tagTypes]int{}
	for _, r := range rs {
		k := d.text[d.toks[r.from].Start:d.toks[r.to-1].End]
		v := votes[k]
		if v == nil {
			v = new([tagTypes]int)
			votes[k] = v
		}
		v[r.typ]++
	}
	var out []Mention
	for _, r := range rs {
		sp := article.Span{Start: d.toks[r.from].Start, End: d.toks[r.to-1].End}
		name := d.text[sp.Start:sp.End]
		typ := r.typ
		if v := votes[name]; v[typ]*2 < v[0]+v[1]+v[2]+v[3] {
			for t := range v {
				if v[t] > v[typ] {
					typ = t
				}
			}
		}
		out = append(out, Mention{Span: sp, Kind: kindOf(typ, name), Form: Name, Entity: -1})
	}
	return out
}

// notName reports whether r is no name whatever the tagger or the
// knowledge base says: a country code before a currency sign ("US$ 5
// billion", "AU$"), an era after a year ("321 BC", "AD 70").
func (d *docFeatures) notName(r typedRange) bool {
	if r.to < len(d.toks) && d.words[r.to] == "$" && d.toks[r.to].Start == d.toks[r.to-1].End {
		return true
	}
	if r.to-r.from == 1 {
		switch d.words[r.from] {
		case "BC", "AD", "BCE", "CE", "B.C.", "A.D.", "B.C.E.", "C.E.":
			return r.from > 0 && d.toks[r.from-1].Kind == text.Number || r.from+1 < len(d.toks) && d.toks[r.from+1].Kind == text.Number
		}
	}
	return false
}

// retype corrects the type of names whose words tell it whatever the
// tagger chose. A name headed by a word for a built place (its last word,
// or the word before "of") is a location ("Suvarnabhumi Airport",
// "Castlefrank Road", "Museum of Flight"), as CoNLL-2003, GUM and
// MEANTIME have it, and so is one headed by a word for a polity or a
// natural place ("Kingdom of Castile", "Atlantic Ocean"); so is a state named by its name ("Belgium", "South
// Korea") or a city or region of two words or more that the knowledge base
// knows and no organization bears ("Western Australia"), which the tagger
// may take for a team, a government or a person ("La Paz"). A name
// ending in a company's legal form or a word for a company or a body is
// an organization ("Chrysler LLC", "Xiamen Airlines", "Labour Party"), as
// is a name of no scored type that the knowledge base knows as an
// organization or a news outlet ("the Sydney Morning Herald"); a name
// right after an honorific is a person ("Mr. Lee Hsien Loong").
func (d *docFeatures) retype(rs []typedRange) {
	states, outlets := knowledge.States(), knowledge.Outlets()
	for i, r := range rs {
		last := d.words[r.to-1]
		// In "Museum of Flight" the word before "of" ("for") heads the
		// name.
		for k := r.from + 1; k < r.to-1; k++ {
			if d.lower[k] == "of" || d.lower[k] == "for" {
				last = d.words[k-1]
				break
			}
		}
		switch {
		case r.to-r.from >= 2 && (placeHeads[strings.ToLower(last)] || landHeads[last]):
			rs[i].typ = typLOC
		case r.to-r.from >= 2 && orgHeads[last]:
			rs[i].typ = typORG
		case r.from > 0 && honorifics[d.words[r.from-1]] && d.toks[r.from].Start-d.toks[r.from-1].End == 1:
			rs[i].typ = typPER
		case r.typ == typPER && r.to-r.from >= 2 && len(knowledge.LookupPlace(d.text[d.toks[r.from].Start:d.toks[r.to-1].End])) > 0:
			rs[i].typ = typLOC
		case r.typ == typMISC:
			// The knowledge base's organizations and news outlets are
			// organizations ("the Sydney Morning Herald"), whatever
			// else a name of their shape may be.
			if _, ok := outlets.Lookup(d.text[d.toks[r.from].Start:d.toks[r.to-1].End]); ok || d.knownOrg(r.from, r.to) {
				rs[i].typ = typORG
			}
		case r.typ == typORG:
			name := d.text[d.toks[r.from].Start:d.toks[r.to-1].End]
			if m, ok := states.Lookup(name); ok && (m.Form == knowledge.FormName || m.Form == knowledge.FormFormal) {
				rs[i].typ = typLOC
			} else if r.to-r.from >= 2 && len(knowledge.LookupPlace(name)) > 0 && !d.knownOrg(r.from, r.to) {
				rs[i].typ = typLOC
			}
		}
	}
}

// orgHeads are the last words of organizations' names: companies' legal
// forms and words for a company, a party, a body, as written.
var orgHeads = map[string]bool{
	"Inc.": true, "Inc": true, "Corp.": true, "Corp": true, "Corporation": true, "LLC": true, "Ltd.": true,
	"Ltd": true, "PLC": true, "plc": true, "AG": true, "GmbH": true, "SpA": true, "S.p.A.": true, "NV": true,
	"N.V.": true, "B.V.": true, "S.A.": true, "SE": true, "Airlines": true, "Airways": true, "Motors": true,
	"Bancorp": true, "Holdings": true, "Group": true, "Company": true, "Co.": true, "Agency": true,
	"Party": true, "Council": true, "Committee": true, "Commission": true, "Ministry": true,
	"Department": true, "Association": true, "Institute": true, "University": true, "Foundation": true,
	"Society": true, "League": true, "Alliance": true, "Assembly": true, "Parliament": true, "Army": true,
	"Navy": true, "Front": true, "Movement": true, "Coalition": true, "Federation": true, "Congress": true,
	"Cabinet": true, "Court": true, "Senate": true, "Bureau": true, "Office": true, "Police": true,
	"Corps": true, "Order": true, "Congregation": true, "Bank": true, "Fund": true, "Network": true,
}

// honorifics are the titles of address before a person's name.
var honorifics = map[string]bool{
	"Mr.": true, "Mr": true, "Mrs.": true, "Mrs": true, "Ms.": true, "Ms": true, "Dr.": true, "Dr": true,
	"Miss": true, "Mx.": true,
}

// placeHeads are the last words of names of built places.
var placeHeads = map[string]bool{
	"airport": true, "stadium": true, "street": true, "road": true, "avenue": true, "boulevard": true,
	"square": true, "bridge": true, "tower": true, "palace": true, "castle": true, "cathedral": true,
	"mall": true, "highway": true, "motorway": true, "freeway": true, "lane": true, "museum": true,
	"planetarium": true, "arena": true, "theater": true,
}

// landHeads are the last words of names of polities and natural places,
// as written ("Kingdom of León", "Second Polish Republic", "Atlantic
// Ocean").
var landHeads = map[string]bool{
	"Kingdom": true, "Duchy": true, "County": true, "Principality": true, "Empire": true, "Republic": true,
	"Emirate": true, "Sultanate": true, "Caliphate": true, "Khanate": true, "Province": true, "Prefecture": true,
	"Peninsula": true, "Island": true, "Islands": true, "Mountains": true, "River": true, "Lake": true,
	"Sea": true, "Ocean": true, "Valley": true, "Desert": true, "Bay": true, "Gulf": true, "Coast": true,
}

// nameParticles join the parts of a person's name; arabicParticles may
// also begin the part of the name used alone ("bin Laden").
var (
	nameParticles   = map[string]bool{"bin": true, "ibn": true, "zu": true, "von": true, "van": true, "de": true, "da": true, "del": true, "della": true, "di": true, "dos": true, "das": true, "du": true, "der": true, "den": true, "ter": true}
	arabicParticles = map[string]bool{"bin": true, "ibn": true, "bint": true}
)

// nameSuffix reports whether w is a generational suffix of a person's
// name.
func nameSuffix(w string) bool {
	switch w {
	case "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV":
		return true
	}
	return false
}

// kindOf maps a tagger type to a Kind; a location is a state when the
// knowledge base knows it as one.
func kindOf(typ int, name string) Kind {
	switch typ {
	case typPER:
		return Person
	case typORG:
		return Organization
	case typLOC:
		if _, ok := knowledge.States().Lookup(name); ok {
			return State
		}
		return Place
	}
	return Other
}

func edgeJunk(k text.TokenKind) bool {
	return k == text.Punct || k == text.Quote || k == text.Symbol
}

// stripTitle takes the titles and role words off the front of a name
// ("Grand Ayatollah Reza Tabrizi", "Chilean Defense Minister Ana
// Morales", "Rear Adm. Jane Doe"): what is left is a
// person's name. The words taken must leave at least one capitalized word.
func (d *docFeatures) stripTitle(r typedRange) typedRange {
	titles, roles, states := knowledge.Titles(), knowledge.Roles(), knowledge.States()
	// A known organization keeps its name: "General Motors" is no
	// general.
	if r.typ != typPER && d.knownOrg(r.from, r.to) {
		return r
	}
	stripped := false
	// A title inside the range before a given name: what comes before it
	// is the end of a longer title or role the tagger cut ("[Chief of]
	// Staff Lt. Gen. Jane Doe").
	for k := r.from + 1; k < r.to-1; k++ {
		if tm, ok := titles.Match(d.words[k:r.to]); ok && k+tm.Words < r.to {
			// An abbreviated rank ("Lt. Gen.", "Rear Adm.") is a title
			// whatever follows; a full word ("General") only before a
			// known given name.
			given, _ := knowledge.GivenName(d.words[k+tm.Words])
			abbrev := strings.HasSuffix(d.words[k+tm.Words-1], ".") && r.to-(k+tm.Words) >= 2
			if given || abbrev {
				r.from = k
				break
			}
		}
	}
	for r.to-r.from > 1 {
		if tm, ok := titles.Match(d.words[r.from:r.to]); ok && tm.Words < r.to-r.from {
			r.from += tm.Words
			stripped = true
			continue
		}
		// A role of up to four words, possibly after a demonym or state.
		from := r.from
		if sm, ok := states.Lookup(d.words[from]); ok && (sm.Form == knowledge.FormDemonym || sm.Form == knowledge.FormMetonym || sm.Form == knowledge.FormName) {
			from++
		}
		n := 0
		for k := min(4, r.to-from-1); k >= 1; k-- {
			if _, ok := roles.LookupWords(d.lower[from : from+k]...); ok {
				n = k
				break
			}
		}
		if n == 0 {
			break
		}
		r.from = from + n
		stripped = true
	}
	if stripped && r.to > r.from && capitalized(d.words[r.from]) {
		r.typ = typPER
	}
	return r
}

// knownOrg reports whether tokens [from, to) are the name of an
// organization the knowledge base or the tagger's list of organizations
// knows.
func (d *docFeatures) knownOrg(from, to int) bool {
	if _, ok := knowledge.Orgs().Lookup(d.text[d.toks[from].Start:d.toks[to-1].End]); ok {
		return true
	}
	return orgNames()[orgKey(d.lower[from:to])]
}

// headline reports whether r lies in a line set in title case (a
// headline, "Putin Urges Iran to Exercise Restraint") and is not a name
// the text uses elsewhere or the knowledge base knows: there, capitals
// say nothing and the tagger over-reaches.
func (d *docFeatures) headline(r typedRange) bool {
	d.lines()
	if !d.lineTitle[d.lineOf[r.from]] {
		return false
	}
	name := d.text[d.toks[r.from].Start:d.toks[r.to-1].End]
	if _, ok := knowledge.States().Lookup(name); ok {
		return false
	}
	if _, ok := knowledge.Orgs().Lookup(name); ok {
		return false
	}
	// Used elsewhere in the text, outside title-case lines.
	n := r.to - r.from
	d.wordIndex()
	for _, i := range d.wordAt[d.words[r.from]] {
		if i == r.from || i+n > len(d.toks) || d.lineTitle[d.lineOf[i]] {
			continue
		}
		if d.text[d.toks[i].Start:d.toks[i+n-1].End] == name {
			return false
		}
	}
	return true
}

// lines computes, once, the line of every token, whether each line is
// set in title case (most words of four letters or more capitalized, no
// final period, at most 25 words).
func (d *docFeatures) lines() {
	if d.lineOf != nil {
		return
	}
	d.lineOf = make([]int32, len(d.toks))
	line, lineStart := int32(0), 0
	flush := func(end int) {
		d.lineTitle = append(d.lineTitle, titleCaseLine(strings.TrimSpace(d.text[lineStart:end])))
	}
	prevEnd := 0
	for i, tk := range d.toks {
		gap := d.text[prevEnd:tk.Start]
		prevEnd = tk.End
		if nl := strings.IndexByte(gap, '\n'); nl >= 0 {
			flush(tk.Start - len(gap) + nl)
			lineStart = tk.Start - len(gap) + strings.LastIndexByte(gap, '\n') + 1
			line++
			for len(d.lineTitle) < int(line) {
				d.lineTitle = append(d.lineTitle, false)
			}
		}
		d.lineOf[i] = line
	}
	flush(len(d.text))
}

// wordIndex indexes, once, the tokens of every word. Only a name on a
// title-case line needs it, so most texts never pay for it.
func (d *docFeatures) wordIndex() {
	if d.wordAt != nil {
		return
	}
	d.wordAt = map[string][]int{}
	for i, tk := range d.toks {
		if tk.Kind == text.Word {
			d.wordAt[d.words[i]] = append(d.wordAt[d.words[i]], i)
		}
	}
}

func titleCaseLine(line string) bool {
	if strings.HasSuffix(line, ".") {
		return false
	}
	caps, words, all := 0, 0, 0
	for _, w := range strings.Fields(line) {
		all++
		if all > 25 {
			return false
		}
		if len(w) < 4 {
			continue
		}
		words++
		if capitalized(w) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*8
}

// repeatNames adds the occurrences of names the tagger found elsewhere in
// the text but missed here (the tagger sees one sentence at a time:
// "Ryanair" after "Ryanair's shares" in one sentence and alone in the
// next), the second pass of document-level consistency, and the surnames
// of the people it found. Only a name of
// capitalized words counts, and an occurrence must not touch a span
// already found or be followed or preceded by another capitalized word
// (then it is part of a longer name), but for a title. Last, it adds the
// organizations the knowledge base knows by the exact words of the text
// (names and aliases, not ambiguous acronyms) that the tagger left out.
func (d *docFeatures) repeatNames(rs []typedRange) []typedRange {
	if d.shouting {
		return rs
	}
	covered := make([]bool, len(d.toks))
	for _, r := range rs {
		for i := r.from; i < r.to; i++ {
			covered[i] = true
		}
	}
	// The names found, by first word: their words and type.
	type name struct {
		words []string
		typ   int
	}
	names := map[string][]name{}
	add := func(words []string, typ int) {
		for _, nm := range names[words[0]] {
			if slices.Equal(nm.words, words) {
				return
			}
		}
		names[words[0]] = append(names[words[0]], name{words, typ})
	}
	for _, r := range rs {
		if capitalized(d.words[r.from]) && capitalized(d.words[r.to-1]) {
			add(d.words[r.from:r.to], r.typ)
		}
	}
	// A person's surname alone names them later ("said Angers").
	for _, r := range rs {
		if last := d.words[r.to-1]; r.typ == typPER && r.to-r.from >= 2 && capitalized(last) && len(last) > 2 {
			add(d.words[r.to-1:r.to], typPER)
		}
	}
	n0 := len(rs)
	for i := 0; i < len(d.toks); i++ {
		if covered[i] || d.toks[i].Kind != text.Word {
			continue
		}
		cands := names[d.words[i]]
		if cands == nil {
			continue
		}
		if i > 0 && (d.toks[i-1].Kind == text.Word || d.toks[i-1].Kind == text.Abbrev) && capitalized(d.words[i-1]) && !d.sentStart(i) && !d.titleBefore(i) {
			continue
		}
	next:
		for _, nm := range cands {
			end := i + len(nm.words)
			if end > len(d.toks) || !slices.Equal(d.words[i:end], nm.words) {
				continue
			}
			for t := i; t < end; t++ {
				if covered[t] {
					continue next
				}
			}
			if end < len(d.toks) && d.toks[end].Kind == text.Word && capitalized(d.words[end]) {
				continue
			}
			for t := i; t < end; t++ {
				covered[t] = true
			}
			rs = append(rs, typedRange{i, end, nm.typ})
			break
		}
	}
	// Organizations the knowledge base knows by this exact name.
	orgs := knowledge.Orgs()
	for i := 0; i < len(d.toks); i++ {
		if covered[i] || d.toks[i].Kind != text.Word || !capitalized(d.words[i]) || d.lower[i] == "the" {
			continue
		}
		if i > 0 && d.toks[i-1].Kind == text.Word && capitalized(d.words[i-1]) && d.lower[i-1] != "the" && !d.sentStart(i) {
			continue
		}
		end := i
		for end < len(d.toks) && end-i < maxPhrase && !covered[end] && phraseToken(d, end, i) {
			end++
		}
		for j := end; j > i; j-- {
			if d.toks[j-1].Kind != text.Word && d.toks[j-1].Kind != text.Abbrev || !capitalized(d.words[j-1]) {
				continue
			}
			if j < len(d.toks) && d.toks[j].Kind == text.Word && capitalized(d.words[j]) {
				continue
			}
			if m, ok := orgs.Lookup(d.text[d.toks[i].Start:d.toks[j-1].End]); ok && m.Org != nil {
				for t := i; t < j; t++ {
					covered[t] = true
				}
				rs = append(rs, typedRange{i, j, typORG})
				i = j - 1
				break
			}
		}
	}
	if len(rs) > n0 {
		sort.Slice(rs, func(a, b int) bool { return rs[a].from < rs[b].from })
	}
	return rs
}

// companyNames retypes as organizations the names tagged as people that
// begin an organization's longer name in the same text ("Chrysler" beside
// "Chrysler Group", "Aer Lingus" beside "Aer Lingus Group"): companies
// named after their founders read like surnames. A name that also ends a
// longer person's name there ("Ford" beside "William Clay Ford") stays a
// person.
func (d *docFeatures) companyNames(rs []typedRange) {
	key := func(from, to int) string { return strings.Join(d.words[from:to], " ") }
	orgPrefix := map[string]bool{} // the proper prefixes of organizations' names
	inPerson := map[string]bool{}  // the proper suffixes of people's names
	for _, r := range rs {
		for k := r.from + 1; k < r.to; k++ {
			switch r.typ {
			case typORG:
				orgPrefix[key(r.from, k)] = true
			case typPER:
				inPerson[key(k, r.to)] = true
				if k < r.to-1 {
					inPerson[key(k, r.to-1)] = true // "William Clay Ford Jr."
				}
			}
		}
	}
	for i, r := range rs {
		if r.typ != typPER {
			continue
		}
		if k := key(r.from, r.to); orgPrefix[k] && !inPerson[k] {
			rs[i].typ = typORG
		}
	}
}

// surnames retypes as people the one-word names that end a longer
// person's name in the same text ("Dewar" after "Paul Dewar"), unless the
// word also names an organization or a place ("Ford", "Washington").
func (d *docFeatures) surnames(rs []typedRange) {
	last := map[string]bool{}
	for _, r := range rs {
		if r.typ == typPER && r.to-r.from >= 2 {
			last[d.words[r.to-1]] = true
		}
	}
	for i, r := range rs {
		if r.typ == typPER || r.to-r.from != 1 || !last[d.words[r.from]] {
			continue
		}
		w := d.words[r.from]
		if d.knownOrg(r.from, r.to) || len(knowledge.LookupPlace(w)) > 0 {
			continue
		}
		if _, ok := knowledge.States().Lookup(w); ok {
			continue
		}
		rs[i].typ = typPER
	}
}

// titleBefore says whether a title ends right before token i ("Ms",
// "Gen."), which does not make a longer name of the one at i.
func (d *docFeatures) titleBefore(i int) bool {
	for k := max(i-3, 0); k < i; k++ {
		if m, ok := knowledge.Titles().Match(d.words[k:i]); ok && m.Words == i-k {
			return true
		}
	}
	return false
}

// sentStart says whether token i begins a sentence.
func (d *docFeatures) sentStart(i int) bool {
	k := sort.Search(len(d.sents), func(k int) bool { return d.sents[k].to > i })
	return k < len(d.sents) && d.sents[k].from == i
}
