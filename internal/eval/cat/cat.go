// Package cat reads documents in the CAT XML format (the Content
// Annotation Tool's stand-off format over tokens, used by ECB+ and
// MEANTIME) as plain text: tokens detokenized, one sentence a line.
package cat

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Document is the text of one CAT document and the attributes of its root
// element (doc_name, doc_id, url, ...).
type Document struct {
	Attrs map[string]string
	Text  string
}

// Read reads a CAT document.
func Read(r io.Reader) (*Document, error) {
	dec := xml.NewDecoder(r)
	d := &Document{Attrs: map[string]string{}}
	tb := textBuilder{sentence: -1, glue: true}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "Document":
			for _, a := range se.Attr {
				d.Attrs[a.Name.Local] = a.Value
			}
			continue
		case "token":
		default:
			continue
		}
		s := 0
		for _, a := range se.Attr {
			if a.Name.Local == "sentence" {
				s, _ = strconv.Atoi(a.Value)
			}
		}
		var word string
		if err := dec.DecodeElement(&word, &se); err != nil {
			return nil, err
		}
		tb.add(s, word)
	}
	d.Text = tb.b.String()
	return d, nil
}

// textBuilder joins tokens into text: one sentence a line, tokens
// detokenized and separated by a space unless punctuation attaches them.
type textBuilder struct {
	b        strings.Builder
	sentence int
	glue     bool // no space before the next token
}

// add writes word, the next token, in sentence s and returns the bytes it
// takes in the text.
func (tb *textBuilder) add(s int, word string) article.Span {
	if s != tb.sentence {
		if tb.sentence >= 0 {
			tb.b.WriteByte('\n')
		}
		tb.sentence = s
		tb.glue = true
	}
	word = detok(word)
	if !tb.glue && !attachesLeft(word) {
		tb.b.WriteByte(' ')
	}
	start := tb.b.Len()
	tb.b.WriteString(word)
	tb.glue = attachesRight(word)
	return article.Span{Start: start, End: tb.b.Len()}
}

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
