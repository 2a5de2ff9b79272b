package ner

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/cat"
)

var meantimeTypes = map[string]string{
	"PER": Person,
	"ORG": Organization,
	"LOC": Location,
}

// Meantime reads the MEANTIME corpus under dir: every
// intra_cross-doc_annotation/corpus_*/*.xml file (or dir/corpus_*/*.xml,
// or dir/*.xml), one Doc a file, sorted by path.
func Meantime(dir string) ([]Doc, error) {
	var names []string
	for _, pat := range []string{
		filepath.Join(dir, "intra_cross-doc_annotation", "corpus_*", "*.xml"),
		filepath.Join(dir, "corpus_*", "*.xml"),
		filepath.Join(dir, "*.xml"),
	} {
		names, _ = filepath.Glob(pat)
		if len(names) > 0 {
			break
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("ner: meantime %s: no CAT files: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(names)
	docs := make([]Doc, 0, len(names))
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("ner: meantime: %w", err)
		}
		d, err := ReadMeantime(f, strings.TrimSuffix(filepath.Base(name), ".xml"))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ner: meantime %s: %w", name, err)
		}
		d.Topic = filepath.Base(filepath.Dir(name))
		docs = append(docs, d)
	}
	return docs, nil
}

// ReadMeantime reads one MEANTIME CAT document; id names it unless it has
// a doc_name.
func ReadMeantime(r io.Reader, id string) (Doc, error) {
	c, err := cat.ReadAnnotated(r)
	if err != nil {
		return Doc{}, err
	}
	if n := c.Attrs["doc_name"]; n != "" {
		id = n
	}
	d := Doc{ID: id, Text: c.Text}
	entType := map[string]string{}
	for _, m := range c.Markables {
		if m.Tag == "ENTITY" {
			entType[m.ID] = m.Attrs["ent_type"]
		}
	}
	refers := map[string]string{} // mention m_id -> ent_type
	for _, rel := range c.Relations {
		if rel.Tag != "REFERS_TO" {
			continue
		}
		for _, t := range rel.Targets {
			if et, ok := entType[t]; ok {
				for _, s := range rel.Sources {
					refers[s] = et
				}
			}
		}
	}
	a := newAdder(&d)
	lastSent := -1
	for _, m := range c.Markables {
		if documentLevel(m) {
			for _, i := range m.Tokens {
				lastSent = max(lastSent, c.Tokens[i].Sentence)
			}
		}
		st := m.Attrs["syntactic_type"]
		if m.Tag != "ENTITY_MENTION" || (st != "NAM" && st != "PRE.NAM") || len(m.Tokens) == 0 {
			continue
		}
		toks := make([]int, len(m.Tokens))
		copy(toks, m.Tokens)
		sort.Ints(toks)
		et := refers[m.ID]
		typ := meantimeTypes[et]
		var nested map[int]bool
		if typ == Person {
			nested = nestedOther(c, m, toks, refers)
		}
		first, last, ok := meantimeName(c, toks, typ, nested)
		if !ok {
			continue
		}
		if typ == Person {
			words := make([]string, last+1)
			for i := first; i <= last; i++ {
				words[i] = c.Tokens[i].In(c.Text)
			}
			if first, ok = stripTitles(words, first, last); !ok {
				typ = ""
			}
		}
		if st == "PRE.NAM" && first == last && demonym(c.Tokens[first].In(c.Text)) {
			typ = ""
		}
		span := article.Span{Start: c.Tokens[first].Start, End: c.Tokens[last].End}
		if w := span.In(c.Text); strings.HasSuffix(w, "-based") && len(w) > len("-based") {
			span.End -= len("-based") // "New York City-based"
		}
		// A token may hold the comma after it ("Inc.,"), which is no part
		// of the name.
		for span.End > span.Start && strings.ContainsRune(",;:", rune(c.Text[span.End-1])) {
			span.End--
		}
		a.add(span, typ, st+":"+et)
		if typ != "" && typ != Person {
			if s, ok := parenthesizedName(c, toks, last); ok {
				a.add(s, typ, st+":"+et)
			}
		}
	}
	if lastSent >= 0 {
		end := 0
		for _, t := range c.Tokens {
			if t.Sentence <= lastSent {
				end = max(end, t.End)
			}
		}
		d.Scored = []article.Span{{Start: 0, End: end}}
	}
	a.finish()
	return d, nil
}

// documentLevel says whether m belongs to MEANTIME's document-level
// layer, which annotates every mention of the first sentences. The
// cross-document layer adds, further down, mentions of a few entities and
// events only, with no attribute but their m_id: they do not extend the
// annotated range, or every other name there would count as a false
// positive (and be learnt as no name).
func documentLevel(m cat.Markable) bool {
	for k := range m.Attrs {
		if k != "m_id" {
			return true
		}
	}
	return false
}

