package eval

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/sourcing"
)

// loadedTask scores loaded-language detection: sentence-level biased vs
// non-biased on BABE (5-fold cross-validation of sourcing.BiasModel, and
// the lexicon alone) with the model's words against the annotators'
// marked words, and the loaded words of the lexicon and of the model
// against BASIL's lexical-bias spans.
func loadedTask() Task {
	return Task{
		Name: "loaded",
		Doc:  "loaded language: BABE sentence biased/non-biased macro F1 (5-fold CV of the bias model; lexicon alone) and F1 of the model's words against the marked words; BASIL lexical-bias span F1 of the lexicon's words and (model_*) of the words of the bias model trained on BABE",
		Datasets: []Dataset{
			{Name: "babe", Marker: "eval/babe/babe_SG2.csv", Run: runLoadedBABE},
			{Name: "basil", Marker: "eval/basil/annotations", Run: runLoadedBASIL},
		},
	}
}

// BABERow is one labelled BABE sentence.
type BABERow struct {
	Text   string
	Link   string
	Biased bool
	Words  []string
}

// ReadBABE reads a BABE CSV (";"-separated, header row, optional BOM) and
// returns the rows labelled Biased or Non-biased.
func ReadBABE(path string) ([]BABERow, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("babe: %w", err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff")))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("babe: %s: %w: %v", path, article.ErrCorrupt, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("babe: %s: %w: no rows", path, article.ErrCorrupt)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range []string{"text", "news_link", "label_bias", "biased_words"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("babe: %s: %w: no column %q", path, article.ErrCorrupt, c)
		}
	}
	var rows []BABERow
	for _, rec := range recs[1:] {
		if len(rec) <= col["biased_words"] {
			continue
		}
		lab := rec[col["label_bias"]]
		if lab != "Biased" && lab != "Non-biased" {
			continue
		}
		rows = append(rows, BABERow{Text: rec[col["text"]], Link: rec[col["news_link"]], Biased: lab == "Biased", Words: pyList(rec[col["biased_words"]])})
	}
	return rows, nil
}

// pyList parses a Python-style list of strings: ['a', "b's"].
func pyList(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	var out []string
	for s != "" {
		s = strings.TrimLeft(s, " ,")
		if s == "" {
			break
		}
		q := s[0]
		if q != '\'' && q != '"' {
			break
		}
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			break
		}
		out = append(out, s[1:1+end])
		s = s[end+2:]
	}
	return out
}

// Folds is the number of cross-validation folds on BABE (as in Spinde et
// al. 2021).
const Folds = 5

func runLoadedBABE(ctx context.Context, env Env) (Result, error) {
	rows, err := ReadBABE(filepath.Join(env.Root, "eval", "babe", "babe_SG2.csv"))
	if err != nil {
		return Result{}, err
	}
	m, err := CrossValidateBias(ctx, rows, Folds)
	if err != nil {
		return Result{}, err
	}
	return Result{N: len(rows), Metrics: m}, nil
}

