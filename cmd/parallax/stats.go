package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

func runStats(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "stats", "", "Summarizes the store: articles, sources, outlets, formats, dates, sizes.")
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	deep := fs.Bool("text", false, "also count paragraphs, sentences and tokens (reads every article's text)")
	if code := parseNoArgs(fs, e, args); code >= 0 {
		return code
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		writeErr(e.stderr, "stats: %v", err)
		return exitSystem
	}
	type textCounts struct {
		Paragraphs int `json:"paragraphs"`
		Sentences  int `json:"sentences"`
		Tokens     int `json:"tokens"`
	}
	var tc *textCounts
	if *deep {
		tc = &textCounts{}
		var toks []text.Token
		for a, err := range st.List(ctx, store.Query{WithText: true}) {
			if err != nil {
				writeErr(e.stderr, "stats: %v", err)
				return exitSystem
			}
			tc.Paragraphs += len(text.Paragraphs(a.Text))
			tc.Sentences += len(text.Sentences(a.Text))
			toks = text.Tokens(a.Text, toks[:0])
			tc.Tokens += len(toks)
		}
	}
	if *asJSON {
		out := struct {
			store.Stats
			Text *textCounts `json:"text,omitempty"`
		}{s, tc}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
		return exitOK
	}
	w := e.stdout
	fmt.Fprintf(w, "articles   %d\n", s.Articles)
	fmt.Fprintf(w, "sources    %d (%d read more than once)\n", s.Sources, s.Sources-s.Articles)
	fmt.Fprintf(w, "text       %s (raw input kept: %s)\n", humanBytes(s.TextBytes), humanBytes(s.RawBytes))
	if tc != nil {
		fmt.Fprintf(w, "segments   %d paragraphs, %d sentences, %d tokens\n", tc.Paragraphs, tc.Sentences, tc.Tokens)
	}
	if s.WithPublished > 0 {
		fmt.Fprintf(w, "published  %d dated, %s to %s\n", s.WithPublished,
			s.FirstPublished.Format(time.DateOnly), s.LastPublished.Format(time.DateOnly))
	} else {
		fmt.Fprintf(w, "published  no dates known\n")
	}
	fmt.Fprintf(w, "formats    %s\n", counts(s.Formats))
	fmt.Fprintf(w, "outlets    %d\n", len(s.Outlets))
	for _, kv := range sorted(s.Outlets) {
		fmt.Fprintf(w, "  %6d  %s\n", kv.n, orDash(kv.k))
	}
	fmt.Fprintf(w, "schema     v%d\n", s.SchemaVersion)
	return exitOK
}

type kv struct {
	k string
	n int64
}

// sorted orders a count map by count, then key.
func sorted(m map[string]int64) []kv {
	out := make([]kv, 0, len(m))
	for k, n := range m {
		out = append(out, kv{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].k < out[j].k
	})
	return out
}

func counts(m map[string]int64) string {
	s := ""
	for i, kv := range sorted(m) {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", orDash(kv.k), kv.n)
	}
	if s == "" {
		return "-"
	}
	return s
}
