package eval

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/gum"
	"github.com/parallax-news/parallax/internal/eval/polnear"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/text"
)

// quotesTask scores the quote extractor: attributions (cue, source,
// content) on PolNeAR with citron's metrics, quotation spans on GUM, and
// the seeds gold's quotes, speakers and reported speech.
func quotesTask() Task {
	return Task{
		Name: "quotes",
		Doc:  "quotes: PolNeAR test cue/source/content/all P/R/F1, exact and token overlap (citron's metrics); GUM quotation span F1; seeds quote recall/precision, speaker accuracy, reported-speech recall",
		Datasets: []Dataset{
			{Name: "polnear", Marker: "eval/polnear/test", Run: runQuotesPolNeAR},
			{Name: "gum-news", Marker: "eval/gum-news", Run: runQuotesGUM},
			{Name: "seeds", Marker: gold.SeedsFile, Run: runQuotesSeeds},
		},
	}
}

// runQuotesPolNeAR runs the extractor on the raw text of every test
// article and scores it against the lowest-numbered annotator's relations.
// N is the number of articles.
func runQuotesPolNeAR(ctx context.Context, env Env) (Result, error) {
	docs, err := polnear.Read(filepath.Join(env.Root, "eval", "polnear"), polnear.Test)
	if err != nil {
		return Result{}, err
	}
	var c polnear.Counts
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		c = c.Add(polnear.Score(d.Text, d.Attributions, Attributions(quote.Analyze(d.Text).Quotes)))
	}
	return Result{N: len(docs), Metrics: c.Metrics()}, nil
}

// Attributions turns extracted quotes into PolNeAR attributions for
// polnear.Score: Cue, Source (one span or none) and Content as they are,
// Kind from the quote's kind ("partial" for reported speech that holds
// partial quotations, which are part of its content and not listed). A
// quote that continues another (Continues) adds its content to that
// quote's attribution, as PolNeAR marks one attribution per cue.
func Attributions(qs []quote.Quote) []polnear.Attribution {
	mixed := make([]bool, len(qs))
	for _, q := range qs {
		if q.Parent >= 0 && q.Parent < len(qs) {
			mixed[q.Parent] = true
		}
	}
	out := make([]polnear.Attribution, 0, len(qs))
	at := make([]int, len(qs)) // the index in out of each quote's attribution
	for i, q := range qs {
		at[i] = -1
		if q.Parent >= 0 {
			continue // a partial quotation is part of its parent's content there
		}
		if h := q.Continues; h >= 0 && h < i && at[h] >= 0 {
			// A statement that goes on after its attribution's sentence is
			// more content of the same attribution there.
			out[at[h]].Content = append(out[at[h]].Content, q.Content...)
			continue
		}
		at[i] = len(out)
		a := polnear.Attribution{Content: q.Content, Kind: q.Kind.String()}
		if mixed[i] {
			a.Kind = polnear.Partial
		}
		if q.Cue.End > q.Cue.Start {
			a.Cue = []article.Span{q.Cue}
		}
		if q.Source.End > q.Source.Start {
			a.Source = []article.Span{q.Source}
		} else {
			a.NoSource = true
		}
		out = append(out, a)
	}
	return out
}

// runQuotesGUM scores quotation spans on every GUM document: no part of
// the extractor is trained on GUM, so all 43 are held out. N is the number
// of documents.
func runQuotesGUM(ctx context.Context, env Env) (Result, error) {
	docs, err := gum.LoadQuotations(filepath.Join(env.Root, "eval", "gum-news"))
	if err != nil {
		return Result{}, err
	}
	var exact, overlap PRF
	gold := 0
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		e, o, n := ScoreGUMQuotes(d, quote.Analyze(d.Text).Quotes)
		exact, overlap, gold = exact.Add(e), overlap.Add(o), gold+n
	}
	m := exact.Metrics("")
	for k, v := range overlap.Metrics("") {
		m[k+"_overlap"] = v
	}
	m["gold"] = float64(gold)
	return Result{N: len(docs), Metrics: m}, nil
}