// CrossValidateBias scores sourcing.BiasModel by k-fold cross-validation
// on rows, folds made by article (news link) so that sentences of one
// article never sit on both sides (the folds train in parallel): macro_f1
// of the model, lexicon_macro_f1 of "at least one lexicon word" alone,
// word_f1 of the model's words (BiasModel.Words) against the annotators'
// marked words and words_macro_f1 of "at least one such word", and
// article_threshold, the loaded-words-per-1,000 density that best
// separates mostly-biased articles (pooled sentences) from the others.
func CrossValidateBias(ctx context.Context, rows []BABERow, k int) (map[string]float64, error) {
	links := map[string]int{}
	var order []string
	for _, r := range rows {
		if _, ok := links[r.Link]; !ok {
			links[r.Link] = len(order)
			order = append(order, r.Link)
		}
	}
	rng := rand.New(rand.NewPCG(20240601, 1))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	fold := map[string]int{}
	for i, l := range order {
		fold[l] = i % k
	}
	type foldResult struct {
		model, lexOnly, anyWord confusion
		words                   BASILCounts
	}
	res := make([]foldResult, k)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	for f := 0; f < k; f++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			var train []sourcing.BiasExample
			for _, r := range rows {
				if fold[r.Link] != f {
					train = append(train, sourcing.BiasExample{Text: r.Text, Biased: r.Biased, Words: r.Words, Group: r.Link})
				}
			}
			m := sourcing.TrainBias(train, sourcing.BiasOptions{Seed: uint64(f + 1)})
			fr := &res[f]
			for _, r := range rows {
				if fold[r.Link] != f {
					continue
				}
				fr.model.add(r.Biased, m.Prob(r.Text) >= 0.5)
				fr.lexOnly.add(r.Biased, len(sourcing.LoadedSpans(r.Text)) > 0)
				pred := m.Words(r.Text)
				fr.anyWord.add(r.Biased, len(pred) > 0)
				fr.words.Add(r.Text, markedSpans(r.Text, r.Words), pred)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var model, lexOnly, anyWord confusion
	var words BASILCounts
	for _, fr := range res {
		model.merge(fr.model)
		lexOnly.merge(fr.lexOnly)
		anyWord.merge(fr.anyWord)
		words.merge(fr.words)
	}
	wm := words.Metrics()
	return map[string]float64{
		"macro_f1":          model.macroF1(),
		"accuracy":          model.accuracy(),
		"lexicon_macro_f1":  lexOnly.macroF1(),
		"words_macro_f1":    anyWord.macroF1(),
		"word_f1":           wm["token_f1"],
		"article_threshold": articleThreshold(rows),
	}, nil
}

// markedSpans returns the spans of the words of text that are among the
// annotators' marked words (compared case-insensitively, word by word).
func markedSpans(text string, marked []string) []article.Span {
	mk := map[string]bool{}
	for _, m := range marked {
		for _, w := range strings.FieldsFunc(strings.ToLower(m), notWordRune) {
			mk[w] = true
		}
	}
	var out []article.Span
	start := -1
	for i, r := range text + " " {
		if !notWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && mk[strings.ToLower(text[start:i])] {
			out = append(out, article.Span{Start: start, End: i})
		}
		start = -1
	}
	return out
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
}

// articleThreshold pools BABE sentences by article and returns the
// loaded-word density (per 1,000 words) that best separates articles whose
// sentences are mostly biased from the others, by macro F1.
func articleThreshold(rows []BABERow) float64 {
	type art struct {
		words, loaded, biased, n int
	}
	arts := map[string]*art{}
	for _, r := range rows {
		a := arts[r.Link]
		if a == nil {
			a = &art{}
			arts[r.Link] = a
		}
		a.words += len(strings.Fields(r.Text))
		a.loaded += len(sourcing.OwnLoadedSpans(r.Text, quote.Analyze(r.Text).Quotes))
		a.n++
		if r.Biased {
			a.biased++
		}
	}
	type pt struct {
		d      float64
		biased bool
	}
	var pts []pt
	for _, a := range arts {
		if a.words == 0 {
			continue
		}
		pts = append(pts, pt{1000 * float64(a.loaded) / float64(a.words), 2*a.biased > a.n})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].d < pts[j].d })
	best, bestT := -1.0, 0.0
	for t := 0.0; t <= 60; t += 1 {
		var c confusion
		for _, p := range pts {
			c.add(p.biased, p.d >= t)
		}
		if f := c.macroF1(); f > best {
			best, bestT = f, t
		}
	}
	return bestT
}

// confusion counts a binary classifier's outcomes.
type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(gold, pred bool) {
	switch {
	case gold && pred:
		c.tp++
	case !gold && pred:
		c.fp++
	case gold && !pred:
		c.fn++
	default:
		c.tn++
	}
}

func (c confusion) macroF1() float64 {
	pos := f1(ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn))
	neg := f1(ratio(c.tn, c.tn+c.fn), ratio(c.tn, c.tn+c.fp))
	return (pos + neg) / 2
}

func (c *confusion) merge(o confusion) {
	c.tp += o.tp
	c.fp += o.fp
	c.fn += o.fn
	c.tn += o.tn
}

func (c confusion) accuracy() float64 { return ratio(c.tp+c.tn, c.tp+c.fp+c.fn+c.tn) }

// basilLexAnnotation is the part of a BASIL annotation file the task reads.
type basilLexAnnotation struct {
	Phrases []struct {
		Bias  string `json:"bias"`
		Start int    `json:"start"`
		End   int    `json:"end"`
		Txt   string `json:"txt"`
	} `json:"phrase-level-annotations"`
}

type basilBody struct {
	Paragraphs [][]string `json:"body-paragraphs"`
}

