package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
)

var quality = flag.Bool("quality", false, "run TestQuality (slow; or set PARALLAX_BENCH_QUALITY=1)")

// TestQuality scores every extractor with the scorers of `parallax eval`
// (eval.ScoreAEB and eval.ScoreTrafilaturaEval) and prints one markdown table
// on stdout: extractor × dataset × precision/recall/F1, with title, author
// and date accuracy on trafilatura-eval. It takes a minute or two, so it runs
// only with -quality or PARALLAX_BENCH_QUALITY=1.
func TestQuality(t *testing.T) {
	if !*quality && os.Getenv("PARALLAX_BENCH_QUALITY") != "1" {
		t.Skip("slow: run with -quality or PARALLAX_BENCH_QUALITY=1")
	}
	env := dataEnv()
	datasets := []struct {
		name  string
		score func(context.Context, eval.Env, eval.Extractor) (eval.Result, error)
	}{
		{"scrapinghub-aeb", eval.ScoreAEB},
		{"trafilatura-eval", eval.ScoreTrafilaturaEval},
	}
	type row struct {
		ex      Named
		dataset string
		res     eval.Result
		took    time.Duration
		err     error
	}
	exs := Extractors()
	rows := make([]row, len(exs)*len(datasets))
	// Two workers: the machine has two cores, and each extractor is scored
	// on one at a time, so figures do not depend on scheduling.
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for i := range jobs {
				r := &rows[i]
				start := time.Now()
				r.res, r.err = datasets[i%len(datasets)].score(t.Context(), env, r.ex.Extract)
				r.took = time.Since(start)
			}
		})
	}
	for i := range rows {
		rows[i].ex, rows[i].dataset = exs[i/len(datasets)], datasets[i%len(datasets)].name
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var sb strings.Builder
	sb.WriteString("| extractor | dataset | pages | precision | recall | F1 | title | author | date | seconds |\n")
	sb.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		switch {
		case errors.Is(r.err, fs.ErrNotExist):
			fmt.Fprintf(&sb, "| %s | %s | skipped: no data | | | | | | | |\n", r.ex.Name, r.dataset)
			continue
		case r.err != nil:
			t.Errorf("%s on %s: %v", r.ex.Name, r.dataset, r.err)
			continue
		}
		m := r.res.Metrics
		meta := " |  | " // three empty cells
		if r.dataset == "trafilatura-eval" {
			meta = fmt.Sprintf("%.3f | %.3f | %.3f", m["title_accuracy"], m["author_accuracy"], m["date_accuracy"])
		}
		fmt.Fprintf(&sb, "| %s | %s | %d | %.3f | %.3f | %.3f | %s | %.1f |\n",
			r.ex, r.dataset, r.res.N, m["precision"], m["recall"], m["f1"], meta, r.took.Seconds())
		// A peer scoring near zero means a broken adapter, not a poor
		// library: the published figures are all above 0.8.
		if r.ex.Name != "parallax" && m["f1"] < 0.5 {
			t.Errorf("%s on %s: F1 %.3f, adapter broken?", r.ex.Name, r.dataset, m["f1"])
		}
	}
	fmt.Print(sb.String())
}
