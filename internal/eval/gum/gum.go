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
//
// Each document also carries its syntactic words with their place in the
// text, and the entity mentions of the MISC "Entity=" annotation (GUM's
// coreference layer: "(3-person-new-sssss-cf1-1,2-coref-Wikipedia_Title"
// opens mention 3 on a word, "3)" closes it; mentions nest).
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
	// Words are the document's syntactic words (token lines), in order.
	Words []Word
	// Entities are the entity mentions, ordered by first word, longest
	// first.
	Entities []Entity
	// Quotations are the <quote> and <q> elements of the xml layer;
	// only LoadQuotations fills them.
	Quotations []Quotation
}

// Word is one syntactic word, a CoNLL-U token line, and its bytes in
// Doc.Text. The words of a multiword token have their part of it when
// their forms spell the token ("It" and "'s" of "It's"), else they share
// the token's span.
type Word struct {
	article.Span
	Sentence int // index into Doc.Sentences
	ID       int // the word's id in its sentence (1-based)
	Head     int // the id of its syntactic head, 0 for the root
	Form     string
	UPOS     string
	XPOS     string
}

// Entity is one entity mention: the words from First to Last (indexes into
// Doc.Words) and the fields of its "Entity=" annotation
// (GRP-etype-infstat-salience-centering-minspan-link-identity).
type Entity struct {
	article.Span
	First, Last int
	Group       string // coreference cluster: same group, same entity
	Type        string // person, organization, place, event, time, abstract, object, ...
	InfStat     string // information status: new, giv:act, acc:inf, ...
	// MinSpan holds the indexes into Doc.Words of the mention's minimal
	// span (its head words); GUM writes them as 1-based positions in the
	// mention.
	MinSpan  []int
	Link     string // coref, sgl (singleton), ana, appos, ...
	Identity string // Wikipedia title when linked ("Afghan_Girls_Robotics_Team"), else ""
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
	words     []Word
	entities  []Entity
	pending   map[string][]openEntity // mentions not yet closed, by group

	// current sentence
	inSent   bool
	text     string
	hasText  bool
	rebuilt  strings.Builder
	spaceNo  bool // last surface token had SpaceAfter=No
	rangeEnd int  // last token id covered by a multiword token line
	// sentWords are the current sentence's words, spans relative to the
	// sentence text; surface is the span of the last surface token.
	sentWords   []Word
	surface     article.Span
	surfaceForm string
	surfaceUsed int // bytes of surfaceForm given to its words so far
}

type openEntity struct {
	word int // index into parser.words (after the sentence is flushed) of the first word
	e    Entity
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
	isRange := false
	if a, b, ok := strings.Cut(id, "-"); ok {
		isRange = true
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
			return p.word(first, cols, p.subword(form))
		}
	}
	p.rangeEnd = max(p.rangeEnd, last)
	if p.rebuilt.Len() > 0 && !p.spaceNo {
		p.rebuilt.WriteByte(' ')
	}
	start := p.rebuilt.Len()
	p.rebuilt.WriteString(form)
	p.surface = article.Span{Start: start, End: p.rebuilt.Len()}
	p.surfaceForm, p.surfaceUsed = form, 0
	p.spaceNo = false
	for _, f := range strings.Split(misc, "|") {
		if f == "SpaceAfter=No" {
			p.spaceNo = true
		}
	}
	if isRange {
		return nil
	}
	return p.word(first, cols, p.surface)
}

// subword returns the span of form, the next word of the current
// multiword token: its part of the surface form when the words spell it
// ("Virginia" + "'s"), else the whole token.
func (p *parser) subword(form string) article.Span {
	if rest := p.surfaceForm[p.surfaceUsed:]; form != "" && strings.HasPrefix(rest, form) {
		start := p.surface.Start + p.surfaceUsed
		p.surfaceUsed += len(form)
		return article.Span{Start: start, End: start + len(form)}
	}
	return p.surface
}

// word records a syntactic word covering span of the sentence text and
// opens and closes the entity mentions its MISC column marks.
func (p *parser) word(id int, cols []string, span article.Span) error {
	if !p.open {
		p.startDoc(p.defaultID)
	}
	w := len(p.words) + len(p.sentWords)
	head := 0
	if cols[6] != "_" {
		if _, err := fmt.Sscanf(cols[6], "%d", &head); err != nil {
			return p.corrupt("bad head %q", cols[6])
		}
	}
	p.sentWords = append(p.sentWords, Word{Span: span, ID: id, Head: head, Form: cols[1], UPOS: cols[3], XPOS: cols[4]})
	for _, f := range strings.Split(cols[9], "|") {
		if v, ok := strings.CutPrefix(f, "Entity="); ok {
			if err := p.entities1(v, w); err != nil {
				return err
			}
		}
	}
	return nil
}

