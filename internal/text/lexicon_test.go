package text

import (
	"strings"
	"testing"
)

func TestLexicon(t *testing.T) {
	if len(lex.abbrev) < 100 || len(lex.starters) < 100 || len(lex.verbs) < 20 {
		t.Fatalf("lexicon too small: %d abbreviations, %d starters, %d verbs", len(lex.abbrev), len(lex.starters), len(lex.verbs))
	}
	for w, want := range map[string]abbrevClass{
		"Mr": abbrevTitle, "MRS": abbrevTitle, "MR": notAbbrev, "PROF": abbrevTitle, "e.g": abbrevNever, "vs": abbrevNever, "Vs": abbrevNever,
		"VS": notAbbrev, "No": abbrevNumber, "NO": notAbbrev, "no": abbrevNumber, "Sept": abbrevNumber, "SEPT": abbrevNumber,
		"Inc": abbrevAmbiguous, "INC": abbrevAmbiguous, "etc": abbrevFinal, "p": abbrevNumber, "P": notAbbrev,
		"v": abbrevNever, "V": notAbbrev, "Smith": notAbbrev, "": notAbbrev, "Gov't": abbrevAmbiguous,
		strings.Repeat("a", 40): notAbbrev, "Ünï": notAbbrev,
	} {
		if got := lex.class(w); got != want {
			t.Errorf("class(%q) = %d, want %d", w, got, want)
		}
	}
	// Every data file names its source and licence.
	for name, data := range map[string]string{"abbreviations": abbreviationsData, "starters": startersData, "reporting_verbs": reportingVerbsData} {
		if !strings.Contains(data, "Source:") || !strings.Contains(data, "Licence: CC0") {
			t.Errorf("data/%s.txt lacks a Source: or Licence: header", name)
		}
	}
}

func TestLoadLexiconErrors(t *testing.T) {
	for name, abbrevs := range map[string]string{
		"unknown class": "[nope]\nMr\n",
		"no class":      "Mr\n",
		"final period":  "[title]\nMr.\n",
		"two words":     "[title]\nMr Dr\n",
		"duplicate":     "[title]\nMr\n[never]\nMr\n",
	} {
		if _, err := loadLexicon(abbrevs, "", ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := loadLexicon("", "The\nThe\n", ""); err == nil {
		t.Error("duplicate starter: no error")
	}
	if _, err := loadLexicon("", "", "said it\n"); err == nil {
		t.Error("two-word verb: no error")
	}
	l, err := loadLexicon("# c\n[title] # heading\nMr # comment\n\n", "The", "said")
	if err != nil || l.abbrev["Mr"] != abbrevTitle || !l.starters["The"] || !l.verbs["said"] {
		t.Errorf("comments: %v %v", l, err)
	}
}
