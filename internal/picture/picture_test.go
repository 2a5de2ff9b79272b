package picture

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/source"
)

func build(t testing.TB, texts map[string]string) []*article.Article {
	t.Helper()
	var arts []*article.Article
	for _, name := range []string{"a", "b", "c"} {
		body, ok := texts[name]
		if !ok {
			continue
		}
		a, _, _, err := ingest.Build(&source.Record{Origin: name + ".txt", Format: article.FormatText, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		a.Outlet = name + ".example"
		arts = append(arts, a)
	}
	return arts
}

// Two articles of one story quote one minister, by full name and by
// surname; a third article is another story. The picture puts the quotes
// under one speaker, and every renderer escapes the article text.
func TestBuild(t *testing.T) {
	arts := build(t, map[string]string{
		"a": "Flood defences fail in the river valley as storm hits the northern provinces.\n" +
			"“We will rebuild every dike before the winter,” Environment Minister Lena Hartmann told reporters on Monday in the flooded valley town.\n" +
			"Thousands of residents left their homes as the river rose above the dikes built after the last storm. <script>alert(1)</script>",
		"b": "Storm floods northern provinces; river valley dikes fail after heavy rain.\n" +
			"Hartmann said that the government would pay for the repairs of the river dikes in the northern provinces.\n" +
			"Residents of the valley town left their homes as the river rose above the dikes and the storm went on.",
		"c": "The central bank raised interest rates by half a point to fight inflation, its governor announced on Tuesday in the capital.",
	})
	p := Build(Analyze(arts))
	if p.Version != Version || p.Articles != 3 {
		t.Fatalf("version %q, %d articles", p.Version, p.Articles)
	}
	var storm *Story
	for i := range p.Stories {
		if len(p.Stories[i].Articles) == 2 {
			storm = &p.Stories[i]
		}
	}
	if storm == nil {
		t.Fatalf("no two-article story: %+v", p.Stories)
	}
	speakers := map[int]string{}
	for _, s := range p.Speakers {
		speakers[s.ID] = s.Name
	}
	var who []string
	for _, q := range storm.Quotes {
		if q.Speaker >= 0 {
			who = append(who, speakers[q.Speaker])
		}
		for _, c := range q.Content {
			if c.Text == "" || c.Start >= c.End {
				t.Errorf("quote content without text: %+v", q)
			}
		}
	}
	hartmann := 0
	for _, w := range who {
		if w == "Lena Hartmann" {
			hartmann++
		}
	}
	if hartmann < 2 {
		t.Errorf("want both articles' quotes under Lena Hartmann, got speakers %v", who)
	}

	for _, a := range storm.Articles {
		if a.Sourcing == nil || a.Sourcing.Counts.Words == 0 {
			t.Errorf("article %s has no sourcing scorecard", a.ID)
		}
	}
	// The first article's direct quote is in no other article of the story.
	uncorroborated := false
	for _, f := range storm.Findings {
		if f.Kind == "uncorroborated_quote" && f.Span != nil && strings.Contains(f.Span.Text, "rebuild every dike") {
			uncorroborated = true
		}
	}
	if !uncorroborated {
		t.Errorf("want the exclusive quote flagged uncorroborated; findings %+v", storm.Findings)
	}

	var md, html bytes.Buffer
	if err := p.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := p.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "**Lena Hartmann**") || !strings.Contains(md.String(), "rebuild every dike") {
		t.Errorf("markdown lacks the speaker or quote:\n%s", md.String())
	}
	if strings.Contains(html.String(), "<script>") || !strings.Contains(html.String(), "Lena Hartmann") {
		t.Errorf("html: unescaped text or missing speaker")
	}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil || back["version"] != Version {
		t.Errorf("json round trip: %v %v", err, back["version"])
	}
}

func TestEmpty(t *testing.T) {
	p := Build(nil)
	var b bytes.Buffer
	if err := p.WriteMarkdown(&b); err != nil || !strings.Contains(b.String(), "0 articles") {
		t.Errorf("%v %q", err, b.String())
	}
}

// TestContinuation checks that a statement going on after its
// attribution's sentence is its own quote in the picture, under the same
// speaker, and that the report says where it comes from.
func TestContinuation(t *testing.T) {
	arts := build(t, map[string]string{
		"a": "Flood defences fail in the river valley as storm hits the northern provinces.\n" +
			"“We will rebuild every dike before the winter,” said Lena Hartmann, the environment minister. “Nobody will be left without help.”\n",
	})
	p := Build(Analyze(arts))
	var first, next *Quote
	for _, s := range p.Stories {
		for i := range s.Quotes {
			q := &s.Quotes[i]
			switch {
			case strings.Contains(q.Text, "rebuild every dike"):
				first = q
			case strings.Contains(q.Text, "Nobody will be left"):
				next = q
			}
		}
	}
	if first == nil || next == nil {
		t.Fatalf("quotes not found: %+v", p.Stories)
	}
	if next.Continues != first.Index || next.Speaker != first.Speaker || first.Speaker < 0 {
		t.Errorf("second statement continues %d speaker %d, want %d and %d", next.Continues, next.Speaker, first.Index, first.Speaker)
	}
	var md bytes.Buffer
	if err := p.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "goes on from the quote before") {
		t.Errorf("report does not mark the continuation:\n%s", md.String())
	}
}

// TestWriteJSON: WriteJSON writes the bytes encoding/json's Encoder writes,
// for a picture with stories (HTML characters in its text included), for
// an empty one, and for one without stories or speakers.
func TestWriteJSON(t *testing.T) {
	arts := build(t, map[string]string{
		"a": "Flood defences fail in the river valley as storm hits the northern provinces.\n" +
			"“We will rebuild every dike before the winter,” Environment Minister Lena Hartmann told reporters on Monday <b>& more</b>.\n",
		"b": "Storm floods northern provinces; river valley dikes fail after heavy rain.\n" +
			"Hartmann said that the government would pay for the repairs of the river dikes in the northern provinces.\n",
		"c": "The central bank raised interest rates by half a point to fight inflation, its governor announced on Tuesday in the capital.",
	})
	for name, p := range map[string]*Picture{
		"stories": Build(Analyze(arts)),
		"empty":   Build(nil),
		"nil":     {Version: Version},
	} {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := json.NewEncoder(&want).Encode(p); err != nil {
				t.Fatal(err)
			}
			if err := p.WriteJSON(&got); err != nil {
				t.Fatal(err)
			}
			if name == "stories" && len(p.Stories) < 2 {
				t.Fatalf("%d stories, want at least 2", len(p.Stories))
			}
			if !bytes.Equal(want.Bytes(), got.Bytes()) {
				t.Errorf("WriteJSON differs from json.Encoder:\n got %s\nwant %s", got.Bytes(), want.Bytes())
			}
		})
	}
}

// BenchmarkWriteJSON writes a picture of many copies of a small story.
func BenchmarkWriteJSON(b *testing.B) {
	arts := build(b, map[string]string{
		"a": "Flood defences fail in the river valley as storm hits the northern provinces.\n" +
			"“We will rebuild every dike before the winter,” Environment Minister Lena Hartmann told reporters on Monday.\n",
		"b": "Storm floods northern provinces; river valley dikes fail after heavy rain.\n" +
			"Hartmann said that the government would pay for the repairs of the river dikes in the northern provinces.\n",
	})
	p := Build(Analyze(arts))
	for len(p.Stories) < 2000 {
		p.Stories = append(p.Stories, p.Stories...)
	}
	var n countWriter
	if err := p.WriteJSON(&n); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := p.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
