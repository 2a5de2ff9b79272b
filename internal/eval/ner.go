package eval

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/ner"
)

// nerTask scores the entity recognizer's named mentions against gold
// names: entity-level, exact span and exact type, micro-averaged, with F1
// per type. Kinds state and place both count as location; other is not
// scored.
func nerTask() Task {
	return Task{
		Name: "ner",
		Doc:  "named-entity recognition (person, organization, location): exact-span exact-type micro P/R/F1 and F1 per type",
		Datasets: []Dataset{
			{Name: "meantime", Marker: "eval/meantime", Run: runNERMeantime},
			{Name: "gum-news", Marker: "eval/gum-news", Run: runNERGUM},
			{Name: "crossner-politics", Marker: "eval/crossner-politics/test.txt", Run: nerRun(func(root string) ([]ner.Doc, error) {
				return ner.CrossNER(filepath.Join(root, "eval", "crossner-politics", "test.txt"))
			})},
			{Name: "wnut17", Marker: "eval/wnut17/emerging.test.annotated", Run: nerRun(func(root string) ([]ner.Doc, error) {
				return ner.WNUT17(filepath.Join(root, "eval", "wnut17", "emerging.test.annotated"))
			})},
		},
	}
}

func nerRun(load func(root string) ([]ner.Doc, error)) func(context.Context, Env) (Result, error) {
	return func(ctx context.Context, env Env) (Result, error) {
		docs, err := load(env.Root)
		if err != nil {
			return Result{}, err
		}
		m, err := scoreNERDocs(ctx, docs, "")
		if err != nil {
			return Result{}, err
		}
		return Result{N: len(docs), Metrics: m}, nil
	}
}

// meantimeSeeds is the number of taggers, trained with different
// shuffles, whose counts the MEANTIME figures pool: one seed's figure
// moves by a point or two with the shuffle alone.
const meantimeSeeds = 3

// runNERMeantime scores MEANTIME topic by topic, each with a tagger
// trained on the embedded model's data minus that topic, since the
// embedded model learnt from all of MEANTIME: the figures are for news of
// a topic the tagger never saw, pooled over meantimeSeeds taggers per
// topic. "embedded_" figures score the embedded model on all of it (seen
// data, for reference).
func runNERMeantime(ctx context.Context, env Env) (Result, error) {
	docs, err := ner.Meantime(filepath.Join(env.Root, "eval", "meantime"))
	if err != nil {
		return Result{}, err
	}
	byTopic := map[string][]ner.Doc{}
	var topics []string
	for _, d := range docs {
		if byTopic[d.Topic] == nil {
			topics = append(topics, d.Topic)
		}
		byTopic[d.Topic] = append(byTopic[d.Topic], d)
	}
	var all PRF
	per := map[string]PRF{}
	for _, topic := range topics {
		train, err := ner.TrainingDocs(env.Root, topic)
		if err != nil {
			return Result{}, err
		}
		for seed := uint64(1); seed <= meantimeSeeds; seed++ {
			model := entity.Train(train, entity.TrainOptions{Epochs: 12, Seed: seed})
			for _, d := range byTopic[topic] {
				if err := ctx.Err(); err != nil {
					return Result{}, err
				}
				a, p := ScoreNER(d, toNER(model.Recognize(d.Text)))
				all = all.Add(a)
				for k, v := range p {
					per[k] = per[k].Add(v)
				}
			}
		}
	}
	m := all.Metrics("")
	for _, t := range ner.Types {
		m["f1_"+t] = per[t].F1()
	}
	seen, err := scoreNERDocs(ctx, docs, "embedded_")
	if err != nil {
		return Result{}, err
	}
	m["embedded_f1"] = seen["embedded_f1"]
	m["topics"] = float64(len(topics))
	m["seeds"] = meantimeSeeds
	return Result{N: len(docs), Metrics: m}, nil
}

// runNERGUM scores the held-out GUM documents (dev and test) as the main
// figures and all documents under the "all_" prefix: train documents are
// what the recognizer may be tuned on.
func runNERGUM(ctx context.Context, env Env) (Result, error) {
	docs, err := ner.GUM(filepath.Join(env.Root, "eval", "gum-news"))
	if err != nil {
		return Result{}, err
	}
	var held []ner.Doc
	for _, d := range docs {
		if d.Split == "dev" || d.Split == "test" {
			held = append(held, d)
		}
	}
	if len(held) == 0 {
		return Result{}, fmt.Errorf("gum-news: no dev or test documents (is original/splits.md there?)")
	}
	m, err := scoreNERDocs(ctx, held, "")
	if err != nil {
		return Result{}, err
	}
	all, err := scoreNERDocs(ctx, docs, "all_")
	if err != nil {
		return Result{}, err
	}
	for k, v := range all {
		m[k] = v
	}
	m["all_n"] = float64(len(docs))
	return Result{N: len(held), Metrics: m}, nil
}

// scoreNERDocs runs the recognizer on every document and returns the
// micro-averaged figures and F1 per type under prefix.
func scoreNERDocs(ctx context.Context, docs []ner.Doc, prefix string) (map[string]float64, error) {
	var all PRF
	per := map[string]PRF{}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, p := ScoreNER(d, predictNER(d.Text))
		all = all.Add(a)
		for k, v := range p {
			per[k] = per[k].Add(v)
		}
	}
	m := all.Metrics(prefix)
	for _, t := range ner.Types {
		m[prefix+"f1_"+t] = per[t].F1()
	}
	return m, nil
}

// predictNER runs the recognizer and maps its kinds to the scored types.
func predictNER(text string) []ner.Mention { return toNER(entity.Recognize(text)) }

// toNER maps recognized mentions to the scored types.
func toNER(ms []entity.Mention) []ner.Mention {
	var out []ner.Mention
	for _, m := range ms {
		var t string
		switch m.Kind {
		case entity.Person:
			t = ner.Person
		case entity.Organization:
			t = ner.Organization
		case entity.State, entity.Place:
			t = ner.Location
		default:
			continue
		}
		out = append(out, ner.Mention{Span: m.Span, Type: t, Fine: m.Kind.String()})
	}
	return out
}

// ScoreNER scores predicted mentions against a gold document: exact span
// and type. Predictions outside d.Scored are dropped, as are those that
// share no span with a gold mention and overlap an ignored span. It
// returns the micro counts and the counts per gold type.
func ScoreNER(d ner.Doc, pred []ner.Mention) (PRF, map[string]PRF) {
	goldSpan := make(map[article.Span]bool, len(d.Gold))
	gold := make([]Labelled, len(d.Gold))
	for i, g := range d.Gold {
		gold[i] = Labelled{Span: g.Span, Label: g.Type}
		goldSpan[g.Span] = true
	}
	var kept []Labelled
	for _, p := range pred {
		if !inScored(p.Span, d.Scored) {
			continue
		}
		if !goldSpan[p.Span] && overlapsAny(p.Span, d.Ignore) {
			continue
		}
		kept = append(kept, Labelled{Span: p.Span, Label: p.Type})
	}
	per := PerLabel(gold, kept, Exact)
	return LabelledSpans(gold, kept, Exact), per
}

func inScored(s article.Span, scored []article.Span) bool {
	if scored == nil {
		return true
	}
	for _, r := range scored {
		if s.Start >= r.Start && s.End <= r.End {
			return true
		}
	}
	return false
}

func overlapsAny(s article.Span, spans []article.Span) bool {
	for _, o := range spans {
		if overlap(s, o) > 0 {
			return true
		}
	}
	return false
}
