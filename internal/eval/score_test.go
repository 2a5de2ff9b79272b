package eval

import (
	"math"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
)

func sp(a, b int) article.Span { return article.Span{Start: a, End: b} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSpans(t *testing.T) {
	gold := []article.Span{sp(0, 10), sp(20, 30), sp(40, 50)}
	tests := []struct {
		name string
		pred []article.Span
		m    Match
		want PRF
	}{
		{"all exact", gold, Exact, PRF{3, 0, 0}},
		{"none", nil, Exact, PRF{0, 0, 3}},
		{"shifted exact", []article.Span{sp(1, 10), sp(20, 30)}, Exact, PRF{1, 1, 2}},
		{"shifted overlap", []article.Span{sp(1, 10), sp(20, 30)}, Overlap, PRF{2, 0, 1}},
		{"touching is no overlap", []article.Span{sp(10, 20)}, Overlap, PRF{0, 1, 3}},
		{"one long pred covers two gold: one match", []article.Span{sp(0, 30)}, Overlap, PRF{1, 0, 2}},
		{"two preds in one gold: one match", []article.Span{sp(0, 4), sp(5, 10)}, Overlap, PRF{1, 1, 2}},
		{"spurious", []article.Span{sp(0, 10), sp(60, 70)}, Exact, PRF{1, 1, 2}},
		{"unsorted preds", []article.Span{sp(40, 50), sp(0, 10)}, Exact, PRF{2, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spans(gold, tt.pred, tt.m); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOverlapPrefersLargestOverlap(t *testing.T) {
	// gold A=[0,10) B=[8,30); pred X=[0,9) overlaps A by 9 and B by 1,
	// pred Y=[9,30) overlaps B by 21 and A by 1: the best pairing is X-A, Y-B.
	got := Spans([]article.Span{sp(0, 10), sp(8, 30)}, []article.Span{sp(0, 9), sp(9, 30)}, Overlap)
	if got != (PRF{2, 0, 0}) {
		t.Fatalf("got %+v", got)
	}
}

func TestLabelled(t *testing.T) {
	gold := []Labelled{{sp(0, 5), "PER"}, {sp(10, 15), "ORG"}, {sp(20, 25), "LOC"}}
	pred := []Labelled{{sp(0, 5), "PER"}, {sp(10, 15), "PER"}, {sp(20, 25), "LOC"}}
	if got := LabelledSpans(gold, pred, Exact); got != (PRF{2, 1, 1}) {
		t.Fatalf("got %+v", got)
	}
	per := PerLabel(gold, pred, Exact)
	if per["PER"] != (PRF{1, 1, 0}) || per["ORG"] != (PRF{0, 0, 1}) || per["LOC"] != (PRF{1, 0, 0}) {
		t.Fatalf("per label %+v", per)
	}
}

func TestPRF(t *testing.T) {
	p := PRF{TP: 3, FP: 1, FN: 3}
	if !near(p.Precision(), 0.75) || !near(p.Recall(), 0.5) || !near(p.F1(), 0.6) {
		t.Fatalf("%v %v %v", p.Precision(), p.Recall(), p.F1())
	}
	var z PRF
	if z.Precision() != 0 || z.Recall() != 0 || z.F1() != 0 {
		t.Fatal("zero PRF must score 0, not NaN")
	}
	m := p.Add(PRF{1, 0, 0}).Metrics("cue_")
	if !near(m["cue_precision"], 0.8) || len(m) != 3 {
		t.Fatalf("%v", m)
	}
}

func TestBagAndPoints(t *testing.T) {
	if got := Bag([]string{"a", "a", "b"}, []string{"a", "c", "a", "a"}); got != (PRF{2, 2, 1}) {
		t.Fatalf("bag %+v", got)
	}
	if got := Points([]int{1, 5, 9}, []int{5, 9, 9, 12}); got != (PRF{2, 1, 1}) {
		t.Fatalf("points %+v", got)
	}
}

func TestBCubed(t *testing.T) {
	// The worked example of Amigó et al. (2009), Fig. 1 style: gold has
	// clusters {a,b,c} and {d,e}; pred merges everything.
	gold := map[string]int{"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
	all := map[string]int{"a": 0, "b": 0, "c": 0, "d": 0, "e": 0}
	b := ScoreBCubed(gold, all)
	// precision: 3 items at 3/5, 2 items at 2/5 => (9/5+4/5)/5 = 13/25
	if !near(b.Precision, 13.0/25) || !near(b.Recall, 1) {
		t.Fatalf("merged: %+v", b)
	}
	single := map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
	b = ScoreBCubed(gold, single)
	// recall: 3 items at 1/3, 2 at 1/2 => (1+1)/5 = 0.4
	if !near(b.Precision, 1) || !near(b.Recall, 0.4) {
		t.Fatalf("singletons: %+v", b)
	}
	if b := ScoreBCubed(gold, gold); !near(b.F1, 1) || b.N != 5 {
		t.Fatalf("perfect: %+v", b)
	}
	// Items missing from pred count as singletons.
	if b := ScoreBCubed(gold, map[string]int{}); !near(b.Recall, 0.4) {
		t.Fatalf("missing: %+v", b)
	}
	if b := ScoreBCubed(map[string]int{}, gold); b.F1 != 0 {
		t.Fatalf("empty gold: %+v", b)
	}
}

func TestAEBScore(t *testing.T) {
	var s aebScore
	s.add("one two three four five", "one two three four five") // perfect
	s.add("one two three four five", "")                        // empty: recall 0 only
	s.add("a b c d e f", "a b c d x y")                         // 1 shared shingle of 3 each
	p, r, f := s.result()
	// precision mean over pages 1 and 3: (1 + 1/3)/2; recall over all three: (1+0+1/3)/3
	if !near(p, (1+1.0/3)/2) || !near(r, (1+1.0/3)/3) || !near(f, f1(p, r)) {
		t.Fatalf("p=%v r=%v f=%v", p, r, f)
	}
	if !near(s.accuracy(), 1.0/3) {
		t.Fatalf("accuracy %v", s.accuracy())
	}
	if got := shingles("Hi, there!"); len(got) != 1 || got["Hi\x00there"] != 1 {
		t.Fatalf("short text shingles %v", got)
	}
}

func TestSnippetsAndMeta(t *testing.T) {
	tp, fn, fp, tn := snippets("The  main\ntext here. Read more: other", []string{"main text", "absent"}, []string{"Read more", "nav"})
	if tp != 1 || fn != 1 || fp != 1 || tn != 1 {
		t.Fatalf("%d %d %d %d", tp, fn, fp, tn)
	}
	for _, c := range []struct {
		p, g string
		ok   bool
	}{
		{"Jane Doe and John Roe", "John Roe; Jane Doe", true},
		{" The Title. ", "the title", true},
		{"", "", false},
		{"Jane Doe", "Jane Doe, John Roe", false},
	} {
		if sameMeta(c.p, c.g) != c.ok {
			t.Errorf("sameMeta(%q, %q) != %v", c.p, c.g, c.ok)
		}
	}
}
