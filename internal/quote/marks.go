package quote

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// A quotation is a stretch of text between quotation marks, marks
// included. Quotations are found paragraph by paragraph with a small state
// machine that knows the conventions of news text: “English” and ‘single’
// marks, straight "double" and 'single' marks, „German“ and »German«,
// «French» and ‹single› guillemets, apostrophes inside and at the end of
// words (don’t, leaders’), and quotations that run over several paragraphs
// (the opening mark repeated at the start of each, no closing mark until
// the last).
type quotation struct {
	article.Span      // from the opening mark to after the closing mark
	Closed       bool // false when the paragraph ended first
	Cont         bool // continues a quotation of the previous paragraph
	Level        int  // 0 outermost
}

// markKind is the part a quotation-mark character can play.
type markKind uint8

const (
	markNone markKind = iota
	markOpen
	markClose
	markEither // straight quotes and ambiguous guillemets: position decides
)

// family groups marks that pair with each other.
type family uint8

const (
	famDouble     family = iota + 1 // “ ” „ "
	famSingle                       // ‘ ’ ‚ '
	famGuil                         // « »
	famGuilSingle                   // ‹ ›
)

func classify(r rune) (markKind, family) {
	switch r {
	case '“':
		return markEither, famDouble // opens in English, closes after „
	case '”':
		return markEither, famDouble // closes; opens in Swedish-style text
	case '„':
		return markOpen, famDouble
	case '"', '＂':
		return markEither, famDouble
	case '‘':
		return markEither, famSingle // opens; closes after ‚
	case '’':
		return markEither, famSingle
	case '‚':
		return markOpen, famSingle
	case '\'':
		return markEither, famSingle
	case '«':
		return markEither, famGuil
	case '»':
		return markEither, famGuil
	case '‹':
		return markEither, famGuilSingle
	case '›':
		return markEither, famGuilSingle
	}
	return markNone, 0
}

// isOpenerRune is the mark's natural reading when nothing is open.
func isOpenerRune(r rune) bool {
	switch r {
	case '“', '„', '‘', '‚', '«', '‹', '"', '\'', '＂':
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// spaceBefore reports whether the mark at i starts a word: it follows the
// start of the paragraph, a space, an opening bracket, a dash or another
// quotation mark.
func spaceBefore(p string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(p[:i])
	if unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '-' || r == '/' {
		return true
	}
	k, _ := classify(r)
	return k != markNone
}

// spaceAfter reports whether the mark ending at j ends a word: the end of
// the paragraph, a space, punctuation, a closing bracket, a dash or a mark.
func spaceAfter(p string, j int) bool {
	if j >= len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p[j:])
	if unicode.IsSpace(r) || unicode.IsPunct(r) || r == '—' || r == '–' {
		return true
	}
	k, _ := classify(r)
	return k != markNone
}

type openMark struct {
	at  int // byte offset of the mark in the text
	r   rune
	fam family
}

// quotations finds the quotations of text, whose paragraphs are paras.
// The result is in text order of opening marks; nested quotations come
// after the quotation that holds them.
func quotations(text string, paras []article.Span) []quotation {
	var out []quotation
	var carry *openMark // an outermost quotation left open by the last paragraph
	for _, para := range paras {
		p := text[para.Start:para.End]
		var stack []openMark
		cont := false
		if carry != nil {
			// The quotation goes on only if this paragraph opens with a mark
			// of its family, as news style repeats it.
			r, _ := utf8.DecodeRuneInString(p)
			if k, f := classify(r); k != markNone && f == carry.fam && isOpenerRune(r) || r == carry.r {
				cont = true
			}
			carry = nil
		}
		for i := 0; i < len(p); {
			r, size := utf8.DecodeRuneInString(p[i:])
			k, fam := classify(r)
			if k == markNone {
				i += size
				continue
			}
			before, after := spaceBefore(p, i), spaceAfter(p, i+size)
			// An apostrophe inside or at the end of a word is not a mark:
			// don’t, O’Brien, leaders’ — unless it closes an open single quote.
			if fam == famSingle && !before {
				prev, _ := utf8.DecodeLastRuneInString(p[:i])
				next, _ := utf8.DecodeRuneInString(p[i+size:])
				if isWordRune(prev) && (i+size < len(p) && isWordRune(next) || !openFamily(stack, famSingle)) {
					i += size
					continue
				}
			}
			if fam == famSingle && before && r != '‘' && r != '‚' {
				// A leading apostrophe ('90s, ’em) opens nothing unless a
				// closing single mark follows in the paragraph.
				if !closerAhead(p, i+size) {
					i += size
					continue
				}
			}
			top := -1
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].fam == fam {
					top = j
					break
				}
			}
			closes := false
			switch {
			case top < 0:
				closes = false
			case k == markOpen:
				closes = false
			case r == '“' && stack[top].r == '„', r == '‘' && stack[top].r == '‚':
				closes = true
			case r == '“' || r == '‘':
				// An English opener inside an open quotation of its family:
				// closes only when it cannot open (no word after it).
				closes = after && !before
			case r == '«' && stack[top].r == '»', r == '‹' && stack[top].r == '›':
				closes = true
			case r == '«' || r == '‹':
				closes = false
			default:
				// ” ’ " ' » ›: close, unless it stands before a word and
				// after a space, where it opens a nested quotation.
				closes = !(before && !after)
			}
			if closes {
				// Close the innermost open quotation of this family, and any
				// left open inside it.
				o := stack[top]
				stack = stack[:top]
				out = append(out, quotation{
					Span:   article.Span{Start: o.at, End: para.Start + i + size},
					Closed: true,
					Cont:   cont && top == 0 && len(out) > 0 && o.at == para.Start,
					Level:  top,
				})
			} else if !(k == markEither && !isOpenerRune(r) && !before) {
				stack = append(stack, openMark{at: para.Start + i, r: r, fam: fam})
			}
			i += size
		}
		// Quotations left open end with the paragraph; the outermost one
		// may go on in the next.
		for j, o := range stack {
			out = append(out, quotation{
				Span:  article.Span{Start: o.at, End: para.End},
				Cont:  cont && j == 0 && o.at == para.Start,
				Level: j,
			})
		}
		if len(stack) > 0 {
			o := stack[0]
			carry = &o
		}
	}
	sortQuotations(out)
	return out
}

func openFamily(stack []openMark, f family) bool {
	for _, o := range stack {
		if o.fam == f {
			return true
		}
	}
	return false
}

// closerAhead reports whether p, from i, holds a single quotation mark that
// ends a word.
func closerAhead(p string, i int) bool {
	for j := i; j < len(p); {
		r, size := utf8.DecodeRuneInString(p[j:])
		if (r == '’' || r == '\'') && j > 0 && !spaceBefore(p, j) && spaceAfter(p, j+size) {
			prev, _ := utf8.DecodeLastRuneInString(p[:j])
			if prev != 's' { // leaders’ is a possessive more often than a close
				return true
			}
		}
		j += size
	}
	return false
}

func sortQuotations(qs []quotation) {
	slices.SortStableFunc(qs, func(a, b quotation) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
}
