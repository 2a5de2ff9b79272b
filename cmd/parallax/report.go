package main

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/picture"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
)

func runReport(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "report", "[PATH...]", `Ingests the given files and directories (as parallax ingest does; - for
stdin), analyses the articles, and prints the picture story by story: the
articles of each story with their outlets, dates and copies, and who said
what, by canonical speaker, with the spans the quotes rest on. Without PATH,
reports on every stored article.

The default output is Markdown; --json prints the versioned picture document
(schema in internal/picture) on one line (pipe it to jq to read it), --html
one self-contained HTML page. Input
problems are reported on stderr and the report goes on without them; the exit
code is then 1.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	asHTML := fs.Bool("html", false, "print one self-contained HTML page")
	paths, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if *asJSON && *asHTML {
		writeErr(e.stderr, "report: choose --json or --html, not both")
		return exitUsage
	}
	var st store.Store
	var err error
	if len(paths) > 0 {
		st, err = openStore(ctx, e, *storePath)
	} else {
		st, err = openExisting(ctx, e, *storePath)
	}
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()

	exit := exitOK
	var ids []string
	if len(paths) > 0 {
		seen := map[string]bool{}
		opts := ingest.Options{
			Source: source.Options{MaxFileSize: source.DefaultMaxFileSize, MaxRecordSize: source.DefaultMaxRecordSize, Stdin: e.stdin},
			Events: func(ev ingest.Event) {
				switch ev.Kind {
				case ingest.Stored, ingest.Duplicate:
					if !seen[ev.Article.ID] {
						seen[ev.Article.ID] = true
						ids = append(ids, ev.Article.ID)
					}
				case ingest.Failed:
					fmt.Fprintf(e.stderr, "parallax: report: %v\n", ev.Err)
				}
			},
		}
		sum, err := ingest.Run(ctx, st, paths, opts)
		if err != nil {
			if ctx.Err() != nil {
				return exitSignal
			}
			writeErr(e.stderr, "report: %v", err)
			return exitSystem
		}
		if sum.Failed > 0 {
			exit = exitPartial
		}
	}
	var arts []*article.Article
	if len(paths) > 0 {
		for _, id := range ids {
			a, err := st.Get(ctx, id)
			if err != nil {
				writeErr(e.stderr, "report: %v", err)
				return exitSystem
			}
			arts = append(arts, a)
		}
	} else {
		for a, err := range st.List(ctx, store.Query{WithText: true}) {
			if err != nil {
				writeErr(e.stderr, "report: %v", err)
				return exitSystem
			}
			arts = append(arts, a)
		}
	}
	if err := ctx.Err(); err != nil {
		return exitSignal
	}
	if len(arts) == 0 {
		fmt.Fprintln(e.stderr, "parallax: report: no articles to report on")
		return exit
	}
	p := picture.Build(picture.Analyze(arts))
	switch {
	case *asJSON:
		err = p.WriteJSON(e.stdout)
	case *asHTML:
		err = p.WriteHTML(e.stdout)
	default:
		err = p.WriteMarkdown(e.stdout)
	}
	if err != nil {
		writeErr(e.stderr, "report: %v", err)
		return exitSystem
	}
	return exit
}
