package boilerplate

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var dataFS embed.FS

// A phraseSet holds folded phrases (see fold) of up to maxWords words.
type phraseSet struct {
	m        map[string]bool
	maxWords int
}

func (s *phraseSet) add(p string) {
	if s.m == nil {
		s.m = make(map[string]bool)
	}
	s.m[p] = true
	s.maxWords = max(s.maxWords, strings.Count(p, " ")+1)
}

func (s *phraseSet) has(p string) bool { return s.m[p] }

// lexicon is the typed, immutable form of the embedded data files.
type lexicon struct {
	ui, fill, headings, prefixes phraseSet
	rights, cookies, prompts     phraseSet
	credits, agencies, bylines   phraseSet
	commentHeads, commentMeta    phraseSet
	langs                        map[string]map[string]bool // file → languages present
}

var defaultLexicon = sync.OnceValue(func() *lexicon {
	l, err := loadLexicon(func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		return string(b), err
	})
	if err != nil {
		panic(err) // the embedded data is part of the build; a test loads it
	}
	return l
})

// loadLexicon reads the data files through read and builds the tables.
func loadLexicon(read func(name string) (string, error)) (*lexicon, error) {
	l := &lexicon{langs: map[string]map[string]bool{}}
	files := []struct {
		name string
		set  *phraseSet
	}{
		{"ui.txt", &l.ui}, {"uifill.txt", &l.fill}, {"headings.txt", &l.headings},
		{"prefixes.txt", &l.prefixes}, {"rights.txt", &l.rights}, {"cookies.txt", &l.cookies},
		{"prompts.txt", &l.prompts}, {"credits.txt", &l.credits}, {"agencies.txt", &l.agencies},
		{"bylines.txt", &l.bylines}, {"commentheads.txt", &l.commentHeads},
		{"commentmeta.txt", &l.commentMeta},
	}
	for _, f := range files {
		data, err := read(f.name)
		if err != nil {
			return nil, fmt.Errorf("boilerplate: lexicon %s: %w", f.name, err)
		}
		langs := map[string]bool{}
		for n, line := range strings.Split(data, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			lang, phrase, ok := strings.Cut(line, "\t")
			if !ok || lang == "" || strings.TrimSpace(phrase) == "" {
				return nil, fmt.Errorf("boilerplate: lexicon %s:%d: want <language><TAB><phrase>, got %q", f.name, n+1, line)
			}
			p := fold(phrase)
			if p == "" {
				return nil, fmt.Errorf("boilerplate: lexicon %s:%d: %q folds to nothing", f.name, n+1, phrase)
			}
			langs[lang] = true
			f.set.add(p)
		}
		l.langs[f.name] = langs
	}
	// Headings and UI strings open cross-link lines too ("Related: ...").
	for p := range l.headings.m {
		l.prefixes.add(p)
	}
	return l, nil
}

// fold maps s to its matching form: lower case, letters, digits and marks
// kept, everything else a single space, trimmed. Apostrophes and hyphens
// split words, so "s'abonner" and "s abonner" match. Turkish dotted and
// dotless capitals fold to "i".
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				if c == 'I' {
					c = 'i'
				} else {
					c += 'a' - 'A'
				}
			default:
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == 'İ':
			r = 'i'
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			r = unicode.ToLower(r)
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
