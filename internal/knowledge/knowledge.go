// Package knowledge is the embedded knowledge base that entity recognition
// and event coding stand on: states and territories with their codes,
// names, demonyms and capitals; metonyms for their institutions ("the
// Kremlin"); international, national and armed organizations; the titles
// that precede a name; the role nouns that make role phrases; and the
// gazetteers of given names, surnames, places and common English words
// that the recognizer uses as features. For quote and source extraction it
// holds the cues of attribution (reporting verbs with their inflections,
// cue phrases and cue nouns), the descriptors of unnamed sources, and the
// news outlets with their aliases and web domains.
//
// The data are plain tab-separated files under data/, embedded in the
// binary; each starts with a header naming its source, licence and format.
// Each table is parsed once, on first use, into a typed value that is never
// modified afterwards, so it is safe for concurrent use. The loaders are
// checked by the package tests: bad embedded data is a bug, and the
// accessors panic rather than return a half-built table.
//
// Values returned by the tables (*State, *Org, ...) are shared: callers must
// treat them, and the slices they hold, as read-only.
package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Sector is the sphere an organization, title or role belongs to, as event
// coding needs it: who acts for a government, an army, a party, the press.
type Sector string

// The sectors. Not every table uses every sector.
const (
	SectorNone         Sector = ""
	SectorGovernment   Sector = "government"
	SectorMilitary     Sector = "military"
	SectorIntelligence Sector = "intelligence"
	SectorPolice       Sector = "police"
	SectorDiplomacy    Sector = "diplomacy"
	SectorLegislature  Sector = "legislature"
	SectorJudiciary    Sector = "judiciary"
	SectorParty        Sector = "party"
	SectorMedia        Sector = "media"
	SectorNGO          Sector = "ngo"
	SectorIGO          Sector = "igo"
	SectorArmedGroup   Sector = "armed_group"
	SectorThinkTank    Sector = "think_tank"
	SectorCompany      Sector = "company"
	SectorBusiness     Sector = "business"
	SectorRoyalty      Sector = "royalty"
	SectorReligious    Sector = "religious"
	SectorAcademic     Sector = "academic"
)

var sectors = map[Sector]bool{
	SectorNone: true, SectorGovernment: true, SectorMilitary: true, SectorIntelligence: true,
	SectorPolice: true, SectorDiplomacy: true, SectorLegislature: true, SectorJudiciary: true,
	SectorParty: true, SectorMedia: true, SectorNGO: true, SectorIGO: true, SectorArmedGroup: true,
	SectorThinkTank: true, SectorCompany: true, SectorBusiness: true, SectorRoyalty: true,
	SectorReligious: true, SectorAcademic: true,
}

// readTable reads an embedded data file and returns its rows, each with
// exactly cols fields, skipping blank lines and "#" comments.
func readTable(fsys fs.FS, name string, cols int) ([]row, error) {
	b, err := fs.ReadFile(fsys, "data/"+name)
	if err != nil {
		return nil, fmt.Errorf("knowledge: read %s: %w", name, err)
	}
	return parseTable(name, string(b), cols)
}

// row is one data line: its fields and its line number for error messages.
type row struct {
	file   string
	line   int
	fields []string
}

func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("knowledge: %s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

func parseTable(name, text string, cols int) ([]row, error) {
	var rows []row
	var errs []error
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := row{file: name, line: i + 1, fields: strings.Split(line, "\t")}
		if len(r.fields) != cols {
			errs = append(errs, r.errorf("%d fields, want %d", len(r.fields), cols))
			continue
		}
		for j, f := range r.fields {
			if f != strings.TrimSpace(f) {
				errs = append(errs, r.errorf("field %d has surrounding space: %q", j+1, f))
			}
		}
		rows = append(rows, r)
	}
	return rows, errors.Join(errs...)
}

// list splits a "|"-separated field; an empty field is an empty list.
func list(field string) []string {
	if field == "" {
		return nil
	}
	return strings.Split(field, "|")
}

// ExactCase reports whether the tables match a form only as written: an
// acronym or a form shaped like one ("US", "WHO", "U.S.", "DoD", "BiH"),
// which would otherwise match ordinary words ("us", "who"): no spaces, at
// least two capitals and no more lowercase letters than capitals.
func ExactCase(form string) bool { return exactCase(form) }

