package quote

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/eval/polnear"
)

// The embedded model (data/attrib.model) is trained by
//
//	go test ./internal/quote -run TestTrain -train
//
// on PolNeAR's train and dev splits from ../shared/eval/polnear (the test
// split is for `parallax eval quotes` only). For development,
// TestDev in dev_test.go trains on train alone and scores dev.
var trainFlag = flag.Bool("train", false, "train the attribution tagger and write data/attrib*.model")

func sharedRoot(t testing.TB) string {
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "eval", "polnear")); err != nil {
		t.Skip("../shared/eval/polnear is absent")
	}
	return root
}

// TrainDocs reads PolNeAR splits from dir as training documents.
func TrainDocs(t testing.TB, dir string, splits ...string) []TrainDoc {
	var out []TrainDoc
	for _, sp := range splits {
		docs, err := polnear.Read(dir, sp)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			td := TrainDoc{Text: d.Text}
			for _, a := range d.Attributions {
				cue := a.Cue
				if len(cue) == 0 {
					cue = a.Anchor
				}
				td.Attributions = append(td.Attributions, TrainAttribution{Cue: cue, Source: a.Source, Content: a.Content})
			}
			out = append(out, td)
		}
	}
	return out
}

func TestTrain(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to retrain the embedded model")
	}
	root := sharedRoot(t)
	docs := TrainDocs(t, filepath.Join(root, "eval", "polnear"), polnear.Train, polnear.Dev)
	m := Train(docs, TrainOptions{Seed: 1, Progress: func(ep int, acc float64) { t.Logf("epoch %d: %.4f", ep, acc) }})
	for k, pm := range []*model{m.t.m1, m.t.m2} {
		var buf bytes.Buffer
		if err := pm.Write(&buf, modelMagic); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join("data", fmt.Sprintf("attrib%d.model", k+1))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d documents, %d features, %d bytes", name, len(docs), pm.Features(), buf.Len())
	}
}
