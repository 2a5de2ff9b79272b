package text_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/text"
)

var update = flag.Bool("update", false, "rewrite the expected output of the data-driven cases in testdata")

// sentenceCase is one data-driven case: a "# name" line, the input lines, a
// "----" line and the expected sentences, ended by a blank line.
type sentenceCase struct {
	name  string
	input string
	want  []string
}

func parseCases(t *testing.T, data string) (header string, cases []sentenceCase) {
	t.Helper()
	blocks := strings.Split(strings.TrimSpace(data), "\n\n")
	for _, b := range blocks {
		lines := strings.Split(b, "\n")
		var c sentenceCase
		for len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
			c.name = strings.TrimSpace(strings.TrimPrefix(lines[0], "#"))
			lines = lines[1:]
		}
		sep := -1
		for i, l := range lines {
			if l == "----" {
				sep = i
				break
			}
		}
		if sep < 0 {
			if len(cases) == 0 && len(lines) == 0 {
				header += b + "\n\n" // the file's comment block
				continue
			}
			t.Fatalf("case %q has no ---- line", c.name)
		}
		c.input = strings.Join(lines[:sep], "\n")
		c.want = lines[sep+1:]
		cases = append(cases, c)
	}
	return header, cases
}

// TestSentenceCases runs the data-driven cases in testdata/sentences.
func TestSentenceCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "sentences", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		header, cases := parseCases(t, string(data))
		var out strings.Builder
		out.WriteString(header)
		for _, c := range cases {
			var got []string
			for _, s := range text.Sentences(c.input) {
				got = append(got, c.input[s.Start:s.End])
			}
			t.Run(strings.TrimSuffix(filepath.Base(file), ".txt")+"/"+c.name, func(t *testing.T) {
				if diff := cmp.Diff(c.want, got); diff != "" && !*update {
					t.Errorf("Sentences(%q) (-want +got):\n%s", c.input, diff)
				}
			})
			out.WriteString("# " + c.name + "\n" + c.input + "\n----\n" + strings.Join(got, "\n") + "\n\n")
		}
		if *update {
			if err := os.WriteFile(file, []byte(strings.TrimSuffix(out.String(), "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
