package synth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDeterministicAndShaped(t *testing.T) {
	a, b := New(7), New(7)
	for range 50 {
		x, y := a.Next(), b.Next()
		if x != y {
			t.Fatal("same seed gave different articles")
		}
		if !utf8.ValidString(x.Text) || len(x.Text) < 200 || strings.Contains(x.Text, "\n\n") {
			t.Fatalf("bad text %q", x.Text)
		}
		if x.Title == "" || x.Outlet == "" || x.Published.IsZero() || !strings.Contains(x.HTML(), "<article>") {
			t.Fatalf("bad metadata %+v", x)
		}
	}
	if New(1).Next().Text == New(2).Next().Text {
		t.Fatal("different seeds gave the same article")
	}
}
