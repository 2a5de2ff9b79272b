package sourcing

import (
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/quote"
)

// LoadedThreshold is the density of loaded words (per 1,000 words) from
// which an article is flagged, and LoadedMinWords the fewest loaded words
// that can raise the flag. The threshold was fitted on BABE (see the
// package doc): the loaded-word density of BABE's articles, pooling the
// sentences of each article, that best separates articles whose sentences
// are mostly biased from the others (16 per 1,000, the best macro F1 over
// the shared SG2 rows; eval reports it as article_threshold).
const (
	LoadedThreshold = 16.0
	LoadedMinWords  = 2
)

// LoadedSpans returns the loaded words and phrases of text (data/loaded.tsv)
// as byte spans, in text order.
func LoadedSpans(text string) []article.Span { return loadedSpans(text, words(text)) }

func loadedSpans(text string, ws []word) []article.Span {
	l := lex()
	low := lowers(ws)
	var out []article.Span
	for i := 0; i < len(ws); i++ {
		n := l.loaded.match(low[i:])
		if n == 0 {
			for _, p := range l.loadedPrefix {
				if strings.HasPrefix(low[i], p) {
					n = 1
					break
				}
			}
		}
		if n == 0 {
			continue
		}
		s := article.Span{Start: ws[i].start, End: ws[i+n-1].end}
		if !sameLine(text, s.Start, s.End) {
			continue
		}
		out = append(out, s)
		i += n - 1
	}
	return out
}

// LoadedClass returns the class of a loaded form ("label", "emotive",
// "intensifier", "contempt", "saying"), or "" when the form is not listed.
func LoadedClass(form string) string { return lex().loadedClass[fold(form)] }

// OwnLoadedSpans returns the loaded words and phrases of text that lie
// outside the direct and partial quotations of quotes (from quote.Analyze
// on text): those that count towards the loaded_language flag.
func OwnLoadedSpans(text string, quotes []quote.Quote) []article.Span {
	in := Input{Text: text, Quotes: validQuotes(quotes, len(text))}
	return writersOwn(in, loadedSpans(text, words(text)))
}

// writersOwn returns the loaded spans outside quotations (direct and
// partial): the words a speaker chose say nothing of the writer's
// language, and an article that quotes a heated speaker faithfully is not
// loaded for it. Reported speech is the writer's paraphrase and counts.
func writersOwn(in Input, spans []article.Span) []article.Span {
	inQuote := quotedMask(in)
	out := make([]article.Span, 0, len(spans))
	for _, s := range spans {
		if !inQuote(s.Start) {
			out = append(out, s)
		}
	}
	return out
}
