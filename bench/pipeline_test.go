package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/picture"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

var pipelineSizes = flag.String("pipeline.sizes", "1000,10000", "comma-separated corpus sizes for BenchmarkPipeline")

// BenchmarkPipeline runs what parallax report does, end to end, on a
// generated news corpus (writeNewsCorpus: stories with named speakers,
// quotations repeated and altered across outlets, citations, wire copies),
// one sub-benchmark per size (1k and 10k articles by default,
// -pipeline.sizes to change them; -short keeps sizes up to 1k):
//
//  1. ingest: ingest.Run of the JSON lines into a fresh embedded store;
//  2. load: every stored article with its text (store.List);
//  3. analyze: picture.Analyze, the per-article stages on all cores
//     (entities, quotes, sourcing);
//  4. build: picture.Build, the corpus stages (speaker linking, stories and
//     copies, quote cross-check per story);
//  5. render: the picture as JSON to io.Discard (Picture.WriteJSON, the
//     bytes of encoding/json's Encoder written a story at a time).
//
// One op is one whole run. Besides ns/op it reports:
//
//   - articles/s: articles per second of wall time;
//   - articles/s/core: the same divided by GOMAXPROCS (use -cpu 1 for a true
//     one-core figure; with more cores the stages that are serial, story
//     building and rendering, lower it);
//   - cpu-articles/s: articles per second of CPU time used by the process
//     (getrusage, all threads, the collector's included);
//   - peak-heap-MiB: the largest heap seen in objects, live or not yet
//     swept (runtime/metrics, sampled every 5 ms), and peak-RSS-MiB: the
//     kernel's resident high-water mark, reset before each run;
//   - ingest-s, load-s, analyze-s, build-s, render-s: seconds per stage.
//
// The goal is 200 articles/s per core. Run (one -cpu value per
// command: with sub-benchmarks, "-cpu 1,2" ran the first size at the default
// GOMAXPROCS under the name of -cpu 1, go1.26):
//
//	cd bench && go test -run=NONE -bench=Pipeline -benchtime=1x -cpu 1 -timeout 1h
//	cd bench && go test -run=NONE -bench=Pipeline -benchtime=1x -cpu 2 -timeout 1h
//	cd bench && go test -run=NONE -bench=Pipeline -benchtime=1x -short   # CI: 1k only
func BenchmarkPipeline(b *testing.B) {
	for _, f := range strings.Split(*pipelineSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("-pipeline.sizes: bad size %q", f)
		}
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("short")
			}
			benchPipeline(b, n)
		})
	}
}

func benchPipeline(b *testing.B, n int) {
	ctx := context.Background()
	dir := b.TempDir()
	input := filepath.Join(dir, "corpus.jsonl")
	size := writeNewsCorpus(b, input, n)
	b.SetBytes(size)
	b.ReportAllocs()
	var stage [5]time.Duration // ingest, load, analyze, build, render
	var peakHeap, peakRSS uint64
	var cpu time.Duration
	var stories, quotes, findings int
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("p%d.db", i)), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		resetRSS()
		stop := sampleHeap()
		cpu0 := cpuTime()
		b.StartTimer()

		t := time.Now()
		lap := func(k int) {
			now := time.Now()
			stage[k] += now.Sub(t)
			t = now
		}
		sum, err := ingest.Run(ctx, st, []string{input}, ingest.Options{})
		if err != nil || sum.Stored == 0 {
			b.Fatalf("ingest: stored %d of %d: %v", sum.Stored, n, err)
		}
		lap(0)
		var arts []*article.Article
		for a, err := range st.List(ctx, store.Query{WithText: true}) {
			if err != nil {
				b.Fatal(err)
			}
			arts = append(arts, a)
		}
		lap(1)
		as := picture.Analyze(arts)
		lap(2)
		p := picture.Build(as)
		lap(3)
		if err := p.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
		lap(4)

		b.StopTimer()
		if c := cpuTime(); c >= 0 && cpu0 >= 0 {
			cpu += c - cpu0
		}
		peakHeap = max(peakHeap, stop())
		if hwm, ok := procStatus("VmHWM"); ok {
			peakRSS = max(peakRSS, uint64(hwm))
		}
		stories, quotes, findings = len(p.Stories), 0, 0
		for _, s := range p.Stories {
			quotes += len(s.Quotes)
			findings += len(s.Findings)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	secs := b.Elapsed().Seconds()
	rate := float64(n) * float64(b.N) / secs
	b.ReportMetric(rate, "articles/s")
	b.ReportMetric(rate/float64(runtime.GOMAXPROCS(0)), "articles/s/core")
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "cpu-articles/s")
	}
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
	if peakRSS > 0 {
		b.ReportMetric(float64(peakRSS)/(1<<20), "peak-RSS-MiB")
	}
	for k, name := range []string{"ingest-s", "load-s", "analyze-s", "build-s", "render-s"} {
		b.ReportMetric(stage[k].Seconds()/float64(b.N), name)
	}
	// what the run found, so that a corpus that stops exercising a stage shows
	b.ReportMetric(float64(stories), "stories")
	b.ReportMetric(float64(quotes), "quotes")
	b.ReportMetric(float64(findings), "findings")
}

// sampleHeap samples the live heap (bytes in heap objects, reachable or
// not yet swept) every 5 ms until the returned func is called, which returns
// the largest value seen.
func sampleHeap() (stop func() uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	read := func() {
		metrics.Read(s)
		mu.Lock()
		peak = max(peak, s[0].Value.Uint64())
		mu.Unlock()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak
	}
}

// resetRSS resets the kernel's resident high-water mark of this process
// (Linux: 5 to /proc/self/clear_refs). Best effort.
func resetRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
