package knowledge

import (
	"testing"
	"unicode/utf8"
)

// FuzzLookup feeds arbitrary strings, as a recognizer would from any
// article, to every lookup: no panic, offsets within the input, and a
// match that is consistent (one state, or candidates, never both).
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"U.S.", "the Kremlin", "Rear Adm. X", "France's top diplomat", "", "the ", "\xff\xfe", "Lt.-Gen.,", "   the   the", "ŁÓDŹ-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, ok := States().Lookup(s); ok && (m.State == nil || m.Candidates != nil) {
			t.Fatalf("States().Lookup(%q) = %+v", s, m)
		}
		if m, ok := Orgs().Lookup(s); ok && m.Org == nil {
			t.Fatalf("Orgs().Lookup(%q) = %+v", s, m)
		}
		Metonyms().Lookup(s)
		Roles().Lookup(s)
		if m, ok := Titles().Prefix(s); ok {
			if m.End <= 0 || m.End > len(s) {
				t.Fatalf("Titles().Prefix(%q).End = %d", s, m.End)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[:m.End]) {
				t.Fatalf("Titles().Prefix(%q) splits a rune at %d", s, m.End)
			}
		}
		if m, ok := Roles().Suffix(s); ok && (m.Start < 0 || m.Start >= m.End || m.End > len(s)) {
			t.Fatalf("Roles().Suffix(%q) = [%d,%d)", s, m.Start, m.End)
		}
	})
}
