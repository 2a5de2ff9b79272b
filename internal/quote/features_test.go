package quote

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTokenFeatures checks that the features the passes read from the
// static features computed once per text (tokenFeatures) are those of
// features, in the same order (the sums of weights depend on it), for
// every token and every pair of labels before it: on the package's
// examples, and on PolNeAR's dev texts when ../shared has them.
func TestTokenFeatures(t *testing.T) {
	texts := []string{
		"“We will rebuild every dike before the winter,” Environment Minister Lena Hartmann told reporters on Monday.\n" +
			"According to officials, the talks failed: “Nobody expected this,” said a senior diplomat, speaking on condition of anonymity.\n" +
			"He said that the plan would go ahead, and warned that “the costs are rising”.",
		"Short.",
		"",
	}
	if root, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "eval", "polnear", "dev", "text")); err == nil {
		if es, err := os.ReadDir(root); err == nil {
			for _, e := range es[:min(len(es), 20)] {
				if b, err := os.ReadFile(filepath.Join(root, e.Name())); err == nil {
					texts = append(texts, string(b))
				}
			}
		}
	}
	for _, tx := range texts {
		d := newDocFeatures(tx, analyzeEntities(tx))
		for i := range d.toks {
			for prev := lO; prev < numLabels; prev++ {
				for _, prev2 := range []label{lO, lBCue, lICnt} {
					want := d.features(nil, i, prev, prev2)
					got := d.tokenFeatures([]uint64{42}, i, prev, prev2)
					if got[0] != 42 || !slices.Equal(got[1:], want) {
						t.Fatalf("token %d (%q) after %d %d:\n got %x\nwant %x", i, d.lower[i], prev, prev2, got[1:], want)
					}
				}
			}
		}
	}
}
