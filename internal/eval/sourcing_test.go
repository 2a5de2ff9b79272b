package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/gold"
)

// dataRoot is the shared data root beside the repository.
func sourcingRoot(t *testing.T) string {
	t.Helper()
	root, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if _, err := os.Stat(filepath.Join(root, gold.SeedsFile)); err != nil {
		t.Skip("seeds gold not found")
	}
	return root
}

func TestSourcingSeeds(t *testing.T) {
	root := sourcingRoot(t)
	res, err := sourcingTask().Datasets[0].Run(context.Background(), Env{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sourcing/seeds: %v", res.Metrics)
	s, err := gold.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range s.Sourcing {
		d, err := ScoreSourcingDoc(g.Doc, s.Docs[g.Doc])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s gold=%v", g.Doc, g.Flags)
		for _, f := range d.Card.Flags {
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, e.In(d.Text))
			}
			t.Logf("   %s %q aside=%q note=%s", f.Kind, ev, f.Aside, f.Note)
		}
		t.Logf("   counts %+v", d.Card.Counts)
	}
	if res.Metrics["flags_recall"] < 0.5 {
		t.Errorf("flags_recall %.3f, want at least 0.5", res.Metrics["flags_recall"])
	}
}
