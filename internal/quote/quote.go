// Package quote finds who said what in an article: direct quotations,
// partial quotations inside the writer's own sentences, and reported
// (indirect) speech, each with its cue, its source mention and the
// canonical speaker from the entity stage.
//
// # How
//
//   - Quotation marks (marks.go): a per-paragraph state machine pairs the
//     marks of every news convention (“ ” ‘ ’ " ' « » „ “ ‹ › » «), tells
//     apostrophes from closing marks, and carries a quotation over
//     paragraphs whose opening mark is repeated.
//   - Attribution tagging (tagger.go, features.go): every token is labelled
//     cue, source, content or none (BIO) by a greedy averaged perceptron
//     over hashed features of the words around it, the quotation state,
//     the nearest reporting verb or cue phrase on each side (knowledge's
//     cue tables), the entity stage's mentions and the labels already
//     chosen. A second pass (stacking) also sees the first pass's labels of
//     the whole paragraph, so that a cue knows the content after it.
//   - Grouping (group.go): each cue takes the nearest source and every
//     content of its paragraph nearer to it than to another cue (sentence
//     boundaries count 40 tokens); a cue without a source shares the source
//     of the cue before it in its sentence ("X said ... and warned ...").
//   - Context (extract.go): a quotation that stands as a whole sentence with
//     no cue is a direct quote; quotations inside reported speech are
//     partial quotes whose Parent is the reported quote.
//   - Speakers (resolve.go): the best entity mention in the source (a name,
//     then a title or role phrase, then a pronoun, which the entity stage
//     has resolved); a source with no entity whose words are descriptors of
//     unnamed sources ("officials", "a senior diplomat") is anonymous; an
//     outlet after "told", "per", "via", "in an interview with" in the
//     cue's sentence is the medium (Via).
//
// # The model and its data
//
// The two embedded models (data/attrib1.model, data/attrib2.model, about
// 8 MB) hold hashed feature weights only, no text. They are trained by
// `go test ./internal/quote -run TestTrain -train` (about 2 minutes) on the
// train and dev splits of PolNeAR (Newell, Margolin and Ruths, LREC 2018),
// which its authors publish for research without a licence file; the
// article texts are their publishers'. As with BBC's citron, whose model is
// trained on LDC-licensed PARC 3.0, the weights are distributed and the
// corpus is not: whoever redistributes parallax should know this. PolNeAR
// annotates beliefs and intentions as well as speech, so the tagger finds
// "X believes that ..." too.
package quote

import (
	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
)

// Kind is the kind of a quote.
type Kind uint8

const (
	// Reported is indirect speech: the writer's words for what was said
	// ("X said that ...", "according to X, ...").
	Reported Kind = iota + 1
	// Direct is a whole statement in quotation marks.
	Direct
	// Partial is a fragment in quotation marks inside the writer's own
	// sentence, or reported speech that quotes some of the words.
	Partial
)

var kindNames = [...]string{Reported: "reported", Direct: "direct", Partial: "partial"}

// String returns "reported", "direct" or "partial".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Quote is one attribution: some content, attributed by a cue to a source.
// Every part is a span of the analysed text.
type Quote struct {
	Kind Kind `json:"kind"`
	// Content is what is attributed, in text order: one span, or several
	// when the attribution interrupts it ("The situation," he said, "is
	// tense."). Quotation marks are part of the content, as PARC and
	// PolNeAR mark them; Words strips them.
	Content []article.Span `json:"content"`
	// Cue is the reporting verb or phrase ("said", "according to",
	// "declined to comment on"); empty when the speaker comes from the
	// context (a quotation paragraph after "She said:").
	Cue article.Span `json:"cue"`
	// Source is the speaker as the text names it here ("he", "the
	// spokesman", "Jane Smith", "officials"); empty when unknown.
	Source article.Span `json:"source"`
	// Speaker is the index in the entity Doc's Entities of the canonical
	// speaker, or -1 when the source is anonymous or unresolved.
	Speaker int `json:"speaker"`
	// Anonymous is set when the source is an unnamed person or group ("a
	// senior European diplomat", "officials said").
	Anonymous bool `json:"anonymous,omitempty"`
	// Via is the medium the quote is credited to ("told Reuters", "per the
	// BBC"); empty when none.
	Via article.Span `json:"via"`
	// Parent is, for a partial quotation inside reported speech, the index
	// of the reported quote that holds it; -1 otherwise.
	Parent int `json:"parent"`
	// Continues is, for a statement that goes on after its attribution's
	// sentence ("“A,” she said. “B.”": B), the index of the quote whose
	// cue attributes it, whose speaker it takes; -1 otherwise. Schemes
	// that count attributions rather than statements (PolNeAR, PARC) see
	// the two as one attribution with two content parts.
	Continues int `json:"continues"`
}

// Span returns the extent of the content, from the start of its first
// part to the end of its last.
func (q *Quote) Span() article.Span {
	if len(q.Content) == 0 {
		return article.Span{}
	}
	return article.Span{Start: q.Content[0].Start, End: q.Content[len(q.Content)-1].End}
}

// Doc is the quote analysis of one text, with the entity analysis it used.
type Doc struct {
	Quotes   []Quote
	Entities *entity.Doc
}

// Analyze finds the entities and the quotes of a text.
func Analyze(text string) *Doc {
	ents := entity.Analyze(text)
	return &Doc{Quotes: Extract(text, ents), Entities: ents}
}
