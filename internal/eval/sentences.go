package eval

import (
	"context"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/eval/gum"
	"github.com/parallax-news/parallax/internal/text"
)

// sentencesTask scores the sentence splitter's boundaries against GUM's gold
// sentences. "precision/recall/f1" count every sentence end; the "inner_"
// figures count only ends inside a paragraph, which are the hard ones: a
// paragraph end is always a boundary.
func sentencesTask() Task {
	return Task{
		Name: "sentences",
		Doc:  "sentence boundaries (end offsets) against gold sentence splits: P/R/F1, all and paragraph-inner",
		Datasets: []Dataset{{
			Name: "gum-news", Marker: "eval/gum-news",
			Run: func(ctx context.Context, env Env) (Result, error) {
				docs, err := gum.LoadSentences(filepath.Join(env.Root, "eval", "gum-news"))
				if err != nil {
					return Result{}, err
				}
				var all, inner PRF
				for _, d := range docs {
					if err := ctx.Err(); err != nil {
						return Result{}, err
					}
					a, i := scoreBoundaries(d.Text, gumEnds(d), predEnds(d.Text))
					all, inner = all.Add(a), inner.Add(i)
				}
				m := all.Metrics("")
				for k, v := range inner.Metrics("inner_") {
					m[k] = v
				}
				return Result{N: len(docs), Metrics: m}, nil
			},
		}},
	}
}

func gumEnds(d gum.Doc) []int {
	ends := make([]int, len(d.Sentences))
	for i, s := range d.Sentences {
		ends[i] = s.End
	}
	return ends
}

func predEnds(t string) []int {
	ss := text.Sentences(t)
	ends := make([]int, len(ss))
	for i, s := range ss {
		ends[i] = s.End
	}
	return ends
}

// scoreBoundaries scores sentence ends, all of them and those not at a
// paragraph end (a '\n' or the end of text right after).
func scoreBoundaries(t string, gold, pred []int) (all, inner PRF) {
	isInner := func(end int) bool { return end < len(t) && t[end] != '\n' }
	var gi, pi []int
	for _, e := range gold {
		if isInner(e) {
			gi = append(gi, e)
		}
	}
	for _, e := range pred {
		if isInner(e) {
			pi = append(pi, e)
		}
	}
	return Points(gold, pred), Points(gi, pi)
}
