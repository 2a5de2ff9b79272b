package knowledge

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
)

// Status is a state's standing: UN member, observer, state outside the UN,
// territory, or a state that no longer exists.
type Status string

// The statuses, as in the status column of data/states.tsv.
const (
	Member     Status = "member"     // UN member state
	Observer   Status = "observer"   // UN General Assembly non-member observer state
	NonMember  Status = "state"      // sovereign or de facto state outside the UN
	Territory  Status = "territory"  // dependent or special territory
	Historical Status = "historical" // dissolved state (ISO 3166-3)
)

// UNMembers is the number of UN member states, which the tests hold the
// table to.
const UNMembers = 193

// State is a state, territory or other geopolitical entity.
type State struct {
	ISO3      string // ISO 3166-1 alpha-3, or ISO 3166-3, or user-assigned X..
	ISO2      string // ISO 3166-1 alpha-2, or ""
	Status    Status
	Name      string   // short English name: "Germany"
	Formal    string   // formal name: "Federal Republic of Germany"
	Aliases   []string // other names: "Deutschland"
	Demonyms  []string // "German"
	Capitals  []string // capitals and seats of government: "Berlin"
	Region    string   // UN M49 region: "Europe"
	Subregion string   // UN M49 subregion: "Western Europe"
}

// UNMember reports whether s is a member state of the United Nations.
func (s *State) UNMember() bool { return s.Status == Member }

// Form says which kind of name a lookup matched.
type Form uint8

// The forms a lookup can match, in order of precedence: when one string is
// two forms of the same entry ("Monaco", name and capital), the first wins.
const (
	FormNone    Form = iota
	FormName         // the short or canonical name
	FormFormal       // the formal name
	FormAcronym      // an acronym (organizations)
	FormAlias        // another name
	FormDemonym      // a demonym or adjective: "German"
	FormCapital      // a capital, standing for the state or its government
	FormMetonym      // a seat of an institution: "the Kremlin"
)

var formNames = [...]string{"none", "name", "formal", "acronym", "alias", "demonym", "capital", "metonym"}

func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "Form(?)"
}

// StateMatch is the result of a state lookup.
type StateMatch struct {
	State   *State
	Form    Form
	Metonym *Metonym // the metonym matched, when Form is FormMetonym
	// Candidates lists the states an ambiguous name ("Congo", "Korean")
	// may mean; State is then nil.
	Candidates []*State
}

type stateEntry struct {
	state   *State
	form    Form
	metonym *Metonym
	// states is set instead of state for an ambiguous form.
	states []*State
}

// StateTable is the immutable table of states, from data/states.tsv, with
// the ambiguous names of data/ambiguous.tsv and the metonyms of
// data/metonyms.tsv that belong to a state.
type StateTable struct {
	states []*State
	byCode map[string]*State
	index  index[stateEntry]
}

// States returns the table of states, loading it on first use.
func States() *StateTable { return statesOnce() }

var statesOnce = sync.OnceValue(func() *StateTable { return must(loadStates(dataFS, Metonyms())) })

// All returns every entry in file order: the UN members, then observers,
// other states, territories and historical states. The slice is the
// caller's; the States are shared.
func (t *StateTable) All() []*State { return append([]*State(nil), t.states...) }

// ByCode returns the state with the given ISO alpha-3 or alpha-2 code, in
// any case: "DEU", "de".
func (t *StateTable) ByCode(code string) (*State, bool) {
	s, ok := t.byCode[strings.ToUpper(code)]
	return s, ok
}

// Lookup finds the state a name stands for: its short, formal or other
// name, a demonym, a capital, or a metonym for one of its institutions.
// Acronyms and forms shaped like them ("US", "U.S.", "UK", "DPRK", "CAR")
// match only as written, so "us" is not the United States; other forms
// match regardless of case, accents and typographic apostrophes and
// dashes ("Cote d'Ivoire", "TURKIYE"), with or without a leading "the".
//
// Lookup matches the whole string; finding names in running text is the
// caller's job. A common word that is also a name ("Turkey", "Chad") is
// found when asked for: the caller decides from capitalization and context.
//
// For an ambiguous name ("Congo", "Korean"), ok is false and the match
// lists the Candidates.
func (t *StateTable) Lookup(name string) (m StateMatch, ok bool) {
	e, found := t.index.get(name)
	if !found {
		return StateMatch{}, false
	}
	if e.states != nil {
		return StateMatch{Candidates: append([]*State(nil), e.states...)}, false
	}
	return StateMatch{State: e.state, Form: e.form, Metonym: e.metonym}, true
}

