package entity_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/ner"
)

// The embedded model (data/ner.model) is trained by
//
//	go test ./internal/entity -run TestTrain -train [-data ../shared]
//
// on openly licensed gold from the shared data root (see
// entity.TrainingDocs): GUM's train split, CrossNER politics dev and
// MEANTIME. `parallax eval ner` scores GUM on its held-out dev and test
// documents, CrossNER on test, and MEANTIME topic by topic with models
// trained without the topic scored.
var (
	trainFlag = flag.Bool("train", false, "train the entity tagger and write data/ner.model")
	dataFlag  = flag.String("data", "", "data root holding eval/ (default ../../../shared)")
)

func TestTrain(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to retrain the tagger")
	}
	root := *dataFlag
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared")
	}
	docs, err := ner.TrainingDocs(root, "")
	if err != nil {
		t.Fatal(err)
	}
	m := entity.Train(docs, entity.TrainOptions{Epochs: 12, Seed: 1, Progress: func(e int, acc float64) { t.Logf("epoch %d: %.4f", e, acc) }})
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("data", "ner.model"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote data/ner.model: %d documents, %d features, %d bytes", len(docs), m.Features(), buf.Len())
}
