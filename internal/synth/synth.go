// Package synth generates realistic synthetic news articles, deterministic
// for a seed, for benchmarks and tests that need volume: paragraphs of
// news-shaped prose with quotations, attributions, titles and abbreviations,
// numbers and dates. Nothing in it comes from a real article.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated article.
type Article struct {
	URL       string
	Title     string
	Outlet    string
	Published time.Time
	Text      string // paragraphs separated by '\n'
}

// Generator makes articles; it is not safe for concurrent use.
type Generator struct {
	r *rand.Rand
	b strings.Builder
}

// New returns a generator whose output depends only on seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

var (
	syll    = []string{"ka", "ro", "mi", "ten", "vel", "sa", "dor", "lin", "ba", "rek", "os", "ta", "ni", "mar", "el", "gu", "zan", "fi", "lo", "ber"}
	titles  = []string{"President", "Minister", "Sen.", "Gov.", "Gen.", "Dr.", "Prof.", "Lt. Gen.", "Rear Adm.", "Mayor", "Ambassador", "spokesperson"}
	roles   = []string{"the foreign minister", "a senior official", "the defence secretary", "a government spokesperson", "the central bank governor", "an analyst at a think tank", "the opposition leader"}
	verbs   = []string{"said", "told reporters", "warned", "added", "argued", "insisted", "noted", "claimed", "stressed", "explained"}
	nouns   = []string{"government", "talks", "agreement", "sanctions", "election", "budget", "ceasefire", "parliament", "economy", "protest", "court", "report", "alliance", "border", "investigation", "market", "summit", "proposal", "vote", "crisis"}
	adjs    = []string{"new", "fragile", "major", "disputed", "regional", "economic", "formal", "surprising", "lengthy", "renewed", "rare", "public", "early", "final"}
	verbs2  = []string{"announced", "rejected", "approved", "delayed", "criticised", "welcomed", "proposed", "suspended", "questioned", "signed", "extended", "reviewed"}
	fillers = []string{"on Tuesday", "last week", "in a statement", "after months of negotiation", "according to officials", "despite objections", "earlier this year", "by a narrow margin", "in the capital", "at the U.S. embassy"}
	outlets = []string{"dailyherald", "worldwire", "newsdesk", "capitalpost", "thechronicle", "eveningstar", "globalreport", "themonitor"}
	tlds    = []string{".com", ".co.uk", ".org", ".net", ".com.au", ".de"}
	months  = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
)

func (g *Generator) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *Generator) name() string {
	part := func() string {
		n := 2 + g.r.IntN(2)
		var b strings.Builder
		for range n {
			b.WriteString(g.pick(syll))
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return part() + " " + part()
}

func (g *Generator) clause() string {
	return fmt.Sprintf("the %s %s %s the %s %s", g.pick(adjs), g.pick(nouns), g.pick(verbs2), g.pick(adjs), g.pick(nouns))
}

func (g *Generator) sentence(speaker string) string {
	switch g.r.IntN(7) {
	case 0:
		return fmt.Sprintf("“%s,” %s %s.", cap(g.clause()), speaker, g.pick(verbs))
	case 1:
		return fmt.Sprintf("%s %s that %s %s.", speaker, g.pick(verbs), g.clause(), g.pick(fillers))
	case 2:
		return fmt.Sprintf("The figure rose to %d.%d%% on %s %d, up from %d,%03d a year earlier.",
			g.r.IntN(90), g.r.IntN(10), g.pick(months), 1+g.r.IntN(28), 1+g.r.IntN(99), g.r.IntN(1000))
	case 3:
		return fmt.Sprintf("%s, %s, %s the move as “%s”.", g.name(), g.pick(roles), g.pick(verbs2), g.clause())
	case 4:
		return fmt.Sprintf("According to %s, %s %s.", g.pick(roles), g.clause(), g.pick(fillers))
	default:
		return cap(g.clause()) + " " + g.pick(fillers) + "."
	}
}

func cap(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Next returns the next article: 4 to 16 paragraphs of 1 to 5 sentences,
// about 2-6 KB of text.
func (g *Generator) Next() Article {
	speaker := g.pick(titles) + " " + g.name()
	g.b.Reset()
	paras := 4 + g.r.IntN(13)
	for p := range paras {
		if p > 0 {
			g.b.WriteByte('\n')
		}
		n := 1 + g.r.IntN(5)
		for s := range n {
			if s > 0 {
				g.b.WriteByte(' ')
			}
			sp := speaker
			if g.r.IntN(3) == 0 {
				sp = "he"
				if s == 0 {
					sp = "He"
				}
			}
			g.b.WriteString(g.sentence(sp))
		}
	}
	outlet := g.pick(outlets) + g.pick(tlds)
	title := cap(fmt.Sprintf("%s %s %s %s", g.pick(adjs), g.pick(nouns), g.pick(verbs2), g.pick(fillers)))
	pub := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.r.IntN(6*365*24)) * time.Hour)
	return Article{
		URL:       fmt.Sprintf("https://www.%s/news/%d/%s", outlet, pub.Year(), strings.ReplaceAll(strings.ToLower(title), " ", "-")),
		Title:     title,
		Outlet:    outlet,
		Published: pub,
		Text:      g.b.String(),
	}
}

// HTML renders a as a plausible news page: navigation, the article in an
// <article> element, a related-links aside and a footer.
func (a Article) HTML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | %s</title>", esc(a.Title), a.Outlet)
	fmt.Fprintf(&b, "<meta property=\"og:title\" content=\"%s\"><meta property=\"article:published_time\" content=\"%s\">", esc(a.Title), a.Published.Format(time.RFC3339))
	b.WriteString("<style>body{font:16px serif}</style><script>var x=1;</script></head><body>")
	b.WriteString("<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li><li><a href=/business>Business</a></li></ul></nav>")
	fmt.Fprintf(&b, "<article><h1>%s</h1>", esc(a.Title))
	for _, p := range strings.Split(a.Text, "\n") {
		fmt.Fprintf(&b, "<p>%s</p>", esc(p))
	}
	b.WriteString("</article><aside><h2>Related</h2><ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul></aside>")
	b.WriteString("<footer>© The Publisher. All rights reserved.</footer></body></html>")
	return b.String()
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
