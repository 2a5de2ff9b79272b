package picture

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// minReportedWords is the fewest words of reported speech the rendered
// report lists: "declined [these offers]" and "called for [mediation]" are
// attributions, but not what a reader scans the report for. The JSON
// document keeps them all.
const minReportedWords = 4

// speakerGroup is the quotes of one speaker in a story, for rendering.
type speakerGroup struct {
	Name   string
	Kind   string
	Quotes []Quote
}

// bySpeaker groups a story's top-level quotes (partial quotes inside
// reported speech are shown with their parent) by speaker: named
// speakers by number of quotes, then anonymous sources, then unknown.
func (p *Picture) bySpeaker(s *Story) []speakerGroup {
	names := map[int]*Speaker{}
	for i := range p.Speakers {
		names[p.Speakers[i].ID] = &p.Speakers[i]
	}
	var order []string
	groups := map[string]*speakerGroup{}
	for _, q := range s.Quotes {
		if q.Parent >= 0 || q.Kind == "reported" && len(strings.Fields(q.Text)) < minReportedWords {
			continue
		}
		key, name, kind := "~unknown", "Unattributed", ""
		switch {
		case q.Speaker >= 0 && names[q.Speaker] != nil:
			sp := names[q.Speaker]
			key, name, kind = fmt.Sprint(sp.ID), sp.Name, sp.Kind
		case q.Anonymous:
			key, name = "~anonymous", "Unnamed sources"
		}
		g := groups[key]
		if g == nil {
			g = &speakerGroup{Name: name, Kind: kind}
			groups[key] = g
			order = append(order, key)
		}
		g.Quotes = append(g.Quotes, q)
	}
	rank := func(k string) int {
		switch k {
		case "~anonymous":
			return 1
		case "~unknown":
			return 2
		}
		return 0
	}
	// Named speakers with most quotes first, then unnamed, then unknown.
	slices.SortStableFunc(order, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return len(groups[b].Quotes) - len(groups[a].Quotes)
	})
	out := make([]speakerGroup, len(order))
	for i, k := range order {
		out[i] = *groups[k]
	}
	return out
}

func (s *Story) outletOf(id string) string {
	for _, a := range s.Articles {
		if a.ID == id {
			return a.Outlet
		}
	}
	return ""
}

// mdEscape keeps article text from being read as Markdown markup.
var mdEscape = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "|", "\\|", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]", "\n", " ")

func date(s Article) string {
	if s.Published.IsZero() {
		return "—"
	}
	return s.Published.Format("2006-01-02")
}

