package extract

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/parallax-news/parallax/internal/article"
)

// benchPage is a news page of about 25 KB: markup, scripts and navigation
// around a 5 KB article, about the shape of a real one.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story</title>
<meta property="og:title" content="Story"><meta property="article:published_time" content="2024-03-01T10:00:00Z">`)
	for i := range 20 {
		fmt.Fprintf(&b, "<script>var cfg%d = {a: 1, b: [1,2,3], c: \"%s\"};</script>\n", i, strings.Repeat("x", 400))
	}
	b.WriteString("</head><body><header><nav><ul>")
	for i := range 80 {
		fmt.Fprintf(&b, `<li class="nav-item"><a href="/section/%d" class="nav-link">Section %d</a></li>`, i, i)
	}
	b.WriteString("</ul></nav></header><main><article><h1>Headline</h1>")
	for i := range 14 {
		fmt.Fprintf(&b, `<p class="body-text">Paragraph %d. The minister said on Tuesday that the talks, which began in March, &ldquo;made real progress&rdquo; on tariffs, <a href="/x">according to</a> two officials who asked not to be named. Analysts were <em>less</em> sure.</p>`+"\n", i)
		b.WriteString(`<div class="ad-slot" data-slot="mid"><div><div><span></span></div></div></div>`)
	}
	b.WriteString("</article><aside>")
	for i := range 30 {
		fmt.Fprintf(&b, `<div class="card"><a href="/story/%d"><img src="/i/%d.jpg"><span>Related story number %d</span></a></div>`, i, i, i)
	}
	b.WriteString("</aside></main><footer><p>&copy; Example</p></footer></body></html>")
	return []byte(b.String())
}

func BenchmarkHTML(b *testing.B) {
	pages := map[string][]byte{"synthetic": benchPage()}
	if data, err := os.ReadFile("testdata/news-article.html"); err == nil {
		pages["news-article"] = data
	}
	for name, page := range pages {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML(page, "text/html; charset=utf-8", "https://www.example.com/story"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExtract runs HTML over the real scrapinghub-aeb pages (read at
// benchmark time; skipped when the eval data is absent) and reports
// pages/s beside MB/s and allocations.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(aebDir, "html", "*.html.gz"))
	if len(paths) == 0 {
		b.Skipf("no pages in %s", aebDir)
	}
	var pages [][]byte
	var size int64
	for _, p := range paths {
		data, err := readGzip(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += int64(len(data))
	}
	run := func(name string, f func([]byte) error) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size / int64(len(pages)))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				if err := f(pages[n%len(pages)]); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
		})
	}
	run("html", func(page []byte) error {
		_, err := HTML(page, "", "https://www.example.com/story")
		if errors.Is(err, article.ErrInvalid) {
			return nil
		}
		return err
	})
	// The floor: decoding and parsing alone, for comparison on a busy
	// machine.
	run("parse-only", func(page []byte) error {
		_, err := html.Parse(bytes.NewReader(decode(page, "")))
		return err
	})
}

// aebDir holds the scrapinghub article-extraction benchmark pages.
const aebDir = "../../../shared/eval/article-extraction/scrapinghub-aeb"

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
