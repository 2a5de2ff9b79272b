package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/eval"
)

func runEval(ctx context.Context, e *env, args []string) int {
	h := eval.Default()
	var doc strings.Builder
	doc.WriteString(`Scores parallax's extractors against gold data and prints one line per
(task, dataset). Datasets are read from the data root: eval/<name>/ (public
gold sets) and gold/seeds.json. A dataset that is absent is skipped with a
line on stderr. With --json, each line is
  {"task":...,"dataset":...,"n":...,"metrics":{...}}

Tasks (all when none is named):
`)
	for _, t := range h.Tasks {
		fmt.Fprintf(&doc, "  %-10s %s\n", t.Name, t.Doc)
	}
	fs := flagSet(e, "eval", "[TASK...]", strings.TrimRight(doc.String(), "\n"))
	asJSON := jsonFlag(fs)
	root := fs.String("data-root", "", "data root `dir` holding eval/ and gold/ (default $PARALLAX_DATA_ROOT, else ../shared)")
	tasks, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if *root == "" {
		*root = e.getenv("PARALLAX_DATA_ROOT")
	}
	if *root == "" {
		*root = "../shared"
	}
	if fi, err := os.Stat(*root); err != nil || !fi.IsDir() {
		writeErr(e.stderr, "eval: data root %s is not a folder; give --data-root", *root)
		return exitUsage
	}

	enc := json.NewEncoder(e.stdout)
	failed, err := h.Run(ctx, eval.Env{Root: *root}, tasks, func(o eval.Outcome) {
		name := o.Result.Task + "/" + o.Result.Dataset
		switch {
		case o.Skipped != nil:
			writeErr(e.stderr, "eval: %s: skipped: %v", name, o.Skipped)
		case o.Err != nil:
			writeErr(e.stderr, "eval: %s: failed: %v", name, o.Err)
		case *asJSON:
			_ = enc.Encode(o.Result)
		default:
			var b strings.Builder
			for _, k := range eval.SortedKeys(o.Result.Metrics) {
				fmt.Fprintf(&b, "  %s=%.4f", k, o.Result.Metrics[k])
			}
			fmt.Fprintf(e.stdout, "%-10s %-40s n=%-6d%s\n", o.Result.Task, o.Result.Dataset, o.Result.N, b.String())
		}
	})
	switch {
	case err != nil && ctx.Err() != nil:
		return exitSignal
	case err != nil:
		writeErr(e.stderr, "%v", err)
		return exitUsage
	case failed > 0:
		return exitPartial
	}
	return exitOK
}
