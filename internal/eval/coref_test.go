package eval

import (
	"math/rand"
	"strings"
	"testing"
)

// cl parses "a b c|d e" into clusters of one-letter mentions.
func cl(s string) [][]string {
	var out [][]string
	if s == "" {
		return nil
	}
	for _, c := range strings.Split(s, "|") {
		out = append(out, strings.Fields(c))
	}
	return out
}

// TestScoreCoref checks the scorer against cases with known answers: the
// worked example of Pradhan et al. (2014), and cases of the reference
// scorer's test suite (CorefMetricTestConfig.pm, test set A: key
// {a} {b c} {d e f}), written as numerator/denominator pairs.
func TestScoreCoref(t *testing.T) {
	tests := []struct {
		name, key, resp string
		want            CorefScores
	}{
		{
			name: "Pradhan et al. 2014 example",
			key:  "a b c|d e f g", resp: "a b|c d|f g h i",
			want: CorefScores{
				MUC:    CorefScore{2, 5, 2, 5},
				BCubed: CorefScore{35.0 / 12, 7, 4, 8},
				CEAFe:  CorefScore{1.3, 2, 1.3, 3},
			},
		},
		{
			name: "A1 identical",
			key:  "a|b c|d e f", resp: "a|b c|d e f",
			want: CorefScores{
				MUC:    CorefScore{3, 3, 3, 3},
				BCubed: CorefScore{6, 6, 6, 6},
				CEAFe:  CorefScore{3, 3, 3, 3},
			},
		},
		{
			name: "A2 missing cluster",
			key:  "a|b c|d e f", resp: "a|b c",
			want: CorefScores{
				MUC:    CorefScore{1, 3, 1, 1},
				BCubed: CorefScore{3, 6, 3, 3},
				CEAFe:  CorefScore{2, 3, 2, 2},
			},
		},
		{
			name: "A3 extra mention",
			key:  "a|b c|d e f", resp: "a|b c|d e f g",
			want: CorefScores{
				MUC:    CorefScore{3, 3, 3, 4},
				BCubed: CorefScore{6, 6, 1 + 2 + 9.0/4, 7},
				CEAFe:  CorefScore{2 + 6.0/7, 3, 2 + 6.0/7, 3},
			},
		},
		{
			name: "A6 one big cluster",
			key:  "a|b c|d e f", resp: "a b c d e f",
			want: CorefScores{
				MUC:    CorefScore{3, 3, 3, 5},
				BCubed: CorefScore{6, 6, 14.0 / 6, 6},
				CEAFe:  CorefScore{2.0 / 3, 3, 2.0 / 3, 1},
			},
		},
		{
			name: "A7 all singletons",
			key:  "a|b c|d e f", resp: "a|b|c|d|e|f",
			want: CorefScores{
				MUC:    CorefScore{0, 3, 0, 0},
				BCubed: CorefScore{3, 6, 6, 6},
				CEAFe:  CorefScore{13.0 / 6, 3, 13.0 / 6, 6},
			},
		},
		{
			name: "empty response",
			key:  "a b|c", resp: "",
			want: CorefScores{
				MUC:    CorefScore{0, 1, 0, 0},
				BCubed: CorefScore{0, 3, 0, 0},
				CEAFe:  CorefScore{0, 2, 0, 0},
			},
		},
		{
			name: "repeated mention kept in its first cluster",
			key:  "a b", resp: "a b|a",
			want: CorefScores{
				MUC:    CorefScore{1, 1, 1, 1},
				BCubed: CorefScore{2, 2, 2, 2},
				CEAFe:  CorefScore{1, 1, 1, 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScoreCoref(cl(tt.key), cl(tt.resp))
			for _, c := range []struct {
				name      string
				got, want CorefScore
			}{{"muc", got.MUC, tt.want.MUC}, {"bcubed", got.BCubed, tt.want.BCubed}, {"ceafe", got.CEAFe, tt.want.CEAFe}} {
				if !near(c.got.RNum, c.want.RNum) || !near(c.got.RDen, c.want.RDen) ||
					!near(c.got.PNum, c.want.PNum) || !near(c.got.PDen, c.want.PDen) {
					t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestCorefFigures(t *testing.T) {
	s := ScoreCoref(cl("a b c|d e f g"), cl("a b|c d|f g h i"))
	checks := []struct {
		name      string
		got, want float64
	}{
		{"muc f1", s.MUC.F1(), 0.4},
		{"b3 recall", s.BCubed.Recall(), 35.0 / 84},
		{"b3 precision", s.BCubed.Precision(), 0.5},
		{"ceafe recall", s.CEAFe.Recall(), 0.65},
		{"ceafe precision", s.CEAFe.Precision(), 1.3 / 3},
		{"conll", s.CoNLL(), (0.4 + f1(0.5, 35.0/84) + f1(1.3/3, 0.65)) / 3},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	m := s.Metrics("exact_")
	if !near(m["exact_conll_f1"], s.CoNLL()) || !near(m["exact_muc_f1"], 0.4) || len(m) != 10 {
		t.Errorf("Metrics = %v", m)
	}
	// Documents add: two copies score as one.
	if d := s.Add(s); !near(d.CoNLL(), s.CoNLL()) || d.MUC.RDen != 10 {
		t.Errorf("Add: %+v", d)
	}
}

func TestMaxAssignment(t *testing.T) {
	tests := []struct {
		name string
		w    [][]float64
		want float64
	}{
		{"empty", nil, 0},
		{"greedy fails", [][]float64{{0.9, 0.8}, {0.8, 0}}, 1.6},
		{"more rows", [][]float64{{1}, {3}, {2}}, 3},
		{"more cols", [][]float64{{1, 5, 2}, {4, 6, 0}}, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maxAssignment(tt.w); !near(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	// Against brute force on small random matrices.
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 300; k++ {
		n, m := 1+rng.Intn(5), 1+rng.Intn(5)
		w := make([][]float64, n)
		for i := range w {
			w[i] = make([]float64, m)
			for j := range w[i] {
				if rng.Intn(3) > 0 {
					w[i][j] = float64(rng.Intn(10)) / 10
				}
			}
		}
		if got, want := maxAssignment(w), bruteAssignment(w, 0, make([]bool, m)); !near(got, want) {
			t.Fatalf("%v: got %v, want %v", w, got, want)
		}
	}
}

func bruteAssignment(w [][]float64, i int, used []bool) float64 {
	if i == len(w) {
		return 0
	}
	best := bruteAssignment(w, i+1, used) // row i left over
	for j := range used {
		if !used[j] {
			used[j] = true
			best = max(best, w[i][j]+bruteAssignment(w, i+1, used))
			used[j] = false
		}
	}
	return best
}
