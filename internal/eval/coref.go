package eval

import "math"

// Coreference scores follow the CoNLL-2012 reference scorer (v8.01;
// Pradhan et al. 2014, "Scoring coreference partitions of predicted
// mentions: a reference implementation"). Key and response are sets of
// clusters of mentions, a mention being any comparable key (a span). The
// two need not hold the same mentions: a key mention the response lacks
// and a response mention the key lacks are "twinless", and are treated as
// the reference scorer treats them, with no special case: in MUC a
// twinless mention is a partition of its own; in B-cubed it counts in its
// side's denominator and contributes nothing to the numerator; in CEAF-e
// it only makes its cluster larger. Singleton clusters count in B-cubed
// and CEAF-e and contribute nothing to MUC, as in the reference.
//
// Scores are kept as numerators and denominators so that documents add
// into a corpus figure the way the reference scorer micro-averages them.

// CorefScore is one metric's recall and precision as sums.
type CorefScore struct {
	RNum, RDen, PNum, PDen float64
}

// Add returns the sum of s and o.
func (s CorefScore) Add(o CorefScore) CorefScore {
	return CorefScore{s.RNum + o.RNum, s.RDen + o.RDen, s.PNum + o.PNum, s.PDen + o.PDen}
}

// Recall is RNum/RDen, or 0 when there is nothing to recall.
func (s CorefScore) Recall() float64 { return fratio(s.RNum, s.RDen) }

// Precision is PNum/PDen, or 0 when nothing was predicted.
func (s CorefScore) Precision() float64 { return fratio(s.PNum, s.PDen) }

// F1 is the harmonic mean of precision and recall.
func (s CorefScore) F1() float64 { return f1(s.Precision(), s.Recall()) }

func fratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// CorefScores are the three metrics the CoNLL score averages.
type CorefScores struct {
	MUC, BCubed, CEAFe CorefScore
}

// Add returns the sum of c and o, metric by metric.
func (c CorefScores) Add(o CorefScores) CorefScores {
	return CorefScores{c.MUC.Add(o.MUC), c.BCubed.Add(o.BCubed), c.CEAFe.Add(o.CEAFe)}
}

// CoNLL is the CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e
// F1s.
func (c CorefScores) CoNLL() float64 {
	return (c.MUC.F1() + c.BCubed.F1() + c.CEAFe.F1()) / 3
}

// Metrics returns the figures under the parallax eval keys, each prefixed
// with prefix: conll_f1, muc_*, bcubed_*, ceafe_* (precision, recall, f1).
func (c CorefScores) Metrics(prefix string) map[string]float64 {
	m := map[string]float64{prefix + "conll_f1": c.CoNLL()}
	for name, s := range map[string]CorefScore{"muc": c.MUC, "bcubed": c.BCubed, "ceafe": c.CEAFe} {
		m[prefix+name+"_precision"] = s.Precision()
		m[prefix+name+"_recall"] = s.Recall()
		m[prefix+name+"_f1"] = s.F1()
	}
	return m
}

// ScoreCoref scores the response clustering of one document against the
// key with MUC, B-cubed and CEAF-e. A mention listed twice on one side
// belongs to the first cluster that lists it; empty clusters are dropped.
func ScoreCoref[M comparable](key, response [][]M) CorefScores {
	key, response = clean(key), clean(response)
	return CorefScores{
		MUC:    muc(key, response),
		BCubed: bcubed(key, response),
		CEAFe:  ceafe(key, response),
	}
}

// MUC scores with the link-based MUC metric (Vilain et al. 1995).
func MUC[M comparable](key, response [][]M) CorefScore { return muc(clean(key), clean(response)) }

// BCubedMentions scores with the mention-based B-cubed metric (Bagga and
// Baldwin 1998) as the reference scorer computes it.
func BCubedMentions[M comparable](key, response [][]M) CorefScore {
	return bcubed(clean(key), clean(response))
}

