package entity

import (
	"bytes"
	"io"

	"github.com/parallax-news/parallax/internal/article"
)

// TrainDoc is one annotated text to train the name tagger on.
type TrainDoc struct {
	Text  string
	Names []TrainName
	// Ignore are names of kinds the gold does not type; they are learnt
	// as names of kind Other.
	Ignore []article.Span
	// Scored are the annotated ranges (nil: all of Text); sentences
	// outside them are not learnt from.
	Scored []article.Span
}

// TrainName is one gold name: its span and kind (State and Place are one
// "location" type to the tagger).
type TrainName struct {
	article.Span
	Kind Kind
}

// Model is a trained name tagger.
type Model struct{ m *model }

// Train learns a name tagger from docs. The same docs and options give
// the same model.
func Train(docs []TrainDoc, opt TrainOptions) *Model {
	var sents []trainSentence
	for _, g := range docs {
		d := newDocFeatures(g.Text)
		var sp []article.Span
		var ty []int
		for _, n := range g.Names {
			sp = append(sp, n.Span)
			ty = append(ty, typeOf(n.Kind))
		}
		for _, ig := range g.Ignore {
			sp = append(sp, ig)
			ty = append(ty, typMISC)
		}
		labels := d.goldLabels(sp, ty)
		for s, r := range d.sents {
			if !inRanges(g.Scored, d.toks[r.from].Span) {
				continue
			}
			sents = append(sents, trainSentence{doc: d, s: s, gold: labels[r.from:r.to]})
		}
	}
	return &Model{train(sents, opt).Prune(1e-3)}
}

func typeOf(k Kind) int {
	switch k {
	case Person:
		return typPER
	case Organization:
		return typORG
	case State, Place:
		return typLOC
	}
	return typMISC
}

func inRanges(ranges []article.Span, sp article.Span) bool {
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if r.Overlaps(sp) {
			return true
		}
	}
	return false
}

// Recognize is the package's Recognize with this model.
func (m *Model) Recognize(text string) []Mention { return recognize(newDocFeatures(text), m.m) }

// Features returns the number of features the model weighs.
func (m *Model) Features() int { return m.m.Features() }

// WriteTo writes the model in the format of the embedded one.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if err := m.m.Write(&buf, modelMagic); err != nil {
		return 0, err
	}
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}
