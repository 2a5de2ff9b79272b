package gold

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

func root(t *testing.T) string {
	t.Helper()
	r := filepath.Join("..", "..", "..", "shared")
	if _, err := Load(r); errors.Is(err, fs.ErrNotExist) {
		t.Skip("no ../shared data root")
	}
	return r
}

func TestLoadSeeds(t *testing.T) {
	s, err := Load(root(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Docs) != 5 {
		t.Fatalf("docs = %d, want 5", len(s.Docs))
	}
	if len(s.Quotes) == 0 || len(s.ReportedSpeech) == 0 || len(s.Stories) == 0 ||
		len(s.Crosscheck) == 0 || len(s.Sourcing) == 0 || len(s.Boilerplate) == 0 ||
		len(s.Entities.People) == 0 || len(s.Entities.States) == 0 {
		t.Fatalf("a section is empty: %+v", s)
	}
	// Every gold text is an exact substring of its doc: the file's promise,
	// which every scorer built on Locate relies on.
	for _, q := range append(append([]Quote{}, s.Quotes...), s.ReportedSpeech...) {
		if len(s.Locate(q.Doc, q.Text)) == 0 {
			t.Errorf("%s: %q not found", q.Doc, q.Text)
		}
		if q.Kind == "" {
			t.Errorf("%s: %q has no kind", q.Doc, q.Text)
		}
	}
	for doc, lines := range s.Boilerplate {
		for _, l := range lines {
			if len(s.Locate(doc, l)) == 0 {
				t.Errorf("%s: boilerplate %q not found", doc, l)
			}
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestLocate(t *testing.T) {
	s := &Seeds{Docs: map[string]string{"a": "x said x"}}
	got := s.Locate("a", "x")
	if len(got) != 2 || got[0].Start != 0 || got[1].Start != 7 {
		t.Fatalf("Locate = %v", got)
	}
	if s.Locate("a", "") != nil || s.Locate("b", "x") != nil {
		t.Fatal("empty or unknown should give nil")
	}
}
