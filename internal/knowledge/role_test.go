package knowledge

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// suffixByFolding is RoleTable.Suffix as first written: it folds every
// candidate suffix of s apart.
func suffixByFolding(t *RoleTable, s string) (RoleMatch, bool) {
	s = strings.TrimRight(s, " \t\n\r,;:.")
	var startsBuf [8]int
	starts := startsBuf[:0]
	for i := len(s); i > 0 && len(starts) < t.maxWords; {
		j := i
		for j > 0 && !isSpaceByte(s[j-1]) {
			j--
		}
		starts = append(starts, j)
		for j > 0 && isSpaceByte(s[j-1]) {
			j--
		}
		i = j
	}
	var buf [128]byte
	for k := len(starts) - 1; k >= 0; k-- {
		if rf, ok := t.byForm[string(appendFold(buf[:0], s[starts[k]:]))]; ok {
			return RoleMatch{Role: rf.role, Form: rf.form, Start: starts[k], End: len(s)}, true
		}
	}
	return RoleMatch{}, false
}

// TestSuffixFolding checks Suffix, LookupWords and MayEnd, which fold
// words once and skip phrases by their last word, against folding whole
// phrases, on random phrases of role words, hyphens, dashes and unusual
// white space.
func TestSuffixFolding(t *testing.T) {
	rt := Roles()
	var vocab []string
	for k := range rt.byForm {
		vocab = append(vocab, strings.Fields(k)...)
	}
	slices.Sort(vocab) // the same phrases every run
	vocab = append(vocab, "-", "—", "&", "the", "Foreign", "MINISTER", "ex-", "\u00a0", "\xff", "é", "", "x-minister", "top-diplomat", "Défense")
	seps := []string{" ", "  ", "\t", "-", "\n", " - ", "\u00a0", "\v"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(7) {
			b.WriteString(vocab[r.IntN(len(vocab))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		if r.IntN(2) == 0 {
			b.WriteString(vocab[r.IntN(len(vocab))])
		}
		s := b.String()
		m1, ok1 := suffixByFolding(rt, s)
		m2, ok2 := rt.Suffix(s)
		if ok1 != ok2 || m1 != m2 {
			t.Fatalf("Suffix(%q) = %v %v, want %v %v", s, m2, ok2, m1, ok1)
		}
		if f := strings.Fields(strings.TrimRight(s, " \t\n\r,;:.")); ok1 && len(f) > 0 && !rt.MayEnd(f[len(f)-1]) {
			t.Fatalf("MayEnd(%q) is false, but %q ends in a role", f[len(f)-1], s)
		}
		ws := strings.Fields(s)
		if len(ws) > 4 {
			ws = ws[:4]
		}
		r1, o1 := rt.Lookup(strings.Join(ws, " "))
		r2, o2 := rt.LookupWords(ws...)
		if r1 != r2 || o1 != o2 {
			t.Fatalf("LookupWords(%q) = %v %v, want %v %v", ws, r2, o2, r1, o1)
		}
		if len(ws) >= 2 {
			r1, o1 = rt.Lookup(ws[0] + " " + ws[1])
			r2, o2 = rt.LookupWords(ws[0], ws[1])
			if r1 != r2 || o1 != o2 {
				t.Fatalf("LookupWords(%q, %q) = %v %v, want %v %v", ws[0], ws[1], r2, o2, r1, o1)
			}
		}
	}
}
