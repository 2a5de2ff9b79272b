package perceptron

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// argmax returns the best label for feats.
func argmax(m *Model, feats []uint64) int {
	s := make([]float32, m.Labels)
	m.Score(feats, s)
	best := 0
	for l := range s {
		if s[l] > s[best] {
			best = l
		}
	}
	return best
}

// TestLearns trains on a separable problem: feature 10+l votes for label
// l, feature 99 is noise on every example.
func TestLearns(t *testing.T) {
	tr := NewTrainer(3)
	for ep := 0; ep < 5; ep++ {
		for i := 0; i < 30; i++ {
			gold := i % 3
			feats := []uint64{uint64(10 + gold), 99}
			tr.Tick()
			if g := argmax(tr.Model(), feats); g != gold {
				tr.Update(feats, gold, 1)
				tr.Update(feats, g, -1)
			}
		}
	}
	m := tr.Average()
	for l := 0; l < 3; l++ {
		if g := argmax(m, []uint64{uint64(10 + l), 99}); g != l {
			t.Errorf("feature %d: label %d, want %d", 10+l, g, l)
		}
	}
	var buf bytes.Buffer
	if err := m.Prune(1e-6).Write(&buf, "TEST1"); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(buf.Bytes(), "TEST1", 3)
	if err != nil {
		t.Fatal(err)
	}
	for l := 0; l < 3; l++ {
		if g := argmax(m2, []uint64{uint64(10 + l)}); g != l {
			t.Errorf("after round trip: feature %d → %d, want %d", 10+l, g, l)
		}
	}
	if _, err := Read(buf.Bytes(), "TEST2", 3); !errors.Is(err, ErrCorrupt) {
		t.Errorf("wrong magic: %v", err)
	}
	if _, err := Read(buf.Bytes(), "TEST1", 4); !errors.Is(err, ErrCorrupt) {
		t.Errorf("wrong label count: %v", err)
	}
	if _, err := Read(buf.Bytes()[:buf.Len()/2], "TEST1", 3); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated: %v", err)
	}
}

// randomModel returns a model of nfeat features over labels labels, about
// a third of its weights zero, as the pruned models are, and a stream of
// features of which nine in ten are known.
func randomModel(nfeat, labels, stream int) (*Model, []uint64) {
	r := rand.New(rand.NewPCG(1, 2))
	m := New(labels)
	keys := make([]uint64, 0, nfeat)
	for len(keys) < nfeat {
		f := r.Uint64()
		if _, dup := m.index[f]; dup {
			continue
		}
		m.index[f] = int32(len(keys))
		keys = append(keys, f)
		for range labels {
			v := float32(0)
			if r.IntN(3) > 0 {
				v = float32(r.NormFloat64())
			}
			m.w = append(m.w, v)
		}
	}
	feats := make([]uint64, stream)
	for i := range feats {
		if r.IntN(10) == 0 {
			feats[i] = r.Uint64()
		} else {
			feats[i] = keys[r.IntN(len(keys))]
		}
	}
	return m, feats
}

// TestFrozenScore checks that the frozen table, and the model read back
// from its file, sum exactly what the map form sums, feature 0 and unknown
// features included.
func TestFrozenScore(t *testing.T) {
	for _, labels := range []int{1, 3, 7, 17, 18} {
		m, feats := randomModel(5000, labels, 3000)
		m.index[0] = int32(len(m.w) / labels)
		for l := range labels {
			m.w = append(m.w, float32(l)+0.5)
		}
		feats = append(feats, 0, 1, 0)
		frozen := &Model{Labels: labels, index: maps.Clone(m.index), w: slices.Clone(m.w)}
		frozen.freeze()
		var buf bytes.Buffer
		if err := frozen.Write(&buf, "TEST1"); err != nil {
			t.Fatal(err)
		}
		read, err := Read(buf.Bytes(), "TEST1", labels)
		if err != nil {
			t.Fatal(err)
		}
		if read.Features() != len(m.index) {
			t.Errorf("labels %d: read %d features, want %d", labels, read.Features(), len(m.index))
		}
		for _, n := range []int{0, 1, 5, chunk, chunk + 1, 2*chunk + 7, len(feats)} {
			want := make([]float32, labels)
			m.Score(feats[:n], want)
			for name, mm := range map[string]*Model{"frozen": frozen, "read": read} {
				got := make([]float32, labels)
				mm.Score(feats[:n], got)
				for l := range want {
					if math.Float32bits(want[l]) != math.Float32bits(got[l]) {
						t.Errorf("%s, labels %d, %d features: label %d scores %v, want %v", name, labels, n, l, got[l], want[l])
					}
				}
			}
		}
	}
}

// BenchmarkScore scores 100-feature tokens against a table the size of the
// quote tagger's (186k features, 7 labels), nine features in ten known.
func BenchmarkScore(b *testing.B) {
	for _, c := range []struct{ feats, labels int }{{186000, 7}, {50000, 17}} {
		b.Run(fmt.Sprintf("feats=%d/labels=%d", c.feats, c.labels), func(b *testing.B) {
			m, feats := randomModel(c.feats, c.labels, 1<<16)
			m.freeze()
			s := make([]float32, c.labels)
			b.ResetTimer()
			for i := range b.N {
				k := (i * 100) % (len(feats) - 100)
				m.Score(feats[k:k+100], s)
			}
		})
	}
}