// CEAFe scores with the entity-based CEAF metric (Luo 2005), φ4 similarity,
// under the optimal one-to-one alignment of key and response clusters.
func CEAFe[M comparable](key, response [][]M) CorefScore { return ceafe(clean(key), clean(response)) }

// clean drops repeated mentions (keeping the first) and empty clusters.
func clean[M comparable](cs [][]M) [][]M {
	seen := map[M]bool{}
	var out [][]M
	for _, c := range cs {
		var k []M
		for _, m := range c {
			if !seen[m] {
				seen[m] = true
				k = append(k, m)
			}
		}
		if len(k) > 0 {
			out = append(out, k)
		}
	}
	return out
}

func index[M comparable](cs [][]M) map[M]int {
	idx := map[M]int{}
	for i, c := range cs {
		for _, m := range c {
			idx[m] = i
		}
	}
	return idx
}

// mucSide computes the MUC numerator and denominator of a's clusters
// partitioned by b: Σ |A| − p(A) over Σ |A| − 1, where p(A) counts the
// parts of A in b's clusters, a mention b lacks being a part of its own.
func mucSide[M comparable](a, b [][]M) (num, den float64) {
	ib := index(b)
	for _, c := range a {
		parts := map[int]bool{}
		alone := 0
		for _, m := range c {
			if j, ok := ib[m]; ok {
				parts[j] = true
			} else {
				alone++
			}
		}
		num += float64(len(c) - len(parts) - alone)
		den += float64(len(c) - 1)
	}
	return num, den
}

func muc[M comparable](key, resp [][]M) CorefScore {
	rn, rd := mucSide(key, resp)
	pn, pd := mucSide(resp, key)
	return CorefScore{rn, rd, pn, pd}
}

// bcubedSide computes Σ_A Σ_B |A∩B|²/|A| over the number of a's mentions.
func bcubedSide[M comparable](a, b [][]M) (num, den float64) {
	ib := index(b)
	for _, c := range a {
		inter := map[int]int{}
		for _, m := range c {
			if j, ok := ib[m]; ok {
				inter[j]++
			}
		}
		for _, n := range inter {
			num += float64(n*n) / float64(len(c))
		}
		den += float64(len(c))
	}
	return num, den
}

func bcubed[M comparable](key, resp [][]M) CorefScore {
	rn, rd := bcubedSide(key, resp)
	pn, pd := bcubedSide(resp, key)
	return CorefScore{rn, rd, pn, pd}
}

func ceafe[M comparable](key, resp [][]M) CorefScore {
	ir := index(resp)
	// sim[i][j] = φ4(K_i, R_j) = 2|K_i ∩ R_j| / (|K_i| + |R_j|)
	sim := make([][]float64, len(key))
	for i, c := range key {
		sim[i] = make([]float64, len(resp))
		for _, m := range c {
			if j, ok := ir[m]; ok {
				sim[i][j]++
			}
		}
		for j := range sim[i] {
			if sim[i][j] > 0 {
				sim[i][j] = 2 * sim[i][j] / float64(len(c)+len(resp[j]))
			}
		}
	}
	total := maxAssignment(sim)
	return CorefScore{total, float64(len(key)), total, float64(len(resp))}
}

// maxAssignment returns the largest sum of w[i][j] over a one-to-one
// assignment of rows to columns (rows or columns may be left over), by the
// Hungarian algorithm (Kuhn–Munkres with potentials, O(n²m)).
func maxAssignment(w [][]float64) float64 {
	n := len(w)
	if n == 0 || len(w[0]) == 0 {
		return 0
	}
	m := len(w[0])
	transpose := n > m
	if transpose { // the algorithm wants rows ≤ columns
		t := make([][]float64, m)
		for j := range t {
			t[j] = make([]float64, n)
			for i := range w {
				t[j][i] = w[i][j]
			}
		}
		w, n, m = t, m, n
	}
	// Minimize cost = -w. 1-based arrays as in the classic formulation.
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row assigned to column j
	way := make([]int, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, m+1)
		used := make([]bool, m+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -w[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	total := 0.0
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			total += w[p[j]-1][j-1]
		}
	}
	return total
}
