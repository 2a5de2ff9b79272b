package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// CueClass is what kind of act a cue reports: saying, believing, intending,
// feeling, perceiving or finding.
type CueClass string

// The cue classes, as documented in data/cues.tsv.
const (
	CueSpeech     CueClass = "speech"     // said, told, wrote, tweeted, denied
	CueBelief     CueClass = "belief"     // believes, thinks, expects, knows
	CueIntention  CueClass = "intention"  // plans, wants, seeks
	CueFeeling    CueClass = "feeling"    // fears, hopes, regrets
	CuePerception CueClass = "perception" // saw, heard, witnessed
	CueFinding    CueClass = "finding"    // found, showed, ruled
)

var cueClasses = map[CueClass]bool{
	CueSpeech: true, CueBelief: true, CueIntention: true, CueFeeling: true,
	CuePerception: true, CueFinding: true,
}

// CueVerb is a reporting verb of news attribution: "say", "warn", "fear".
type CueVerb struct {
	Lemma    string   // "say"
	Forms    []string // every other form, lowercase: "says", "said", "saying"
	Class    CueClass
	That     bool // commonly takes a that-clause: "said that"
	Inverted bool // commonly follows a quotation before its subject: "said Smith"
	Object   bool // commonly takes the addressee before the content: "told reporters that"
}

// CueNoun is a noun that names a reported act: "statement", "remarks",
// "claim", "fears".
type CueNoun struct {
	Forms []string // lowercase, singular first: "statement", "statements"
	Class CueClass
	That  bool // commonly takes a that-clause: "the claim that"
}

// PhraseKind says what a multi-word cue does; see data/cuephrases.tsv.
type PhraseKind string

// The phrase kinds.
const (
	PhraseAttribution PhraseKind = "attribution" // "according to X", "via X": attributes to what follows
	PhraseChannel     PhraseKind = "channel"     // "in a statement": how the subject spoke
	PhraseSpeech      PhraseKind = "speech"      // "told reporters": a reporting verb; the subject is the source
	PhraseNoComment   PhraseKind = "nocomment"   // "declined to comment": the subject did not speak
)

// PhraseArg says what the noun phrase right after a cue phrase is.
type PhraseArg string

// The phrase arguments.
const (
	ArgNone     PhraseArg = "none"     // nothing the phrase governs, or the content
	ArgSource   PhraseArg = "source"   // "citing officials"
	ArgMedium   PhraseArg = "medium"   // "via Reuters", "in an interview with CNN"
	ArgEither   PhraseArg = "either"   // "according to": a medium if it names an outlet, else the source
	ArgPlatform PhraseArg = "platform" // "wrote on X", "in a post on Telegram"
	ArgAudience PhraseArg = "audience" // "speaking to reporters"; an outlet there is the medium
)

var (
	phraseKinds = map[PhraseKind]bool{PhraseAttribution: true, PhraseChannel: true, PhraseSpeech: true, PhraseNoComment: true}
	phraseArgs  = map[PhraseArg]bool{ArgNone: true, ArgSource: true, ArgMedium: true, ArgEither: true, ArgPlatform: true, ArgAudience: true}
)

// CuePhrase is a multi-word cue: "according to", "told reporters",
// "declined to comment".
type CuePhrase struct {
	Phrase string   // canonical form: "declined to comment"
	Forms  []string // other forms: "declines to comment", ...
	Kind   PhraseKind
	Next   PhraseArg
}

// PhraseMatch is a cue phrase found at the start of a token sequence.
type PhraseMatch struct {
	Phrase *CuePhrase
	Form   string // the form that matched, as listed
	Words  int    // how many tokens it spans
}

// CueTable is the immutable table of attribution cues from data/cues.tsv,
// data/cuephrases.tsv and data/cuenouns.tsv.
type CueTable struct {
	verbs   []*CueVerb
	nouns   []*CueNoun
	phrases []*CuePhrase
	verbOf  map[string]*CueVerb
	nounOf  map[string]*CueNoun
	// phraseByFirst maps the first word of every phrase form to the forms
	// that start with it, longest first.
	phraseByFirst map[string][]phraseForm
}

type phraseForm struct {
	phrase *CuePhrase
	form   string
	words  []string
}

// Cues returns the table of attribution cues, loading it on first use.
func Cues() *CueTable { return cuesOnce() }

var cuesOnce = sync.OnceValue(func() *CueTable { return must(loadCues(dataFS)) })

