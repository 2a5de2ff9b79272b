package text_test

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// newsText generates about n bytes of normalized news-like text: headlines,
// paragraphs of a few sentences with titles, initials, abbreviations,
// numbers, dates, quotations and the odd URL. It is deterministic and
// written for the benchmarks; no sentence comes from a real article.
func newsText(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	person := func() string {
		return pick("Mr. ", "Ms. ", "Dr. ", "Sen. ", "Gov. ", "Lt. Gen. ", "Prof. ", "", "") +
			pick("Anna", "Tomas", "Leila", "Kofi", "Mei", "Rafael", "Ingrid", "Omar") + " " +
			pick("", "", "J. ", "R. ") +
			pick("Okafor", "Lindqvist", "Haddad", "Moreno", "Tanaka", "Novak", "Brennan", "Castillo")
	}
	place := func() string {
		return pick("the U.S.", "Washington D.C.", "the U.K.", "Springfield, Ill.", "the capital", "the E.U.", "St. Louis", "the port city")
	}
	number := func() string {
		return pick("3.5%", "$1,200.50", "12,000", "0.25 percent", "No. 4", "2.1 billion euros", "17", "Jan. 5", "Sept. 11", "9 a.m.")
	}
	sentence := func() string {
		switch rng.IntN(9) {
		case 0:
			return "“We will not accept this,” " + person() + " said on " + pick("Monday", "Tuesday", "Friday") + "."
		case 1:
			return person() + ", who leads Acme Corp., told reporters in " + place() + " that prices rose " + number() + " last year."
		case 2:
			return "“Why now?” " + pick("she asked.", "he asked.", "asked "+person()+".")
		case 3:
			return "Officials in " + place() + " said the plan, e.g. new taxes, would cost " + number() + " over the next decade."
		case 4:
			return "The report, published at www.example.org/reports/2024.html, found that " + number() + " of households were affected."
		case 5:
			return "According to " + person() + " of Globex Inc., talks with " + place() + " broke down… Nobody expected that."
		case 6:
			return "Shares fell " + number() + " to close at " + number() + " (the lowest since 2009)."
		case 7:
			return person() + " said: “It is over. We have to start again.” Then the meeting ended."
		default:
			return "Critics, including " + person() + ", called the deal “a disaster” and demanded a new vote in " + place() + "."
		}
	}
	var b strings.Builder
	for b.Len() < n {
		if rng.IntN(8) == 0 {
			b.WriteString(pick("Talks collapse", "Markets slide after vote", "Storm hits the coast", "Inquiry opens") + "\n")
		}
		k := 1 + rng.IntN(4)
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence())
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var benchText = sync.OnceValue(func() string { return newsText(1 << 20) })

func BenchmarkNormalize(b *testing.B) {
	// Raw input as it arrives: CRLF, doubled spaces, no-break spaces.
	raw := []byte(strings.NewReplacer("\n", "\r\n\r\n", ", ", ",  ", "said", "said\u00a0").Replace(benchText()))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := text.Normalize(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	s := benchText()
	dst := make([]article.Span, 0, 1<<16)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		dst = text.AppendSentences(dst[:0], s)
	}
}

func BenchmarkTokens(b *testing.B) {
	s := benchText()
	dst := make([]text.Token, 0, 1<<18)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		dst = text.Tokens(s, dst[:0])
	}
}

func BenchmarkSegment(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		text.Segment(s)
	}
}

// TestBenchText keeps the benchmark input honest: it must be normalized
// text that the splitter cuts into many sentences.
func TestBenchText(t *testing.T) {
	s := newsText(64 << 10)
	checkNormalized(t, s)
	l := text.Segment(s)
	if err := checkLayer(s, l); err != nil {
		t.Fatal(err)
	}
	if len(l.Sentences) < 300 || len(l.Tokens) < 5000 {
		t.Errorf("%d sentences, %d tokens in %d bytes", len(l.Sentences), len(l.Tokens), len(s))
	}
}
