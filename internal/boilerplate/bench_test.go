package boilerplate

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// scraped generates about n bytes of scraped-looking text: a title, chrome,
// paragraphs, and furniture at the end, deterministic and written for the
// benchmark.
func scraped(n int) string {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var b strings.Builder
	for b.Len() < n {
		title := pick("Council approves budget", "Storm closes coastal road", "Factory to add 300 jobs") + " " + pick("after vote", "on Monday", "this week")
		b.WriteString("Home\nNews\nLocal\nSport\n" + title + "\nBy Jane Doe\n")
		for i := 0; i < 8+rng.IntN(8); i++ {
			for j := 0; j < 2+rng.IntN(3); j++ {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(pick("Officials said the plan would cost about 12 million over five years.",
					"“We will keep working on it,” the mayor told reporters after the meeting.",
					"Residents have complained for years about delays, a survey found.",
					"The proposal will now go to a second vote in the spring."))
			}
			b.WriteByte('\n')
		}
		b.WriteString("Photo: Example/AFP\nShare\nSharing: " + title + "\nRelated articles\nBridge repairs delayed again\nNew school opens…\nAll rights reserved\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var benchText = sync.OnceValue(func() string { return scraped(1 << 20) })

func BenchmarkClean(b *testing.B) {
	s := benchText()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(s, Options{})
	}
}

// BenchmarkCleanArticle cleans one article-sized text, the unit the
// pipeline calls Clean on.
func BenchmarkCleanArticle(b *testing.B) {
	s := scraped(6000)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(s, Options{})
	}
}