// runLoadedBASIL scores the lexicon's loaded words against BASIL's
// lexical-bias spans, sentence by sentence, and (model_*) the words of a
// sourcing.BiasModel trained on all of BABE's shared rows, when they are
// in the data root. BASIL gives offsets within a
// sentence (in characters, not bytes) but not which sentence: a span is
// placed in the first sentence whose text at those offsets is the span's
// text. span_f1 counts a
// predicted span as right when it overlaps a gold span (and a gold span
// as found when a prediction overlaps it); token_f1 compares words.
func runLoadedBASIL(ctx context.Context, env Env) (Result, error) {
	root := filepath.Join(env.Root, "eval", "basil")
	var files []string
	err := filepath.WalkDir(filepath.Join(root, "annotations"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, "_ann.json") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("basil: %w", err)
	}
	sort.Strings(files)
	// the bias model's words, when BABE is there to train it on
	var model *sourcing.BiasModel
	if rows, err := ReadBABE(filepath.Join(env.Root, "eval", "babe", "babe_SG2.csv")); err == nil {
		ex := make([]sourcing.BiasExample, len(rows))
		for i, r := range rows {
			ex[i] = sourcing.BiasExample{Text: r.Text, Biased: r.Biased, Words: r.Words, Group: r.Link}
		}
		model = sourcing.TrainBias(ex, sourcing.BiasOptions{Seed: 1})
	}
	var s, ms BASILCounts
	for _, af := range files {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		rel, _ := filepath.Rel(filepath.Join(root, "annotations"), af)
		artPath := filepath.Join(root, "articles", strings.TrimSuffix(rel, "_ann.json")+".json")
		var ann basilLexAnnotation
		var art basilBody
		if err := readJSON(af, &ann); err != nil {
			return Result{}, err
		}
		if err := readJSON(artPath, &art); err != nil {
			return Result{}, err
		}
		var sents []string
		for _, p := range art.Paragraphs {
			sents = append(sents, p...)
		}
		gold := make([][]article.Span, len(sents))
		for _, ph := range ann.Phrases {
			if ph.Bias != "lex" {
				continue
			}
			for i, st := range sents {
				if sp, ok := runeSpan(st, ph.Start, ph.End); ok && st[sp.Start:sp.End] == ph.Txt {
					gold[i] = append(gold[i], sp)
					break
				}
			}
		}
		for i, st := range sents {
			s.Add(st, gold[i], sourcing.LoadedSpans(st))
			if model != nil {
				ms.Add(st, gold[i], model.Words(st))
			}
		}
	}
	m := s.Metrics()
	if model != nil {
		for k, v := range ms.Metrics() {
			if k != "gold_spans" {
				m["model_"+k] = v
			}
		}
	}
	return Result{N: len(files), Metrics: m}, nil
}

// runeSpan converts a span of code-point offsets into s (BASIL counts
// characters, as Python does) to byte offsets.
func runeSpan(s string, start, end int) (article.Span, bool) {
	if start < 0 || start >= end {
		return article.Span{}, false
	}
	sp, n := article.Span{Start: -1, End: -1}, 0
	for i := range s {
		if n == start {
			sp.Start = i
		}
		if n == end {
			sp.End = i
			break
		}
		n++
	}
	if n == end && sp.End < 0 {
		sp.End = len(s)
	}
	return sp, sp.Start >= 0 && sp.End >= 0
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("basil: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("basil: %s: %w: %v", path, article.ErrCorrupt, err)
	}
	return nil
}

// BASILCounts accumulates span and token agreement of predicted loaded
// spans with gold lexical-bias spans.
type BASILCounts struct {
	goldSpans, goldFound, predSpans, predRight int
	tokTP, tokFP, tokFN                        int
}

// Add scores one sentence.
func (c *BASILCounts) Add(sentence string, gold, pred []article.Span) {
	c.goldSpans += len(gold)
	c.predSpans += len(pred)
	for _, g := range gold {
		for _, p := range pred {
			if g.Overlaps(p) {
				c.goldFound++
				break
			}
		}
	}
	for _, p := range pred {
		for _, g := range gold {
			if g.Overlaps(p) {
				c.predRight++
				break
			}
		}
	}
	in := func(spans []article.Span, s article.Span) bool {
		for _, x := range spans {
			if x.Overlaps(s) {
				return true
			}
		}
		return false
	}
	for _, w := range wordSpans(sentence) {
		g, p := in(gold, w), in(pred, w)
		switch {
		case g && p:
			c.tokTP++
		case p:
			c.tokFP++
		case g:
			c.tokFN++
		}
	}
}

func (c *BASILCounts) merge(o BASILCounts) {
	c.goldSpans += o.goldSpans
	c.goldFound += o.goldFound
	c.predSpans += o.predSpans
	c.predRight += o.predRight
	c.tokTP += o.tokTP
	c.tokFP += o.tokFP
	c.tokFN += o.tokFN
}

// Metrics returns span_precision, span_recall, span_f1, token_f1 and
// gold_spans.
func (c BASILCounts) Metrics() map[string]float64 {
	p, r := ratio(c.predRight, c.predSpans), ratio(c.goldFound, c.goldSpans)
	tp, tr := ratio(c.tokTP, c.tokTP+c.tokFP), ratio(c.tokTP, c.tokTP+c.tokFN)
	return map[string]float64{
		"span_precision": p, "span_recall": r, "span_f1": f1(p, r),
		"token_f1": f1(tp, tr), "gold_spans": float64(c.goldSpans),
	}
}

// wordSpans returns the spans of the space-separated words of s.
func wordSpans(s string) []article.Span {
	var out []article.Span
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, article.Span{Start: start, End: i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}
