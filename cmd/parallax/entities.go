package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/store"
)

// entityOut is the JSON form of one canonical entity of the corpus.
type entityOut struct {
	ID       int                 `json:"id"`
	Kind     string              `json:"kind"`
	Name     string              `json:"name"`
	Code     string              `json:"code,omitempty"`
	Aliases  []string            `json:"aliases,omitempty"`
	Titles   []string            `json:"titles,omitempty"`
	Country  string              `json:"country,omitempty"`
	Sector   string              `json:"sector,omitempty"`
	Roles    []entity.GlobalRole `json:"roles,omitempty"`
	Mentions map[string]int      `json:"mentions"` // article ID -> count
	Total    int                 `json:"total"`
}

func runEntities(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "entities", "", `Lists the canonical entities of the stored articles: people, organizations,
states and places, each once across all articles, with the names and titles
it goes by, the roles the articles give it (with the article and where), and
its mentions per article. A surname alone joins the one person of that
surname named in full; two people sharing a surname are never merged.
With --json, one JSON object per entity per line.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	kind := fs.String("kind", "", "only entities of this kind: person, organization, state, place, other")
	minCount := fs.Int("min", 1, "only entities mentioned at least this many times")
	if code := parseNoArgs(fs, e, args); code >= 0 {
		return code
	}
	switch *kind {
	case "", "person", "organization", "state", "place", "other":
	default:
		writeErr(e.stderr, "entities: --kind must be person, organization, state, place or other, not %q", *kind)
		return exitUsage
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()
	l := entity.NewLinker()
	n := 0
	for a, err := range st.List(ctx, store.Query{WithText: true}) {
		if err != nil {
			writeErr(e.stderr, "entities: %v", err)
			return exitSystem
		}
		l.AddDoc(a.ID, entity.Analyze(a.Text))
		n++
	}
	if err := ctx.Err(); err != nil {
		return exitSignal
	}
	if n == 0 && !*asJSON {
		fmt.Fprintln(e.stderr, "parallax: entities: the store holds no articles; add some with parallax ingest")
		return exitOK
	}
	enc := json.NewEncoder(e.stdout)
	for _, g := range l.Entities() {
		if *kind != "" && g.Kind.String() != *kind {
			continue
		}
		total := 0
		for _, c := range g.Mentions {
			total += c
		}
		if total < *minCount {
			continue
		}
		if *asJSON {
			_ = enc.Encode(entityOut{g.ID, g.Kind.String(), g.Name, g.Code, g.Aliases, g.Titles, g.Country, g.Sector, g.Roles, g.Mentions, total})
			continue
		}
		writeEntity(e.stdout, g, total)
	}
	return exitOK
}

func writeEntity(w io.Writer, g *entity.Global, total int) {
	head := fmt.Sprintf("%s  %s", g.Kind, g.Name)
	if g.Code != "" {
		head += "  [" + g.Code + "]"
	}
	fmt.Fprintf(w, "%s  (%d mentions in %d articles)\n", head, total, len(g.Mentions))
	if len(g.Aliases) > 0 {
		fmt.Fprintf(w, "    aka      %s\n", strings.Join(g.Aliases, "; "))
	}
	if len(g.Titles) > 0 {
		fmt.Fprintf(w, "    titles   %s\n", strings.Join(g.Titles, "; "))
	}
	if g.Country != "" || g.Sector != "" {
		fmt.Fprintf(w, "    affil.   %s\n", strings.Trim(g.Country+" "+g.Sector, " "))
	}
	for _, r := range g.Roles {
		fmt.Fprintf(w, "    role     %s (%s) in %s at %d-%d\n", r.Text, r.Role, article.Short(r.Doc), r.Span.Start, r.Span.End)
	}
	ids := make([]string, 0, len(g.Mentions))
	for id := range g.Mentions {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s×%d", article.Short(id), g.Mentions[id])
	}
	fmt.Fprintf(w, "    in       %s\n", strings.Join(parts, " "))
}

// markMentions returns the text of span s with every mention of d in it
// wrapped as "[text]{kind N}", N numbering the entities of the article
// from 1.
func markMentions(full string, s article.Span, d *entity.Doc) string {
	t := full[:s.End]
	var b strings.Builder
	at := s.Start
	for _, m := range d.Mentions {
		if m.Start < at || m.End > s.End {
			continue // nested or overlapping: the outer one is marked
		}
		b.WriteString(t[at:m.Start])
		b.WriteByte('[')
		b.WriteString(t[m.Start:m.End])
		if m.Entity >= 0 {
			fmt.Fprintf(&b, "]{%s %d}", d.Entities[m.Entity].Kind, m.Entity+1)
		} else {
			fmt.Fprintf(&b, "]{%s}", m.Kind)
		}
		at = m.End
	}
	b.WriteString(t[at:])
	return b.String()
}

// writeEntityLegend lists the entities of one article, numbered as
// markMentions numbers them.
func writeEntityLegend(w io.Writer, d *entity.Doc) {
	for i, en := range d.Entities {
		line := fmt.Sprintf("  %d %s %s", i+1, en.Kind, en.Name)
		if en.Code != "" {
			line += " [" + en.Code + "]"
		}
		if len(en.Aliases) > 0 {
			line += "  aka " + strings.Join(en.Aliases, "; ")
		}
		for _, r := range en.Roles {
			line += "  role: " + r.Text
		}
		fmt.Fprintln(w, line)
	}
}
