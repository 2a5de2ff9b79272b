package polnear

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
)

// sharedPolNeAR locates the shared PolNeAR copy relative to this package.
func sharedPolNeAR(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", "polnear")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("PolNeAR not available: %v", err)
	}
	return dir
}

func TestParse(t *testing.T) {
	// "é" is two bytes, so character offsets after it differ from byte
	// offsets; T5's text field crosses a line break and T9 has two fragments.
	const text = "Café owner Ann said “we win,” and she added\nthat it was so."
	const ann = "T1\tSource 11 14\tAnn\n" +
		"T2\tCue 15 19\tsaid\n" +
		"T3\tContent 20 29\t“we win,”\n" +
		"T4\tAttribution 15 19\tsaid\n" +
		"E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n" +
		"#1\tAnnotatorNotes T3\ta note\n" +
		"T5\tContent 38 48\tadded\nthat\n" +
		"T9\tContent 49 51;52 55\tit was\n" +
		"T6\tCue 38 43\tadded\n" +
		"T7\tAttribution-no-source 38 43\tadded\n" +
		"T8\tDiscuss 0 4\tCafé\n" +
		"E2\tAttribution-no-source:T7 Cue:T6 Content:T5 Content2:T9\n"
	got, err := Parse(strings.NewReader(ann), text)
	if err != nil {
		t.Fatal(err)
	}
	sp := func(s, e int) []article.Span { return []article.Span{{Start: s, End: e}} }
	want := []Attribution{
		{ID: "E1", Cue: sp(16, 20), Source: sp(12, 15), Content: sp(21, 34), Anchor: sp(16, 20), Kind: Direct},
		{ID: "E2", Cue: sp(43, 48), Content: []article.Span{{Start: 43, End: 53}, {Start: 54, End: 56}, {Start: 57, End: 60}}, Anchor: sp(43, 48), NoSource: true, Kind: Reported},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Parse (-want +got):\n%s", d)
	}
	for _, c := range []struct {
		span article.Span
		want string
	}{{got[0].Source[0], "Ann"}, {got[0].Content[0], "“we win,”"}, {got[1].Content[0], "added\nthat"}, {got[1].Content[2], "was"}} {
		if s := text[c.span.Start:c.span.End]; s != c.want {
			t.Errorf("text[%v] = %q, want %q", c.span, s, c.want)
		}
	}
}

func TestParseDamaged(t *testing.T) {
	const text = "Ann said yes."
	for _, c := range []struct{ name, ann, line string }{
		{"offsets past the end", "T1\tCue 4 99\tsaid\n", "line 1"},
		{"text field differs", "T1\tCue 4 8\tsays\n", "line 1"},
		{"bad offsets", "T1\tCue x 8\tsaid\n", "line 1"},
		{"unknown T", "T1\tCue 4 8\tsaid\nE1\tCue:T9\n", "line 2"},
		{"unknown role", "T1\tCue 4 8\tsaid\nE1\tSpeaker:T1\n", "line 2"},
		{"stray line", "junk\n", "line 1"},
		{"duplicate id", "T1\tCue 4 8\tsaid\nT1\tCue 4 8\tsaid\n", "line 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.ann), text)
			if !errors.Is(err, article.ErrCorrupt) || !strings.Contains(err.Error(), c.line) {
				t.Fatalf("err = %v, want ErrCorrupt at %s", err, c.line)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"“We will win,”", Direct},
		{"\"We will win.\"", Direct},
		{"the plan was “a disaster” for voters", Partial},
		{"“a disaster” for voters", Partial},
		{"it wasn't over", Reported},
	} {
		if got := KindOf(c.text, []article.Span{{Start: 0, End: len(c.text)}}); got != c.want {
			t.Errorf("KindOf(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}

// TestReadTest checks the reader against the counts PROVENANCE.md gives
// for the shared test split: 59 articles, 69 .ann files, 1588 relations.
func TestReadTest(t *testing.T) {
	root := sharedPolNeAR(t)
	docs, err := Read(root, Test)
	if err != nil {
		t.Fatal(err)
	}
	files, rels, multi := 0, 0, 0
	for _, d := range docs {
		files += 1 + len(d.Others)
		rels += len(d.Attributions)
		for id, as := range d.Others {
			rels += len(as)
			if id <= d.Annotator {
				t.Errorf("%s: scored annotator %s is not the lowest (%s)", d.ID, d.Annotator, id)
			}
		}
		if len(d.Others) > 0 {
			multi++
		}
		if d.Publisher == "" {
			t.Errorf("%s: no publisher", d.ID)
		}
		for _, a := range d.Attributions {
			for _, s := range append(append(append([]article.Span{}, a.Cue...), a.Source...), a.Content...) {
				if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
					t.Fatalf("%s %s: span %v outside the text", d.ID, a.ID, s)
				}
			}
		}
	}
	if len(docs) != 59 || files != 69 || rels != 1588 || multi != 2 {
		t.Errorf("got %d articles, %d files, %d relations, %d multi-annotator; want 59, 69, 1588, 2", len(docs), files, rels, multi)
	}
	// The first relation of the first article, as PROVENANCE.md shows it.
	d := docs[0]
	a := d.Attributions[0]
	for _, c := range []struct {
		spans []article.Span
		want  string
	}{{a.Source, "Washington Post"}, {a.Cue, "backs"}, {a.Content, "Hillary Clinton for president"}} {
		if len(c.spans) != 1 || d.Text[c.spans[0].Start:c.spans[0].End] != c.want {
			t.Errorf("%s %s: got %v, want %q", d.ID, a.ID, c.spans, c.want)
		}
	}
}

// TestReadAll reads train and dev, which the extractor is developed on,
// and checks that every split parses and that gold scores perfectly
// against itself.
func TestReadAll(t *testing.T) {
	root := sharedPolNeAR(t)
	for _, split := range []string{Train, Dev, Test} {
		docs, err := Read(root, split)
		if err != nil {
			t.Fatal(err)
		}
		var c Counts
		for _, d := range docs {
			c = c.Add(Score(d.Text, d.Attributions, d.Attributions))
		}
		m := c.Metrics()
		t.Logf("%s: %d articles, %d attributions", split, len(docs), c.Gold)
		for _, k := range []string{"cue_f1", "source_f1", "content_f1", "all_f1", "content_f1_overlap"} {
			if m[k] < 0.99 {
				t.Errorf("%s: gold against itself: %s = %.4f, want ~1", split, k, m[k])
			}
		}
	}
	if _, err := Read(root, "holdout"); !errors.Is(err, article.ErrInvalid) {
		t.Errorf("Read(holdout) err = %v, want ErrInvalid", err)
	}
}
