package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/synth"
)

func openStore(t testing.TB) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestBuild(t *testing.T) {
	pub := time.Date(2024, 3, 1, 9, 0, 0, 0, time.FixedZone("x", 3600))
	tests := []struct {
		name string
		rec  source.Record
		want article.Article
	}{
		{
			name: "plain text keeps typographic marks",
			rec:  source.Record{Origin: "a.txt", Format: article.FormatText, Body: []byte("  “Yes,” she said — twice…\r\n\r\nNext  paragraph.\n")},
			want: article.Article{Source: "a.txt", Format: article.FormatText, Extractor: TextExtractor,
				Text: "“Yes,” she said — twice…\nNext paragraph."},
		},
		{
			name: "input metadata wins over the page's; outlet from the URL",
			rec: source.Record{Origin: "x.jsonl#L1", Format: article.FormatJSON, HTML: true, URL: "https://news.example.co.uk/a/1",
				Title: "Stated title", Published: pub,
				Body: []byte(`<html><head><title>Page title</title></head><body><article><p>Body text of the page.</p></article></body></html>`)},
			want: article.Article{Source: "x.jsonl#L1", Format: article.FormatJSON, URL: "https://news.example.co.uk/a/1",
				Title: "Stated title", Outlet: "example.co.uk", Published: pub.UTC(), Text: "Body text of the page."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, raw, _, err := Build(&tt.rec)
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.want.Text || a.Title != tt.want.Title || a.Outlet != tt.want.Outlet ||
				!a.Published.Equal(tt.want.Published) || a.Published.Location() != time.UTC || a.Source != tt.want.Source ||
				a.URL != tt.want.URL || a.Format != tt.want.Format {
				t.Fatalf("got %+v\nwant %+v", a, tt.want)
			}
			if tt.want.Extractor != "" && a.Extractor != tt.want.Extractor || a.Extractor == "" {
				t.Errorf("extractor %q", a.Extractor)
			}
			if a.ID != article.HashText(a.Text) || len(a.ID) != 64 {
				t.Errorf("ID %q is not the text hash", a.ID)
			}
			if tt.rec.HTML && (a.Provenance["title"] != "input" || a.Provenance["outlet"] != "domain" || a.Provenance["published"] != "input") {
				t.Errorf("provenance %v", a.Provenance)
			}
			if !tt.rec.HTML && a.Provenance != nil {
				t.Errorf("plain text with no metadata has provenance %v", a.Provenance)
			}
			if raw == nil || string(raw.Data) != string(tt.rec.Body) {
				t.Errorf("raw input not kept")
			}
		})
	}
}

