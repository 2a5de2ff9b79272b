package crosscheck

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// synthStory makes a story of n articles with per quotations each, over a
// Zipf-distributed vocabulary so that common bigrams are common: half of
// the quotations are new, the others copy an earlier one verbatim, with a
// word changed, or in part. Every fifth article copies an earlier one.
func synthStory(n, per int, seed uint64) ([]Article, []Quote) {
	r := rand.New(rand.NewPCG(seed, 7))
	zipf := rand.NewZipf(r, 1.1, 2, 20000)
	word := func() string { return fmt.Sprintf("w%d", zipf.Uint64()) }
	sentence := func(k int) []string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return ws
	}
	var pool [][]string
	arts := make([]Article, 0, n)
	var quotes []Quote
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a := Article{ID: fmt.Sprintf("a%03d", i), Outlet: fmt.Sprintf("outlet%d", i%40), Published: t0.Add(time.Duration(i) * time.Minute)}
		if i > 0 && i%5 == 0 {
			a.CopyOf = fmt.Sprintf("a%03d", r.IntN(i))
		}
		var b strings.Builder
		for k := range per {
			b.WriteString(strings.Join(sentence(20+r.IntN(20)), " "))
			b.WriteString(".\n")
			var ws []string
			kind := "direct"
			switch x := r.IntN(8); {
			case len(pool) == 0 || x < 4:
				ws = sentence(8 + r.IntN(20))
				pool = append(pool, ws)
			case x < 6:
				ws = pool[r.IntN(len(pool))]
			case x < 7:
				ws = append([]string(nil), pool[r.IntN(len(pool))]...)
				ws[r.IntN(len(ws))] = word()
			default:
				src := pool[r.IntN(len(pool))]
				from := r.IntN(len(src) - 3)
				ws, kind = src[from:from+3], "partial"
			}
			b.WriteString("“")
			start := b.Len()
			b.WriteString(strings.Join(ws, " "))
			end := b.Len()
			b.WriteString("”, said someone.\n")
			quotes = append(quotes, Quote{Article: a.ID, Index: k, Kind: kind, Content: []article.Span{{Start: start, End: end}},
				Speaker: fmt.Sprintf("s%d", r.IntN(30))})
		}
		a.Text = b.String()
		arts = append(arts, a)
	}
	return arts, quotes
}

// BenchmarkCrosscheck checks one story of 50, 100 and 200 articles with 30
// quotations each; ns/op per quotation should stay about flat.
//
//	go test ./internal/crosscheck -run '^$' -bench Crosscheck -benchmem
func BenchmarkCrosscheck(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		arts, quotes := synthStory(n, 30, 1)
		size := 0
		for _, a := range arts {
			size += len(a.Text)
		}
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				Check(arts, quotes)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(quotes)), "ns/quote")
		})
	}
}
