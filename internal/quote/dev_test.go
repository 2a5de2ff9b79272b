package quote_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/eval/polnear"
	"github.com/parallax-news/parallax/internal/quote"
)

var (
	devFlag  = flag.Bool("dev", false, "train on PolNeAR train and score on dev")
	devModel = flag.String("devmodel", "", "`dir` caching the train-only model of -dev: read from it when it holds one, else written to it")
)

// devTagger returns the model trained on PolNeAR's train split alone,
// cached in -devmodel when given: the embedded model has seen dev.
func devTagger(t *testing.T, dir string) *quote.Model {
	if *devModel != "" {
		if m, err := quote.ReadModel(*devModel); err == nil {
			return m
		}
	}
	m := quote.Train(quote.TrainDocs(t, dir, polnear.Train), quote.TrainOptions{Seed: 1})
	if *devModel != "" {
		if err := quote.WriteModel(m, *devModel); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// TestDev trains on PolNeAR's train split and scores its dev split, the
// loop to develop features in:
//
//	go test ./internal/quote -run TestDev -dev -v [-devmodel /tmp/devmodel]
func TestDev(t *testing.T) {
	if !*devFlag {
		t.Skip("run with -dev")
	}
	dir := filepath.Join(quote.SharedRoot(t), "eval", "polnear")
	m := devTagger(t, dir)
	dev, err := polnear.Read(dir, polnear.Dev)
	if err != nil {
		t.Fatal(err)
	}
	var c polnear.Counts
	for _, d := range dev {
		c = c.Add(polnear.Score(d.Text, d.Attributions, eval.Attributions(m.Extract(d.Text, nil))))
	}
	if testing.Verbose() {
		cueErrors(t, m, dev)
	}
	ms := c.Metrics()
	for _, k := range []string{"gold", "predicted", "cue_precision", "cue_recall", "cue_f1", "source_f1", "source_f1_overlap", "content_f1", "content_f1_overlap", "all_f1", "all_f1_overlap"} {
		t.Logf("dev %s = %.3f", k, ms[k])
	}
}

// cueErrors logs the commonest gold cues missed and predicted cues that
// match no gold cue, with the share of misses whose cue was tagged but
// had no content to attribute.
func cueErrors(t *testing.T, m *quote.Model, dev []polnear.Doc) {
	missed, spurious := map[string]int{}, map[string]int{}
	for _, d := range dev {
		qs := m.Extract(d.Text, nil)
		for _, g := range d.Attributions {
			cue := g.Cue
			if len(cue) == 0 {
				cue = g.Anchor
			}
			if len(cue) == 0 {
				continue
			}
			found := false
			for _, q := range qs {
				if q.Cue.Overlaps(cue[0]) {
					found = true
				}
			}
			if !found {
				missed[strings.ToLower(cue[0].In(d.Text))]++
			}
		}
		for _, q := range qs {
			ok := q.Cue.Len() == 0
			for _, g := range d.Attributions {
				for _, c := range append(g.Cue, g.Anchor...) {
					ok = ok || c.Overlaps(q.Cue)
				}
			}
			if !ok {
				spurious[strings.ToLower(q.Cue.In(d.Text))]++
			}
		}
	}
	top := func(m map[string]int) string {
		keys := make([]string, 0, len(m))
		n := 0
		for k, v := range m {
			keys = append(keys, k)
			n += v
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
		if len(keys) > 30 {
			keys = keys[:30]
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d:", n)
		for _, k := range keys {
			fmt.Fprintf(&b, " %q×%d", k, m[k])
		}
		return b.String()
	}
	t.Logf("missed cues %s", top(missed))
	t.Logf("spurious cues %s", top(spurious))
}
