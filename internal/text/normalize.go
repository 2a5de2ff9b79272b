package text

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/parallax-news/parallax/internal/article"
)

// WarnWindows1252 is the warning Normalize returns when it decoded input
// that was not UTF-8 as Windows-1252.
const WarnWindows1252 = "not UTF-8; decoded as windows-1252"

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Normalize decodes plain-text input and returns its normalized text (see
// NormalizeString). Input is UTF-8, with or without a byte order mark, or
// UTF-16 with a byte order mark. Input with no valid multi-byte UTF-8
// sequence that is valid Windows-1252 is decoded as Windows-1252 and warn
// says so. Binary data (a NUL byte, or more than one byte in ten a control
// character) and input that mixes UTF-8 with invalid bytes are rejected
// with an error wrapping article.ErrInvalid; the latter names the byte
// offset of the first invalid sequence.
func Normalize(b []byte) (text string, warn string, err error) {
	if bytes.HasPrefix(b, bomUTF16LE) || bytes.HasPrefix(b, bomUTF16BE) {
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		u, err := dec.Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("text: normalize: UTF-16: %v: %w", err, article.ErrInvalid)
		}
		if binary(u) {
			return "", "", fmt.Errorf("text: normalize: binary data, not text: %w", article.ErrInvalid)
		}
		return NormalizeString(string(u)), "", nil
	}
	off := 0
	if bytes.HasPrefix(b, bomUTF8) {
		b, off = b[len(bomUTF8):], len(bomUTF8)
	}
	if binary(b) {
		return "", "", fmt.Errorf("text: normalize: binary data, not text: %w", article.ErrInvalid)
	}
	if utf8.Valid(b) {
		return NormalizeString(string(b)), "", nil
	}
	bad, multi := -1, false
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			if bad < 0 {
				bad = i
			}
		} else if n > 1 {
			multi = true
		}
		i += n
	}
	if !multi && windows1252(b) {
		u, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err == nil {
			return NormalizeString(string(u)), WarnWindows1252, nil
		}
	}
	return "", "", fmt.Errorf("text: normalize: invalid UTF-8 at byte offset %d: %w", bad+off, article.ErrInvalid)
}

// binary reports whether b looks like binary data: it holds a NUL byte or
// more than one byte in ten is a control character other than white space.
func binary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7F {
			ctrl++
		}
	}
	return ctrl*10 > len(b)
}

// windows1252 reports whether b has none of the five bytes Windows-1252
// leaves undefined.
func windows1252(b []byte) bool {
	for _, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return false
		}
	}
	return true
}

