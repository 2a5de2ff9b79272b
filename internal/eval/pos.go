package eval

import (
	"context"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/eval/gum"
	"github.com/parallax-news/parallax/internal/pos"
)

// posTask scores the part-of-speech tagger on GUM's dev and test documents,
// which its model never saw (it is trained on the train split).
func posTask() Task {
	return Task{
		Name: "pos",
		Doc:  "universal part-of-speech tags: accuracy on GUM's held-out dev and test documents",
		Datasets: []Dataset{{
			Name: "gum-news", Marker: "eval/gum-news",
			Run: func(ctx context.Context, env Env) (Result, error) {
				dir := filepath.Join(env.Root, "eval", "gum-news")
				docs, err := gum.LoadSentences(dir)
				if err != nil {
					return Result{}, err
				}
				split, err := gum.Splits(dir)
				if err != nil {
					return Result{}, err
				}
				right, all, n := 0, 0, 0
				var words []string
				var gold []pos.Tag
				flush := func() {
					got := pos.TagSentence(nil, words)
					for i := range got {
						if got[i] == gold[i] {
							right++
						}
						all++
					}
					words, gold = words[:0], gold[:0]
				}
				for _, d := range docs {
					if s := split[d.ID]; s != "dev" && s != "test" {
						continue
					}
					if err := ctx.Err(); err != nil {
						return Result{}, err
					}
					n++
					cur := -1
					for _, w := range d.Words {
						if w.Sentence != cur && len(words) > 0 {
							flush()
						}
						cur = w.Sentence
						words = append(words, w.Form)
						gold = append(gold, pos.Parse(w.UPOS))
					}
					flush()
				}
				return Result{N: n, Metrics: map[string]float64{"accuracy": ratio(right, all), "tokens": float64(all)}}, nil
			},
		}},
	}
}