// ScoreGUMQuotes scores the content parts of the Direct and Partial quotes
// of d's text against GUM's quotations, exactly and by overlap (Spans'
// one-to-one matching), and returns the gold count too. The rules:
//
//   - Gold spans are the <quote> elements. Elements separated only by
//     white space are joined: GUM closes a <quote> at each sentence end,
//     while a quote's content runs from its opening mark to its closing
//     one.
//   - Both sides lose the white space and quotation marks at their edges
//     (" “ ” ‘ ’ ' « » „ `): GUM puts the marks inside or outside an
//     element as its tokens fall, and a block quotation has none.
//   - <q> elements (titles, names, scare quotes) are not gold, and a
//     predicted part that overlaps one but no gold span is not scored:
//     GUM does not say whether those are quotations.
func ScoreGUMQuotes(d gum.Doc, pred []quote.Quote) (exact, overlap PRF, gold int) {
	var golds, ignore []article.Span
	var quotes []article.Span
	for _, q := range d.Quotations {
		if q.Mention {
			ignore = append(ignore, trimQuote(d.Text, q.Span))
			continue
		}
		quotes = append(quotes, q.Span)
	}
	sort.Slice(quotes, func(i, j int) bool { return quotes[i].Start < quotes[j].Start })
	for _, s := range quotes {
		if n := len(golds); n > 0 && s.Start >= golds[n-1].End && strings.TrimSpace(d.Text[golds[n-1].End:s.Start]) == "" {
			golds[n-1].End = s.End
			continue
		}
		if n := len(golds); n > 0 && s.Start < golds[n-1].End { // nested: keep the outer
			golds[n-1].End = max(golds[n-1].End, s.End)
			continue
		}
		golds = append(golds, s)
	}
	for i, s := range golds {
		golds[i] = trimQuote(d.Text, s)
	}
	var preds []article.Span
	for _, q := range pred {
		if q.Kind != quote.Direct && q.Kind != quote.Partial {
			continue
		}
		for _, c := range q.Content {
			if c.Start < 0 || c.End > len(d.Text) || c.End <= c.Start {
				continue
			}
			s := trimQuote(d.Text, c)
			if s.End <= s.Start || (overlapsAny(s, ignore) && !overlapsAny(s, golds)) {
				continue
			}
			preds = append(preds, s)
		}
	}
	return Spans(golds, preds, Exact), Spans(golds, preds, Overlap), len(golds)
}

// trimQuote narrows s past white space and quotation marks at its edges.
func trimQuote(t string, s article.Span) article.Span {
	inner := strings.TrimFunc(t[s.Start:s.End], isQuoteOrSpace)
	if inner == "" {
		return article.Span{Start: s.Start, End: s.Start}
	}
	start := s.Start + strings.Index(t[s.Start:s.End], inner)
	return article.Span{Start: start, End: start + len(inner)}
}

func isQuoteOrSpace(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '`':
		return true
	}
	return unicode.IsSpace(r)
}

// runQuotesSeeds builds the seed articles as ingest does, runs the
// extractor and scores it with ScoreSeedQuotes. N is the number of seed
// articles.
func runQuotesSeeds(ctx context.Context, env Env) (Result, error) {
	s, err := gold.Load(env.Root)
	if err != nil {
		return Result{}, err
	}
	texts := map[string]string{}
	preds := map[string]*quote.Doc{}
	for _, name := range s.DocNames() {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		a, _, _, err := ingest.Build(&source.Record{Origin: name, Format: article.FormatText, Body: []byte(s.Docs[name])})
		if err != nil {
			return Result{}, fmt.Errorf("seeds %s: %w", name, err)
		}
		texts[name] = a.Text
		preds[name] = quote.Analyze(a.Text)
	}
	return Result{N: len(texts), Metrics: ScoreSeedQuotes(texts, preds, s.Quotes, s.ReportedSpeech)}, nil
}

// The thresholds of seed matching. They were fixed before any extractor
// ran on the seeds and are not tuned to them.
const (
	// seedCover is the share of a gold quote's words a predicted
	// content must hold.
	seedCover = 0.8
	// seedLonger is how many times the gold quote's words a predicted
	// content may hold at most.
	seedLonger = 2.0
	// seedReportedCover is the share of a gold reported-speech item's
	// words that one predicted quote's source, cue and content must hold.
	seedReportedCover = 0.5
)

