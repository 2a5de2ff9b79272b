package article

import "errors"

// The kinds of error callers branch on. Wrap them with %w and the operation;
// test with errors.Is.
var (
	ErrInvalid   = errors.New("parallax: invalid input")
	ErrNotFound  = errors.New("parallax: not found")
	ErrDuplicate = errors.New("parallax: duplicate")
	ErrTransient = errors.New("parallax: transient failure")
	ErrCorrupt   = errors.New("parallax: corrupt data")
	ErrTooLarge  = errors.New("parallax: input too large")
	ErrAmbiguous = errors.New("parallax: ambiguous")
)
