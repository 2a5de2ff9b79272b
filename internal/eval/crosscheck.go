package eval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/crosscheck"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/polnear"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/picture"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/source"
)

// crosscheckTask scores the quote cross-check: per-verdict precision and
// recall on stories generated from real PolNeAR quotations, and the seeds
// gold's cross-check findings.
func crosscheckTask() Task {
	return Task{
		Name: "crosscheck",
		Doc:  "quote cross-check: per-verdict P/R on stories generated from PolNeAR train+dev quotations (verbatim, altered, speaker swapped, spliced, invented); seeds gold findings recall/precision",
		Datasets: []Dataset{
			{Name: "generated", Marker: "eval/polnear/train", Run: runCrosscheckGenerated},
			{Name: "seeds", Marker: gold.SeedsFile, Run: runCrosscheckSeeds},
		},
	}
}

// CrosscheckVerdicts are the verdicts scored on the generated benchmark.
var CrosscheckVerdicts = []string{crosscheck.Verbatim, crosscheck.Corroborated, crosscheck.Altered,
	crosscheck.Misattributed, crosscheck.Composite, crosscheck.Uncorroborated}

// genStories is how many stories the generated benchmark has; genSeed
// makes it the same on every run.
const (
	genStories = 300
	genSeed    = 20250608
)

func runCrosscheckGenerated(ctx context.Context, env Env) (Result, error) {
	stories, err := GenerateCrosscheck(filepath.Join(env.Root, "eval", "polnear"), genStories, genSeed)
	if err != nil {
		return Result{}, err
	}
	c, err := crosscheck.New(crosscheck.Options{})
	if err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	return Result{N: len(stories), Metrics: ScoreCrosscheck(c, stories)}, nil
}

// GenStory is one generated story: its articles, their quotations, and
// the verdicts each quotation deserves, keyed "article#index".
type GenStory struct {
	Articles []crosscheck.Article
	Quotes   []crosscheck.Quote
	Want     map[string]map[string]bool
}

// ScoreCrosscheck checks every story and returns precision_<verdict> and
// recall_<verdict> over (article, quotation, verdict) triples.
func ScoreCrosscheck(c *crosscheck.Checker, stories []GenStory) map[string]float64 {
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	scored := map[string]bool{}
	for _, v := range CrosscheckVerdicts {
		scored[v] = true
	}
	for _, st := range stories {
		got := map[string]map[string]bool{}
		for _, f := range c.Check(st.Articles, st.Quotes) {
			if !scored[f.Kind] {
				continue
			}
			k := f.Article + "#" + strconv.Itoa(f.Quote)
			if got[k] == nil {
				got[k] = map[string]bool{}
			}
			got[k][f.Kind] = true
		}
		for k, kinds := range got {
			for v := range kinds {
				if st.Want[k][v] {
					tp[v]++
				} else {
					fp[v]++
				}
			}
		}
		for k, kinds := range st.Want {
			for v := range kinds {
				if !got[k][v] {
					fn[v]++
				}
			}
		}
	}
	m := map[string]float64{}
	for _, v := range CrosscheckVerdicts {
		name := strings.TrimSuffix(v, "_quote")
		m["precision_"+name] = ratio(tp[v], tp[v]+fp[v])
		m["recall_"+name] = ratio(tp[v], tp[v]+fn[v])
	}
	return m
}

// genQuote is a real quotation of the source corpus and its speaker.
type genQuote struct {
	doc     int
	words   []string
	speaker string
}

