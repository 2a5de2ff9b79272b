package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// Sentences returns the spans of the sentences of text, in order. A
// sentence never crosses a '\n' (a paragraph end always ends a sentence)
// and its span is trimmed of white space; blank stretches yield no span.
//
// The splitter is a single left-to-right scan that stops only at the
// characters that can end a sentence (. ? ! … and the full stops of other
// scripts) and decides each candidate from a few bytes on either side, so
// its time is linear in len(text). See the package documentation for the
// rules.
func Sentences(text string) []article.Span {
	return AppendSentences(nil, text)
}

// AppendSentences appends the sentence spans of text to dst and returns the
// extended slice; it allocates only to grow dst.
func AppendSentences(dst []article.Span, text string) []article.Span {
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		dst = splitParagraph(dst, text, start, end)
		start = end + 1
	}
	return dst
}

// run describes the punctuation that ends a candidate sentence: terminal
// characters possibly followed by closing quotation marks and brackets.
type run struct {
	dots     int  // number of '.'
	qe       bool // ? ! or another script's full stop
	ellipsis bool // … or two or more dots
	cjk      bool // an ideographic full stop, which needs no space after it
	quote    bool // a closing quotation mark follows the terminal
	lastDot  bool // the last character added was '.'
}

func (r *run) add(k termKind) {
	r.lastDot = false
	switch k {
	case termDot:
		r.dots++
		r.lastDot = true
		if r.dots >= 2 {
			r.ellipsis = true
		}
	case termQE:
		r.qe = true
	case termEllipsis:
		r.ellipsis = true
	case termCJK:
		r.cjk = true
	}
}

// splitParagraph appends the sentences of the paragraph s[ps:pe].
func splitParagraph(dst []article.Span, s string, ps, pe int) []article.Span {
	sent := ps
	for i := ps; i < pe; {
		if !mayTerm[s[i]] {
			i++
			continue
		}
		kind, n := terminalAt(s, i)
		if kind == termNone {
			i++
			continue
		}
		// Collect the whole run: "?!", "...", ". . .", `."`, "?”)".
		var r run
		r.add(kind)
		j := i + n
		for j < pe {
			if k, m := terminalAt(s, j); k != termNone {
				r.add(k)
				j += m
				continue
			}
			if r.lastDot && s[j] == ' ' && j+1 < pe && s[j+1] == '.' &&
				(j+2 == pe || s[j+2] == ' ' || s[j+2] == '.') {
				j++ // spaced ellipsis
				continue
			}
			c, m := utf8.DecodeRuneInString(s[j:])
			if !isCloser(c) {
				break
			}
			if isQuote(c) {
				r.quote = true
			}
			r.lastDot = false
			j += m
		}
		if j >= pe {
			break
		}
		k := skipSpace(s, j, pe)
		if k > j && !r.quote {
			// French spacing puts a space before the closing mark:
			// « C'est fini. » Il est parti.
			if m := frenchCloser(s, k, pe); m > 0 {
				r.quote = true
				j = k + m
				k = skipSpace(s, j, pe)
			}
		}
		if k >= pe {
			break
		}
		if k == j && (!r.cjk || r.quote && hiragana(s, k)) {
			// No space after: "U.S", "3.5", "reuters.com", "Yahoo!Inc";
			// and a Japanese quotation's particle: 「終わった。」と言った.
			i = j
			continue
		}
		if a, b := trim(s, sent, i); a == b || kind == termDot && enumerator(s[a:b]) {
			// Punctuation opening a sentence ("... Yes.") ends none, nor
			// does the period of a list item's number ("1. Define ...").
			i = k
			continue
		}
		if r.cjk || endsSentence(s, ps, i, k, pe, &r) {
			if a, b := trim(s, sent, j); a < b {
				dst = append(dst, article.Span{Start: a, End: b})
			}
			sent = k
		}
		i = k
	}
	if a, b := trim(s, sent, pe); a < b {
		dst = append(dst, article.Span{Start: a, End: b})
	}
	return dst
}