// NormalizeString returns s as parallax's normalized text: valid UTF-8 in
// Unicode NFC; line breaks (CRLF, CR, VT, FF, NEL, U+2028, U+2029) as '\n';
// tabs, no-break and other Unicode space separators as ' '; zero-width and
// other invisible format characters (U+200B-U+200F, U+202A-U+202E,
// U+2060-U+2064, U+2066-U+2069, U+FEFF, soft hyphen U+00AD) and control
// characters removed; runs of spaces collapsed and lines trimmed; one '\n'
// between paragraphs and none at either end. Quotation marks, apostrophes,
// dashes and ellipses are kept exactly as written. Invalid UTF-8 becomes
// U+FFFD.
//
// Paragraphs are lines, except in hard-wrapped text: when blank lines
// separate blocks whose inner lines look wrapped at a fixed width (most
// non-final lines are 40 to 100 characters long, end without sentence
// punctuation, and are too full for the next line's first word to fit), the
// lines of each block are joined with a space into one paragraph. A line
// ending in a hyphen or dash after a letter joins the next without a space;
// a line that starts a list item ("- ", "* ", "• ", "1. ") stays separate.
//
// NormalizeString is idempotent: NormalizeString(NormalizeString(s)) ==
// NormalizeString(s).
func NormalizeString(s string) string {
	lines := cleanLines(s)
	var b strings.Builder
	b.Grow(len(s))
	if hardWrapped(lines) {
		para := false // a paragraph is open
		for i, l := range lines {
			if l == "" {
				para = false
				continue
			}
			switch {
			case !para:
				if b.Len() > 0 {
					b.WriteByte('\n')
				}
			case startsItem(l):
				b.WriteByte('\n')
			case joinsTight(lines[i-1]):
			default:
				b.WriteByte(' ')
			}
			b.WriteString(l)
			para = true
		}
	} else {
		for _, l := range lines {
			if l == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
		}
	}
	out := b.String()
	if !isASCII(out) {
		out = norm.NFC.String(out)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cleanLines maps the characters of s as NormalizeString describes and
// returns its lines, each trimmed with inner space runs collapsed; blank
// lines are kept as "" so that blocks can be found.
func cleanLines(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending inside the line
	inLine := false
	for i := 0; i < len(s); {
		c := s[i]
		if '!' <= c && c <= '~' {
			// A run of printable ASCII is copied as it is.
			j := i + 1
			for j < len(s) && '!' <= s[j] && s[j] <= '~' {
				j++
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i:j])
			inLine = true
			i = j
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		raw := s[i : i+n]
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			fallthrough
		case r == '\n' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
			space, inLine = false, false
		case r == '\t' || r == ' ' || r >= utf8.RuneSelf && unicode.Is(unicode.Zs, r):
			space = inLine
		case removed(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			if r == utf8.RuneError && n == 1 {
				raw = "\uFFFD" // invalid UTF-8
			}
			b.WriteString(raw)
			inLine = true
		}
	}
	return strings.Split(b.String(), "\n")
}

// removed reports whether NormalizeString drops r: control characters and
// invisible format characters.
func removed(r rune) bool {
	switch {
	case r < 0x20 || 0x7F <= r && r <= 0x9F:
		return true
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x180E, 0x200B <= r && r <= 0x200F, 0x202A <= r && r <= 0x202E,
		0x2060 <= r && r <= 0x2064, 0x2066 <= r && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// hardWrapped reports whether lines (with "" for blank lines) are blocks of
// hard-wrapped paragraphs separated by blank lines.
func hardWrapped(lines []string) bool {
	// A blank line must separate two blocks.
	seen, gap, separated := false, false, false
	for _, l := range lines {
		switch {
		case l == "":
			gap = seen
		case gap:
			separated = true
		default:
			seen = true
		}
	}
	if !separated {
		return false
	}
	// The non-final lines of multi-line blocks are the ones wrapping made,
	// except around list items.
	var n, inRange, width int
	inner := func(f func(l, next string)) {
		for i := 0; i+1 < len(lines); i++ {
			l, next := lines[i], lines[i+1]
			if l != "" && next != "" && !startsItem(l) && !startsItem(next) {
				f(l, next)
			}
		}
	}
	inner(func(l, _ string) {
		n++
		if k := utf8.RuneCountInString(l); 40 <= k && k <= 100 {
			inRange++
			width = max(width, k)
		}
	})
	if n < 2 || inRange*10 < n*8 {
		return false
	}
	full, final := 0, 0
	inner(func(l, next string) {
		// Wrapping at width leaves no room for the next line's first word.
		first, _, _ := strings.Cut(next, " ")
		if utf8.RuneCountInString(l)+1+utf8.RuneCountInString(first) > width {
			full++
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(".!?\"”’:", r) {
			final++
		}
	})
	return full*10 >= n*8 && final*2 < n
}

// startsItem reports whether line begins a list item.
func startsItem(l string) bool {
	for _, p := range []string{"- ", "* ", "• ", "– ", "— "} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	i := 0
	for i < len(l) && i < 3 && '0' <= l[i] && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}

// joinsTight reports whether a wrapped line ends in a hyphen or dash after a
// letter, so that the next line continues the word without a space
// ("well-" + "known"). The hyphen is kept: without a dictionary a line-end
// hyphen cannot be told from a compound's.
func joinsTight(l string) bool {
	r, n := utf8.DecodeLastRuneInString(l)
	if r != '-' && r != '‐' && r != '—' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(l[:len(l)-n])
	return unicode.IsLetter(p)
}