// ScoreSeedQuotes scores predicted quotes (by doc name) against the seeds
// gold: texts are the analysed texts, quotes the gold direct and partial
// quotes, reported the gold reported speech. Gold texts are found in the
// analysed text by exact search; words are text.Tokens other than
// punctuation, quotation marks and symbols, so quotation marks and edge
// punctuation never count. The metrics:
//
//   - quotes_recall: gold quotes found. A gold quote is found by a
//     predicted quote of the same kind (direct, partial) whose content
//     parts hold at least 80% of the gold quote's words (at one of its
//     places in the text) and at most twice as many words as the gold
//     quote has.
//   - quotes_precision: predicted Direct and Partial quotes that find some
//     gold quote, over all of them, counted in the docs that have gold
//     quotes only (the others were not annotated for quotes).
//   - speaker_accuracy: among found gold quotes, those whose finder (the
//     one holding most of its words when several do, the one with the
//     fewest other words on a tie) has a speaker entity
//     whose name or one of whose aliases, in its article or in the
//     canonical entity the entity linker makes of it across all the
//     seeds (the speaker the picture shows), is the gold speaker (or one
//     of the gold's alternatives, see goldSpeakers), compared
//     without case, diacritics, periods or extra spaces. A gold speaker
//     the gold calls "unnamed ..." or "anonymous ..." is right when the
//     finder is marked Anonymous.
//   - reported_recall: gold reported-speech items of which one predicted
//     Reported or Partial quote's source, cue and content together hold at
//     least half the words.
//
// gold_quotes, gold_reported and predicted give the counts.
func ScoreSeedQuotes(texts map[string]string, preds map[string]*quote.Doc, quotes, reported []gold.Quote) map[string]float64 {
	words := map[string][]article.Span{}
	wordsOf := func(doc string) []article.Span {
		if w, ok := words[doc]; ok {
			return w
		}
		var w []article.Span
		for _, t := range text.Tokens(texts[doc], nil) {
			switch t.Kind {
			case text.Punct, text.Quote, text.Symbol:
			default:
				w = append(w, t.Span)
			}
		}
		words[doc] = w
		return w
	}
	// in returns the indexes of the words of doc inside any of spans.
	in := func(doc string, spans ...article.Span) map[int]bool {
		set := map[int]bool{}
		for i, w := range wordsOf(doc) {
			for _, s := range spans {
				if w.Start >= s.Start && w.End <= s.End {
					set[i] = true
					break
				}
			}
		}
		return set
	}
	shared := func(a, b map[int]bool) int {
		n := 0
		for i := range a {
			if b[i] {
				n++
			}
		}
		return n
	}
	// places returns the word sets of every occurrence of g's text.
	places := func(g gold.Quote) []map[int]bool {
		var out []map[int]bool
		for _, s := range locate(texts[g.Doc], g.Text) {
			if set := in(g.Doc, s); len(set) > 0 {
				out = append(out, set)
			}
		}
		return out
	}
	// covers returns how many of g's words pred holds at its best place,
	// or 0 when the rule is not met.
	covers := func(gp []map[int]bool, pred map[int]bool, cover, longer float64) int {
		best := 0
		for _, gs := range gp {
			n := shared(gs, pred)
			if float64(n) >= cover*float64(len(gs)) && (longer == 0 || float64(len(pred)) <= longer*float64(len(gs))) {
				best = max(best, n)
			}
		}
		return best
	}

	type predQuote struct {
		doc   string
		q     *quote.Quote
		words map[int]bool
		found bool
	}
	var preds1 []*predQuote
	byDoc := map[string][]*predQuote{}
	for doc, d := range preds {
		if d == nil {
			continue
		}
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if q.Kind != quote.Direct && q.Kind != quote.Partial {
				continue
			}
			p := &predQuote{doc: doc, q: q, words: in(doc, q.Content...)}
			preds1 = append(preds1, p)
			byDoc[doc] = append(byDoc[doc], p)
		}
	}
	// Canonical speakers across the seeds, as the picture shows them.
	l := entity.NewLinker()
	global := map[string][]int{}
	for _, doc := range slices.Sorted(maps.Keys(preds)) {
		if d := preds[doc]; d != nil && d.Entities != nil {
			global[doc] = l.AddDoc(doc, d.Entities)
		}
	}
	globals := map[int]*entity.Global{}
	for _, g := range l.Entities() {
		globals[g.ID] = g
	}
	canonical := func(doc string, i int) *entity.Global {
		if ids := global[doc]; i >= 0 && i < len(ids) {
			return globals[l.Canonical(ids[i])]
		}
		return nil
	}
	goldDocs := map[string]bool{}
	var found, speakerOK int
	for _, g := range quotes {
		goldDocs[g.Doc] = true
		gp := places(g)
		var best *predQuote
		bestN := 0
		for _, p := range byDoc[g.Doc] {
			if p.q.Kind.String() != g.Kind {
				continue
			}
			if n := covers(gp, p.words, seedCover, seedLonger); n > 0 {
				p.found = true
				if n > bestN || n == bestN && len(p.words) < len(best.words) {
					best, bestN = p, n
				}
			}
		}
		if best == nil {
			continue
		}
		found++
		ok := unnamedGold(g.Speaker) && best.q.Anonymous
		for _, name := range goldSpeakers(g.Speaker) {
			ok = ok || speakerIs(preds[g.Doc], best.q.Speaker, name) || globalIs(canonical(g.Doc, best.q.Speaker), name)
		}
		if ok {
			speakerOK++
		}
	}
	var predN, predFound int
	for _, p := range preds1 {
		if goldDocs[p.doc] {
			predN++
			if p.found {
				predFound++
			}
		}
	}
	var repFound int
	for _, g := range reported {
		gp := places(g)
		d := preds[g.Doc]
		if d == nil {
			continue
		}
		for i := range d.Quotes {
			q := &d.Quotes[i]
			if q.Kind != quote.Reported && q.Kind != quote.Partial {
				continue
			}
			spans := append([]article.Span{q.Source, q.Cue}, q.Content...)
			if covers(gp, in(g.Doc, spans...), seedReportedCover, 0) > 0 {
				repFound++
				break
			}
		}
	}
	return map[string]float64{
		"quotes_recall":    ratio(found, len(quotes)),
		"quotes_precision": ratio(predFound, predN),
		"speaker_accuracy": ratio(speakerOK, found),
		"reported_recall":  ratio(repFound, len(reported)),
		"gold_quotes":      float64(len(quotes)),
		"gold_reported":    float64(len(reported)),
		"predicted":        float64(predN),
	}
}

