package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two articles quote one person, in full in one and by surname and
// pronoun in the other: `quotes --speaker` finds both articles' quotes
// under the one canonical name, and the text listing shows them.
func TestQuotesCommand(t *testing.T) {
	a := "Finance Minister Helga Brandauer defended the budget on Monday.\n\n" +
		"“This budget protects every pension in the country,” Brandauer told reporters in Vienna.\n"
	b := "The opposition attacked the plan on Tuesday.\n\n" +
		"Helga Brandauer said that the government would not raise taxes. “We keep our word,” she said.\n"
	db := ingestTexts(t, map[string]string{"a.txt": a, "b.txt": b})
	r := cli(t, db, "", "quotes", "--json", "--speaker", "brandauer")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	type q struct {
		Article string
		Kind    string
		Text    string
		Speaker *struct{ Name string }
	}
	var qs []q
	articles := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var x q
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if x.Speaker == nil || x.Speaker.Name != "Helga Brandauer" {
			t.Errorf("speaker filter let through %+v", x)
		}
		qs = append(qs, x)
		articles[x.Article] = true
	}
	kinds := map[string]bool{}
	for _, x := range qs {
		kinds[x.Kind] = true
	}
	if len(articles) != 2 || !kinds["direct"] || !kinds["reported"] {
		t.Errorf("want direct and reported quotes of Helga Brandauer in both articles, got %+v", qs)
	}
	r = cli(t, db, "", "quotes", "--by", "speaker")
	if r.code != 0 || !strings.Contains(r.stdout, "Helga Brandauer  (") || !strings.Contains(r.stdout, "protects every pension") {
		t.Errorf("text listing: %+v", r)
	}
	if r := cli(t, db, "", "quotes", "--kind", "loud"); r.code != exitUsage {
		t.Errorf("bad --kind: exit %d", r.code)
	}
}

// ingestTexts writes files with the given names and texts to a directory,
// ingests it into a new store and returns the store's path.
func ingestTexts(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "p.db")
	if r := cli(t, db, "", "ingest", "--progress", "none", dir); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	return db
}
