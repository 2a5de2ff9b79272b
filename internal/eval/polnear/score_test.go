package polnear

import (
	"math"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
)

// scoreText has one token per space-separated field, so spans are given
// as token ranges.
const scoreText = `Ann said the plan failed . Bob added that " it worked , " he said .`

// tok returns the byte span of tokens [from, to) of scoreText.
func tok(from, to int) article.Span {
	var starts, ends []int
	in := false
	for i, c := range scoreText {
		if c != ' ' && !in {
			starts, in = append(starts, i), true
		} else if c == ' ' && in {
			ends, in = append(ends, i), false
		}
	}
	ends = append(ends, len(scoreText))
	return article.Span{Start: starts[from], End: ends[to-1]}
}

func toks(r ...[2]int) []article.Span {
	var out []article.Span
	for _, x := range r {
		out = append(out, tok(x[0], x[1]))
	}
	return out
}

// The gold: Ann said [the plan failed .]; Bob added [that " it worked , "],
// with a second content part [he said .] to test lists.
var (
	goldAnn = Attribution{Source: toks([2]int{0, 1}), Cue: toks([2]int{1, 2}), Content: toks([2]int{2, 6}), Kind: Reported}
	goldBob = Attribution{Source: toks([2]int{6, 7}), Cue: toks([2]int{7, 8}), Content: toks([2]int{8, 14}), Kind: Partial}
)

