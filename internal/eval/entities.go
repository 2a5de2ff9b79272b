package eval

import (
	"context"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/source"
)

// entitiesTask scores canonical entities across the seed articles against
// the seeds gold: every listed person found as one entity holding all the
// listed aliases, every listed state name mapped to its code, and no
// entity holding two listed people.
func entitiesTask() Task {
	return Task{
		Name: "entities",
		Doc:  "canonical entities across articles (seeds gold): people and alias recall, state-code recall, wrong merges",
		Datasets: []Dataset{{
			Name: "seeds", Marker: gold.SeedsFile,
			Run: func(ctx context.Context, env Env) (Result, error) {
				s, err := gold.Load(env.Root)
				if err != nil {
					return Result{}, err
				}
				var texts []string
				for _, name := range s.DocNames() {
					a, _, _, err := ingest.Build(&source.Record{Origin: name, Format: article.FormatText, Body: []byte(s.Docs[name])})
					if err != nil {
						return Result{}, err
					}
					texts = append(texts, a.Text)
				}
				return Result{N: len(texts), Metrics: ScoreEntities(texts, s.Entities)}, nil
			},
		}},
	}
}

// ScoreEntities analyses and links texts and scores the global entities
// against the gold: people_recall, aliases_recall, states_recall,
// wrong_merges (a count).
func ScoreEntities(texts []string, g gold.Entities) map[string]float64 {
	l := entity.NewLinker()
	for i, t := range texts {
		l.AddDoc(string(rune('a'+i)), entity.Analyze(t))
	}
	ents := l.Entities()
	forms := func(e *entity.Global) map[string]bool {
		m := map[string]bool{normKey(e.Name): true}
		for _, a := range e.Aliases {
			m[normKey(a)] = true
		}
		for _, t := range e.Titles {
			m[normKey(t)] = true
		}
		for _, r := range e.Roles {
			m[normKey(strings.TrimPrefix(r.Text, "the "))] = true
		}
		return m
	}
	var people, peopleFound, aliases, aliasesFound, states, statesFound int
	owner := map[*entity.Global][]string{}
	for name, as := range g.People {
		people++
		var found *entity.Global
		for _, e := range ents {
			if e.Kind == entity.Person && forms(e)[normKey(name)] {
				found = e
				break
			}
		}
		if found != nil {
			peopleFound++
			owner[found] = append(owner[found], name)
		}
		for _, a := range as {
			aliases++
			if found != nil && forms(found)[normKey(a)] {
				aliasesFound++
			}
		}
	}
	for code, as := range g.States {
		for _, a := range as {
			states++
			for _, e := range ents {
				if e.Kind == entity.State && e.Code == code && forms(e)[normKey(a)] {
					statesFound++
					break
				}
			}
		}
	}
	// A wrong merge: one entity holding two gold people, found through
	// any of their listed aliases.
	wrong := 0
	for _, e := range ents {
		if e.Kind != entity.Person {
			continue
		}
		f := forms(e)
		n := 0
		for name, as := range g.People {
			for _, a := range append([]string{name}, as...) {
				if f[normKey(a)] && len(strings.Fields(a)) > 1 {
					n++
					break
				}
			}
			_ = name
		}
		if n > 1 {
			wrong += n - 1
		}
	}
	return map[string]float64{
		"people_recall":  ratio(peopleFound, people),
		"aliases_recall": ratio(aliasesFound, aliases),
		"states_recall":  ratio(statesFound, states),
		"wrong_merges":   float64(wrong),
	}
}

func normKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))
}
