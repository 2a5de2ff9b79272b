package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

func runShow(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "show", "ID", `Shows one article: its metadata, then its text one sentence a line, each
numbered paragraph.sentence ("[3.2]" is the second sentence of the third
paragraph). ID is the full content hash, a unique prefix of it (4+ chars), or
@N for the Nth article ingested (@1 is the first).`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	raw := fs.Bool("raw", false, "print the raw input the article was made from, as stored, and nothing else")
	boiler := fs.Bool("boilerplate", false, "also print the text removed as boilerplate")
	tokens := fs.Bool("tokens", false, "with --json, include every token span")
	ents := fs.Bool("entities", false, "mark the mentions of people, organizations, states and places in the text as [name]{kind N}, and list the entities")
	rest, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(rest) != 1 {
		writeErr(e.stderr, "show: give exactly one article ID (see parallax ls)")
		return exitUsage
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()

	a, err := getArticle(ctx, st, rest[0])
	switch {
	case errors.Is(err, article.ErrNotFound):
		writeErr(e.stderr, "show: no article %q", rest[0])
		return exitNotFound
	case errors.Is(err, article.ErrAmbiguous), errors.Is(err, article.ErrInvalid):
		writeErr(e.stderr, "show: %v", err)
		return exitUsage
	case err != nil:
		writeErr(e.stderr, "show: %v", err)
		return exitSystem
	}
	if *raw {
		r, err := st.Raw(ctx, a.ID)
		if err != nil {
			writeErr(e.stderr, "show: raw input of %s: %v", article.Short(a.ID), err)
			return exitNotFound
		}
		_, _ = e.stdout.Write(r.Data)
		return exitOK
	}
	sources, err := st.Sources(ctx, a.ID)
	if err != nil {
		writeErr(e.stderr, "show: %v", err)
		return exitSystem
	}
	layer := text.Segment(a.Text)
	var doc *entity.Doc
	if *ents {
		doc = entity.Analyze(a.Text)
	}

	if *asJSON {
		out := struct {
			*article.Article
			Sources    []string         `json:"sources"`
			Paragraphs []article.Span   `json:"paragraphs"`
			Sentences  []article.Span   `json:"sentences"`
			Tokens     []text.Token     `json:"tokens,omitempty"`
			TokenCount int              `json:"token_count"`
			Mentions   []entity.Mention `json:"mentions,omitempty"`
			Entities   []entity.Entity  `json:"entities,omitempty"`
		}{a, sources, layer.Paragraphs, layer.Sentences, nil, len(layer.Tokens), nil, nil}
		if doc != nil {
			out.Mentions, out.Entities = doc.Mentions, doc.Entities
		}
		if *tokens {
			out.Tokens = layer.Tokens
		}
		if !*boiler {
			out.Boilerplate = nil
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
		return exitOK
	}

	w := e.stdout
	field := func(k, v string) {
		if v != "" {
			if src := a.Provenance[strings.ToLower(k)]; src != "" {
				v += "  (from " + src + ")"
			}
			fmt.Fprintf(w, "%-10s %s\n", k+":", v)
		}
	}
	field("ID", a.ID)
	field("Title", a.Title)
	field("Outlet", a.Outlet)
	field("Byline", a.Byline)
	if !a.Published.IsZero() {
		field("Published", a.Published.Format(time.RFC3339))
	}
	if !a.Modified.IsZero() {
		field("Modified", a.Modified.Format(time.RFC3339))
	}
	field("URL", a.URL)
	field("Language", a.Language)
	field("Format", string(a.Format)+" via "+a.Extractor)
	field("Sources", strings.Join(sources, "\n           "))
	field("Ingested", fmt.Sprintf("#%d at %s", a.Seq, a.Ingested.Format(time.RFC3339)))
	field("Size", fmt.Sprintf("%d paragraphs, %d sentences, %d tokens, %d bytes",
		len(layer.Paragraphs), len(layer.Sentences), len(layer.Tokens), len(a.Text)))
	if doc != nil {
		fmt.Fprintf(w, "%-10s %d\n", "Entities:", len(doc.Entities))
		writeEntityLegend(w, doc)
	}
	fmt.Fprintln(w)
	mark := func(s article.Span) string { return s.In(a.Text) }
	if doc != nil {
		mark = func(s article.Span) string { return markMentions(a.Text, s, doc) }
	}
	writeSentences(w, layer, mark)
	if *boiler {
		fmt.Fprintf(w, "\n-- boilerplate removed (%d) --\n", len(a.Boilerplate))
		for _, b := range a.Boilerplate {
			fmt.Fprintln(w, b)
		}
	}
	return exitOK
}

// writeSentences prints the text one sentence a line, numbered
// paragraph.sentence, with a blank line between paragraphs.
func writeSentences(w interface{ Write([]byte) (int, error) }, l *text.Layer, sentence func(article.Span) string) {
	si := 0
	for pi, p := range l.Paragraphs {
		if pi > 0 {
			fmt.Fprintln(w)
		}
		n := 0
		for si < len(l.Sentences) && l.Sentences[si].Start < p.End {
			s := l.Sentences[si]
			si++
			if s.Start < p.Start {
				continue
			}
			n++
			fmt.Fprintf(w, "[%d.%d] %s\n", pi+1, n, sentence(s))
		}
	}
}

// getArticle resolves an ID, an ID prefix, or @N (the Nth article ingested).
func getArticle(ctx context.Context, st store.Store, ref string) (*article.Article, error) {
	if n, ok := strings.CutPrefix(ref, "@"); ok {
		seq, err := strconv.ParseInt(n, 10, 64)
		if err != nil || seq < 1 {
			return nil, fmt.Errorf("%w: @%s: want @N with N >= 1", article.ErrInvalid, n)
		}
		for a, err := range st.List(ctx, store.Query{After: seq - 1, Limit: 1}) {
			if err != nil {
				return nil, err
			}
			if a.Seq == seq {
				return st.Get(ctx, a.ID)
			}
		}
		return nil, fmt.Errorf("@%d: %w", seq, article.ErrNotFound)
	}
	return st.Get(ctx, ref)
}
