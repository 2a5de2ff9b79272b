// Package perceptron is the averaged multiclass perceptron (Collins 2002)
// that parallax's statistical taggers share: features are 64-bit hashes,
// each with a row of one weight per label; training averages the weights
// over time with lazy updates; a model is pruned and saved as a small
// gzip stream that the binary embeds.
package perceptron

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model holds the weights: for each known feature, a row of Labels weights.
// A Model is read-only once trained or read, and safe for concurrent use.
type Model struct {
	Labels int
	index  map[uint64]int32 // feature -> row
	w      []float32        // rows of Labels weights
	// keys and wts are the frozen form that Score reads once the model is
	// final (read or pruned): an open-addressed table of feature hashes
	// (0 marks an empty slot) and, apart, each slot's row of weights. A
	// feature the model does not know, as most are, touches only the dense
	// keys (eight to a cache line); a known one then reads its row.
	keys []uint64
	wts  []float32
	mask uint64
	zero []float32 // the row of feature 0, which marks empty slots
	// nfeat counts the features of a frozen model, whose index and rows
	// are dropped once the table holds them.
	nfeat int
}

// New returns an empty model over n labels.
func New(n int) *Model { return &Model{Labels: n, index: map[uint64]int32{}} }

// Features is the number of features with weights.
func (m *Model) Features() int {
	if m.keys != nil {
		return m.nfeat
	}
	return len(m.index)
}

// Score adds the weight rows of feats to s, which has Labels entries.
// Unknown features add nothing.
func (m *Model) Score(feats []uint64, s []float32) {
	n := m.Labels
	s = s[:n]
	if m.keys != nil {
		m.scoreFrozen(feats, s)
		return
	}
	for _, f := range feats {
		r, ok := m.index[f]
		if !ok {
			continue
		}
		row := m.w[int(r)*n : int(r+1)*n : int(r+1)*n]
		for i := range s {
			s[i] += row[i]
		}
	}
}

func (m *Model) scoreFrozen(feats []uint64, s []float32) {
	for len(feats) > 0 {
		k := min(len(feats), chunk)
		m.scoreChunk(feats[:k], s)
		feats = feats[k:]
	}
}

// chunk is how many features scoreChunk looks up at once.
const chunk = 64

// scoreChunk scores up to chunk features in two rounds: the first reads
// each feature's home slot in keys, loads that do not depend on one
// another, so that the cache misses of a large table overlap instead of
// coming one after another; the second probes and adds in feature order,
// so that the sums are the same as one feature at a time.
func (m *Model) scoreChunk(feats []uint64, s []float32) {
	n := m.Labels
	var slots [chunk]uint64
	var first [chunk]uint64
	for j, f := range feats {
		slot := mix(f) & m.mask
		slots[j] = slot
		first[j] = m.keys[slot]
	}
	for j, f := range feats {
		if f == 0 {
			for i, v := range m.zero {
				s[i] += v
			}
			continue
		}
		slot, k := slots[j], first[j]
		for k != f {
			if k == 0 {
				break // an empty slot: an unknown feature
			}
			slot = (slot + 1) & m.mask
			k = m.keys[slot]
		}
		if k != f {
			continue
		}
		at := int(slot) * n
		w := m.wts[at : at+n : at+n]
		w = w[:len(s)]
		for i, v := range w {
			s[i] += v
		}
	}
}

// mix spreads a feature hash over the table's slots (the hashes callers
// make need not be uniform in their low bits).
func mix(f uint64) uint64 {
	f ^= f >> 33
	f *= 0xff51afd7ed558ccd
	f ^= f >> 33
	return f
}

// freeze builds the table Score reads; the model must not change after.
func (m *Model) freeze() {
	n := m.Labels
	m.alloc(len(m.index))
	for f, r := range m.index {
		row := m.w[int(r)*n : int(r+1)*n]
		if f == 0 {
			m.zero = append([]float32(nil), row...)
			continue
		}
		e, _ := m.entry(f)
		copy(e, row)
	}
	m.nfeat = len(m.index)
	m.index, m.w = nil, nil
}

// alloc makes an empty table for nfeat features, at most half full.
func (m *Model) alloc(nfeat int) {
	size := uint64(16)
	for size < uint64(nfeat)*2 {
		size *= 2
	}
	m.mask = size - 1
	m.keys = make([]uint64, size)
	m.wts = make([]float32, int(size)*m.Labels)
}

// entry returns the weights of feature f (not 0) in the table, claiming
// an empty slot for it if it has none; old reports that it had one.
func (m *Model) entry(f uint64) (w []float32, old bool) {
	n := m.Labels
	for slot := mix(f) & m.mask; ; slot = (slot + 1) & m.mask {
		at := int(slot) * n
		switch m.keys[slot] {
		case f:
			return m.wts[at : at+n : at+n], true
		case 0:
			m.keys[slot] = f
			return m.wts[at : at+n : at+n], false
		}
	}
}

// rows returns the features in hash order with their weight rows, from
// whichever form the model is in.
func (m *Model) rows() ([]uint64, [][]float32) {
	n := m.Labels
	var keys []uint64
	byKey := map[uint64][]float32{}
	if m.keys == nil {
		for f, r := range m.index {
			keys = append(keys, f)
			byKey[f] = m.w[int(r)*n : int(r+1)*n]
		}
	} else {
		if m.zero != nil {
			keys = append(keys, 0)
			byKey[0] = m.zero
		}
		for slot, f := range m.keys {
			if f == 0 {
				continue
			}
			keys = append(keys, f)
			byKey[f] = slices.Clone(m.wts[slot*n : (slot+1)*n])
		}
	}
	slices.Sort(keys)
	out := make([][]float32, len(keys))
	for i, f := range keys {
		out[i] = byKey[f]
	}
	return keys, out
}

