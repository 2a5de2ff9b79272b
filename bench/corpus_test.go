package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/synth"
)

// A news corpus for the end-to-end benchmark: articles grouped into stories,
// each story a handful of named speakers with titles and roles whose
// quotations the story's articles repeat (verbatim, altered by a word, cut
// short, now and then given to the wrong speaker or to an anonymous
// official), outlets citing one another by name, URL and domain, wire copies
// republished by other outlets, and filler prose from internal/synth. It is
// deterministic for a seed, and nothing in it comes from a real article.
// Only the shape is realistic: every stage of the pipeline finds work in it
// (people and organizations to tag and link, quotes to attribute, citations
// to parse, stories to cluster, copies to find, quotes to cross-check).
// Its prose is plainer than news: synth's filler has a small vocabulary and
// the story's quotations recur, so about 40% of the articles share enough
// three-word shingles with an earlier one of their story to count as
// copies, where one in eight is a copy by construction. The copy stage
// works harder here than on real news.

var (
	givenNames = []string{"Maria", "John", "Fatima", "David", "Olena", "Ahmed", "Sarah", "Carlos", "Mei", "Peter",
		"Amina", "James", "Elena", "Rahul", "Grace", "Thomas", "Aisha", "Daniel", "Sofia", "Michael",
		"Yuki", "Robert", "Ines", "Kwame", "Laura", "Ivan", "Nadia", "Paul", "Ana", "William"}
	surnames = []string{"Okafor", "Lindqvist", "Haddad", "Moreno", "Kowalski", "Nakamura", "Brennan", "Adeyemi",
		"Castillo", "Petrov", "Schneider", "Mensah", "Dubois", "Rossi", "Karimi", "Fischer", "Novak", "Tanaka",
		"Osei", "Walsh", "Hernandez", "Bergmann", "Sato", "Kaplan", "Mwangi", "Laurent", "Costa", "Ibrahim",
		"Jensen", "Vargas", "Nowak", "Reyes", "Lambert", "Farouk", "Eriksen", "Duarte"}
	speakerTitles = []string{"President", "Prime Minister", "Foreign Minister", "Sen.", "Gov.", "Gen.", "Dr.", "Mayor", "Ambassador", "Judge"}
	speakerRoles  = []string{"the finance minister", "a spokesperson for the ministry", "the head of the electoral commission",
		"the opposition leader", "an economist at the central bank", "the chief negotiator", "the union's general secretary",
		"the mayor of the capital", "a professor of law", "the army's chief of staff"}
	orgNames = []string{"the World Health Organization", "the United Nations", "the European Commission", "the International Monetary Fund",
		"the African Union", "NATO", "the World Bank", "Amnesty International", "the Red Cross", "the Supreme Court"}
	places = []string{"Nairobi", "Lima", "Warsaw", "Manila", "Lagos", "Kyiv", "Santiago", "Jakarta", "Accra", "Hanoi",
		"Bogota", "Tunis", "Dhaka", "Quito", "Riga", "Tbilisi", "Dakar", "Lisbon", "Ankara", "Karachi"}
	topicNouns = []string{"budget", "ceasefire", "election", "drought", "strike", "pipeline", "vaccine", "tariff", "bridge", "referendum",
		"flood", "pension", "mine", "port", "curfew", "subsidy", "treaty", "census", "railway", "reactor"}
	quoteOpeners = []string{"We will not accept", "Nobody expected", "This is the moment for", "I have always supported",
		"The people deserve", "There is no evidence of", "We are deeply concerned about", "It would be a mistake to ignore",
		"Our priority remains", "History will judge"}
	quoteObjects = []string{"a deal that leaves families behind", "the delay in the talks", "an honest answer from the government",
		"the damage done to the economy", "a vote held under these conditions", "the pressure on ordinary workers",
		"a plan that nobody has costed", "the courage shown by the rescue teams", "the promises made last year",
		"a budget written in secret"}
	quoteTails = []string{"and we will say so in parliament", "whatever the ministry says", "before the end of the month",
		"because the numbers simply do not add up", "and that is not negotiable", "even if it costs us the election",
		"as long as I hold this office", "and the courts will decide"}
	saidVerbs = []string{"said", "told reporters", "said on Tuesday", "added", "warned", "said in a statement", "insisted"}
	anonymous = []string{"a senior official said, speaking on condition of anonymity", "a person familiar with the matter said",
		"one diplomat said", "sources close to the negotiations said"}
)

type speaker struct {
	title, given, surname, role string
	quotes                      []string
}

func (s speaker) full() string { return s.title + " " + s.given + " " + s.surname }