// Cue looks up a reporting verb by any of its forms, as Cues().Verb does.
func Cue(word string) (*CueVerb, bool) { return Cues().Verb(word) }

// Verbs returns every reporting verb in file order.
func (t *CueTable) Verbs() []*CueVerb { return append([]*CueVerb(nil), t.verbs...) }

// Nouns returns every cue noun in file order.
func (t *CueTable) Nouns() []*CueNoun { return append([]*CueNoun(nil), t.nouns...) }

// Phrases returns every cue phrase in file order.
func (t *CueTable) Phrases() []*CuePhrase { return append([]*CuePhrase(nil), t.phrases...) }

// Verb finds the reporting verb a word is a form of: "said", "Says",
// "emphasised" and "warning" all find theirs. Case is ignored; typographic
// apostrophes and hyphens count as plain ones. It does not allocate.
func (t *CueTable) Verb(word string) (*CueVerb, bool) {
	var buf [64]byte
	v, ok := t.verbOf[string(appendCueKey(buf[:0], word))]
	return v, ok
}

// Noun finds the cue noun a word is a form of: "statement", "Remarks".
func (t *CueTable) Noun(word string) (*CueNoun, bool) {
	var buf [64]byte
	n, ok := t.nounOf[string(appendCueKey(buf[:0], word))]
	return n, ok
}

// MatchPhrase finds the longest cue phrase at the start of words, a
// sequence of tokens such as "according", "to", "the", "BBC", and returns
// it with the number of tokens it spans. Case is ignored. Whether "per" or
// "via" is a cue where it stands ("per cent", "via Rome") is the caller's to
// decide from what follows.
func (t *CueTable) MatchPhrase(words []string) (PhraseMatch, bool) {
	if len(words) == 0 {
		return PhraseMatch{}, false
	}
	c := firstMatch(t.phraseByFirst, words, func(f *phraseForm) []string { return f.words })
	if c == nil {
		return PhraseMatch{}, false
	}
	return PhraseMatch{Phrase: c.phrase, Form: c.form, Words: len(c.words)}, true
}

// firstMatch returns the first of the candidates indexed under the first
// of words (the index keeps them longest first) whose words all begin
// words, case ignored; nil when none does.
func firstMatch[C any](byFirst map[string][]C, words []string, wordsOf func(*C) []string) *C {
	var buf [64]byte
	cands := byFirst[string(appendCueKey(buf[:0], words[0]))]
	for k := range cands {
		cw := wordsOf(&cands[k])
		if len(cw) > len(words) {
			continue
		}
		ok := true
		for i := 1; i < len(cw); i++ {
			if !cueWordEqual(words[i], cw[i]) {
				ok = false
				break
			}
		}
		if ok {
			return &cands[k]
		}
	}
	return nil
}

// appendCueKey appends the lookup key of a word: ASCII letters in lower
// case, typographic apostrophes and hyphens plain. Other runes are kept,
// so "Said" and "SAID" are "said".
func appendCueKey(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			for _, r := range w[i:] {
				r = punct(r)
				if r < 0x80 {
					dst = append(dst, lowerASCII(byte(r)))
				} else {
					dst = append(dst, strings.ToLower(string(r))...)
				}
			}
			return dst
		}
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// cueWordEqual reports whether the token w is the lowercase word f.
func cueWordEqual(w, f string) bool {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		if len(w) != len(f) {
			return false
		}
		for i := 0; i < len(w); i++ {
			if lowerASCII(w[i]) != f[i] {
				return false
			}
		}
		return true
	}
	var buf [64]byte
	return string(appendCueKey(buf[:0], w)) == f
}

var yesNo = map[string]bool{"yes": true, "no": false}

func yes(r row, col int, errs *[]error) bool {
	v, ok := yesNo[r.fields[col]]
	if !ok {
		*errs = append(*errs, r.errorf("column %d is %q, want yes or no", col+1, r.fields[col]))
	}
	return v
}

// checkLowerForm reports a form that is not lowercase, single-spaced and
// trimmed, which the lookups could never find.
func checkLowerForm(r row, form string) error {
	if form == "" || form != strings.ToLower(form) || form != strings.Join(strings.Fields(form), " ") ||
		string(appendCueKey(nil, form)) != form {
		return r.errorf("form %q is not lowercase plain words", form)
	}
	return nil
}

