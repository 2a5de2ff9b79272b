package crosscheck

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/claims.tsv
var claimsTSV string

// sense is one reading of a predicate: its canonical lemma (the first
// member of an antonym line) and whether the word says the opposite.
type sense struct {
	canon string
	flip  bool
}

// claimLexicon is the cue words of claims, loaded once from
// data/claims.tsv. Closed classes are keyed by the word, verb classes by
// its stem.
type claimLexicon struct {
	neg, hedge, definite, aux, particle, boundary, wh, pronoun map[string]bool
	refuse, deny, withhold, light                              map[string]bool // stems
	lightObj                                                   map[string]bool // "verbstem:nounstem"
	irregular                                                  map[string]string
	antonym                                                    map[string][]sense // stem → senses
}

var claimLex = sync.OnceValue(func() *claimLexicon {
	l, err := parseClaimLexicon(claimsTSV)
	if err != nil {
		panic(err) // the embedded data is part of the build
	}
	return l
})

func parseClaimLexicon(data string) (*claimLexicon, error) {
	l := &claimLexicon{irregular: map[string]string{}, antonym: map[string][]sense{}, lightObj: map[string]bool{}}
	sets := map[string]*map[string]bool{
		"neg": &l.neg, "hedge": &l.hedge, "definite": &l.definite, "aux": &l.aux, "particle": &l.particle,
		"boundary": &l.boundary, "wh": &l.wh, "pronoun": &l.pronoun,
		"refuse": &l.refuse, "deny": &l.deny, "withhold": &l.withhold, "light": &l.light,
	}
	stemmed := map[string]bool{"refuse": true, "deny": true, "withhold": true, "light": true}
	for _, p := range sets {
		*p = map[string]bool{}
	}
	var antonyms [][]string
	for n, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("crosscheck: claims.tsv:%d: no words", n+1)
		}
		kind, words := f[0], f[1:]
		switch kind {
		case "irregular":
			for _, w := range words {
				form, lemma, ok := strings.Cut(w, ":")
				if !ok {
					return nil, fmt.Errorf("crosscheck: claims.tsv:%d: %q is not form:lemma", n+1, w)
				}
				l.irregular[form] = lemma
			}
		case "antonym":
			antonyms = append(antonyms, words)
		default:
			p, ok := sets[kind]
			if !ok {
				return nil, fmt.Errorf("crosscheck: claims.tsv:%d: unknown kind %q", n+1, kind)
			}
			for _, w := range words {
				switch {
				case kind == "light" && strings.Contains(w, ":"):
					v, o, _ := strings.Cut(w, ":")
					l.lightObj[stem(l, v)+":"+stem(l, o)] = true
				case stemmed[kind]:
					(*p)[stem(l, w)] = true
				default:
					(*p)[w] = true
				}
			}
		}
	}
	// Stems need the irregular forms, so antonyms are read last.
	for _, words := range antonyms {
		canon := predStem(l, words[0])
		for i, w := range words {
			st := predStem(l, w)
			l.antonym[st] = append(l.antonym[st], sense{canon: canon, flip: i > 0})
		}
	}
	return l, nil
}

// predStem stems a predicate, keeping a phrasal verb's particle: "rule_out".
func predStem(l *claimLexicon, w string) string {
	if v, p, ok := strings.Cut(w, "_"); ok {
		return stem(l, v) + "_" + p
	}
	return stem(l, w)
}

// senses returns the readings of predicate stem p: its antonym lines, or
// itself.
func (l *claimLexicon) senses(p string) []sense {
	if s, ok := l.antonym[p]; ok {
		return s
	}
	return []sense{{canon: p}}
}

// stem reduces a lower-case word to a crude stem so that the forms of a
// verb or noun compare equal: "ruled", "rules", "ruling" and "rule" all
// give "rul". Irregular forms go through the lexicon first.
func stem(l *claimLexicon, w string) string {
	if l != nil {
		if lemma, ok := l.irregular[w]; ok {
			w = lemma
		}
	}
	n := len(w)
	switch {
	case n > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		w = w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = undouble(w[:n-2])
	case n > 4 && strings.HasSuffix(w, "es") && strings.ContainsRune("sxzh", rune(w[n-3])):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		w = w[:n-1]
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// undouble drops a doubled final consonant left by a suffix: "stopp" →
// "stop"; ll, ss and zz stay ("fall").
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
