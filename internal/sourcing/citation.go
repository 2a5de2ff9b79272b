package sourcing

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
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
func Citations(text string) []Citation { return citations(text, words(text)) }

// citations is Citations with the words of text.
func citations(text string, ws []word) []Citation {
	outlets := knowledge.Outlets()
	var out []Citation
	// taken reports whether s overlaps a citation already found; out is
	// kept in text order, and citations do not overlap one another.
	taken := func(s article.Span) bool {
		i := sort.Search(len(out), func(i int) bool { return out[i].Span.End > s.Start })
		return i < len(out) && out[i].Span.Start < s.End
	}
	// The patterns are tried only where they can match: a URL needs "://",
	// a domain a dot followed by a lowercase ASCII letter (its TLD). Most
	// texts have neither, and the patterns cost more than the scans.
	var urls, domains [][]int
	if strings.Contains(text, "://") {
		urls = urlRE.FindAllStringIndex(text, -1)
	}
	if dotLower(text) {
		domains = findDomains(text)
	}
	for _, m := range urls {
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
	for _, m := range domains {
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
	out = append(out, outletCitations(text, ws, taken)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// findDomains returns what domainRE.FindAllStringSubmatchIndex(text, -1)
// does, running the pattern only on the runs of letters, digits, dots and
// hyphens that hold a dot before a lowercase letter, with one character of
// context on each side. A match's domain is such a run's beginning: its
// characters are all run characters, and the character before it must be
// none of them (nor "@" or "/"). So each run holds at most one match, no
// match reaches past its run, and the pattern sees all the context it
// looks at (the character before, for the boundary; the one after, for \b).
func findDomains(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !domainRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !domainRune(r) {
				break
			}
			j += n
		}
		if dotLower(text[i:j]) {
			lo, hi := i, j
			if i > 0 {
				_, n := utf8.DecodeLastRuneInString(text[:i])
				lo -= n
			}
			if j < len(text) {
				_, n := utf8.DecodeRuneInString(text[j:])
				hi += n
			}
			if m := domainRE.FindStringSubmatchIndex(text[lo:hi]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += lo
					}
				}
				out = append(out, m)
			}
		}
		i = j
	}
	return out
}

// domainRune reports whether r may be part of a domain as domainRE reads
// one: \pL, \pN, '.' or '-'.
func domainRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '-'
}

