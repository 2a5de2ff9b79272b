// Package entity finds the people, organizations, states and places an
// article names, and ties every way it refers to each of them (full name,
// surname, title and surname, role phrase, pronoun, metonym) to one
// canonical entity; a Linker then ties the entities of many articles
// together.
package entity

import "github.com/parallax-news/parallax/internal/article"

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
