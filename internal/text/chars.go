package text

import (
	"unicode"
	"unicode/utf8"
)

// termKind classifies a sentence-terminal character.
type termKind uint8

const (
	termNone     termKind = iota
	termDot               // .
	termQE                // ? ! and their variants, other scripts' full stops
	termEllipsis          // …
	termCJK               // 。 ！ ？ ． ｡ : end a sentence without a following space
)

// mayTerm marks the bytes that can begin a terminal character, so the
// splitter's scan loop skips everything else with one table lookup.
var mayTerm = [256]bool{
	'.': true, '?': true, '!': true,
	0xD8: true, 0xDB: true, 0xE0: true, 0xE2: true, 0xE3: true, 0xEF: true,
}

// terminalAt reports the terminal character at s[i:], if any, and its size.
func terminalAt(s string, i int) (termKind, int) {
	switch c := s[i]; c {
	case '.':
		return termDot, 1
	case '?', '!':
		return termQE, 1
	}
	if !mayTerm[s[i]] {
		return termNone, 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '…':
		return termEllipsis, n
	case '‼', '⁇', '⁈', '⁉', '؟', '۔', '।', '॥':
		return termQE, n
	case '。', '！', '？', '．', '｡':
		return termCJK, n
	}
	return termNone, 0
}

// isCloser reports whether r closes a quotation or bracket and so may
// follow a sentence's final punctuation inside the sentence.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '“', '‘', '»', '›', '«', '‹',
		'」', '』', '）', '】', '〉', '》', '〕', '］', '｝', '＂':
		return true
	}
	return false
}

// isQuote reports whether r is a quotation mark.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›',
		'「', '」', '『', '』', '＂', '‟', '‛':
		return true
	}
	return false
}

// isOpener reports whether r may come before the first word of a sentence:
// opening quotation marks and brackets, Spanish ¿ ¡, dashes and bullets.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '„', '‚', '«', '‹', '‟', '‛',
		'¿', '¡', '-', '‐', '–', '—', '•', '*', '「', '『', '（', '【', '《', '〈', '＂':
		return true
	}
	return false
}

// isSpace reports whether r is white space: Unicode White_Space or a space
// separator.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// spaceAt reports the size of the white space character at s[i:], or 0.
func spaceAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if isSpace(r) {
		return n
	}
	return 0
}

// spaceBefore reports the size of the white space character ending at
// s[:i], or 0.
func spaceBefore(s string, i int) int {
	c := s[i-1]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if isSpace(r) {
		return n
	}
	return 0
}

// trim returns the span [start, end) of s with white space removed from
// both ends.
func trim(s string, start, end int) (int, int) {
	for start < end {
		n := spaceAt(s, start)
		if n == 0 {
			break
		}
		start += n
	}
	for end > start {
		n := spaceBefore(s, end)
		if n == 0 {
			break
		}
		end -= n
	}
	return start, end
}

// isLetterOrDigit reports whether r is a letter, digit or combining mark.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}
