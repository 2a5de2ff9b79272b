package corefdata

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// catDoc is a CAT XML document (MEANTIME, ECB+) with its tokens placed in
// the text cat.Read rebuilds, and its markables and relations.
type catDoc struct {
	attrs     map[string]string
	text      string
	tokens    []catToken
	byTID     map[string]int // t_id -> index in tokens
	markables []catMarkable
	byMID     map[string]int // m_id -> index in markables
	relations []catRelation
}

type catToken struct {
	article.Span
	sentence int
}

type catMarkable struct {
	tag    string
	attrs  map[string]string
	tokens []int // indexes into catDoc.tokens
}

type catRelation struct {
	tag              string
	attrs            map[string]string
	sources, targets []string // m_ids
}

// span covers the markable's tokens, first to last; false when it has none.
func (d *catDoc) span(m catMarkable) (article.Span, bool) {
	if len(m.tokens) == 0 {
		return article.Span{}, false
	}
	s := d.tokens[m.tokens[0]].Span
	for _, i := range m.tokens[1:] {
		s.Start, s.End = min(s.Start, d.tokens[i].Start), max(s.End, d.tokens[i].End)
	}
	return s, true
}

func attrMap(as []xml.Attr) map[string]string {
	m := make(map[string]string, len(as))
	for _, a := range as {
		m[a.Name.Local] = a.Value
	}
	return m
}

// readCAT reads a CAT document. Its text is built token by token exactly
// as cat.Read builds it (one sentence a line, the same detokenization), so
// token offsets index cat.Read's text.
func readCAT(r io.Reader) (*catDoc, error) {
	dec := xml.NewDecoder(r)
	d := &catDoc{attrs: map[string]string{}, byTID: map[string]int{}, byMID: map[string]int{}}
	var b strings.Builder
	sentence := -1
	glue := true
	section := ""
	var mk *catMarkable
	var rel *catRelation
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
			case mk != nil && ee.Name.Local == mk.tag:
				d.markables = append(d.markables, *mk)
				if id := mk.attrs["m_id"]; id != "" {
					if _, dup := d.byMID[id]; !dup {
						d.byMID[id] = len(d.markables) - 1
					}
				}
				mk = nil
			case rel != nil && ee.Name.Local == rel.tag:
				d.relations = append(d.relations, *rel)
				rel = nil
			}
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch name := se.Name.Local; {
		case name == "Document":
			for _, a := range se.Attr {
				d.attrs[a.Name.Local] = a.Value
			}
		case name == "token":
			s := 0
			tid := ""
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "sentence":
					s, _ = strconv.Atoi(a.Value)
				case "t_id":
					tid = a.Value
				}
			}
			var word string
			if err := dec.DecodeElement(&word, &se); err != nil {
				return nil, err
			}
			if s != sentence {
				if sentence >= 0 {
					b.WriteByte('\n')
				}
				sentence = s
				glue = true
			}
			word = detok(word)
			if !glue && !attachesLeft(word) {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(word)
			glue = attachesRight(word)
			if _, dup := d.byTID[tid]; !dup {
				d.byTID[tid] = len(d.tokens)
			}
			d.tokens = append(d.tokens, catToken{article.Span{Start: start, End: b.Len()}, s})
		case name == "Markables" || name == "Relations":
			section = name
		case section == "Markables" && mk == nil:
			mk = &catMarkable{tag: name, attrs: attrMap(se.Attr)}
		case section == "Markables" && name == "token_anchor":
			for _, a := range se.Attr {
				if a.Name.Local == "t_id" {
					if i, ok := d.byTID[a.Value]; ok {
						mk.tokens = append(mk.tokens, i)
					}
				}
			}
		case section == "Relations" && rel == nil:
			rel = &catRelation{tag: name, attrs: attrMap(se.Attr)}
		case section == "Relations" && (name == "source" || name == "target"):
			for _, a := range se.Attr {
				if a.Name.Local != "m_id" {
					continue
				}
				if name == "source" {
					rel.sources = append(rel.sources, a.Value)
				} else {
					rel.targets = append(rel.targets, a.Value)
				}
			}
		}
	}
	d.text = b.String()
	return d, nil
}

// detok, attachesLeft and attachesRight are cat.Read's rules; the text
// must stay byte for byte what cat.Read gives (a test compares them).
func detok(w string) string {
	switch w {
	case "``", "''":
		return `"`
	case "-LRB-":
		return "("
	case "-RRB-":
		return ")"
	}
	return w
}

func attachesLeft(w string) bool {
	switch w {
	case ".", ",", ";", ":", "!", "?", ")", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "%":
		return true
	}
	return false
}

func attachesRight(w string) bool { return w == "(" || w == "$" }
