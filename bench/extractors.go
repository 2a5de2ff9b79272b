// Package bench times and scores parallax's main-text extractor side by side
// with peer Go libraries on the same pages. It is a module of its own so that
// the peers, used only for comparison, never enter the parallax binary.
package bench

import (
	"bytes"
	"fmt"
	nurl "net/url"
	"strings"
	"sync/atomic"

	readeck "codeberg.org/readeck/go-readability/v2"
	shiori "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/parallax-news/parallax/internal/eval"
)

// Named is an extractor with the name it has in benchmark and table rows.
type Named struct {
	Name    string
	Extract eval.Extractor
	// Panics counts the pages on which the library panicked; such a page
	// scores as empty output, as a crash does upstream.
	Panics *atomic.Int64
}

// Extractors returns parallax and every peer, in table order.
func Extractors() []Named {
	named := func(name string, ex func(body []byte, url string) (text, title, author, date string)) Named {
		n := Named{Name: name, Panics: new(atomic.Int64)}
		n.Extract = guard(ex, n.Panics)
		return n
	}
	return []Named{
		named("parallax", eval.Parallax),
		named("go-trafilatura", trafilaturaExtractor(true)),
		named("go-trafilatura-nofallback", trafilaturaExtractor(false)),
		named("go-readability", readeckReadability),
		named("go-shiori-readability", shioriReadability),
	}
}

// guard turns a panic inside a library into empty output and counts it.
func guard(ex eval.Extractor, panics *atomic.Int64) eval.Extractor {
	return func(body []byte, url string) (text, title, author, date string) {
		defer func() {
			if recover() != nil {
				panics.Add(1)
				text, title, author, date = "", "", "", ""
			}
		}()
		return ex(body, url)
	}
}

func parseURL(s string) *nurl.URL {
	if s == "" {
		return nil
	}
	u, err := nurl.Parse(s)
	if err != nil {
		return nil
	}
	return u
}

// trafilaturaExtractor runs go-trafilatura with the options its own
// comparison script uses (comments excluded, tables kept), with or without
// its readability and dom-distiller fallback.
func trafilaturaExtractor(fallback bool) eval.Extractor {
	return func(body []byte, url string) (text, title, author, date string) {
		res, err := trafilatura.Extract(bytes.NewReader(body), trafilatura.Options{
			EnableFallback:  fallback,
			ExcludeComments: true,
			OriginalURL:     parseURL(url),
		})
		if err != nil || res == nil {
			return "", "", "", ""
		}
		m := res.Metadata
		if !m.Date.IsZero() {
			date = m.Date.Format("2006-01-02")
		}
		return res.ContentText, m.Title, m.Author, date
	}
}

// readeckReadability runs codeberg.org/readeck/go-readability/v2, the
// maintained port of Readability.js 0.6.
func readeckReadability(body []byte, url string) (text, title, author, date string) {
	a, err := readeck.FromReader(bytes.NewReader(body), parseURL(url))
	if err != nil {
		return "", "", "", ""
	}
	if a.Node != nil {
		var sb strings.Builder
		if err := a.RenderText(&sb); err == nil {
			text = sb.String()
		}
	}
	if t, err := a.PublishedTime(); err == nil && !t.IsZero() {
		date = t.Format("2006-01-02")
	}
	return text, a.Title(), a.Byline(), date
}

// shioriReadability runs github.com/go-shiori/go-readability, the deprecated
// port of Readability.js 0.5 that readeck's forked from.
func shioriReadability(body []byte, url string) (text, title, author, date string) {
	a, err := shiori.FromReader(bytes.NewReader(body), parseURL(url))
	if err != nil {
		return "", "", "", ""
	}
	if a.PublishedTime != nil && !a.PublishedTime.IsZero() {
		date = a.PublishedTime.Format("2006-01-02")
	}
	return a.TextContent, a.Title, a.Byline, date
}

// String names the extractor, with its panic count when it had any.
func (n Named) String() string {
	if p := n.Panics.Load(); p > 0 {
		return fmt.Sprintf("%s (%d panics)", n.Name, p)
	}
	return n.Name
}
