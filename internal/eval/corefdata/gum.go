package corefdata

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/gum"
)

// LoadGUM reads the coreference gold of every *.conllu file in dir, or in
// dir/dep (the layout of the shared GUM snapshot): per document, the text
// as gum.Parse rebuilds it and the mentions of person and organization
// entities from the MISC Entity= field, all of them (names, nominals,
// pronouns, singletons), clustered by the entity's GRP id. A mention's
// Min covers its minspan tokens (first to last). Documents come sorted
// by file name.
func LoadGUM(dir string) ([]Doc, error) {
	if fi, err := os.Stat(filepath.Join(dir, "dep")); err == nil && fi.IsDir() {
		dir = filepath.Join(dir, "dep")
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, fmt.Errorf("corefdata: gum %s: %w", dir, err)
	}
	if len(names) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("corefdata: gum: %w", err)
		}
		return nil, fmt.Errorf("corefdata: gum %s: no .conllu files: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(names)
	var docs []Doc
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("corefdata: gum: %w", err)
		}
		d, err := ParseGUM(bytes.NewReader(b), strings.TrimSuffix(filepath.Base(name), ".conllu"))
		if err != nil {
			return nil, fmt.Errorf("corefdata: gum %s: %w", name, err)
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// ParseGUM reads the documents of one CoNLL-U stream; defaultID names a
// document without a "# newdoc id" comment.
func ParseGUM(r io.Reader, defaultID string) ([]Doc, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	texts, err := gum.Parse(bytes.NewReader(raw), defaultID)
	if err != nil {
		return nil, err
	}
	sdocs, err := gumSentences(raw)
	if err != nil {
		return nil, err
	}
	if len(sdocs) != len(texts) {
		return nil, fmt.Errorf("%d documents, gum.Parse read %d: %w", len(sdocs), len(texts), article.ErrCorrupt)
	}
	docs := make([]Doc, len(texts))
	for i, t := range texts {
		d, err := gumDoc(t, sdocs[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.ID, err)
		}
		docs[i] = d
	}
	return docs, nil
}

// gumWord is one syntactic word of a sentence: its form, the surface form
// it is written in (a multiword token's, or its own) and its Entity field.
type gumWord struct {
	surface int // index of its surface token in the sentence
	entity  string
}

type gumSent struct {
	surface []string // surface token forms in order
	words   []gumWord
	line    int
}

// gumSentences splits the stream into documents of sentences of words, the
// way gum.Parse does ("# newdoc" starts a document).
func gumSentences(raw []byte) ([][]gumSent, error) {
	var docs [][]gumSent
	var cur *gumSent
	open := false
	end := func() {
		if cur != nil && len(cur.surface) > 0 {
			if !open {
				docs = append(docs, nil)
				open = true
			}
			docs[len(docs)-1] = append(docs[len(docs)-1], *cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line, rangeEnd := 0, 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case l == "":
			end()
			rangeEnd = 0
			continue
		case strings.HasPrefix(l, "#"):
			key, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(l, "#")), "=")
			if k := strings.TrimSpace(key); k == "newdoc id" || k == "newdoc" {
				end()
				rangeEnd = 0
				docs = append(docs, nil)
				open = true
			}
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("line %d: %d columns: %w", line, len(cols), article.ErrCorrupt)
		}
		if cur == nil {
			cur = &gumSent{line: line}
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			_, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("line %d: bad id %q: %w", line, id, article.ErrCorrupt)
			}
			cur.surface = append(cur.surface, cols[1])
			rangeEnd = max(rangeEnd, last)
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil {
			return nil, fmt.Errorf("line %d: bad id %q: %w", line, id, article.ErrCorrupt)
		}
		if n > rangeEnd {
			cur.surface = append(cur.surface, cols[1])
		}
		w := gumWord{surface: len(cur.surface) - 1}
		for _, f := range strings.Split(cols[9], "|") {
			if v, ok := strings.CutPrefix(f, "Entity="); ok {
				w.entity = v
			}
		}
		cur.words = append(cur.words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	end()
	return docs, nil
}

// gumDoc places the words of sents on the rebuilt text of t and reads the
// entity mentions.
func gumDoc(t gum.Doc, sents []gumSent) (Doc, error) {
	d := Doc{ID: t.ID, Text: t.Text, Annotated: len(t.Text)}
	if len(sents) != len(t.Sentences) {
		return d, fmt.Errorf("%d sentences, gum.Parse read %d: %w", len(sents), len(t.Sentences), article.ErrCorrupt)
	}
	var words []article.Span // every word of the document
	type openMention struct {
		id, etype, minspan string
		start              int // word index
	}
	var stack []openMention
	for si, s := range sents {
		span := t.Sentences[si]
		pos := span.Start
		surf := make([]article.Span, len(s.surface))
		for k, form := range s.surface {
			for pos < span.End && (t.Text[pos] == ' ' || t.Text[pos] == '\n') {
				pos++
			}
			if !strings.HasPrefix(t.Text[pos:span.End], form) {
				return d, fmt.Errorf("line %d: token %q not at offset %d of the text: %w", s.line, form, pos, article.ErrCorrupt)
			}
			surf[k] = article.Span{Start: pos, End: pos + len(form)}
			pos += len(form)
		}
		for _, w := range s.words {
			wi := len(words)
			words = append(words, surf[w.surface])
			for _, op := range parseEntityField(w.entity) {
				if op.open {
					stack = append(stack, openMention{op.id, op.etype, op.minspan, wi})
				}
				if !op.close {
					continue
				}
				k := len(stack) - 1
				for k >= 0 && stack[k].id != op.id {
					k--
				}
				if k < 0 {
					return d, fmt.Errorf("line %d: entity %s closed but not open: %w", s.line, op.id, article.ErrCorrupt)
				}
				om := stack[k]
				stack = append(stack[:k], stack[k+1:]...)
				if om.etype != Person && om.etype != Organization {
					continue
				}
				m := Mention{
					Span:    article.Span{Start: words[om.start].Start, End: words[wi].End},
					Kind:    om.etype,
					Cluster: om.id,
				}
				m.Min = minSpan(words[om.start:wi+1], om.minspan, m.Span)
				d.Mentions = append(d.Mentions, m)
			}
		}
	}
	if len(stack) > 0 {
		return d, fmt.Errorf("entity %s never closed: %w", stack[0].id, article.ErrCorrupt)
	}
	sortMentions(d.Mentions)
	return d, nil
}

// minSpan covers the minspan words (1-based positions within the mention,
// comma-separated), from the first to the last; the whole mention when
// minspan is missing or out of range.
func minSpan(words []article.Span, minspan string, whole article.Span) article.Span {
	lo, hi := -1, -1
	for _, f := range strings.Split(minspan, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > len(words) {
			return whole
		}
		if lo < 0 || n < lo {
			lo = n
		}
		hi = max(hi, n)
	}
	if lo < 0 {
		return whole
	}
	return article.Span{Start: words[lo-1].Start, End: words[hi-1].End}
}

type entityOp struct {
	id, etype, minspan string
	open, close        bool
}

// parseEntityField reads a CorefUD Entity value such as
// "(5-time-new-nnnnn-cf2-1-sgl)4)": openings "(GRP-etype-infstat-
// salience-centering-minspan-...", closings "GRP)", in order. A
// discontinuous part marker "[1/2]" after the id is dropped.
func parseEntityField(v string) []entityOp {
	var ops []entityOp
	for i := 0; i < len(v); {
		if v[i] == '(' {
			j := i + 1
			for j < len(v) && v[j] != '(' && v[j] != ')' {
				j++
			}
			f := strings.Split(v[i+1:j], "-")
			op := entityOp{id: stripPart(f[0]), open: true}
			if len(f) > 1 {
				op.etype = f[1]
			}
			if len(f) > 5 {
				op.minspan = f[5]
			}
			if j < len(v) && v[j] == ')' {
				op.close = true
				j++
			}
			ops = append(ops, op)
			i = j
			continue
		}
		j := strings.IndexByte(v[i:], ')')
		if j < 0 {
			break
		}
		ops = append(ops, entityOp{id: stripPart(v[i : i+j]), close: true})
		i += j + 1
	}
	return ops
}

func stripPart(id string) string {
	if k := strings.IndexByte(id, '['); k >= 0 {
		return id[:k]
	}
	return id
}
