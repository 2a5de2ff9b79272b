package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden extracts every testdata/*.html page and compares the Page with
// testdata/*.golden. A page's URL and content type, when it has them, are
// the first two lines of testdata/*.url. Run with -update to rewrite the
// golden files, and read the diff before committing it.
func TestGolden(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in testdata: %v", err)
	}
	for _, path := range pages {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var pageURL, contentType string
			if meta, err := os.ReadFile(strings.TrimSuffix(path, ".html") + ".url"); err == nil {
				lines := strings.Split(strings.TrimSpace(string(meta)), "\n")
				pageURL = lines[0]
				if len(lines) > 1 {
					contentType = lines[1]
				}
			}
			p, err := HTML(body, contentType, pageURL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, got)
			}
		})
	}
}
