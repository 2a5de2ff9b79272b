package entity

import (
	"math/rand/v2"

	"github.com/parallax-news/parallax/internal/perceptron"
)

// The tagger is an averaged structured perceptron (Collins 2002) over
// BILOU labels with first-order Viterbi decoding, the classic recipe of
// fast statistical taggers: a sentence's labels are chosen together from
// hashed features of the words around each token, of gazetteers, of the
// document, and of the label before each token.

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

// train learns a model from sentences with the structured perceptron
// (Collins 2002): each sentence is decoded with the current weights and,
// where the best sequence differs from the gold one, the features of the
// gold labels are rewarded and those of the predicted ones penalized.
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
	var v viterbi
	var guess []label
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, all := 0, 0
		for _, k := range order {
			ts := sents[k]
			sent := ts.doc.sents[ts.s]
			t.Tick()
			guess = append(guess[:0], ts.gold...)
			v.decode(ts.doc, t.Model(), sent, guess)
			for j := range guess {
				i := sent.from + j
				g, p := ts.gold[j], guess[j]
				gp, pp := label(0), label(0)
				if j > 0 {
					gp, pp = ts.gold[j-1], guess[j-1]
				}
				all++
				if g == p {
					right++
				}
				if g == p && gp == pp {
					continue
				}
				if g != p {
					feats = ts.doc.staticFeatures(feats[:0], i)
					t.Update(feats, int(g), 1)
					t.Update(feats, int(p), -1)
				}
				feats = ts.doc.labelFeatures(feats[:0], i, gp)
				t.Update(feats, int(g), 1)
				feats = ts.doc.labelFeatures(feats[:0], i, pp)
				t.Update(feats, int(p), -1)
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
