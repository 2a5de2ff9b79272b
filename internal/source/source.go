// Package source reads the inputs users give parallax (files, directories,
// stdin; plain text, HTML, JSON/JSONL, WARC, and gzip of any of these) and
// turns them into Records: one raw article each, not yet extracted or
// normalized. It never aborts a run for one bad input: per-input problems go
// to an error handler and reading goes on.
package source

import (
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// Record is one raw article read from an input.
type Record struct {
	// Origin says where the record came from, for provenance: the file's
	// cleaned absolute path (so that the same file read from another
	// working directory is the same source), "-" for stdin, with "#L12"
	// (JSONL line) or "#r3" (WARC record, JSON array element) appended when
	// a file holds several records.
	Origin string
	// Path and Pos say where the record came from for messages, in the
	// words of Error: the input as the user gave it (or as found walking a
	// directory) and "line 12", "record 3", or "" for a whole file.
	Path, Pos string
	// Format is the kind of payload in Body: FormatText means Body is
	// plain text; FormatHTML, FormatWARC and FormatJSON-with-html mean Body
	// is an HTML document; FormatJSON with a text field means plain text.
	Format article.Format
	// HTML reports whether Body is an HTML document (else plain text).
	HTML bool
	// Body is the payload bytes as read (not yet decoded or normalized).
	Body []byte
	// ContentType is the declared media type with parameters when known
	// (HTTP header in a WARC record, a JSON field), used for charset
	// detection; "" otherwise.
	ContentType string

	// Metadata given by the input itself (JSON fields, WARC headers). Empty
	// when the input does not say.
	URL       string
	Title     string
	Outlet    string
	Byline    string
	Language  string
	Published time.Time
}
