// Package storetest is the conformance suite for store.Store: one set of
// tests that every implementation (SQLite now, PostgreSQL later) runs
// against a real instance of itself, never a mock. An implementation's test
// calls Run with a Factory:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) (store.Store, func(*testing.T) store.Store) {
//			path := filepath.Join(t.TempDir(), "parallax.db")
//			open := func(t *testing.T) store.Store {
//				s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
//				if err != nil {
//					t.Fatal(err)
//				}
//				return s
//			}
//			return open(t), open
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
)

// Factory makes the stores the suite runs against. Each call returns a new,
// empty store, and reopen, which opens that same store again after the suite
// has closed it, as a new process would (for SQLite: Open on the same path).
//
// The suite closes every store it is given, so the factory must not; it
// removes whatever it created with t.TempDir or t.Cleanup. Subtests run in
// parallel, so the factory must be safe to call from several goroutines.
type Factory func(t *testing.T) (s store.Store, reopen func(t *testing.T) store.Store)

// Run runs the contract suite against the stores f makes.
//
// Beyond the store.Store documentation, the contract is:
//   - Put fails with article.ErrInvalid, storing nothing, for a nil article,
//     an ID that is not 64 lower-case hex digits, an empty Source, or Text or
//     Boilerplate that is not valid UTF-8.
//   - Times come back in UTC, equal as instants to those put, to at least
//     the microsecond. A nil or empty Boilerplate comes back nil.
//   - Get fails with article.ErrInvalid for an id that is not 4 to 64 hex
//     digits; Raw and Sources fail with article.ErrInvalid for an id that is
//     not a full ID, and with article.ErrNotFound for an unknown one.
//   - Stats maps are non-nil; RawBytes counts raw input before compression.
//   - Errors from a done context wrap ctx.Err(); once ctx is done, List yields
//     no further articles, only that error.
//   - After Close, methods fail without panicking.
func Run(t *testing.T, f Factory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, f Factory)
	}{
		{"RoundTrip", testRoundTrip},
		{"PutInvalid", testPutInvalid},
		{"Idempotent", testIdempotent},
		{"PutBatch", testPutBatch},
		{"GetPrefix", testGetPrefix},
		{"Raw", testRaw},
		{"Sources", testSources},
		{"List", testList},
		{"ListEarlyBreak", testListEarlyBreak},
		{"Stats", testStats},
		{"Concurrent", testConcurrent},
		{"Cancel", testCancel},
		{"Reopen", testReopen},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, f)
		})
	}
}

