package text

import (
	_ "embed"
	"fmt"
	"strings"
)

// The splitter's knowledge is data: see the headers of the files for their
// format, source and licence.
var (
	//go:embed data/abbreviations.txt
	abbreviationsData string
	//go:embed data/starters.txt
	startersData string
	//go:embed data/reporting_verbs.txt
	reportingVerbsData string
)

// abbrevClass says how an abbreviation followed by a period behaves at a
// possible sentence end. The names match the [class] headings of
// data/abbreviations.txt.
type abbrevClass uint8

const (
	notAbbrev       abbrevClass = iota
	abbrevTitle                 // precedes a name; never ends a sentence
	abbrevNever                 // never ends a sentence
	abbrevNumber                // no end before a number, else a plain word
	abbrevAmbiguous             // ends a sentence before a sentence starter
	abbrevFinal                 // ends a sentence before any capital, like a word
)

var abbrevClassNames = map[string]abbrevClass{
	"title":     abbrevTitle,
	"never":     abbrevNever,
	"number":    abbrevNumber,
	"ambiguous": abbrevAmbiguous,
	"final":     abbrevFinal,
}

// lexicon holds the immutable tables loaded from the embedded data files.
type lexicon struct {
	abbrev    map[string]abbrevClass // exact spelling
	capsFold  map[string]abbrevClass // lowercased entries of >= 3 letters, for ALL CAPS text
	titleFold map[string]abbrevClass // lowercase entries of >= 2 letters, for Capitalized text
	starters  map[string]bool
	verbs     map[string]bool
}

// lex is loaded once; the data is embedded, so a failure is a build bug that
// TestLexicon and every other test catch.
var lex = mustLoadLexicon()

func mustLoadLexicon() *lexicon {
	l, err := loadLexicon(abbreviationsData, startersData, reportingVerbsData)
	if err != nil {
		panic(err)
	}
	return l
}

func loadLexicon(abbrevs, starters, verbs string) (*lexicon, error) {
	l := &lexicon{
		abbrev:    make(map[string]abbrevClass),
		capsFold:  make(map[string]abbrevClass),
		titleFold: make(map[string]abbrevClass),
		starters:  make(map[string]bool),
		verbs:     make(map[string]bool),
	}
	class := notAbbrev
	err := eachLine(abbrevs, func(n int, s string) error {
		if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			c, ok := abbrevClassNames[s[1:len(s)-1]]
			if !ok {
				return fmt.Errorf("line %d: unknown class %s", n, s)
			}
			class = c
			return nil
		}
		if class == notAbbrev {
			return fmt.Errorf("line %d: %q before any [class]", n, s)
		}
		if strings.HasSuffix(s, ".") || strings.ContainsAny(s, " \t") {
			return fmt.Errorf("line %d: %q: write one abbreviation without its final period", n, s)
		}
		if _, dup := l.abbrev[s]; dup {
			return fmt.Errorf("line %d: duplicate %q", n, s)
		}
		l.abbrev[s] = class
		low := strings.ToLower(s)
		if len(s) >= 3 {
			l.capsFold[low] = class
		}
		if len(s) >= 2 && low == s {
			l.titleFold[low] = class
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("text: data/abbreviations.txt: %w", err)
	}
	if err := loadSet(l.starters, starters); err != nil {
		return nil, fmt.Errorf("text: data/starters.txt: %w", err)
	}
	if err := loadSet(l.verbs, verbs); err != nil {
		return nil, fmt.Errorf("text: data/reporting_verbs.txt: %w", err)
	}
	return l, nil
}

func loadSet(m map[string]bool, data string) error {
	return eachLine(data, func(n int, s string) error {
		if strings.ContainsAny(s, " \t") {
			return fmt.Errorf("line %d: %q: one word per line", n, s)
		}
		if m[s] {
			return fmt.Errorf("line %d: duplicate %q", n, s)
		}
		m[s] = true
		return nil
	})
}

// eachLine calls f with each non-blank line of data, comments removed.
func eachLine(data string, f func(n int, s string) error) error {
	for n, line := range strings.Split(data, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if err := f(n+1, line); err != nil {
			return err
		}
	}
	return nil
}

// class returns the abbreviation class of w, a word written before a
// period (without the period). It does not allocate.
func (l *lexicon) class(w string) abbrevClass {
	if c, ok := l.abbrev[w]; ok {
		return c
	}
	if len(w) < 2 || len(w) > 32 {
		return notAbbrev
	}
	var buf [32]byte
	upper := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			upper++
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', c == '.', c == '\'':
		default:
			return notAbbrev
		}
		buf[i] = c
	}
	switch {
	case upper == 0:
		return notAbbrev
	case upper == 1 && 'A' <= w[0] && w[0] <= 'Z':
		return l.titleFold[string(buf[:len(w)])]
	case upper == len(w) || upper == len(w)-strings.Count(w, ".")-strings.Count(w, "'"):
		return l.capsFold[string(buf[:len(w)])]
	}
	return notAbbrev
}
