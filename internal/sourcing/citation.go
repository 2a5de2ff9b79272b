package sourcing

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
)

// Citation is a source an article cites: a URL, a bare domain, or an
// outlet's name after a citing phrase ("according to Reuters").
type Citation struct {
	Span   article.Span `json:"span"`
	Kind   string       `json:"kind"`             // "url", "domain" or "outlet"
	Domain string       `json:"domain,omitempty"` // host of a URL or the domain as cited, lowercase
	Outlet string       `json:"outlet,omitempty"` // the outlet's ID in knowledge.Outlets when known
	Known  bool         `json:"known"`            // the outlet list knows the domain or name
}

// The citation kinds.
const (
	CiteURL    = "url"
	CiteDomain = "domain"
	CiteOutlet = "outlet"
)

var (
	urlRE = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"“”‘’()\[\]{}|]+`)
	// A domain: labels of letters, digits and hyphens joined by dots, the
	// last one lowercase letters (checked against the TLD list).
	domainRE = regexp.MustCompile(`(?:^|[^\pL\pN@./-])((?:www\.)?(?:[\pL\pN](?:[\pL\pN-]{0,61}[\pL\pN])?\.)+[a-z]{2,7})\b`)
)

// Citations finds the URLs, bare domains and cited outlet names of text,
// in text order. It never fails: text that is not a citation is skipped.
func Citations(text string) []Citation {
	outlets := knowledge.Outlets()
	var out []Citation
	// taken reports whether s overlaps a citation already found; out is
	// kept in text order, and citations do not overlap one another.
	taken := func(s article.Span) bool {
		i := sort.Search(len(out), func(i int) bool { return out[i].Span.End > s.Start })
		return i < len(out) && out[i].Span.Start < s.End
	}
	for _, m := range urlRE.FindAllStringIndex(text, -1) {
		s := article.Span{Start: m[0], End: m[1]}
		s.End = m[0] + len(strings.TrimRight(text[m[0]:m[1]], ".,;:!?'\""))
		host := hostOf(text[s.Start:s.End])
		c := Citation{Span: s, Kind: CiteURL, Domain: host}
		if o, ok := outlets.ByDomain(host); ok {
			c.Outlet, c.Known = o.ID, true
		}
		out = append(out, c)
	}
	l := lex()
	for _, m := range domainRE.FindAllStringSubmatchIndex(text, -1) {
		s := article.Span{Start: m[2], End: m[3]}
		d := text[s.Start:s.End]
		tld := d[strings.LastIndexByte(d, '.')+1:]
		if !l.tlds[tld] || taken(s) || !plausibleDomain(d) {
			continue
		}
		host := strings.TrimPrefix(strings.ToLower(d), "www.")
		c := Citation{Span: s, Kind: CiteDomain, Domain: host}
		if o, ok := outlets.ByDomain(host); ok {
			c.Outlet, c.Known = o.ID, true
		}
		// keep out in text order: a domain goes before the URLs after it
		i := sort.Search(len(out), func(i int) bool { return out[i].Span.Start > s.Start })
		out = slices.Insert(out, i, c)
	}
	out = append(out, outletCitations(text, taken)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// plausibleDomain rejects abbreviations and run-together sentences that
// look like domains: every label needs a letter, the name before the TLD
// at least two characters, and a capital letter may only start a label.
func plausibleDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 || len(labels[len(labels)-2]) < 2 {
		return false
	}
	for _, lb := range labels {
		letter := false
		for i, r := range lb {
			if unicode.IsLetter(r) {
				letter = true
			}
			if i > 0 && unicode.IsUpper(r) {
				return false
			}
		}
		if !letter {
			return false
		}
	}
	// "Jan.Mr" and "end.It": a capitalized TLD is excluded by the
	// pattern; a capitalized middle label before a lowercase TLD is rare
	// in prose joined without a space, but a one-letter label ("U.S.") is
	// an abbreviation.
	for _, lb := range labels[:len(labels)-1] {
		if utf8.RuneCountInString(lb) == 1 {
			return false
		}
	}
	return true
}

// hostOf returns the lowercase host of a URL, without "www.".
func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '@'); i >= 0 {
		u = u[i+1:]
	}
	if i := strings.IndexByte(u, ':'); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(strings.ToLower(u), "www.")
}

// outletCitations finds outlet names that are cited: after a citing phrase
// ("according to", "per", "told"), inside parentheses, or before a
// reporting verb ("Reuters reported"). Outlet names are often words too
// ("Time", "Mint"), so a name in running text without such a context is
// not taken.
func outletCitations(text string, taken func(article.Span) bool) []Citation {
	ws := words(text)
	low := lowers(ws)
	l := lex()
	outlets := knowledge.Outlets()
	var out []Citation
	for i := 0; i < len(ws); i++ {
		// the longest outlet name of up to five words starting at i
		best, bestEnd := (*knowledge.Outlet)(nil), 0
		for n := min(5, len(ws)-i); n >= 1; n-- {
			span := article.Span{Start: ws[i].start, End: ws[i+n-1].end}
			name := text[span.Start:span.End]
			if strings.ContainsAny(name, "\n") {
				continue
			}
			if m, ok := outlets.Lookup(name); ok {
				best, bestEnd = m.Outlet, i+n
				break
			}
		}
		if best == nil {
			continue
		}
		span := article.Span{Start: ws[i].start, End: ws[bestEnd-1].end}
		first, _ := utf8.DecodeRuneInString(text[span.Start:])
		cued := false
		for k := max(0, i-4); k < i && !cued; k++ {
			if n := l.citeCues.match(low[k:i]); n == i-k {
				cued = true
			}
		}
		if !cued && i > 0 && low[i-1] == "the" {
			for k := max(0, i-5); k < i-1 && !cued; k++ {
				if n := l.citeCues.match(low[k : i-1]); n == i-1-k {
					cued = true
				}
			}
		}
		paren := inParens(text, span)
		verb := bestEnd < len(ws) && reportingVerbs[low[bestEnd]]
		if !(cued || paren || (verb && unicode.IsUpper(first))) || taken(span) {
			i = bestEnd - 1
			continue
		}
		out = append(out, Citation{Span: span, Kind: CiteOutlet, Outlet: best.ID, Known: true})
		i = bestEnd - 1
	}
	return out
}

var reportingVerbs = map[string]bool{
	"reported": true, "reports": true, "reporting": true, "said": true, "says": true,
	"quoted": true, "cited": true, "wrote": true, "writes": true, "published": true, "first": true,
}

// inParens reports whether s lies inside a pair of parentheses on its line.
func inParens(text string, s article.Span) bool {
	lineStart := strings.LastIndexByte(text[:s.Start], '\n') + 1
	open := strings.LastIndexByte(text[lineStart:s.Start], '(')
	if open < 0 || strings.IndexByte(text[lineStart+open:s.Start], ')') >= 0 {
		return false
	}
	rest := text[s.End:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	return strings.IndexByte(rest, ')') >= 0
}
