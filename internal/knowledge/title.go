package knowledge

import (
	"errors"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Title is an honorific, rank or office that precedes a person's name and
// is not part of it: "Mr.", "Rear Adm.", "Grand Ayatollah", "Sen.".
type Title struct {
	Canonical string   // "Rear Admiral"
	Forms     []string // "Rear Admiral", "Rear Adm.", "Rear Adm", ...
	Sector    Sector   // the sector it implies, or SectorNone ("Mr.")
	Role      string   // the normalized role, as in roles.tsv, or ""
	Kind      string   // honorific, political, royal, religious, military, judicial, police, role
}

// TitleMatch is a title found at the start of a text or token sequence.
type TitleMatch struct {
	Title *Title
	Form  string // the form that matched, as listed: "Rear Adm."
	Words int    // how many words (tokens) it spans
	End   int    // for Prefix: the byte offset just past its last word
}

// TitleTable is the immutable table of titles from data/titles.tsv.
type TitleTable struct {
	all []*Title
	// byFirst maps the first word of every form to the forms that start
	// with it, longest (in words) first.
	byFirst map[string][]titleForm
}

type titleForm struct {
	title *Title
	form  string
	words []string
}

// Titles returns the table of titles, loading it on first use.
func Titles() *TitleTable { return titlesOnce() }

var titlesOnce = sync.OnceValue(func() *TitleTable { return must(loadTitles(dataFS)) })

// All returns every title in file order.
func (t *TitleTable) All() []*Title { return append([]*Title(nil), t.all...) }

// Match finds the longest title at the start of words, a sequence of
// tokens such as "Rear", "Adm.", "Jane", "Doe", and returns it with the
// number of words it spans. A form matches as listed or in capitals ("GEN.");
// so "Gen." is a title and "gen." is not. Match does not look past the
// title: whether a name follows ("General Motors", "Justice Department") is
// the caller's to decide.
func (t *TitleTable) Match(words []string) (TitleMatch, bool) {
	if len(words) == 0 {
		return TitleMatch{}, false
	}
	var buf [32]byte
	for _, c := range t.byFirst[string(appendLowerASCII(buf[:0], words[0]))] {
		if len(c.words) > len(words) {
			continue
		}
		ok := true
		for i, w := range c.words {
			if !titleWordEqual(words[i], w) {
				ok = false
				break
			}
		}
		if ok {
			return TitleMatch{Title: c.title, Form: c.form, Words: len(c.words)}, true
		}
	}
	return TitleMatch{}, false
}

// maxTitleWords bounds the words Prefix reads; no form is longer.
const maxTitleWords = 6

// Prefix finds the longest title at the start of s, which is split into
// words at white space; a word ending in a comma, semicolon or colon ends
// the search there. End is the byte offset in s just past the title, so
// s[:End] is the title as written.
func (t *TitleTable) Prefix(s string) (TitleMatch, bool) {
	var words [maxTitleWords]string
	var ends [maxTitleWords]int
	n := 0
	for i := 0; i < len(s) && n < maxTitleWords; {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		start := i
		for i < len(s) && !isSpaceByte(s[i]) {
			i++
		}
		if start == i {
			break
		}
		end := i
		stop := false
		if c := s[end-1]; c == ',' || c == ';' || c == ':' {
			end--
			stop = true
		}
		if end > start {
			words[n], ends[n] = s[start:end], end
			n++
		}
		if stop {
			break
		}
	}
	m, ok := t.Match(words[:n])
	if ok {
		m.End = ends[m.Words-1]
	}
	return m, ok
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// titleKey is the bucket key of a word: its ASCII letters in lower case,
// so that "GEN." and "Gen." share a bucket; titleWordEqual then decides.
func titleKey(w string) string { return string(appendLowerASCII(nil, w)) }

func appendLowerASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// titleWordEqual reports whether the word w of a text matches the word f
// of a title form: exactly, or in capitals ("GEN." for "Gen."), with
// typographic apostrophes and hyphens made plain.
func titleWordEqual(w, f string) bool {
	if w == f {
		return true
	}
	w = exactKey(w)
	return w == f || (hasLetter(f) && isUpperOf(w, f))
}

// isUpperOf reports whether w is f in capitals.
func isUpperOf(w, f string) bool {
	for _, r := range f {
		c, n := utf8.DecodeRuneInString(w)
		if n == 0 || c != unicode.ToUpper(r) {
			return false
		}
		w = w[n:]
	}
	return w == ""
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var titleKinds = map[string]bool{
	"honorific": true, "political": true, "royal": true, "religious": true,
	"military": true, "judicial": true, "police": true, "role": true,
}

func loadTitles(fsys fs.FS) (*TitleTable, error) {
	rows, err := readTable(fsys, "titles.tsv", 5)
	if err != nil {
		return nil, err
	}
	t := &TitleTable{byFirst: make(map[string][]titleForm)}
	seen := make(map[string]*Title)
	var errs []error
	for _, r := range rows {
		f := r.fields
		ti := &Title{Canonical: f[0], Forms: list(f[1]), Sector: Sector(f[2]), Role: f[3], Kind: f[4]}
		if ti.Canonical == "" || len(ti.Forms) == 0 {
			errs = append(errs, r.errorf("title and forms are required"))
			continue
		}
		if !sectors[ti.Sector] {
			errs = append(errs, r.errorf("unknown sector %q", ti.Sector))
		}
		if !titleKinds[ti.Kind] {
			errs = append(errs, r.errorf("unknown kind %q", ti.Kind))
		}
		for _, form := range ti.Forms {
			words := strings.Fields(form)
			if len(words) == 0 || len(words) > maxTitleWords {
				errs = append(errs, r.errorf("form %q has %d words", form, len(words)))
				continue
			}
			if old, dup := seen[form]; dup && old != ti {
				errs = append(errs, r.errorf("form %q is already a form of %s", form, old.Canonical))
				continue
			}
			seen[form] = ti
			k := titleKey(words[0])
			t.byFirst[k] = append(t.byFirst[k], titleForm{title: ti, form: form, words: words})
		}
		t.all = append(t.all, ti)
	}
	for _, forms := range t.byFirst {
		sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].words) > len(forms[j].words) })
	}
	if len(t.all) == 0 {
		errs = append(errs, errors.New("knowledge: titles.tsv: no rows"))
	}
	return t, errors.Join(errs...)
}