// Trainer learns a Model with lazy averaging: call Tick once per
// training example, Update for the gold (+1) and the wrong guess (-1),
// and Average at the end.
type Trainer struct {
	m      *Model
	totals []float64 // accumulated weight × time, per weight
	stamps []int32   // the time of each weight's last change
	now    int32
}

// NewTrainer returns a trainer of a model over n labels.
func NewTrainer(n int) *Trainer { return &Trainer{m: New(n)} }

// Model is the model being trained (not averaged): use it to score during
// training.
func (t *Trainer) Model() *Model { return t.m }

// Tick advances training time by one example.
func (t *Trainer) Tick() { t.now++ }

func (t *Trainer) row(f uint64) int {
	n := t.m.Labels
	r, ok := t.m.index[f]
	if !ok {
		r = int32(len(t.m.w) / n)
		t.m.index[f] = r
		t.m.w = append(t.m.w, make([]float32, n)...)
		t.totals = append(t.totals, make([]float64, n)...)
		t.stamps = append(t.stamps, make([]int32, n)...)
	}
	return int(r) * n
}

// Update adds delta to the weight of label l of every feature.
func (t *Trainer) Update(feats []uint64, l int, delta float32) {
	for _, f := range feats {
		i := t.row(f) + l
		t.totals[i] += float64(t.now-t.stamps[i]) * float64(t.m.w[i])
		t.stamps[i] = t.now
		t.m.w[i] += delta
	}
}

// Average replaces every weight by its average over the training time and
// returns the model; the trainer must not be used afterwards.
func (t *Trainer) Average() *Model {
	for i := range t.m.w {
		total := t.totals[i] + float64(t.now-t.stamps[i])*float64(t.m.w[i])
		t.m.w[i] = float32(total / float64(max(t.now, 1)))
	}
	return t.m
}

// Prune returns a copy without the weights whose magnitude is at most eps,
// and without the features left with none.
func (m *Model) Prune(eps float32) *Model {
	n := m.Labels
	out := New(n)
	keys, rows := m.rows()
	for k, f := range keys {
		row := rows[k]
		keep := false
		for _, v := range row {
			if v > eps || v < -eps {
				keep = true
			}
		}
		if !keep {
			continue
		}
		out.index[f] = int32(len(out.w) / n)
		for _, v := range row {
			if v <= eps && v >= -eps {
				v = 0
			}
			out.w = append(out.w, v)
		}
	}
	out.freeze()
	return out
}

// Write saves the model as a gzip stream of magic, the number of labels,
// the number of features, then per feature (in hash order) its hash, the
// number of non-zero weights and (label, weight) pairs, weights as
// little-endian float32. Labels must fit in a byte.
func (m *Model) Write(w io.Writer, magic string) error {
	if m.Labels > 255 {
		return fmt.Errorf("perceptron: %d labels do not fit the format", m.Labels)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(m.Labels))
	keys, rows := m.rows()
	put(uint64(len(keys)))
	for i, f := range keys {
		row := rows[i]
		binary.Write(bw, binary.LittleEndian, f)
		k := 0
		for _, v := range row {
			if v != 0 {
				k++
			}
		}
		bw.WriteByte(byte(k))
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

// ErrCorrupt is wrapped by the errors of Read.
var ErrCorrupt = errors.New("perceptron: corrupt model")

// Read loads a model written by Write with the same magic and labels.
func Read(data []byte, magic string, labels int) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	r := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	nl, err := binary.ReadUvarint(r)
	if err != nil || nl != uint64(labels) {
		return nil, fmt.Errorf("%w: %d labels, want %d", ErrCorrupt, nl, labels)
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<26 {
		return nil, fmt.Errorf("%w: feature count", ErrCorrupt)
	}
	// The rows go straight into the table Score reads: no map, no second
	// copy of the weights.
	m := &Model{Labels: labels, nfeat: int(n)}
	m.alloc(int(n))
	for i := uint64(0); i < n; i++ {
		b, err := r.Peek(9) // the hash and the number of weights
		if err != nil {
			return nil, fmt.Errorf("%w: row %d: %v", ErrCorrupt, i, err)
		}
		f, k := binary.LittleEndian.Uint64(b), int(b[8])
		r.Discard(9)
		if k > labels {
			return nil, fmt.Errorf("%w: row %d", ErrCorrupt, i)
		}
		var e []float32
		if f == 0 {
			if m.zero != nil {
				return nil, fmt.Errorf("%w: feature %x twice", ErrCorrupt, f)
			}
			m.zero = make([]float32, labels)
		} else {
			var old bool
			if e, old = m.entry(f); old {
				return nil, fmt.Errorf("%w: feature %x twice", ErrCorrupt, f)
			}
		}
		for range k {
			b, err := r.Peek(5) // the label and its weight
			if err != nil {
				return nil, fmt.Errorf("%w: row %d: %v", ErrCorrupt, i, err)
			}
			l, v := int(b[0]), binary.LittleEndian.Uint32(b[1:])
			r.Discard(5)
			if l >= labels {
				return nil, fmt.Errorf("%w: row %d", ErrCorrupt, i)
			}
			if f == 0 {
				m.zero[l] = math.Float32frombits(v)
			} else {
				e[l] = math.Float32frombits(v)
			}
		}
	}
	return m, nil
}
