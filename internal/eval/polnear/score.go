package polnear

import (
	"sort"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// Score compares predicted attributions with gold ones on one text and
// returns the counts to add up over a corpus. It reproduces the metrics
// of BBC citron (github.com/bbc/citron, citron/metrics.py, function
// evaluate, with the span helpers of citron/utils.py and citron/data.py;
// scripts/evaluate/citron_evaluate.py only calls it), which are the
// figures the PolNeAR and PARC 3.0 comparisons quote:
//
//   - Spans are token spans. Citron maps a character span to the tokens
//     holding its first and its last character, white space belonging to
//     the token before it; Score does the same over text.Tokens (citron
//     uses spaCy's tokens, which split "don't" where ours do not).
//   - Cue, exact: a predicted attribution is a true positive when its cue
//     equals the cue of some gold attribution, else a false positive; a
//     gold attribution is a false negative when no predicted cue equals
//     its cue. Matching is not one-to-one: each side is counted on its own.
//   - Source and content, exact: as for the cue, but a match needs the
//     two cues to overlap (citron's test is start1 <= end2 && end1 >
//     start2, so a cue that starts right where the other ends counts) and
//     the two span lists to be equal: the same number of spans, pairwise
//     equal, in text order (Score sorts both lists; citron takes them in
//     the order its data gives, which is text order). No source on both
//     sides is a match.
//   - All three, exact: cues equal, source lists equal and content lists
//     equal.
//   - Overlap: the number of tokens shared by every (predicted, gold)
//     pair of cues, of source spans and of content spans, whatever the
//     pair, summed; precision divides by the predicted tokens, recall by
//     the gold tokens. "All" adds the three overlaps and the three
//     lengths. (citron passes the predicted and gold lengths of "all" in
//     swapped order, so its printed all-overlap precision and recall are
//     exchanged; F1 is the same either way. Score gives them the right way
//     round.)
//   - Precision, recall or F1 with a zero denominator is 0.
//
// PolNeAR adds what PARC, citron's data, does not have: a relation whose
// Cue is missing is given its Anchor span as cue (the corpus repeats the
// cue there), an empty cue never matches or overlaps anything, and an
// empty span in a list is dropped.
//
// The per-kind content figures go beyond citron, and count tokens once:
// the recall side of kind K is the share of the content tokens of gold
// attributions of kind K that lie in some predicted content, the
// precision side the share of the content tokens of predicted
// attributions of kind K that lie in some gold content. (Citron's sum over
// pairs credits a gold token once per predicted span holding it, so
// overlapping predictions can push its overlap recall up, even past 1.)
func Score(text string, gold, pred []Attribution) Counts {
	tk := newTokenizer(text)
	g := make([]tquote, len(gold))
	for i, a := range gold {
		g[i] = tk.quote(a)
	}
	p := make([]tquote, len(pred))
	for i, a := range pred {
		p[i] = tk.quote(a)
	}
	// The content tokens of each side, for the per-kind figures.
	goldTok, predTok := make([]bool, len(tk.starts)), make([]bool, len(tk.starts))
	for _, q := range g {
		mark(goldTok, q.content)
	}
	for _, q := range p {
		mark(predTok, q.content)
	}
	var c Counts
	c.Gold, c.Pred = len(g), len(p)
	c.Cue = exact(p, g, func(p, g tquote) bool { return equalCues(p.cue, g.cue) })
	c.Source = exact(p, g, func(p, g tquote) bool { return overlapsLists(p.cue, g.cue) && equalLists(p.source, g.source) })
	c.Content = exact(p, g, func(p, g tquote) bool { return overlapsLists(p.cue, g.cue) && equalLists(p.content, g.content) })
	c.All = exact(p, g, func(p, g tquote) bool {
		return equalCues(p.cue, g.cue) && equalLists(p.source, g.source) && equalLists(p.content, g.content)
	})
	for _, pq := range p {
		c.CueOverlap.Pred += length(pq.cue)
		c.SourceOverlap.Pred += length(pq.source)
		c.ContentOverlap.Pred += length(pq.content)
		ko := c.kind(pq.kind)
		ko.Pred += length(pq.content)
		ko.SharedPred += covered(pq.content, goldTok)
		for _, gq := range g {
			c.CueOverlap.Shared += overlap(pq.cue, gq.cue)
			c.SourceOverlap.Shared += overlap(pq.source, gq.source)
			c.ContentOverlap.Shared += overlap(pq.content, gq.content)
		}
	}
	for _, gq := range g {
		c.CueOverlap.Gold += length(gq.cue)
		c.SourceOverlap.Gold += length(gq.source)
		c.ContentOverlap.Gold += length(gq.content)
		ko := c.kind(gq.kind)
		ko.Gold += length(gq.content)
		ko.SharedGold += covered(gq.content, predTok)
	}
	return c
}

// Counts are the sums behind the figures; they add over documents
// (citron micro-averages over the corpus).
type Counts struct {
	Gold, Pred                                int // attributions
	Cue, Source, Content, All                 PRF
	CueOverlap, SourceOverlap, ContentOverlap Overlap
	Direct, Partial, Reported                 KindOverlap
}

// PRF counts exact-match true positives, false positives and false
// negatives. As in citron, TP counts predictions, so TP+FN need not equal
// the gold count.
type PRF struct{ TP, FP, FN int }

// Overlap counts tokens: shared by predicted and gold spans, predicted,
// gold.
type Overlap struct{ Shared, Pred, Gold int }

// KindOverlap is the content overlap of one kind of attribution: content
// tokens of gold attributions of the kind that some prediction holds
// (SharedGold of Gold, the recall side) and content tokens of predictions
// of the kind that some gold attribution holds (SharedPred of Pred, the
// precision side).
type KindOverlap struct{ SharedGold, Gold, SharedPred, Pred int }

func (c *Counts) kind(k string) *KindOverlap {
	switch k {
	case Direct:
		return &c.Direct
	case Partial:
		return &c.Partial
	default:
		return &c.Reported
	}
}

// Add returns the sum of c and o.
func (c Counts) Add(o Counts) Counts {
	add := func(a, b PRF) PRF { return PRF{a.TP + b.TP, a.FP + b.FP, a.FN + b.FN} }
	addO := func(a, b Overlap) Overlap { return Overlap{a.Shared + b.Shared, a.Pred + b.Pred, a.Gold + b.Gold} }
	addK := func(a, b KindOverlap) KindOverlap {
		return KindOverlap{a.SharedGold + b.SharedGold, a.Gold + b.Gold, a.SharedPred + b.SharedPred, a.Pred + b.Pred}
	}
	return Counts{
		Gold: c.Gold + o.Gold, Pred: c.Pred + o.Pred,
		Cue: add(c.Cue, o.Cue), Source: add(c.Source, o.Source), Content: add(c.Content, o.Content), All: add(c.All, o.All),
		CueOverlap: addO(c.CueOverlap, o.CueOverlap), SourceOverlap: addO(c.SourceOverlap, o.SourceOverlap),
		ContentOverlap: addO(c.ContentOverlap, o.ContentOverlap),
		Direct:         addK(c.Direct, o.Direct), Partial: addK(c.Partial, o.Partial), Reported: addK(c.Reported, o.Reported),
	}
}

// Metrics returns the figures under lower_snake_case keys:
// <part>_precision, <part>_recall, <part>_f1 (exact) and the same with an
// _overlap suffix, for part cue, source, content and all;
// content_{precision,recall,f1}_overlap_<kind> for kind direct, partial
// and reported; gold and predicted, the attribution counts.
func (c Counts) Metrics() map[string]float64 {
	m := map[string]float64{"gold": float64(c.Gold), "predicted": float64(c.Pred)}
	set := func(prefix, suffix string, p, r float64) {
		m[prefix+"_precision"+suffix] = p
		m[prefix+"_recall"+suffix] = r
		m[prefix+"_f1"+suffix] = f1(p, r)
	}
	exactPR := func(x PRF) (float64, float64) { return ratio(x.TP, x.TP+x.FP), ratio(x.TP, x.TP+x.FN) }
	overlapPR := func(x Overlap) (float64, float64) { return ratio(x.Shared, x.Pred), ratio(x.Shared, x.Gold) }
	for _, part := range []struct {
		name string
		e    PRF
		o    Overlap
	}{
		{"cue", c.Cue, c.CueOverlap},
		{"source", c.Source, c.SourceOverlap},
		{"content", c.Content, c.ContentOverlap},
		{"all", c.All, Overlap{
			Shared: c.CueOverlap.Shared + c.SourceOverlap.Shared + c.ContentOverlap.Shared,
			Pred:   c.CueOverlap.Pred + c.SourceOverlap.Pred + c.ContentOverlap.Pred,
			Gold:   c.CueOverlap.Gold + c.SourceOverlap.Gold + c.ContentOverlap.Gold,
		}},
	} {
		p, r := exactPR(part.e)
		set(part.name, "", p, r)
		p, r = overlapPR(part.o)
		set(part.name, "_overlap", p, r)
	}
	for _, k := range []struct {
		name string
		o    KindOverlap
	}{{Direct, c.Direct}, {Partial, c.Partial}, {Reported, c.Reported}} {
		set("content", "_overlap_"+k.name, ratio(k.o.SharedPred, k.o.Pred), ratio(k.o.SharedGold, k.o.Gold))
	}
	return m
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

// exact counts citron-style: each prediction is a TP if it matches some
// gold attribution, else an FP; each gold attribution no prediction
// matches is an FN.
func exact(pred, gold []tquote, match func(p, g tquote) bool) PRF {
	var c PRF
	for _, p := range pred {
		hit := false
		for _, g := range gold {
			if match(p, g) {
				hit = true
				break
			}
		}
		if hit {
			c.TP++
		} else {
			c.FP++
		}
	}
	for _, g := range gold {
		hit := false
		for _, p := range pred {
			if match(p, g) {
				hit = true
				break
			}
		}
		if !hit {
			c.FN++
		}
	}
	return c
}

// tspan is a token span [start, end).
type tspan struct{ start, end int }

// tquote is an attribution in token spans.
type tquote struct {
	cue, source, content []tspan
	kind                 string
}

type tokenizer struct {
	starts []int // byte start of each token
}

func newTokenizer(s string) tokenizer {
	toks := text.Tokens(s, nil)
	t := tokenizer{starts: make([]int, len(toks))}
	for i, k := range toks {
		t.starts[i] = k.Start
	}
	return t
}

// at returns the token holding byte b, white space counting with the
// token before it; bytes before the first token go to the first token.
func (t tokenizer) at(b int) int {
	i := sort.SearchInts(t.starts, b+1) - 1 // last token starting at or before b
	return max(i, 0)
}

func (t tokenizer) spans(ss []article.Span) []tspan {
	var out []tspan
	for _, s := range ss {
		if s.End <= s.Start || len(t.starts) == 0 {
			continue
		}
		out = append(out, tspan{t.at(s.Start), t.at(s.End-1) + 1})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end < out[j].end
	})
	return out
}

func (t tokenizer) quote(a Attribution) tquote {
	cue := a.Cue
	if len(cue) == 0 {
		cue = a.Anchor
	}
	return tquote{cue: t.spans(cue), source: t.spans(a.Source), content: t.spans(a.Content), kind: a.Kind}
}

// equalCues is citron's are_matching_spans for cues: a cue must be there
// to match.
func equalCues(a, b []tspan) bool { return len(a) > 0 && equalLists(a, b) }

// equalLists is citron's are_matching_span_lists.
func equalLists(a, b []tspan) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// overlapsLists is citron's are_overlapping_spans over lists: some span
// of a and some span of b overlap, by citron's test.
func overlapsLists(a, b []tspan) bool {
	for _, x := range a {
		for _, y := range b {
			if x.start <= y.end && x.end > y.start {
				return true
			}
		}
	}
	return false
}

// overlap is citron's get_spans_overlap: shared tokens summed over every
// pair of spans.
func overlap(a, b []tspan) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			n += max(0, min(x.end, y.end)-max(x.start, y.start))
		}
	}
	return n
}

// mark sets the tokens of a in set.
func mark(set []bool, a []tspan) {
	for _, x := range a {
		for i := x.start; i < x.end && i < len(set); i++ {
			set[i] = true
		}
	}
}

// covered counts the tokens of a that are set in set.
func covered(a []tspan, set []bool) int {
	n := 0
	for _, x := range a {
		for i := x.start; i < x.end && i < len(set); i++ {
			if set[i] {
				n++
			}
		}
	}
	return n
}

func length(a []tspan) int {
	n := 0
	for _, x := range a {
		n += x.end - x.start
	}
	return n
}