// GenerateCrosscheck builds n stories from the direct quotations of the
// PolNeAR train and dev splits under root. Each story has five original
// quotations by five speakers placed in an otherwise real article (the
// paragraphs of another PolNeAR article), and three more articles: an
// independent one with four of them verbatim (one without a known
// speaker) and a partial quotation of one; one with a quotation whose
// 1-3 words are replaced, one whose speaker is swapped, two quotations
// spliced into one, and an invented quotation (a real one from an article
// outside the story); and a copy of the original article (CopyOf) by
// another outlet. The same seed gives the same stories.
func GenerateCrosscheck(root string, n int, seed uint64) ([]GenStory, error) {
	var docs []polnear.Doc
	for _, split := range []string{polnear.Train, polnear.Dev} {
		d, err := polnear.Read(root, split)
		if err != nil {
			return nil, fmt.Errorf("crosscheck benchmark: %w", err)
		}
		docs = append(docs, d...)
	}
	var pool []genQuote
	var vocab []string
	for i, d := range docs {
		for _, a := range d.Attributions {
			if a.Kind != polnear.Direct || len(a.Content) != 1 || len(a.Source) != 1 {
				continue
			}
			words := strings.Fields(strings.Trim(a.Content[0].In(d.Text), "\"“”‘’'«» ,.;:"))
			sp := strings.TrimSpace(a.Source[0].In(d.Text))
			if len(words) < 8 || len(words) > 40 || !speakerLike(sp) || strings.ContainsAny(strings.Join(words, " "), "\"“”«»\n") {
				continue
			}
			pool = append(pool, genQuote{doc: i, words: words, speaker: sp})
			vocab = append(vocab, words...)
		}
	}
	if len(pool) < 20 || len(docs) < 20 {
		return nil, fmt.Errorf("crosscheck benchmark: only %d usable quotations in %s: %w", len(pool), root, article.ErrCorrupt)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]GenStory, 0, n)
	for s := range n {
		out = append(out, genStory(r, s, docs, pool, vocab))
	}
	return out, nil
}

// speakerLike accepts a source that names someone: capitalized, short,
// not a pronoun.
func speakerLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 || strings.ContainsAny(s, "\"“”\n,") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "he", "she", "they", "it", "we", "i", "you", "this", "that":
		return false
	}
	return true
}

// genArticle assembles an article from host paragraphs and quotation
// paragraphs.
type genArticle struct {
	id, outlet string
	b          strings.Builder
	quotes     []crosscheck.Quote
	want       []map[string]bool
}

func (g *genArticle) para(s string) {
	if g.b.Len() > 0 {
		g.b.WriteByte('\n')
	}
	g.b.WriteString(s)
}

// quote writes a quotation paragraph and records the quotation.
func (g *genArticle) quote(kind string, words []string, speaker string, knownSpeaker bool, want ...string) {
	if g.b.Len() > 0 {
		g.b.WriteByte('\n')
	}
	text := strings.Join(words, " ")
	var start, end int
	if kind == "partial" {
		g.b.WriteString(speaker + " described it as ")
		start = g.b.Len()
		g.b.WriteString("“" + text + "”")
		end = g.b.Len()
		g.b.WriteString(" in a statement.")
	} else {
		start = g.b.Len()
		g.b.WriteString("“" + text + ",”")
		end = g.b.Len()
		g.b.WriteString(" said " + speaker + ".")
	}
	q := crosscheck.Quote{Article: g.id, Index: len(g.quotes), Kind: kind, Content: []article.Span{{Start: start, End: end}}, SpeakerName: speaker}
	if knownSpeaker {
		q.Speaker = strings.ToLower(speaker)
	}
	g.quotes = append(g.quotes, q)
	w := map[string]bool{}
	for _, v := range want {
		w[v] = true
	}
	g.want = append(g.want, w)
}

