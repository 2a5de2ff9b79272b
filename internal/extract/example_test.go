package extract_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/extract"
)

func ExampleHTML() {
	page := []byte(`<html lang="en"><head><title>Talks resume</title>
<meta property="article:published_time" content="2024-03-01T09:30:00Z"></head>
<body><nav>Home | World</nav><article><h1>Talks resume</h1>
<p>Negotiators met again on Friday.</p><p>A deal is   not expected soon.</p></article></body></html>`)
	p, err := extract.HTML(page, "text/html; charset=utf-8", "https://news.example.co.uk/world/talks")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %s | %s | %s\n", p.Title, p.Outlet, p.Published.Format("2006-01-02"), p.Extractor)
	fmt.Println(p.Text)
	fmt.Printf("%q\n", p.Boilerplate)
	// Output:
	// Talks resume | example.co.uk | 2024-03-01 | parallax/1
	// Negotiators met again on Friday.
	// A deal is not expected soon.
	// ["Home | World" "Talks resume"]
}