// nestedOther returns the tokens of a person mention m that lie inside a
// shorter mention nested in it of an entity that is not a person: MEANTIME
// marks a name nested in a noun phrase as a mention of its own ("the
// United States", LOC, inside "President of the United States Barack
// Obama", whose person name is also marked: "Barack Obama"), so those
// words say whose title it is and are not the person's name.
func nestedOther(c *cat.Annotated, m cat.Markable, toks []int, refers map[string]string) map[int]bool {
	in := map[int]bool{}
	for _, i := range toks {
		in[i] = true
	}
	out := map[int]bool{}
	for _, o := range c.Markables {
		if o.Tag != "ENTITY_MENTION" || o.ID == m.ID || len(o.Tokens) == 0 || len(o.Tokens) >= len(toks) {
			continue
		}
		inside := true
		for _, i := range o.Tokens {
			if !in[i] {
				inside = false
				break
			}
		}
		if !inside {
			continue
		}
		if t := refers[o.ID]; t != "" && t != "PER" {
			for _, i := range o.Tokens {
				out[i] = true
			}
		}
	}
	return out
}

// parenthesizedName finds the short name in brackets that a mention's
// phrase gives after its name (after token last): MEANTIME's extent of
// "General Motors Corporation (GM)" and "the United Kingdom's Royal Air
// Force (RAF" holds it, and it names the same entity.
func parenthesizedName(c *cat.Annotated, toks []int, last int) (article.Span, bool) {
	k := 0
	for k < len(toks) && toks[k] <= last {
		k++
	}
	if k+1 >= len(toks) || toks[k] != last+1 || c.Tokens[toks[k]].In(c.Text) != "(" {
		return article.Span{}, false
	}
	from, to := k+1, k+1
	for to < len(toks) && toks[to] == toks[to-1]+1 && hasUpper(c.Tokens[toks[to]].In(c.Text)) {
		to++
	}
	if to == from {
		return article.Span{}, false
	}
	return article.Span{Start: c.Tokens[toks[from]].Start, End: c.Tokens[toks[to-1]].End}, true
}

// postModifiers end the name part of a noun phrase.
var postModifiers = map[string]bool{
	"(": true, ",": true, ";": true, ":": true, "in": true, "at": true, "on": true, "from": true,
	"with": true, "who": true, "which": true, "that": true, "based": true, "-based": true,
}

// meantimeName finds the name in a mention's tokens (indexes into c.Tokens,
// sorted): the phrase is cut at the first post-modifier after a
// capitalized token and the name is the last run of capitalized tokens,
// with connectors between them; tokens in skip are no part of a name. ok
// is false when there is none.
func meantimeName(c *cat.Annotated, toks []int, typ string, skip map[int]bool) (first, last int, ok bool) {
	connectors := connectorsFor(typ)
	seenCap := false
	end := len(toks)
	for k, i := range toks {
		w := c.Tokens[i].In(c.Text)
		if seenCap && postModifiers[w] {
			end = k
			break
		}
		if hasUpper(w) {
			seenCap = true
		}
	}
	toks = toks[:end]
	k := len(toks) - 1
	for k >= 0 && (skip[toks[k]] || !hasUpper(c.Tokens[toks[k]].In(c.Text))) {
		k--
	}
	if k < 0 {
		return 0, 0, false
	}
	lastK, firstK := k, k
	for {
		switch {
		case firstK-1 >= 0 && !skip[toks[firstK-1]] && nameToken(c.Tokens[toks[firstK-1]].In(c.Text)):
			firstK--
			continue
		case firstK-2 >= 0 && connectors[c.Tokens[toks[firstK-1]].In(c.Text)] && !skip[toks[firstK-2]] && hasUpper(c.Tokens[toks[firstK-2]].In(c.Text)):
			firstK -= 2
			continue
		}
		break
	}
	// A leading "The" is not part of the name.
	for firstK < lastK && isDeterminer(c.Tokens[toks[firstK]].In(c.Text)) {
		firstK++
	}
	if isDeterminer(c.Tokens[toks[firstK]].In(c.Text)) {
		return 0, 0, false // "The" alone: no name
	}
	return toks[firstK], toks[lastK], true
}

// nameToken says whether w can be part of a name: capitalized, or a number
// inside one ("Boeing 787").
func nameToken(w string) bool {
	return hasUpper(w) || w != "" && w[0] >= '0' && w[0] <= '9'
}

func isDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an":
		return true
	}
	return false
}

// demonyms are nationality adjectives CoNLL-2003 does not tag as
// locations; the suffixes catch most others.
var demonyms = map[string]bool{
	"German": true, "French": true, "Dutch": true, "Greek": true, "Thai": true, "Swiss": true,
	"Iraqi": true, "Israeli": true, "Pakistani": true, "Qatari": true, "Saudi": true, "Afghan": true,
	"Welsh": true, "Irish": true, "Scottish": true, "British": true, "Danish": true, "Polish": true,
}

func demonym(w string) bool {
	if demonyms[w] {
		return true
	}
	if !capitalized(w) {
		return true // "federal": no name at all
	}
	for _, suf := range []string{"ian", "ean", "ican", "ese", "ish"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
