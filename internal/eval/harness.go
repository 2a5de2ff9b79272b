package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Result is the score of one task on one dataset. Its JSON form, one object
// per line, is what `parallax eval --json` prints and scripts rely on:
//
//	{"task":"sentences","dataset":"gum-news","n":43,"metrics":{"f1":0.97,...}}
type Result struct {
	Task    string             `json:"task"`
	Dataset string             `json:"dataset"` // path under eval/, or "seeds"
	N       int                `json:"n"`       // items scored (documents, pages, pairs...)
	Metrics map[string]float64 `json:"metrics"` // lower_snake_case keys
}

// Env is what a dataset run needs from outside.
type Env struct {
	// Root is the data root: it holds eval/<name>/ and gold/seeds.json.
	Root string
}

// Dataset is one gold set a task is scored on.
type Dataset struct {
	// Name is the dataset's path under eval/ ("gum-news",
	// "article-extraction/scrapinghub-aeb") or "seeds" for gold/seeds.json.
	Name string
	// Marker is the path under the data root whose presence says the
	// dataset is there (e.g. "eval/gum-news"). When it is absent the
	// dataset is skipped; when it is present, every error is a failure, so
	// a damaged or incomplete dataset is not mistaken for a missing one.
	Marker string
	// Run scores the task on the dataset and returns N and Metrics.
	Run func(ctx context.Context, env Env) (Result, error)
}

// Task is one extractor's evaluation across its datasets.
type Task struct {
	Name     string
	Doc      string // one line: what is scored and how
	Datasets []Dataset
}

// Harness runs tasks.
type Harness struct {
	Tasks []Task
}

// Default returns the harness with every task parallax knows.
func Default() *Harness {
	return &Harness{Tasks: []Task{
		sentencesTask(),
		extractTask(),
		boilerplateTask(),
		copiesTask(),
		storiesTask(),
		nerTask(),
		corefTask(),
		entitiesTask(),
		posTask(),
		quotesTask(),
		crosscheckTask(),
		sourcingTask(),
		loadedTask(),
		timexTask(),
	}}
}

// Names returns the task names in order.
func (h *Harness) Names() []string {
	names := make([]string, len(h.Tasks))
	for i, t := range h.Tasks {
		names[i] = t.Name
	}
	return names
}

// Outcome reports what happened to one (task, dataset).
type Outcome struct {
	Result  Result
	Skipped error // non-nil when the dataset is absent
	Err     error // non-nil when scoring failed
}

// Run runs the named tasks (all when names is empty) on every dataset and
// calls report for each (task, dataset) as it finishes. A missing dataset is
// reported as skipped; a failing one as an error, and the others still run.
// Run returns an error for unknown task names, and the count of failures.
func (h *Harness) Run(ctx context.Context, env Env, names []string, report func(Outcome)) (failed int, err error) {
	tasks, err := h.pick(names)
	if err != nil {
		return 0, err
	}
	for _, t := range tasks {
		for _, d := range t.Datasets {
			if err := ctx.Err(); err != nil {
				return failed, err
			}
			if _, err := os.Stat(filepath.Join(env.Root, d.Marker)); errors.Is(err, fs.ErrNotExist) {
				report(Outcome{Result: Result{Task: t.Name, Dataset: d.Name}, Skipped: fmt.Errorf("%s not found under %s", d.Marker, env.Root)})
				continue
			}
			res, err := runOne(ctx, env, d)
			res.Task, res.Dataset = t.Name, d.Name
			round(res.Metrics)
			o := Outcome{Result: res}
			switch {
			case err != nil:
				o.Err = err
				failed++
			}
			report(o)
		}
	}
	return failed, nil
}

// runOne runs one dataset, turning a panic in a scorer into an error so one
// broken task cannot hide the others' figures.
func runOne(ctx context.Context, env Env, d Dataset) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return d.Run(ctx, env)
}

func (h *Harness) pick(names []string) ([]Task, error) {
	if len(names) == 0 {
		return h.Tasks, nil
	}
	byName := map[string]Task{}
	for _, t := range h.Tasks {
		byName[t.Name] = t
	}
	var out []Task
	for _, n := range names {
		t, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("eval: unknown task %q (known: %s)", n, strings.Join(h.Names(), ", "))
		}
		out = append(out, t)
	}
	return out, nil
}

// round keeps four decimals, so that printed figures are stable across runs
// and platforms and diffs between runs show real changes only.
func round(m map[string]float64) {
	for k, v := range m {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			m[k] = math.Round(v*1e4) / 1e4
		}
	}
}

// SortedKeys returns m's keys in order, for stable human output.
func SortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
