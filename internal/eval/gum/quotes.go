package gum

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Quotation is a stretch of a document that GUM's xml layer marks as
// quoted: a <quote> element, a quotation (of speech or writing, often in
// quotation marks, sometimes a block quotation without them), or a <q>
// element, words in quotation marks that the annotators did not mark as a
// quotation: titles, names, scare quotes and single quoted words ("named
// “Better Idea of Afghan Girls,”", "were granted “parole” status").
// The span runs from the first word's start to the last word's end, so it
// includes the quotation marks that lie inside the element.
type Quotation struct {
	article.Span
	First, Last int // indexes into Doc.Words
	// Mention is set for a <q> element.
	Mention bool
	// Block is set for a <quote rend="block..."> (set off from the text).
	Block bool
}

// LoadQuotations loads the documents of dir as LoadSentences does and
// gives each its Quotations from xml/<id>.xml under dir (the layout of
// the shared GUM snapshot). A document without an xml file is an error.
func LoadQuotations(dir string) ([]Doc, error) {
	docs, err := LoadSentences(dir)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		path := filepath.Join(dir, "xml", docs[i].ID+".xml")
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("gum: quotations: %w", err)
		}
		qs, err := ParseQuotations(f, &docs[i])
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("gum: quotations: %s: %w", path, err)
		}
		docs[i].Quotations = qs
	}
	return docs, nil
}

// ParseQuotations reads the <quote> and <q> elements of a document's xml
// layer (TT-SGML: one tag or one token line, form first, per line) and
// places them on d's words: the n-th token line is d.Words[n], and its form
// must be that word's. Quotations are returned in order of their first
// word, outer before inner.
func ParseQuotations(r io.Reader, d *Doc) ([]Quotation, error) {
	type open struct {
		q     Quotation
		order int // index in out, reserved when the element opened
	}
	var (
		out   []Quotation
		stack []open
		word  int
		line  int
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, "<") {
			name, attrs, _ := strings.Cut(strings.Trim(s, "<>/"), " ")
			if name != "quote" && name != "q" {
				continue
			}
			if !strings.HasPrefix(s, "</") {
				q := Quotation{First: word, Mention: name == "q", Block: strings.Contains(attrs, `rend="block`)}
				stack = append(stack, open{q: q, order: len(out)})
				out = append(out, Quotation{})
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1].q.Mention != (name == "q") {
				return nil, fmt.Errorf("line %d: </%s> closes no open <%s>: %w", line, name, name, article.ErrCorrupt)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if word == o.q.First {
				return nil, fmt.Errorf("line %d: empty <%s>: %w", line, name, article.ErrCorrupt)
			}
			o.q.Last = word - 1
			o.q.Span = article.Span{Start: d.Words[o.q.First].Start, End: d.Words[o.q.Last].End}
			out[o.order] = o.q
			continue
		}
		form, _, _ := strings.Cut(s, "\t")
		if word >= len(d.Words) {
			return nil, fmt.Errorf("line %d: token %q past the document's %d words: %w", line, form, len(d.Words), article.ErrCorrupt)
		}
		if f := html.UnescapeString(form); f != d.Words[word].Form {
			return nil, fmt.Errorf("line %d: token %q is not word %d %q of the CoNLL-U: %w", line, f, word, d.Words[word].Form, article.ErrCorrupt)
		}
		word++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("line %d: unclosed quotation: %w", line, article.ErrCorrupt)
	}
	if word != len(d.Words) {
		return nil, fmt.Errorf("%d tokens for %d words: %w", word, len(d.Words), article.ErrCorrupt)
	}
	return out, nil
}
