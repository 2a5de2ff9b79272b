package sourcing

import (
	"math"
	"math/rand/v2"
	"strings"
)

// BiasExample is one labelled sentence for training a BiasModel.
type BiasExample struct {
	Text   string
	Biased bool
	// Words are the words annotators marked as bias-inducing: the
	// targets of the model's word scorer. May be nil.
	Words []string
	// Group names the document the sentence comes from (its link, say):
	// the inner cross-validation of training never splits a group. Empty
	// makes the example a group of its own.
	Group string
}

// hashedLR is logistic regression over hashed word, bigram and lexicon
// features, trained by stochastic gradient descent with weight decay and
// averaged over the epochs (the average generalizes better than the last
// weights): one of BiasModel's three members.
type hashedLR struct {
	w       []float32
	bias    float32
	learned map[string]bool // words annotated as biased in the training data
}

const biasBits = 20

// trainHashedLR trains a hashedLR on examples: 12 epochs, learning rate
// 0.005, weight decay 1e-3 each time a weight is updated.
func trainHashedLR(ex []BiasExample, seed uint64) *hashedLR {
	const (
		epochs = 12
		rate0  = 0.005
		l2     = 1e-3
	)
	m := &hashedLR{w: make([]float32, 1<<biasBits), learned: map[string]bool{}}
	// the learned lexicon: words marked biased at least twice and more
	// often in biased sentences than they occur in neutral ones
	marked := map[string]int{}
	for _, e := range ex {
		for _, w := range e.Words {
			marked[fold(strings.TrimSpace(w))]++
		}
	}
	for w, n := range marked {
		if n >= 2 && w != "" {
			m.learned[w] = true
		}
	}
	feats := make([][]uint32, len(ex))
	for i, e := range ex {
		feats[i] = m.features(e.Text)
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	order := r.Perm(len(ex))
	decay := float32(1 - l2)
	avg := make([]float32, len(m.w))
	var avgBias float32
	for ep := 0; ep < epochs; ep++ {
		rate := float32(rate0 / (1 + float64(ep)*0.5))
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			p := m.prob(feats[i])
			y := float32(0)
			if ex[i].Biased {
				y = 1
			}
			g := rate * (y - float32(p))
			for _, f := range feats[i] {
				m.w[f] = m.w[f]*decay + g
			}
			m.bias += g
		}
		for k, v := range m.w {
			avg[k] += v
		}
		avgBias += m.bias
	}
	for k := range avg {
		avg[k] /= epochs
	}
	m.w, m.bias = avg, avgBias/epochs
	return m
}

// logit returns the model's log-odds that a sentence is biased.
func (m *hashedLR) logit(sentence string) float64 {
	p := min(max(m.prob(m.features(sentence)), 1e-9), 1-1e-9)
	return math.Log(p / (1 - p))
}

func (m *hashedLR) prob(fs []uint32) float64 {
	z := float64(m.bias)
	for _, f := range fs {
		z += float64(m.w[f])
	}
	return 1 / (1 + math.Exp(-z))
}

func (m *hashedLR) features(s string) []uint32 {
	ws := words(s)
	low := lowers(ws)
	fs := make([]uint32, 0, 3*len(ws)+8)
	h := func(parts ...string) {
		x := uint64(14695981039346656037) // FNV-1a: stable across runs
		for _, p := range parts {
			for i := 0; i < len(p); i++ {
				x = (x ^ uint64(p[i])) * 1099511628211
			}
			x = (x ^ 0xff) * 1099511628211
		}
		fs = append(fs, uint32((x^x>>29)&(1<<biasBits-1)))
	}
	prev := "<s>"
	learned := 0
	for _, w := range low {
		h("w", w)
		h("b", prev, w)
		if len(w) > 5 {
			h("s", w[len(w)-4:])
		}
		if m.learned[w] {
			learned++
			h("lw", w)
		}
		prev = w
	}
	h("b", prev, "</s>")
	lexSpans := loadedSpans(s, ws)
	for _, sp := range lexSpans {
		h("lex", LoadedClass(s[sp.Start:sp.End]))
	}
	h("nlex", bucketCount(len(lexSpans)))
	h("nlearned", bucketCount(learned))
	h("len", bucketCount(len(ws)/8))
	for _, r := range s {
		if r == '!' || r == '?' {
			h("punct", string(r))
		}
	}
	return fs
}

func bucketCount(n int) string {
	switch {
	case n == 0:
		return "0"
	case n == 1:
		return "1"
	case n == 2:
		return "2"
	default:
		return "3+"
	}
}
