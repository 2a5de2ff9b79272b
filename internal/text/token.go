package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// TokenKind says what a token is.
type TokenKind uint8

// The kinds of token.
const (
	Word   TokenKind = iota + 1 // letters, digits and marks, with inner ' ’ - _: "don't", "COVID-19"
	Number                      // digits with inner , and . and an optional %: "1,000.5", "3.5%"
	Abbrev                      // an abbreviation with its period: "U.S.", "Mr.", "F."
	URL                         // "https://x.org/a.b", "www.x.org/a", "reuters.com"
	Email                       // "press@example.com"
	Punct                       // one punctuation character, or a run of dots or hyphens
	Quote                       // one quotation mark or apostrophe: " ' “ ” ‘ ’ « » „
	Symbol                      // anything else: $ % & + = # @ © emoji, unknown bytes
)

var kindNames = [...]string{"?", "Word", "Number", "Abbrev", "URL", "Email", "Punct", "Quote", "Symbol"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return kindNames[0]
}

// MarshalText gives the kind's name in lower case ("word", "abbrev"), as
// JSON shows it.
func (k TokenKind) MarshalText() ([]byte, error) { return []byte(strings.ToLower(k.String())), nil }

// Token is a span of text and its kind.
type Token struct {
	article.Span
	Kind TokenKind `json:"kind"`
}

// Tokens appends the tokens of text to dst and returns the extended slice.
// White space separates tokens and belongs to none; every other byte of
// text belongs to exactly one token. It allocates only to grow dst.
func Tokens(text string, dst []Token) []Token {
	for i := 0; i < len(text); {
		c := text[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpace(r):
			i += n
			continue
		case isAlnum(r):
			dst = scanWord(text, i, dst)
		case isQuote(r):
			dst = append(dst, tok(i, i+n, Quote))
		case r == '.' || r == '-':
			j := i + 1
			for j < len(text) && text[j] == c {
				j++
			}
			dst = append(dst, tok(i, j, Punct))
		case unicode.IsPunct(r) && !symbolPunct(r):
			dst = append(dst, tok(i, i+n, Punct))
		default:
			dst = append(dst, tok(i, symbolEnd(text, i+n, r), Symbol))
		}
		i = dst[len(dst)-1].End
	}
	return dst
}

func tok(start, end int, k TokenKind) Token {
	return Token{Span: article.Span{Start: start, End: end}, Kind: k}
}

// runeAt returns the rune at s[i], or -1 past the end.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return -1, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

const (
	alnumDigit  = 1
	alnumLetter = 2
)

// asciiAlnum classifies the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = alnumDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = alnumLetter
		t[c-'a'+'A'] = alnumLetter
	}
	return t
}()

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// scanWord appends the word-like token that starts at text[i] (a letter,
// digit or mark), and a possessive "’s" after it.
func scanWord(text string, i int, dst []Token) []Token {
	var (
		j       = i
		prev    rune // last rune taken
		letters bool // the token has a letter
		numeric = true
		dots    bool // an inner '.' between letters: U.S, reuters.com
	)
scan:
	for j < len(text) {
		// Fast path for ASCII letters and digits.
		if c := text[j]; c < utf8.RuneSelf && asciiAlnum[c] != 0 {
			if asciiAlnum[c] == alnumLetter {
				letters, numeric = true, false
			}
			prev = rune(c)
			j++
			continue
		}
		r, n := runeAt(text, j)
		switch {
		case isAlnum(r):
			if unicode.IsLetter(r) {
				letters, numeric = true, false
			} else if !isDigit(r) && !unicode.IsMark(r) {
				numeric = false // other scripts' digits
			}
		case r == '\'' || r == '’':
			next, m := runeAt(text, j+n)
			if !unicode.IsLetter(prev) || !isAlnum(next) {
				break scan
			}
			if next == 's' || next == 'S' {
				if after, _ := runeAt(text, j+n+m); !isAlnum(after) {
					break scan // possessive: its own token
				}
			}
			numeric = false
		case r == '-' || r == '‐' || r == '‑' || r == '_':
			next, _ := runeAt(text, j+n)
			if !isAlnum(next) || !unicode.IsLetter(prev) && !unicode.IsLetter(next) && r != '_' {
				break scan // "1990-95" splits; "F-16", "COVID-19" do not
			}
			numeric = false
		case r == '.' || r == ',':
			next, _ := runeAt(text, j+n)
			switch {
			case isDigit(prev) && isDigit(next) && (r == '.' || thousands(text, j+1)):
			case r == '.' && isAlnum(next) && !isDigit(prev) || r == '.' && unicode.IsLetter(next):
				dots, numeric = true, false
			default:
				break scan
			}
		case r == '%' && numeric:
			j += n
			break scan
		default:
			break scan
		}
		prev = r
		j += n
	}
	word := text[i:j]
	next, _ := runeAt(text, j)
	switch {
	case next == ':' && isScheme(word) && hasPrefixAt(text, j+1, "//"):
		return append(dst, tok(i, urlEnd(text, j+3), URL))
	case next == '@':
		if e := domainEnd(text, j+1); e > 0 {
			return append(dst, tok(i, e, Email))
		}
	}
	kind := Word
	switch {
	case numeric:
		kind = Number
	case dots && isDomain(word):
		kind = URL
		if c, _ := runeAt(text, j); c == '/' || c == '?' || c == '#' || c == ':' {
			j = urlEnd(text, j)
		}
		return append(dst, tok(i, j, kind))
	}
	if next == '.' && letters && isAbbrev(text, word, j+1) {
		return append(dst, tok(i, j+1, Abbrev))
	}
	dst = append(dst, tok(i, j, kind))
	// A possessive or clitic ’s.
	if next == '\'' || next == '’' {
		_, n := runeAt(text, j)
		if s, m := runeAt(text, j+n); (s == 's' || s == 'S') && letters {
			if after, _ := runeAt(text, j+n+m); !isAlnum(after) {
				dst = append(dst, tok(j, j+n+m, Word))
			}
		}
	}
	return dst
}