// entities1 applies one word's Entity value: "(" opens a mention with its
// fields, "GRP)" closes the innermost open mention of GRP, and "(...)"
// is a one-word mention.
func (p *parser) entities1(v string, w int) error {
	for v != "" {
		if v[0] == '(' {
			end := strings.IndexAny(v[1:], "()")
			if end < 0 {
				end = len(v) - 1
			}
			e, err := p.parseEntity(v[1 : 1+end])
			if err != nil {
				return err
			}
			v = v[1+end:]
			p.pending[e.Group] = append(p.pending[e.Group], openEntity{word: w, e: e})
			if strings.HasPrefix(v, ")") {
				v = v[1:]
				p.closeEntity(e.Group, w)
			}
			continue
		}
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return p.corrupt("bad Entity value %q", v)
		}
		grp := groupOf(v[:end])
		if len(p.pending[grp]) == 0 {
			return p.corrupt("Entity %q closes no open mention", v[:end])
		}
		p.closeEntity(grp, w)
		v = v[end+1:]
	}
	return nil
}

func (p *parser) parseEntity(s string) (Entity, error) {
	f := strings.SplitN(s, "-", 8)
	if len(f) < 2 || f[0] == "" {
		return Entity{}, p.corrupt("bad Entity %q", s)
	}
	e := Entity{Group: groupOf(f[0]), Type: f[1]}
	if len(f) > 2 {
		e.InfStat = f[2]
	}
	if len(f) > 5 {
		for _, n := range strings.Split(f[5], ",") {
			var i int
			if _, err := fmt.Sscanf(n, "%d", &i); err == nil && i > 0 {
				e.MinSpan = append(e.MinSpan, i) // made absolute on close
			}
		}
	}
	if len(f) > 6 {
		e.Link = f[6]
	}
	if len(f) > 7 {
		e.Identity = f[7]
	}
	return e, nil
}

// groupOf drops the part number of a discontinuous mention ("3[1/2]").
func groupOf(id string) string {
	if i := strings.IndexByte(id, '['); i >= 0 {
		return id[:i]
	}
	return id
}

// closeEntity ends the innermost open mention of grp on word last.
func (p *parser) closeEntity(grp string, last int) {
	st := p.pending[grp]
	o := st[len(st)-1]
	p.pending[grp] = st[:len(st)-1]
	e := o.e
	e.First, e.Last = o.word, last
	var ms []int
	for _, i := range e.MinSpan {
		if w := e.First + i - 1; w <= e.Last {
			ms = append(ms, w)
		}
	}
	e.MinSpan = ms
	p.entities = append(p.entities, e)
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
	p.words, p.entities = nil, nil
	p.pending = map[string][]openEntity{}
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
	for _, w := range p.sentWords {
		w.Start += start
		w.End += start
		w.Sentence = len(p.sents) - 1
		p.words = append(p.words, w)
	}
	p.sentWords = p.sentWords[:0]
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

// finishEntities gives each closed mention its span and orders them.
func (p *parser) finishEntities() {
	for i := range p.entities {
		e := &p.entities[i]
		e.Span = article.Span{Start: p.words[e.First].Start, End: p.words[e.Last].End}
	}
	sort.SliceStable(p.entities, func(i, j int) bool {
		a, b := p.entities[i], p.entities[j]
		if a.First != b.First {
			return a.First < b.First
		}
		return a.Last > b.Last
	})
}

func (p *parser) endDoc() {
	if !p.open {
		return
	}
	if p.b.Len() > 0 {
		p.paras = append(p.paras, article.Span{Start: p.paraBeg, End: p.b.Len()})
		p.finishEntities()
		p.docs = append(p.docs, Doc{ID: p.id, Text: p.b.String(), Sentences: p.sents, Paragraphs: p.paras, Words: p.words, Entities: p.entities})
	}
	p.open = false
}

// Splits reads the standard splits of GUM from dir/original/splits.md: the
// "## dev" and "## test" headings over "* GUM_..." lines. Documents not
// listed are train.
func Splits(dir string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(dir, "original", "splits.md"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	split := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if h, ok := strings.CutPrefix(l, "## "); ok {
			split = strings.TrimSpace(h)
			continue
		}
		if name, ok := strings.CutPrefix(l, "* "); ok && split != "" {
			m[strings.TrimSpace(name)] = split
		}
	}
	return m, sc.Err()
}
