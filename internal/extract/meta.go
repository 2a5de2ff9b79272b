package extract

import (
	_ "embed"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " / ", " • ", " › ", " ⋆ ", " │ "}

// cleanTitle removes a site-name suffix or prefix from a title.
func cleanTitle(t, site string) string {
	for _, sep := range titleSeps {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		head, tail := t[:i], t[i+len(sep):]
		if site != "" && (strings.EqualFold(strings.TrimSpace(tail), site) || len(tail) < len(head)/2 || strings.Contains(strings.ToLower(site), strings.ToLower(strings.TrimSpace(tail)))) {
			return strings.TrimSpace(head)
		}
		if site == "" && len(tail) < len(head)/2 {
			return strings.TrimSpace(head)
		}
		if j := strings.Index(t, sep); j > 0 && site != "" && strings.EqualFold(strings.TrimSpace(t[:j]), site) {
			return strings.TrimSpace(t[j+len(sep):])
		}
	}
	return t
}

//go:embed data/byline.txt
var bylineData string

// bylinePrefixes are the lower-case words that introduce a byline.
var bylinePrefixes = func() []string {
	var out []string
	for _, line := range strings.Split(bylineData, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

// cleanByline strips "By " and trailing dates, counts or roles from a
// byline.
func cleanByline(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if c := cleanBylineLine(line); c != "" {
			return c
		}
	}
	return ""
}

func cleanBylineLine(s string) string {
	s = strings.TrimSpace(s)
	if low := strings.ToLower(strings.TrimRight(s, " :")); slices.Contains(bylinePrefixes, low) {
		return ""
	}
	for again := true; again; {
		again = false
		low := strings.ToLower(s)
		for _, p := range bylinePrefixes {
			if strings.HasPrefix(low, p) && len(s) > len(p) {
				rest := s[len(p):]
				r, _ := utf8.DecodeRuneInString(rest)
				if r == ' ' || r == ':' || r == '-' || r == '\u00a0' {
					s = strings.TrimLeft(rest, " :-\u00a0\t")
					again = true
					break
				}
			}
		}
	}
	if i := strings.IndexAny(s, "|\n"); i > 0 {
		s = s[:i]
	}
	// A date or count after the name: "Jane Doe, 01.12.2021", "jane am
	// 29.12.2010", "Steffi 1009 Artikel".
	if i := digitAfterSpace(s); i > 0 {
		s = strings.TrimSpace(s[:i])
		f := strings.Fields(s)
		if len(f) > 1 {
			last := strings.ToLower(f[len(f)-1])
			if len(last) <= 3 || last == "published" || last == "updated" || last == "veröffentlicht" || last == "aktualisiert" {
				s = strings.Join(f[:len(f)-1], " ")
			}
		}
	}
	s = strings.TrimRight(s, " ,;:-–—·(")
	return strings.TrimSpace(s)
}

// digitAfterSpace returns the index of the first digit that starts a word,
// or -1.
func digitAfterSpace(s string) int {
	for i := 1; i < len(s); i++ {
		if isDigit(s[i]) && (s[i-1] == ' ' || s[i-1] == ',') {
			return i
		}
	}
	return -1
}

// orgName reports whether an author candidate names the outlet rather than
// a person: the site name, or a domain.
func orgName(a, outlet, pageURL string) bool {
	la := strings.ToLower(strings.TrimSpace(a))
	if la == "" {
		return false
	}
	if lo := strings.ToLower(outlet); lo != "" && (la == lo || strings.Contains(lo, la) || strings.Contains(la, lo)) {
		return true
	}
	if d := registeredDomain(pageURL); d != "" {
		if name, _, _ := strings.Cut(d, "."); name != "" && strings.ReplaceAll(strings.ReplaceAll(la, " ", ""), "-", "") == strings.ReplaceAll(name, "-", "") {
			return true
		}
		if strings.Contains(la, d) {
			return true
		}
	}
	return !strings.Contains(la, " ") && strings.Count(la, ".") == 1 && len(la) > 4 && la[len(la)-1] != '.'
}

var urlDateRE = regexp.MustCompile(`/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[^\d]|$)`)

// urlDate reads a /2024/05/01/ date from a URL path.
func urlDate(u string) (time.Time, bool) {
	m := urlDateRE.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	return t, err == nil
}
