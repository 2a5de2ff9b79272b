// Package text is parallax's text layer: it normalizes article text and
// segments it into paragraphs, sentences and tokens, each a byte span into
// the normalized text, which every later stage builds on.
//
// # Normalization
//
// Normalize decodes raw plain-text bytes and NormalizeString cleans text
// that is already decoded (from HTML extraction, say). The result is NFC
// with one '\n' between paragraphs; quotation marks, dashes and ellipses
// are kept as written.
//
// # Sentences
//
// Sentences splits each paragraph at the characters that can end a
// sentence: . ? ! … (and runs of them, "?!", "...", ". . ."), followed by
// any closing quotation marks and brackets and then white space; the
// ideographic full stops 。！？ need no space. A candidate is then decided
// from its neighbours:
//
//   - A lowercase next word continues the sentence ("“Why?” he asked.",
//     "Washington D.C. after", "E. coli"), except a mixed-case word like
//     "iPhone" or an opening bracket after an ordinary word's period.
//   - After ? or ! inside a quotation, a speaker and a reporting verb from
//     data/reporting_verbs.txt continue it ("“Why?” Smith asked.").
//   - A dash and a short tail after a quotation, or ending the paragraph,
//     is the quotation's source ("... over.” — Jane Smith").
//   - Spanish ¿ and ¡ always open a new sentence.
//   - Before a period, the word decides (data/abbreviations.txt): titles
//     never end a sentence ("Dr. Smith", "Lt. Gen. Jones"), nor do "e.g."
//     and "vs."; "No." and months do not before a number ("No. 5",
//     "Sept. 11"); and abbreviations that can end one ("U.S.", "Inc.",
//     "a.m."), initials ("John F. Kennedy") and any dotted letters ("J.R.R.")
//     end it only when the next word is a common sentence starter from
//     data/starters.txt: "in the U.S. The ..." splits, "U.S. President"
//     does not.
//   - Periods inside numbers, URLs, e-mail addresses and domains have no
//     space after them and so never split ("3.5", "reuters.com").
//
// # Tokens
//
// Tokens yields words, numbers, abbreviations, URLs, e-mail addresses,
// punctuation, quotation marks and symbols. A word keeps its inner
// apostrophes and hyphens ("don't", "Jean-Pierre", "O'Brien") but a final
// possessive or clitic "’s" is a token of its own ("Iran" "’s"), so that
// names match without it. Abbreviations keep their period ("U.S.", "Mr.").
package text

import (
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Paragraphs returns the spans of the paragraphs of text: its lines, split
// on '\n', trimmed of white space; blank lines yield no span.
func Paragraphs(text string) []article.Span {
	out := make([]article.Span, 0, strings.Count(text, "\n")+1)
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if a, b := trim(text, start, end); a < b {
			out = append(out, article.Span{Start: a, End: b})
		}
		start = end + 1
	}
	return out
}

// Layer is the segmentation of one normalized text.
type Layer struct {
	Paragraphs []article.Span
	Sentences  []article.Span
	Tokens     []Token
}

// Segment returns the paragraphs, sentences and tokens of text.
func Segment(text string) *Layer {
	// Size the slices for news prose (a token per 5.5 bytes, a sentence
	// per 130) so that they rarely grow.
	return &Layer{
		Paragraphs: Paragraphs(text),
		Sentences:  AppendSentences(make([]article.Span, 0, len(text)/100+1), text),
		Tokens:     Tokens(text, make([]Token, 0, len(text)/5+1)),
	}
}
