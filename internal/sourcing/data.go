package sourcing

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// lexicon is the immutable knowledge the scorecard reads, loaded once from
// the embedded data files.
type lexicon struct {
	loaded       phraseSet         // loaded.tsv
	loadedPrefix []string          // loaded.tsv forms ending in "*"
	loadedClass  map[string]string // form -> class
	foreign      map[string]string // folded form -> language
	suffixes     map[string]string // suffix -> language
	placeholders phraseSet         // placeholders.tsv
	citeCues     phraseSet         // citecues.tsv
	concepts     map[string]string // word -> concept
	tlds         map[string]bool   // top-level domains a cited domain may end in
	subjective   map[string]string // subjective.tsv: base form -> class
}

// phraseSet holds phrases as word sequences, looked up by their first word.
type phraseSet map[string][][]string

func (p phraseSet) add(form string) {
	w := strings.Fields(form)
	if len(w) == 0 {
		return
	}
	p[w[0]] = append(p[w[0]], w)
}

// match returns the number of words of the longest phrase that starts at
// words[0] (lowercase words), or 0.
func (p phraseSet) match(words []string) int {
	if len(words) == 0 {
		return 0
	}
	best := 0
	for _, ph := range p[words[0]] {
		if len(ph) > len(words) || len(ph) <= best {
			continue
		}
		ok := true
		for i := 1; i < len(ph); i++ {
			if words[i] != ph[i] {
				ok = false
				break
			}
		}
		if ok {
			best = len(ph)
		}
	}
	return best
}

var lex = sync.OnceValue(func() *lexicon {
	l, err := loadLexicon()
	if err != nil {
		panic(err) // embedded data is part of the binary: a test catches this
	}
	return l
})

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		loaded: phraseSet{}, loadedClass: map[string]string{},
		foreign: map[string]string{}, suffixes: map[string]string{},
		placeholders: phraseSet{}, citeCues: phraseSet{}, concepts: map[string]string{},
		tlds: map[string]bool{}, subjective: map[string]string{},
	}
	err := eachRow("loaded.tsv", 2, func(f []string) error {
		for _, form := range strings.Split(f[0], "|") {
			if p, ok := strings.CutSuffix(form, "*"); ok {
				if utf8.RuneCountInString(p) < 4 {
					return fmt.Errorf("prefix %q shorter than 4 letters", form)
				}
				l.loadedPrefix = append(l.loadedPrefix, p)
			} else {
				l.loaded.add(form)
			}
			l.loadedClass[strings.TrimSuffix(form, "*")] = f[1]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("foreign.tsv", 2, func(f []string) error {
		if f[0] == "suffix" {
			if len(f) < 3 {
				return fmt.Errorf("suffix row needs a language and forms")
			}
			for _, s := range strings.Split(f[2], "|") {
				l.suffixes[s] = f[1]
			}
			return nil
		}
		for _, w := range strings.Split(f[1], "|") {
			l.foreign[fold(w)] = f[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, x := range []struct {
		file string
		set  phraseSet
	}{{"placeholders.tsv", l.placeholders}, {"citecues.tsv", l.citeCues}} {
		if err := eachRow(x.file, 1, func(f []string) error { x.set.add(f[0]); return nil }); err != nil {
			return nil, err
		}
	}
	err = eachRow("concepts.tsv", 2, func(f []string) error {
		for _, w := range strings.Split(f[1], "|") {
			l.concepts[w] = f[0]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("tlds.tsv", 1, func(f []string) error {
		for _, t := range strings.Split(f[0], "|") {
			l.tlds[t] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("subjective.tsv", 2, func(f []string) error {
		for _, w := range strings.Split(f[0], "|") {
			l.subjective[w] = f[1]
		}
		return nil
	})
	return l, err
}

// subjectiveClass returns the subjective.tsv class of a lowercase word,
// trying its base form when the word is inflected, or "".
func (l *lexicon) subjectiveClass(w string) string {
	if c, ok := l.subjective[w]; ok {
		return c
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing", "ly", "er", "est", "ness", "ally"} {
		b, ok := strings.CutSuffix(w, suf)
		if !ok || len(b) < 3 {
			continue
		}
		if c, ok := l.subjective[b]; ok {
			return c
		}
		if suf == "ing" || suf == "ed" || suf == "er" || suf == "est" {
			if c, ok := l.subjective[b+"e"]; ok { // "raging", "raged"
				return c
			}
			if n := len(b); n > 3 && b[n-1] == b[n-2] { // "slammed", "ripping"
				if c, ok := l.subjective[b[:n-1]]; ok {
					return c
				}
			}
		}
		if suf == "ly" || suf == "er" || suf == "est" || suf == "ed" {
			if n := len(b); b[n-1] == 'i' { // "angrily", "happier", "bullied"
				if c, ok := l.subjective[b[:n-1]+"y"]; ok {
					return c
				}
			}
		}
	}
	return ""
}

// eachRow calls fn with the tab-separated fields of every data line of an
// embedded file, which must have at least cols fields. Lines starting with
// "#" and empty lines are skipped. A file without a Source and a Licence
// line in its header is an error.
func eachRow(name string, cols int, fn func([]string) error) error {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return fmt.Errorf("sourcing: %w", err)
	}
	text := string(b)
	if !strings.Contains(text, "\n# Source:") || !strings.Contains(text, "\n# Licence:") {
		return fmt.Errorf("sourcing: data/%s: header must name its Source and Licence", name)
	}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < cols {
			return fmt.Errorf("sourcing: data/%s: line %d: want %d fields, have %d", name, i+1, cols, len(f))
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("sourcing: data/%s: line %d: %w", name, i+1, err)
		}
	}
	return nil
}

// fold lowercases s and strips the accents of Latin letters, so that
// "Veröffentlicht" and "veroffentlicht" meet.
func fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
			continue
		case '’':
			b.WriteByte('\'')
			continue
		}
		if base, ok := accents[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldASCII returns fold(s) when s is ASCII: its lower case, s itself
// when it has no capital letter.
func foldASCII(s string) (string, bool) {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s, true
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b), true
}

var accents = func() map[rune]rune {
	m := map[rune]rune{}
	for base, set := range map[rune]string{
		'a': "àáâãäåā", 'c': "çćč", 'e': "èéêëēėę", 'i': "ìíîïī", 'n': "ñń",
		'o': "òóôõöøō", 'u': "ùúûüū", 'y': "ýÿ", 's': "śš", 'z': "źżž", 'l': "ł", 'g': "ğ",
	} {
		for _, r := range set {
			m[r] = base
		}
	}
	return m
}()

// word is one word of the text: letters and digits, with inner
// apostrophes, hyphens and periods ("don't", "far-left", "U.S.").
type word struct {
	start, end int
	lower      string // lowercase, folded
}

// words splits text into words with their byte spans.
func words(text string) []word {
	var out []word
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r) {
				j += n
				continue
			}
			// an inner joiner followed by a word rune
			if r == '\'' || r == '’' || r == '-' {
				if r2, _ := utf8.DecodeRuneInString(text[j+n:]); j+n < len(text) && isWordRune(r2) {
					j += n
					continue
				}
			}
			break
		}
		low := fold(text[i:j])
		if l := len(low); l > 2 && low[l-2:] == "'s" {
			low = low[:l-2] // possessive: "regime's" is "regime"
		}
		out = append(out, word{start: i, end: j, lower: low})
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func lowers(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.lower
	}
	return out
}