// open returns a new store from f that is closed when the test ends.
func open(t *testing.T, f Factory) (store.Store, func(t *testing.T) store.Store) {
	t.Helper()
	s, reopen := f(t)
	t.Cleanup(func() { s.Close() })
	return s, func(t *testing.T) store.Store {
		t.Helper()
		s := reopen(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
}

// newArticle returns an article with every field set, whose text and so ID
// are determined by text.
func newArticle(text, outlet string) *article.Article {
	return &article.Article{
		ID:         article.HashText(text),
		Source:     "https://" + outlet + ".example/news/" + article.Short(article.HashText(text)),
		URL:        "https://" + outlet + ".example/n/" + article.Short(article.HashText(text)),
		Outlet:     outlet,
		Title:      "Title of " + text,
		Byline:     "By A. Reporter",
		Published:  time.Date(2024, 3, 5, 14, 30, 15, 123456000, time.UTC),
		Modified:   time.Date(2024, 3, 6, 9, 0, 0, 0, time.FixedZone("CET", 3600)),
		Provenance: map[string]string{"published": "json-ld", "title": "input"},
		Language:   "en",
		Format:     article.FormatHTML,
		Extractor:  "storetest/1",
		Text:       text,
	}
}

// clone returns a deep copy of a, so what Put changes can be compared.
func clone(a *article.Article) *article.Article {
	c := *a
	c.Boilerplate = slices.Clone(a.Boilerplate)
	c.Provenance = maps.Clone(a.Provenance)
	return &c
}

// inUTC returns a copy of a as a store gives it back: times in UTC, empty
// Boilerplate nil.
func inUTC(a *article.Article) *article.Article {
	c := clone(a)
	if !c.Published.IsZero() {
		c.Published = c.Published.UTC()
	}
	if !c.Modified.IsZero() {
		c.Modified = c.Modified.UTC()
	}
	c.Ingested = c.Ingested.UTC()
	if len(c.Boilerplate) == 0 {
		c.Boilerplate = nil
	}
	return c
}

// listed returns a as List gives it without WithText.
func listed(a *article.Article) *article.Article {
	c := inUTC(a)
	c.Text, c.Boilerplate = "", nil
	return c
}

func put(t *testing.T, s store.Store, a *article.Article, raw *article.Raw) bool {
	t.Helper()
	created, err := s.Put(t.Context(), a, raw)
	if err != nil {
		t.Fatalf("Put(%s): %v", article.Short(a.ID), err)
	}
	return created
}

func get(t *testing.T, s store.Store, id string) *article.Article {
	t.Helper()
	a, err := s.Get(t.Context(), id)
	if err != nil {
		t.Fatalf("Get(%q): %v", id, err)
	}
	return a
}

func list(t *testing.T, s store.Store, q store.Query) []*article.Article {
	t.Helper()
	var as []*article.Article
	for a, err := range s.List(t.Context(), q) {
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		as = append(as, a)
	}
	return as
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// checkUTC fails the test unless every non-zero time in a is in UTC: cmp
// compares times as instants and would not notice.
func checkUTC(t *testing.T, a *article.Article) {
	t.Helper()
	if !a.Published.IsZero() && a.Published.Location() != time.UTC {
		t.Errorf("%s: Published %v not in UTC", article.Short(a.ID), a.Published)
	}
	if a.Ingested.Location() != time.UTC {
		t.Errorf("%s: Ingested %v not in UTC", article.Short(a.ID), a.Ingested)
	}
}

func wantErr(t *testing.T, what string, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("%s: error %v, want %v", what, err, kind)
	}
}

func testRoundTrip(t *testing.T, f Factory) {
	s, _ := open(t, f)
	kolkata := time.FixedZone("IST", 5*3600+1800)
	full := newArticle("The minister said: “We will not resign.” Critics called it ‘a farce’ — again.\n"+
		"Zoë Müller reported from Zürich; 東京 and Київ followed. «Fin» 🗞️", "example")
	full.Title = "Minister: “No resignation” — live"
	full.Byline = "Zoë Müller and 李雷"
	full.Published = time.Date(2024, 3, 5, 20, 0, 15, 123456000, kolkata)
	full.Boilerplate = []string{"Subscribe for £1 <today>", "© 2024 “Example” & Co", ""}
	full.Source = "/data/in/page 1.html#3"

	bare := &article.Article{ID: article.HashText("Bare text."), Source: "stdin", Text: "Bare text.", Format: article.FormatText}
	empty := &article.Article{ID: article.HashText(""), Source: "empty.txt", Boilerplate: []string{}}
	old := newArticle("Published long ago.", "archive")
	old.Published = time.Date(1851, 9, 18, 0, 0, 0, 0, time.UTC)

	var lastSeq int64
	for _, in := range []*article.Article{full, bare, empty, old} {
		t.Run(article.Short(in.ID), func(t *testing.T) {
			a := clone(in)
			before := time.Now()
			if !put(t, s, a, nil) {
				t.Error("Put of a new article: created = false")
			}
			after := time.Now()
			if a.Seq <= lastSeq {
				t.Errorf("Put set Seq %d, want > %d (the previous article's)", a.Seq, lastSeq)
			}
			lastSeq = a.Seq
			if a.Ingested.Before(before.Add(-time.Second)) || a.Ingested.After(after.Add(time.Second)) {
				t.Errorf("Put set Ingested %v, want between %v and %v", a.Ingested, before, after)
			}
			want := inUTC(in)
			want.Seq, want.Ingested = a.Seq, a.Ingested
			for _, id := range []string{in.ID, article.Short(in.ID)} {
				got := get(t, s, id)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Get(%q) (-want +got):\n%s", id, diff)
				}
				checkUTC(t, got)
				if want.Published.IsZero() != got.Published.IsZero() {
					t.Errorf("Get(%q).Published = %v, want %v", id, got.Published, want.Published)
				}
			}
		})
	}
}

func testPutInvalid(t *testing.T, f Factory) {
	s, _ := open(t, f)
	good := newArticle("A valid article.", "example")
	tests := []struct {
		name string
		edit func(a *article.Article) *article.Article
	}{
		{"nil", func(*article.Article) *article.Article { return nil }},
		{"empty ID", func(a *article.Article) *article.Article { a.ID = ""; return a }},
		{"short ID", func(a *article.Article) *article.Article { a.ID = a.ID[:12]; return a }},
		{"long ID", func(a *article.Article) *article.Article { a.ID += "0"; return a }},
		{"upper-case ID", func(a *article.Article) *article.Article { a.ID = strings.ToUpper(a.ID); return a }},
		{"non-hex ID", func(a *article.Article) *article.Article { a.ID = "g" + a.ID[1:]; return a }},
		{"empty source", func(a *article.Article) *article.Article { a.Source = ""; return a }},
		{"invalid UTF-8 text", func(a *article.Article) *article.Article {
			a.Text = "bad \xff byte"
			a.ID = article.HashText(a.Text)
			return a
		}},
		{"invalid UTF-8 boilerplate", func(a *article.Article) *article.Article {
			a.Boilerplate = []string{"ok", "bad \xc3"}
			return a
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, err := s.Put(t.Context(), tt.edit(clone(good)), nil)
			if created || !errors.Is(err, article.ErrInvalid) {
				t.Errorf("Put = %v, %v; want false, ErrInvalid", created, err)
			}
		})
	}
	if st := stats(t, s); st.Articles != 0 || st.Sources != 0 {
		t.Errorf("after invalid Puts, Stats has %d articles, %d sources; want 0, 0", st.Articles, st.Sources)
	}
	if !put(t, s, clone(good), nil) {
		t.Error("Put of a valid article after invalid ones: created = false")
	}
}

func testPutBatch(t *testing.T, f Factory) {
	s, reopen := open(t, f)
	if c, err := s.PutBatch(t.Context(), nil); err != nil || len(c) != 0 {
		t.Fatalf("empty batch: %v, %v", c, err)
	}
	old := newArticle("Stored before the batch.", "o")
	put(t, s, old, nil)

	a, b := newArticle("Batch article one.", "o"), newArticle("Batch article two.", "o")
	aAgain := clone(a)
	aAgain.Source = "https://elsewhere.example/a"
	oldAgain := clone(old)
	oldAgain.Source = "https://elsewhere.example/old"
	raw := &article.Raw{MediaType: "text/plain", Data: []byte("Batch article one.")}
	items := []store.Item{{Article: a, Raw: raw}, {Article: old}, {Article: b}, {Article: aAgain}, {Article: oldAgain}}
	created, err := s.PutBatch(t.Context(), items)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false, true, false, false}, created); diff != "" {
		t.Fatalf("created (-want +got):\n%s", diff)
	}
	if !(old.Seq < a.Seq && a.Seq < b.Seq) || aAgain.Seq != a.Seq || oldAgain.Seq != old.Seq || a.Ingested.IsZero() {
		t.Errorf("seqs old %d a %d b %d aAgain %d oldAgain %d", old.Seq, a.Seq, b.Seq, aAgain.Seq, oldAgain.Seq)
	}
	srcs, err := s.Sources(t.Context(), a.ID)
	if err != nil || len(srcs) != 2 || srcs[1] != aAgain.Source {
		t.Errorf("sources of a: %v, %v", srcs, err)
	}
	if r, err := s.Raw(t.Context(), a.ID); err != nil || string(r.Data) != string(raw.Data) {
		t.Errorf("raw of a: %v, %v", r, err)
	}

	// All or none: a batch holding one invalid article stores nothing.
	c, d := newArticle("Never stored, one.", "o"), newArticle("Never stored, two.", "o")
	bad := newArticle("Bad one.", "o")
	bad.Source = ""
	if _, err := s.PutBatch(t.Context(), []store.Item{{Article: c}, {Article: bad}, {Article: d}}); !errors.Is(err, article.ErrInvalid) {
		t.Fatalf("batch with an invalid article: %v", err)
	}
	if c.Seq != 0 || d.Seq != 0 {
		t.Errorf("failed batch set Seq: %d %d", c.Seq, d.Seq)
	}
	s2 := reopen(t)
	for _, id := range []string{c.ID, d.ID} {
		if _, err := s2.Get(t.Context(), id); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("article of a failed batch is stored: %v", err)
		}
	}
	if st := stats(t, s2); st.Articles != 3 || st.Sources != 5 {
		t.Errorf("stats after batches: %d articles, %d sources; want 3, 5", st.Articles, st.Sources)
	}
}

