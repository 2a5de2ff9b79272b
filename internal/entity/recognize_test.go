package entity

import (
	"strings"
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

func TestRetype(t *testing.T) {
	for _, tc := range []struct {
		text, name string
		typ, want  int
	}{
		{"The shuttle went to the Museum of Flight in Seattle.", "Museum of Flight", typORG, typLOC},
		{"Visitors filled the Adler Planetarium on Sunday.", "Adler Planetarium", typPER, typLOC},
		{"He spoke at Castlefrank Road.", "Castlefrank Road", typORG, typLOC},
		{"The Ministry of Defence said so.", "Ministry of Defence", typLOC, typORG},
		{"The Bay of Bengal is warm.", "Bay of Bengal", typLOC, typLOC},
		{"Talks with the Bank of England ended.", "Bank of England", typORG, typORG},
		{"It was reported by the Sydney Morning Herald today.", "Sydney Morning Herald", typMISC, typORG},
		{"Rain fell across Western Australia on Monday.", "Western Australia", typORG, typLOC},
		{"He was crowned in the Kingdom of Castile.", "Kingdom of Castile", typORG, typLOC},
		{"The plane crashed into the Atlantic Ocean.", "Atlantic Ocean", typORG, typLOC},
		{"The Bureau of Labor Statistics said so.", "Bureau of Labor Statistics", typLOC, typORG},
		{"He joined the Popular Front in 1990.", "Popular Front", typPER, typORG},
		{"Protests spread from La Paz to the coast.", "La Paz", typPER, typLOC},
		{"Protests spread from Charlotte Amalie to the coast.", "Charlotte Amalie", typPER, typLOC},
		{"Protests spread, Charlotte Amalfi said.", "Charlotte Amalfi", typPER, typPER},
		{"Heaven Sent Gaming is a small firm.", "Heaven Sent Gaming", typORG, typORG},
		{"She read Quillfeather Tales twice.", "Quillfeather Tales", typMISC, typMISC},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocFeatures(tc.text)
			from := -1
			for i := range d.toks {
				if d.toks[i].Start == strings.Index(tc.text, tc.name) {
					from = i
				}
			}
			to := from
			for to < len(d.toks) && d.toks[to].End <= strings.Index(tc.text, tc.name)+len(tc.name) {
				to++
			}
			rs := []typedRange{{from, to, tc.typ}}
			d.retype(rs)
			if got := d.text[d.toks[rs[0].from].Start:d.toks[rs[0].to-1].End]; got != tc.name {
				t.Fatalf("range is %q", got)
			}
			if rs[0].typ != tc.want {
				t.Errorf("type %s, want %s", typeNames[rs[0].typ], typeNames[tc.want])
			}
		})
	}
}
