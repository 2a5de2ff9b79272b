// Package picture builds the picture: the one versioned document that the
// report, the API and the web UI render. For each story it holds the
// articles (outlet, date, copies), who said what (quotes by canonical
// speaker, with their spans), and the corpus's speakers.
//
// # Schema (version "parallax.picture/1")
//
//	Picture  {version, articles: n, stories: [Story], speakers: [Speaker]}
//	Story    {id, headline, terms, first, last, outlets,
//	          articles: [Article], quotes: [Quote], findings: [Finding]}
//	Article  {id, outlet, title, source, published, copy_of, words,
//	          quotes: n, anonymous_quotes: n, sourcing: Sourcing}
//	Finding  {kind, article, quote, span: Span, other: [{article, quote,
//	          span: Span}], score, why, diff: [{op, text}]}
//	          kinds: verbatim, corroborated_quote, altered_quote,
//	          misattributed_quote, composite_quote, uncorroborated_quote,
//	          cited_quote, corroborated_claim, contradicted_claim (quote -1
//	          for a claim in the writer's own voice; see internal/crosscheck)
//	Sourcing {flags: [{kind, evidence: [Span], aside, note}], counts,
//	          citations: [{span, kind, domain, outlet, known}]}
//	Quote    {article, index, kind: direct|partial|reported, text,
//	          content: [Span], cue: Span, source: Span, speaker: id,
//	          anonymous, via: Span, parent, continues}
//	Speaker  {id, name, kind, aliases, quotes: n, articles: n}
//	Span     {start, end, text}: byte offsets into the article's text
//
// Every finding points at its evidence: spans carry their text so that a
// reader can check them without the article at hand. Fields are added in
// later minor versions; a field's meaning never changes within a version.
package picture

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/crosscheck"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/sourcing"
	"github.com/parallax-news/parallax/internal/story"
)

// Version names the schema of the document.
const Version = "parallax.picture/1"

// Picture is the whole document.
type Picture struct {
	Version  string    `json:"version"`
	Articles int       `json:"articles"`
	Stories  []Story   `json:"stories"`
	Speakers []Speaker `json:"speakers"`
}

// Span is a span of an article's text with its words.
type Span struct {
	article.Span
	Text string `json:"text"`
}

func span(t string, s article.Span) *Span {
	if s.Len() == 0 {
		return nil
	}
	return &Span{s, s.In(t)}
}

// Story is one story: the articles that tell it and what they quote.
type Story struct {
	ID       string    `json:"id"`
	Headline string    `json:"headline"`
	Terms    []string  `json:"terms,omitempty"`
	First    time.Time `json:"first,omitzero"`
	Last     time.Time `json:"last,omitzero"`
	Outlets  []string  `json:"outlets"`
	Articles []Article `json:"articles"`
	Quotes   []Quote   `json:"quotes"`
	Findings []Finding `json:"findings"`
}

// Finding is a cross-check verdict on a quote, with the evidence on both
// sides.
type Finding struct {
	Kind    string              `json:"kind"`
	Article string              `json:"article"`
	Quote   int                 `json:"quote"`
	Span    *Span               `json:"span,omitempty"`
	Other   []Ref               `json:"other,omitempty"`
	Score   float64             `json:"score"`
	Why     string              `json:"why"`
	Diff    []crosscheck.DiffOp `json:"diff,omitempty"`
}

// Ref is the other side of a finding: a quote of another article (or -1
// for its plain text) and the span there.
type Ref struct {
	Article string `json:"article"`
	Quote   int    `json:"quote"`
	Span    *Span  `json:"span,omitempty"`
}

// Sourcing is an article's sourcing scorecard.
type Sourcing struct {
	Flags     []Flag              `json:"flags"`
	Counts    sourcing.Counts     `json:"counts"`
	Citations []sourcing.Citation `json:"citations,omitempty"`
}

// Flag is one sourcing problem with its evidence.
type Flag struct {
	Kind     string   `json:"kind"`
	Evidence []Span   `json:"evidence,omitempty"`
	Aside    []string `json:"aside,omitempty"`
	Note     string   `json:"note,omitempty"`
}

