package boilerplate

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dataCase is one case of testdata/clean.txt.
type dataCase struct {
	name  string
	line  int
	title string
	input []string
	want  []Removed
}

// readCases parses a data-driven test file (format in its header).
func readCases(t *testing.T, path string) []dataCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []dataCase
	var cur *dataCase
	inWant := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "=== "):
			cases = append(cases, dataCase{name: strings.TrimPrefix(l, "=== "), line: n})
			cur, inWant = &cases[len(cases)-1], false
		case cur == nil || l == "" || strings.HasPrefix(l, "#"):
		case l == "----":
			inWant = true
		case inWant:
			reason, text, ok := strings.Cut(l, ": ")
			if !ok {
				t.Fatalf("%s:%d: want <reason>: <line>, got %q", path, n, l)
			}
			cur.want = append(cur.want, Removed{Line: text, Reason: reason})
		case strings.HasPrefix(l, "@title "):
			cur.title = strings.TrimPrefix(l, "@title ")
		default:
			cur.input = append(cur.input, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestCleanData(t *testing.T) {
	cases := readCases(t, "testdata/clean.txt")
	if len(cases) < 10 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Join(c.input, "\n")
			main, got := Clean(in, Options{Title: c.title})
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("testdata/clean.txt:%d: removed lines (-want +got):\n%s", c.line, diff)
			}
			checkPartition(t, in, main, got)
		})
	}
}

// checkPartition checks that main's lines and the removed lines together
// are the input's lines, each in order.
func checkPartition(t testing.TB, in, main string, removed []Removed) {
	t.Helper()
	var kept []string
	if main != "" {
		kept = strings.Split(main, "\n")
	}
	k, r := 0, 0
	for _, l := range strings.Split(in, "\n") {
		switch {
		case l == "":
			// Empty lines are dropped.
		case r < len(removed) && removed[r].Line == l && (k >= len(kept) || kept[k] != l):
			r++
		case k < len(kept) && kept[k] == l:
			k++
		case r < len(removed) && removed[r].Line == l:
			r++
		default:
			t.Fatalf("input line %q is neither kept nor removed next", l)
		}
	}
	if k != len(kept) || r != len(removed) {
		t.Fatalf("%d of %d kept and %d of %d removed lines matched the input", k, len(kept), r, len(removed))
	}
}

func TestCleanEmptyAndBlank(t *testing.T) {
	for _, in := range []string{"", "\n", "Share", "\n\nShare\n\n"} {
		main, rm := Clean(in, Options{})
		checkPartition(t, in, main, rm)
	}
}

func TestOptions(t *testing.T) {
	in := "Talks resume\nBy Jane Doe and John Roe\nNegotiators from both sides met again on Friday after a pause of two weeks, officials said.\nBoth sides said the talks were constructive and would continue next week in the capital."
	_, rm := Clean(in, Options{})
	if len(rm) != 1 || rm[0].Reason != ReasonByline {
		t.Fatalf("default options: removed %v, want the byline", rm)
	}
	_, rm = Clean(in, Options{Bylines: ptr(false)})
	if len(rm) != 0 {
		t.Fatalf("Bylines false: removed %v, want nothing", rm)
	}
	bad := Options{MenuRun: 1}
	if err := bad.Validate(); err == nil {
		t.Error("MenuRun 1 validated")
	}
	// Invalid options fall back to the defaults rather than misbehave.
	_, rm = Clean(in, bad)
	if len(rm) != 1 {
		t.Fatalf("invalid options: removed %v", rm)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Read More »":            "read more",
		"  S'ABONNER ":           "s abonner",
		"İLGİLİ HABERLER":        "ilgili haberler",
		"Comments (12)":          "comments 12",
		"—":                      "",
		"Читайте ТАКЖЕ:":         "читайте также",
		"اقرأ أيضا":              "اقرأ أيضا",
		"Noticias relacionadas:": "noticias relacionadas",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLexicon(t *testing.T) {
	l := defaultLexicon()
	// Every UI and heading table covers the languages the package promises.
	for _, file := range []string{"ui.txt", "headings.txt", "prefixes.txt", "rights.txt", "prompts.txt", "credits.txt", "commentheads.txt", "commentmeta.txt"} {
		for _, lang := range []string{"en", "de", "fr", "es", "it", "pt", "ru", "ar", "tr"} {
			if !l.langs[file][lang] {
				t.Errorf("%s has no %s entries", file, lang)
			}
		}
	}
	// Each data file names its source and licence.
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := dataFS.ReadFile("data/" + e.Name())
		if !strings.Contains(string(b), "Source: written for parallax") || !strings.Contains(string(b), "CC0") {
			t.Errorf("data/%s: header does not name source and licence", e.Name())
		}
	}
	_, err = loadLexicon(func(name string) (string, error) { return "en no-tab\n", nil })
	if err == nil {
		t.Error("malformed lexicon line accepted")
	}
}
