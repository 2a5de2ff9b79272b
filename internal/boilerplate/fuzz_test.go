package boilerplate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzClean(f *testing.F) {
	for _, c := range []string{
		"", "\n", "Share", "Title\nSharing: Title\nBody text that runs on for a while and ends here.",
		"Related articles\nA\nB…\n...\n…", "By\nBy Jane Doe\n© \n(\n)\n[Photo:]\nPhoto:/",
		"Home\nNews\nSport\nWorld\n| | | |\n· · ·", "Read more: \nLire aussi :\n: x\n» y", "İ\u0307\uFFFD\xff",
		"x\n\n\ny", strings.Repeat("Comments (3)\n", 50),
	} {
		f.Add(c, "")
		f.Add(c, "Title")
	}
	f.Fuzz(func(t *testing.T, in, title string) {
		main, removed := Clean(in, Options{Title: title})
		checkPartition(t, in, main, removed)
		for _, r := range removed {
			if r.Reason == "" || r.Line == "" {
				t.Fatalf("removed %+v has no reason or no line", r)
			}
		}
		if utf8.ValidString(in) && !utf8.ValidString(main) {
			t.Fatalf("main %q is not UTF-8", main)
		}
		// Deterministic.
		main2, removed2 := Clean(in, Options{Title: title})
		if main2 != main || len(removed2) != len(removed) {
			t.Fatal("Clean is not deterministic")
		}
	})
}

// TestLinearTime checks that a large input costs about as much per byte as
// a small one: no rule looks at pairs of lines.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	unit := strings.Repeat("Related articles\nShare\nA short headline here\nA paragraph of some length that ends with a full stop, as stories do.\nTeaser text…\n", 20)
	small, big := strings.Repeat(unit, 10), strings.Repeat(unit, 400)
	cost := func(s string) float64 {
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				Clean(s, Options{})
			}
		})
		return float64(r.NsPerOp()) / float64(len(s))
	}
	if a, b := cost(small), cost(big); b > 4*a {
		t.Errorf("per-byte cost grows from %.1f ns to %.1f ns", a, b)
	}
}
