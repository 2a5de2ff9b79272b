package entity

import (
	"cmp"
	"slices"
	"strings"
)

// Linker ties the entities of many documents together: one global entity
// per real person, organization, state or place. States meet by code and
// organizations by knowledge-base identity, name or acronym; people by
// full name, and a surname used alone ("Baerbock") meets the one person
// of that surname named in full elsewhere. When two people share the
// surname, the surname alone is ambiguous and stays apart: the linker
// never merges people without evidence.
type Linker struct {
	parent []int // union-find over global entities
	ents   []*Global
	byKey  map[string]int
	// bySurname lists the global people known by a full name with that
	// surname; alone lists those known only by a single word.
	bySurname map[string][]int
	alone     map[string]int
}

// Global is one entity across documents.
type Global struct {
	ID      int
	Kind    Kind
	Name    string
	Code    string
	Aliases []string
	Titles  []string
	Roles   []GlobalRole
	Country string
	Sector  string
	// Mentions counts the mentions per document.
	Mentions map[string]int
}

// GlobalRole is a role with the document it is stated in.
type GlobalRole struct {
	Doc string `json:"doc"`
	EntityRole
}

// NewLinker returns an empty linker.
func NewLinker() *Linker {
	return &Linker{byKey: map[string]int{}, bySurname: map[string][]int{}, alone: map[string]int{}}
}

func (l *Linker) find(x int) int {
	for l.parent[x] != x {
		l.parent[x] = l.parent[l.parent[x]]
		x = l.parent[x]
	}
	return x
}

// Canonical returns the global entity an id returned by Add now stands
// for: a later document may show that two ids are one entity (a surname
// seen before the full name).
func (l *Linker) Canonical(id int) int { return l.find(id) }

func (l *Linker) newGlobal(e *Entity) int {
	id := len(l.ents)
	l.parent = append(l.parent, id)
	l.ents = append(l.ents, &Global{ID: id, Kind: e.Kind, Name: e.Name, Code: e.Code, Mentions: map[string]int{}})
	return id
}

// Add links the entities of d to those seen before and returns, for each
// of d.Entities, its global entity number.
func (l *Linker) Add(d *Doc) []int { return l.AddDoc("", d) }

// AddDoc is Add for a named document: the global entities count their
// mentions per document and keep the roles with the document they come
// from.
func (l *Linker) AddDoc(docID string, d *Doc) []int {
	ids := make([]int, len(d.Entities))
	for i := range d.Entities {
		e := &d.Entities[i]
		id := l.link(e)
		ids[i] = id
		g := l.ents[id]
		if len(strings.Fields(e.Name)) > len(strings.Fields(g.Name)) && e.Kind == Person {
			addString(&g.Aliases, g.Name)
			g.Name = e.Name
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if a != g.Name {
				addString(&g.Aliases, a)
			}
		}
		for _, t := range e.Titles {
			addString(&g.Titles, t)
		}
		for _, r := range e.Roles {
			g.Roles = append(g.Roles, GlobalRole{Doc: docID, EntityRole: r})
		}
		if g.Country == "" {
			g.Country = e.Country
		}
		if g.Sector == "" {
			g.Sector = e.Sector
		}
		g.Mentions[docID] += len(e.Mentions)
	}
	return ids
}

func addString(list *[]string, s string) {
	if !slices.Contains(*list, s) {
		*list = append(*list, s)
	}
}

func (l *Linker) link(e *Entity) int {
	switch e.Kind {
	case State:
		if e.Code != "" {
			return l.byKeyOrNew("state:"+e.Code, e)
		}
	case Person:
		return l.linkPerson(e)
	}
	// Organizations, places and others: any known name or alias.
	prefix := e.Kind.String() + ":"
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		if id, ok := l.byKey[prefix+key(a)]; ok {
			id = l.find(id)
			for _, b := range append([]string{e.Name}, e.Aliases...) {
				if _, taken := l.byKey[prefix+key(b)]; !taken {
					l.byKey[prefix+key(b)] = id
				}
			}
			return id
		}
	}
	id := l.newGlobal(e)
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		l.byKey[prefix+key(a)] = id
	}
	return id
}

func (l *Linker) byKeyOrNew(k string, e *Entity) int {
	if id, ok := l.byKey[k]; ok {
		return l.find(id)
	}
	id := l.newGlobal(e)
	l.byKey[k] = id
	return id
}

func (l *Linker) linkPerson(e *Entity) int {
	ws := nameWords(e.Name)
	if len(ws) == 0 {
		return l.newGlobal(e)
	}
	sur := key(ws[len(ws)-1])
	if len(ws) == 1 {
		people := l.bySurname[sur]
		if len(people) == 1 {
			return l.find(people[0])
		}
		if id, ok := l.alone[sur]; ok {
			return l.find(id)
		}
		id := l.newGlobal(e)
		l.alone[sur] = id
		return id
	}
	full := "person:" + key(e.Name)
	firstLast := "person2:" + key(ws[0]) + " " + sur
	id, ok := l.byKey[full]
	if !ok {
		id, ok = l.byKey[firstLast]
	}
	if ok {
		id = l.find(id)
	} else {
		id = l.newGlobal(e)
		l.bySurname[sur] = append(l.bySurname[sur], id)
		// A surname seen alone before belongs to this person while no
		// other person has that surname.
		if lone, ok := l.alone[sur]; ok && len(l.bySurname[sur]) == 1 {
			l.union(id, lone)
		}
	}
	l.byKey[full] = id
	l.byKey[firstLast] = id
	return id
}

// union merges b into a.
func (l *Linker) union(a, b int) {
	a, b = l.find(a), l.find(b)
	if a == b {
		return
	}
	l.parent[b] = a
	ga, gb := l.ents[a], l.ents[b]
	addString(&ga.Aliases, gb.Name)
	for _, x := range gb.Aliases {
		addString(&ga.Aliases, x)
	}
	for _, t := range gb.Titles {
		addString(&ga.Titles, t)
	}
	ga.Roles = append(ga.Roles, gb.Roles...)
	for d, n := range gb.Mentions {
		ga.Mentions[d] += n
	}
}

// Entities returns the global entities, merged ones once, most mentioned
// first.
func (l *Linker) Entities() []*Global {
	var out []*Global
	for id, g := range l.ents {
		if l.find(id) == id {
			out = append(out, g)
		}
	}
	total := func(g *Global) int {
		n := 0
		for _, c := range g.Mentions {
			n += c
		}
		return n
	}
	slices.SortStableFunc(out, func(a, b *Global) int {
		if c := cmp.Compare(total(b), total(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}