func TestBuildRejects(t *testing.T) {
	for name, rec := range map[string]source.Record{
		"whitespace only": {Body: []byte(" \n\t\n ")},
		"binary":          {Body: []byte("ab\x00\x00\x01cd")},
		"empty page":      {HTML: true, Body: []byte("<html><body><script>x()</script></body></html>")},
	} {
		if _, _, _, err := Build(&rec); !errors.Is(err, article.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.bbc.co.uk/news/x": "bbc.co.uk",
		"http://edition.cnn.com":       "cnn.com",
		"reuters.com/world":            "reuters.com",
		"https://localhost:8080/a":     "localhost",
		"":                             "",
		"::not a url":                  "",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunOrderDuplicatesAndFailures(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := range 200 {
		txt := "Article number " + strings.Repeat("x", i%7) + " " + string(rune('A'+i%26)) + " " + itoa(i) + "."
		if i%50 == 49 {
			lines = append(lines, "{broken json")
			continue
		}
		b, _ := json.Marshal(map[string]string{"text": txt})
		lines = append(lines, string(b))
	}
	lines = append(lines, lines[0]) // a duplicate at the end
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	var events []Event
	sum, err := Run(context.Background(), st, []string{dir}, Options{Workers: 4, Events: func(e Event) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 196 || sum.Failed != 4 || sum.Duplicates != 1 {
		t.Fatalf("summary %+v", sum)
	}
	// Events come in input order, and sequence numbers follow it.
	var last int64
	for i, e := range events {
		want := "a.jsonl#L" + itoa(i+1)
		if !strings.HasSuffix(e.Origin, want) && !(e.Kind == Failed && strings.Contains(e.Err.Error(), "line "+itoa(i+1))) {
			t.Fatalf("event %d: origin %q kind %d err %v", i, e.Origin, e.Kind, e.Err)
		}
		if e.Kind == Stored {
			if e.Article.Seq <= last {
				t.Fatalf("seq %d after %d", e.Article.Seq, last)
			}
			last = e.Article.Seq
		}
	}
}

func itoa(i int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

// failingStore fails every Put, as a full disk would.
type failingStore struct{ store.Store }

func (failingStore) Put(context.Context, *article.Article, *article.Raw) (bool, error) {
	return false, errors.New("disk full")
}

func (failingStore) PutBatch(context.Context, []store.Item) ([]bool, error) {
	return nil, errors.New("disk full")
}

func TestRunStopsOnStoreFailure(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, filepath.Join(dir, "a.jsonl"), 500)
	sum, err := Run(context.Background(), failingStore{openStore(t)}, []string{dir}, Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") || sum.Stored != 0 {
		t.Fatalf("sum %+v err %v", sum, err)
	}
}

func TestRunCancelled(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, filepath.Join(dir, "a.jsonl"), 2000)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Run(ctx, openStore(t), []string{dir}, Options{Events: func(Event) {
		if n++; n == 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// writeCorpus writes n synthetic articles as JSON lines and returns the
// bytes of text written.
func writeCorpus(t testing.TB, path string, n int) int64 {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	g := synth.New(1)
	var size int64
	for range n {
		a := g.Next()
		size += int64(len(a.Text))
		if err := enc.Encode(map[string]any{"url": a.URL, "title": a.Title, "outlet": a.Outlet, "published": a.Published, "text": a.Text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return size
}

func TestBadDatesDoNotStopTheRun(t *testing.T) {
	dir := t.TempDir()
	in := `{"text":"Hello world. A story.","published":-99999999999}
{"text":"Another story here. Yes."}
{"text":"A third one.","published":"0000-06-01"}
`
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	var warnings int
	sum, err := Run(context.Background(), openStore(t), []string{dir}, Options{Events: func(e Event) {
		if e.Kind == Warning {
			warnings++
		}
	}})
	if err != nil || sum.Stored != 3 || warnings < 1 {
		t.Fatalf("sum %+v warnings %d err %v", sum, warnings, err)
	}
}

// refusingStore refuses one article as invalid, as a store with stricter
// rules than Build's might.
type refusingStore struct {
	store.Store
	bad string
}

func (s refusingStore) PutBatch(ctx context.Context, items []store.Item) ([]bool, error) {
	for _, it := range items {
		if it.Article.Text == s.bad {
			return nil, fmt.Errorf("refused: %w", article.ErrInvalid)
		}
	}
	return s.Store.PutBatch(ctx, items)
}

func (s refusingStore) Put(ctx context.Context, a *article.Article, raw *article.Raw) (bool, error) {
	if a.Text == s.bad {
		return false, fmt.Errorf("refused: %w", article.ErrInvalid)
	}
	return s.Store.Put(ctx, a, raw)
}

func TestRefusedArticleFailsAlone(t *testing.T) {
	dir := t.TempDir()
	in := "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n{\"text\":\"Three.\"}\n"
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), refusingStore{openStore(t), "Two."}, []string{dir}, Options{Workers: 1})
	if err != nil || sum.Stored != 2 || sum.Failed != 1 {
		t.Fatalf("sum %+v err %v", sum, err)
	}
}

func TestBuildSanitizesMetadata(t *testing.T) {
	a, _, _, err := Build(&source.Record{Origin: "x", Body: []byte("Text."), Outlet: "x\x1b[1mbold", Title: "Two\nlines\x07",
		URL: "https://e.example/a\x1b[0m", Language: "en\x00"})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{a.Outlet, a.Title, a.URL, a.Language} {
		for _, r := range v {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("control character %U left in %q", r, v)
			}
		}
	}
	if a.Title != "Two lines" {
		t.Fatalf("title %q", a.Title)
	}
}

// Lines that recur on many pages of one outlet are furniture: once the
// outlet has enough pages, they move to the boilerplate.
func TestRunDropsLinesRepeatedAcrossAnOutlet(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 12 {
		rec := map[string]string{"outlet": "daily.example", "text": "Weekly digest from our newsroom desk\n" +
			"Story number " + itoa(i) + " tells of a council vote on the harbour budget, item " + itoa(i*7) + ".\n" +
			"The mayor said the plan would be revised by spring " + itoa(2000+i) + "."}
		j, _ := json.Marshal(rec)
		b.Write(j)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stored []*article.Article
	_, err := Run(context.Background(), openStore(t), []string{dir}, Options{Events: func(e Event) {
		if e.Kind == Stored {
			stored = append(stored, e.Article)
		}
	}})
	if err != nil || len(stored) != 12 {
		t.Fatalf("%d stored, %v", len(stored), err)
	}
	first, last := stored[0], stored[11]
	if !strings.Contains(first.Text, "Weekly digest") {
		t.Fatalf("first page lost the line before any evidence: %q", first.Text)
	}
	if strings.Contains(last.Text, "Weekly digest") || len(last.Boilerplate) == 0 {
		t.Fatalf("last page kept the repeated line: %q", last.Text)
	}
	if last.ID == article.HashText(last.Text) {
		t.Fatal("ID must stay the hash of the article's own text, for idempotency")
	}
}

// The same file ingested again from another working directory is the same
// source: the article keeps one source, not one per spelling of the path.
func TestRunSameFileFromAnotherDirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("The council met on Monday and voted."), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	var id string
	for _, c := range []struct{ cwd, path string }{{dir, "a.txt"}, {sub, "../a.txt"}, {sub, ".."}} {
		t.Chdir(c.cwd)
		sum, err := Run(context.Background(), st, []string{c.path}, Options{Events: func(e Event) {
			if e.Article != nil {
				id = e.Article.ID
			}
		}})
		if err != nil || sum.Stored+sum.Duplicates != 1 {
			t.Fatalf("%s from %s: %+v, %v", c.path, c.cwd, sum, err)
		}
	}
	srcs, err := st.Sources(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "a.txt")}; !slicesEqual(srcs, want) {
		t.Errorf("sources %q, want %q", srcs, want)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// Failure messages say "parallax:" once (the command line adds it) and
// give positions one way, "path: line N" or "path: record N", with the path
// as given, whether the reader or the builder found the problem.
func TestRunErrorMessages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl": `{"text":"The council met on Monday."}` + "\n" + `{"html":"<html><body></body></html>"}` + "\n" +
			`{"text":"\u0000\u0001\u0002"}` + "\n" + `{"title":"no body"}` + "\n",
		"b.json": `[{"text":"Rain is due on Friday."},{"html":"<p></p>"}]`,
		"c.html": `<html><body><script>x()</script></body></html>`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var got []string
	_, err := Run(context.Background(), openStore(t), []string{"a.jsonl", "b.json", "c.html"}, Options{Events: func(e Event) {
		if e.Kind == Failed {
			got = append(got, e.Err.Error())
			if !errors.Is(e.Err, article.ErrInvalid) {
				t.Errorf("%v: not ErrInvalid", e.Err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.jsonl: line 2: extract html: no main text",
		"a.jsonl: line 3: text: normalize: binary data, not text",
		"a.jsonl: line 4: no text or html field",
		"b.json: record 2: extract html: no main text",
		"c.html: extract html: no main text",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
}

// TestHeadline checks which first lines of a plain text name the article.
func TestHeadline(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Port Reopens After Three-Week Strike\nThe harbour reopened on Monday.", "Port Reopens After Three-Week Strike"},
		{"  Port reopens after strike  \n\nThe harbour reopened.", "Port reopens after strike"},
		{"The harbour reopened on Monday after a strike.\nUnions agreed.", ""}, // a sentence
		{"Port reopens after strike", ""},                             // no body
		{"Update:\nThe harbour reopened.", ""},                        // a lead-in, one word
		{"Port\nThe harbour reopened.", ""},                           // too short
		{"port reopens after strike\nThe harbour reopened.", ""},      // no capital
		{strings.Repeat("Word ", 25) + "\nThe harbour reopened.", ""}, // too long
		{"“We will not give up,” says union leader\nThe harbour reopened.", "“We will not give up,” says union leader"},
	} {
		if got := headline(c.text); got != c.want {
			t.Errorf("headline(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
