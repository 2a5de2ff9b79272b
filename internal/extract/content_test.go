package extract

import (
	"strings"
	"testing"
)

// sentence is article prose long enough to score.
const sentence = "The council voted on Tuesday to close the bridge for repairs, which engineers say will take until the spring, and to run a ferry in the meantime."

// TestContent checks the main-text choices of the tree extractor: each case
// names text that must be in Text and text that must not.
func TestContent(t *testing.T) {
	story := strings.Repeat("<p>"+sentence+"</p>", 5)
	tests := []struct {
		name      string
		body      string
		want, not []string
	}{
		{
			name: "standfirst between headline and body is kept, caption is not",
			body: `<head><title>Bridge to close | Town Crier</title></head><body><header><h1>Bridge to close</h1><p class="dek">Engineers say the crossing, built in 1902, is no longer safe for the heavy lorries that use it every day.</p></header>
<figure><img src=x><figcaption>The bridge at dusk, seen from the quay on Monday evening. Photo by a staff photographer.</figcaption></figure><div class="body">` + story + `</div></body>`,
			want: []string{"built in 1902", sentence},
			not:  []string{"The bridge at dusk", "Bridge to close"},
		},
		{
			name: "furniture phrases at the tail go to Boilerplate",
			body: `<article>` + story + `<p>Follow us on Twitter for more local news.</p><p>Subscribe to our newsletter.</p></article>`,
			want: []string{sentence},
			not:  []string{"Follow us", "Subscribe"},
		},
		{
			name: "screen-reader and hover-card text is dropped",
			body: `<article>` + story + `<p>The mayor <span class="rollover-people">Jane Roe<span class="rollover-block">Jane Roe: biography card, with her latest stories and a photograph</span></span> agreed.<span class="sr-only">opens in a new window</span></p></article>`,
			want: []string{sentence, "The mayor Jane Roe agreed."},
			not:  []string{"biography card", "new window"},
		},
		{
			name: "text in custom elements is found",
			body: `<body><nav>` + strings.Repeat(`<a href="/s">Section</a>`, 30) + `</nav><app-root><x-page><x-body>` + story + `</x-body></x-page></app-root></body>`,
			want: []string{sentence},
			not:  []string{"Section"},
		},
		{
			name: "loose text broken by br is an article",
			body: `<body><div class="sidebar"><a href="/a">Other story one</a><a href="/b">Other story two</a></div><div class="post-body">` + strings.Repeat(sentence+"<br><br>", 5) + `</div></body>`,
			want: []string{sentence},
			not:  []string{"Other story"},
		},
		{
			name: "an article split between ads is joined",
			body: `<body><div class="wrap"><div><div class="textflow">` + story + `</div><div class="ad">Advertisement</div></div><div><div class="textflow"><p>The ferry will carry up to forty passengers, the council said, and will run every twenty minutes.</p></div></div></div><aside>` + strings.Repeat(`<a href="/r">Related headline</a>`, 10) + `</aside></body>`,
			want: []string{sentence, "The ferry will carry"},
			not:  []string{"Related headline", "Advertisement"},
		},
		{
			name: "link lists and share bars inside the article go",
			body: `<article>` + story + `<ul class="share"><li><a href="/f">Facebook</a></li><li><a href="/t">Twitter</a></li></ul><div><a href="/1">More: one story</a> <a href="/2">another story</a> <a href="/3">a third story</a></div></article>`,
			want: []string{sentence},
			not:  []string{"Facebook", "another story"},
		},
		{
			name: "a page-wide form wrapping the article is not furniture",
			body: `<body><form action="/x"><div class="content">` + strings.Repeat(story, 3) + `</div></form></body>`,
			want: []string{sentence},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := HTML([]byte(tt.body), "", "")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Text, w) {
					t.Errorf("Text lacks %q:\n%s", w, p.Text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(p.Text, n) {
					t.Errorf("Text has %q:\n%s", n, p.Text)
				}
			}
		})
	}
}
