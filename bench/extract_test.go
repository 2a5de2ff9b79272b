package bench

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/parallax-news/parallax/internal/eval"
)

// BenchmarkExtract times every extractor on the same real pages, all of
// scrapinghub-aeb (decompressed once, outside the timer). One op is one page;
// the loop cycles through the pages in id order. Besides ns/op, B/op and
// allocs/op (so B/op is the bytes allocated per page) it reports:
//
//   - MB/s: HTML bytes of the pages actually processed, per second (SetBytes
//     gives the mean page size; the exact figure then overrides it, since b.N
//     is rarely a whole number of passes over the pages).
//   - pages/s: pages per second of wall time.
//   - cpu-pages/s: pages per second of CPU time used by the process (all
//     threads, the collector's included), from getrusage. On a busy machine
//     wall time includes waiting for a core and this does not, so it is the
//     steadier figure when others are running things; with -cpu 1 and an idle
//     machine the two agree up to the collector's background work.
//   - peak-B/page and peak-max-B: the extra memory a page needs while it is
//     extracted, mean and maximum over the pages. See peakGrowth.
//
// html-parse-only is golang.org/x/net/html.Parse alone: the ceiling for any
// extractor built on that parser. Run with -cpu 1 for the per-core figure,
// and with -benchtime set to whole passes over the pages (-benchtime 272x is
// two passes over the 136 pages): a time-based benchtime ends part way
// through a pass, and the slow extractors then see only the first pages.
func BenchmarkExtract(b *testing.B) {
	pages := aebPages(b)
	var total int64
	for _, p := range pages {
		total += int64(len(p.HTML))
	}
	type bench struct {
		name string
		run  func(page []byte, url string)
	}
	benches := []bench{{"html-parse-only", func(page []byte, _ string) {
		// Parse fails only when its reader does, and a bytes.Reader cannot.
		_, _ = html.Parse(bytes.NewReader(page))
	}}}
	for _, ex := range Extractors() {
		benches = append(benches, bench{ex.Name, func(page []byte, url string) { ex.Extract(page, url) }})
	}
	for _, bm := range benches {
		b.Run(bm.name, func(b *testing.B) {
			mean, peak := cachedPeakGrowth(bm.name, pages, bm.run)
			runtime.GC()
			b.SetBytes(total / int64(len(pages)))
			b.ReportAllocs()
			var done int64 // HTML bytes processed
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				p := pages[i%len(pages)]
				bm.run(p.HTML, p.URL)
				done += int64(len(p.HTML))
				i++
			}
			sec := b.Elapsed().Seconds()
			cpu := cpuTime() - cpu0
			b.ReportMetric(float64(done)/1e6/sec, "MB/s")
			b.ReportMetric(float64(b.N)/sec, "pages/s")
			if cpu0 >= 0 && cpu > 0 {
				b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-pages/s")
			}
			if mean >= 0 {
				b.ReportMetric(mean, "peak-B/page")
				b.ReportMetric(peak, "peak-max-B")
			}
		})
	}
}

// peakGrowth measures the extra memory each page needs while it is being
// extracted, outside the timed loop. For each page alone: a full collection
// that also returns free memory to the OS (debug.FreeOSMemory), then the
// process's resident high-water mark is reset to its current resident size
// (writing 5 to /proc/self/clear_refs), the page is extracted, and the growth
// of the high-water mark (VmHWM) over the resident size before is the page's
// peak. The collector runs with GOGC=10 meanwhile, so the mark follows the
// live heap the extractor needs (its DOM, buffers, output) rather than
// garbage not yet collected; B/op is the other measure, the bytes allocated
// in all. It returns the mean and the maximum over pages in bytes, or -1, -1
// where /proc offers no such mark (not Linux). The unit is the kernel's kB,
// so figures under a few kB are noise.
func peakGrowth(pages []eval.AEBPage, run func(page []byte, url string)) (mean, peak float64) {
	if _, ok := procStatus("VmHWM"); !ok {
		return -1, -1
	}
	old := debug.SetGCPercent(10)
	defer debug.SetGCPercent(old)
	run(pages[0].HTML, pages[0].URL) // one-time set-up is not a page's cost
	var sum float64
	for _, p := range pages {
		debug.FreeOSMemory()
		before, _ := procStatus("VmRSS")
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			return -1, -1
		}
		run(p.HTML, p.URL)
		hwm, _ := procStatus("VmHWM")
		g := float64(max(0, hwm-before))
		sum += g
		peak = max(peak, g)
	}
	return sum / float64(len(pages)), peak
}

var peaks sync.Map // name → [2]float64

// cachedPeakGrowth is peakGrowth measured once per process and extractor,
// since it takes seconds and -count repeats the sub-benchmarks.
func cachedPeakGrowth(name string, pages []eval.AEBPage, run func(page []byte, url string)) (mean, peak float64) {
	if v, ok := peaks.Load(name); ok {
		p := v.([2]float64)
		return p[0], p[1]
	}
	mean, peak = peakGrowth(pages, run)
	peaks.Store(name, [2]float64{mean, peak})
	return mean, peak
}

// procStatus reads one size field of /proc/self/status, in bytes.
func procStatus(field string) (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		if err != nil {
			return 0, false
		}
		return kb * 1024, true
	}
	return 0, false
}

// TestExtractors checks that every peer adapter returns main text on real
// pages, so that a broken adapter cannot pass for a slow or poor library.
func TestExtractors(t *testing.T) {
	pages := aebPages(t)
	if len(pages) > 5 {
		pages = pages[:5]
	}
	for _, ex := range Extractors() {
		t.Run(ex.Name, func(t *testing.T) {
			var empty int
			for _, p := range pages {
				if text, _, _, _ := ex.Extract(p.HTML, p.URL); strings.TrimSpace(text) == "" {
					empty++
				}
			}
			if ex.Panics.Load() > 0 {
				t.Errorf("%d panics", ex.Panics.Load())
			}
			// parallax is being rewritten; its quality is TestQuality's
			// business. The peers are fixed versions and must work.
			if ex.Name != "parallax" && empty > 0 {
				t.Errorf("empty text on %d of %d pages", empty, len(pages))
			}
		})
	}
}
