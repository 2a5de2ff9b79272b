package knowledge

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
)

// Role is a role noun or noun phrase that names a person by office or
// function: "chancellor", "top diplomat", "defence secretary", "spokesman".
type Role struct {
	Forms  []string // lowercase; British and American spellings
	Name   string   // normalized role: "head_of_government", "foreign_minister"
	Sector Sector   // the sector it implies, or SectorNone ("spokesman")
}

// RoleMatch is a role phrase found at the end of a text.
type RoleMatch struct {
	Role  *Role
	Form  string // the form that matched, as listed
	Start int    // byte offset in the text where the role phrase starts
	End   int    // byte offset just past it, before trailing space and punctuation
}

// RoleTable is the immutable table of role nouns from data/roles.tsv.
type RoleTable struct {
	all      []*Role
	byForm   map[string]roleForm
	maxWords int
	// lastWords holds the last word of every folded form: a phrase whose
	// folded last word is not here names no role.
	lastWords map[string]bool
}

type roleForm struct {
	role *Role
	form string
}

// Roles returns the table of role nouns, loading it on first use.
func Roles() *RoleTable { return rolesOnce() }

var rolesOnce = sync.OnceValue(func() *RoleTable { return must(loadRoles(dataFS)) })

// All returns every role in file order.
func (t *RoleTable) All() []*Role { return append([]*Role(nil), t.all...) }

// Lookup finds the role a whole phrase names, regardless of case, accents
// and hyphens: "Foreign Minister", "defense secretary".
func (t *RoleTable) Lookup(phrase string) (*Role, bool) {
	var buf [128]byte
	rf, ok := t.byForm[string(appendFold(buf[:0], phrase))]
	return rf.role, ok
}

// LookupWords is Lookup of the words joined by spaces, without building
// the phrase.
func (t *RoleTable) LookupWords(words ...string) (*Role, bool) {
	var buf [128]byte
	b := buf[:0]
	for _, w := range words {
		b = appendFoldWord(b, w)
	}
	if len(b) > 0 {
		// Every folded form ends in one of lastWords.
		last := b[lastSpace(b)+1:]
		if !t.lastWords[string(last)] {
			return nil, false
		}
	}
	rf, ok := t.byForm[string(b)]
	return rf.role, ok
}

// MayEnd reports whether a role phrase may end in the word w: false when
// w's folding is not empty and its last word ends no form, so that
// neither Lookup nor LookupWords finds a phrase ending in " "+w, nor
// Suffix a text whose last word (after white space) is w.
func (t *RoleTable) MayEnd(w string) bool {
	var buf [64]byte
	b := appendFold(buf[:0], w)
	return len(b) == 0 || t.lastWords[string(b[lastSpace(b)+1:])]
}

// appendFoldWord appends the folding of w to the folded words in dst,
// after a space when both are non-empty: folding x+" "+y gives the same
// as folding x and y apart and joining them so, since white space and
// hyphens only separate words.
func appendFoldWord(dst []byte, w string) []byte {
	n := len(dst)
	if n > 0 {
		dst = append(dst, ' ')
	}
	out := appendFold(dst, w)
	if len(out) == len(dst) {
		return out[:n] // w folds to nothing: no separator
	}
	return out
}

func lastSpace(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == ' ' {
			return i
		}
	}
	return -1
}

// Suffix finds the longest role phrase that ends s, at a word boundary: in
// "France's top diplomat" it finds "top diplomat" and its Start; in "the
// German defence minister", "defence minister". Trailing white space and
// punctuation (",;:.") are ignored. The words before it (determiners,
// demonyms, possessives) are the caller's to interpret; a phrase the table
// lacks ends in a shorter one it has ("health minister" is found as
// "minister").
func (t *RoleTable) Suffix(s string) (RoleMatch, bool) {
	s = strings.TrimRight(s, " \t\n\r,;:.")
	// Word starts, from the end, up to maxWords of them.
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
	if len(starts) == 0 {
		return RoleMatch{}, false
	}
	// The last word decides most texts: a phrase whose folded last word
	// ends no form is no role.
	var buf [128]byte
	b := appendFold(buf[:0], s[starts[0]:])
	if len(b) > 0 && !t.lastWords[string(b[lastSpace(b)+1:])] {
		return RoleMatch{}, false
	}
	// Fold the words once, from the first: the folding of s[starts[k]:]
	// is b[off[k]:], where off[k] is where the first word at or after
	// starts[k] that folds to something begins.
	var offBuf [8]int
	off := offBuf[:len(starts)]
	b = buf[:0]
	for k := len(starts) - 1; k >= 0; k-- {
		end := len(s)
		if k > 0 {
			end = starts[k-1]
		}
		n := len(b)
		b = appendFoldWord(b, s[starts[k]:end])
		switch {
		case len(b) == n:
			off[k] = -1 // folds to nothing: see below
		case n > 0:
			off[k] = n + 1
		default:
			off[k] = n
		}
	}
	for k := range off {
		if off[k] < 0 {
			if k == 0 {
				off[k] = len(b)
			} else {
				off[k] = off[k-1]
			}
		}
	}
	for k := len(starts) - 1; k >= 0; k-- {
		if rf, ok := t.byForm[string(b[off[k]:])]; ok {
			return RoleMatch{Role: rf.role, Form: rf.form, Start: starts[k], End: len(s)}, true
		}
	}
	return RoleMatch{}, false
}

func loadRoles(fsys fs.FS) (*RoleTable, error) {
	rows, err := readTable(fsys, "roles.tsv", 3)
	if err != nil {
		return nil, err
	}
	t := &RoleTable{byForm: make(map[string]roleForm), lastWords: make(map[string]bool)}
	var errs []error
	for _, r := range rows {
		f := r.fields
		ro := &Role{Forms: list(f[0]), Name: f[1], Sector: Sector(f[2])}
		if len(ro.Forms) == 0 || ro.Name == "" {
			errs = append(errs, r.errorf("forms and role are required"))
			continue
		}
		if !sectors[ro.Sector] {
			errs = append(errs, r.errorf("unknown sector %q", ro.Sector))
		}
		for _, form := range ro.Forms {
			if form != strings.ToLower(form) {
				errs = append(errs, r.errorf("form %q is not lowercase", form))
			}
			k := foldKey(form)
			if old, dup := t.byForm[k]; dup && old.role != ro {
				errs = append(errs, r.errorf("form %q is already a form of %s", form, old.role.Name))
				continue
			}
			t.byForm[k] = roleForm{role: ro, form: form}
			t.lastWords[k[strings.LastIndexByte(k, ' ')+1:]] = true
			if n := len(strings.Fields(k)); n > t.maxWords {
				t.maxWords = n
			}
		}
		t.all = append(t.all, ro)
	}
	if len(t.all) == 0 {
		errs = append(errs, errors.New("knowledge: roles.tsv: no rows"))
	}
	return t, errors.Join(errs...)
}