// Article is one article of a story.
type Article struct {
	ID        string    `json:"id"`
	Outlet    string    `json:"outlet,omitempty"`
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source"`
	Published time.Time `json:"published,omitzero"`
	CopyOf    string    `json:"copy_of,omitempty"`
	Words     int       `json:"words"`
	Quotes    int       `json:"quotes"`
	Anonymous int       `json:"anonymous_quotes"`
	Sourcing  *Sourcing `json:"sourcing,omitempty"`
}

// Quote is one quote of an article.
type Quote struct {
	Article   string `json:"article"`
	Index     int    `json:"index"`
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	Content   []Span `json:"content"`
	Cue       *Span  `json:"cue,omitempty"`
	Source    *Span  `json:"source,omitempty"`
	Speaker   int    `json:"speaker"` // Speaker.ID, or -1
	Anonymous bool   `json:"anonymous,omitempty"`
	Via       *Span  `json:"via,omitempty"`
	Parent    int    `json:"parent"`    // index of the reported quote holding a partial one, -1
	Continues int    `json:"continues"` // index of the quote whose attribution this statement goes on from, -1
}

// Speaker is a canonical speaker of the corpus.
type Speaker struct {
	ID       int      `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Aliases  []string `json:"aliases,omitempty"`
	Quotes   int      `json:"quotes"`
	Articles int      `json:"articles"`
}

// Analysis is the per-article analysis the picture is built from.
type Analysis struct {
	Article  *article.Article
	Quotes   *quote.Doc
	Sourcing sourcing.Scorecard
}

// Analyze runs the per-article stages on every article, on all cores.
func Analyze(arts []*article.Article) []Analysis {
	out := make([]Analysis, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Go(func() {
			for i := range next {
				a := arts[i]
				d := quote.Analyze(a.Text)
				out[i] = Analysis{Article: a, Quotes: d, Sourcing: sourcing.Score(sourcing.Input{
					Text: a.Text, Outlet: a.Outlet, Quotes: d.Quotes, Entities: d.Entities, Boilerplate: a.Boilerplate,
				})}
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// Build makes the picture of analysed articles: their stories, quotes and
// canonical speakers.
func Build(as []Analysis) *Picture {
	p := &Picture{Version: Version, Articles: len(as)}
	arts := make([]*article.Article, len(as))
	byID := map[string]*Analysis{}
	for i := range as {
		arts[i] = as[i].Article
		byID[as[i].Article.ID] = &as[i]
	}
	// Canonical speakers across the corpus.
	l := entity.NewLinker()
	global := map[string][]int{}
	for _, a := range as {
		global[a.Article.ID] = l.AddDoc(a.Article.ID, a.Quotes.Entities)
	}
	speakers := map[int]*Speaker{}
	speakerArts := map[int]map[string]bool{}
	globals := map[int]*entity.Global{}
	for _, g := range l.Entities() {
		globals[g.ID] = g
	}
	voices := SpeaksFor(l.Entities())
	speakerOf := func(artID string, local int) int {
		ids := global[artID]
		if local < 0 || local >= len(ids) {
			return -1
		}
		id := l.Canonical(ids[local])
		g := globals[id]
		if g == nil {
			return -1
		}
		s := speakers[id]
		if s == nil {
			s = &Speaker{ID: id, Name: g.Name, Kind: g.Kind.String(), Aliases: g.Aliases}
			speakers[id] = s
			speakerArts[id] = map[string]bool{}
		}
		s.Quotes++
		speakerArts[id][artID] = true
		return id
	}

	for _, st := range story.Group(arts, story.Options{}) {
		sv := Story{ID: st.ID, Headline: st.Headline, Terms: st.Terms, First: st.First, Last: st.Last, Outlets: st.Outlets}
		var ccArts []crosscheck.Article
		var ccQuotes []crosscheck.Quote
		for _, m := range st.Articles {
			an := byID[m.ID]
			t := an.Article.Text
			av := Article{ID: m.ID, Outlet: m.Outlet, Title: m.Title, Source: an.Article.Source,
				Published: m.Published, CopyOf: m.CopyOf, Words: countWords(t)}
			for i, q := range an.Quotes.Quotes {
				qv := Quote{Article: m.ID, Index: i, Kind: q.Kind.String(), Text: q.Words(t),
					Cue: span(t, q.Cue), Source: span(t, q.Source), Anonymous: q.Anonymous,
					Via: span(t, q.Via), Parent: q.Parent, Continues: q.Continues, Speaker: speakerOf(m.ID, q.Speaker)}
				for _, c := range q.Content {
					qv.Content = append(qv.Content, Span{c, c.In(t)})
				}
				cq := crosscheck.Quote{Article: m.ID, Index: i, Kind: qv.Kind, Content: q.Content, Via: q.Via.In(t)}
				if qv.Speaker >= 0 {
					cq.Speaker, cq.SpeakerName = fmt.Sprint(qv.Speaker), speakers[qv.Speaker].Name
					if st, ok := voices[qv.Speaker]; ok {
						cq.For = fmt.Sprint(st)
					}
				}
				ccQuotes = append(ccQuotes, cq)
				if q.Parent < 0 {
					av.Quotes++
					if q.Anonymous {
						av.Anonymous++
					}
				}
				sv.Quotes = append(sv.Quotes, qv)
			}
			av.Sourcing = sourcingView(t, an.Sourcing)
			sv.Articles = append(sv.Articles, av)
			ccArts = append(ccArts, crosscheck.Article{ID: m.ID, Outlet: m.Outlet, Published: m.Published, CopyOf: m.CopyOf, Text: t})
		}
		for _, f := range crosscheck.Check(ccArts, ccQuotes) {
			fv := Finding{Kind: f.Kind, Article: f.Article, Quote: f.Quote, Span: span(byID[f.Article].Article.Text, f.Span), Score: f.Score, Why: f.Why, Diff: f.Diff}
			for _, o := range f.Other {
				fv.Other = append(fv.Other, Ref{Article: o.Article, Quote: o.Quote, Span: span(byID[o.Article].Article.Text, o.Span)})
			}
			sv.Findings = append(sv.Findings, fv)
		}
		p.Stories = append(p.Stories, sv)
	}
	for id, s := range speakers {
		s.Articles = len(speakerArts[id])
		p.Speakers = append(p.Speakers, *s)
	}
	slices.SortFunc(p.Speakers, func(a, b Speaker) int {
		if a.Quotes != b.Quotes {
			return b.Quotes - a.Quotes
		}
		return a.ID - b.ID
	})
	return p
}

// SpeaksFor maps each person among the canonical entities ents who speaks
// for a state (a government, diplomatic or military official whose
// affiliation gives a country) to that state's entity, when ents has it.
// Crosscheck's Quote.For takes it: words given to the state and to its
// official are one voice.
func SpeaksFor(ents []*entity.Global) map[int]int {
	stateOf := map[string]int{}
	for _, g := range ents {
		if g.Kind == entity.State && g.Code != "" {
			stateOf[g.Code] = g.ID
		}
	}
	out := map[int]int{}
	for _, g := range ents {
		if g.Kind != entity.Person || g.Country == "" {
			continue
		}
		switch knowledge.Sector(g.Sector) {
		case knowledge.SectorGovernment, knowledge.SectorDiplomacy, knowledge.SectorMilitary:
			if st, ok := stateOf[g.Country]; ok {
				out[g.ID] = st
			}
		}
	}
	return out
}

func sourcingView(t string, sc sourcing.Scorecard) *Sourcing {
	v := &Sourcing{Flags: []Flag{}, Counts: sc.Counts, Citations: sc.Citations}
	for _, f := range sc.Flags {
		fv := Flag{Kind: f.Kind, Aside: f.Aside, Note: f.Note}
		for _, e := range f.Evidence {
			if s := span(t, e); s != nil {
				fv.Evidence = append(fv.Evidence, *s)
			}
		}
		v.Flags = append(v.Flags, fv)
	}
	return v
}

func countWords(t string) int {
	n, in := 0, false
	for _, r := range t {
		sp := r == ' ' || r == '\n' || r == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
