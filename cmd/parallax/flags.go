package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

// flagSet makes a subcommand's FlagSet; help goes to stdout on -h, errors to
// stderr.
func flagSet(e *env, name, args, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: parallax %s [flags] %s\n\n%s\n\nFlags:\n", name, args, doc)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, allowing them after positional arguments too
// ("parallax show ID --json"), and returns the exit code to use when parsing
// ends the command (-h: 0, a bad flag: 2) or -1 to go on.
func parse(fs *flag.FlagSet, e *env, args []string) (rest []string, code int) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, exitOK
			}
			return nil, exitUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return pos, -1
}

// parseNoArgs parses flags for a command that takes no positional
// arguments; it returns the exit code that ends the command, or -1 to go on.
func parseNoArgs(fs *flag.FlagSet, e *env, args []string) int {
	rest, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		writeErr(e.stderr, "%s: unexpected argument %q", fs.Name(), rest[0])
		return exitUsage
	}
	return -1
}

// storeFlag adds --store, shared by every command that opens the store.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", "", "store `path` (SQLite file), or a postgres:// URL; default $PARALLAX_STORE, else the user data dir")
}

// jsonFlag adds --json, shared by every command with a human format.
func jsonFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("json", false, "print JSON instead of the human format")
}

// openStore opens the store named by --store, $PARALLAX_STORE or the
// default, creating it on first use (ingest).
func openStore(ctx context.Context, e *env, flagValue string) (store.Store, error) {
	return open(ctx, e, flagValue, false)
}

// openExisting opens a store that must exist already: commands that only
// read do not create one at a mistyped path.
func openExisting(ctx context.Context, e *env, flagValue string) (store.Store, error) {
	return open(ctx, e, flagValue, true)
}

func open(ctx context.Context, e *env, flagValue string, mustExist bool) (store.Store, error) {
	loc := flagValue
	if loc == "" {
		loc = e.getenv("PARALLAX_STORE")
	}
	if loc == "" {
		home, _ := os.UserHomeDir()
		loc = sqlite.DefaultPath(e.getenv, home)
	}
	if strings.HasPrefix(loc, "postgres://") || strings.HasPrefix(loc, "postgresql://") {
		return nil, fmt.Errorf("%w: the PostgreSQL store is not built yet; use a SQLite path", article.ErrInvalid)
	}
	loc = strings.TrimPrefix(loc, "sqlite://")
	if loc == "" {
		return nil, fmt.Errorf("%w: empty store path", article.ErrInvalid)
	}
	abs, err := filepath.Abs(loc)
	if err == nil {
		loc = abs
	}
	if mustExist {
		if _, err := os.Stat(loc); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: ingest articles first, or name the store with --store: %w", loc, article.ErrNotFound)
		}
	}
	return sqlite.Open(ctx, loc, sqlite.Options{})
}

// storeFailed reports a failure to open the store and returns the exit code.
func storeFailed(e *env, err error) int {
	fmt.Fprintf(e.stderr, "parallax: %v\n", article.Plain(err))
	if errors.Is(err, article.ErrInvalid) {
		return exitUsage
	}
	return exitSystem
}

// writeErr prints one error line; the kind sentinels' own "parallax: ..."
// text is dropped from error arguments so that the prefix appears once.
func writeErr(w io.Writer, format string, args ...any) {
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = article.Plain(err)
		}
	}
	fmt.Fprintf(w, "parallax: "+format+"\n", args...)
}
