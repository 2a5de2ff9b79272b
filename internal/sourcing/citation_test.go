package sourcing

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/knowledge"
)

// checkFirstWords fails when the outlet-name filter rejects a word that
// some name of up to five words starting there is found under: the filter
// must only save lookups, never change a citation.
func checkFirstWords(t *testing.T, text string) {
	t.Helper()
	outlets := knowledge.Outlets()
	fw := outletFirstWords()
	ws := words(text)
	for i := range ws {
		if fw.mayStart(text, ws[i].start, ws[i].end) {
			continue
		}
		for n := 1; n <= 5 && i+n <= len(ws); n++ {
			name := text[ws[i].start:ws[i+n-1].end]
			if _, ok := outlets.Lookup(name); ok {
				t.Fatalf("%q rejected, but %q is an outlet", text[ws[i].start:ws[i].end], name)
			}
		}
	}
}

func TestOutletFirstWords(t *testing.T) {
	var forms []string
	for _, o := range knowledge.Outlets().All() {
		forms = append(forms, o.Name)
		forms = append(forms, o.Aliases...)
	}
	// Forms as news folds them: accents off, "&" spelt out.
	forms = append(forms, "Osterreichischer Rundfunk", "Ceska televize", "Radio e Televisao de Portugal",
		"CTK", "RTE", "Le Monde", "Sueddeutsche Zeitung", "Suddeutsche Zeitung", "AT and T")
	for _, f := range forms {
		for _, v := range []string{f, strings.ToUpper(f), strings.ToLower(f), "the " + f, "The " + f} {
			checkFirstWords(t, "Yesterday "+v+" reported that "+v+"'s site ("+v+") and "+v+"-owned outlets were down.")
		}
	}
	// and the filter does filter
	fw := outletFirstWords()
	for _, w := range []string{"yesterday", "minister", "said", "Tuesday"} {
		text := w + " said"
		if fw.mayStart(text, 0, len(w)) {
			t.Errorf("%q may start an outlet's name", w)
		}
	}
}