func loadCues(fsys fs.FS) (*CueTable, error) {
	t := &CueTable{
		verbOf:        make(map[string]*CueVerb),
		nounOf:        make(map[string]*CueNoun),
		phraseByFirst: make(map[string][]phraseForm),
	}
	var errs []error
	if err := t.loadVerbs(fsys); err != nil {
		errs = append(errs, err)
	}
	if err := t.loadNouns(fsys); err != nil {
		errs = append(errs, err)
	}
	if err := t.loadPhrases(fsys); err != nil {
		errs = append(errs, err)
	}
	return t, errors.Join(errs...)
}

func (t *CueTable) loadVerbs(fsys fs.FS) error {
	rows, err := readTable(fsys, "cues.tsv", 6)
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range rows {
		f := r.fields
		v := &CueVerb{Lemma: f[0], Forms: list(f[1]), Class: CueClass(f[2])}
		v.That, v.Inverted, v.Object = yes(r, 3, &errs), yes(r, 4, &errs), yes(r, 5, &errs)
		if !cueClasses[v.Class] {
			errs = append(errs, r.errorf("unknown class %q", v.Class))
		}
		for _, form := range append([]string{v.Lemma}, v.Forms...) {
			if err := checkLowerForm(r, form); err != nil || strings.Contains(form, " ") {
				errs = append(errs, r.errorf("verb form %q is not one lowercase word", form))
				continue
			}
			if old, dup := t.verbOf[form]; dup {
				errs = append(errs, r.errorf("form %q is already a form of %q", form, old.Lemma))
				continue
			}
			t.verbOf[form] = v
		}
		t.verbs = append(t.verbs, v)
	}
	if len(t.verbs) == 0 {
		errs = append(errs, errors.New("knowledge: cues.tsv: no rows"))
	}
	return errors.Join(errs...)
}

func (t *CueTable) loadNouns(fsys fs.FS) error {
	rows, err := readTable(fsys, "cuenouns.tsv", 3)
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range rows {
		n := &CueNoun{Forms: list(r.fields[0]), Class: CueClass(r.fields[1]), That: yes(r, 2, &errs)}
		if len(n.Forms) == 0 {
			errs = append(errs, r.errorf("no forms"))
			continue
		}
		if !cueClasses[n.Class] {
			errs = append(errs, r.errorf("unknown class %q", n.Class))
		}
		for _, form := range n.Forms {
			if err := checkLowerForm(r, form); err != nil {
				errs = append(errs, err)
				continue
			}
			if old, dup := t.nounOf[form]; dup {
				errs = append(errs, r.errorf("form %q is already a form of %q", form, old.Forms[0]))
				continue
			}
			t.nounOf[form] = n
		}
		t.nouns = append(t.nouns, n)
	}
	if len(t.nouns) == 0 {
		errs = append(errs, errors.New("knowledge: cuenouns.tsv: no rows"))
	}
	return errors.Join(errs...)
}

func (t *CueTable) loadPhrases(fsys fs.FS) error {
	rows, err := readTable(fsys, "cuephrases.tsv", 4)
	if err != nil {
		return err
	}
	var errs []error
	seen := make(map[string]*CuePhrase)
	for _, r := range rows {
		f := r.fields
		p := &CuePhrase{Phrase: f[0], Forms: list(f[1]), Kind: PhraseKind(f[2]), Next: PhraseArg(f[3])}
		if !phraseKinds[p.Kind] {
			errs = append(errs, r.errorf("unknown kind %q", p.Kind))
		}
		if !phraseArgs[p.Next] {
			errs = append(errs, r.errorf("unknown next %q", p.Next))
		}
		for _, form := range append([]string{p.Phrase}, p.Forms...) {
			if err := checkLowerForm(r, form); err != nil {
				errs = append(errs, err)
				continue
			}
			if old, dup := seen[form]; dup {
				errs = append(errs, r.errorf("form %q is already a form of %q", form, old.Phrase))
				continue
			}
			seen[form] = p
			words := strings.Fields(form)
			t.phraseByFirst[words[0]] = append(t.phraseByFirst[words[0]], phraseForm{phrase: p, form: form, words: words})
		}
		t.phrases = append(t.phrases, p)
	}
	for _, forms := range t.phraseByFirst {
		sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].words) > len(forms[j].words) })
	}
	if len(t.phrases) == 0 {
		errs = append(errs, fmt.Errorf("knowledge: cuephrases.tsv: no rows"))
	}
	return errors.Join(errs...)
}
