// Package picture builds the picture: the one versioned document that the
// report, the API and the web UI render. For each story it holds the
// articles (outlet, date, copies), who said what (quotes by canonical
// speaker, with their spans), and the corpus's speakers.
//
// # Schema (version "parallax.picture/1")
//
//	Picture  {version, articles: n, stories: [Story], speakers: [Speaker]}
//	Story    {id, headline, terms, first, last, outlets,
//	          articles: [Article], quotes: [Quote]}
//	Article  {id, outlet, title, source, published, copy_of, words,
//	          quotes: n, anonymous_quotes: n}
//	Quote    {article, index, kind: direct|partial|reported, text,
//	          content: [Span], cue: Span, source: Span, speaker: id,
//	          anonymous, via: Span, parent}
//	Speaker  {id, name, kind, aliases, quotes: n, articles: n}
//	Span     {start, end, text}: byte offsets into the article's text
//
// Every finding points at its evidence: spans carry their text so that a
// reader can check them without the article at hand. Fields are added in
// later minor versions; a field's meaning never changes within a version.
package picture

import (
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
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
	Parent    int    `json:"parent"` // index of the reported quote holding a partial one, -1
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
	Article *article.Article
	Quotes  *quote.Doc
}

// Analyze runs the per-article stages on every article, on all cores.
func Analyze(arts []*article.Article) []Analysis {
	out := make([]Analysis, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Go(func() {
			for i := range next {
				out[i] = Analysis{Article: arts[i], Quotes: quote.Analyze(arts[i].Text)}
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
		for _, m := range st.Articles {
			an := byID[m.ID]
			t := an.Article.Text
			av := Article{ID: m.ID, Outlet: m.Outlet, Title: m.Title, Source: an.Article.Source,
				Published: m.Published, CopyOf: m.CopyOf, Words: countWords(t)}
			for i, q := range an.Quotes.Quotes {
				qv := Quote{Article: m.ID, Index: i, Kind: q.Kind.String(), Text: q.Words(t),
					Cue: span(t, q.Cue), Source: span(t, q.Source), Anonymous: q.Anonymous,
					Via: span(t, q.Via), Parent: q.Parent, Speaker: speakerOf(m.ID, q.Speaker)}
				for _, c := range q.Content {
					qv.Content = append(qv.Content, Span{c, c.In(t)})
				}
				if q.Parent < 0 {
					av.Quotes++
					if q.Anonymous {
						av.Anonymous++
					}
				}
				sv.Quotes = append(sv.Quotes, qv)
			}
			sv.Articles = append(sv.Articles, av)
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
