package entity

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/ner"
)

// The embedded model (data/ner.model) is trained by
//
//	go test ./internal/entity -run TestTrain -train [-data ../shared]
//
// on openly licensed gold in the shared data root, never on the sets it
// is scored on:
//   - GUM, Wikinews news and interview documents, the official train
//     split (35 documents; texts CC BY 2.5, annotations CC BY 4.0;
//     Zeldes 2017), with its dev split for choices;
//   - CrossNER politics dev.txt (541 Wikipedia sentences; MIT, text
//     CC BY-SA; Liu et al. 2021).
//
// Scored on: GUM dev+test, CrossNER test, MEANTIME (all of it), WNUT-17.
var (
	trainFlag = flag.Bool("train", false, "train the entity tagger and write data/ner.model")
	dataFlag  = flag.String("data", "", "data root holding eval/ (default ../../../shared)")
)

func dataRoot() string {
	if *dataFlag != "" {
		return *dataFlag
	}
	if r := os.Getenv("PARALLAX_DATA_ROOT"); r != "" {
		return r
	}
	return filepath.Join("..", "..", "..", "shared")
}

var nerTypes = map[string]int{"person": typPER, "organization": typORG, "location": typLOC}

func trainingSentences(docs []ner.Doc) []trainSentence {
	var out []trainSentence
	for _, g := range docs {
		d := newDocFeatures(g.Text)
		var sp []article.Span
		var ty []int
		for _, m := range g.Gold {
			sp = append(sp, m.Span)
			ty = append(ty, nerTypes[m.Type])
		}
		for _, ig := range g.Ignore {
			sp = append(sp, ig)
			ty = append(ty, typMISC)
		}
		labels := d.goldLabels(sp, ty)
		for s, r := range d.sents {
			if !scored(g.Scored, d.toks[r.from].Span) {
				continue
			}
			out = append(out, trainSentence{doc: d, s: s, gold: labels[r.from:r.to]})
		}
	}
	return out
}

func scored(ranges []article.Span, sp article.Span) bool {
	if ranges == nil {
		return true
	}
	for _, r := range ranges {
		if r.Overlaps(sp) {
			return true
		}
	}
	return false
}

// score gives entity-level micro P/R/F1 of m on docs.
func score(m *model, docs []ner.Doc) (p, r, f float64) {
	var tp, fp, fn int
	for _, g := range docs {
		d := newDocFeatures(g.Text)
		got := map[[3]int]bool{}
		for _, x := range recognize(d, m) {
			t := -1
			switch x.Kind {
			case Person:
				t = typPER
			case Organization:
				t = typORG
			case State, Place:
				t = typLOC
			}
			if t < 0 || !scored(g.Scored, x.Span) {
				continue
			}
			ignored := false
			for _, ig := range g.Ignore {
				if ig.Overlaps(x.Span) {
					ignored = true
				}
			}
			if !ignored {
				got[[3]int{x.Start, x.End, t}] = true
			}
		}
		for _, gm := range g.Gold {
			k := [3]int{gm.Start, gm.End, nerTypes[gm.Type]}
			if got[k] {
				tp++
				delete(got, k)
			} else {
				fn++
			}
		}
		fp += len(got)
	}
	p = float64(tp) / float64(max(tp+fp, 1))
	r = float64(tp) / float64(max(tp+fn, 1))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func TestTrain(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to retrain the tagger")
	}
	root := dataRoot()
	gumAll, err := ner.GUM(filepath.Join(root, "eval", "gum-news"))
	if err != nil {
		t.Fatal(err)
	}
	var gumTrain, gumDev, gumTest []ner.Doc
	for _, d := range gumAll {
		switch d.Split {
		case "train":
			gumTrain = append(gumTrain, d)
		case "dev":
			gumDev = append(gumDev, d)
		default:
			gumTest = append(gumTest, d)
		}
	}
	crossDev, err := ner.CrossNER(filepath.Join(root, "eval", "crossner-politics", "dev.txt"))
	if err != nil {
		t.Fatal(err)
	}
	crossTest, err := ner.CrossNER(filepath.Join(root, "eval", "crossner-politics", "test.txt"))
	if err != nil {
		t.Fatal(err)
	}
	meantime, err := ner.Meantime(filepath.Join(root, "eval", "meantime"))
	if err != nil {
		t.Fatal(err)
	}
	sents := trainingSentences(append(append([]ner.Doc(nil), gumTrain...), crossDev...))
	t.Logf("training on %d sentences", len(sents))
	m := train(sents, TrainOptions{Epochs: 12, Seed: 1, Progress: func(e int, acc float64) { t.Logf("epoch %d: %.4f", e, acc) }})
	m = m.prune(1e-3)
	for _, set := range []struct {
		name string
		docs []ner.Doc
	}{{"gum dev", gumDev}, {"gum test", gumTest}, {"crossner test", crossTest}, {"meantime", meantime}} {
		p, r, f := score(m, set.docs)
		t.Logf("%-14s P %.3f R %.3f F1 %.3f", set.name, p, r, f)
	}
	var buf bytes.Buffer
	if err := m.write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("data", "ner.model"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("wrote data/ner.model: %d features, %d bytes\n", len(m.index), buf.Len())
}