// WriteMarkdown renders the picture as Markdown, story by story.
func (p *Picture) WriteMarkdown(w io.Writer) error {
	quotes := 0
	for _, s := range p.Stories {
		quotes += len(s.Quotes)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# parallax report\n\n%s, %s, %s, %s.\n", count(p.Articles, "article"), count(len(p.Stories), "story"), count(quotes, "quote"), count(len(p.Speakers), "speaker"))
	for i := range p.Stories {
		s := &p.Stories[i]
		fmt.Fprintf(&b, "\n## %d. %s\n\n", i+1, mdEscape.Replace(oneLine(s.Headline, 160)))
		span := "dates unknown"
		if !s.First.IsZero() {
			span = s.First.Format("2006-01-02") + " – " + s.Last.Format("2006-01-02")
		}
		outlets := count(len(s.Outlets), "outlet")
		if len(s.Outlets) == 0 {
			outlets = "outlets unknown"
		}
		fmt.Fprintf(&b, "%s, %s (%s); story `%s`.\n\n", count(len(s.Articles), "article"), outlets, span, article.Short(s.ID))
		b.WriteString("| article | outlet | published | title | words | quotes | unnamed sources | copy of |\n|---|---|---|---|---|---|---|---|\n")
		for _, a := range s.Articles {
			cp := ""
			if a.CopyOf != "" {
				cp = "`" + article.Short(a.CopyOf) + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %d | %d | %d | %s |\n", article.Short(a.ID), mdEscape.Replace(a.Outlet), date(a), mdEscape.Replace(a.Title), a.Words, a.Quotes, a.Anonymous, cp)
		}
		groups := p.bySpeaker(s)
		if len(groups) > 0 {
			b.WriteString("\n### Who said what\n")
		}
		for _, g := range groups {
			fmt.Fprintf(&b, "\n**%s**", mdEscape.Replace(g.Name))
			if g.Kind != "" {
				fmt.Fprintf(&b, " (%s)", g.Kind)
			}
			fmt.Fprintf(&b, ": %d\n\n", len(g.Quotes))
			for _, q := range g.Quotes {
				where := "`" + article.Short(q.Article) + "`"
				if o := s.outletOf(q.Article); o != "" {
					where = mdEscape.Replace(o) + " " + where
				}
				fmt.Fprintf(&b, "- %s, %s: “%s”", q.Kind, where, mdEscape.Replace(oneLine(q.Text, 400)))
				var attr []string
				if q.Source != nil && (g.Kind == "" || q.Source.Text != g.Name) {
					attr = append(attr, "source “"+mdEscape.Replace(q.Source.Text)+"”")
				}
				if q.Cue != nil {
					attr = append(attr, "cue “"+mdEscape.Replace(q.Cue.Text)+"”")
				}
				if q.Via != nil {
					attr = append(attr, "via "+mdEscape.Replace(q.Via.Text))
				}
				if q.Continues >= 0 && q.Cue == nil {
					attr = append(attr, "goes on from the quote before")
				}
				if len(q.Content) > 0 {
					attr = append(attr, fmt.Sprintf("at %d–%d", q.Content[0].Start, q.Content[len(q.Content)-1].End))
				}
				fmt.Fprintf(&b, " (%s)\n", strings.Join(attr, "; "))
			}
		}
		writeFindingsMD(&b, s)
		writeSourcingMD(&b, s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// problemOrder ranks finding kinds for display: problems first.
var problemOrder = map[string]int{
	"contradicted_claim": 0, "misattributed_quote": 1, "altered_quote": 2, "composite_quote": 3,
	"uncorroborated_quote": 4, "cited_quote": 5, "corroborated_claim": 6, "corroborated_quote": 7, "verbatim": 8,
}

func (s *Story) where(id string) string {
	w := "`" + article.Short(id) + "`"
	if o := s.outletOf(id); o != "" {
		w = mdEscape.Replace(o) + " " + w
	}
	return w
}

func writeFindingsMD(b *strings.Builder, s *Story) {
	if len(s.Findings) == 0 {
		return
	}
	fs := slices.Clone(s.Findings)
	slices.SortStableFunc(fs, func(x, y Finding) int { return problemOrder[x.Kind] - problemOrder[y.Kind] })
	b.WriteString("\n### Cross-check\n\n")
	corroborated, verbatim, claims := 0, 0, 0
	for _, f := range fs {
		switch f.Kind {
		case "corroborated_quote":
			corroborated++
			continue
		case "corroborated_claim":
			claims++
			continue
		case "verbatim":
			verbatim++
			continue
		}
		text := ""
		if f.Span != nil {
			text = "“" + mdEscape.Replace(oneLine(f.Span.Text, 300)) + "”"
		}
		fmt.Fprintf(b, "- **%s** in %s: %s", f.Kind, s.where(f.Article), text)
		if f.Why != "" {
			fmt.Fprintf(b, " — %s", mdEscape.Replace(f.Why))
		}
		for _, o := range f.Other {
			ot := ""
			if o.Span != nil {
				ot = ": “" + mdEscape.Replace(oneLine(o.Span.Text, 300)) + "”"
			}
			fmt.Fprintf(b, "; compare %s%s", s.where(o.Article), ot)
		}
		if len(f.Diff) > 0 {
			b.WriteString("; words: ")
			for _, d := range f.Diff {
				t := mdEscape.Replace(d.Text)
				switch d.Op {
				case "delete":
					fmt.Fprintf(b, "~~%s~~ ", t)
				case "insert":
					fmt.Fprintf(b, "**%s** ", t)
				default:
					b.WriteString(t + " ")
				}
			}
		}
		b.WriteString("\n")
	}
	if corroborated+verbatim+claims > 0 {
		fmt.Fprintf(b, "- %d quotes corroborated by an independent outlet, %d repeated verbatim; %d claims corroborated\n", corroborated, verbatim, claims)
	}
}

func writeSourcingMD(b *strings.Builder, s *Story) {
	b.WriteString("\n### Sourcing\n\n| article | named sources | unnamed sources | direct quotes | citations | loaded words /1,000 | flags |\n|---|---|---|---|---|---|---|\n")
	for _, a := range s.Articles {
		if a.Sourcing == nil {
			continue
		}
		c := a.Sourcing.Counts
		var kinds []string
		for _, f := range a.Sourcing.Flags {
			kinds = append(kinds, f.Kind)
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %.1f | %s |\n", s.where(a.ID), c.NamedSources, c.AnonymousSources, c.DirectQuotes, c.Citations, c.LoadedPer1000, strings.Join(kinds, ", "))
	}
	for _, a := range s.Articles {
		if a.Sourcing == nil {
			continue
		}
		for _, f := range a.Sourcing.Flags {
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, "“"+mdEscape.Replace(oneLine(e.Text, 120))+"”")
			}
			for _, e := range f.Aside {
				ev = append(ev, "“"+mdEscape.Replace(oneLine(e, 120))+"” (removed)")
			}
			if len(ev) > 8 {
				ev = append(ev[:8], fmt.Sprintf("and %d more", len(ev)-8))
			}
			fmt.Fprintf(b, "- %s **%s**: %s", s.where(a.ID), f.Kind, strings.Join(ev, ", "))
			if f.Note != "" {
				fmt.Fprintf(b, " (%s)", mdEscape.Replace(f.Note))
			}
			b.WriteString("\n")
		}
	}
}

// count writes n and the noun, in the plural unless n is 1.
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// oneLine folds s onto one line and cuts it to at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"short": article.Short,
	"date":  date,
	"line":  func(s string) string { return oneLine(s, 600) },
	"groups": func(p *Picture, s *Story) []speakerGroup {
		return p.bySpeaker(s)
	},
	"outlet": func(s *Story, id string) string { return s.outletOf(id) },
	"inc":    func(i int) int { return i + 1 },
	"problems": func(s *Story) []Finding {
		var out []Finding
		for _, f := range s.Findings {
			if f.Kind != "verbatim" && f.Kind != "corroborated_quote" && f.Kind != "corroborated_claim" {
				out = append(out, f)
			}
		}
		slices.SortStableFunc(out, func(x, y Finding) int { return problemOrder[x.Kind] - problemOrder[y.Kind] })
		return out
	},
	"headline": func(s string) string { return oneLine(s, 160) },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>parallax report</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-top:1px solid #ccc;padding-top:1em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left}
code{font-size:.85em;color:#555}.q{margin:.2em 0 .2em 1em}.k{font-size:.8em;color:#fff;background:#567;border-radius:3px;padding:0 .3em}
.meta{color:#666;font-size:.85em}
</style></head><body>
<h1>parallax report</h1>
<p>{{.Articles}} articles, {{len .Stories}} stories, {{len .Speakers}} speakers.</p>
{{$p := .}}{{range $i, $s := .Stories}}
<h2>{{inc $i}}. {{headline $s.Headline}}</h2>
<p class="meta">{{len $s.Articles}} articles from {{len $s.Outlets}} outlets · story <code>{{short $s.ID}}</code></p>
<table><tr><th>article</th><th>outlet</th><th>published</th><th>title</th><th>words</th><th>quotes</th><th>unnamed sources</th><th>copy of</th></tr>
{{range $s.Articles}}<tr><td><code>{{short .ID}}</code></td><td>{{.Outlet}}</td><td>{{date .}}</td><td>{{.Title}}</td><td>{{.Words}}</td><td>{{.Quotes}}</td><td>{{.Anonymous}}</td><td>{{if .CopyOf}}<code>{{short .CopyOf}}</code>{{end}}</td></tr>
{{end}}</table>
{{with groups $p $s}}<h3>Who said what</h3>{{range .}}
<p><b>{{.Name}}</b>{{if .Kind}} ({{.Kind}}){{end}}: {{len .Quotes}}</p>
{{range .Quotes}}<div class="q"><span class="k">{{.Kind}}</span> {{outlet $s .Article}} <code>{{short .Article}}</code>: “{{line .Text}}”
<span class="meta">{{if .Source}}source “{{.Source.Text}}”; {{end}}{{if .Cue}}cue “{{.Cue.Text}}”; {{end}}{{if .Via}}via {{.Via.Text}}; {{end}}{{if and (ge .Continues 0) (not .Cue)}}goes on from the quote before; {{end}}{{with .Content}}at {{(index . 0).Start}}{{end}}</span></div>
{{end}}{{end}}{{end}}
{{with problems $s}}<h3>Cross-check</h3>{{range .}}
<div class="q"><span class="k">{{.Kind}}</span> {{outlet $s .Article}} <code>{{short .Article}}</code>{{with .Span}}: “{{line .Text}}”{{end}}
<span class="meta">{{.Why}}</span>{{range .Other}}<div class="q meta">compare {{outlet $s .Article}} <code>{{short .Article}}</code>{{with .Span}}: “{{line .Text}}”{{end}}</div>{{end}}
{{with .Diff}}<div class="q">{{range .}}{{if eq .Op "delete"}}<del>{{.Text}}</del> {{else if eq .Op "insert"}}<ins>{{.Text}}</ins> {{else}}{{.Text}} {{end}}{{end}}</div>{{end}}</div>
{{end}}{{end}}
<h3>Sourcing</h3>
<table><tr><th>article</th><th>named sources</th><th>unnamed sources</th><th>direct quotes</th><th>citations</th><th>loaded words /1,000</th><th>flags</th></tr>
{{range $a := $s.Articles}}{{with $a.Sourcing}}<tr><td><code>{{short $a.ID}}</code></td><td>{{.Counts.NamedSources}}</td><td>{{.Counts.AnonymousSources}}</td><td>{{.Counts.DirectQuotes}}</td><td>{{.Counts.Citations}}</td><td>{{printf "%.1f" .Counts.LoadedPer1000}}</td><td>{{range .Flags}}<b>{{.Kind}}</b>: {{range .Evidence}}“{{line .Text}}” {{end}}{{range .Aside}}“{{line .}}” (removed) {{end}}<br>{{end}}</td></tr>{{end}}
{{end}}</table>
{{end}}
</body></html>
`))

// WriteHTML renders the picture as one self-contained HTML page; every
// piece of article text is escaped.
func (p *Picture) WriteHTML(w io.Writer) error { return page.Execute(w, p) }
