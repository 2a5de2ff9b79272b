package entity

import (
	"github.com/parallax-news/parallax/internal/perceptron"
	"math"
	"math/rand/v2"
)

// The tagger is a greedy left-to-right averaged perceptron (Collins 2002)
// over BILOU labels, the classic recipe of fast statistical taggers: each
// token's label is chosen from hashed features of the words around it, of
// gazetteers, of the document, and of the labels already chosen.

// label is a BILOU tag: 0 is O; then for each entity type B, I, L, U.
type label uint8

const (
	tagTypes  = 4 // PER, ORG, LOC, MISC
	numLabels = 1 + 4*tagTypes
)

// Entity types of the tagger, in label order.
const (
	typPER = iota
	typORG
	typLOC
	typMISC
)

var typeNames = [tagTypes]string{"PER", "ORG", "LOC", "MISC"}

const (
	posB = iota
	posI
	posL
	posU
)

func mkLabel(typ, pos int) label { return label(1 + typ*4 + pos) }
func (l label) typ() int         { return (int(l) - 1) / 4 }
func (l label) pos() int         { return (int(l) - 1) % 4 }

func (l label) String() string {
	if l == 0 {
		return "O"
	}
	return string("BILU"[l.pos()]) + "-" + typeNames[l.typ()]
}

// allowed reports whether label b may follow label a.
func allowed(a, b label) bool {
	open := a != 0 && (a.pos() == posB || a.pos() == posI)
	if b == 0 {
		return !open
	}
	switch b.pos() {
	case posB, posU:
		return !open
	default: // I, L continue a span of the same type
		return open && a.typ() == b.typ()
	}
}

// model is the tagger's perceptron over numLabels labels.
type model = perceptron.Model

func newModel() *model { return perceptron.New(numLabels) }

// score adds the rows of feats to s.
func score(m *model, feats []uint64, s *[numLabels]float32) { m.Score(feats, s[:]) }

// best returns the highest-scoring label that may follow prev.
func best(prev label, s *[numLabels]float32, last bool) label {
	bl, bs := label(0), float32(math.Inf(-1))
	for l := label(0); l < numLabels; l++ {
		if !allowed(prev, l) {
			continue
		}
		// The sentence's last token cannot leave a span open.
		if last && l != 0 && (l.pos() == posB || l.pos() == posI) {
			continue
		}
		if s[l] > bs {
			bl, bs = l, s[l]
		}
	}
	return bl
}

// TrainOptions tune Train.
type TrainOptions struct {
	Epochs int    // passes over the data; 0 means 10
	Seed   uint64 // shuffling seed
	// Progress, when set, is called after each epoch with the share of
	// tokens labelled correctly in that epoch.
	Progress func(epoch int, accuracy float64)
}

// trainSentence is one sentence's features source and gold labels.
type trainSentence struct {
	doc  *docFeatures
	s    int // sentence index in doc
	gold []label
}

// train learns a model from sentences.
func train(sents []trainSentence, opt TrainOptions) *model {
	if opt.Epochs == 0 {
		opt.Epochs = 10
	}
	t := perceptron.NewTrainer(numLabels)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var feats []uint64
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, all := 0, 0
		for _, k := range order {
			ts := sents[k]
			sent := ts.doc.sents[ts.s]
			prev, prev2 := label(0), label(0)
			for i := sent.from; i < sent.to; i++ {
				t.Tick()
				feats = ts.doc.features(feats[:0], i, sent, prev, prev2)
				var s [numLabels]float32
				score(t.Model(), feats, &s)
				guess := best(prev, &s, i == sent.to-1)
				gold := ts.gold[i-sent.from]
				if guess != gold {
					t.Update(feats, int(gold), 1)
					t.Update(feats, int(guess), -1)
				} else {
					right++
				}
				all++
				// Train on the gold history: the features of the next
				// token see what a correct tagger would have chosen.
				prev2, prev = prev, gold
			}
		}
		if opt.Progress != nil {
			opt.Progress(ep, float64(right)/float64(max(all, 1)))
		}
	}
	return t.Average()
}

// The model file is perceptron's format under this magic.
const modelMagic = "PXNER1"

func readModel(data []byte) (*model, error) { return perceptron.Read(data, modelMagic, numLabels) }
