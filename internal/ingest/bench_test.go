package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// BenchmarkIngest ingests a generated corpus of JSON lines into a fresh
// embedded store per iteration and reports articles/s, MB/s of article text,
// and the process's peak RSS during the run (VmHWM, reset before each run
// where the kernel allows), which must not grow with the corpus: compare the
// 10k and 100k sizes.
//
//	go test -run=NONE -bench=Ingest -benchtime=1x ./internal/ingest
func BenchmarkIngest(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("short")
			}
			dir := b.TempDir()
			input := filepath.Join(dir, "corpus.jsonl")
			size := writeCorpus(b, input, n)
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			var peak int64
			for i := range b.N {
				b.StopTimer()
				st, err := sqlite.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("p%d.db", i)), sqlite.Options{})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				resetPeakRSS()
				b.StartTimer()
				sum, err := Run(context.Background(), st, []string{input}, Options{})
				b.StopTimer()
				if err != nil || sum.Stored != n {
					b.Fatalf("stored %d of %d: %v", sum.Stored, n, err)
				}
				peak = max(peak, peakRSS())
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			if peak > 0 {
				b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
			}
		})
	}
}

// resetPeakRSS resets the kernel's high-water mark of this process's RSS
// (Linux: writing 5 to /proc/self/clear_refs). Best effort.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM in bytes, or 0 where /proc is not available.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