func loadStates(fsys fs.FS, metonyms *MetonymTable) (*StateTable, error) {
	rows, err := readTable(fsys, "states.tsv", 10)
	if err != nil {
		return nil, err
	}
	t := &StateTable{byCode: make(map[string]*State), index: newIndex[stateEntry]()}
	var errs []error
	for _, r := range rows {
		f := r.fields
		s := &State{
			ISO3: f[0], ISO2: f[1], Status: Status(f[2]), Name: f[3], Formal: f[4],
			Aliases: list(f[5]), Demonyms: list(f[6]), Region: f[8], Subregion: f[9],
		}
		if !isUpperCode(s.ISO3, 3) {
			errs = append(errs, r.errorf("alpha-3 code %q is not three capital letters", s.ISO3))
		}
		if s.ISO2 != "" && !isUpperCode(s.ISO2, 2) {
			errs = append(errs, r.errorf("alpha-2 code %q is not two capital letters", s.ISO2))
		}
		switch s.Status {
		case Member, Observer, NonMember, Territory, Historical:
		default:
			errs = append(errs, r.errorf("unknown status %q", s.Status))
		}
		if s.Name == "" || s.Formal == "" || s.Region == "" {
			errs = append(errs, r.errorf("name, formal name and region are required"))
		}
		for _, code := range []string{s.ISO3, s.ISO2} {
			if code == "" {
				continue
			}
			if other, dup := t.byCode[code]; dup {
				errs = append(errs, r.errorf("code %s already used by %s", code, other.Name))
			}
			t.byCode[code] = s
		}
		t.states = append(t.states, s)
	}

	ambiguous, err := readAmbiguous(fsys, "state")
	if err != nil {
		errs = append(errs, err)
	}
	for _, a := range ambiguous {
		var cands []*State
		for _, c := range a.candidates {
			s, ok := t.byCode[c]
			if !ok {
				errs = append(errs, errors.New("knowledge: ambiguous.tsv: "+a.form+": unknown state "+c))
				continue
			}
			cands = append(cands, s)
		}
		m, k := t.index.key(a.form)
		m[k] = stateEntry{states: cands}
	}

	add := func(s *State, form string, kind Form, met *Metonym) {
		if form == "" {
			errs = append(errs, errors.New("knowledge: states.tsv: "+s.ISO3+": empty "+kind.String()))
			return
		}
		m, k := t.index.key(form)
		old, dup := m[k]
		switch {
		case !dup:
			m[k] = stateEntry{state: s, form: kind, metonym: met}
		case old.states != nil:
			if !containsState(old.states, s) {
				errs = append(errs, errors.New("knowledge: "+kind.String()+" "+form+" of "+s.ISO3+
					" is ambiguous but "+s.ISO3+" is not among its candidates in ambiguous.tsv"))
			}
		case old.state != s:
			errs = append(errs, errors.New("knowledge: "+kind.String()+" "+form+" of "+s.ISO3+
				" is already a form of "+old.state.ISO3+"; list it in ambiguous.tsv"))
		}
	}
	for _, s := range t.states {
		add(s, s.Name, FormName, nil)
		add(s, s.Formal, FormFormal, nil)
		for _, a := range s.Aliases {
			add(s, a, FormAlias, nil)
		}
		for _, d := range s.Demonyms {
			add(s, d, FormDemonym, nil)
		}
	}
	// Capitals after all names, so that a capital never shadows a name.
	for i, r := range rows {
		s := t.states[i]
		for _, c := range list(r.fields[7]) {
			indexed := !strings.HasPrefix(c, "~")
			c = strings.TrimPrefix(c, "~")
			s.Capitals = append(s.Capitals, c)
			if indexed {
				add(s, c, FormCapital, nil)
			}
		}
	}
	if metonyms != nil {
		for _, met := range metonyms.all {
			if met.Country == "" {
				continue
			}
			s, ok := t.byCode[met.Country]
			if !ok {
				errs = append(errs, errors.New("knowledge: metonyms.tsv: "+met.Forms[0]+": unknown state "+met.Country))
				continue
			}
			for _, f := range met.Forms {
				add(s, f, FormMetonym, met)
			}
		}
	}
	return t, errors.Join(errs...)
}

func containsState(list []*State, s *State) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isUpperCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
