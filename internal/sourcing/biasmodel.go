package sourcing

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/parallax-news/parallax/internal/article"
)

// BiasModel is a sentence classifier for biased (loaded) versus neutral
// news wording, and a scorer of the words that make a sentence loaded. It
// stacks three linear models:
//
//   - a naive-Bayes-scaled linear SVM over words, word bigrams and the
//     loaded.tsv and subjective.tsv classes of the sentence (NB-SVM, Wang
//     and Manning 2012);
//   - a linear SVM over single words (the word, its character 3- to
//     5-grams, its neighbours, its lexicon classes, capitalization),
//     trained on the words annotators marked as bias-inducing; the
//     sentence sees its highest word score;
//   - a hashedLR;
//   - an NB-SVM over the character 3- to 5-grams of the sentence's words,
//     each word padded with a space at either end (it sees the shared
//     stems and affixes of rare loaded words that the word features miss).
//
// A logistic regression over the four scores, fitted on scores that each
// training sentence received from models trained without its group
// (inner 5-fold cross-validation), makes the probability.
//
// It is trained at run time from the examples given; parallax embeds no
// trained weights.
type BiasModel struct {
	sent      *linear
	word      *linear
	lr        *hashedLR
	char      *linear
	stack     [stackDim + 1]float64
	threshold float64 // word score above which Words returns a word
}

// BiasOptions are the training settings; the zero value takes defaults.
type BiasOptions struct {
	Seed uint64 // shuffling seed
}

const (
	stackDim   = 4 // sentence SVM margin, highest word score, hashedLR log-odds, character NB-SVM margin
	innerFolds = 5
	wordC      = 0.3  // SVM cost of the word model
	charC      = 0.03 // SVM cost of the character model (not tuned: the middle of sentCs)
	nbAlpha    = 1    // naive-Bayes smoothing
	nbBeta     = 0.25 // interpolation towards the mean weight (Wang and Manning)
)

// sentCs are the SVM costs the sentence model chooses from, by the macro
// F1 of its inner cross-validation scores.
var sentCs = []float64{0.01, 0.03, 0.1}

// TrainBias trains a BiasModel on examples. The examples' groups are cut
// into five inner folds; the scores each example gets from members
// trained on the other folds choose the sentence model's SVM cost, the
// word threshold of Words (the best word-level F1 against the marked
// words), and fit the stacking regression. The members are then trained
// on all the examples.
func TrainBias(ex []BiasExample, o BiasOptions) *BiasModel {
	sf := make([][]string, len(ex))
	cf := make([][]string, len(ex))
	wf := make([]wordFeats, len(ex))
	y := make([]bool, len(ex))
	for i, e := range ex {
		sf[i] = sentFeatures(e.Text)
		cf[i] = charFeatures(e.Text)
		wf[i] = wordFeatures(e.Text, e.Words)
		y[i] = e.Biased
	}
	fold := groupFolds(ex, innerFolds, o.Seed)
	sentOOF := make([][]float64, len(sentCs)) // per cost, per example
	for c := range sentCs {
		sentOOF[c] = make([]float64, len(ex))
	}
	wordOOF := make([][]float64, len(ex)) // per example, per word
	lvl := make([][stackDim]float64, len(ex))
	for f := 0; f < innerFolds; f++ {
		var tr []int
		for i := range ex {
			if fold[i] != f {
				tr = append(tr, i)
			}
		}
		if len(tr) == len(ex) {
			continue
		}
		seed := o.Seed + uint64(f) + 1
		sx, sy, wx, wy, sub := subsets(ex, sf, wf, tr)
		var sents []*linear
		for _, c := range sentCs {
			sents = append(sents, trainLinear(sx, sy, c, true, seed))
		}
		cx := make([][]string, len(tr))
		for k, i := range tr {
			cx[k] = cf[i]
		}
		char := trainLinear(cx, sy, charC, true, seed)
		word, lr := trainLinear(wx, wy, wordC, false, seed), trainHashedLR(sub, seed)
		for i := range ex {
			if fold[i] != f {
				continue
			}
			for c, m := range sents {
				sentOOF[c][i] = m.score(sf[i])
			}
			wordOOF[i] = make([]float64, len(wf[i].feats))
			top := -2.0
			for k, fs := range wf[i].feats {
				wordOOF[i][k] = word.score(fs)
				top = max(top, wordOOF[i][k])
			}
			lvl[i][1], lvl[i][2], lvl[i][3] = top, lr.logit(ex[i].Text), char.score(cf[i])
		}
	}
	best, bestF := 0, -1.0
	for c := range sentCs {
		var tp, fp, fn, tn int
		for i, z := range sentOOF[c] {
			switch p := z >= 0; {
			case p && y[i]:
				tp++
			case p:
				fp++
			case y[i]:
				fn++
			default:
				tn++
			}
		}
		if f := (f1count(tp, fp, fn) + f1count(tn, fn, fp)) / 2; f > bestF {
			best, bestF = c, f
		}
	}
	for i := range ex {
		lvl[i][0] = sentOOF[best][i]
	}
	m := &BiasModel{stack: fitLogistic(lvl, y), threshold: wordThreshold(wordOOF, wf)}
	all := make([]int, len(ex))
	for i := range all {
		all[i] = i
	}
	sx, sy, wx, wy, sub := subsets(ex, sf, wf, all)
	m.sent = trainLinear(sx, sy, sentCs[best], true, o.Seed)
	m.char = trainLinear(cf, sy, charC, true, o.Seed)
	m.word = trainLinear(wx, wy, wordC, false, o.Seed)
	m.lr = trainHashedLR(sub, o.Seed)
	return m
}

