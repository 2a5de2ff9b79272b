package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/source"
)

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "ingest", "PATH... (- for stdin)", `Reads articles into the store: plain text (one article per file), .html/.htm
pages, .jsonl/.json records (fields url, title, published, outlet, byline, text
or html), .warc/.warc.gz HTTP responses, .gz of any of these, and directories,
walked recursively. The same text is stored once (its SHA-256 is the article
ID); a second source of it is recorded and reported as a duplicate, so a run
that was killed can simply be run again.

Per-input problems are reported on stderr, one line each naming the file (and
line or record), and the run goes on; the exit code is 1 if any input failed.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	maxFile := fs.Int64("max-file-size", source.DefaultMaxFileSize, "largest input file in `bytes` (compressed size on disk)")
	maxRecord := fs.Int64("max-record-size", source.DefaultMaxRecordSize, "largest single article payload in `bytes` after decompression")
	workers := fs.Int("workers", 0, "goroutines building articles (default: number of CPUs)")
	progress := fs.String("progress", "auto", "progress on stderr: auto (a bar on a terminal, plain lines otherwise), bar, plain, none")
	quiet := fs.Bool("q", false, "do not report each duplicate; problems are still reported")
	paths, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(paths) == 0 {
		writeErr(e.stderr, "ingest: no input; give files, directories, or - for stdin")
		return exitUsage
	}
	if *workers < 0 || *workers > 256 {
		writeErr(e.stderr, "ingest: --workers must be between 0 (one per CPU) and 256")
		return exitUsage
	}
	if *maxFile <= 0 || *maxRecord <= 0 {
		writeErr(e.stderr, "ingest: sizes must be positive")
		return exitUsage
	}
	prog, err := newProgress(e, *progress, "ingest")
	if err != nil {
		writeErr(e.stderr, "ingest: %v", err)
		return exitUsage
	}
	st, err := openStore(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()

	enc := json.NewEncoder(e.stdout)
	opts := ingest.Options{
		Source: source.Options{
			MaxFileSize:   *maxFile,
			MaxRecordSize: *maxRecord,
			Stdin:         e.stdin,
		},
		Workers: *workers,
		Events: func(ev ingest.Event) {
			switch ev.Kind {
			case ingest.Failed:
				prog.Println(fmt.Sprintf("parallax: ingest: %v", ev.Err))
			case ingest.Warning:
				prog.Println(fmt.Sprintf("parallax: ingest: warning: %v", ev.Err))
			case ingest.Skipped:
				prog.Println(fmt.Sprintf("parallax: ingest: note: %v", ev.Err))
			case ingest.Duplicate:
				if !*quiet {
					prog.Println(fmt.Sprintf("parallax: ingest: %s: duplicate of %s, already stored", ev.Origin, article.Short(ev.Article.ID)))
				}
			}
			if *asJSON {
				_ = enc.Encode(ingestLine(ev))
			}
			prog.Update(ev)
		},
	}
	sum, err := ingest.Run(ctx, st, paths, opts)
	prog.Done(sum)
	if *asJSON {
		_ = enc.Encode(map[string]any{
			"event": "summary", "stored": sum.Stored, "duplicates": sum.Duplicates,
			"failed": sum.Failed, "warnings": sum.Warnings, "skipped": sum.Skipped, "bytes": sum.Bytes,
			"seconds": sum.Elapsed.Seconds(),
		})
	} else {
		skipped := ""
		if sum.Skipped > 0 {
			skipped = fmt.Sprintf(", %d skipped", sum.Skipped)
		}
		fmt.Fprintf(e.stdout, "%d stored, %d duplicates, %d failed%s (%s in %s)\n",
			sum.Stored, sum.Duplicates, sum.Failed, skipped, humanBytes(sum.Bytes), sum.Elapsed.Round(time.Millisecond))
	}
	switch {
	case errors.Is(err, context.Canceled):
		writeErr(e.stderr, "ingest: interrupted; what was stored is kept, run again to finish")
		return exitSignal
	case err != nil:
		writeErr(e.stderr, "%v", err)
		return exitSystem
	case sum.Failed > 0:
		return exitPartial
	}
	return exitOK
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// ingestLine is the --json line for one event: {"event":"stored"|
// "duplicate"|"failed"|"warning","origin":...,"id":...,"error":...}.
func ingestLine(ev ingest.Event) map[string]any {
	m := map[string]any{"origin": ev.Origin}
	switch ev.Kind {
	case ingest.Stored:
		m["event"] = "stored"
	case ingest.Duplicate:
		m["event"] = "duplicate"
	case ingest.Failed:
		m["event"] = "failed"
	case ingest.Warning:
		m["event"] = "warning"
	case ingest.Skipped:
		m["event"] = "skipped"
	}
	if ev.Article != nil {
		m["id"] = ev.Article.ID
	}
	if ev.Err != nil {
		m["error"] = ev.Err.Error()
	}
	return m
}
