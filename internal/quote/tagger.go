package quote

import (
	"math"
	"math/rand/v2"
	"sync"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/perceptron"
)

// The attribution tagger labels every token of a paragraph as part of a
// cue, a source, a content or none, in BIO form, with a greedy
// left-to-right averaged perceptron. One label per token is enough
// because attribution corpora (PARC, PolNeAR) give each token at most one
// role; the spans are then tied into attributions by distance (group.go).

type label uint8

const (
	lO label = iota
	lBCue
	lICue
	lBSrc
	lISrc
	lBCnt
	lICnt
	numLabels
)

// role is what a label marks: 0 none, 1 cue, 2 source, 3 content.
func (l label) role() int { return (int(l) + 1) / 2 }

func (l label) inside() bool { return l != lO && l%2 == 0 }

// allowed reports whether b may follow a: an inside label continues a
// span of its role.
func allowed(a, b label) bool {
	if !b.inside() {
		return true
	}
	return a != lO && a.role() == b.role()
}

const modelMagic = "PXATTR1"

// pruneBelow is the weight magnitude below which a trained weight is
// dropped: small weights barely move decisions but make the model large
// and slow (cache misses).
const pruneBelow = 0.05

type model = perceptron.Model

func best(prev label, s []float32) label {
	bl, bs := lO, float32(math.Inf(-1))
	for l := label(0); l < numLabels; l++ {
		if allowed(prev, l) && s[l] > bs {
			bl, bs = l, s[l]
		}
	}
	return bl
}

// featureFunc computes the features of token i of d given the labels
// chosen for the two tokens before it.
type featureFunc func(d *docFeatures, dst []uint64, i int, prev, prev2 label) []uint64

func pass1(d *docFeatures, dst []uint64, i int, prev, prev2 label) []uint64 {
	return d.tokenFeatures(dst, i, prev, prev2)
}

func pass2(d *docFeatures, dst []uint64, i int, prev, prev2 label) []uint64 {
	return d.stacked(d.tokenFeatures(dst, i, prev, prev2), i, prev)
}

// tagWith labels every token of d with m.
func (d *docFeatures) tagWith(m *model, ff featureFunc) []label {
	out := make([]label, len(d.toks))
	var feats []uint64
	var s [numLabels]float32
	for _, p := range d.paras {
		prev, prev2 := lO, lO
		for i := p.from; i < p.to; i++ {
			feats = ff(d, feats[:0], i, prev, prev2)
			s = [numLabels]float32{}
			m.Score(feats, s[:])
			l := best(prev, s[:])
			out[i] = l
			prev2, prev = prev, l
		}
	}
	return out
}

// tagger is the two passes: the second sees the first's labels of the
// whole paragraph (stacking), so that a cue knows the content after it
// and a content the cue after it.
type tagger struct{ m1, m2 *model }

func (t tagger) tag(d *docFeatures) []label {
	if c, ok := statPool.Get().(*statCache); ok {
		d.statCache = *c
	}
	d.setFirst(d.tagWith(t.m1, pass1))
	l := d.tagWith(t.m2, pass2)
	c := &statCache{stat: d.stat[:0], statOff: d.statOff[:0], statSlots: d.statSlots[:0]}
	d.statCache = statCache{}
	statPool.Put(c)
	return l
}

// statPool keeps the static feature buffers of texts already tagged: a
// text's are some hundreds of kilobytes, and only tagging needs them.
var statPool sync.Pool

// TrainDoc is a text with its gold attributions, for Train.
type TrainDoc struct {
	Text         string
	Attributions []TrainAttribution
}

// TrainAttribution is one gold attribution: its cue, source and content
// spans (several when discontinuous).
type TrainAttribution struct {
	Cue, Source, Content []article.Span
}

// TrainOptions tune Train.
type TrainOptions struct {
	Epochs   int    // passes over the data; 0 means 8
	Seed     uint64 // shuffling seed
	Progress func(epoch int, accuracy float64)
}

