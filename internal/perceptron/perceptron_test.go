package perceptron

import (
	"bytes"
	"errors"
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