// enumerator reports whether w, all of a sentence before a period, numbers
// a list item: one to three digits or a single letter.
func enumerator(w string) bool {
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	if len(w) == 1 && ('a' <= w[0] && w[0] <= 'z' || 'A' <= w[0] && w[0] <= 'Z') {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// skipSpace returns the index of the first non-space byte of s[i:pe], or pe.
func skipSpace(s string, i, pe int) int {
	for i < pe {
		m := spaceAt(s, i)
		if m == 0 {
			break
		}
		i += m
	}
	return i
}

// frenchCloser returns the size of a closing guillemet at s[i] that ends
// the paragraph or is followed by white space, or 0.
func frenchCloser(s string, i, pe int) int {
	r, m := utf8.DecodeRuneInString(s[i:pe])
	if r != '»' && r != '›' || i+m < pe && spaceAt(s, i+m) == 0 {
		return 0
	}
	return m
}

// hiragana reports whether s[i] is a hiragana letter, which after a closing
// bracket is a particle continuing the sentence.
func hiragana(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.Is(unicode.Hiragana, r)
}

// maxLook bounds how far the splitter looks around a candidate, which keeps
// it linear on adversarial input (a megabyte-long "word").
const maxLook = 64

// endsSentence decides whether the run of punctuation that starts at i ends
// a sentence, given that the next sentence would start at k (after white
// space) in the paragraph s[ps:pe].
func endsSentence(s string, ps, i, k, pe int, r *run) bool {
	// Skip the opening punctuation of the next sentence.
	nx, quoteOpen, bracket, dash := k, false, false, false
	for n := 0; nx < pe && n < 8; n++ {
		c, m := utf8.DecodeRuneInString(s[nx:])
		if !isOpener(c) {
			break
		}
		if c == '¿' || c == '¡' {
			return true // Spanish questions and exclamations open sentences
		}
		switch {
		case isQuote(c):
			quoteOpen = true
		case c == '(' || c == '[':
			bracket = true
		case c == '-' || c == '–' || c == '—':
			dash = true
		}
		nx = skipSpace(s, nx+m, pe) // "— The", "( see"
	}
	if nx >= pe {
		return false // only punctuation follows: keep it with this sentence
	}
	c, _ := utf8.DecodeRuneInString(s[nx:])
	lower := isLower(c)
	upper := !lower && unicode.IsLetter(c) // capitals and caseless scripts
	digit := !lower && !upper && unicode.IsDigit(c)
	if !lower && !upper && !digit && continues(c) {
		return false // ", ; : ) %" continue the sentence
	}

	if dash && !quoteOpen && (r.quote || signOff(s, nx, pe)) {
		return false // a quotation's source: "... over." — Jane Smith
	}
	switch {
	case r.qe:
		// “Why?” he asked. — a lowercase word continues the sentence, and
		// so does an attribution: “Why?” Smith asked.
		if lower {
			return false
		}
		return !(r.quote && upper && attributed(s, nx, pe))
	case r.ellipsis:
		return !lower
	}

	// A single period. Classify the word it ends.
	w := wordBefore(s, ps, i)
	switch classify(w) {
	case abbrevTitle, abbrevNever:
		return false
	case abbrevNumber:
		if digit || c == '#' {
			return false
		}
	case abbrevAmbiguous:
		// Punkt-style orthographic evidence: a common sentence starter
		// after "U.S." begins a sentence; a name or lowercase word does not.
		if lower {
			return false
		}
		return isStarter(s, nx, pe) || (quoteOpen && upper)
	}
	if lower {
		// "iPhone" and "eBay" start sentences, and so does a bracket
		// after a word's period: "... in 2010. (the figures ...)".
		return bracket || mixedCase(s, nx, pe)
	}
	return true
}

// signOff reports whether s[i:pe], the rest of the paragraph after a
// dash, is a short name-like tail such as a quotation's source: a few
// words, none of them ending a sentence.
func signOff(s string, i, pe int) bool {
	if pe-i > maxLook {
		return false
	}
	for j := i; j < pe; {
		if k, _ := terminalAt(s, j); k != termNone {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return true
}

// continues reports whether r, first after a candidate end, shows that the
// sentence goes on.
func continues(r rune) bool {
	switch r {
	case ',', ';', ':', ')', ']', '}', '%':
		return true
	}
	return false
}

// wordBefore returns the word that the period at s[i] ends: letters,
// digits, marks and the inner punctuation of abbreviations, "" when the
// period follows anything else (a space, a quotation mark, a bracket) or
// the word is too long to be an abbreviation.
func wordBefore(s string, ps, i int) string {
	b := i
	for b > ps && i-b <= maxLook {
		r, n := utf8.DecodeLastRuneInString(s[ps:b])
		if !isAlnum(r) && r != '.' && r != '\'' && r != '’' && r != '-' && r != '&' {
			break
		}
		b -= n
	}
	if i-b > maxLook {
		return ""
	}
	// Drop leading inner punctuation: "'Mr" of "'Mr. Smith'".
	for b < i {
		switch {
		case s[b] == '.' || s[b] == '\'' || s[b] == '-' || s[b] == '&':
			b++
		case strings.HasPrefix(s[b:i], "’"):
			b += len("’")
		default:
			return s[b:i]
		}
	}
	return ""
}

// classify returns how the word w behaves before a period.
func classify(w string) abbrevClass {
	if w == "" {
		return notAbbrev
	}
	if c := lex.class(w); c != notAbbrev {
		return c
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) {
		if isUpper(r) && r != 'I' {
			return abbrevAmbiguous // an initial: "John F. Kennedy"
		}
		return notAbbrev
	}
	if isDotted(w) {
		return abbrevAmbiguous // "U.S", "a.m", "Ph.D", "J.R.R"
	}
	return notAbbrev
}

// isDotted reports whether w is letters in groups of one or two separated
// by periods, as in "U.S", "a.m", "Ph.D".
func isDotted(w string) bool {
	groups, n := 0, 0
	for _, r := range w {
		switch {
		case r == '.':
			if n == 0 {
				return false
			}
			groups++
			n = 0
		case unicode.IsLetter(r):
			n++
			if n > 2 {
				return false
			}
		default:
			return false
		}
	}
	return groups >= 1 && n > 0
}

// nextWord returns the letters starting at s[i], at most maxLook bytes.
func nextWord(s string, i, pe int) string {
	j := i
	for j < pe && j-i < maxLook {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return s[i:j]
}

// isStarter reports whether the word at s[i] is a common sentence starter.
func isStarter(s string, i, pe int) bool {
	return lex.starters[nextWord(s, i, pe)]
}

// mixedCase reports whether the lowercase word at s[i] has a capital
// inside, like "iPhone".
func mixedCase(s string, i, pe int) bool {
	for _, r := range nextWord(s, i, pe) {
		if isUpper(r) {
			return true
		}
	}
	return false
}

// attributed reports whether the words at s[i] are a speaker and a
// reporting verb: "Smith asked", "Mr. John Smith said".
func attributed(s string, i, pe int) bool {
	for n := 0; n < 4 && i < pe; n++ {
		w := nextWord(s, i, pe)
		if w == "" {
			return false
		}
		if lex.verbs[w] {
			return n > 0
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !isUpper(r) {
			return false
		}
		i += len(w)
		if i < pe && s[i] == '.' {
			i++
		}
		if i >= pe || s[i] != ' ' {
			return false
		}
		i++
	}
	return false
}
