package text_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/gum"
	"github.com/parallax-news/parallax/internal/text"
)

var gumErrors = flag.Bool("gumerrors", false, "log every sentence boundary the splitter gets wrong on GUM")

// sharedDir locates the shared evaluation data beside the repository, or
// skips the test when it is absent.
func sharedDir(t testing.TB, elem ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{"..", "..", "..", "shared"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	return dir
}

// prf accumulates boundary counts.
type prf struct{ tp, fp, fn int }

func (c prf) scores() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// TestGUMSentences scores the sentence splitter's boundaries against the
// GUM gold sentences of the Wikinews news and interview documents. A
// boundary is the end offset of a sentence; "inner" boundaries are those not
// at a paragraph end, which a splitter can get wrong.
func TestGUMSentences(t *testing.T) {
	docs, err := gum.LoadSentences(sharedDir(t, "eval", "gum-news"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 43 {
		t.Fatalf("got %d GUM documents, want 43", len(docs))
	}
	var all, inner prf
	for _, d := range docs {
		gold := ends(d.Sentences)
		got := ends(text.Sentences(d.Text))
		paraEnd := func(e int) bool { return e == len(d.Text) || d.Text[e] == '\n' }
		for e := range got {
			if gold[e] {
				all.tp++
				if !paraEnd(e) {
					inner.tp++
				}
				continue
			}
			all.fp++
			if !paraEnd(e) {
				inner.fp++
			}
			if *gumErrors {
				t.Logf("%s FP: %s", d.ID, context(d.Text, e))
			}
		}
		for e := range gold {
			if got[e] {
				continue
			}
			all.fn++
			if !paraEnd(e) {
				inner.fn++
			}
			if *gumErrors {
				t.Logf("%s FN: %s", d.ID, context(d.Text, e))
			}
		}
	}
	for _, c := range []struct {
		name  string
		c     prf
		floor float64
	}{
		{"all", all, 0.97},     // reached 0.985
		{"inner", inner, 0.95}, // reached 0.973
	} {
		p, r, f := c.c.scores()
		t.Logf("GUM sentence boundaries, %-5s: P=%.4f R=%.4f F1=%.4f (tp=%d fp=%d fn=%d)", c.name, p, r, f, c.c.tp, c.c.fp, c.c.fn)
		if f < c.floor {
			t.Errorf("%s boundary F1 %.4f fell below the floor %.2f", c.name, f, c.floor)
		}
	}
}

func ends(spans []article.Span) map[int]bool {
	m := make(map[int]bool, len(spans))
	for _, s := range spans {
		m[s.End] = true
	}
	return m
}

// context shows the text around offset e with the boundary marked.
func context(s string, e int) string {
	a, b := max(0, e-60), min(len(s), e+40)
	for a > 0 && !utf8RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8RuneStart(s[b]) {
		b++
	}
	return strings.ReplaceAll(s[a:e]+"‖"+s[e:b], "\n", "¶")
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
