package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/quote"
	"github.com/parallax-news/parallax/internal/store"
)

// spanText is a span with its words, in JSON output.
type spanText struct {
	article.Span
	Text string `json:"text"`
}

// speakerOut names the canonical speaker of a quote across the corpus.
type speakerOut struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// quoteOut is the JSON form of one quote.
type quoteOut struct {
	Article   string      `json:"article"`
	Outlet    string      `json:"outlet,omitempty"`
	Index     int         `json:"index"`
	Kind      string      `json:"kind"`
	Text      string      `json:"text"` // the content's words, quotation marks stripped
	Content   []spanText  `json:"content"`
	Cue       *spanText   `json:"cue,omitempty"`
	Source    *spanText   `json:"source,omitempty"`
	Speaker   *speakerOut `json:"speaker,omitempty"`
	Anonymous bool        `json:"anonymous,omitempty"`
	Via       *spanText   `json:"via,omitempty"`
	Parent    *int        `json:"parent,omitempty"`    // index of the reported quote holding a partial one
	Continues *int        `json:"continues,omitempty"` // index of the quote whose attribution this statement goes on from
}

func optSpan(t string, s article.Span) *spanText {
	if s.Len() == 0 {
		return nil
	}
	return &spanText{s, s.In(t)}
}

func runQuotes(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "quotes", "", `Lists who said what in the stored articles: direct quotations, partial
quotations inside the writer's sentences, and reported speech, each with its
cue ("said", "according to"), the source as written ("he", "the spokesman",
"officials") and the canonical speaker, one person across all articles.
Unnamed sources are marked anonymous; a medium the quote is credited to
("told Reuters") is shown as via. Quotes are listed per article, or per
speaker with --by speaker. With --json, one JSON object per quote per line.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	speaker := fs.String("speaker", "", "only quotes whose canonical speaker's name or alias contains this (case-insensitive)")
	kind := fs.String("kind", "", "only quotes of this kind: direct, partial, reported")
	by := fs.String("by", "article", "group the listing by article or by speaker")
	if code := parseNoArgs(fs, e, args); code >= 0 {
		return code
	}
	switch *kind {
	case "", "direct", "partial", "reported":
	default:
		writeErr(e.stderr, "quotes: --kind must be direct, partial or reported, not %q", *kind)
		return exitUsage
	}
	if *by != "article" && *by != "speaker" {
		writeErr(e.stderr, "quotes: --by must be article or speaker, not %q", *by)
		return exitUsage
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()

	type found struct {
		a      *article.Article
		qs     []quote.Quote
		global []int // global entity of each local entity
	}
	var docs []found
	l := entity.NewLinker()
	for a, err := range st.List(ctx, store.Query{WithText: true}) {
		if err != nil {
			writeErr(e.stderr, "quotes: %v", err)
			return exitSystem
		}
		d := quote.Analyze(a.Text)
		docs = append(docs, found{a, d.Quotes, l.AddDoc(a.ID, d.Entities)})
	}
	if err := ctx.Err(); err != nil {
		return exitSignal
	}
	if len(docs) == 0 && !*asJSON {
		fmt.Fprintln(e.stderr, "parallax: quotes: the store holds no articles; add some with parallax ingest")
		return exitOK
	}
	globals := map[int]*entity.Global{}
	for _, g := range l.Entities() {
		globals[g.ID] = g
	}
	want := strings.ToLower(*speaker)
	var out []quoteOut
	for _, f := range docs {
		for i, q := range f.qs {
			if *kind != "" && q.Kind.String() != *kind {
				continue
			}
			o := quoteOut{
				Article: f.a.ID, Outlet: f.a.Outlet, Index: i, Kind: q.Kind.String(),
				Text: q.Words(f.a.Text), Cue: optSpan(f.a.Text, q.Cue), Source: optSpan(f.a.Text, q.Source),
				Anonymous: q.Anonymous, Via: optSpan(f.a.Text, q.Via),
			}
			for _, c := range q.Content {
				o.Content = append(o.Content, spanText{c, c.In(f.a.Text)})
			}
			if q.Parent >= 0 {
				p := q.Parent
				o.Parent = &p
			}
			if q.Continues >= 0 {
				c := q.Continues
				o.Continues = &c
			}
			if q.Speaker >= 0 && q.Speaker < len(f.global) {
				if g := globals[l.Canonical(f.global[q.Speaker])]; g != nil {
					o.Speaker = &speakerOut{g.ID, g.Name, g.Kind.String()}
				}
			}
			if want != "" && !speakerMatches(o.Speaker, globals, want) {
				continue
			}
			out = append(out, o)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, o := range out {
			_ = enc.Encode(o)
		}
		return exitOK
	}
	if *by == "speaker" {
		writeQuotesBySpeaker(e.stdout, out)
		return exitOK
	}
	last := ""
	for _, o := range out {
		if o.Article != last {
			fmt.Fprintf(e.stdout, "%s  %s\n", article.Short(o.Article), o.Outlet)
			last = o.Article
		}
		writeQuote(e.stdout, o, true)
	}
	return exitOK
}

func speakerMatches(s *speakerOut, globals map[int]*entity.Global, want string) bool {
	if s == nil {
		return false
	}
	if strings.Contains(strings.ToLower(s.Name), want) {
		return true
	}
	for _, a := range globals[s.ID].Aliases {
		if strings.Contains(strings.ToLower(a), want) {
			return true
		}
	}
	return false
}

func speakerName(o quoteOut) string {
	switch {
	case o.Speaker != nil:
		return o.Speaker.Name
	case o.Anonymous && o.Source != nil:
		return "anonymous: " + o.Source.Text
	case o.Source != nil:
		return "unresolved: " + o.Source.Text
	}
	return "unknown"
}

// writeQuote prints one quote on one line and its attribution on the next.
func writeQuote(w io.Writer, o quoteOut, withSpeaker bool) {
	head := "  " + o.Kind
	if withSpeaker {
		head += "  " + speakerName(o)
	} else {
		head += "  " + article.Short(o.Article)
	}
	fmt.Fprintf(w, "%s: “%s”\n", head, oneLine(o.Text, 300))
	var attr []string
	if o.Source != nil {
		attr = append(attr, fmt.Sprintf("source %q at %d", o.Source.Text, o.Source.Start))
	}
	if o.Cue != nil {
		attr = append(attr, fmt.Sprintf("cue %q at %d", o.Cue.Text, o.Cue.Start))
	}
	if o.Via != nil {
		attr = append(attr, "via "+o.Via.Text)
	}
	if len(o.Content) > 0 {
		attr = append(attr, fmt.Sprintf("content %d-%d", o.Content[0].Start, o.Content[len(o.Content)-1].End))
	}
	fmt.Fprintf(w, "      %s\n", strings.Join(attr, "; "))
}

func writeQuotesBySpeaker(w io.Writer, out []quoteOut) {
	var order []string
	groups := map[string][]quoteOut{}
	for _, o := range out {
		k := speakerName(o)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], o)
	}
	for _, k := range order {
		fmt.Fprintf(w, "%s  (%d)\n", k, len(groups[k]))
		for _, o := range groups[k] {
			writeQuote(w, o, false)
		}
	}
}

// oneLine folds s onto one line and cuts it to at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
