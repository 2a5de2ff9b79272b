package text_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// checkSpans checks that spans lie in s in order, do not overlap, are not
// empty, do not cross a '\n' and, when trimmed is set, have no white space
// at either end.
func checkSpans(what, s string, spans []article.Span, trimmed bool) error {
	prev := 0
	for i, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
			return fmt.Errorf("%s %d: span %v out of bounds, empty or out of order (previous end %d, len %d)", what, i, sp, prev, len(s))
		}
		txt := s[sp.Start:sp.End]
		if strings.IndexByte(txt, '\n') >= 0 {
			return fmt.Errorf("%s %d: %q crosses a paragraph", what, i, txt)
		}
		if trimmed {
			first, _ := utf8.DecodeRuneInString(txt)
			last, _ := utf8.DecodeLastRuneInString(txt)
			if isWhite(first) || isWhite(last) {
				return fmt.Errorf("%s %d: %q is not trimmed", what, i, txt)
			}
		}
		prev = sp.End
	}
	return nil
}

func isWhite(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }

// checkLayer checks the invariants of a segmentation of s.
func checkLayer(s string, l *text.Layer) error {
	if err := checkSpans("paragraph", s, l.Paragraphs, true); err != nil {
		return err
	}
	if err := checkSpans("sentence", s, l.Sentences, true); err != nil {
		return err
	}
	spans := make([]article.Span, len(l.Tokens))
	for i, tk := range l.Tokens {
		spans[i] = tk.Span
		if tk.Kind < text.Word || tk.Kind > text.Symbol {
			return fmt.Errorf("token %d %q has kind %d", i, tk.Span.In(s), tk.Kind)
		}
	}
	if err := checkSpans("token", s, spans, true); err != nil {
		return err
	}
	// Tokens cover every byte that is not white space.
	prev := 0
	for _, sp := range append(spans, article.Span{Start: len(s), End: len(s)}) {
		for _, r := range s[prev:sp.Start] {
			if !isWhite(r) {
				return fmt.Errorf("%q at %d belongs to no token", r, prev)
			}
		}
		prev = sp.End
	}
	// Every sentence lies inside a paragraph, and no token crosses a
	// sentence boundary.
	p := 0
	for i, se := range l.Sentences {
		for p < len(l.Paragraphs) && l.Paragraphs[p].End < se.End {
			p++
		}
		if p == len(l.Paragraphs) || !l.Paragraphs[p].Contains(se) {
			return fmt.Errorf("sentence %d %q lies in no paragraph", i, se.In(s))
		}
	}
	k := 0
	for _, se := range l.Sentences {
		for k < len(l.Tokens) && l.Tokens[k].End <= se.Start {
			k++
		}
		for ; k < len(l.Tokens) && l.Tokens[k].Start < se.End; k++ {
			if tk := l.Tokens[k]; !se.Contains(tk.Span) {
				return fmt.Errorf("token %q crosses the sentence %q", tk.In(s), se.In(s))
			}
		}
	}
	return nil
}

// textLike lists the extensions of the files TestEvalSetsInvariants reads.
var textLike = map[string]bool{
	".csv": true, ".tsv": true, ".txt": true, ".xml": true, ".conllu": true, ".conll": true,
	".html": true, ".htm": true, ".tml": true, ".ann": true, ".md": true, ".json": true,
	".te3input": true,
}

// TestEvalSetsInvariants runs Normalize and Segment over every text-like
// file of every evaluation set under ../shared/eval (gzipped HTML is
// decompressed first): the splitter runs over every set without crashing,
// and its spans keep their invariants.
func TestEvalSetsInvariants(t *testing.T) {
	root := sharedDir(t, "eval")
	if testing.Short() {
		t.Skip("reads every evaluation set; skipped in -short mode")
	}
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if textLike[filepath.Ext(strings.TrimSuffix(strings.ToLower(d.Name()), ".gz"))] {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 100 {
		t.Fatalf("found only %d files; is the eval tree complete?", len(paths))
	}
	var (
		mu       sync.Mutex
		rejected int
		size     int64
		work     = make(chan string)
		wg       sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for path := range work {
				data, err := readText(path)
				if err != nil {
					t.Error(err)
					continue
				}
				if raceEnabled && len(data) > 64<<10 {
					// The race detector slows the scan tenfold; it looks
					// for data races, which any prefix exercises.
					n := 64 << 10
					for n > 0 && !utf8.RuneStart(data[n]) {
						n--
					}
					data = data[:n]
				}
				s, _, err := text.Normalize(data)
				mu.Lock()
				size += int64(len(data))
				if err != nil {
					rejected++
				}
				mu.Unlock()
				if err != nil {
					if !errors.Is(err, article.ErrInvalid) {
						t.Errorf("%s: Normalize error %v does not wrap ErrInvalid", path, err)
					}
					continue
				}
				if err := normalizedErr(s); err != nil {
					t.Errorf("%s: %v", path, err)
				}
				if err := checkLayer(s, text.Segment(s)); err != nil {
					t.Errorf("%s: %v", path, err)
				}
			}
		})
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	t.Logf("%d files, %d MB, %d rejected by Normalize", len(paths), size>>20, rejected)
}

// readText reads a file, decompressing it if its name ends in .gz.
func readText(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(path, ".gz") {
		return data, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}