// Model is a trained attribution tagger.
type Model struct{ t tagger }

// Features returns the number of features the model weighs.
func (m *Model) Features() int { return m.t.m1.Features() + m.t.m2.Features() }

// goldLabels labels the tokens of d from the gold spans: a token takes the
// role of the span that holds its start.
func goldLabels(d *docFeatures, atts []TrainAttribution) []label {
	out := make([]label, len(d.toks))
	mark := func(spans []article.Span, b label) {
		for _, sp := range spans {
			first := true
			for i := tokIndex(d.toks, sp.Start); i < len(d.toks) && d.toks[i].Start < sp.End; i++ {
				if d.toks[i].Start < sp.Start {
					continue
				}
				if first || out[i-1].role() != b.role() {
					out[i] = b
				} else {
					out[i] = b + 1
				}
				first = false
			}
		}
	}
	for _, a := range atts {
		mark(a.Content, lBCnt)
		mark(a.Source, lBSrc)
		mark(a.Cue, lBCue)
	}
	// Repair sequences the labels cannot express (spans touching spans of
	// the same role, inside labels after a cut).
	for i := range out {
		if out[i].inside() && (i == 0 || d.para[i] != d.para[i-1] || !allowed(out[i-1], out[i])) {
			out[i]--
		}
	}
	return out
}

// trainPara is one paragraph of training text with its gold labels.
type trainPara struct {
	d    *docFeatures
	r    tokRange
	gold []label
}

// Train learns an attribution tagger from docs. The second pass is
// trained on first-pass labels that models trained on the other half of
// the documents chose (two-fold jackknifing), so that it learns how far
// to trust them on unseen text.
func Train(docs []TrainDoc, opt TrainOptions) *Model {
	if opt.Epochs == 0 {
		opt.Epochs = 8
	}
	var halves [2][]trainPara
	var feats [2][]*docFeatures
	for k, td := range docs {
		d := newDocFeatures(td.Text, analyzeEntities(td.Text))
		gold := goldLabels(d, td.Attributions)
		for _, r := range d.paras {
			halves[k%2] = append(halves[k%2], trainPara{d, r, gold})
		}
		feats[k%2] = append(feats[k%2], d)
	}
	all := append(append([]trainPara(nil), halves[0]...), halves[1]...)
	for h := 0; h < 2; h++ {
		m := trainPass(halves[1-h], pass1, TrainOptions{Epochs: opt.Epochs, Seed: opt.Seed})
		for _, d := range feats[h] {
			d.setFirst(d.tagWith(m, pass1))
		}
	}
	m2 := trainPass(all, pass2, opt)
	m1 := trainPass(all, pass1, TrainOptions{Epochs: opt.Epochs, Seed: opt.Seed})
	return &Model{tagger{m1.Prune(pruneBelow), m2.Prune(pruneBelow)}}
}

func trainPass(paras []trainPara, ff featureFunc, opt TrainOptions) *model {
	paras = append([]trainPara(nil), paras...)
	t := perceptron.NewTrainer(int(numLabels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	var feats []uint64
	var s [numLabels]float32
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
		right, all := 0, 0
		for _, p := range paras {
			prev, prev2 := lO, lO
			for i := p.r.from; i < p.r.to; i++ {
				t.Tick()
				feats = ff(p.d, feats[:0], i, prev, prev2)
				s = [numLabels]float32{}
				t.Model().Score(feats, s[:])
				guess := best(prev, s[:])
				gold := p.gold[i]
				if guess != gold {
					t.Update(feats, int(gold), 1)
					t.Update(feats, int(guess), -1)
				} else {
					right++
				}
				all++
				prev2, prev = prev, gold
			}
		}
		if opt.Progress != nil {
			opt.Progress(ep, float64(right)/float64(max(all, 1)))
		}
	}
	return t.Average()
}
