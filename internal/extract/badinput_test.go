package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// storyPara is a paragraph long enough to count as article text.
const storyPara = "<p>The council voted on Tuesday to close the bridge for repairs, which engineers say will take until the spring, and to open a ferry in the meantime.</p>"

// TestBadInput feeds hostile and broken pages: each must finish in bounded
// time with either an article or an ErrInvalid "no main text", never a
// panic or an empty article.
func TestBadInput(t *testing.T) {
	big := func() string {
		var b strings.Builder
		b.WriteString("<html><body><nav>")
		for b.Len() < 10<<20 {
			b.WriteString(`<a href="/x">Section link</a> `)
		}
		b.WriteString("</nav><article>")
		for b.Len() < 50<<20 {
			b.WriteString(storyPara)
		}
		b.WriteString("</article></body></html>")
		return b.String()
	}()
	tests := []struct {
		name     string
		body     string
		ctype    string
		wantText string // a substring of Text; "" means ErrInvalid is expected
		limit    time.Duration
	}{
		{"100k nested divs", strings.Repeat("<div>", 100000) + storyPara + strings.Repeat("</div>", 100000), "", "council voted", 5 * time.Second},
		{"100k nested unclosed spans", strings.Repeat("<span>", 100000) + storyPara, "", "council voted", 5 * time.Second},
		{"100k nested tables", strings.Repeat("<table><tr><td>", 30000) + storyPara, "", "council voted", 5 * time.Second},
		{"unclosed tags", "<html><body><div><article><p>The council voted on Tuesday to close the bridge for repairs, which engineers say will take until spring<p>and a ferry will run<div><b><i>in the meantime", "", "ferry will run", time.Second},
		{"50 MB page", big, "", "council voted", 60 * time.Second},
		{"script-only page", "<html><head><script>" + strings.Repeat("var x = '<p>not text</p>';", 10000) + "</script></head><body><script>render()</script></body></html>", "", "", time.Second},
		{"no article: empty body", "<html><head><title>Nothing here</title></head><body>   </body></html>", "", "", time.Second},
		{"no article: only furniture", "<html><body><nav><a href=/>Home</a></nav><footer>© 2024</footer></body></html>", "", "", time.Second},
		{"mis-declared latin-1, really UTF-8", `<meta charset="iso-8859-1"><p>Caf` + "\u00e9 cr\u00e8me \u2014 na\u00efve r\u00e9sum\u00e9 of the council\u2019s vote on the bridge, which closes for repairs.</p>", "", "Café crème — naïve", time.Second},
		{"header says UTF-8, body is windows-1252", "<p>Caf\xe9 \x93quoted\x94 and the council voted on Tuesday to close the bridge for repairs.</p>", "text/html; charset=utf-8", "Caf\ufffd", time.Second},
		{"mixed encodings: UTF-8 then latin-1 bytes", "<p>Caf\u00e9 then caf\xe9: the council voted on Tuesday to close the bridge for repairs until spring.</p>", "", "caf", time.Second},
		{"NUL bytes and control characters", "<p>\x00The council\x01 voted on Tuesday\x00 to close the bridge for repairs until the spring.</p>", "", "council", time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			p, err := HTML([]byte(tt.body), tt.ctype, "")
			if d := time.Since(start); d > tt.limit*slowdown {
				t.Errorf("took %v, want under %v", d, tt.limit*slowdown)
			}
			if tt.wantText == "" {
				if !errors.Is(err, article.ErrInvalid) || !strings.Contains(err.Error(), "no main text") {
					t.Fatalf("err = %v, want ErrInvalid no main text", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, tt.wantText) {
				t.Errorf("Text %.80q does not contain %q", p.Text, tt.wantText)
			}
		})
	}
}

// TestBadInputLinear checks that doubling a pathological page at most
// roughly doubles the time: no quadratic path hides in the extractor.
func TestBadInputLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for name, unit := range map[string]string{
		"nested divs":   "<div>",
		"unclosed p":    "<p>word ",
		"nested b":      "<b>",
		"link lists":    `<li><a href="/x">link</a></li>`,
		"long sentence": "word, ",
	} {
		t.Run(name, func(t *testing.T) {
			run := func(n int) time.Duration {
				body := []byte(strings.Repeat(unit, n) + storyPara)
				best := time.Hour
				for range 3 {
					start := time.Now()
					HTML(bytes.Clone(body), "", "")
					best = min(best, time.Since(start))
				}
				return best
			}
			small, large := run(20000), run(80000)
			if large > 12*small+50*time.Millisecond {
				t.Errorf("4x input took %v vs %v: superlinear", large, small)
			}
		})
	}
}
