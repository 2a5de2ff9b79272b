package eval

import (
	"context"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/sourcing"
	"github.com/parallax-news/parallax/internal/text"
)

// sourcingTask scores the sourcing scorecard on the seeds gold: which
// flags each article gets, and whether their evidence covers the gold's.
func sourcingTask() Task {
	return Task{
		Name: "sourcing",
		Doc:  "sourcing scorecard flags (seeds gold): (doc, kind) recall and precision, gold evidence covered by flag evidence",
		Datasets: []Dataset{{
			Name: "seeds", Marker: gold.SeedsFile,
			Run: func(ctx context.Context, env Env) (Result, error) {
				s, err := gold.Load(env.Root)
				if err != nil {
					return Result{}, err
				}
				cards := map[string]SourcedDoc{}
				for _, g := range s.Sourcing {
					if err := ctx.Err(); err != nil {
						return Result{}, err
					}
					d, err := ScoreSourcingDoc(g.Doc, s.Docs[g.Doc])
					if err != nil {
						return Result{}, err
					}
					cards[g.Doc] = d
				}
				return Result{N: len(s.Sourcing), Metrics: ScoreSourcing(s.Sourcing, cards)}, nil
			},
		}},
	}
}

// SourcedDoc is one article's text and scorecard.
type SourcedDoc struct {
	Text string
	Card sourcing.Scorecard
}

// ScoreSourcingDoc builds the article from raw plain text as ingest does
// and scores its sourcing.
func ScoreSourcingDoc(name, raw string) (SourcedDoc, error) {
	a, _, _, err := ingest.Build(&source.Record{Origin: name, Format: article.FormatText, Body: []byte(raw)})
	if err != nil {
		return SourcedDoc{}, err
	}
	q := quote.Analyze(a.Text)
	card := sourcing.Score(sourcing.Input{Text: a.Text, Outlet: a.Outlet, Quotes: q.Quotes, Entities: q.Entities, Boilerplate: a.Boilerplate})
	return SourcedDoc{Text: a.Text, Card: card}, nil
}

// ScoreSourcing compares scorecards with the gold: flags_recall and
// flags_precision over (doc, kind) pairs, evidence_recall the share of
// gold evidence strings that some flag's evidence overlaps (or, for text
// removed as boilerplate, that a flag holds aside), false_positives the
// count of predicted pairs the gold lacks.
func ScoreSourcing(g []gold.Sourcing, cards map[string]SourcedDoc) map[string]float64 {
	var goldN, predN, hit, ev, evHit int
	for _, gs := range g {
		d, ok := cards[gs.Doc]
		if !ok {
			continue
		}
		want := map[string]bool{}
		for _, k := range gs.Flags {
			want[k] = true
		}
		goldN += len(want)
		got := map[string]bool{}
		for _, f := range d.Card.Flags {
			got[f.Kind] = true
		}
		predN += len(got)
		for k := range got {
			if want[k] {
				hit++
			}
		}
		for _, e := range gs.Evidence {
			ev++
			if evidenceFound(d, e) {
				evHit++
			}
		}
	}
	return map[string]float64{
		"flags_recall":    ratio(hit, goldN),
		"flags_precision": ratio(hit, predN),
		"evidence_recall": ratio(evHit, ev),
		"false_positives": float64(predN - hit),
	}
}

func evidenceFound(d SourcedDoc, e string) bool {
	e = text.NormalizeString(e)
	for off := 0; ; {
		i := strings.Index(d.Text[off:], e)
		if i < 0 {
			break
		}
		s := article.Span{Start: off + i, End: off + i + len(e)}
		for _, f := range d.Card.Flags {
			for _, x := range f.Evidence {
				if x.Overlaps(s) {
					return true
				}
			}
		}
		off = s.End
	}
	for _, f := range d.Card.Flags {
		for _, a := range f.Aside {
			if strings.Contains(a, e) {
				return true
			}
		}
	}
	return false
}

// SourcingReport lists, per doc, the predicted kinds, for tests and
// diagnostics.
func SourcingReport(cards map[string]SourcedDoc) map[string][]string {
	out := map[string][]string{}
	for name, d := range cards {
		for _, f := range d.Card.Flags {
			out[name] = append(out[name], f.Kind)
		}
		sort.Strings(out[name])
	}
	return out
}
