package source

import (
	"errors"
	"fmt"
	"io"

	"github.com/parallax-news/parallax/internal/article"
)

// Default limits applied by Options.EnsureDefaults.
const (
	DefaultMaxFileSize   = 1 << 30   // 1 GiB
	DefaultMaxRecordSize = 128 << 20 // 128 MiB
)

// Options configures Read. The zero value is usable: EnsureDefaults fills in
// the limits.
type Options struct {
	// MaxFileSize is the largest input file accepted, in bytes as stored
	// (the compressed size for .gz files). For a regular file it is checked
	// with a stat before the file is opened; for stdin and pipes, reading
	// stops with an error once the limit is passed. Zero means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// MaxRecordSize is the largest payload of one record after
	// decompression: a whole text or HTML file, one JSON record (its raw
	// JSON), one WARC HTTP body after transfer and content decoding. It
	// bounds the memory one record can take. Zero means
	// DefaultMaxRecordSize.
	MaxRecordSize int64
	// Stdin is what the path "-" reads. When nil, "-" is reported as an
	// error.
	Stdin io.Reader
}

// EnsureDefaults fills in zero fields with their defaults and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.MaxFileSize == 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxRecordSize == 0 {
		o.MaxRecordSize = DefaultMaxRecordSize
	}
	return o
}

// Validate reports options that cannot work: negative limits.
func (o *Options) Validate() error {
	if o.MaxFileSize < 0 {
		return errorf(article.ErrInvalid, "source options: MaxFileSize %d is negative", o.MaxFileSize)
	}
	if o.MaxRecordSize < 0 {
		return errorf(article.ErrInvalid, "source options: MaxRecordSize %d is negative", o.MaxRecordSize)
	}
	return nil
}

// Error is a problem with one input, or with one record inside an input. Read
// reports it and goes on with the next record or input.
type Error struct {
	// Path names the input as the user gave it (or as found while walking a
	// directory); "-" is standard input.
	Path string
	// Pos says where in the input: "line 12" (JSONL and JSON object
	// streams), "record 3" (WARC records, JSON array elements), or "" for
	// the input as a whole.
	Pos string
	// Err is the problem. errors.Is finds the kind: article.ErrTooLarge,
	// article.ErrCorrupt, article.ErrInvalid, ErrSkipped, or an fs error
	// such as fs.ErrPermission.
	Err error
}

// Error returns "path: pos: message", or "path: message" when Pos is empty.
func (e *Error) Error() string {
	if e.Pos == "" {
		return e.Path + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Pos + ": " + e.Err.Error()
}

// Unwrap returns the underlying problem.
func (e *Error) Unwrap() error { return e.Err }

// ErrSkipped marks inputs left out on purpose while walking a directory:
// files that are evidently not articles (images, archives, executables,
// databases, ...) and symlink loops. Callers may show these as notes rather
// than errors.
var ErrSkipped = errors.New("parallax: skipped")

// ErrWarning marks problems that cost a detail, not the record: the record
// is still delivered (a date that could not be read, left empty). Callers
// show these as warnings, not failures.
var ErrWarning = errors.New("parallax: warning")

// kindError is an error with a readable message that also matches one of the
// error kinds (and an optional cause) under errors.Is, without repeating the
// kind's text in the message: "record 3: truncated" rather than
// "record 3: truncated: parallax: corrupt data".
type kindError struct {
	kind  error
	msg   string
	cause error
}

func (e *kindError) Error() string { return e.msg }

func (e *kindError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// errorf returns an error of the given kind with a formatted message. A %w
// verb in format also makes the wrapped error reachable.
func errorf(kind error, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &kindError{kind: kind, msg: err.Error(), cause: errors.Unwrap(err)}
}

// size formats n bytes for messages: "512 B", "1.5 KiB", "2.0 GiB".
func size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// tooLarge is the error for a payload over limit. what names it ("file",
// "record"); flag is the command-line flag that raises the limit. actual is
// the size when known, else -1.
func tooLarge(what string, actual, limit int64, flag string) error {
	if actual >= 0 {
		return errorf(article.ErrTooLarge, "%s is %s, over the %s limit; raise it with %s", what, size(actual), size(limit), flag)
	}
	return errorf(article.ErrTooLarge, "%s is over the %s limit; raise it with %s", what, size(limit), flag)
}

const (
	flagMaxFileSize   = "--max-file-size"
	flagMaxRecordSize = "--max-record-size"
)
