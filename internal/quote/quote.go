// Package quote finds who said what in an article: direct quotations,
// partial quotations inside the writer's own sentences, and reported
// (indirect) speech, each with its cue, its source mention and the
// canonical speaker from the entity stage.
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
