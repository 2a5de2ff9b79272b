package extract

import (
	_ "embed"
	"strings"
)

//go:embed data/hints.txt
var hintsData string

// hintTable holds the class/id hint lists of data/hints.txt, loaded once.
type hintTable struct {
	unlikely, maybe, positive, negative []string
	role, invisible                     map[string]bool
	popup                               []string

	unlikelyM, maybeM, positiveM, negativeM, popupM *matcher
}

var hints = loadHints(hintsData)

//go:embed data/furniture.txt
var furnitureData string

// furniturePhrases are the lower-case phrases of data/furniture.txt.
var furniturePhrases = func() []string {
	var out []string
	for _, line := range strings.Split(furnitureData, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

var furnitureM = newMatcher(furniturePhrases)

// furnitureText reports whether a short paragraph reads as page furniture.
func furnitureText(s string) bool {
	if len(s) >= 300 {
		return false
	}
	return furnitureM.in(strings.ToLower(s))
}

func loadHints(data string) *hintTable {
	h := &hintTable{role: map[string]bool{}, invisible: map[string]bool{}}
	var cur *[]string
	section := ""
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			switch section {
			case "unlikely":
				cur = &h.unlikely
			case "maybe":
				cur = &h.maybe
			case "positive":
				cur = &h.positive
			case "negative":
				cur = &h.negative
			case "popup":
				cur = &h.popup
			default:
				cur = nil
			}
			continue
		}
		if section == "role" {
			h.role[line] = true
		} else if section == "invisible" {
			h.invisible[line] = true
		} else if cur != nil {
			*cur = append(*cur, line)
		}
	}
	h.unlikelyM, h.maybeM = newMatcher(h.unlikely), newMatcher(h.maybe)
	h.positiveM, h.negativeM = newMatcher(h.positive), newMatcher(h.negative)
	h.popupM = newMatcher(h.popup)
	return h
}

// matcher finds whether any of a list of substrings occurs in a string,
// in one pass: the patterns are filed by their first byte.
type matcher [256][]string

func newMatcher(list []string) *matcher {
	m := new(matcher)
	for _, p := range list {
		if p != "" {
			m[p[0]] = append(m[p[0]], p)
		}
	}
	return m
}

func (m *matcher) in(s string) bool {
	for i := 0; i < len(s); i++ {
		for _, p := range m[s[i]] {
			if strings.HasPrefix(s[i:], p) {
				return true
			}
		}
	}
	return false
}

// weight is the class/id score of an element: +25 for a positive hint, -25
// for a negative one.
func (h *hintTable) weight(ci string) int {
	if ci == "" {
		return 0
	}
	w := 0
	if h.negativeM.in(ci) {
		w -= 25
	}
	if h.positiveM.in(ci) {
		w += 25
	}
	return w
}

// invisibleClass reports whether a class attribute names an element
// browsers do not show.
func (h *hintTable) invisibleClass(class string) bool {
	for _, c := range strings.Fields(class) {
		if h.invisible[strings.ToLower(c)] {
			return true
		}
	}
	return false
}

// popupClass reports whether a class attribute names a hover card or
// tooltip.
func (h *hintTable) popupClass(class string) bool {
	return class != "" && h.popupM.in(strings.ToLower(class))
}
