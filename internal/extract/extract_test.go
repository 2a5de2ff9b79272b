package extract

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parallax-news/parallax/internal/article"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		url         string
		want        Page
	}{
		{
			name: "paragraphs and white space",
			body: "<html><body><h1>  Big \n news </h1><p>First&nbsp;para,  with <b>bold</b>text and &amp; &ldquo;quotes&rdquo;.</p>\n<p>\n</p><div>Second<br>line<br/>third</div></body></html>",
			want: Page{Title: "Big news", Text: "Big news\nFirst para, with boldtext and & \u201cquotes\u201d.\nSecond\nline\nthird"},
		},
		{
			name: "dropped and boilerplate elements",
			body: `<html><head><style>p{}</style><script>var x = "<p>no</p>";</script></head><body>
<header><a href="/">Home</a> <a href="/world">World</a></header>
<nav><ul><li>Politics</li><li>Sport</li></ul></nav>
<p>Story text.<script>track()</script></p>
<noscript>Enable JavaScript</noscript><template><p>tpl</p></template><svg><text>svg text</text><title>svg title</title></svg>
<iframe src="x">frame</iframe><form><label>Email</label><button>Subscribe</button></form>
<p hidden>Hidden.</p><p aria-hidden="true">Aria hidden.</p><p style="display: none">Styled away.</p>
<aside>Related: other story</aside><p>More story.</p>
<footer>© 2024 Example</footer></body></html>`,
			want: Page{
				Text:        "Story text.\nMore story.",
				Boilerplate: []string{"Home World", "Politics", "Sport", "Email", "Related: other story", "© 2024 Example"},
			},
		},
		{
			name: "largest article wins, the rest is boilerplate",
			body: `<body><div>Site intro</div>
<article><h2>Teaser</h2><p>Short.</p></article>
<article><header><h1>Headline</h1><p>By A Writer</p></header><p>The real story, which is a good deal longer than the teaser.</p><p>Second paragraph.</p><footer>Tags: x</footer></article>
<div>Below the fold</div></body>`,
			want: Page{
				Text:        "The real story, which is a good deal longer than the teaser.\nSecond paragraph.",
				Boilerplate: []string{"Site intro", "Teaser", "Short.", "Headline", "By A Writer", "Tags: x", "Below the fold"},
			},
		},
		{
			name: "a teaser article is passed over",
			body: "<body><main><p>" + strings.Repeat("Long main text. ", 40) + "</p><article><p>Teaser.</p></article></main></body>",
			want: Page{
				Text: strings.TrimSpace(strings.Repeat("Long main text. ", 40)) + "\nTeaser.",
			},
		},
		{
			name: "main when no article",
			body: "<body><div>Menu stuff</div><main><p>Main text.</p></main><div>Sidebar</div></body>",
			want: Page{Text: "Main text.", Boilerplate: []string{"Menu stuff", "Sidebar"}},
		},
		{
			name: "metadata from meta tags",
			body: `<!doctype html><html lang="en-GB"><head><title>Page title | Site</title>
<meta property="og:title" content="OG title"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-01T11:20:30+01:00">
<meta name="author" content="Jane Doe"><meta property="article:author" content="https://facebook.com/jane">
<link rel="alternate canonical" href="/news/story-1"><meta property="og:url" content="https://example.com/og">
</head><body><p>Text.</p><time datetime="2020-01-01">old</time></body></html>`,
			url: "https://www.example.com/news/story-1?utm=x",
			want: Page{
				Text: "Text.\nold", Title: "OG title", Byline: "Jane Doe", Outlet: "Example News",
				URL: "https://www.example.com/news/story-1", Language: "en-GB",
				Published: time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC),
			},
		},
		{
			name: "metadata fallbacks",
			body: `<html><head><title>
  Plain   title </title><meta property="og:url" content="https://www.bbc.co.uk/news/x"></head>
<body><p>Text <time datetime="2024-03-01">1 March</time>.</p></body></html>`,
			want: Page{
				Text: "Text 1 March.", Title: "Plain title", Outlet: "bbc.co.uk", URL: "https://www.bbc.co.uk/news/x",
				Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			},
		},
		{
			name: "outlet from the page URL",
			body: "<p>Text.</p>",
			url:  "http://news.example.co.jp:8080/a",
			want: Page{Text: "Text.", Outlet: "example.co.jp", URL: "http://news.example.co.jp:8080/a"},
		},
		{
			name: "microdata date",
			body: `<body><span itemprop="datePublished" content="2024-03-01T10:20:30Z"></span><p>Text.</p><time datetime="2020-01-01">x</time></body>`,
			want: Page{Text: "Text.\nx", Published: time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC)},
		},
		{
			name: "JSON-LD",
			body: `<head><script type="application/ld+json"></script><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
{"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2024-03-01T10:20:30Z","author":[{"@type":"Person","name":"Ann"},{"name":"Bob"}]}]}</script>
<script type="application/ld+json">{not json</script></head><body><p>Text.</p></body>`,
			want: Page{Text: "Text.", Title: "LD headline", Byline: "Ann, Bob", Published: time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC)},
		},
		{
			name: "tables and inline elements",
			body: "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td><span>d</span><em>e</em></td></tr></table>",
			want: Page{Text: "a\nb\nc\nde"},
		},
		{
			name: "unclosed boilerplate closed by its parent",
			body: "<body><div><nav>Menu<div>More menu</div></div><p>Story.</p></body>",
			want: Page{Text: "Story.", Boilerplate: []string{"Menu", "More menu"}},
		},
		{
			name: "unclosed paragraphs and stray end tags",
			body: "<p>One<p>Two</span></div><li>Three</p></br>Four",
			want: Page{Text: "One\nTwo\nThree\nFour"},
		},
		{
			name: "self-closing script still hides its text",
			body: "<p>A</p><script/>var s = 1;</script><p>B</p>",
			want: Page{Text: "A\nB"},
		},
		{
			name: "unknown and custom elements",
			body: "<my-widget>Custom <x-b>text</x-b></my-widget><P>Upper</P>",
			want: Page{Text: "Custom text\nUpper"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML([]byte(tt.body), tt.contentType, tt.url)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Extractor = Extractor
			if diff := cmp.Diff(&tt.want, got, cmpopts.EquateEmpty(), cmpopts.IgnoreFields(Page{}, "Sources")); diff != "" {
				t.Errorf("HTML (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	const want = "\u201cCaf\u00e9\u201d \u2014 na\u00efve"
	tests := []struct {
		name        string
		body        string
		contentType string
	}{
		{"default windows-1252", "<p>\x93Caf\xe9\x94 \x97 na\xefve</p>", ""},
		{"meta iso-8859-1 means windows-1252", "<meta charset=iso-8859-1><p>\x93Caf\xe9\x94 \x97 na\xefve</p>", ""},
		{"meta http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>` + "\x93Caf\xe9\x94 \x97 na\xefve</p>", ""},
		{"header beats meta", "<meta charset=utf-8><p>\x93Caf\xe9\x94 \x97 na\xefve</p>", "text/html; charset=windows-1252"},
		{"utf-8 body beats a wrong meta", "<meta charset=windows-1252><p>" + want + "</p>", ""},
		{"utf-8 with BOM", "\xef\xbb\xbf<p>" + want + "</p>", ""},
		{"utf-8 after a long ascii head", "<head>" + strings.Repeat("<!-- padding -->", 100) + "</head><p>" + want + "</p>", ""},
		{"utf-16le with BOM", utf16le("\ufeff<p>" + want + "</p>"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML([]byte(tt.body), tt.contentType, "")
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != want {
				t.Errorf("Text = %q, want %q", got.Text, want)
			}
		})
	}

	t.Run("shift_jis from the header", func(t *testing.T) {
		got, err := HTML([]byte("<p>\x93\xfa\x96\x7b</p>"), "text/html; charset=Shift_JIS", "")
		if err != nil || got.Text != "日本" {
			t.Errorf("HTML = %q, %v; want 日本", got.Text, err)
		}
	})
}

func utf16le(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestHTMLNoText(t *testing.T) {
	for _, body := range []string{"", "<html><head><title>Only a title</title></head><body> \n </body></html>", "<script>x()</script><nav>Menu</nav>", "\x00\x00"} {
		_, err := HTML([]byte(body), "", "")
		if !errors.Is(err, article.ErrInvalid) {
			t.Errorf("HTML(%q) error = %v, want ErrInvalid", body, err)
		}
	}
}

// Deep nesting and unclosed tags must cost linear time: a tree builder
// would recurse or go quadratic here.
func TestHTMLPathological(t *testing.T) {
	const n = 200000
	tests := map[string]string{
		"deep divs":                 strings.Repeat("<div>", n) + "deep" + strings.Repeat("</div>", n),
		"unclosed spans":            strings.Repeat("<span>x", n),
		"unclosed b, many end tags": strings.Repeat("<b>", n) + "y" + strings.Repeat("</i>", n),
		"nested articles":           strings.Repeat("<article>", n) + "z",
		"stray end tags":            strings.Repeat("</div></p></article>", n) + "w",
		"many attributes":           "<p " + strings.Repeat("a=b ", n) + ">v</p>",
		"unclosed script":           "<p>u</p><script>" + strings.Repeat("x", n),
		"unclosed comment":          "<p>t</p><!--" + strings.Repeat("x", n),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			p, err := HTML([]byte(body), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Text == "" || len(p.Text) > len(body) {
				t.Errorf("Text = %.40q", p.Text)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestHTMLTextShape(t *testing.T) {
	p, err := HTML([]byte("<p>\xff bad \xfe bytes</p><p> a\u00a0\u2003b </p>"), "text/html; charset=utf-8", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "\ufffd bad \ufffd bytes\na b"; p.Text != want {
		t.Errorf("Text = %q, want %q", p.Text, want)
	}
	if !utf8.ValidString(p.Text) {
		t.Error("Text is not valid UTF-8")
	}
}
