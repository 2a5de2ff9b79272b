package eval

import (
	"context"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/crosscheck"
	"github.com/parallax-news/parallax/internal/gold"
)

var sweep = flag.Bool("sweep", false, "TestCrosscheckSweep: print the generated benchmark's figures for a range of thresholds")

func sharedRoot(t *testing.T) string {
	root := filepath.Join("..", "..", "..", "shared")
	if _, err := filepath.Glob(filepath.Join(root, "eval", "polnear", "train")); err != nil {
		t.Skip(err)
	}
	return root
}

// TestCrosscheckTask runs both datasets on the shared data and holds the
// generated benchmark to the target: every per-verdict precision
// and recall at least 0.9.
func TestCrosscheckTask(t *testing.T) {
	root := sharedRoot(t)
	task := crosscheckTask()
	for _, d := range task.Datasets {
		t.Run(d.Name, func(t *testing.T) {
			res, err := d.Run(context.Background(), Env{Root: root})
			if err != nil {
				if strings.Contains(err.Error(), "no such file") {
					t.Skip(err)
				}
				t.Fatal(err)
			}
			t.Logf("%s n=%d %v", d.Name, res.N, res.Metrics)
			if d.Name != "generated" {
				return
			}
			for _, v := range CrosscheckVerdicts {
				name := strings.TrimSuffix(v, "_quote")
				for _, k := range []string{"precision_" + name, "recall_" + name} {
					if res.Metrics[k] < 0.9 {
						t.Errorf("%s = %.3f, want at least 0.9", k, res.Metrics[k])
					}
				}
			}
		})
	}
}

// TestCrosscheckSeedsFindings lists the seeds findings that match no gold
// finding, so that the false positives can be read.
func TestCrosscheckSeedsFindings(t *testing.T) {
	s, err := gold.Load(sharedRoot(t))
	if err != nil {
		t.Skip(err)
	}
	fs, err := SeedFindings(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	m, wrong := ScoreSeedFindings(s, fs)
	t.Logf("%v", m)
	for _, f := range fs {
		t.Logf("%s %s#%d %q %v", f.Kind, f.Article, f.Quote, f.Span.In(textOf(s, f.Article)), f.Why)
	}
	for _, f := range wrong {
		t.Logf("unmatched: %s %s#%d %q", f.Kind, f.Article, f.Quote, f.Span.In(textOf(s, f.Article)))
	}
}

func textOf(s *gold.Seeds, doc string) string { return s.Docs[doc] }

// TestCrosscheckSweep prints the generated benchmark's figures over a
// range of thresholds; the defaults of crosscheck.Options come from it.
//
//	go test ./internal/eval -run CrosscheckSweep -sweep -v
func TestCrosscheckSweep(t *testing.T) {
	if !*sweep {
		t.Skip("run with -sweep")
	}
	stories, err := GenerateCrosscheck(filepath.Join(sharedRoot(t), "eval", "polnear"), genStories, genSeed+1)
	if err != nil {
		t.Skip(err)
	}
	for _, alt := range []float64{0.4, 0.5, 0.6, 0.7, 0.8} {
		for _, comp := range []float64{0.6, 0.7, 0.8, 0.9} {
			c, err := crosscheck.New(crosscheck.Options{Altered: alt, Composite: comp})
			if err != nil {
				t.Fatal(err)
			}
			m := ScoreCrosscheck(c, stories)
			t.Logf("altered=%.1f composite=%.1f  alt P/R %.3f/%.3f  comp P/R %.3f/%.3f  unc P/R %.3f/%.3f", alt, comp,
				m["precision_altered"], m["recall_altered"], m["precision_composite"], m["recall_composite"],
				m["precision_uncorroborated"], m["recall_uncorroborated"])
		}
	}
}
