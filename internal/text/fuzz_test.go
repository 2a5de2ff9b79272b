package text_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/text"
)

var fuzzSeeds = []string{
	"",
	"Mr. Smith went to Washington D.C. on Jan. 5. The U.S. said no.",
	"He said: “It is over.” Then… nothing? “Why?” he asked.",
	"a\r\nb\r\rc\u00a0d\u200b\u00ade\x00f\x1b",
	"\xef\xbb\xbfBOM and \xff invalid",
	"\xff\xfeH\x00i\x00",
	"caf\xe9 \x93quoted\x94",
	"Line one is wrapped at a fixed width of about forty-five\ncharacters so that it looks like an e-mail message\nand ends here.\n\nA second block follows it, wrapped the very same\nway as the first block of the text was wrapped.\n",
	"e\u0301\n\u0301x \u0301",
	"今天下雨。我们在家！¿Qué? ¡Nada! « Fin. » Il part.",
	"See https://x.org/a_(b). Mail j.doe@x.org. 1,000.50 3.5% v2.0 U.S.-based",
	". . . ... …? !! ?! \"' ”’) ] —",
}

// FuzzNormalize checks that NormalizeString's output is valid UTF-8 with no
// '\r', no empty paragraph, no untrimmed line, and is a fixed point; and
// that Normalize either rejects input or gives text with the same
// properties.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNormalized(t, text.NormalizeString(s))
		if out, _, err := text.Normalize([]byte(s)); err == nil {
			checkNormalized(t, out)
		}
	})
}

// FuzzSentences checks the invariants of Segment on raw and normalized
// input.
func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := checkLayer(s, text.Segment(s)); err != nil {
			t.Fatal(err)
		}
		n := text.NormalizeString(s)
		if err := checkLayer(n, text.Segment(n)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLinearTime runs the segmenters over single-line inputs built to
// defeat their look-ahead and look-behind: 10 MB for Sentences and
// NormalizeString, 2 MB for Tokens (whose output is large). Linear code
// takes well under a second for each on an idle machine; the bound is loose
// for busy machines and -race, and catches anything quadratic, which would
// take hours.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10 MB inputs")
	}
	size := 10 << 20
	if raceEnabled {
		size = 1 << 20 // the race detector slows the scan tenfold
	}
	for _, unit := range []string{
		".", "a", "a.", "a. ", "U.S. ", "Mr. ", "“Why?” ", " ", "a.a", "x@", "1,", "http://", "'s ",
		"Smith said. — ", "... ", ". . ", "?» ", "。」", "¿", "\xff", "é", "\u200b", "\n", "a\n\n",
	} {
		s := strings.Repeat(unit, size/len(unit))
		start := time.Now()
		text.Sentences(s)
		text.NormalizeString(s)
		text.Tokens(s[:len(s)/5], nil)
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%q × %d: took %v", unit, size/len(unit), d)
		}
	}
}
