package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
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