// wordThreshold returns the word score from -1.5 to 1 (in steps of 0.1)
// above which the words' scores best match the marked words, by F1; the
// middle of the best when several tie.
func wordThreshold(scores [][]float64, wf []wordFeats) float64 {
	lo, hi, bestF := 0.0, 0.0, -1.0
	for t := -15; t <= 10; t++ {
		th := float64(t) / 10
		var tp, fp, fn int
		for i, sc := range scores {
			for k, z := range sc {
				switch p, g := z > th, wf[i].marked[k]; {
				case p && g:
					tp++
				case p:
					fp++
				case g:
					fn++
				}
			}
		}
		switch f := f1count(tp, fp, fn); {
		case f > bestF+1e-12:
			lo, hi, bestF = th, th, f
		case f > bestF-1e-12:
			hi = th
		}
	}
	return (lo + hi) / 2
}

func f1count(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// subsets gathers the training data of the members from the examples idx.
func subsets(ex []BiasExample, sf [][]string, wf []wordFeats, idx []int) (sx [][]string, sy []bool, wx [][]string, wy []bool, sub []BiasExample) {
	for _, i := range idx {
		sx = append(sx, sf[i])
		sy = append(sy, ex[i].Biased)
		wx = append(wx, wf[i].feats...)
		wy = append(wy, wf[i].marked...)
		sub = append(sub, ex[i])
	}
	return
}

// Prob returns the model's probability that a sentence is biased.
func (m *BiasModel) Prob(sentence string) float64 {
	top := -2.0
	for _, f := range wordFeatures(sentence, nil).feats {
		top = max(top, m.word.score(f))
	}
	x := [stackDim]float64{m.sent.score(sentFeatures(sentence)), top, m.lr.logit(sentence), m.char.score(charFeatures(sentence))}
	z := m.stack[stackDim]
	for j, v := range x {
		z += m.stack[j] * v
	}
	return 1 / (1 + math.Exp(-z))
}

// Words returns the words of sentence that the word model scores above
// the threshold chosen in training, adjacent ones joined into one span, in
// text order.
func (m *BiasModel) Words(sentence string) []article.Span {
	wf := wordFeatures(sentence, nil)
	var out []article.Span
	for i, f := range wf.feats {
		if m.word.score(f) <= m.threshold {
			continue
		}
		w := wf.ws[i]
		if n := len(out); n > 0 && i > 0 && out[n-1].End == wf.ws[i-1].end && sameLine(sentence, out[n-1].End, w.start) && onlySpace(sentence[out[n-1].End:w.start]) {
			out[n-1].End = w.end
			continue
		}
		out = append(out, article.Span{Start: w.start, End: w.end})
	}
	return out
}

func onlySpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '-' {
			return false
		}
	}
	return true
}

// groupFolds assigns each example to one of k folds, whole groups at a
// time, in a seeded random order of the groups.
func groupFolds(ex []BiasExample, k int, seed uint64) []int {
	id := map[string]int{}
	group := make([]int, len(ex))
	n := 0
	for i, e := range ex {
		if e.Group == "" {
			group[i] = n
			n++
			continue
		}
		g, ok := id[e.Group]
		if !ok {
			g = n
			id[e.Group] = g
			n++
		}
		group[i] = g
	}
	perm := rand.New(rand.NewPCG(seed, 0xf01d)).Perm(n)
	out := make([]int, len(ex))
	for i, g := range group {
		out[i] = perm[g] % k
	}
	return out
}

