package ner

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/gum"
)

var gumTypes = map[string]string{
	"person":       Person,
	"organization": Organization,
	"place":        Location,
}

// GUM reads the GUM snapshot in dir (dir/dep/*.conllu, and
// dir/original/splits.md for the splits when present) and returns one Doc
// a document with its named mentions.
func GUM(dir string) ([]Doc, error) {
	gd, err := gum.LoadSentences(dir)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	splits, err := gum.Splits(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("ner: %w", err)
	}
	docs := make([]Doc, len(gd))
	for i, g := range gd {
		docs[i] = FromGUM(g)
		docs[i].Split = splits[g.ID]
		if splits != nil && docs[i].Split == "" {
			docs[i].Split = "train"
		}
	}
	return docs, nil
}

// FromGUM turns a GUM document's entity mentions into named-entity gold
// (see the package doc for the rule). Split is left empty.
func FromGUM(g gum.Doc) Doc {
	d := Doc{ID: g.ID, Text: g.Text}
	a := newAdder(&d)
	for _, e := range g.Entities {
		if e.Type == "time" {
			continue
		}
		h, ok := gumHead(g, e)
		if !ok {
			continue
		}
		typ := gumTypes[e.Type]
		if typ == Person {
			// A title noun before the name heads the mention
			// ("spokesperson Julie Hahn"): the name is its proper noun
			// dependent right after it.
			if n := h + 1; g.Words[h].UPOS == "NOUN" && n <= e.Last && dependsOn(g, n, h) && g.Words[n].UPOS == "PROPN" && capitalized(g.Words[n].Form) {
				h, e.First = n, n
			}
		}
		if g.Words[h].UPOS != "PROPN" {
			continue
		}
		if typ == Person {
			e.First = afterNested(g, e, h)
		}
		first, last := gumName(g, e, h, typ)
		if typ == Person {
			words := make([]string, last+1)
			for i := first; i <= last; i++ {
				words[i] = g.Words[i].Form
			}
			var ok bool
			first, ok = stripTitles(words, first, last)
			if !ok || g.Words[h].XPOS == "NNPS" {
				typ = ""
			}
		}
		a.add(article.Span{Start: g.Words[first].Start, End: g.Words[last].End}, typ, e.Type)
	}
	a.finish()
	return d
}

// gumHead returns the mention's head: its first word whose syntactic head
// lies outside the mention.
func gumHead(g gum.Doc, e gum.Entity) (int, bool) {
	for i := e.First; i <= e.Last; i++ {
		w := g.Words[i]
		inside := false
		for j := e.First; j <= e.Last; j++ {
			if g.Words[j].Sentence == w.Sentence && g.Words[j].ID == w.Head {
				inside = true
				break
			}
		}
		if !inside {
			return i, true
		}
	}
	return 0, false
}

// dependsOn says whether word i's syntactic head is word h.
func dependsOn(g gum.Doc, i, h int) bool {
	return g.Words[i].Sentence == g.Words[h].Sentence && g.Words[i].Head == g.Words[h].ID
}

// afterNested returns the first word after the last mention of another
// type nested in e before word h: "NASA" in "NASA Administrator Charles
// Bolden", "Washington" in "Governor of Washington Chris Gregoire" say
// whose title it is, and are no part of the name.
func afterNested(g gum.Doc, e gum.Entity, h int) int {
	from := e.First
	for _, n := range g.Entities {
		if n.Type != e.Type && n.First >= e.First && n.Last < h && n.Last+1 > from {
			from = n.Last + 1
		}
	}
	return from
}

// gumName grows the name around head h: name words, and connectors between
// name words, within the mention.
func gumName(g gum.Doc, e gum.Entity, h int, typ string) (first, last int) {
	connectors := connectorsFor(typ)
	name := func(i int) bool {
		w := g.Words[i]
		switch w.UPOS {
		case "PROPN":
			return true
		case "ADJ", "NOUN", "VERB", "NUM", "X":
			return capitalized(w.Form)
		}
		return false
	}
	first, last = h, h
	for {
		switch {
		case first-1 >= e.First && name(first-1) && g.Words[first-1].Span != g.Words[first].Span:
			first--
			continue
		case first-2 >= e.First && connectors[g.Words[first-1].Form] && name(first-2):
			first -= 2
			continue
		}
		break
	}
	for {
		switch {
		case last+1 <= e.Last && name(last+1) && g.Words[last+1].Span != g.Words[last].Span:
			last++
			continue
		case last+2 <= e.Last && connectors[g.Words[last+1].Form] && name(last+2):
			last += 2
			continue
		}
		break
	}
	return first, last
}
