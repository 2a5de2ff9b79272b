package quote_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/eval/polnear"
	"github.com/parallax-news/parallax/internal/quote"
)

var devFlag = flag.Bool("dev", false, "train on PolNeAR train and score on dev")

// TestDev trains on PolNeAR's train split and scores its dev split, the
// loop to develop features in:
//
//	go test ./internal/quote -run TestDev -dev -v
func TestDev(t *testing.T) {
	if !*devFlag {
		t.Skip("run with -dev")
	}
	dir := filepath.Join(quote.SharedRoot(t), "eval", "polnear")
	m := quote.Train(quote.TrainDocs(t, dir, polnear.Train), quote.TrainOptions{Seed: 1})
	dev, err := polnear.Read(dir, polnear.Dev)
	if err != nil {
		t.Fatal(err)
	}
	var c polnear.Counts
	for _, d := range dev {
		c = c.Add(polnear.Score(d.Text, d.Attributions, eval.Attributions(m.Extract(d.Text, nil))))
	}
	ms := c.Metrics()
	for _, k := range []string{"cue_precision", "cue_recall", "cue_f1", "source_f1", "source_f1_overlap", "content_f1", "content_f1_overlap", "all_f1", "all_f1_overlap"} {
		t.Logf("dev %s = %.3f", k, ms[k])
	}
}