// locate returns the byte spans of every occurrence of sub in s.
func locate(s, sub string) []article.Span {
	var out []article.Span
	if sub == "" {
		return nil
	}
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return out
		}
		out = append(out, article.Span{Start: off + i, End: off + i + len(sub)})
		off += i + len(sub)
	}
}

// unnamedGold reports whether the gold names an unnamed source ("unnamed
// Iranian diplomat").
func unnamedGold(name string) bool {
	n := foldName(name)
	return strings.HasPrefix(n, "unnamed ") || strings.HasPrefix(n, "anonymous ")
}

// speakerIs says whether entity i of d is named name.
func speakerIs(d *quote.Doc, i int, name string) bool {
	if d == nil || d.Entities == nil || i < 0 || i >= len(d.Entities.Entities) {
		return false
	}
	e := d.Entities.Entities[i]
	want := foldName(name)
	if foldName(e.Name) == want {
		return true
	}
	for _, a := range e.Aliases {
		if foldName(a) == want {
			return true
		}
	}
	return false
}

// goldSpeakers reads the gold's speaker notation: a name, or names that
// are each right separated by " / ", with the annotator's remarks in
// parentheses ("Russia (Kremlin)", "Israel / United States (as the
// article claims)").
func goldSpeakers(s string) []string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	var out []string
	for _, n := range strings.Split(s, " / ") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// globalIs says whether the canonical entity g is named name.
func globalIs(g *entity.Global, name string) bool {
	if g == nil {
		return false
	}
	want := foldName(name)
	if foldName(g.Name) == want {
		return true
	}
	for _, a := range g.Aliases {
		if foldName(a) == want {
			return true
		}
	}
	return false
}

// foldName lower-cases a name and drops diacritics, periods and extra
// spaces: "José  M. Pérez" → "jose m perez".
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == '.' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