func exactCase(form string) bool {
	upper, lower := 0, 0
	for _, r := range form {
		switch {
		case unicode.IsSpace(r):
			return false
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper >= 2 && upper >= lower
}

// exactKey normalizes a form for a case-sensitive match: typographic
// apostrophes and dashes become ASCII, white space collapses.
func exactKey(s string) string {
	if plainKey(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(punct(r))
	}
	return b.String()
}

// foldKey normalizes a form for a case- and accent-insensitive match:
// "Côte d’Ivoire", "COTE D'IVOIRE" and "cote d'ivoire" fold alike. Hyphens
// count as spaces ("Guinea Bissau") and "&" as "and".
func foldKey(s string) string { return string(appendFold(nil, s)) }

// appendFold appends the folded form of s to dst; lookups fold into a
// stack buffer so that they do not allocate.
func appendFold(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for _, r := range strings.TrimSpace(s) {
		r = punct(r)
		if r == '-' || unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		if r == '&' {
			dst = append(dst, "and"...)
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		r = unicode.ToLower(r)
		if base, ok := unaccent[r]; ok {
			dst = append(dst, base...)
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// plainKey reports whether exactKey(s) is s: printable ASCII without "`"
// and with single spaces between words only.
func plainKey(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= utf8.RuneSelf || c == '`' || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// punct maps typographic apostrophes and dashes to their ASCII forms.
func punct(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u00b4', '`', '\u2032':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return '-'
	case '\u00a0', '\u202f':
		return ' '
	}
	return r
}

// unaccent maps lowercase Latin letters with diacritics to their base
// letters. It covers Latin-1 and Latin Extended-A, which is what the names
// in the tables and in English news use.
var unaccent = func() map[rune]string {
	m := make(map[rune]string)
	for _, p := range []struct{ from, to string }{
		{"àáâãäåāăą", "a"}, {"æ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
		{"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįı", "i"},
		{"ĳ", "ij"}, {"ĵ", "j"}, {"ķ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉ", "n"},
		{"òóôõöøōŏő", "o"}, {"œ", "oe"}, {"ŕŗř", "r"}, {"śŝşšș", "s"}, {"ß", "ss"},
		{"ţťŧț", "t"}, {"þ", "th"}, {"ùúûüũūŭůűų", "u"}, {"ŵ", "w"}, {"ýÿŷ", "y"},
		{"źżž", "z"},
	} {
		for _, r := range p.from {
			m[r] = p.to
		}
	}
	return m
}()

// stripThe returns s without a leading "the " in any case, and whether
// there was one.
func stripThe(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return strings.TrimSpace(s[4:]), true
	}
	return s, false
}

// index maps normalized forms to values of type V, with case-sensitive
// keys for acronyms and folded keys for everything else.
type index[V any] struct {
	exact map[string]V
	fold  map[string]V
}

func newIndex[V any]() index[V] {
	return index[V]{exact: make(map[string]V), fold: make(map[string]V)}
}

// key returns the map and key a form is stored under.
func (x index[V]) key(form string) (map[string]V, string) {
	if exactCase(form) {
		return x.exact, exactKey(form)
	}
	return x.fold, foldKey(form)
}

// get looks s up as written, then folded, then without a leading "the".
func (x index[V]) get(s string) (V, bool) {
	if v, ok := x.get1(s); ok {
		return v, true
	}
	if rest, ok := stripThe(s); ok {
		return x.get1(rest)
	}
	var zero V
	return zero, false
}

func (x index[V]) get1(s string) (V, bool) {
	if v, ok := x.exact[exactKey(s)]; ok {
		return v, true
	}
	var buf [128]byte
	v, ok := x.fold[string(appendFold(buf[:0], s))]
	return v, ok
}

// ambiguity is one row of ambiguous.tsv.
type ambiguity struct {
	form       string
	candidates []string
}

func readAmbiguous(fsys fs.FS, table string) ([]ambiguity, error) {
	rows, err := readTable(fsys, "ambiguous.tsv", 4)
	if err != nil {
		return nil, err
	}
	var out []ambiguity
	var errs []error
	for _, r := range rows {
		switch r.fields[0] {
		case "state", "org":
		default:
			errs = append(errs, r.errorf("unknown table %q", r.fields[0]))
			continue
		}
		if r.fields[0] != table {
			continue
		}
		c := list(r.fields[2])
		if r.fields[1] == "" || len(c) < 2 {
			errs = append(errs, r.errorf("ambiguous form %q needs two or more candidates", r.fields[1]))
			continue
		}
		out = append(out, ambiguity{form: r.fields[1], candidates: c})
	}
	return out, errors.Join(errs...)
}

// must is how the accessors turn a loader error, which only a change to the
// embedded data can cause and the tests catch, into a loud failure.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