type newsStory struct {
	place, noun, noun2 string
	thing              string // the story's own proper noun: "the Velmarin dam"
	speakers           []speaker
	org                string
	start              time.Time
	texts              []string // texts of the story's articles so far, for copies
}

type corpusGen struct {
	r       *rand.Rand
	fill    *synth.Generator
	outlets []*knowledge.Outlet // outlets with a domain and a name
	b       strings.Builder
}

func newCorpusGen(seed uint64) *corpusGen {
	g := &corpusGen{r: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)), fill: synth.New(seed)}
	for _, o := range knowledge.Outlets().All() {
		if len(o.Domains) > 0 && o.Name != "" {
			g.outlets = append(g.outlets, o)
		}
	}
	if len(g.outlets) > 200 { // the list is sorted; keep it deterministic and bounded
		g.outlets = g.outlets[:200]
	}
	return g
}

func (g *corpusGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *corpusGen) outlet() *knowledge.Outlet { return g.outlets[g.r.IntN(len(g.outlets))] }

func (g *corpusGen) newStory(day int) *newsStory {
	st := &newsStory{place: g.pick(places), noun: g.pick(topicNouns), noun2: g.pick(topicNouns), org: g.pick(orgNames),
		start: time.Date(2025, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(day)*24*time.Hour + time.Duration(g.r.IntN(12))*time.Hour)}
	st.thing = g.coined() + " " + st.noun
	for range 2 + g.r.IntN(3) {
		sp := speaker{title: g.pick(speakerTitles), given: g.pick(givenNames), surname: g.pick(surnames), role: g.pick(speakerRoles)}
		for range 2 + g.r.IntN(3) {
			q := g.pick(quoteOpeners) + " " + g.pick(quoteObjects) + " over the " + st.thing
			if g.r.IntN(2) == 0 {
				q += ", " + g.pick(quoteTails)
			}
			sp.quotes = append(sp.quotes, q)
		}
		st.speakers = append(st.speakers, sp)
	}
	return st
}

// coined makes a proper noun of two or three syllables: "Velmarin".
func (g *corpusGen) coined() string {
	syll := []string{"vel", "mar", "in", "kas", "to", "ren", "lu", "bra", "dor", "ne", "sil", "qua", "ost", "ar", "bel", "chi", "fen", "go", "har", "ix"}
	w := g.pick(syll) + g.pick(syll)
	if g.r.IntN(2) == 0 {
		w += g.pick(syll)
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// lede is the first paragraph, worded by each outlet its own way.
func (g *corpusGen) lede(st *newsStory) string {
	sp := st.speakers[0]
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s — The dispute over the %s %s on %s as %s and %s %s.",
			strings.ToUpper(st.place), st.thing, g.pick([]string{"took a new turn", "deepened", "eased", "came to a head", "moved forward"}),
			st.start.Format("Monday"), sp.full(), st.org, g.pick([]string{"met in the capital", "traded accusations", "failed to agree", "held talks", "signed a statement"}))
	case 1:
		return fmt.Sprintf("%s met officials from %s in %s on %s to discuss the future of the %s, which has divided the country.",
			sp.full(), st.org, st.place, st.start.Format("Monday"), st.thing)
	case 2:
		return fmt.Sprintf("Talks on the %s %s in %s this week, with %s pressing for a %s %s.",
			st.thing, g.pick([]string{"resumed", "stalled", "broke down", "began"}), st.place, sp.full(),
			g.pick([]string{"quick", "broader", "fair", "binding"}), g.pick([]string{"deal", "settlement", "vote", "review"}))
	default:
		return fmt.Sprintf("(%s) The %s is back on the agenda in %s after %s said the %s could not wait.",
			g.outlet().Name, st.thing, st.place, sp.full(), st.noun2)
	}
}

// alter changes one word of q, as a careless rewrite does.
func (g *corpusGen) alter(q string) string {
	ws := strings.Fields(q)
	i := 1 + g.r.IntN(len(ws)-1)
	repl := []string{"never", "certainly", "the", "any", "our", "a", "fully"}
	ws[i] = g.pick(repl)
	return strings.Join(ws, " ")
}