// thousands reports whether text[i:] starts with exactly three digits, as
// after the comma of "1,000".
func thousands(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(rune(text[k])) {
			return false
		}
	}
	return i+3 == len(text) || !isDigit(rune(text[i+3]))
}

// isAbbrev reports whether word, followed by a period and then by
// text[after:], is an abbreviation that keeps its period.
func isAbbrev(text, word string, after int) bool {
	switch lex.class(word) {
	case abbrevTitle, abbrevNever, abbrevAmbiguous, abbrevFinal:
		return true
	case abbrevNumber:
		for after < len(text) && text[after] == ' ' {
			after++
		}
		r, _ := runeAt(text, after)
		return isDigit(r)
	}
	if r, n := utf8.DecodeRuneInString(word); n == len(word) {
		return isUpper(r) && r != 'I' // an initial, not the pronoun
	}
	return isDotted(word)
}

func isScheme(w string) bool {
	switch len(w) {
	case 3, 4, 5:
		var b [5]byte
		for i := 0; i < len(w); i++ {
			b[i] = w[i] | 0x20
		}
		switch string(b[:len(w)]) {
		case "http", "https", "ftp", "ftps":
			return true
		}
	}
	return false
}

func hasPrefixAt(s string, i int, p string) bool {
	return i <= len(s) && len(s)-i >= len(p) && s[i:i+len(p)] == p
}

// isDomain reports whether w, letters with inner periods, is a domain
// name: not dotted initials ("U.S", "Ph.D"), and ending in a lowercase
// top-level label of two or more letters ("reuters.com", "www.bbc.co.uk").
func isDomain(w string) bool {
	if isDotted(w) {
		return false
	}
	k := len(w)
	for k > 0 && w[k-1] != '.' {
		k--
	}
	return k > 0 && isTLD(w[k:], true)
}

// domainEnd returns the end of the domain name of an e-mail address that
// starts at text[i], or 0 if there is none.
func domainEnd(text string, i int) int {
	j, labels, last := i, 0, i
	for {
		k := j
		for k < len(text) && (isASCIIAlnum(text[k]) || k > j && text[k] == '-') {
			k++
		}
		if k == j {
			break
		}
		labels, last, j = labels+1, j, k
		if j+1 < len(text) && text[j] == '.' && isASCIIAlnum(text[j+1]) {
			j++
			continue
		}
		break
	}
	if labels < 2 || !isTLD(text[last:j], false) {
		return 0
	}
	return j
}

// isTLD reports whether s can be a top-level domain: two to 24 ASCII
// letters, lowercase when lower is set.
func isTLD(s string, lower bool) bool {
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || !lower && 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// urlEnd returns the end of a URL whose path, query or port starts at
// text[i]: up to white space, a quotation mark or an angle bracket, less
// trailing punctuation and unmatched closing brackets.
func urlEnd(text string, i int) int {
	j, open := i, 0
	for j < len(text) {
		r, n := runeAt(text, j)
		if isSpace(r) || isQuote(r) && r != '\'' || r == '<' || r == '>' || r == '\'' && j+1 < len(text) && text[j+1] == ' ' {
			break
		}
		switch r {
		case '(':
			open++
		case ')':
			open--
		}
		j += n
	}
	for j > i {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'', ']', '}':
			j--
			continue
		case ')':
			if open < 0 {
				open++
				j--
				continue
			}
		}
		break
	}
	return j
}

// symbolPunct reports whether r, punctuation to Unicode, is a symbol to
// a reader.
func symbolPunct(r rune) bool {
	switch r {
	case '#', '%', '&', '@', '*', '§', '¶', '†', '‡', '‰', '′', '″':
		return true
	}
	return false
}

// symbolEnd returns the end of the symbol token whose first rune r ends at
// text[i]: it takes combining marks, variation selectors, emoji modifiers,
// zero-width-joined sequences and flag pairs with it.
func symbolEnd(text string, i int, r rune) int {
	if r == utf8.RuneError {
		return i
	}
	if 0x1F1E6 <= r && r <= 0x1F1FF { // regional indicator: a flag is a pair
		if s, n := runeAt(text, i); 0x1F1E6 <= s && s <= 0x1F1FF {
			i += n
		}
	}
	for i < len(text) {
		s, n := runeAt(text, i)
		switch {
		case unicode.IsMark(s), 0x1F3FB <= s && s <= 0x1F3FF:
			i += n
		case s == 0x200D:
			if t, m := runeAt(text, i+n); t > 0 && unicode.IsSymbol(t) {
				i += n + m
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}
