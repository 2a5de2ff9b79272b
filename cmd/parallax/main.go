// Command parallax is a news-intelligence engine: it ingests piles of news
// articles and works out who said what, which articles tell the same story,
// and what holds up across outlets.
//
// Exit codes:
//
//	0  success
//	1  the command ran but some inputs failed (ingest), or a scorer failed (eval)
//	2  usage error: unknown command or flag, bad argument
//	3  the store could not be opened or written, or another systemic failure
//	4  not found: no article with that ID (show)
//	130 interrupted (SIGINT/SIGTERM)
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes; see the package comment.
const (
	exitOK       = 0
	exitPartial  = 1
	exitUsage    = 2
	exitSystem   = 3
	exitNotFound = 4
	exitSignal   = 130
)

// env is what a command sees of the outside world; tests fake it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTerminal reports whether stderr is a terminal (progress bars).
	isTerminal bool
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

func commands() []command {
	return []command{
		{"report", "ingest what it is given and print the picture per story: articles, copies, who said what", runReport},
		{"ingest", "read articles from files, directories, archives or stdin into the store", runIngest},
		{"ls", "list stored articles", runLs},
		{"show", "show one article: metadata and text with sentence boundaries", runShow},
		{"stats", "summarize what the store holds", runStats},
		{"stories", "group the stored articles into stories, with their copies", runStories},
		{"story", "show one story and the passages its copies share", runStory},
		{"entities", "list the people, organizations, states and places of the stored articles", runEntities},
		{"quotes", "list who said what in the stored articles: quotes, partial quotes, reported speech", runQuotes},
		{"eval", "score the extractors against gold data", runEval},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, stop catching them: a second Ctrl-C ends the
	// process at once, even when it is blocked reading a pipe.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, &env{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		isTerminal: isTerminal(os.Stderr),
	}, os.Args[1:])
	// Only a signal makes ctx done before stop is called here.
	if code != exitOK && ctx.Err() != nil {
		code = exitSignal
	}
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(e.stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "parallax: unknown command %q\n\n", name)
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "parallax: a news-intelligence engine\n\nUsage:\n  parallax <command> [flags] [args]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Every command takes -h. The store is --store PATH, else $PARALLAX_STORE,
else $XDG_DATA_HOME/parallax/parallax.db (~/.local/share/parallax/parallax.db).

Exit codes: 0 ok; 1 some inputs failed; 2 usage; 3 store or system failure;
4 not found; 130 interrupted.
`)
}