func (g *corpusGen) quotePara(st *newsStory, mentioned map[int]bool) string {
	si := g.r.IntN(len(st.speakers))
	sp := st.speakers[si]
	q := sp.quotes[g.r.IntN(len(sp.quotes))]
	switch g.r.IntN(10) {
	case 0:
		q = g.alter(q)
	case 1: // misattributed: another speaker of the story
		sp = st.speakers[(si+1)%len(st.speakers)]
		si = (si + 1) % len(st.speakers)
	case 2: // cut short: a partial quotation
		ws := strings.Fields(q)
		q = strings.Join(ws[:max(3, len(ws)/2)], " ")
	}
	name := sp.surname
	if !mentioned[si] {
		name = sp.full()
		mentioned[si] = true
	}
	switch g.r.IntN(7) {
	case 0:
		return fmt.Sprintf("“%s,” %s %s.", q, name, g.pick(saidVerbs))
	case 1:
		return fmt.Sprintf("“%s,” said %s, %s.", q, name, sp.role)
	case 2:
		return fmt.Sprintf("%s %s that the %s would go ahead. “%s,” %s said.", name, g.pick(saidVerbs), st.noun, q, sp.surname)
	case 3:
		return fmt.Sprintf("“%s,” %s told %s.", q, name, g.outlet().Name)
	case 4:
		return fmt.Sprintf("“%s,” %s.", q, g.pick(anonymous))
	case 5:
		return fmt.Sprintf("%s called the plan “%s”.", name, strings.ToLower(q[:1])+q[1:])
	default:
		return fmt.Sprintf("“%s” — %s, %s.", q, name, sp.role)
	}
}

func (g *corpusGen) citePara(st *newsStory) string {
	o := g.outlet()
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("According to %s, %s officials had discussed the %s for weeks.", o.Name, st.place, st.noun)
	case 1:
		return fmt.Sprintf("%s reported that %s would review the %s (https://www.%s/world/%s-%s).", o.Name, st.org, st.noun2, o.Domains[0], strings.ToLower(st.place), st.noun)
	case 2:
		return fmt.Sprintf("The figures, first published by %s, were confirmed by %s on %s.", o.Name, st.org, st.start.Format("January 2"))
	case 3:
		return fmt.Sprintf("A statement posted on %s said the %s had been postponed.", o.Domains[0], st.noun)
	default:
		return fmt.Sprintf("Critics say the %s is a disaster for %s, a claim the government calls outrageous propaganda.", st.noun, st.place)
	}
}

// article writes one article of st, about 2.5 KB, and returns its title
// and text.
func (g *corpusGen) article(st *newsStory) (title, text string) {
	g.b.Reset()
	g.b.WriteString(g.lede(st))
	mentioned := map[int]bool{0: true}
	var filler []string
	paras := 8 + g.r.IntN(10)
	for p := range paras {
		g.b.WriteByte('\n')
		switch {
		case p%5 == 1:
			g.b.WriteString(g.quotePara(st, mentioned))
		case p%5 == 3 && g.r.IntN(2) == 0:
			g.b.WriteString(g.citePara(st))
		default:
			if len(filler) == 0 {
				filler = strings.Split(g.fill.Next().Text, "\n")
			}
			g.b.WriteString(filler[0])
			filler = filler[1:]
		}
	}
	sp := st.speakers[g.r.IntN(len(st.speakers))]
	q := sp.quotes[g.r.IntN(len(sp.quotes))]
	title = fmt.Sprintf("%s %s: %s says %s", st.place, st.thing, sp.surname, strings.ToLower(q[:1])+q[1:])
	return title, g.b.String()
}

type corpusArticle struct {
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published"`
	Text      string    `json:"text"`
}

// writeNewsCorpus writes n articles as JSON lines and returns the bytes of
// article text written. About one article in eight is a copy of an earlier
// article of its story, republished by another outlet with a line added.
func writeNewsCorpus(tb testing.TB, path string, n int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	g := newCorpusGen(1)
	var size int64
	var live []*newsStory
	day := 0
	for i := range n {
		// a new story every few articles; stories stay live for a while
		if len(live) == 0 || g.r.IntN(8) == 0 {
			day += g.r.IntN(2)
			live = append(live, g.newStory(day))
			if len(live) > 12 {
				live = live[1:]
			}
		}
		st := live[g.r.IntN(len(live))]
		o := g.outlet()
		var title, text string
		if len(st.texts) > 0 && g.r.IntN(8) == 0 {
			src := st.texts[g.r.IntN(len(st.texts))]
			title = fmt.Sprintf("%s %s latest", st.place, st.thing)
			text = src + "\n" + fmt.Sprintf("This article was republished from %s.", g.outlet().Name)
		} else {
			title, text = g.article(st)
			st.texts = append(st.texts, text)
		}
		pub := st.start.Add(time.Duration(g.r.IntN(72)) * time.Hour)
		a := corpusArticle{
			URL:   fmt.Sprintf("https://www.%s/%d/%s-%s-%d", o.Domains[0], pub.Year(), strings.ToLower(st.place), st.noun, i),
			Title: title, Outlet: o.Domains[0], Published: pub, Text: text,
		}
		size += int64(len(text))
		if err := enc.Encode(a); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return size
}