func genStory(r *rand.Rand, s int, docs []polnear.Doc, pool []genQuote, vocab []string) GenStory {
	// Five originals from five articles by five speakers, and an invented
	// one from a sixth.
	var qs []genQuote
	usedDoc, usedSpeaker := map[int]bool{}, map[string]bool{}
	for len(qs) < 6 {
		q := pool[r.IntN(len(pool))]
		key := strings.ToLower(q.speaker)
		if usedDoc[q.doc] || usedSpeaker[key] {
			continue
		}
		usedDoc[q.doc], usedSpeaker[key] = true, true
		qs = append(qs, q)
	}
	hosts := func() []string {
		for {
			d := r.IntN(len(docs))
			if usedDoc[d] {
				continue
			}
			var ps []string
			for _, p := range strings.Split(docs[d].Text, "\n") {
				if len(strings.Fields(p)) >= 8 {
					ps = append(ps, strings.TrimSpace(p))
				}
			}
			if len(ps) < 4 {
				continue
			}
			usedDoc[d] = true
			from := r.IntN(len(ps) - 3)
			return ps[from : from+4]
		}
	}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s) * 24 * time.Hour)
	arts := make([]*genArticle, 4)
	for i := range arts {
		arts[i] = &genArticle{id: fmt.Sprintf("s%03d-a%d", s, i), outlet: fmt.Sprintf("gen-outlet-%d-%d", s, i)}
	}
	type item func(g *genArticle)
	build := func(g *genArticle, items []item) {
		r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		host := hosts()
		for i, it := range items {
			if i < len(host) {
				g.para(host[i])
			}
			it(g)
		}
		for i := len(items); i < len(host); i++ {
			g.para(host[i])
		}
	}
	const (
		corr, verb, alt, mis, comp, unc = crosscheck.Corroborated, crosscheck.Verbatim, crosscheck.Altered,
			crosscheck.Misattributed, crosscheck.Composite, crosscheck.Uncorroborated
	)
	// The original article.
	var items []item
	for i := range 5 {
		want := []string{verb, corr}
		if i == 4 {
			want = []string{verb, unc} // only its copy has it
		}
		items = append(items, func(g *genArticle) { g.quote("direct", qs[i].words, qs[i].speaker, true, want...) })
	}
	build(arts[0], items)
	// An independent article: four verbatim, one speaker unknown, and a
	// partial quotation of the first.
	items = nil
	unknown := r.IntN(4)
	for i := range 4 {
		items = append(items, func(g *genArticle) { g.quote("direct", qs[i].words, qs[i].speaker, i != unknown, corr) })
	}
	fl := 3 + r.IntN(4)
	from := r.IntN(len(qs[0].words) - fl + 1)
	frag := qs[0].words[from : from+fl]
	items = append(items, func(g *genArticle) { g.quote("partial", frag, qs[0].speaker, true, corr) })
	build(arts[1], items)
	// The article of changes.
	altered := append([]string(nil), qs[0].words...)
	for _, k := range r.Perm(len(altered))[:1+r.IntN(3)] {
		for {
			w := vocab[r.IntN(len(vocab))]
			if !strings.EqualFold(w, altered[k]) {
				altered[k] = w
				break
			}
		}
	}
	h3 := len(qs[2].words) * (4 + r.IntN(3)) / 10
	h4 := len(qs[3].words) * (4 + r.IntN(3)) / 10
	splice := append(append([]string(nil), qs[2].words[:h3]...), qs[3].words[h4:]...)
	items = []item{
		func(g *genArticle) { g.quote("direct", altered, qs[0].speaker, true, alt) },
		func(g *genArticle) {
			// An independent article that names no speaker for the
			// same words corroborates them.
			if unknown == 1 {
				g.quote("direct", qs[1].words, qs[2].speaker, true, mis, corr)
			} else {
				g.quote("direct", qs[1].words, qs[2].speaker, true, mis)
			}
		},
		func(g *genArticle) { g.quote("direct", splice, qs[2].speaker, true, comp) },
		func(g *genArticle) { g.quote("direct", qs[5].words, qs[5].speaker, true, unc) },
	}
	build(arts[2], items)
	// A copy of the original by another outlet: the same quotations.
	arts[3].b.WriteString(arts[0].b.String())
	for i, q := range arts[0].quotes {
		q.Article = arts[3].id
		arts[3].quotes = append(arts[3].quotes, q)
		w := map[string]bool{verb: true}
		if arts[0].want[i][unc] {
			w[unc] = true
		} else {
			w[corr] = true
		}
		arts[3].want = append(arts[3].want, w)
	}

	st := GenStory{Want: map[string]map[string]bool{}}
	for i, g := range arts {
		a := crosscheck.Article{ID: g.id, Outlet: g.outlet, Published: t0.Add(time.Duration(i) * time.Hour), Text: g.b.String()}
		if i == 3 {
			a.CopyOf = arts[0].id
		}
		st.Articles = append(st.Articles, a)
		st.Quotes = append(st.Quotes, g.quotes...)
		for k, w := range g.want {
			st.Want[g.id+"#"+strconv.Itoa(k)] = w
		}
	}
	return st
}

