package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRepeatNames(t *testing.T) {
	text := "Tamsin Okafor of Quillfeather Aerospace spoke. Quillfeather Aerospace shares rose, Okafor said. " +
		"Quillfeather Aerospace Holdings did not comment. Ms Okafor left."
	d := newDocFeatures(text)
	at := func(s string, nth int) int { // token index of the nth occurrence of word s
		for i, w := range d.words {
			if w == s {
				if nth == 0 {
					return i
				}
				nth--
			}
		}
		t.Fatalf("no %q", s)
		return 0
	}
	found := []typedRange{
		{at("Tamsin", 0), at("Okafor", 0) + 1, typPER},
		{at("Quillfeather", 0), at("Aerospace", 0) + 1, typORG},
	}
	var got []string
	for _, r := range d.repeatNames(found) {
		got = append(got, typeNames[r.typ]+":"+text[d.toks[r.from].Start:d.toks[r.to-1].End]+"@"+d.words[max(r.from-1, 0)])
	}
	want := []string{
		"PER:Tamsin Okafor@Tamsin",
		"ORG:Quillfeather Aerospace@of",
		"ORG:Quillfeather Aerospace@.", // the same name again
		"PER:Okafor@,",                 // the person's surname alone
		"PER:Okafor@Ms",                // after a title: still the surname
	}
	// "Quillfeather Aerospace Holdings" is a longer name: not taken.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("repeatNames (-want +got):\n%s", diff)
	}

	// An organization the knowledge base knows, without "The".
	text = "The World Health Organization warned on Monday."
	d = newDocFeatures(text)
	got = nil
	for _, r := range d.repeatNames(nil) {
		got = append(got, typeNames[r.typ]+":"+text[d.toks[r.from].Start:d.toks[r.to-1].End])
	}
	if diff := cmp.Diff([]string{"ORG:World Health Organization"}, got); diff != "" {
		t.Errorf("known organization (-want +got):\n%s", diff)
	}
}
