package sqlite

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// Options configure a Store. The zero value is usable: Open fills in the
// defaults.
type Options struct {
	// BusyTimeout is how long a statement waits for a lock held by another
	// process before failing with an error wrapping article.ErrTransient.
	// Default 5s.
	BusyTimeout time.Duration

	// ReadConns is how many idle read connections are kept open. Reads are
	// not capped by it: more connections open when needed, so a reader
	// never waits for another (a List loop may call Get). Default 4.
	ReadConns int
}

// Defaults for Options.
const (
	DefaultBusyTimeout = 5 * time.Second
	DefaultReadConns   = 4
)

// EnsureDefaults sets every unset field of o to its default and returns o.
func (o *Options) EnsureDefaults() *Options {
	if o.BusyTimeout == 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.ReadConns == 0 {
		o.ReadConns = DefaultReadConns
	}
	return o
}

// Validate reports, wrapping article.ErrInvalid, a field of o that cannot
// be used.
func (o *Options) Validate() error {
	if o.BusyTimeout < time.Millisecond {
		return fmt.Errorf("sqlite options: BusyTimeout %v is less than 1ms: %w", o.BusyTimeout, article.ErrInvalid)
	}
	if o.ReadConns < 1 {
		return fmt.Errorf("sqlite options: ReadConns %d is less than 1: %w", o.ReadConns, article.ErrInvalid)
	}
	return nil
}

// DefaultPath returns where the store lives when the user names no file:
// $XDG_DATA_HOME/parallax/parallax.db, else under home
// .local/share/parallax/parallax.db. It takes the environment as a function
// (os.Getenv in main) so that nothing below cmd reads the environment. A
// relative XDG_DATA_HOME is ignored, as the XDG Base Directory specification
// requires. It returns "" when neither gives an absolute directory.
func DefaultPath(getenv func(string) string, home string) string {
	if getenv != nil {
		if dir := getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
			return filepath.Join(dir, "parallax", "parallax.db")
		}
	}
	if !filepath.IsAbs(home) {
		return ""
	}
	return filepath.Join(home, ".local", "share", "parallax", "parallax.db")
}