func TestScore(t *testing.T) {
	if got := scoreText[tok(9, 14).Start:tok(9, 14).End]; got != `" it worked , "` {
		t.Fatalf("tok(9, 14) = %q", got)
	}
	for _, c := range []struct {
		name       string
		gold, pred []Attribution
		want       map[string]float64
	}{
		{
			name: "exact",
			gold: []Attribution{goldAnn, goldBob},
			pred: []Attribution{goldAnn, goldBob},
			want: map[string]float64{"cue_f1": 1, "source_f1": 1, "content_f1": 1, "all_f1": 1, "all_f1_overlap": 1,
				"content_f1_overlap_reported": 1, "content_f1_overlap_partial": 1, "content_f1_overlap_direct": 0},
		},
		{
			// Content one token short: exact content fails, overlap
			// credits 3 of 4 gold tokens.
			name: "overlap",
			gold: []Attribution{goldAnn},
			pred: []Attribution{{Source: goldAnn.Source, Cue: goldAnn.Cue, Content: toks([2]int{2, 5}), Kind: Reported}},
			want: map[string]float64{"cue_f1": 1, "source_f1": 1, "content_f1": 0, "all_f1": 0,
				"content_precision_overlap": 1, "content_recall_overlap": 0.75,
				// 1 cue + 1 source + 3 content of 6 gold, of 5 predicted.
				"all_precision_overlap": 1, "all_recall_overlap": 5.0 / 6},
		},
		{
			// A discontinuous gold content must be matched part by part.
			name: "discontinuous",
			gold: []Attribution{{Source: goldBob.Source, Cue: goldBob.Cue, Content: toks([2]int{8, 10}, [2]int{11, 13}), Kind: Partial}},
			pred: []Attribution{{Source: goldBob.Source, Cue: goldBob.Cue, Content: toks([2]int{8, 13}), Kind: Direct}},
			want: map[string]float64{"cue_f1": 1, "source_f1": 1, "content_f1": 0, "all_f1": 0,
				"content_precision_overlap": 4.0 / 5, "content_recall_overlap": 1,
				// Partial gold fully found; the direct prediction's
				// precision counts against direct.
				"content_recall_overlap_partial": 1, "content_precision_overlap_partial": 0,
				"content_precision_overlap_direct": 4.0 / 5, "content_recall_overlap_direct": 0},
		},
		{
			name: "discontinuous exact",
			gold: []Attribution{{Source: goldBob.Source, Cue: goldBob.Cue, Content: toks([2]int{8, 10}, [2]int{11, 13})}},
			pred: []Attribution{{Source: goldBob.Source, Cue: goldBob.Cue, Content: toks([2]int{11, 13}, [2]int{8, 10})}},
			want: map[string]float64{"content_f1": 1, "all_f1": 1},
		},
		{
			// One prediction misses everything: P and R of every part
			// are 1/2 (the other prediction is exact).
			name: "unmatched",
			gold: []Attribution{goldAnn, goldBob},
			pred: []Attribution{goldAnn, {Source: toks([2]int{14, 15}), Cue: toks([2]int{15, 16}), Content: toks([2]int{10, 12})}},
			want: map[string]float64{"cue_precision": 0.5, "cue_recall": 0.5, "source_f1": 0.5, "content_f1": 0.5, "all_f1": 0.5,
				// The stray content still overlaps Bob's by 2 tokens.
				"content_precision_overlap": 6.0 / 6, "content_recall_overlap": 6.0 / 10},
		},
		{
			// Citron's cue overlap test accepts a cue that starts where
			// the gold cue ends, so source and content still match, but
			// the cue itself does not.
			name: "touching cue",
			gold: []Attribution{goldAnn},
			pred: []Attribution{{Source: goldAnn.Source, Cue: toks([2]int{2, 3}), Content: goldAnn.Content}},
			want: map[string]float64{"cue_f1": 0, "source_f1": 1, "content_f1": 1, "all_f1": 0},
		},
		{
			name: "no source on both sides",
			gold: []Attribution{{Cue: goldAnn.Cue, Content: goldAnn.Content, NoSource: true}},
			pred: []Attribution{{Cue: goldAnn.Cue, Content: goldAnn.Content}},
			want: map[string]float64{"source_f1": 1, "all_f1": 1, "source_f1_overlap": 0},
		},
		{
			// An empty predicted cue matches nothing; a gold relation
			// without a cue is scored on its anchor.
			name: "empty cue",
			gold: []Attribution{{Anchor: goldAnn.Cue, Source: goldAnn.Source, Content: goldAnn.Content}},
			pred: []Attribution{{Source: goldAnn.Source, Content: goldAnn.Content}, goldAnn},
			want: map[string]float64{"cue_precision": 0.5, "cue_recall": 1, "source_precision": 0.5},
		},
		{
			// Two predictions of the same content: citron's pair sum
			// credits the gold tokens twice; the per-kind figures once.
			name: "duplicate predictions",
			gold: []Attribution{goldAnn},
			pred: []Attribution{goldAnn, goldAnn},
			want: map[string]float64{"cue_precision": 1, "content_recall_overlap": 2, "content_precision_overlap": 1,
				"content_recall_overlap_reported": 1, "content_precision_overlap_reported": 1},
		},
		{
			name: "nothing predicted",
			gold: []Attribution{goldAnn},
			want: map[string]float64{"cue_f1": 0, "cue_recall": 0, "all_f1_overlap": 0, "predicted": 0, "gold": 1},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Score(scoreText, c.gold, c.pred).Metrics()
			for k, v := range c.want {
				got, ok := m[k]
				if !ok {
					t.Errorf("no metric %s", k)
				} else if math.Abs(got-v) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", k, got, v)
				}
			}
		})
	}
}

// TestScoreTokens checks citron's character-to-token mapping: a span
// that ends inside a token, or takes in the white space after one,
// covers the whole token.
func TestScoreTokens(t *testing.T) {
	s := tok(2, 6)
	ragged := []Attribution{{Source: goldAnn.Source, Cue: goldAnn.Cue, Content: []article.Span{{Start: s.Start + 1, End: s.End + 1}}}}
	m := Score(scoreText, []Attribution{goldAnn}, ragged).Metrics()
	if m["content_f1"] != 1 {
		t.Errorf("content_f1 = %v, want 1", m["content_f1"])
	}
}

func TestCountsAdd(t *testing.T) {
	a := Score(scoreText, []Attribution{goldAnn}, []Attribution{goldAnn})
	b := Score(scoreText, []Attribution{goldBob}, nil)
	m := a.Add(b).Metrics()
	if m["cue_precision"] != 1 || m["cue_recall"] != 0.5 || m["gold"] != 2 {
		t.Errorf("sum: cue P %v R %v gold %v, want 1, 0.5, 2", m["cue_precision"], m["cue_recall"], m["gold"])
	}
	if !strings.HasPrefix(scoreText, "Ann") {
		t.Fatal("scoreText changed")
	}
}