// dotLower reports whether some '.' in s is followed by a letter a-z.
func dotLower(s string) bool {
	for {
		i := strings.IndexByte(s, '.')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if c := s[i+1]; 'a' <= c && c <= 'z' {
			return true
		}
		s = s[i+1:]
	}
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
func outletCitations(text string, ws []word, taken func(article.Span) bool) []Citation {
	low := lowers(ws)
	l := lex()
	outlets := knowledge.Outlets()
	var out []Citation
	first := outletFirstWords()
	for i := 0; i < len(ws); i++ {
		// the longest outlet name of up to five words starting at i
		best, bestEnd := (*knowledge.Outlet)(nil), 0
		if !first.mayStart(text, ws[i].start, ws[i].end) {
			continue
		}
		// No span longer than the first that no name begins with is a
		// name. Lookup also reads a span after a leading "the " without
		// it, so such spans are checked both ways (not "the" alone, which
		// it reads only as written).
		maxN := min(5, len(ws)-i)
		the := strings.EqualFold(text[ws[i].start:ws[i].end], "the")
		for n := 1; n <= maxN; n++ {
			s := text[ws[i].start:ws[i+n-1].end]
			if outlets.MayBegin(s) {
				continue
			}
			if the && n == 1 {
				continue
			}
			if the && len(s) > 4 && strings.EqualFold(s[:4], "the ") && outlets.MayBegin(strings.TrimSpace(s[4:])) {
				continue
			}
			maxN = n - 1
			break
		}
		for n := maxN; n >= 1; n-- {
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

// firstWords says which words may start an outlet's name, so that the
// lookups of the names of up to five words starting at a word (each a
// fold and a map probe or two, most of the stage's time) are made only
// where one can succeed. It must never reject a word a name starts with:
// knowledge.OutletTable.Lookup matches a form's exact key (acronyms) or
// its folded key (lowercase, accents off, "&" as "and"), with or without
// a leading "the". Both keys begin with the form's leading run of ASCII
// letters and digits, lowercased, when an ASCII character other than "&",
// a non-Latin character or the end stops it. A run stopped by "&" goes on
// with "and"; one stopped by a Latin letter with a diacritic ("Česká",
// "Österreichischer") goes on with whatever the letter folds to, which is
// found by asking Lookup itself: every one- and two-letter replacement
// that still names the outlet is taken (knowledge folds such a letter to
// one or two letters). Where none does, the run is kept as a prefix of the
// words that may start the name. An acronym ("ČTK") matches only as
// written, so its run stops at its first non-ASCII letter.
type firstWords struct {
	exact    map[string]bool // leading runs, lowercase
	prefixes []string        // leading runs that may continue when folded
}

var outletFirstWords = sync.OnceValue(func() *firstWords {
	fw := &firstWords{exact: map[string]bool{"the": true}}
	t := knowledge.Outlets()
	var repl []string // a..z, aa..zz
	for a := 'a'; a <= 'z'; a++ {
		repl = append(repl, string(a))
	}
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			repl = append(repl, string([]rune{a, b}))
		}
	}
	for _, o := range t.All() {
		for _, f := range append([]string{o.Name}, o.Aliases...) {
			fw.add(t, o, f, repl)
		}
	}
	return fw
})

// add records the leading runs the keys of o's form f may begin with.
func (fw *firstWords) add(t *knowledge.OutletTable, o *knowledge.Outlet, f string, repl []string) {
	j := 0
	for j < len(f) && isASCIIAlnum(f[j]) {
		j++
	}
	run := strings.ToLower(f[:j])
	fw.exact[run] = true // when f[j] stops the run in both keys
	if j == len(f) || !mayFoldToASCII(f[j:]) || knowledge.ExactCase(f) {
		return // an acronym's only key is as written: f[j] stops its run
	}
	r, size := utf8.DecodeRuneInString(f[j:])
	if r == '&' {
		fw.add(t, o, f[:j]+"and"+f[j+size:], repl)
		return
	}
	found := false
	for _, c := range repl {
		g := f[:j] + c + f[j+size:]
		if m, ok := t.Lookup(g); ok && m.Outlet == o {
			found = true
			fw.add(t, o, g, repl)
		}
	}
	if !found {
		fw.prefixes = append(fw.prefixes, run)
	}
}

// mayStart reports whether an outlet's name may start with the word
// text[start:end]. The answer is yes unless the word is ASCII letters and
// digits followed by an ASCII character other than "&" (or the end), which
// makes it the leading run of any name starting there, and that run is no
// form's.
func (fw *firstWords) mayStart(text string, start, end int) bool {
	if end < len(text) && (text[end] >= utf8.RuneSelf || text[end] == '&' || isASCIIAlnum(text[end])) {
		return true
	}
	var buf [32]byte
	if end-start > len(buf) {
		return true
	}
	low := buf[:0]
	for i := start; i < end; i++ {
		c := text[i]
		if !isASCIIAlnum(c) {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low = append(low, c)
	}
	if fw.exact[string(low)] {
		return true
	}
	for _, p := range fw.prefixes {
		if strings.HasPrefix(string(low), p) {
			return true
		}
	}
	return false
}

// mayFoldToASCII reports whether the first character of s, which is not an
// ASCII letter or digit, may fold to some: "&" does ("and"), and so may a
// Latin letter with a diacritic or any character whose lowercase is ASCII
// or Latin (the Kelvin sign); a Greek or Cyrillic letter, ASCII
// punctuation and spaces do not.
func mayFoldToASCII(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		return r == '&'
	}
	return unicode.ToLower(r) < 0x250 || r < 0x250 // through Latin Extended-B
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
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