// sentFeatures returns the sorted, distinct features of the sentence
// model: words, bigrams, and lexicon classes with their counts.
func sentFeatures(s string) []string {
	ws := words(s)
	low := lowers(ws)
	l := lex()
	fs := make([]string, 0, 2*len(ws)+8)
	prev := "<s>"
	nsubj := 0
	for _, w := range low {
		fs = append(fs, "w:"+w, "b:"+prev+" "+w)
		if c := l.subjectiveClass(w); c != "" {
			fs = append(fs, "subj:"+c)
			nsubj++
		}
		prev = w
	}
	fs = append(fs, "b:"+prev+" </s>", "nsubj:"+bucketCount(nsubj))
	sp := loadedSpans(s, ws)
	for _, x := range sp {
		fs = append(fs, "lex:"+LoadedClass(s[x.Start:x.End]), "lexany")
	}
	fs = append(fs, "nlex:"+bucketCount(len(sp)))
	slices.Sort(fs)
	return slices.Compact(fs)
}

// charFeatures returns the sorted, distinct features of the character
// model: the character 3- to 5-grams of the sentence's lowercase words,
// each word padded with a space at either end.
func charFeatures(s string) []string {
	low := lowers(words(s))
	fs := make([]string, 0, 12*len(low))
	for _, w := range low {
		x := " " + w + " "
		for n := 3; n <= 5; n++ {
			for k := 0; k+n <= len(x); k++ {
				fs = append(fs, x[k:k+n])
			}
		}
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

// wordFeats holds the word model's features of each word of a sentence
// and whether annotators marked it.
type wordFeats struct {
	ws     []word
	feats  [][]string
	marked []bool
}

func wordFeatures(s string, marked []string) wordFeats {
	ws := words(s)
	low := lowers(ws)
	l := lex()
	mk := map[string]bool{}
	for _, m := range marked {
		for _, w := range words(m) {
			mk[w.lower] = true
		}
	}
	lexc := make([]string, len(ws))
	for _, sp := range loadedSpans(s, ws) {
		c := LoadedClass(s[sp.Start:sp.End])
		if c == "" {
			c = "phrase"
		}
		for i, w := range ws {
			if w.start >= sp.Start && w.end <= sp.End {
				lexc[i] = c
			}
		}
	}
	wf := wordFeats{ws: ws, feats: make([][]string, len(ws)), marked: make([]bool, len(ws))}
	for i, w := range low {
		fs := []string{"w:" + w}
		x := "<" + w + ">"
		for n := 3; n <= 5; n++ {
			for k := 0; k+n <= len(x); k++ {
				fs = append(fs, "c:"+x[k:k+n])
			}
		}
		p, n := "<s>", "</s>"
		if i > 0 {
			p = low[i-1]
		}
		if i+1 < len(low) {
			n = low[i+1]
		}
		fs = append(fs, "p:"+p, "n:"+n)
		if lexc[i] != "" {
			fs = append(fs, "lex:"+lexc[i])
		}
		if c := l.subjectiveClass(w); c != "" {
			fs = append(fs, "subj:"+c)
		}
		if i > 0 && s[ws[i].start] >= 'A' && s[ws[i].start] <= 'Z' {
			fs = append(fs, "cap")
		}
		wf.feats[i] = fs
		wf.marked[i] = mk[w]
	}
	return wf
}

// linear is a linear SVM over string features: with nb, each present
// feature has the value of its naive-Bayes log-count ratio; without, all
// of an example's features share the value 1/sqrt(count).
type linear struct {
	index map[string]int
	r     []float64 // naive-Bayes ratios; nil without nb
	w     []float64 // weights, the bias last
}

func trainLinear(x [][]string, y []bool, c float64, nb bool, seed uint64) *linear {
	m := &linear{index: map[string]int{}}
	var pos, neg []float64
	for i, fs := range x {
		for _, f := range fs {
			j, ok := m.index[f]
			if !ok {
				j = len(m.index)
				m.index[f] = j
				pos, neg = append(pos, 0), append(neg, 0)
			}
			if y[i] {
				pos[j]++
			} else {
				neg[j]++
			}
		}
	}
	dim := len(m.index)
	if nb {
		var ps, ns float64
		for j := range pos {
			ps += pos[j] + nbAlpha
			ns += neg[j] + nbAlpha
		}
		m.r = make([]float64, dim)
		for j := range pos {
			m.r[j] = math.Log((pos[j]+nbAlpha)/ps) - math.Log((neg[j]+nbAlpha)/ns)
		}
	}
	vs := make([]sparse, len(x))
	for i, fs := range x {
		vs[i] = m.vector(fs)
	}
	m.w = trainSVM(vs, y, dim, c, seed)
	if nb {
		mean := 0.0
		for _, v := range m.w[:dim] {
			mean += math.Abs(v)
		}
		mean /= float64(max(dim, 1))
		for j := range m.w[:dim] {
			m.w[j] = (1-nbBeta)*mean + nbBeta*m.w[j]
		}
	}
	return m
}

type sparse struct {
	idx []int
	val []float64
}

func (m *linear) vector(fs []string) sparse {
	v := sparse{idx: make([]int, 0, len(fs)), val: make([]float64, 0, len(fs))}
	u := 1 / math.Sqrt(float64(max(len(fs), 1)))
	for _, f := range fs {
		j, ok := m.index[f]
		if !ok {
			continue
		}
		v.idx = append(v.idx, j)
		if m.r != nil {
			v.val = append(v.val, m.r[j])
		} else {
			v.val = append(v.val, u)
		}
	}
	return v
}

// score returns the SVM margin of the features fs.
func (m *linear) score(fs []string) float64 {
	v := m.vector(fs)
	z := m.w[len(m.w)-1]
	for k, j := range v.idx {
		z += m.w[j] * v.val[k]
	}
	return z
}

// trainSVM fits an L2-regularized, squared-hinge-loss linear SVM with a
// bias by dual coordinate descent (Hsieh et al. 2008, as in LIBLINEAR);
// the bias is the last weight.
func trainSVM(x []sparse, y []bool, dim int, c float64, seed uint64) []float64 {
	w := make([]float64, dim+1)
	alpha := make([]float64, len(x))
	d := 1 / (2 * c)
	qd := make([]float64, len(x))
	ys := make([]float64, len(x))
	for i, v := range x {
		q := d + 1
		for _, a := range v.val {
			q += a * a
		}
		qd[i] = q
		ys[i] = -1
		if y[i] {
			ys[i] = 1
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	order := r.Perm(len(x))
	for it := 0; it < 200; it++ {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		worst := 0.0
		for _, i := range order {
			v := x[i]
			z := w[dim]
			for k, j := range v.idx {
				z += w[j] * v.val[k]
			}
			g := ys[i]*z - 1 + d*alpha[i]
			pg := g
			if alpha[i] == 0 && g > 0 {
				pg = 0
			}
			worst = max(worst, math.Abs(pg))
			if pg == 0 {
				continue
			}
			old := alpha[i]
			alpha[i] = max(old-g/qd[i], 0)
			step := (alpha[i] - old) * ys[i]
			for k, j := range v.idx {
				w[j] += step * v.val[k]
			}
			w[dim] += step
		}
		if worst < 0.01 {
			break
		}
	}
	return w
}

// fitLogistic fits logistic regression with a bias (the last weight) on
// a few dense features by Newton's method, with a small ridge.
func fitLogistic(x [][stackDim]float64, y []bool) [stackDim + 1]float64 {
	const n = stackDim + 1
	var w [n]float64
	for it := 0; it < 30; it++ {
		var g [n]float64
		var h [n][n]float64
		for i, xi := range x {
			v := [n]float64{}
			copy(v[:], xi[:])
			v[stackDim] = 1
			z := 0.0
			for j := range v {
				z += w[j] * v[j]
			}
			p := 1 / (1 + math.Exp(-z))
			t := 0.0
			if y[i] {
				t = 1
			}
			for j := range v {
				g[j] += (p - t) * v[j]
				for k := range v {
					h[j][k] += p * (1 - p) * v[j] * v[k]
				}
			}
		}
		for j := 0; j < n; j++ {
			g[j] += 1e-3 * w[j]
			h[j][j] += 1e-3
		}
		step, ok := solve(h, g)
		if !ok {
			break
		}
		done := true
		for j := range w {
			w[j] -= step[j]
			if math.Abs(step[j]) > 1e-6 {
				done = false
			}
		}
		if done {
			break
		}
	}
	return w
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [stackDim + 1][stackDim + 1]float64, b [stackDim + 1]float64) ([stackDim + 1]float64, bool) {
	const n = stackDim + 1
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return b, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	var x [n]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}
