// Package boilerplate finds the site furniture in plain-text articles as
// scraped: page-chrome lines, share and subscribe prompts, "related
// articles" teaser blocks after the end of the story, repeated headlines,
// credits and rights notices, reader comments. It works on parallax
// normalized text (one paragraph a line) with general evidence only: the
// shape of a line, its position against the story's first and last
// substantive paragraphs, the structure of teaser blocks, a repeated title,
// lines that recur across pages of one outlet (Repeats), and a small
// multilingual lexicon of UI strings kept as data (data/*.txt: English,
// German, French, Spanish, Italian, Portuguese, Russian, Arabic, Turkish).
//
// Clean applies, in order:
//   - line evidence: a teaser heading, a line made only of UI strings, a
//     rights or cookie notice, a prompt to the reader, a credit, a
//     cross-link ("Read more: <headline>");
//   - the title (Options.Title or the first headline-like line) repeated,
//     alone or as "Sharing: <title>";
//   - teaser blocks: after a heading, the headlines, "…" abstracts and
//     dates that follow it;
//   - cross-page repeats, menus outside the story, bylines outside it, a
//     reader-comment section (heading plus comment metadata);
//   - after the story's end (its last substantive paragraph): once a
//     furniture line appears, everything after it.
//
// Every rule keeps a line when in doubt: a lost article line costs more
// than a kept menu item.
package boilerplate

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons a line is removed, as Removed.Reason reports them.
const (
	ReasonUI           = "ui-string"      // a line of UI strings: "Share", "Comments (3)", "Edit content"
	ReasonCrossLink    = "cross-link"     // "Read more: <headline>", "Lire aussi : <titre>"
	ReasonPrompt       = "prompt"         // "Sign up for our newsletter", "Follow us on ..."
	ReasonTeaserBlock  = "teaser-block"   // a "Related articles" heading and the teasers after it
	ReasonTeaser       = "teaser"         // headlines and "…" abstracts clustered after the story's end
	ReasonRepeatTitle  = "repeated-title" // the title again, alone or as "Sharing: <title>"
	ReasonAfterEnd     = "after-end"      // a line after the story's end, past other furniture
	ReasonCredit       = "credit"         // "Photo: ...", "... /AFP", "© Agency"
	ReasonRights       = "rights"         // "All rights reserved"
	ReasonCookie       = "cookie"         // a cookie or consent notice
	ReasonByline       = "byline"         // "By Jane Doe" before the story starts or after it ends
	ReasonMenu         = "menu"           // a run of one-to-three-word lines, or "A | B | C | D"
	ReasonRepeatedPage = "repeated"       // a line that recurs across many pages of the outlet
	ReasonComments     = "comments"       // a reader-comment section after the story, and all after it
)

// Removed is a line that Clean took out of the main text, with the reason.
type Removed struct {
	Line   string
	Reason string
}

// Options configures Clean. The zero value is valid: EnsureDefaults fills
// in the defaults.
type Options struct {
	// Title is the article's title when known; when empty, the first of
	// the first three kept lines that looks like a headline (two to
	// MaxTitleWords words, no final stop) is taken as the title.
	Title string

	// Outlet and Repeats enable cross-page repetition: a line that
	// Repeats.IsFurniture reports for Outlet is removed. Clean does not
	// add the text to Repeats; the caller does, before or after.
	Outlet  string
	Repeats *Repeats

	// Bylines removes "By <names>" lines before the story starts and after
	// it ends. Nil means true.
	Bylines *bool

	// Menus removes runs of at least MenuRun lines of one to three words
	// and lines of four or more short parts separated by "|", "·" or "•".
	// Nil means true.
	Menus *bool

	// MenuRun is the shortest run of one-to-three-word lines taken as a
	// menu; default 4.
	MenuRun int

	// MaxTitleWords bounds the guessed title; default 30.
	MaxTitleWords int

	// SubstantiveWords: a kept line of at least half this many words that
	// ends a sentence, or of 5/3 as many at all, is a substantive paragraph
	// of the story; default 15.
	SubstantiveWords int

	// MaxTeaserWords bounds a teaser headline; default 20.
	MaxTeaserWords int
}

