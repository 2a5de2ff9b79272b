package sourcing

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/quote"
)

// publisherExperts flags experts quoted with an affiliation that is the
// publisher's own: the outlet, or the organization it belongs to. When
// the publisher is known (Input.Outlet), its names, aliases, domains and
// parent organization are matched against the words that follow each
// quoted source ("— Jane Roe, Example Institute senior fellow"). When it
// is not known, two or more quoted experts sharing one affiliation that
// the article never introduces anywhere else (an acronym the reader is
// expected to know) is taken as the publisher's own staff, and the note
// says that the publisher was inferred.
func publisherExperts(in Input) (Flag, bool) {
	f := Flag{Kind: PublisherExperts}
	names := publisherNames(in.Outlet)
	type aff struct {
		org  string
		span article.Span
	}
	var affs []aff
	seen := map[article.Span]bool{}
	for _, q := range in.Quotes {
		if q.Source.Len() == 0 || q.Anonymous || seen[q.Source] || q.Kind == quote.Reported {
			continue
		}
		seen[q.Source] = true
		s, ok := affiliation(in.Text, q.Source)
		if !ok {
			continue
		}
		role := in.Text[s.Start:s.End]
		if len(names) > 0 {
			if n := matchName(role, names); n != "" {
				f.Evidence = append(f.Evidence, s)
				f.Note = "affiliated with the publisher (" + n + ")"
			}
			continue
		}
		if org := orgToken(role); org != "" {
			affs = append(affs, aff{org, s})
		}
	}
	if len(names) == 0 {
		by := map[string][]article.Span{}
		for _, a := range affs {
			by[a.org] = append(by[a.org], a.span)
		}
		for org, spans := range by {
			if len(spans) < 2 {
				continue
			}
			// introduced elsewhere in the text: a third party's expert
			if countWord(in.Text, org) > len(spans) {
				continue
			}
			f.Evidence = append(f.Evidence, spans...)
			f.Note = fmt.Sprintf("%d experts of %s, which the article never introduces: the publisher's own staff (publisher inferred)", len(spans), org)
		}
	}
	return f, len(f.Evidence) > 0
}

// affiliation returns the role words after a quoted source: from the comma
// after the name to the end of the clause ("— Name, Org Senior Advisor").
func affiliation(text string, src article.Span) (article.Span, bool) {
	rest := text[src.End:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	if len(rest) > 120 {
		rest = rest[:120]
	}
	t := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(t, ",") {
		return article.Span{}, false
	}
	start := src.End + (len(rest) - len(t)) + 1
	body := text[start : src.End+len(rest)]
	end := len(body)
	if i := strings.IndexAny(body, ".;:“”\"(—–"); i >= 0 {
		end = i
	}
	if i := strings.Index(body, " said"); i >= 0 && i < end {
		end = i
	}
	lead := len(body[:end]) - len(strings.TrimLeft(body[:end], " "))
	s := article.Span{Start: start + lead, End: start + len(strings.TrimRight(body[:end], " ,"))}
	return s, s.End > s.Start
}

// publisherNames returns the names by which the publishing outlet and its
// parent organization may be named in an affiliation.
func publisherNames(outlet string) []string {
	outlet = strings.TrimSpace(outlet)
	if outlet == "" {
		return nil
	}
	names := []string{outlet}
	t := knowledge.Outlets()
	o, ok := t.ByDomain(outlet)
	if !ok {
		if m, found := t.Lookup(outlet); found {
			o, ok = m.Outlet, true
		}
	}
	if ok {
		names = append(names, o.Name)
		names = append(names, o.Aliases...)
		names = append(names, o.Domains...)
		if org, ok := o.Org(); ok {
			names = append(names, org.Name)
			names = append(names, org.Acronyms...)
			names = append(names, org.Aliases...)
		}
	} else if m, found := knowledge.Orgs().Lookup(outlet); found {
		names = append(names, m.Org.Name)
		names = append(names, m.Org.Acronyms...)
		names = append(names, m.Org.Aliases...)
	}
	return names
}

// matchName returns the first of names found as whole words in s: an
// acronym as written, any other name regardless of case.
func matchName(s string, names []string) string {
	for _, n := range names {
		n = strings.TrimPrefix(strings.TrimPrefix(n, "The "), "the ")
		if len(n) < 2 {
			continue
		}
		hay, needle := s, n
		if !isAcronym(n) {
			hay, needle = strings.ToLower(s), strings.ToLower(n)
		}
		if i := wholeWordIndex(hay, needle); i >= 0 {
			return n
		}
	}
	return ""
}

func wholeWordIndex(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !isWordRune(before)) && (i+len(w) == len(s) || !isWordRune(after)) {
			return i
		}
		off = i + len(w)
	}
}

func countWord(s, w string) int {
	n := 0
	for off := 0; off < len(s); {
		i := wholeWordIndex(s[off:], w)
		if i < 0 {
			break
		}
		n++
		off += i + len(w)
	}
	return n
}

// isAcronym reports whether s is 2-6 capital letters (and digits).
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	caps := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsDigit(r) || r == '&':
		default:
			return false
		}
	}
	return caps >= 2
}

// orgToken returns the organization an affiliation names by an acronym,
// or "" when none. Public bodies (governments, parliaments, armed forces,
// international organizations) publish no news with in-house experts, and
// are skipped.
func orgToken(role string) string {
	for _, f := range strings.Fields(role) {
		f = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(f, ",;"), "’s"), "'s")
		if !isAcronym(f) {
			continue
		}
		if m, ok := knowledge.Orgs().Lookup(f); ok {
			switch m.Org.Sector {
			case knowledge.SectorGovernment, knowledge.SectorIGO, knowledge.SectorMilitary,
				knowledge.SectorLegislature, knowledge.SectorJudiciary, knowledge.SectorParty:
				continue
			}
		}
		return f
	}
	return ""
}
