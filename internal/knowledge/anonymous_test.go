package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestAnonymousHead(t *testing.T) {
	for _, tc := range []struct {
		word string
		ok   bool
		weak bool
	}{
		{"official", true, false}, {"Officials", true, false}, {"sources", true, false},
		{"spokeswoman", true, false}, {"spokespeople", true, false}, {"diplomats", true, false},
		{"aid workers", true, false}, {"people", true, true}, {"person", true, true},
		{"Smith", false, false}, {"said", false, false}, {"", false, false},
	} {
		h, ok := Anonymous().Head(tc.word)
		if ok != tc.ok || ok && h.Weak != tc.weak {
			t.Errorf("Head(%q) = %+v, %v; want ok %v weak %v", tc.word, h, ok, tc.ok, tc.weak)
		}
		if AnonymousHead(tc.word) != tc.ok {
			t.Errorf("AnonymousHead(%q) != %v", tc.word, tc.ok)
		}
	}
	if h, _ := Anonymous().Head("diplomat"); h.Sector != SectorDiplomacy {
		t.Errorf("diplomat sector %q", h.Sector)
	}
}

func TestAnonymousModifier(t *testing.T) {
	for w, want := range map[string]AnonModifierClass{
		"a": AnonDeterminer, "Two": AnonDeterminer, "several": AnonDeterminer,
		"unnamed": AnonMarker, "anonymous": AnonMarker, "senior": AnonRank,
		"intelligence": AnonSector,
	} {
		if m, ok := Anonymous().Modifier(w); !ok || m.Class != want {
			t.Errorf("Modifier(%q) = %+v, %v; want %s", w, m, ok, want)
		}
	}
	if m, _ := Anonymous().Modifier("military"); m.Sector != SectorMilitary {
		t.Errorf("military modifier sector %q", m.Sector)
	}
	if _, ok := Anonymous().Modifier("Smith"); ok {
		t.Error("Modifier(Smith) found")
	}
}

func TestAnonymousPhrase(t *testing.T) {
	for _, tc := range []struct {
		in    string
		class AnonPhraseClass
		words int
	}{
		{"who spoke on condition of anonymity because", AnonAnonymity, 6},
		{"Speaking On Condition Of Anonymity", AnonAnonymity, 5},
		{"who asked not to be named .", AnonAnonymity, 6},
		{"familiar with the matter", AnonAccess, 2},
		{"close to the talks", AnonAccess, 2},
		{"not authorized to speak publicly", AnonReason, 5},
		{"who didn\u2019t want to be named", AnonAnonymity, 6},
	} {
		m, ok := Anonymous().MatchPhrase(strings.Fields(tc.in))
		if !ok || m.Phrase.Class != tc.class || m.Words != tc.words {
			t.Errorf("MatchPhrase(%q) = %+v, %v; want %s over %d words", tc.in, m, ok, tc.class, tc.words)
		}
	}
	for _, in := range []string{"", "who spoke", "the matter", "familiar"} {
		if _, ok := Anonymous().MatchPhrase(strings.Fields(in)); ok {
			t.Errorf("MatchPhrase(%q) found", in)
		}
	}
}

func TestAnonymousDuplicates(t *testing.T) {
	head := "# Source: test\n# Licence: CC0\n# Format: test\n"
	base := "head\tofficial|officials\tstrong\t\nmodifier\ttwo\tdeterminer\t\nphrase\tclose to\taccess\t\n"
	if _, err := loadAnonymous(fstest.MapFS{"data/anonymous.tsv": {Data: []byte(head + base)}}); err != nil {
		t.Fatalf("base: %v", err)
	}
	for _, extra := range []string{
		"head\tofficials\tweak\t\n",
		"modifier\ttwo\trank\t\n",
		"phrase\tclose to\tanonymity\t\n",
		"head\tOfficial\tstrong\t\n",
		"head\tdiplomat\tstrong\tdiplomatic\n",
	} {
		if _, err := loadAnonymous(fstest.MapFS{"data/anonymous.tsv": {Data: []byte(head + base + extra)}}); err == nil {
			t.Errorf("%q: no error", extra)
		}
	}
}
