// Package entity finds the people, organizations, states and places an
// article names, and ties every way it refers to each of them (full name,
// surname, title and surname, role phrase, pronoun, metonym) to one
// canonical entity; a Linker then ties the entities of many articles
// together.
package entity

import (
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Kind is what sort of thing an entity is.
type Kind uint8

const (
	Other Kind = iota
	Person
	Organization
	State // a state or other geopolitical entity (country, and its government)
	Place // a place that is not a state: city, region, river, building
)

var kindNames = [...]string{"other", "person", "organization", "state", "place"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "other"
}

// MarshalText gives the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Form is how a mention refers to its entity.
type Form uint8

const (
	Name    Form = iota // a proper name: "Olaf Scholz", "Scholz", "the Kremlin"
	Title               // a title with a name's part: "President Trump"
	Role                // a role phrase: "the German chancellor"
	Pronoun             // he, she, they...
)

var formNames = [...]string{"name", "title", "role", "pronoun"}

func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "name"
}

// MarshalText gives the form's name.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Mention is one place in the text that refers to an entity.
type Mention struct {
	article.Span
	Kind Kind
	Form Form
	// Entity is the index in Doc.Entities of the entity the mention
	// refers to, or -1 when it is not resolved.
	Entity int
}

// Doc is the analysis of one text: its mentions in text order and the
// canonical entities they refer to.
type Doc struct {
	Mentions []Mention
	Entities []Entity
}

// Entity is one canonical entity of a document.
type Entity struct {
	Kind Kind
	// Name is the canonical name: the fullest form of the name used.
	Name string
	// Aliases are the other names used for it, in order of first use.
	Aliases []string
	// Titles are honorifics and ranks used with the name ("President").
	Titles []string
	// Code is the ISO 3166 alpha-3 code of a state, or of the state a
	// metonym or capital stands for.
	Code string
	// Roles are the roles the text gives a person, with their evidence;
	// Country and Sector are the affiliation they imply (or, for an
	// organization, the knowledge base's).
	Roles   []EntityRole
	Country string
	Sector  string
	// Mentions are indexes into Doc.Mentions.
	Mentions []int
}

// AddPerson records that span s of the text names a person the tagger
// missed (a later stage knows it is a person: the source of a quote after
// a dash, say). The mention joins the person of the same name, or of the
// same surname when exactly one person has it, else a new person; the
// index of that entity is returned. A mention already at s is kept and its
// entity returned.
func (d *Doc) AddPerson(s article.Span, name string) int {
	pos, found := slices.BinarySearchFunc(d.Mentions, s.Start, func(m Mention, start int) int { return m.Start - start })
	if found && d.Mentions[pos].Span == s && d.Mentions[pos].Entity >= 0 {
		return d.Mentions[pos].Entity
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return -1
	}
	surname := words[len(words)-1]
	ent, bySurname := -1, 0
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Kind != Person {
			continue
		}
		if e.Name == name {
			ent = i
			break
		}
		if f := strings.Fields(e.Name); len(f) > 0 && f[len(f)-1] == surname {
			if bySurname++; bySurname == 1 {
				ent = i
			} else {
				ent = -1
			}
		}
	}
	if ent < 0 {
		ent = len(d.Entities)
		d.Entities = append(d.Entities, Entity{Kind: Person, Name: name})
	} else if e := &d.Entities[ent]; len(words) > len(strings.Fields(e.Name)) {
		e.Aliases = append(e.Aliases, e.Name)
		e.Name = name
	}
	d.Mentions = slices.Insert(d.Mentions, pos, Mention{Span: s, Kind: Person, Form: Name, Entity: ent})
	for i := range d.Entities {
		for k, m := range d.Entities[i].Mentions {
			if m >= pos {
				d.Entities[i].Mentions[k] = m + 1
			}
		}
	}
	e := &d.Entities[ent]
	k, _ := slices.BinarySearch(e.Mentions, pos)
	e.Mentions = slices.Insert(e.Mentions, k, pos)
	return ent
}
