package knowledge

import (
	"errors"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// AnonHead is a head noun that denotes an unnamed source: "official",
// "sources", "a diplomat", "people (familiar with the matter)".
type AnonHead struct {
	Forms []string // lowercase, singular first: "official", "officials"
	// Weak is set for a head that is anonymous only with an access or
	// anonymity phrase ("a person familiar with the matter"); alone it is
	// too general ("people said").
	Weak   bool
	Sector Sector // the sector it implies, or SectorNone
}

// AnonModifierClass says how a modifier bears on a source being unnamed.
type AnonModifierClass string

// The modifier classes, as documented in data/anonymous.tsv.
const (
	AnonDeterminer AnonModifierClass = "determiner" // "a", "two", "several"
	AnonMarker     AnonModifierClass = "marker"     // "unnamed", "anonymous": unnamed on its own
	AnonRank       AnonModifierClass = "rank"       // "senior", "former"
	AnonSector     AnonModifierClass = "sector"     // "military", "intelligence"
)

// AnonModifier is a determiner or modifier of an unnamed source's head.
type AnonModifier struct {
	Form   string
	Class  AnonModifierClass
	Sector Sector // for a sector modifier, the sector, or SectorNone
}

// AnonPhraseClass says what an anonymity phrase does.
type AnonPhraseClass string

// The phrase classes, as documented in data/anonymous.tsv.
const (
	AnonAnonymity AnonPhraseClass = "anonymity" // "who spoke on condition of anonymity"
	AnonReason    AnonPhraseClass = "reason"    // "not authorized to speak publicly"
	AnonAccess    AnonPhraseClass = "access"    // "familiar with", "close to", "briefed on"
)

// AnonPhrase is a phrase that marks a source as unnamed or qualifies a weak
// head by its access to the matter.
type AnonPhrase struct {
	Forms []string // lowercase token sequences, canonical first
	Class AnonPhraseClass
}

// AnonPhraseMatch is an anonymity phrase found at the start of a token
// sequence.
type AnonPhraseMatch struct {
	Phrase *AnonPhrase
	Form   string // the form that matched
	Words  int    // how many tokens it spans
}

// AnonTable is the immutable table of unnamed-source descriptors from
// data/anonymous.tsv.
type AnonTable struct {
	heads     []*AnonHead
	phrases   []*AnonPhrase
	headOf    map[string]*AnonHead
	modifiers map[string]AnonModifier
	byFirst   map[string][]anonForm
}

type anonForm struct {
	phrase *AnonPhrase
	form   string
	words  []string
}

// Anonymous returns the table of unnamed-source descriptors, loading it on
// first use.
func Anonymous() *AnonTable { return anonOnce() }

var anonOnce = sync.OnceValue(func() *AnonTable { return must(loadAnonymous(dataFS)) })

// AnonymousHead reports whether a word, in any case, is a head noun of an
// unnamed source, strong or weak; see AnonTable.Head.
func AnonymousHead(word string) bool {
	_, ok := Anonymous().Head(word)
	return ok
}

// Heads returns every head in file order.
func (t *AnonTable) Heads() []*AnonHead { return append([]*AnonHead(nil), t.heads...) }

// Phrases returns every anonymity phrase in file order.
func (t *AnonTable) Phrases() []*AnonPhrase { return append([]*AnonPhrase(nil), t.phrases...) }

// Head finds the head noun a word or compound ("aid workers") is a form
// of, regardless of case. Whether a name goes with it ("spokesman John
// Kirby") is the caller's to decide.
func (t *AnonTable) Head(word string) (*AnonHead, bool) {
	var buf [64]byte
	h, ok := t.headOf[string(appendCueKey(buf[:0], word))]
	return h, ok
}

// Modifier finds a determiner or modifier of an unnamed source ("two",
// "senior", "unnamed", "intelligence"), regardless of case.
func (t *AnonTable) Modifier(word string) (AnonModifier, bool) {
	var buf [64]byte
	m, ok := t.modifiers[string(appendCueKey(buf[:0], word))]
	return m, ok
}

// MatchPhrase finds the longest anonymity phrase at the start of words, a
// sequence of tokens, regardless of case: in "who", "spoke", "on",
// "condition", "of", "anonymity" it spans six.
func (t *AnonTable) MatchPhrase(words []string) (AnonPhraseMatch, bool) {
	if len(words) == 0 {
		return AnonPhraseMatch{}, false
	}
	c := firstMatch(t.byFirst, words, func(f *anonForm) []string { return f.words })
	if c == nil {
		return AnonPhraseMatch{}, false
	}
	return AnonPhraseMatch{Phrase: c.phrase, Form: c.form, Words: len(c.words)}, true
}

func loadAnonymous(fsys fs.FS) (*AnonTable, error) {
	rows, err := readTable(fsys, "anonymous.tsv", 4)
	if err != nil {
		return nil, err
	}
	t := &AnonTable{
		headOf:    make(map[string]*AnonHead),
		modifiers: make(map[string]AnonModifier),
		byFirst:   make(map[string][]anonForm),
	}
	seenPhrase := make(map[string]bool)
	var errs []error
	for _, r := range rows {
		f := r.fields
		forms := list(f[1])
		sector := Sector(f[3])
		if len(forms) == 0 {
			errs = append(errs, r.errorf("no forms"))
			continue
		}
		if !sectors[sector] {
			errs = append(errs, r.errorf("unknown sector %q", sector))
		}
		for _, form := range forms {
			if err := checkLowerForm(r, form); err != nil {
				errs = append(errs, err)
			}
		}
		switch f[0] {
		case "head":
			if f[2] != "strong" && f[2] != "weak" {
				errs = append(errs, r.errorf("head class %q, want strong or weak", f[2]))
			}
			h := &AnonHead{Forms: forms, Weak: f[2] == "weak", Sector: sector}
			for _, form := range forms {
				if _, dup := t.headOf[form]; dup {
					errs = append(errs, r.errorf("head %q is listed twice", form))
				}
				t.headOf[form] = h
			}
			t.heads = append(t.heads, h)
		case "modifier":
			class := AnonModifierClass(f[2])
			switch class {
			case AnonDeterminer, AnonMarker, AnonRank, AnonSector:
			default:
				errs = append(errs, r.errorf("modifier class %q", f[2]))
			}
			for _, form := range forms {
				if _, dup := t.modifiers[form]; dup {
					errs = append(errs, r.errorf("modifier %q is listed twice", form))
				}
				t.modifiers[form] = AnonModifier{Form: form, Class: class, Sector: sector}
			}
		case "phrase":
			class := AnonPhraseClass(f[2])
			switch class {
			case AnonAnonymity, AnonReason, AnonAccess:
			default:
				errs = append(errs, r.errorf("phrase class %q", f[2]))
			}
			p := &AnonPhrase{Forms: forms, Class: class}
			for _, form := range forms {
				if seenPhrase[form] {
					errs = append(errs, r.errorf("phrase %q is listed twice", form))
					continue
				}
				seenPhrase[form] = true
				words := strings.Fields(form)
				t.byFirst[words[0]] = append(t.byFirst[words[0]], anonForm{phrase: p, form: form, words: words})
			}
			t.phrases = append(t.phrases, p)
		default:
			errs = append(errs, r.errorf("unknown type %q", f[0]))
		}
	}
	for _, forms := range t.byFirst {
		sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].words) > len(forms[j].words) })
	}
	if len(t.heads) == 0 || len(t.modifiers) == 0 || len(t.phrases) == 0 {
		errs = append(errs, errors.New("knowledge: anonymous.tsv: heads, modifiers and phrases are all required"))
	}
	return t, errors.Join(errs...)
}
