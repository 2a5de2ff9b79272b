// Package article holds the domain types every parallax stage shares: the
// Article with its normalized text, and the Span that every finding uses to
// point at its evidence in that text.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Span is a half-open byte range [Start, End) into an article's normalized
// text. Every finding parallax makes carries the spans it rests on.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// In returns the text the span covers, or "" if the span does not fit text.
func (s Span) In(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Contains reports whether o lies entirely inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Format names the kind of input an article was read from.
type Format string

// The input formats parallax reads.
const (
	FormatText Format = "text" // plain text as scraped
	FormatHTML Format = "html" // an HTML page
	FormatJSON Format = "json" // a JSON or JSONL record (with text or html)
	FormatWARC Format = "warc" // an HTTP response record in a WARC file
)

// Article is one news article as parallax stores it. ID is the content hash
// of Text, so the same text ingested twice is one article.
type Article struct {
	ID     string `json:"id"`
	Source string `json:"source"`           // URL, else the path (with #record) it was read from
	URL    string `json:"url,omitempty"`    // canonical URL when known
	Outlet string `json:"outlet,omitempty"` // site name, else registered domain
	Title  string `json:"title,omitempty"`
	Byline string `json:"byline,omitempty"`
	// Published is the publication time when known; the zero time otherwise.
	Published time.Time `json:"published,omitzero"`
	// Modified is when the page says the article was last updated.
	Modified time.Time `json:"modified,omitzero"`
	// Provenance says where each piece of metadata came from, keyed by
	// field ("title", "byline", "outlet", "language", "published",
	// "modified", "url"): "input" when the input stated it (a JSON field, a
	// WARC header), else the extractor's source ("json-ld", "meta", "time",
	// "dateline", "url", "domain", ...). Nil when nothing is known.
	Provenance map[string]string `json:"provenance,omitempty"`
	Language   string            `json:"language,omitempty"`
	Format     Format            `json:"format"`
	// Extractor names the component and version that produced Text from the
	// raw input, so articles can be re-extracted when it improves.
	Extractor string `json:"extractor"`
	// Text is the normalized main text: valid UTF-8, NFC, one '\n' between
	// paragraphs, typographic quotation marks and dashes as written.
	Text string `json:"text"`
	// Boilerplate holds the text removed from the main text, kept aside.
	Boilerplate []string `json:"boilerplate,omitempty"`
	// Ingested is when the article was first stored; Seq orders articles by
	// first ingestion (1, 2, ...). Both are set by the store.
	Ingested time.Time `json:"ingested,omitzero"`
	Seq      int64     `json:"seq,omitempty"`
}

// Raw is the original input an article was made from, kept so that it can be
// re-extracted and so that nothing the user gave is lost.
type Raw struct {
	MediaType string // e.g. "text/html", "text/plain"
	Data      []byte
}

// HashText returns the content hash used as an article ID: the hex SHA-256
// of the normalized text.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ShortID is the length of the ID prefix shown to people.
const ShortID = 12

// Short returns the prefix of id shown in listings.
func Short(id string) string {
	if len(id) > ShortID {
		return id[:ShortID]
	}
	return id
}
