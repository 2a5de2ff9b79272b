package eval

import (
	"context"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/text"
)

// boilerplateTask scores boilerplate removal from scraped plain text on the
// seeds gold: recall is the share of gold boilerplate lines that are not in
// the main text; article_lines_lost counts the other lines of the seed
// files (article lines) that did not make it into the main text.
func boilerplateTask() Task {
	return Task{
		Name: "boilerplate",
		Doc:  "boilerplate lines of scraped text (seeds gold): recall of removed lines, article lines lost",
		Datasets: []Dataset{{
			Name: "seeds", Marker: gold.SeedsFile,
			Run: func(ctx context.Context, env Env) (Result, error) {
				s, err := gold.Load(env.Root)
				if err != nil {
					return Result{}, err
				}
				var found, total, lost int
				for _, name := range s.DocNames() {
					a, _, _, err := ingest.Build(&source.Record{Origin: name, Format: article.FormatText, Body: []byte(s.Docs[name])})
					if err != nil {
						return Result{}, err
					}
					kept := map[string]bool{}
					for _, p := range text.Paragraphs(a.Text) {
						kept[p.In(a.Text)] = true
					}
					isBoiler := map[string]bool{}
					for _, l := range s.Boilerplate[name] {
						l = text.NormalizeString(l)
						isBoiler[l] = true
						total++
						// Removed means absent from the text, not merely
						// not a paragraph of its own.
						if !strings.Contains(a.Text, l) {
							found++
						}
					}
					for _, l := range strings.Split(text.NormalizeString(s.Docs[name]), "\n") {
						if l != "" && !isBoiler[l] && !kept[l] {
							lost++
						}
					}
				}
				return Result{N: len(s.DocNames()), Metrics: map[string]float64{
					"recall":             ratio(found, total),
					"article_lines_lost": float64(lost),
				}}, nil
			},
		}},
	}
}
