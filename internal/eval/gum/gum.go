// Package gum reads the sentence gold standard of the GUM corpus (Georgetown
// University Multilayer corpus, Wikinews news and interview documents) from
// its CoNLL-U files, so that parallax's sentence splitter can be scored
// against human annotation.
//
// Each document's text is rebuilt the way parallax stores normalized text:
// paragraphs (the "# newpar" comments) are joined by '\n' and the sentences
// of a paragraph by one space, unless the sentence's last token carries
// SpaceAfter=No. A sentence that follows the last sentence of its block
// ("# newpar_block = head (1 s)") without a new "# newpar" stands outside
// any block in the source, like the date line under a headline, and
// becomes a paragraph of its own. Sentence text is taken from the "# text" comment; when a
// sentence has none it is rebuilt from the token forms and SpaceAfter.
package gum

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Doc is one GUM document: its rebuilt text and the gold sentence spans
// into that text, in order.
type Doc struct {
	ID        string
	Text      string
	Sentences []article.Span
	// Paragraphs are the gold paragraph spans, in order.
	Paragraphs []article.Span
}

// LoadSentences reads every *.conllu file in dir, or in dir/dep when that
// exists (the layout of the shared GUM snapshot), and returns the documents
// sorted by file name and, within a file, in file order. A missing dir gives
// an error wrapping fs.ErrNotExist; a malformed file one wrapping
// article.ErrCorrupt.
func LoadSentences(dir string) ([]Doc, error) {
	if fi, err := os.Stat(filepath.Join(dir, "dep")); err == nil && fi.IsDir() {
		dir = filepath.Join(dir, "dep")
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("gum: load %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("gum: load %s: not a directory: %w", dir, fs.ErrNotExist)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, fmt.Errorf("gum: load %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("gum: load %s: no .conllu files: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(names)
	var docs []Doc
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("gum: load %s: %w", name, err)
		}
		d, err := Parse(f, strings.TrimSuffix(filepath.Base(name), ".conllu"))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("gum: load %s: %w", name, err)
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// Parse reads the documents of one CoNLL-U stream. defaultID names a
// document that has no "# newdoc id" comment.
func Parse(r io.Reader, defaultID string) ([]Doc, error) {
	p := parser{defaultID: defaultID}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		p.line++
		if err := p.feed(sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := p.endSentence(); err != nil {
		return nil, err
	}
	p.endDoc()
	return p.docs, nil
}

type parser struct {
	defaultID string
	line      int
	docs      []Doc

	// current document
	open    bool
	id      string
	b       strings.Builder
	sents   []article.Span
	paras   []article.Span
	paraBeg int
	newPar  bool // the next sentence starts a paragraph
	// blockLeft counts the sentences left in the current paragraph block
	// ("# newpar_block = p (3 s)"), -1 when unknown. A sentence after the
	// block's last one lies outside any block (a date line after the
	// headline) and starts a paragraph of its own.
	blockLeft int
	glue      string

	// current sentence
	inSent   bool
	text     string
	hasText  bool
	rebuilt  strings.Builder
	spaceNo  bool // last surface token had SpaceAfter=No
	rangeEnd int  // last token id covered by a multiword token line
}

func (p *parser) corrupt(format string, args ...any) error {
	return fmt.Errorf("line %d: %s: %w", p.line, fmt.Sprintf(format, args...), article.ErrCorrupt)
}

func (p *parser) feed(line string) error {
	switch {
	case line == "":
		return p.endSentence()
	case strings.HasPrefix(line, "#"):
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), "=")
		key, val = strings.TrimSpace(key), strings.TrimLeft(val, " ")
		switch key {
		case "newdoc id", "newdoc":
			if err := p.endSentence(); err != nil {
				return err
			}
			p.endDoc()
			p.startDoc(strings.TrimSpace(val))
		case "newpar", "newpar id":
			p.newPar = true
			p.blockLeft = -1
		case "newpar_block":
			// "sp who:::..." (11 s) | p (8 s)": the innermost block, the
			// paragraph, holds the last count.
			if i := strings.LastIndex(val, "("); i >= 0 {
				var n int
				if _, err := fmt.Sscanf(val[i:], "(%d s)", &n); err == nil && n > 0 {
					p.blockLeft = n
				}
			}
		case "text":
			p.text, p.hasText = val, true
			p.inSent = true
		}
		return nil
	}
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		return p.corrupt("token line has %d columns, want 10", len(cols))
	}
	p.inSent = true
	id, form, misc := cols[0], cols[1], cols[9]
	if strings.Contains(id, ".") { // empty node: not surface text
		return nil
	}
	var first, last int
	if a, b, ok := strings.Cut(id, "-"); ok {
		if _, err := fmt.Sscanf(a, "%d", &first); err != nil {
			return p.corrupt("bad token id %q", id)
		}
		if _, err := fmt.Sscanf(b, "%d", &last); err != nil {
			return p.corrupt("bad token id %q", id)
		}
	} else {
		if _, err := fmt.Sscanf(id, "%d", &first); err != nil {
			return p.corrupt("bad token id %q", id)
		}
		last = first
		if first <= p.rangeEnd { // part of a multiword token already written
			return nil
		}
	}
	p.rangeEnd = max(p.rangeEnd, last)
	if p.rebuilt.Len() > 0 && !p.spaceNo {
		p.rebuilt.WriteByte(' ')
	}
	p.rebuilt.WriteString(form)
	p.spaceNo = false
	for _, f := range strings.Split(misc, "|") {
		if f == "SpaceAfter=No" {
			p.spaceNo = true
		}
	}
	return nil
}

func (p *parser) startDoc(id string) {
	p.open = true
	p.id = id
	p.b.Reset()
	p.sents, p.paras = nil, nil
	p.paraBeg = 0
	p.newPar = true
	p.blockLeft = -1
	p.glue = ""
}

func (p *parser) endSentence() error {
	if !p.inSent {
		return nil
	}
	if !p.open {
		p.startDoc(p.defaultID)
	}
	text := p.text
	if !p.hasText {
		text = p.rebuilt.String()
	} else if r := p.rebuilt.String(); r != "" && r != strings.TrimSpace(text) {
		return p.corrupt("# text %q does not match the tokens %q", text, r)
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return p.corrupt("empty sentence")
	}
	if p.blockLeft == 0 {
		p.newPar = true
	}
	if p.blockLeft > 0 {
		p.blockLeft--
	}
	if p.newPar && p.b.Len() > 0 {
		p.paras = append(p.paras, article.Span{Start: p.paraBeg, End: p.b.Len()})
		p.b.WriteByte('\n')
		p.paraBeg = p.b.Len()
	} else if p.b.Len() > 0 {
		p.b.WriteString(p.glue)
	}
	p.newPar = false
	start := p.b.Len()
	p.b.WriteString(text)
	p.sents = append(p.sents, article.Span{Start: start, End: p.b.Len()})
	p.glue = " "
	if p.spaceNo {
		p.glue = ""
	}
	p.inSent, p.hasText, p.text = false, false, ""
	p.rebuilt.Reset()
	p.spaceNo = false
	p.rangeEnd = 0
	return nil
}

func (p *parser) endDoc() {
	if !p.open {
		return
	}
	if p.b.Len() > 0 {
		p.paras = append(p.paras, article.Span{Start: p.paraBeg, End: p.b.Len()})
		p.docs = append(p.docs, Doc{ID: p.id, Text: p.b.String(), Sentences: p.sents, Paragraphs: p.paras})
	}
	p.open = false
}
