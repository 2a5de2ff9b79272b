package article

import (
	"errors"
	"strings"
)

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

// kinds are the sentinels Plain knows.
var kinds = []error{ErrInvalid, ErrCorrupt, ErrTooLarge, ErrTransient, ErrNotFound, ErrDuplicate, ErrAmbiguous}

// plainError is an error whose message leaves out the kind it wraps.
type plainError struct {
	msg string
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }

// Plain returns err with the text of its kind sentinel dropped from the end
// of its message ("extract html: no main text: parallax: invalid input"
// becomes "extract html: no main text"): the command line starts every
// message with "parallax:" once, and errors.Is still finds the kind. A nil
// error stays nil.
func Plain(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, k := range kinds {
		if m, ok := strings.CutSuffix(msg, ": "+k.Error()); ok && errors.Is(err, k) {
			return &plainError{msg: m, err: err}
		}
	}
	return err
}
