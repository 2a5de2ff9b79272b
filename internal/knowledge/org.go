package knowledge

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
)

// Org is an organization: an international or regional body, a national
// institution, a party, an armed group, a news organization, an NGO or a
// think tank.
type Org struct {
	ID       string   // stable identifier: "unhcr"
	Name     string   // canonical English name
	Acronyms []string // matched case-sensitively: "WHO"
	Aliases  []string // other names
	Country  string   // ISO alpha-3, or "" for an international body
	Sector   Sector
	Parent   string // ID of the parent organization, or ""
}

// OrgMatch is the result of an organization lookup.
type OrgMatch struct {
	Org  *Org
	Form Form // FormName, FormAcronym or FormAlias
	// Candidates lists the organizations an ambiguous acronym ("RSF",
	// "ABC") may mean; Org is then nil.
	Candidates []*Org
}

type orgEntry struct {
	org  *Org
	form Form
	orgs []*Org // set instead of org for an ambiguous form
}

// OrgTable is the immutable table of organizations from data/orgs.tsv.
type OrgTable struct {
	all   []*Org
	byID  map[string]*Org
	index index[orgEntry]
}

// Orgs returns the table of organizations, loading it on first use.
func Orgs() *OrgTable { return orgsOnce() }

var orgsOnce = sync.OnceValue(func() *OrgTable { return must(loadOrgs(dataFS, States())) })

// All returns every organization in file order.
func (t *OrgTable) All() []*Org { return append([]*Org(nil), t.all...) }

// ByID returns the organization with the given ID.
func (t *OrgTable) ByID(id string) (*Org, bool) {
	o, ok := t.byID[id]
	return o, ok
}

// Lookup finds the organization a name stands for. Acronyms match only as
// written ("WHO", not "who"; "AP", not "ap"); names and aliases match like
// StateTable.Lookup, regardless of case and accents and with or without a
// leading "the". For an ambiguous acronym ("RSF": the Sudanese Rapid
// Support Forces or Reporters Without Borders), ok is false and the match
// lists the Candidates.
func (t *OrgTable) Lookup(name string) (m OrgMatch, ok bool) {
	e, found := t.index.get(name)
	if !found {
		return OrgMatch{}, false
	}
	if e.orgs != nil {
		return OrgMatch{Candidates: append([]*Org(nil), e.orgs...)}, false
	}
	return OrgMatch{Org: e.org, Form: e.form}, true
}

var orgSectors = map[Sector]bool{
	SectorGovernment: true, SectorMilitary: true, SectorIntelligence: true, SectorPolice: true,
	SectorLegislature: true, SectorJudiciary: true, SectorParty: true, SectorMedia: true,
	SectorNGO: true, SectorIGO: true, SectorArmedGroup: true, SectorThinkTank: true, SectorCompany: true,
}

func loadOrgs(fsys fs.FS, states *StateTable) (*OrgTable, error) {
	rows, err := readTable(fsys, "orgs.tsv", 7)
	if err != nil {
		return nil, err
	}
	t := &OrgTable{byID: make(map[string]*Org), index: newIndex[orgEntry]()}
	var errs []error
	for _, r := range rows {
		f := r.fields
		o := &Org{ID: f[0], Name: f[1], Acronyms: list(f[2]), Aliases: list(f[3]), Country: f[4], Sector: Sector(f[5]), Parent: f[6]}
		if o.ID == "" || o.ID != strings.ToLower(o.ID) || strings.ContainsAny(o.ID, " \t") {
			errs = append(errs, r.errorf("id %q must be lowercase without spaces", o.ID))
		}
		if o.Name == "" {
			errs = append(errs, r.errorf("name is required"))
		}
		if _, dup := t.byID[o.ID]; dup {
			errs = append(errs, r.errorf("duplicate id %q", o.ID))
		}
		if !orgSectors[o.Sector] {
			errs = append(errs, r.errorf("unknown sector %q", o.Sector))
		}
		if o.Country != "" && states != nil {
			if _, ok := states.ByCode(o.Country); !ok || len(o.Country) != 3 {
				errs = append(errs, r.errorf("unknown country %q", o.Country))
			}
		}
		t.byID[o.ID] = o
		t.all = append(t.all, o)
	}
	for _, o := range t.all {
		if o.Parent != "" {
			if _, ok := t.byID[o.Parent]; !ok {
				errs = append(errs, errors.New("knowledge: orgs.tsv: "+o.ID+": unknown parent "+o.Parent))
			}
		}
	}

	ambiguous, err := readAmbiguous(fsys, "org")
	if err != nil {
		errs = append(errs, err)
	}
	for _, a := range ambiguous {
		var cands []*Org
		for _, id := range a.candidates {
			o, ok := t.byID[id]
			if !ok {
				errs = append(errs, errors.New("knowledge: ambiguous.tsv: "+a.form+": unknown org "+id))
				continue
			}
			cands = append(cands, o)
		}
		m, k := t.index.key(a.form)
		m[k] = orgEntry{orgs: cands}
	}

	add := func(o *Org, form string, kind Form) {
		if form == "" {
			errs = append(errs, errors.New("knowledge: orgs.tsv: "+o.ID+": empty "+kind.String()))
			return
		}
		var m map[string]orgEntry
		var k string
		if kind == FormAcronym {
			m, k = t.index.exact, exactKey(form)
		} else {
			m, k = t.index.key(form)
		}
		old, dup := m[k]
		switch {
		case !dup:
			m[k] = orgEntry{org: o, form: kind}
		case old.orgs != nil:
			if !containsOrg(old.orgs, o) {
				errs = append(errs, errors.New("knowledge: "+kind.String()+" "+form+" of "+o.ID+
					" is ambiguous but "+o.ID+" is not among its candidates in ambiguous.tsv"))
			}
		case old.org != o:
			errs = append(errs, errors.New("knowledge: "+kind.String()+" "+form+" of "+o.ID+
				" is already a form of "+old.org.ID+"; list it in ambiguous.tsv"))
		}
	}
	for _, o := range t.all {
		add(o, o.Name, FormName)
		for _, a := range o.Acronyms {
			add(o, a, FormAcronym)
		}
		for _, a := range o.Aliases {
			add(o, a, FormAlias)
		}
	}
	return t, errors.Join(errs...)
}

func containsOrg(list []*Org, o *Org) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}
