package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// report ingests what it is given and prints the picture: Markdown by
// default, the versioned JSON document with --json, a page with --html;
// a bad input is reported and the report goes on with exit code 1.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Finance Minister Helga Brandauer defended the budget on Monday.\n\n" +
			"“This budget protects every pension in the country,” Brandauer told reporters in Vienna.\n",
		"b.jsonl": "{\"text\": 5}\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "p.db")
	r := cli(t, db, "", "report", dir)
	if r.code != exitPartial || !strings.Contains(r.stderr, "b.jsonl") {
		t.Errorf("bad input: exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "# parallax report") || !strings.Contains(r.stdout, "**Helga Brandauer**") || !strings.Contains(r.stdout, "protects every pension") {
		t.Errorf("markdown report:\n%s", r.stdout)
	}
	r = cli(t, db, "", "report", "--json", filepath.Join(dir, "a.txt"))
	var p struct {
		Version string
		Stories []struct{ Quotes []struct{ Kind string } }
	}
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil || p.Version != "parallax.picture/1" || len(p.Stories) != 1 || len(p.Stories[0].Quotes) == 0 {
		t.Errorf("json report: %v %+v\n%s", err, p, r.stdout)
	}
	r = cli(t, db, "", "report", "--html")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "<!doctype html>") {
		t.Errorf("html report from the store: exit %d %q", r.code, r.stdout[:min(len(r.stdout), 80)])
	}
	if r := cli(t, db, "", "report", "--json", "--html"); r.code != exitUsage {
		t.Errorf("--json --html: exit %d", r.code)
	}
}
