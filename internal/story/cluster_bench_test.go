package story

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// streamGen generates a realistic stream: a Zipf-distributed general
// vocabulary shared by all articles, and stories that start every day, each
// with its own names (40 rare words), told by articles over three days.
type streamGen struct {
	r       *rand.Rand
	zipf    *rand.Zipf
	vocab   []string
	stories [][]string
	starts  []time.Time
	day     time.Time
	n       int
}

func newStreamGen(seed uint64) *streamGen {
	r := rand.New(rand.NewPCG(seed, 1))
	g := &streamGen{r: r, zipf: rand.NewZipf(r, 1.1, 2, 19999), day: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	gw := newGen(seed + 1)
	for range 20000 {
		g.vocab = append(g.vocab, gw.word())
	}
	return g
}

// next returns the next article; 40 new stories start per simulated day
// and 200 articles are published per day.
func (g *streamGen) next() Doc {
	if g.n%200 == 0 {
		g.day = g.day.Add(24 * time.Hour)
		gw := newGen(uint64(g.n) + 7)
		for range 40 {
			names := make([]string, 40)
			for i := range names {
				names[i] = strings.ToUpper(gw.word()[:1]) + gw.word() + gw.word()
			}
			g.stories = append(g.stories, names)
			g.starts = append(g.starts, g.day)
		}
	}
	g.n++
	// A story among the last three days' ones.
	recent := min(len(g.stories), 120)
	s := len(g.stories) - 1 - g.r.IntN(recent)
	var b strings.Builder
	for i := range 300 {
		if i > 0 {
			b.WriteByte(' ')
		}
		if g.r.IntN(100) < 15 {
			b.WriteString(g.stories[s][g.r.IntN(40)])
		} else {
			b.WriteString(g.vocab[g.zipf.Uint64()])
		}
		if i%20 == 19 {
			b.WriteByte('.')
		}
	}
	return Doc{Text: b.String(), Published: g.starts[s].Add(time.Duration(g.r.IntN(72)) * time.Hour)}
}

// BenchmarkCluster streams generated articles into a clusterer and reports
// articles/s, how far the heap grew over the run (sampled between chunks,
// the input excluded), and the stories still active at the end; the cost
// per article must not grow with the corpus (compare the sizes).
//
//	go test -run=NONE -bench=Cluster -benchtime=1x ./internal/story
func BenchmarkCluster(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("short")
			}
			b.ReportAllocs()
			var peak uint64
			var active int
			const chunk = 5000
			docs := make([]Doc, chunk)
			for range b.N {
				b.StopTimer()
				g := newStreamGen(1)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapInuse
				c := NewClusterer(Options{Window: 3 * 24 * time.Hour})
				for done := 0; done < n; done += chunk {
					// Generate outside the timer, a chunk at a time, so the
					// input neither counts nor sits in memory.
					b.StopTimer()
					for i := range docs {
						docs[i] = g.next()
					}
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > base {
						peak = max(peak, ms.HeapInuse-base)
					}
					b.StartTimer()
					for _, d := range docs {
						c.Add(d)
					}
				}
				active = c.Active()
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(peak)/(1<<20), "heap-growth-MiB")
			b.ReportMetric(float64(active), "active-stories")
		})
	}
}
