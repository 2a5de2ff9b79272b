package corefdata

import (
	"io"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/cat"
)

// catDoc is a CAT XML document (MEANTIME, ECB+) with its tokens placed in
// the text cat.Read rebuilds, and its markables and relations, indexed the
// way the coreference loaders look them up.
type catDoc struct {
	attrs     map[string]string
	text      string
	tokens    []catToken
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

// readCAT reads a CAT document with cat.ReadAnnotated, so token offsets
// index cat.Read's text.
func readCAT(r io.Reader) (*catDoc, error) {
	a, err := cat.ReadAnnotated(r)
	if err != nil {
		return nil, err
	}
	d := &catDoc{attrs: a.Attrs, text: a.Text, byMID: map[string]int{}}
	d.tokens = make([]catToken, len(a.Tokens))
	for i, t := range a.Tokens {
		d.tokens[i] = catToken{Span: t.Span, sentence: t.Sentence}
	}
	for _, m := range a.Markables {
		if m.ID != "" {
			d.byMID[m.ID] = len(d.markables)
		}
		d.markables = append(d.markables, catMarkable{tag: m.Tag, attrs: m.Attrs, tokens: m.Tokens})
	}
	for _, r := range a.Relations {
		d.relations = append(d.relations, catRelation{tag: r.Tag, attrs: r.Attrs, sources: r.Sources, targets: r.Targets})
	}
	return d, nil
}
