// Package sourcing scores how well one article is sourced: a Scorecard of
// flags (anonymous sources, no direct quotes, citation junk left by text
// generators, placeholder links, misspelled source domains, stray words of
// another language, loaded language, experts affiliated with the
// publisher, boilerplate, internal inconsistencies), each with the byte
// spans of the article's normalized text that show it, and counts (words,
// quotes by kind, named and anonymous sources, citations, loaded words per
// 1,000 words, boilerplate share).
//
// Score is a pure function of the article's text, its quotes and entities
// (package quote) and the embedded knowledge: the lexicons under data/,
// each with a header naming its source and licence (all written for
// parallax, CC0 1.0), and the outlet, organization and word tables of
// package knowledge.
//
// The loaded-language lexicon is general data; its flag threshold was
// fitted on sentences of BABE (Spinde et al. 2021, AGPL-3.0), whose rows
// are not embedded. BiasModel, the sentence classifier that the eval
// trains and cross-validates on BABE, is trained at run time from rows the
// caller supplies; no BABE-trained weights are part of this package.
package sourcing

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
)

// Input is what Score reads. Nothing in it is modified.
type Input struct {
	Text        string        // normalized main text (article.Article.Text)
	Outlet      string        // the publishing outlet (article.Article.Outlet): a name or domain; may be ""
	Quotes      []quote.Quote // from quote.Analyze on Text
	Entities    *entity.Doc   // from the same quote.Doc; may be nil
	Boilerplate []string      // lines removed from the text as boilerplate (article.Article.Boilerplate); may be nil
}

// The flag kinds, named as in the seeds gold.
const (
	AnonymousSource       = "anonymous_source"
	NoDirectQuotes        = "no_direct_quotes"
	GarbledCitations      = "garbled_citations"
	PlaceholderLinks      = "placeholder_links"
	MisspelledDomain      = "misspelled_source_domain"
	StrayForeignWord      = "stray_foreign_word"
	LoadedLanguage        = "loaded_language"
	PublisherExperts      = "publisher_affiliated_experts"
	Boilerplate           = "boilerplate"
	InternalInconsistency = "internal_inconsistency"
)

// Kinds lists every flag kind in the order Score reports them.
var Kinds = []string{
	AnonymousSource, NoDirectQuotes, GarbledCitations, PlaceholderLinks, MisspelledDomain,
	StrayForeignWord, LoadedLanguage, PublisherExperts, Boilerplate, InternalInconsistency,
}

// Flag is one problem of an article's sourcing with the spans that show it.
type Flag struct {
	Kind     string         `json:"kind"`
	Evidence []article.Span `json:"evidence"`
	// Aside holds evidence that is not in the text because it was removed
	// with the boilerplate and kept aside (the lines themselves).
	Aside []string `json:"aside,omitempty"`
	Note  string   `json:"note,omitempty"`
}

// Counts are the figures of a scorecard.
type Counts struct {
	Words            int     `json:"words"`
	DirectQuotes     int     `json:"direct_quotes"`
	PartialQuotes    int     `json:"partial_quotes"`
	ReportedSpeech   int     `json:"reported_speech"`
	NamedSources     int     `json:"named_sources"`     // distinct named speakers
	AnonymousSources int     `json:"anonymous_sources"` // distinct unnamed sources
	Citations        int     `json:"citations"`
	LoadedPer1000    float64 `json:"loaded_per_1000"`   // loaded words in the writer's own voice (outside quotations) per 1,000 words
	BoilerplateShare float64 `json:"boilerplate_share"` // boilerplate bytes / (text + boilerplate bytes)
}

// Scorecard is the sourcing assessment of one article.
type Scorecard struct {
	Flags     []Flag         `json:"flags"`
	Counts    Counts         `json:"counts"`
	Citations []Citation     `json:"citations"`
	Loaded    []article.Span `json:"loaded"` // every loaded word or phrase, quoted ones included
}

// Has reports whether the scorecard carries a flag of the kind.
func (s *Scorecard) Has(kind string) bool {
	for _, f := range s.Flags {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

// MaxText is the longest text Score reads; the rest of a longer text is
// ignored (the counts say how many words were read).
const MaxText = 4 << 20

// Score assesses one article. It never fails and never panics: text that
// is not valid UTF-8 is read as far as it makes sense, and spans always
// fit the text.
func Score(in Input) Scorecard {
	text := in.Text
	if len(text) > MaxText {
		text = text[:MaxText]
		for len(text) > 0 && !utf8.RuneStart(text[len(text)-1]) {
			text = text[:len(text)-1]
		}
		if len(text) > 0 {
			text = text[:len(text)-1]
		}
	}
	in.Text = text
	in.Quotes = validQuotes(in.Quotes, len(text))
	ws := words(text)
	sc := Scorecard{Citations: citations(text, ws)}
	sc.Loaded = loadedSpans(text, ws)
	own := writersOwn(in, sc.Loaded)
	sc.Counts = counts(in, ws, len(sc.Citations), len(own))
	add := func(f Flag, ok bool) {
		if ok {
			sortSpans(f.Evidence)
			sc.Flags = append(sc.Flags, f)
		}
	}
	add(anonymousSources(in, ws))
	add(noDirectQuotes(in, sc.Counts))
	add(garbledCitations(text, ws, sc.Citations))
	add(placeholderLinks(text, ws))
	add(misspelledDomains(text, ws, sc.Citations))
	add(strayForeignWords(in, ws))
	add(loadedLanguage(own, sc.Counts))
	add(publisherExperts(in))
	add(boilerplateFlag(in))
	add(inconsistency(in, ws))
	return sc
}

// validQuotes drops quotes whose spans do not fit the text, so that a
// caller's mistake cannot make Score slice out of range.
func validQuotes(qs []quote.Quote, n int) []quote.Quote {
	fits := func(s article.Span) bool { return s.Start >= 0 && s.Start <= s.End && s.End <= n }
	out := qs[:0:0]
	for _, q := range qs {
		ok := fits(q.Source) && fits(q.Cue) && fits(q.Via)
		for _, c := range q.Content {
			ok = ok && fits(c)
		}
		if ok {
			out = append(out, q)
		}
	}
	return out
}

func counts(in Input, ws []word, citations, loaded int) Counts {
	c := Counts{Words: len(ws), Citations: citations}
	named := map[int]bool{}
	anon := map[string]bool{}
	for _, q := range in.Quotes {
		switch q.Kind {
		case quote.Direct:
			c.DirectQuotes++
		case quote.Partial:
			c.PartialQuotes++
		case quote.Reported:
			c.ReportedSpeech++
		}
		switch {
		case q.Anonymous:
			anon[strings.ToLower(q.Source.In(in.Text))] = true
		case q.Speaker >= 0 && in.Entities != nil && q.Speaker < len(in.Entities.Entities) &&
			in.Entities.Entities[q.Speaker].Kind == entity.Person:
			named[q.Speaker] = true
		}
	}
	c.NamedSources, c.AnonymousSources = len(named), len(anon)
	if len(ws) > 0 {
		c.LoadedPer1000 = 1000 * float64(loaded) / float64(len(ws))
	}
	bp := 0
	for _, l := range in.Boilerplate {
		bp += len(l) + 1
	}
	if bp > 0 {
		c.BoilerplateShare = float64(bp) / float64(bp+len(in.Text))
	}
	return c
}

func sortSpans(s []article.Span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		return s[i].End < s[j].End
	})
}