// EnsureDefaults fills zero fields with defaults and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.Bylines == nil {
		o.Bylines = ptr(true)
	}
	if o.Menus == nil {
		o.Menus = ptr(true)
	}
	if o.MenuRun == 0 {
		o.MenuRun = 4
	}
	if o.MaxTitleWords == 0 {
		o.MaxTitleWords = 30
	}
	if o.SubstantiveWords == 0 {
		o.SubstantiveWords = 15
	}
	if o.MaxTeaserWords == 0 {
		o.MaxTeaserWords = 20
	}
	return o
}

// Validate reports options out of range.
func (o *Options) Validate() error {
	var errs []error
	if o.MenuRun < 2 {
		errs = append(errs, errors.New("boilerplate: MenuRun must be at least 2"))
	}
	if o.MaxTitleWords < 1 || o.SubstantiveWords < 2 || o.MaxTeaserWords < 1 {
		errs = append(errs, errors.New("boilerplate: MaxTitleWords, SubstantiveWords and MaxTeaserWords must be positive (SubstantiveWords at least 2)"))
	}
	return errors.Join(errs...)
}

func ptr[T any](v T) *T { return &v }

// maxFoldBytes bounds the lines that are folded and matched against the
// lexicon: furniture is short, and long lines then cost one pass.
const maxFoldBytes = 600

// line is one input line and what Clean learns about it.
type line struct {
	text     string
	folded   string // fold(text), only for lines up to maxFoldBytes
	words    int    // words, counting two CJK characters as one
	term     bool   // ends a sentence (. ! ? : ; and CJK stops, before closing quotes)
	ellipsis bool   // ends in "…" or "..."
	digit    bool   // holds a digit
	reason   string // why it is removed; "" keeps it
}

// Clean splits text (normalized: one paragraph a line) into its main text
// and the furniture lines it removes, each with its reason. The lines of
// main are a subsequence of the lines of text, in order, joined with '\n';
// removed holds every other line, in order. Empty lines (normalized text
// has none) are dropped from both. Clean runs in time linear in
// the length of text and never panics; invalid options are replaced by
// their defaults.
func Clean(text string, opts Options) (main string, removed []Removed) {
	ls := classify(text, opts)
	var b strings.Builder
	b.Grow(len(text))
	first := true
	for i := range ls {
		if ls[i].text == "" {
			continue
		}
		if ls[i].reason != "" {
			removed = append(removed, Removed{Line: ls[i].text, Reason: ls[i].reason})
			continue
		}
		if !first {
			b.WriteByte('\n')
		}
		b.WriteString(ls[i].text)
		first = false
	}
	return b.String(), removed
}

// classify splits text into lines and sets the reason of each furniture
// line.
func classify(text string, opts Options) []line {
	opts.EnsureDefaults()
	if opts.Validate() != nil {
		opts = *(&Options{Title: opts.Title, Outlet: opts.Outlet, Repeats: opts.Repeats}).EnsureDefaults()
	}
	raw := strings.Split(text, "\n")
	ls := make([]line, len(raw))
	for i, s := range raw {
		ls[i] = measure(s)
	}
	c := cleaner{lex: defaultLexicon(), opts: &opts, ls: ls}
	c.run()
	return ls
}

func measure(s string) line {
	l := line{text: s}
	if len(s) <= maxFoldBytes {
		l.folded = fold(s)
	}
	words, cjk, inWord := 0, 0, false
	for _, r := range s {
		switch {
		case r == ' ':
			inWord = false
		case isCJK(r):
			cjk++
			inWord = false
		default:
			if !inWord {
				words++
				inWord = true
			}
			if '0' <= r && r <= '9' {
				l.digit = true
			}
		}
	}
	l.words = words + cjk/2
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("\"'”’»)]」』›", r) || unicode.IsSpace(r)
	})
	switch {
	case strings.HasSuffix(t, "…") || strings.HasSuffix(t, "..."):
		l.ellipsis = true
	case t != "":
		r, _ := utf8.DecodeLastRuneInString(t)
		l.term = strings.ContainsRune(".!?:;。！？؟", r)
	}
	return l
}