func testIdempotent(t *testing.T, f Factory) {
	s, _ := open(t, f)
	first := newArticle("The same text, read twice.", "first")
	first.Boilerplate = []string{"Menu"}
	raw1 := &article.Raw{MediaType: "text/html", Data: []byte("<p>The same text, read twice.</p>")}
	if !put(t, s, first, raw1) {
		t.Fatal("first Put: created = false")
	}
	stored := inUTC(first)
	other := newArticle("Another text.", "first")
	put(t, s, other, nil)

	again := clone(first)
	again.Source = "https://second.example/copy"
	again.Outlet = "second"
	again.Title = "A different title"
	again.Seq, again.Ingested = 0, time.Time{}
	raw2 := &article.Raw{MediaType: "text/plain", Data: []byte("something else")}
	if put(t, s, again, raw2) {
		t.Error("second Put of the same ID: created = true")
	}
	if again.Seq != first.Seq || !again.Ingested.Equal(first.Ingested) {
		t.Errorf("second Put set Seq %d, Ingested %v; want the stored %d, %v",
			again.Seq, again.Ingested, first.Seq, first.Ingested)
	}
	// Again from the first source: nothing new at all.
	if put(t, s, clone(first), nil) {
		t.Error("third Put of the same ID: created = true")
	}

	if diff := cmp.Diff(stored, get(t, s, first.ID)); diff != "" {
		t.Errorf("Get after a duplicate Put changed the article (-want +got):\n%s", diff)
	}
	raw, err := s.Raw(t.Context(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(raw1, raw); diff != "" {
		t.Errorf("Raw after a duplicate Put (-want +got):\n%s", diff)
	}
	srcs, err := s.Sources(t.Context(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{first.Source, again.Source}, srcs); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
	st := stats(t, s)
	if st.Articles != 2 || st.Sources != 3 {
		t.Errorf("Stats: %d articles, %d sources; want 2, 3", st.Articles, st.Sources)
	}
	if diff := cmp.Diff(map[string]int64{"first": 2}, st.Outlets); diff != "" {
		t.Errorf("Stats.Outlets (-want +got):\n%s", diff)
	}
	if got := list(t, s, store.Query{}); len(got) != 2 {
		t.Errorf("List gave %d articles, want 2", len(got))
	}
}

// sharedPrefix returns two texts whose IDs share their first n hex digits.
func sharedPrefix(n int) (string, string) {
	seen := map[string]string{}
	for i := 0; ; i++ {
		text := fmt.Sprintf("Prefix probe number %d.", i)
		p := article.HashText(text)[:n]
		if prev, ok := seen[p]; ok {
			return prev, text
		}
		seen[p] = text
	}
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func testGetPrefix(t *testing.T, f Factory) {
	s, _ := open(t, f)
	ta, tb := sharedPrefix(4)
	a, b := newArticle(ta, "x"), newArticle(tb, "x")
	c := newArticle("A third article.", "x")
	for _, x := range []*article.Article{a, b, c} {
		put(t, s, x, nil)
	}
	unique := a.ID[:commonPrefix(a.ID, b.ID)+1]
	if len(unique) < 4 {
		unique = a.ID[:4]
	}
	var absent string
	for i := 0; absent == ""; i++ {
		p := fmt.Sprintf("%04x", i)
		if !strings.HasPrefix(a.ID, p) && !strings.HasPrefix(b.ID, p) && !strings.HasPrefix(c.ID, p) {
			absent = p
		}
	}

	tests := []struct {
		name string
		id   string
		want *article.Article // nil when err is wanted
		err  error
	}{
		{"full", a.ID, a, nil},
		{"full other", b.ID, b, nil},
		{"unique prefix", unique, a, nil},
		{"short ID", article.Short(c.ID), c, nil},
		{"four digits", c.ID[:4], c, nil},
		{"ambiguous", a.ID[:4], nil, article.ErrAmbiguous},
		{"absent prefix", absent, nil, article.ErrNotFound},
		{"absent full", article.HashText("never stored"), nil, article.ErrNotFound},
		{"empty", "", nil, article.ErrInvalid},
		{"too short", a.ID[:3], nil, article.ErrInvalid},
		{"too long", a.ID + "0", nil, article.ErrInvalid},
		{"non-hex", "zzzz", nil, article.ErrInvalid},
		{"wildcards", a.ID[:2] + "%_", nil, article.ErrInvalid},
		{"quote", a.ID[:4] + "'", nil, article.ErrInvalid},
		{"space", " " + a.ID[:4], nil, article.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Get(t.Context(), tt.id)
			if tt.err != nil {
				if got != nil || !errors.Is(err, tt.err) {
					t.Errorf("Get(%q) = %v, %v; want nil, %v", tt.id, got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get(%q): %v", tt.id, err)
			}
			if diff := cmp.Diff(inUTC(tt.want), got); diff != "" {
				t.Errorf("Get(%q) (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}

func testRaw(t *testing.T, f Factory) {
	s, _ := open(t, f)
	binary := make([]byte, 0, 3*256)
	for range 3 {
		for i := range 256 {
			binary = append(binary, byte(i))
		}
	}
	var page strings.Builder
	page.WriteString("<!doctype html><html><body>")
	for i := range 5000 {
		fmt.Fprintf(&page, "<p class=\"c%d\">Paragraph %d says “%x”.</p>\n", i%7, i, i*7919)
	}
	tests := []struct {
		name string
		raw  *article.Raw
	}{
		{"html", &article.Raw{MediaType: "text/html; charset=utf-8", Data: []byte(page.String())}},
		{"binary", &article.Raw{MediaType: "application/octet-stream", Data: binary}},
		{"empty", &article.Raw{MediaType: "text/plain", Data: []byte{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newArticle("Raw test "+tt.name, "raw")
			put(t, s, a, tt.raw)
			got, err := s.Raw(t.Context(), a.ID)
			if err != nil {
				t.Fatalf("Raw: %v", err)
			}
			if got.MediaType != tt.raw.MediaType || len(got.Data) != len(tt.raw.Data) ||
				string(got.Data) != string(tt.raw.Data) {
				t.Errorf("Raw = %q, %d bytes; want %q, %d bytes (equal data)",
					got.MediaType, len(got.Data), tt.raw.MediaType, len(tt.raw.Data))
			}
		})
	}
	noRaw := newArticle("Stored without raw input.", "raw")
	put(t, s, noRaw, nil)
	_, err := s.Raw(t.Context(), noRaw.ID)
	wantErr(t, "Raw of an article stored without one", err, article.ErrNotFound)
	_, err = s.Raw(t.Context(), article.HashText("never stored"))
	wantErr(t, "Raw of an unknown ID", err, article.ErrNotFound)
	_, err = s.Raw(t.Context(), article.Short(noRaw.ID))
	wantErr(t, "Raw of a prefix", err, article.ErrInvalid)
}

func testSources(t *testing.T, f Factory) {
	s, _ := open(t, f)
	a := newArticle("One text, many places.", "src")
	order := []string{"/in/b.html", "https://z.example/1", "/in/a.html", "https://z.example/1", "/in/b.html", "stdin"}
	for _, src := range order {
		c := clone(a)
		c.Source = src
		put(t, s, c, nil)
	}
	got, err := s.Sources(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/in/b.html", "https://z.example/1", "/in/a.html", "stdin"}, got); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
	_, err = s.Sources(t.Context(), article.HashText("never stored"))
	wantErr(t, "Sources of an unknown ID", err, article.ErrNotFound)
	_, err = s.Sources(t.Context(), a.ID[:8])
	wantErr(t, "Sources of a prefix", err, article.ErrInvalid)
}

func testList(t *testing.T, f Factory) {
	s, _ := open(t, f)
	if got := list(t, s, store.Query{}); len(got) != 0 {
		t.Errorf("List of an empty store gave %d articles", len(got))
	}
	outlets := []string{"A", "B", "A", "", "B", "A"}
	var all []*article.Article
	for i, o := range outlets {
		a := newArticle(fmt.Sprintf("List article %d from “%s”.", i, o), o)
		a.Boilerplate = []string{fmt.Sprintf("footer %d", i)}
		if i%2 == 1 {
			a.Published = time.Time{}
		}
		put(t, s, a, nil)
		all = append(all, a)
	}
	pick := func(idx ...int) []*article.Article {
		var as []*article.Article
		for _, i := range idx {
			as = append(as, all[i])
		}
		return as
	}
	tests := []struct {
		name string
		q    store.Query
		want []*article.Article
	}{
		{"all", store.Query{}, all},
		{"outlet", store.Query{Outlet: "A"}, pick(0, 2, 5)},
		{"other outlet", store.Query{Outlet: "B"}, pick(1, 4)},
		{"unknown outlet", store.Query{Outlet: "nope"}, nil},
		{"after", store.Query{After: all[2].Seq}, pick(3, 4, 5)},
		{"after last", store.Query{After: all[5].Seq}, nil},
		{"negative after", store.Query{After: -1}, all},
		{"limit", store.Query{Limit: 2}, pick(0, 1)},
		{"negative limit", store.Query{Limit: -1}, all},
		{"limit beyond", store.Query{Limit: 100}, all},
		{"outlet after limit", store.Query{Outlet: "A", After: all[0].Seq, Limit: 1}, pick(2)},
		{"with text", store.Query{WithText: true}, all},
		{"with text outlet", store.Query{WithText: true, Outlet: "B"}, pick(1, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []*article.Article
			for _, a := range tt.want {
				if tt.q.WithText {
					want = append(want, inUTC(a))
				} else {
					want = append(want, listed(a))
				}
			}
			got := list(t, s, tt.q)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("List(%+v) (-want +got):\n%s", tt.q, diff)
			}
			for _, a := range got {
				checkUTC(t, a)
			}
		})
	}
}

func testListEarlyBreak(t *testing.T, f Factory) {
	s, _ := open(t, f)
	for i := range 5 {
		put(t, s, newArticle(fmt.Sprintf("Break article %d.", i), "x"), nil)
	}
	// Stopping a listing early must release what it holds: many of them,
	// then a write and a full listing, must still work.
	for range 50 {
		for _, err := range s.List(t.Context(), store.Query{}) {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	put(t, s, newArticle("Written after early breaks.", "x"), nil)
	if got := list(t, s, store.Query{}); len(got) != 6 {
		t.Errorf("List after early breaks gave %d articles, want 6", len(got))
	}
}

func testStats(t *testing.T, f Factory) {
	s, _ := open(t, f)
	st := stats(t, s)
	if st.SchemaVersion <= 0 {
		t.Errorf("Stats.SchemaVersion = %d, want > 0", st.SchemaVersion)
	}
	if diff := cmp.Diff(store.Stats{Outlets: map[string]int64{}, Formats: map[string]int64{}, SchemaVersion: st.SchemaVersion}, st); diff != "" {
		t.Errorf("Stats of an empty store (-want +got):\n%s", diff)
	}
	if st.Outlets == nil || st.Formats == nil {
		t.Errorf("Stats of an empty store has nil maps: %+v", st)
	}

	// The times are chosen so that ordering them as stored text goes wrong
	// unless the store keeps them comparable: a1 is the first but reads
	// latest in its own zone, and a4's fraction sorts before a whole second
	// in RFC 3339 with trimmed fractions.
	a1 := newArticle("Stats one: “über”.", "A")
	a1.Published = time.Date(2024, 1, 1, 10, 0, 0, 0, time.FixedZone("+05", 5*3600))
	a2 := newArticle("Stats two.", "A")
	a2.Format = article.FormatText
	a2.Published = time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC)
	a3 := newArticle("Stats three — 東京.", "")
	a3.Format = article.FormatJSON
	a3.Published = time.Time{}
	a4 := newArticle("Stats four.", "B")
	a4.Published = time.Date(2024, 1, 1, 5, 0, 0, 500000000, time.UTC)
	put(t, s, a1, &article.Raw{MediaType: "text/html", Data: []byte(strings.Repeat("<p>x</p>", 125))})
	put(t, s, a2, nil)
	put(t, s, a3, &article.Raw{MediaType: "application/json", Data: []byte(`{"text":"…"}`)})
	put(t, s, a4, nil)
	dup := clone(a1)
	dup.Source = "elsewhere"
	put(t, s, dup, &article.Raw{MediaType: "text/html", Data: []byte("not kept")})

	got := stats(t, s)
	want := store.Stats{
		Articles:       4,
		Sources:        5,
		TextBytes:      int64(len(a1.Text) + len(a2.Text) + len(a3.Text) + len(a4.Text)),
		RawBytes:       1000 + int64(len(`{"text":"…"}`)),
		Outlets:        map[string]int64{"A": 2, "": 1, "B": 1},
		Formats:        map[string]int64{"html": 2, "text": 1, "json": 1},
		FirstPublished: a1.Published,
		LastPublished:  a2.Published,
		WithPublished:  3,
		SchemaVersion:  st.SchemaVersion,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	if got.FirstPublished.Location() != time.UTC || got.LastPublished.Location() != time.UTC {
		t.Errorf("Stats published range %v – %v not in UTC", got.FirstPublished, got.LastPublished)
	}
}

func testConcurrent(t *testing.T, f Factory) {
	s, _ := open(t, f)
	const workers, articles = 8, 25
	var as []*article.Article
	for i := range articles {
		as = append(as, newArticle(fmt.Sprintf("Concurrent article %d.", i), fmt.Sprintf("o%d", i%3)))
	}
	var (
		created atomic.Int64
		mu      sync.Mutex
		seqs    = map[string]int64{}
		wg      sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			for i := range articles {
				a := clone(as[(i+w*3)%articles]) // each worker in its own order
				a.Source = fmt.Sprintf("worker-%d", w)
				ok, err := s.Put(t.Context(), a, &article.Raw{MediaType: "text/plain", Data: []byte(a.Text)})
				if err != nil {
					t.Errorf("worker %d: Put: %v", w, err)
					return
				}
				if ok {
					created.Add(1)
				}
				mu.Lock()
				if prev, ok := seqs[a.ID]; ok && prev != a.Seq {
					t.Errorf("Put of %s gave Seq %d and %d", article.Short(a.ID), prev, a.Seq)
				}
				seqs[a.ID] = a.Seq
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if got := created.Load(); got != articles {
		t.Errorf("%d Puts reported created, want %d", got, articles)
	}
	st := stats(t, s)
	if st.Articles != articles || st.Sources != workers*articles {
		t.Errorf("Stats: %d articles, %d sources; want %d, %d", st.Articles, st.Sources, articles, workers*articles)
	}
	listedIDs := map[string]bool{}
	var last int64
	for _, a := range list(t, s, store.Query{}) {
		if listedIDs[a.ID] {
			t.Errorf("List gave %s twice", article.Short(a.ID))
		}
		listedIDs[a.ID] = true
		if a.Seq <= last {
			t.Errorf("List gave Seq %d after %d", a.Seq, last)
		}
		last = a.Seq
		if seqs[a.ID] != a.Seq {
			t.Errorf("%s listed with Seq %d, Put gave %d", article.Short(a.ID), a.Seq, seqs[a.ID])
		}
		srcs, err := s.Sources(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) != workers {
			t.Errorf("%s has %d sources, want %d", article.Short(a.ID), len(srcs), workers)
		}
	}
	if len(listedIDs) != articles {
		t.Errorf("List gave %d articles, want %d", len(listedIDs), articles)
	}
}

func testCancel(t *testing.T, f Factory) {
	s, _ := open(t, f)
	canceled, cancel := context.WithCancel(t.Context())
	cancel()

	a := newArticle("Put with a canceled context.", "x")
	created, err := s.Put(canceled, clone(a), &article.Raw{MediaType: "text/plain", Data: []byte("x")})
	if created || !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a canceled context = %v, %v; want false, context.Canceled", created, err)
	}
	_, err = s.Get(t.Context(), a.ID)
	wantErr(t, "Get of an article Put with a canceled context", err, article.ErrNotFound)

	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()
	_, err = s.Put(expired, clone(a), nil)
	wantErr(t, "Put past its deadline", err, context.DeadlineExceeded)

	put(t, s, a, &article.Raw{MediaType: "text/plain", Data: []byte("x")})
	_, err = s.Get(canceled, a.ID)
	wantErr(t, "Get", err, context.Canceled)
	_, err = s.Raw(canceled, a.ID)
	wantErr(t, "Raw", err, context.Canceled)
	_, err = s.Sources(canceled, a.ID)
	wantErr(t, "Sources", err, context.Canceled)
	_, err = s.Stats(canceled)
	wantErr(t, "Stats", err, context.Canceled)
	n := 0
	for got, err := range s.List(canceled, store.Query{}) {
		n++
		if got != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("List with a canceled context yielded %v, %v; want nil, context.Canceled", got, err)
		}
	}
	if n != 1 {
		t.Errorf("List with a canceled context yielded %d times, want once", n)
	}

	// Canceled in the middle of a listing.
	for i := range 5 {
		put(t, s, newArticle(fmt.Sprintf("Cancel article %d.", i), "x"), nil)
	}
	ctx, cancel3 := context.WithCancel(t.Context())
	defer cancel3()
	var articles, errs int
	for got, err := range s.List(ctx, store.Query{}) {
		switch {
		case err != nil:
			errs++
			if !errors.Is(err, context.Canceled) {
				t.Errorf("List after cancel yielded error %v, want context.Canceled", err)
			}
		case errs > 0:
			t.Errorf("List yielded %s after an error", article.Short(got.ID))
		default:
			articles++
			cancel3()
		}
	}
	if articles != 1 || errs != 1 {
		t.Errorf("List canceled after the first article yielded %d articles and %d errors, want 1 and 1", articles, errs)
	}
	if got := stats(t, s).Articles; got != 6 {
		t.Errorf("Stats.Articles = %d, want 6", got)
	}
}

func testReopen(t *testing.T, f Factory) {
	s, reopen := open(t, f)
	var as []*article.Article
	for i := range 3 {
		a := newArticle(fmt.Sprintf("Kept across reopen %d: “quoted”.", i), "keep")
		a.Boilerplate = []string{"kept aside"}
		put(t, s, a, &article.Raw{MediaType: "text/html", Data: []byte(fmt.Sprintf("<p>%d</p>", i))})
		as = append(as, a)
	}
	dup := clone(as[1])
	dup.Source = "second source"
	put(t, s, dup, nil)
	before := stats(t, s)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s = reopen(t)
	for i, a := range as {
		if diff := cmp.Diff(inUTC(a), get(t, s, a.ID)); diff != "" {
			t.Errorf("Get after reopen (-want +got):\n%s", diff)
		}
		raw, err := s.Raw(t.Context(), a.ID)
		if err != nil {
			t.Fatalf("Raw after reopen: %v", err)
		}
		if want := fmt.Sprintf("<p>%d</p>", i); string(raw.Data) != want {
			t.Errorf("Raw after reopen = %q, want %q", raw.Data, want)
		}
	}
	srcs, err := s.Sources(t.Context(), as[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{as[1].Source, "second source"}, srcs); diff != "" {
		t.Errorf("Sources after reopen (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, stats(t, s)); diff != "" {
		t.Errorf("Stats after reopen (-want +got):\n%s", diff)
	}
	var want []*article.Article
	for _, a := range as {
		want = append(want, inUTC(a))
	}
	if diff := cmp.Diff(want, list(t, s, store.Query{WithText: true})); diff != "" {
		t.Errorf("List after reopen (-want +got):\n%s", diff)
	}

	again := clone(as[0])
	if put(t, s, again, nil) || again.Seq != as[0].Seq {
		t.Errorf("Put of a stored article after reopen: created or Seq %d, want false and %d", again.Seq, as[0].Seq)
	}
	next := newArticle("Written after reopen.", "keep")
	put(t, s, next, nil)
	if next.Seq <= as[2].Seq {
		t.Errorf("first Put after reopen got Seq %d, want > %d", next.Seq, as[2].Seq)
	}
}

func testClosed(t *testing.T, f Factory) {
	s, _ := open(t, f)
	a := newArticle("Stored before Close.", "x")
	put(t, s, a, nil)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	ctx := t.Context()
	if _, err := s.Put(ctx, newArticle("After Close.", "x"), nil); err == nil {
		t.Error("Put after Close succeeded")
	}
	if _, err := s.Get(ctx, a.ID); err == nil {
		t.Error("Get after Close succeeded")
	}
	if _, err := s.Raw(ctx, a.ID); err == nil {
		t.Error("Raw after Close succeeded")
	}
	if _, err := s.Sources(ctx, a.ID); err == nil {
		t.Error("Sources after Close succeeded")
	}
	if _, err := s.Stats(ctx); err == nil {
		t.Error("Stats after Close succeeded")
	}
	for _, err := range s.List(ctx, store.Query{}) {
		if err == nil {
			t.Error("List after Close yielded an article")
		}
	}
}
