// Package ner reads named-entity gold standards as documents with
// character spans over a rebuilt text, so that parallax's entity
// recognizer can be scored on them with one scorer. Every reader maps its
// dataset's labels onto three scored types, "person", "organization" and
// "location"; names of other types become Ignore spans, which a scorer
// neither rewards nor penalizes.
//
// The gold follows the conventions of the recognizer (CoNLL-2003 style): a
// name span leaves out a leading "the", a trailing possessive "'s" and the
// titles before a person's name ("President", "Mr.", "Gen.", "MP"); states
// ("United States"), regions and cities are locations.
//
// # CrossNER (politics) and WNUT-17
//
// Both are token<TAB>BIO files, one sentence a Doc, tokens joined by one
// space. CrossNER: politician, person -> person; organisation,
// politicalparty -> organization; country, location -> location; election,
// event, misc -> Ignore. WNUT-17: person -> person; group, corporation ->
// organization; location -> location; product, creative-work -> Ignore.
// An I- tag that does not continue a mention of its type starts one
// (conlleval). The split is read from the file name (dev.txt ->
// "dev", emerging.test.annotated -> "test"). CrossNER test (651
// sentences): person 839, organization 1466, location 1017; dev (541
// sentences, for tuning the recognizer): person 697, organization 1484,
// location 394. WNUT-17 test (1287 sentences, social media, a robustness
// check only): person 429, organization 231, location 150.
//
// # GUM
//
// GUM (news and interview documents) annotates every entity mention, named
// or not, with a type (person, organization, place, event, object,
// abstract, time, ...). A mention is named when its syntactic head (the
// word of the mention whose head lies outside it) is a proper noun (UPOS
// PROPN). Its gold span is the name around the head: the longest run of
// name words (PROPN, or a capitalized ADJ, NOUN, VERB, NUM, X word) with
// the connectors of, for, &, de, von, van, der and "-" between name words,
// within the mention. So a leading determiner, a trailing "'s" and
// descriptions ("academic Simon Ličen", "Rick Santorum himself") are left
// out; title words are then stripped from the front of a person's name.
// A person mention headed by a title noun with the name right after it
// ("spokesperson Julie Hahn", where UD makes the name a flat dependent of
// the noun) is named, and its name is what follows the noun; the words of
// a mention of another type nested before a person's name ("NASA" in "NASA
// Administrator Charles Bolden", "Washington" in "Governor of Washington
// Chris Gregoire") say whose title it is and are left out.
// person -> person, organization -> organization, place -> location
// (GUM's place takes in buildings and facilities, "Kennedy Space Center",
// "Museum of Flight", as CoNLL-2003's LOC and MEANTIME's LOC do). A
// person mention headed by a plural proper noun (NNPS: "Americans",
// "Libertarians") is a group, not a name, and is ignored, as is a person
// name of title words only ("President"). Named mentions of the other
// types, except time (weekdays and months are no entity), are ignored.
// When two mentions give the same span, the first (outermost) wins. The
// split (train, dev, test) is read from original/splits.md.
//
// Counts on the shared snapshot (43 documents): person 674, organization
// 600, location 509 gold mentions. Held-out (dev+test,
// 8 documents): person 101, organization 84, location 123. The 35 train
// documents are for tuning the recognizer (GUM(dir), Split == "train").
//
// # MEANTIME
//
// MEANTIME (English Wikinews, CAT XML) marks entity mentions with a
// syntactic type: NAM (a noun phrase headed by a name), PRE.NAM (a name
// premodifying a noun: "US" in "US airtanker"), NOM, PRO, APP, CONJ, ...;
// a REFERS_TO relation ties a mention to an ENTITY whose ent_type is PER,
// ORG, LOC, PRO (product), FIN (financial) or MIX. Gold are the NAM and
// PRE.NAM mentions of PER, ORG and LOC entities, mapped to person,
// organization, location; NAM and PRE.NAM mentions of other or no
// entities are ignored. A NAM span is the whole noun phrase ("European
// airframer Airbus", "the United Kingdom's Royal Air Force (RAF",
// "Seattle, Washington, in the United States"), so the gold span is cut
// down to the name: the phrase is cut at the first "(", ",", ";", ":" or
// post-modifying word (in, at, on, from, with, who, which, that, based)
// after a capitalized token, and the last run of capitalized tokens (with
// of, for, &, de, "-" between them) is the name; titles are stripped from
// a person's name; a comma the file's tokens hold ("Inc.,") is left out.
// The words of a shorter mention nested in a person's
// phrase that refers to an entity other than a person are no part of the
// name: MEANTIME marks every name nested in a noun phrase as a mention of
// its own, so "President of the United States Barack Obama" holds "the
// United States" (LOC) and "Barack Obama" (PER), and its name is "Barack
// Obama"; "Prime Minister of Canada" is left with titles only, no person's
// name, and is ignored. A short name in brackets right after the name
// ("General Motors Corporation (GM)", "Royal Air Force (RAF"), which the
// phrase holds and which names the same entity, is a gold mention of the
// same type, except after a person's name ("John McCain (R-AZ"). A
// PRE.NAM that is a nationality adjective ("German",
// "American") or has no capitalized token ("federal") is ignored, as
// CoNLL-2003 does not call those names. The annotated range (Scored) runs
// from the start to the end of the last sentence holding a markable of the
// document-level layer: MEANTIME annotates every mention of the title and
// the first sentences only (about six). The cross-document layer marks a
// few entities and events further down (markables with no attribute but
// m_id); they do not extend the range, since the names around them are
// not annotated.
//
// Counts on the shared snapshot (90 documents): person 72, organization
// 468, location 167 gold mentions; 225 ignored spans. (The files hold 855
// NAM and 147 PRE.NAM mentions; mentions of the same span count once.)
package ner

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// The scored types.
const (
	Person       = "person"
	Organization = "organization"
	Location     = "location"
)

