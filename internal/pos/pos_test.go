package pos

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/eval/gum"
)

var trainFlag = flag.Bool("train", false, "train the tagger on GUM's train split and write data/pos.model")

// gumSentences reads GUM's sentences of the given splits ("train", "dev",
// "test") with their gold UPOS.
func gumSentences(t testing.TB, splits ...string) []TrainSentence {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "eval", "gum-news"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/eval/gum-news is absent")
	}
	docs, err := gum.LoadSentences(dir)
	if err != nil {
		t.Fatal(err)
	}
	split, err := gum.Splits(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, s := range splits {
		want[s] = true
	}
	var out []TrainSentence
	for _, d := range docs {
		sp := split[d.ID]
		if sp == "" {
			sp = "train"
		}
		if !want[sp] {
			continue
		}
		cur := -1
		for _, w := range d.Words {
			if w.Sentence != cur {
				out = append(out, TrainSentence{})
				cur = w.Sentence
			}
			s := &out[len(out)-1]
			s.Words = append(s.Words, w.Form)
			s.Tags = append(s.Tags, Parse(w.UPOS))
		}
	}
	return out
}

func accuracy(m *Model, sents []TrainSentence) float64 {
	right, all := 0, 0
	for _, s := range sents {
		got := m.TagSentence(nil, s.Words)
		for i := range got {
			if got[i] == s.Tags[i] {
				right++
			}
			all++
		}
	}
	return float64(right) / float64(max(all, 1))
}

func TestTrain(t *testing.T) {
	if !*trainFlag {
		t.Skip("run with -train to retrain the embedded model")
	}
	m := Train(gumSentences(t, "train"), 10, 1)
	t.Logf("held-out accuracy (GUM dev+test): %.4f", accuracy(m, gumSentences(t, "dev", "test")))
	var buf bytes.Buffer
	if err := m.m.Write(&buf, modelMagic); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("data", "pos.model"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote data/pos.model: %d features, %d bytes", m.m.Features(), buf.Len())
}

// TestHeldOut checks the embedded model on GUM documents it never saw.
func TestHeldOut(t *testing.T) {
	acc := accuracy(&Model{defaultModel()}, gumSentences(t, "dev", "test"))
	t.Logf("held-out accuracy: %.4f", acc)
	if acc < 0.90 {
		t.Errorf("held-out accuracy %.4f, want at least 0.90", acc)
	}
}

func TestTags(t *testing.T) {
	got := TagSentence(nil, []string{"The", "minister", "said", "that", "talks", "would", "resume", "in", "Geneva", "."})
	want := []Tag{DET, NOUN, VERB, SCONJ, NOUN, AUX, VERB, ADP, PROPN, PUNCT}
	wrong := 0
	for i := range want {
		if got[i] != want[i] {
			wrong++
		}
	}
	if wrong > 1 {
		t.Errorf("tags %v, want %v", got, want)
	}
	if len(TagSentence(nil, nil)) != 0 {
		t.Error("tags for no words")
	}
}

// BenchmarkTagSentence tags GUM's dev and test sentences with the embedded
// model, as the quote stage and the claim cross-check do.
//
//	go test ./internal/pos -run '^$' -bench TagSentence -benchmem
func BenchmarkTagSentence(b *testing.B) {
	sents := gumSentences(b, "dev", "test")
	words := 0
	for _, s := range sents {
		words += len(s.Words)
	}
	TagSentence(nil, []string{"load"}) // the model
	b.ReportAllocs()
	var tags []Tag
	for b.Loop() {
		for _, s := range sents {
			tags = TagSentence(tags[:0], s.Words)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
}
