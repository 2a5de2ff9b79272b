package polnear

import (
	"strings"
	"testing"
)

// FuzzParse feeds Parse arbitrary annotation and text: it must not panic,
// every span it returns must lie inside the text, and scoring the result
// against itself must not panic either.
func FuzzParse(f *testing.F) {
	f.Add("T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 12\tyes\nT4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n", "Ann said yes.")
	f.Add("T1\tContent 0 3;4 8\tCafé said\nE1\tContent:T1 Content2:T1\n", "Café said “no”.")
	f.Add("T1\tCue 0 2\tA\nB\n", "A\nB")
	f.Fuzz(func(t *testing.T, ann, text string) {
		atts, err := Parse(strings.NewReader(ann), text)
		if err != nil {
			return
		}
		for _, a := range atts {
			for _, ss := range append(append(append(a.Cue, a.Source...), a.Content...), a.Anchor...) {
				if ss.Start < 0 || ss.End > len(text) || ss.Start > ss.End {
					t.Fatalf("span %v outside text of %d bytes", ss, len(text))
				}
			}
		}
		Score(text, atts, atts)
	})
}
