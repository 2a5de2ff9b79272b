package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
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

// model holds the weights of the perceptron: for each feature, a row of
// one weight per label.
type model struct {
	index map[uint64]int32 // feature -> row
	w     []float32        // rows of numLabels weights
}

func newModel() *model { return &model{index: map[uint64]int32{}} }

// score adds the rows of feats to s.
func (m *model) score(feats []uint64, s *[numLabels]float32) {
	for _, f := range feats {
		r, ok := m.index[f]
		if !ok {
			continue
		}
		row := m.w[int(r)*numLabels : int(r+1)*numLabels : int(r+1)*numLabels]
		for i := range s {
			s[i] += row[i]
		}
	}
}

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

// trainer learns an averaged perceptron with lazy averaging.
type trainer struct {
	m      *model
	totals []float64 // accumulated weight × time, per weight
	stamps []int32   // the time of each weight's last change
	now    int32
}

func newTrainer() *trainer { return &trainer{m: newModel()} }

func (t *trainer) row(f uint64) int {
	r, ok := t.m.index[f]
	if !ok {
		r = int32(len(t.m.w) / numLabels)
		t.m.index[f] = r
		t.m.w = append(t.m.w, make([]float32, numLabels)...)
		t.totals = append(t.totals, make([]float64, numLabels)...)
		t.stamps = append(t.stamps, make([]int32, numLabels)...)
	}
	return int(r) * numLabels
}

func (t *trainer) update(feats []uint64, l label, delta float32) {
	for _, f := range feats {
		i := t.row(f) + int(l)
		t.totals[i] += float64(t.now-t.stamps[i]) * float64(t.m.w[i])
		t.stamps[i] = t.now
		t.m.w[i] += delta
	}
}

// average replaces every weight by its average over the training time.
func (t *trainer) average() *model {
	for i := range t.m.w {
		total := t.totals[i] + float64(t.now-t.stamps[i])*float64(t.m.w[i])
		t.m.w[i] = float32(total / float64(max(t.now, 1)))
	}
	return t.m
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
	t := newTrainer()
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
				t.now++
				feats = ts.doc.features(feats[:0], i, sent, prev, prev2)
				var s [numLabels]float32
				t.m.score(feats, &s)
				guess := best(prev, &s, i == sent.to-1)
				gold := ts.gold[i-sent.from]
				if guess != gold {
					t.update(feats, gold, 1)
					t.update(feats, guess, -1)
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
	return t.average()
}

// The model file: a gzip stream of "PXNER1", the number of labels, the
// number of features, then per feature its hash, the number of non-zero
// weights and (label, weight) pairs, weights as float32.
const modelMagic = "PXNER1"

// prune drops weights whose magnitude is below eps and features left
// with none.
func (m *model) prune(eps float32) *model {
	out := newModel()
	keys := make([]uint64, 0, len(m.index))
	for f := range m.index {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	for _, f := range keys {
		row := m.w[int(m.index[f])*numLabels:][:numLabels]
		keep := false
		for _, v := range row {
			if v > eps || v < -eps {
				keep = true
			}
		}
		if !keep {
			continue
		}
		out.index[f] = int32(len(out.w) / numLabels)
		for _, v := range row {
			if v <= eps && v >= -eps {
				v = 0
			}
			out.w = append(out.w, v)
		}
	}
	return out
}

func (m *model) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(numLabels)
	keys := make([]uint64, 0, len(m.index))
	for f := range m.index {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	put(uint64(len(keys)))
	for _, f := range keys {
		row := m.w[int(m.index[f])*numLabels:][:numLabels]
		binary.Write(bw, binary.LittleEndian, f)
		n := 0
		for _, v := range row {
			if v != 0 {
				n++
			}
		}
		bw.WriteByte(byte(n))
		for l, v := range row {
			if v != 0 {
				bw.WriteByte(byte(l))
				binary.Write(bw, binary.LittleEndian, v)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

var errModel = errors.New("entity: corrupt model")

func readModel(data []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	r := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: bad header", errModel)
	}
	nl, err := binary.ReadUvarint(r)
	if err != nil || nl != numLabels {
		return nil, fmt.Errorf("%w: %d labels, want %d", errModel, nl, numLabels)
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<26 {
		return nil, fmt.Errorf("%w: feature count", errModel)
	}
	m := &model{index: make(map[uint64]int32, n), w: make([]float32, 0, int(n)*numLabels)}
	for i := uint64(0); i < n; i++ {
		var f uint64
		if err := binary.Read(r, binary.LittleEndian, &f); err != nil {
			return nil, fmt.Errorf("%w: %v", errModel, err)
		}
		k, err := r.ReadByte()
		if err != nil || k > numLabels {
			return nil, fmt.Errorf("%w: row %d", errModel, i)
		}
		row := make([]float32, numLabels)
		for j := 0; j < int(k); j++ {
			l, err := r.ReadByte()
			if err != nil || l >= numLabels {
				return nil, fmt.Errorf("%w: row %d", errModel, i)
			}
			if err := binary.Read(r, binary.LittleEndian, &row[l]); err != nil {
				return nil, fmt.Errorf("%w: %v", errModel, err)
			}
		}
		m.index[f] = int32(i)
		m.w = append(m.w, row...)
	}
	return m, nil
}
