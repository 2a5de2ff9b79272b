package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ingestedRE masks the ingestion time, the one value that differs per run.
var ingestedRE = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`)

// TestShowGolden pins the output of show, human and JSON, for an article
// with the cases the text layer must get right (titles, initials, month
// abbreviations, decimals, quotes, ellipses, a heading, hard-wrapped lines).
func TestShowGolden(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	in, err := filepath.Abs(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if r := cli(t, db, "", "ingest", "--progress", "none", in); r.code != 0 {
		t.Fatalf("ingest: %+v", r)
	}
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"show.golden", []string{"show", "@1"}},
		{"show.json.golden", []string{"show", "--json", "--tokens", "@1"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			r := cli(t, db, "", c.args...)
			if r.code != 0 {
				t.Fatalf("%+v", r)
			}
			got := ingestedRE.ReplaceAllString(r.stdout, "INGESTED")
			got = regexp.MustCompile(`(?m)^Sources: .*$`).ReplaceAllString(got, "Sources:   PATH")
			got = regexp.MustCompile(`"(source|sources)": ?(\[\s*)?"[^"]*"`).ReplaceAllString(got, `"$1": $2"PATH"`)
			path := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("show output changed (-want +got):\n%s", diff)
			}
		})
	}
}
