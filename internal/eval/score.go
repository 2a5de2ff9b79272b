package eval

import (
	"sort"

	"github.com/parallax-news/parallax/internal/article"
)

// PRF counts true positives, false positives and false negatives and derives
// precision, recall and F1 from them. Counts add, so per-document PRFs sum
// into a micro-averaged corpus figure.
type PRF struct {
	TP, FP, FN int
}

// Add returns the sum of p and o.
func (p PRF) Add(o PRF) PRF { return PRF{p.TP + o.TP, p.FP + o.FP, p.FN + o.FN} }

// Precision is TP/(TP+FP), or 0 when nothing was predicted.
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall is TP/(TP+FN), or 0 when there was nothing to find.
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 { return f1(p.Precision(), p.Recall()) }

// Metrics returns precision, recall and f1 under the given key prefix
// ("" gives "precision", "recall", "f1"; "cue_" gives "cue_precision", ...).
func (p PRF) Metrics(prefix string) map[string]float64 {
	return map[string]float64{
		prefix + "precision": p.Precision(),
		prefix + "recall":    p.Recall(),
		prefix + "f1":        p.F1(),
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Match says when a predicted span matches a gold one.
type Match int

const (
	// Exact requires identical boundaries.
	Exact Match = iota
	// Overlap accepts any shared byte (token overlap when spans are
	// token-aligned), as citron's lenient score does.
	Overlap
)

// Spans scores predicted spans against gold spans. Each gold span matches at
// most one predicted span and vice versa; under Overlap, pairs are taken
// greedily by the size of their overlap, largest first, so a long prediction
// covering two gold spans earns one match, not two.
func Spans(gold, pred []article.Span, m Match) PRF {
	lg := make([]Labelled, len(gold))
	for i, s := range gold {
		lg[i] = Labelled{Span: s}
	}
	lp := make([]Labelled, len(pred))
	for i, s := range pred {
		lp[i] = Labelled{Span: s}
	}
	return LabelledSpans(lg, lp, m)
}

// Labelled is a span with a label (an entity type, a quote kind, ...).
type Labelled struct {
	article.Span
	Label string
}

// LabelledSpans scores labelled spans: a match needs the same label and
// matching spans under m. One-to-one, as Spans.
func LabelledSpans(gold, pred []Labelled, m Match) PRF {
	type pair struct{ g, p, ov int }
	var pairs []pair
	pi := sortedIdx(pred)
	for g, gs := range gold {
		// Preds sorted by start: none from the first that starts at or past
		// gs.End can overlap gs (an empty gold span only matches exactly).
		for _, p := range pi {
			ps := pred[p]
			if ps.Start > gs.End || (ps.Start == gs.End && gs.Len() > 0) {
				break
			}
			if ps.Label != gs.Label {
				continue
			}
			switch {
			case ps.Span == gs.Span:
				pairs = append(pairs, pair{g, p, gs.Len() + 1})
			case m == Overlap && overlap(gs.Span, ps.Span) > 0:
				pairs = append(pairs, pair{g, p, overlap(gs.Span, ps.Span)})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].ov > pairs[b].ov })
	usedG := make([]bool, len(gold))
	usedP := make([]bool, len(pred))
	tp := 0
	for _, pr := range pairs {
		if usedG[pr.g] || usedP[pr.p] {
			continue
		}
		usedG[pr.g], usedP[pr.p] = true, true
		tp++
	}
	return PRF{TP: tp, FP: len(pred) - tp, FN: len(gold) - tp}
}

func sortedIdx(s []Labelled) []int {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s[idx[a]].Start < s[idx[b]].Start })
	return idx
}

func overlap(a, b article.Span) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi > lo {
		return hi - lo
	}
	return 0
}

// PerLabel scores each label on its own, keyed by label.
func PerLabel(gold, pred []Labelled, m Match) map[string]PRF {
	labels := map[string]bool{}
	for _, s := range gold {
		labels[s.Label] = true
	}
	for _, s := range pred {
		labels[s.Label] = true
	}
	out := map[string]PRF{}
	for l := range labels {
		out[l] = LabelledSpans(filter(gold, l), filter(pred, l), m)
	}
	return out
}

func filter(s []Labelled, label string) []Labelled {
	var out []Labelled
	for _, x := range s {
		if x.Label == label {
			out = append(out, x)
		}
	}
	return out
}

// Bag scores two multisets of strings (e.g. the tokens of extracted main
// text against the gold text's): TP is the size of their intersection.
func Bag(gold, pred []string) PRF {
	count := make(map[string]int, len(gold))
	for _, g := range gold {
		count[g]++
	}
	tp := 0
	for _, p := range pred {
		if count[p] > 0 {
			count[p]--
			tp++
		}
	}
	return PRF{TP: tp, FP: len(pred) - tp, FN: len(gold) - tp}
}

// Points scores two sets of positions (e.g. sentence-end offsets).
func Points(gold, pred []int) PRF {
	g := make(map[int]bool, len(gold))
	for _, x := range gold {
		g[x] = true
	}
	p := make(map[int]bool, len(pred))
	tp := 0
	for _, x := range pred {
		if p[x] {
			continue
		}
		p[x] = true
		if g[x] {
			tp++
		}
	}
	return PRF{TP: tp, FP: len(p) - tp, FN: len(g) - tp}
}

// BCubed holds B-cubed precision, recall and F1 of a clustering.
type BCubed struct {
	Precision, Recall, F1 float64
	N                     int // items scored
}

// Metrics returns the figures under the parallax eval keys.
func (b BCubed) Metrics() map[string]float64 {
	return map[string]float64{
		"bcubed_precision": b.Precision,
		"bcubed_recall":    b.Recall,
		"bcubed_f1":        b.F1,
	}
}

// ScoreBCubed computes B-cubed precision and recall (Bagga and Baldwin 1998)
// of a predicted clustering against a gold one. Both map an item to its
// cluster label; items are scored when they are in gold. An item of gold
// that pred does not mention counts as a singleton in pred.
func ScoreBCubed[K, G, P comparable](gold map[K]G, pred map[K]P) BCubed {
	type key struct {
		g G
		p P
	}
	gSize := map[G]int{}
	pSize := map[P]int{}
	both := map[key]int{}
	for k, g := range gold {
		gSize[g]++
		if p, ok := pred[k]; ok {
			pSize[p]++
			both[key{g, p}]++
		}
	}
	var prec, rec float64
	for k, g := range gold {
		p, ok := pred[k]
		if !ok {
			prec++ // a singleton in pred is pure
			rec += 1 / float64(gSize[g])
			continue
		}
		inter := float64(both[key{g, p}])
		prec += inter / float64(pSize[p])
		rec += inter / float64(gSize[g])
	}
	n := len(gold)
	if n == 0 {
		return BCubed{}
	}
	b := BCubed{Precision: prec / float64(n), Recall: rec / float64(n), N: n}
	b.F1 = f1(b.Precision, b.Recall)
	return b
}
