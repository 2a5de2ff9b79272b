package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/parallax-news/parallax/internal/store"
)

func runLs(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "ls", "", "Lists stored articles in ingestion order: short ID, published date, outlet, title.\nWith --json, one JSON object per line (no text).")
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	outlet := fs.String("outlet", "", "only articles of this `outlet`")
	limit := fs.Int("limit", 0, "at most `n` articles (0: all)")
	after := fs.Int64("after", 0, "only articles ingested after sequence number `seq`")
	if code := parseNoArgs(fs, e, args); code >= 0 {
		return code
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()

	enc := json.NewEncoder(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tTITLE")
	}
	n := 0
	if *limit < 0 || *after < 0 {
		writeErr(e.stderr, "ls: --limit and --after must not be negative")
		return exitUsage
	}
	for a, err := range st.List(ctx, store.Query{Outlet: *outlet, Limit: *limit, After: *after}) {
		if err != nil {
			writeErr(e.stderr, "ls: %v", err)
			return exitSystem
		}
		n++
		if *asJSON {
			_ = enc.Encode(a)
			continue
		}
		pub := "-"
		if !a.Published.IsZero() {
			pub = a.Published.Format("2006-01-02")
		}
		title := a.Title
		if title == "" {
			title = "(untitled: " + a.Source + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", shortID(a.ID), pub, orDash(a.Outlet), clip(title, 80))
	}
	if !*asJSON {
		_ = tw.Flush()
		if n == 0 && *outlet == "" && *after == 0 {
			fmt.Fprintln(e.stderr, "parallax: ls: the store holds no articles; add some with parallax ingest")
		}
	}
	return exitOK
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
