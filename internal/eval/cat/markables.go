package cat

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/parallax-news/parallax/internal/article"
)

// Annotated is a CAT document with its stand-off annotation: the tokens
// with their place in Text, the markables anchored on them and the
// relations between markables.
type Annotated struct {
	Document
	Tokens    []Token
	Markables []Markable
	Relations []Relation
}

// Token is one token and the bytes it covers in the rebuilt text (the
// detokenized form, as Read writes it: -LRB- becomes "(").
type Token struct {
	article.Span
	ID       string // t_id
	Sentence int
	Number   int // position in the sentence
}

// Markable is one element of the Markables section: a mention
// (ENTITY_MENTION, EVENT_MENTION, TIMEX3, VALUE...), anchored on tokens, or
// an instance (ENTITY, EVENT), anchored on none.
type Markable struct {
	Tag   string
	ID    string // m_id
	Attrs map[string]string
	// Tokens are indexes into Annotated.Tokens, in anchor order.
	Tokens []int
}

// Span returns the bytes from the markable's first token to its last, and
// false when it has no tokens.
func (m Markable) Span(toks []Token) (article.Span, bool) {
	if len(m.Tokens) == 0 {
		return article.Span{}, false
	}
	s := article.Span{Start: toks[m.Tokens[0]].Start, End: toks[m.Tokens[0]].End}
	for _, i := range m.Tokens[1:] {
		s.Start, s.End = min(s.Start, toks[i].Start), max(s.End, toks[i].End)
	}
	return s, true
}

// Relation is one element of the Relations section (REFERS_TO,
// HAS_PARTICIPANT, TLINK...) with the m_ids of its sources and targets.
type Relation struct {
	Tag     string
	ID      string // r_id
	Attrs   map[string]string
	Sources []string
	Targets []string
}

// ReadAnnotated reads a CAT document with its annotation. Its Text is the
// text Read gives. A token anchor naming no token is an error wrapping
// article.ErrCorrupt.
func ReadAnnotated(r io.Reader) (*Annotated, error) {
	dec := xml.NewDecoder(r)
	d := &Annotated{Document: Document{Attrs: map[string]string{}}}
	tb := textBuilder{sentence: -1, glue: true}
	byID := map[string]int{}
	var section string // "Markables", "Relations" or ""
	var cur *Markable
	var rel *Relation
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if ee, ok := tok.(xml.EndElement); ok {
			switch {
			case ee.Name.Local == "Markables" || ee.Name.Local == "Relations":
				section = ""
			case cur != nil && ee.Name.Local == cur.Tag:
				d.Markables = append(d.Markables, *cur)
				cur = nil
			case rel != nil && ee.Name.Local == rel.Tag:
				d.Relations = append(d.Relations, *rel)
				rel = nil
			}
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := se.Name.Local
		switch {
		case name == "Document":
			for _, a := range se.Attr {
				d.Attrs[a.Name.Local] = a.Value
			}
		case name == "Markables" || name == "Relations":
			section = name
		case name == "token":
			t := Token{}
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "t_id":
					t.ID = a.Value
				case "sentence":
					t.Sentence, _ = strconv.Atoi(a.Value)
				case "number":
					t.Number, _ = strconv.Atoi(a.Value)
				}
			}
			var word string
			if err := dec.DecodeElement(&word, &se); err != nil {
				return nil, err
			}
			t.Span = tb.add(t.Sentence, word)
			byID[t.ID] = len(d.Tokens)
			d.Tokens = append(d.Tokens, t)
		case section == "Markables" && name == "token_anchor":
			if cur == nil {
				continue
			}
			id := attr(se, "t_id")
			i, ok := byID[id]
			if !ok {
				return nil, fmt.Errorf("cat: markable %s: token_anchor %q names no token: %w", cur.ID, id, article.ErrCorrupt)
			}
			cur.Tokens = append(cur.Tokens, i)
		case section == "Markables" && cur == nil:
			cur = &Markable{Tag: name, ID: attr(se, "m_id"), Attrs: attrs(se)}
		case section == "Relations" && rel != nil && (name == "source" || name == "target"):
			if name == "source" {
				rel.Sources = append(rel.Sources, attr(se, "m_id"))
			} else {
				rel.Targets = append(rel.Targets, attr(se, "m_id"))
			}
		case section == "Relations" && rel == nil:
			rel = &Relation{Tag: name, ID: attr(se, "r_id"), Attrs: attrs(se)}
		}
	}
	d.Text = tb.b.String()
	return d, nil
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func attrs(se xml.StartElement) map[string]string {
	m := make(map[string]string, len(se.Attr))
	for _, a := range se.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}
