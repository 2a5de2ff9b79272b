package sqlite_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// benchDoc is one realistic input: about 4 KB of article text and the
// ~40 KB HTML page it came from.
type benchDoc struct {
	text string
	html []byte
}

// benchDocs makes n distinct documents from a fixed seed. The words are
// random over a large vocabulary so that the HTML compresses like real
// pages do (about 3-4x at BestSpeed), not like repeated text.
func benchDocs(n int) []benchDoc {
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "etaoinshrdlucmfwypvbgkqjxz"
	vocab := make([]string, 5000)
	for i := range vocab {
		var w strings.Builder
		for range 2 + rng.IntN(9) {
			w.WriteByte(letters[min(rng.IntN(len(letters)), rng.IntN(len(letters)))]) // skewed to common letters
		}
		vocab[i] = w.String()
	}
	sentence := func() string {
		var s strings.Builder
		for j := range 8 + rng.IntN(20) {
			if j > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64())]) // Zipf-like
		}
		s.WriteString(".")
		return s.String()
	}
	docs := make([]benchDoc, n)
	for i := range docs {
		var paras []string
		size := 0
		for size < 4000 {
			p := "“" + sentence() + "” " + sentence() + " " + sentence()
			paras = append(paras, p)
			size += len(p) + 1
		}
		var h strings.Builder
		h.WriteString("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
		h.WriteString(sentence())
		h.WriteString("</title>\n")
		h.WriteString("<style>\n")
		for h.Len() < 8000 { // styles, scripts and metadata
			fmt.Fprintf(&h, ".%s-%s{margin:%dpx %dpx;padding:0 %dpx;font-size:%drem;color:#%03x}\n",
				vocab[rng.IntN(200)], vocab[rng.IntN(200)], rng.IntN(4)*8, rng.IntN(4)*8, rng.IntN(3)*4, 1+rng.IntN(3), rng.IntN(1<<12))
		}
		h.WriteString("</style>\n")
		for h.Len() < 12000 {
			fmt.Fprintf(&h, "<meta property=\"article:%s\" content=\"%s\">\n<script async src=\"https://cdn.news.example/js/%s.%x.js\"></script>\n",
				vocab[rng.IntN(100)], sentence(), vocab[rng.IntN(100)], rng.Uint32())
		}
		h.WriteString("</head><body><nav><ul>")
		for range 60 {
			w := vocab[rng.IntN(300)]
			fmt.Fprintf(&h, "<li class=\"nav-item\"><a class=\"nav-link\" href=\"https://news.example/section/%s/\">%s</a></li>\n", w, w)
		}
		h.WriteString("</ul></nav><article>")
		for _, p := range paras {
			fmt.Fprintf(&h, "<p class=\"para-%d\">%s</p>\n", rng.IntN(3), p)
		}
		h.WriteString("</article><aside>")
		for h.Len() < 40000 { // related links, footer, trackers
			fmt.Fprintf(&h, "<div class=\"related-item\"><a class=\"related-link\" href=\"https://news.example/2024/03/%02d/%s-%s-%d\">"+
				"<img class=\"related-img\" loading=\"lazy\" src=\"https://img.news.example/%d/%s.jpg\" width=\"300\" height=\"200\">"+
				"<span class=\"related-title\">%s</span></a></div>\n",
				1+rng.IntN(28), vocab[rng.IntN(500)], vocab[rng.IntN(500)], rng.IntN(100000), rng.IntN(100000), vocab[rng.IntN(500)], sentence())
		}
		h.WriteString("</aside></body></html>")
		docs[i] = benchDoc{text: strings.Join(paras, "\n"), html: []byte(h.String())}
	}
	return docs
}

func benchArticle(d benchDoc, i int64) (*article.Article, *article.Raw) {
	text := d.text + "\n" + strconv.FormatInt(i, 10) // unique, so every Put creates
	return &article.Article{
			ID:        article.HashText(text),
			Source:    "https://news.example/2024/03/05/story-" + strconv.FormatInt(i, 10),
			URL:       "https://news.example/2024/03/05/story-" + strconv.FormatInt(i, 10),
			Outlet:    "news.example",
			Title:     "A title of about the usual length for a news story",
			Byline:    "By A. Reporter",
			Published: time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC),
			Language:  "en",
			Format:    article.FormatHTML,
			Extractor: "extract/1",
			Text:      text,
			Boilerplate: []string{
				"Sign up for our newsletter", "© 2024 News Example", "Related stories",
			},
		}, &article.Raw{
			MediaType: "text/html",
			Data:      d.html,
		}
}

// BenchmarkPut measures ingest into a new store: the serial case is one
// pipeline worker, the parallel one several (compression overlaps with the
// single writer). Bytes are text plus raw HTML.
func BenchmarkPut(b *testing.B) {
	docs := benchDocs(64)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.text) + len(d.html))
	}
	bytesPerOp := bytes / int64(len(docs))

	b.Run("serial", func(b *testing.B) {
		s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.SetBytes(bytesPerOp)
		b.ReportAllocs()
		for i := int64(0); b.Loop(); i++ {
			a, raw := benchArticle(docs[i%int64(len(docs))], i)
			if _, err := s.Put(b.Context(), a, raw); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})

	b.Run("parallel", func(b *testing.B) {
		s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		var next atomic.Int64
		b.SetBytes(bytesPerOp)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := next.Add(1)
				a, raw := benchArticle(docs[i%int64(len(docs))], i)
				if _, err := s.Put(b.Context(), a, raw); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}