// runCrosscheckSeeds runs the quote extractor on the seed articles, links
// their speakers across articles, checks each gold story, and matches the
// findings to the gold's by kind, article and overlapping words. Only
// kinds that say something is wrong are scored (corroborated and verbatim
// quotations are not in the gold).
func runCrosscheckSeeds(ctx context.Context, env Env) (Result, error) {
	s, err := gold.Load(env.Root)
	if err != nil {
		return Result{}, err
	}
	fs, err := SeedFindings(ctx, s)
	if err != nil {
		return Result{}, err
	}
	m, _ := ScoreSeedFindings(s, fs)
	return Result{N: len(s.Crosscheck), Metrics: m}, nil
}

// SeedFindings checks the quotations of each gold story of the seeds.
// Article IDs are the doc names.
func SeedFindings(ctx context.Context, s *gold.Seeds) ([]crosscheck.Finding, error) {
	type doc struct {
		a      crosscheck.Article
		qs     []quote.Quote
		global []int
		ents   *entity.Doc
	}
	docs := map[string]*doc{}
	l := entity.NewLinker()
	for _, name := range s.DocNames() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, _, _, err := ingest.Build(&source.Record{Origin: name, Format: article.FormatText, Body: []byte(s.Docs[name])})
		if err != nil {
			return nil, err
		}
		d := quote.Analyze(a.Text)
		docs[name] = &doc{
			a:  crosscheck.Article{ID: name, Outlet: a.Outlet, Published: a.Published, Text: a.Text},
			qs: d.Quotes, global: l.AddDoc(name, d.Entities), ents: d.Entities,
		}
	}
	names := map[int]string{}
	for _, g := range l.Entities() {
		names[g.ID] = g.Name
	}
	voices := picture.SpeaksFor(l.Entities())
	var out []crosscheck.Finding
	for _, st := range s.Stories {
		var arts []crosscheck.Article
		var qs []crosscheck.Quote
		for _, name := range st.Docs {
			d := docs[name]
			if d == nil {
				continue
			}
			arts = append(arts, d.a)
			for i, q := range d.qs {
				cq := crosscheck.Quote{Article: name, Index: i, Kind: q.Kind.String(), Content: q.Content, Via: q.Via.In(d.a.Text)}
				if q.Speaker >= 0 && q.Speaker < len(d.global) {
					id := l.Canonical(d.global[q.Speaker])
					cq.Speaker, cq.SpeakerName = strconv.Itoa(id), names[id]
					if st, ok := voices[id]; ok {
						cq.For = strconv.Itoa(st)
					}
				}
				qs = append(qs, cq)
			}
		}
		out = append(out, crosscheck.Check(arts, qs)...)
	}
	return out, nil
}

// problemKinds are the finding kinds the seeds gold lists.
var problemKinds = map[string]bool{
	crosscheck.Altered: true, crosscheck.Misattributed: true, crosscheck.Composite: true,
	crosscheck.Uncorroborated: true, "contradicted_claim": true,
}

// ScoreSeedFindings matches findings to the gold: same kind, same doc, and
// at least half of the shorter side's words shared. It returns
// findings_recall and findings_precision, and the findings that matched no
// gold finding.
func ScoreSeedFindings(s *gold.Seeds, fs []crosscheck.Finding) (map[string]float64, []crosscheck.Finding) {
	text := map[string]string{}
	for name, t := range s.Docs {
		text[name] = t
	}
	found := make([]bool, len(s.Crosscheck))
	var tp, pred int
	var wrong []crosscheck.Finding
	for _, f := range fs {
		if !problemKinds[f.Kind] {
			continue
		}
		pred++
		hit := false
		for i, g := range s.Crosscheck {
			if g.Kind == f.Kind && g.Doc == f.Article && wordsOverlap(g.Text, f.Span.In(text[f.Article])) {
				found[i], hit = true, true
			}
		}
		if hit {
			tp++
		} else {
			wrong = append(wrong, f)
		}
	}
	recalled := 0
	for _, ok := range found {
		if ok {
			recalled++
		}
	}
	return map[string]float64{
		"findings_recall":    ratio(recalled, len(s.Crosscheck)),
		"findings_precision": ratio(tp, pred),
	}, wrong
}

// wordsOverlap reports whether a and b share at least half of the words
// of the shorter.
func wordsOverlap(a, b string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	wa, wb := split(a), split(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	in := map[string]bool{}
	for _, w := range wb {
		in[w] = true
	}
	shared := 0
	for _, w := range wa {
		if in[w] {
			shared++
		}
	}
	return 2*shared >= min(len(wa), len(wb))
}
