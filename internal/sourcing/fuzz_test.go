package sourcing

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzCitations checks that the citation parser never panics and that
// every citation's span lies in the text, in order, and that the outlet-name
// filter rejects no word an outlet's name starts with, and that the domain
// search finds what the pattern over the whole text finds.
func FuzzCitations(f *testing.F) {
	for _, s := range []string{
		"According to Reuters, the port closed (https://www.bbc.co.uk/news/x).",
		"theguardian.com +9, WSJ +9 and example.org/+15",
		"per the BBC", "http://", "a.b.c.d.e.com.", "(Reuters", "\xff.com", "U.S. e.g. St.Louis",
		"mail me@site.com or see /x/site.org, foo.com_bar, é.com, xn--bcher-kva.de.", "site.comé and www.bbc.co.uk",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, c := range Citations(text) {
			if c.Span.Start < prev || c.Span.End > len(text) || c.Span.Start >= c.Span.End {
				t.Fatalf("bad span %v in %q", c.Span, text)
			}
			prev = c.Span.Start
			if utf8.ValidString(text) && !utf8.ValidString(c.Span.In(text)) {
				t.Fatalf("span %v splits a rune", c.Span)
			}
		}
		checkFirstWords(t, text)
		if got, want := findDomains(text), domainRE.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDomains(%q) = %v, the pattern finds %v", text, got, want)
		}
		Score(Input{Text: text})
	})
}
