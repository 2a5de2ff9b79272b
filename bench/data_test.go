package bench

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parallax-news/parallax/internal/eval"
)

// dataEnv locates the shared data root: $PARALLAX_DATA_ROOT, else ../../shared
// from bench/ (the repository's sibling shared/ folder).
func dataEnv() eval.Env {
	if root := os.Getenv("PARALLAX_DATA_ROOT"); root != "" {
		return eval.Env{Root: root}
	}
	return eval.Env{Root: filepath.Join("..", "..", "shared")}
}

var aeb struct {
	once  sync.Once
	pages []eval.AEBPage
	err   error
}

// aebPages returns the scrapinghub-aeb pages, decompressed once per process,
// and skips tb when the data is absent.
func aebPages(tb testing.TB) []eval.AEBPage {
	tb.Helper()
	aeb.once.Do(func() { aeb.pages, aeb.err = eval.LoadAEB(dataEnv()) })
	switch {
	case errors.Is(aeb.err, fs.ErrNotExist):
		tb.Skipf("scrapinghub-aeb not found under %s (set PARALLAX_DATA_ROOT): %v", dataEnv().Root, aeb.err)
	case aeb.err != nil:
		tb.Fatal(aeb.err)
	case len(aeb.pages) == 0:
		tb.Skip("scrapinghub-aeb has no pages")
	}
	return aeb.pages
}
