package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "", "https://example.com/a")
		}
	}
	for _, s := range []string{
		"<p>x</p>", "<article><p>a</article></p>", "<title>t", "<script/>x", "<svg><title>s</title></svg><p>y",
		`<script type="application/ld+json">{"@type":"NewsArticle","author":[[["x"]]]}</script><p>z`,
		"<meta charset=shift_jis><p>\x93\xfa</p>", "\xfe\xff\x00<\x00p\x00>\x00a", "<p hidden>h</p><p>v",
		"<div><nav>m<div>n</div></div>o", "</p></br>", "<html lang=de><p>&amp;&nbsp;&#x1F600;</p>",
		strings.Repeat("<div>", 600) + "deep", "<app-root><x-a><p>custom, elements, hold, text, here and there.</p></x-a></app-root>",
		`<div class="post">text<br>more text, with commas, here<br><br>and more<div class="ad">x</div></div>`,
		`<header><h1>T</h1><p>A standfirst that is long enough to count as a lead paragraph here.</p></header><article><p>Body.</p></article>`,
		`<time datetime="2024-01-02T23:30:00Z">x</time><span class="date">3. März 2024</span><p class="byline">Von Anna Muster, 01.02.2024</p>`,
	} {
		f.Add([]byte(s), "", "")
		f.Add([]byte(s), "text/html; charset=windows-1252", "http://[::1]:80/x")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType, pageURL string) {
		p, err := HTML(body, contentType, pageURL)
		if err != nil {
			if !errors.Is(err, article.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if p.Text == "" || !utf8.ValidString(p.Text) {
			t.Fatalf("Text %q is empty or not UTF-8", p.Text)
		}
		for _, para := range strings.Split(p.Text, "\n") {
			if para == "" || para != strings.TrimSpace(para) || strings.Contains(para, "  ") {
				t.Fatalf("paragraph %q is empty or has stray spaces", para)
			}
		}
		for _, s := range append([]string{p.Title, p.Byline, p.Outlet, p.URL, p.Language}, p.Boilerplate...) {
			if !utf8.ValidString(s) {
				t.Fatalf("%q is not UTF-8", s)
			}
		}
		// Windows-1252 at most triples a byte; UTF-16 can't grow past it either.
		if len(p.Text) > 3*len(body) {
			t.Fatalf("%d bytes of text from %d bytes of HTML", len(p.Text), len(body))
		}
	})
}