// Types are the scored types, in the order metrics are reported.
var Types = []string{Person, Organization, Location}

// Mention is one gold name.
type Mention struct {
	article.Span
	Type string // person, organization, location, or "" for an unscored type
	Fine string // the dataset's own label
}

// Doc is one gold document.
type Doc struct {
	ID    string
	Split string // "train", "dev", "test" where the dataset has them, else ""
	// Topic is the topic folder of a MEANTIME document ("corpus_airbus").
	Topic string
	Text  string
	// Gold are the scored gold mentions (Type != ""), in text order.
	Gold []Mention
	// Ignore are gold names of types not scored (product, event, misc...):
	// a prediction overlapping one that matches no gold mention is neither
	// a true nor a false positive.
	Ignore []article.Span
	// Scored are the annotated ranges of Text; predictions outside them
	// are dropped. Nil means the whole text.
	Scored []article.Span
}

// adder collects a document's mentions. Of mentions with the same span
// the first scored one wins; a span is ignored only when no scored
// mention has it.
type adder struct {
	d       *Doc
	gold    map[article.Span]bool
	ignored []article.Span
}

func newAdder(d *Doc) *adder { return &adder{d: d, gold: map[article.Span]bool{}} }

// add records a gold mention (typ != "") or an ignored span (typ == "").
func (a *adder) add(s article.Span, typ, fine string) {
	if s.Len() <= 0 || a.gold[s] {
		return
	}
	if typ == "" {
		a.ignored = append(a.ignored, s)
		return
	}
	a.gold[s] = true
	a.d.Gold = append(a.d.Gold, Mention{Span: s, Type: typ, Fine: fine})
}

// finish writes the ignored spans and puts the document in text order.
func (a *adder) finish() {
	seen := map[article.Span]bool{}
	for _, s := range a.ignored {
		if !a.gold[s] && !seen[s] {
			seen[s] = true
			a.d.Ignore = append(a.d.Ignore, s)
		}
	}
	sortGold(a.d)
}

// titles are words that precede a person's name without being part of it
// (CoNLL-2003 leaves them out of the PER span).
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
		president vice prime minister premier chancellor secretary senator sen. sen rep. rep representative
		congressman congresswoman governor gov. gov mayor judge justice general gen. gen colonel col. lt. lieutenant
		captain capt. sgt. sergeant admiral adm. major maj. commander chief king queen prince princess pope
		rev. reverend father bishop archbishop cardinal sheikh emperor ambassador speaker chairman chairwoman
		director administrator minister attorney officer coach spokesman spokeswoman spokesperson commissioner executive ceo pastor rabbi imam ayatollah deputy foreign defense defence
		interior finance state former late mp mep`) {
		titles[w] = true
	}
}

func isTitle(w string) bool { return titles[strings.ToLower(w)] }

// capitalized says whether w starts with an upper-case letter.
func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// hasUpper says whether w has an upper-case letter ("eBay", "iPhone").
func hasUpper(w string) bool { return strings.IndexFunc(w, unicode.IsUpper) >= 0 }

// connectors join the words of one name ("Bank of England", "AT&T",
// "Ursula von der Leyen"); a person's name takes the particles only.
var (
	connectors       = map[string]bool{"of": true, "for": true, "&": true, "de": true, "von": true, "van": true, "der": true, "-": true, "du": true, "la": true}
	personConnectors = map[string]bool{"de": true, "von": true, "van": true, "der": true, "-": true, "du": true, "la": true}
)

func connectorsFor(typ string) map[string]bool {
	if typ == Person {
		return personConnectors
	}
	return connectors
}

// stripTitles drops the words of a person's name up to its last title word
// ("U.S. Senator John Cornyn" -> "John Cornyn"); words[first:last+1] is the
// name, and ok is false when nothing but titles is left.
func stripTitles(words []string, first, last int) (int, bool) {
	if isTitle(words[last]) {
		return first, false
	}
	for k := last - 1; k >= first; k-- {
		if isTitle(words[k]) {
			return k + 1, true
		}
	}
	return first, true
}

// sortGold puts the gold mentions and ignored spans in text order.
func sortGold(d *Doc) {
	sort.SliceStable(d.Gold, func(i, j int) bool { return less(d.Gold[i].Span, d.Gold[j].Span) })
	sort.SliceStable(d.Ignore, func(i, j int) bool { return less(d.Ignore[i], d.Ignore[j]) })
}

func less(a, b article.Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End < b.End
}
