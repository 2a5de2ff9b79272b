package entity

import (
	"sync"

	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// gazetteer marks the tokens of d that the embedded knowledge knows: the
// longest state, organization or title phrase starting at each
// capitalized token, with the token's place in it (B, I, L, U), and the
// single-word lists (given names, surnames, common words). The marks are
// features, not decisions: "Turkey" on a menu is not a state.
func (d *docFeatures) gazetteer() [][]string {
	n := len(d.toks)
	out := make([][]string, n)
	mark := func(from, to int, cat string) {
		if to-from == 1 {
			out[from] = append(out[from], "U-"+cat)
			return
		}
		out[from] = append(out[from], "B-"+cat)
		for i := from + 1; i < to-1; i++ {
			out[i] = append(out[i], "I-"+cat)
		}
		out[to-1] = append(out[to-1], "L-"+cat)
	}
	states, orgs, titles := knowledge.States(), knowledge.Orgs(), knowledge.Titles()
	outlets, names := knowledge.Outlets(), orgNames()
	var words [maxPhrase]string
	var keyBuf []byte
	var keyEnd [maxPhrase + 1]int
	for i := 0; i < n; i++ {
		w := d.words[i]
		k := d.toks[i].Kind
		if (k != text.Word && k != text.Abbrev) || !capitalized(w) {
			continue
		}
		// The longest phrase of each kind that starts here, within the
		// sentence's run of words.
		end := i
		for end < n && end-i < maxPhrase && phraseToken(d, end, i) {
			end++
		}
		// The list key of every phrase starting here is a prefix of the
		// key of the longest: key[:keyEnd[j-i]] is that of tokens i..j-1.
		keyBuf = keyBuf[:0]
		for j := i; j < end; j++ {
			keyBuf = appendOrgKey(keyBuf, d.lower[j], j == i && end-i > 1)
			keyEnd[j-i+1] = len(keyBuf)
		}
		key := string(keyBuf)
		stateTo, orgTo, placeTo, listTo, outletTo := 0, 0, 0, 0, 0
		var stateForm string
		for j := end; j > i && (stateTo == 0 || orgTo == 0 || placeTo == 0 || listTo == 0 || outletTo == 0); j-- {
			// A phrase ends on a word or abbreviation.
			if kk := d.toks[j-1].Kind; kk != text.Word && kk != text.Abbrev {
				continue
			}
			phrase := d.text[d.toks[i].Start:d.toks[j-1].End]
			if stateTo == 0 {
				if m, ok := states.Lookup(phrase); ok {
					stateTo, stateForm = j, m.Form.String()
				} else if len(m.Candidates) > 0 {
					stateTo, stateForm = j, "ambiguous"
				}
			}
			if placeTo == 0 && j-i > 1 {
				if ps := knowledge.LookupPlace(phrase); len(ps) > 0 {
					placeTo = j
				}
			}
			if orgTo == 0 {
				if m, ok := orgs.Lookup(phrase); ok {
					orgTo = j
					_ = m
				} else if len(m.Candidates) > 0 {
					orgTo = j
				}
			}
			if listTo == 0 {
				if names[key[:keyEnd[j-i]]] && keyEnd[j-i] > 0 {
					listTo = j
				}
			}
			if outletTo == 0 {
				if m, ok := outlets.Lookup(phrase); ok || len(m.Candidates) > 0 {
					outletTo = j
				}
			}
		}
		if stateTo > 0 {
			mark(i, stateTo, "state-"+stateForm)
		}
		if orgTo > 0 {
			mark(i, orgTo, "org")
		}
		if placeTo > 0 {
			mark(i, placeTo, "place")
		}
		if listTo > 0 {
			mark(i, listTo, "orgx")
		}
		if outletTo > 0 {
			mark(i, outletTo, "outlet")
		}
		nw := copy(words[:], d.words[i:end])
		if m, ok := titles.Match(words[:nw]); ok {
			mark(i, i+m.Words, "title-"+m.Title.Kind)
		}
	}
	// The word classes of each distinct word, looked up once; the marks
	// are only read, so a token without others shares its word's list.
	classes := make([][]string, d.nWords)
	done := make([]bool, d.nWords)
	for i := 0; i < n; i++ {
		id := d.wordID[i]
		if !done[id] {
			classes[id] = appendWordClasses(nil, d.words[i], d.lower[i])
			done[id] = true
		}
		if c := classes[id]; len(out[i]) == 0 {
			out[i] = c[:len(c):len(c)]
		} else {
			out[i] = append(out[i], c...)
		}
	}
	return out
}

// phraseToken reports whether token j may be part of a gazetteer phrase
// starting at token i: words, abbreviations, and the small joiners of
// names ("of", "and", "the", "for", "-", "&", "'s").
func phraseToken(d *docFeatures, j, i int) bool {
	if j > i && d.toks[j].Start-d.toks[j-1].End > 1 {
		return false // a line break or a wide gap ends a name
	}
	switch d.toks[j].Kind {
	case text.Word, text.Abbrev:
		if capitalized(d.words[j]) || j == i {
			return true
		}
		switch d.lower[j] {
		case "of", "and", "the", "for", "de", "du", "al", "el", "'s", "on", "in":
			return true
		}
		return false
	case text.Punct:
		w := d.words[j]
		return w == "-" || w == "&" || w == "."
	}
	return false
}

// appendWordClasses appends the single-word list marks of a word: given
// name (and whether it is also a common word), surname, common word,
// place.
func appendWordClasses(out []string, w, lower string) []string {
	if lower == "" || !capitalized(w) {
		return out
	}
	if ok, amb := knowledge.GivenName(w); ok {
		if amb {
			out = append(out, "given-amb")
		} else {
			out = append(out, "given")
		}
	}
	if knowledge.Surname(w) {
		out = append(out, "surname")
	}
	if knowledge.CommonWord(lower) {
		out = append(out, "common")
	}
	if ps := knowledge.LookupPlace(w); len(ps) > 0 {
		out = append(out, placeClass(ps[0].Kind))
	}
	return out
}

// placeClasses holds "place-"+kind for the few place kinds, so that a
// mark costs no allocation.
var placeClasses sync.Map // kind → "place-"+kind

func placeClass(kind string) string {
	if c, ok := placeClasses.Load(kind); ok {
		return c.(string)
	}
	c, _ := placeClasses.LoadOrStore(kind, "place-"+kind)
	return c.(string)
}
