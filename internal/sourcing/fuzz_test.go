package sourcing

import (
	"reflect"
	"regexp"
	"testing"
	"unicode/utf8"
)

// counterRE is the pattern findCounters scans for.
var counterRE = regexp.MustCompile(`(?:/\s?)?(?:\+\s?\d{1,3}|plus\d{1,3})\b`)

func TestAdminMatches(t *testing.T) {
	for _, s := range []string{
		"The Obama administration and the Trump government", "Obama administration Trump administration",
		"the Obama administration-Smith administration", "Obama governmental Smith administrations",
		"(The Biden  administration) x\tThe\nFoo\tgovernment", "Jean-Pierre administration, O’Neil government",
		"éMacron government 1Smith administration _The Foo government The government", "administration", " government",
		"misgovernment X government_ Y government",
	} {
		if got, want := adminMatches(s), adminRE.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("adminMatches(%q) = %v, the pattern finds %v", s, got, want)
		}
	}
}

func TestFindCounters(t *testing.T) {
	for _, s := range []string{
		"theguardian.com +9, WSJ +9 and example.org/+15", "wsj.com + 1", "/plus15 plus1234 +1234 +12a +12_ +12é",
		"/ +3 / plus3 //+4 /\t+5 +\n6 ++7 plusplus8 /plus", "+", "/", "plus", "a+1.5 +5% 1+1=2",
	} {
		if got, want := findCounters(s), counterRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("findCounters(%q) = %v, the pattern finds %v", s, got, want)
		}
	}
}

// FuzzCitations checks that the citation parser never panics and that
// every citation's span lies in the text, in order, and that the outlet-name
// filter rejects no word an outlet's name starts with, and that the domain
// search finds what the pattern over the whole text finds.
func FuzzCitations(f *testing.F) {
	for _, s := range []string{
		"According to Reuters, the port closed (https://www.bbc.co.uk/news/x).",
		"theguardian.com +9, WSJ +9 and example.org/+15",
		"per the BBC", "The Obama administration and the Trump government", "http://", "a.b.c.d.e.com.", "(Reuters", "\xff.com", "U.S. e.g. St.Louis",
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
		if got, want := findCounters(text), counterRE.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("findCounters(%q) = %v, the pattern finds %v", text, got, want)
		}
		if got, want := adminMatches(text), adminRE.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("adminMatches(%q) = %v, the pattern finds %v", text, got, want)
		}
		Score(Input{Text: text})
	})
}
