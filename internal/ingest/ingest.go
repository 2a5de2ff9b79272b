// Package ingest turns inputs into stored articles: it reads records with
// package source, makes each an Article (extracting HTML, normalizing text,
// hashing it), and puts it in a store. Building runs on several cores; the
// store sees articles one at a time, in input order, so ingestion order is
// deterministic. Ingestion is idempotent: the same text is stored once.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/boilerplate"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

// Options configures a run.
type Options struct {
	Source source.Options
	// Workers is how many goroutines build articles; default GOMAXPROCS.
	Workers int
	// Events receives what happens to every input record and every problem,
	// in input order, from one goroutine. Nil discards them.
	Events func(Event)
}

// EnsureDefaults fills zero fields with defaults.
func (o *Options) EnsureDefaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Events == nil {
		o.Events = func(Event) {}
	}
}

// EventKind says what an Event reports.
type EventKind int

// The kinds of Event.
const (
	Stored    EventKind = iota // a new article was stored
	Duplicate                  // the text was already stored; the source was recorded
	Failed                     // an input or record could not be ingested
	Warning                    // ingested, but with something the user should know
	Skipped                    // an input left out on purpose (not an article); not a failure
)

// Event is one thing that happened during a run.
type Event struct {
	Kind    EventKind
	Origin  string           // where the record came from (path, path#L3, ...)
	Article *article.Article // for Stored and Duplicate (Text omitted for Duplicate)
	Err     error            // for Failed and Warning
	Bytes   int64            // raw bytes of the record
}

// Summary counts what a run did.
type Summary struct {
	Stored, Duplicates, Failed, Warnings, Skipped int
	Bytes                                         int64
	Elapsed                                       time.Duration
}

// Run ingests every path into st. Per-input problems are reported as Failed
// events and counted; Run returns an error only for a systemic failure (the
// store failing, ctx cancelled), with the summary of what was done so far.
func Run(ctx context.Context, st store.Store, paths []string, opts Options) (Summary, error) {
	opts.EnsureDefaults()
	start := time.Now()
	w := &writer{st: st, events: opts.Events, repeats: boilerplate.NewRepeats(boilerplate.RepeatsOptions{})}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The reader feeds jobs to the workers and, in the same order, to the
	// writer, which takes each job's result in turn: results are stored in
	// input order while building runs in parallel. Channel capacities bound
	// how many records are in memory at once.
	work := make(chan *job, opts.Workers*2)
	order := make(chan *job, opts.Workers*4+maxBatch)
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(order)
		send := func(j *job) error {
			if j.rec != nil {
				select {
				case work <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			select {
			case order <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		readErr <- source.Read(ctx, paths, opts.Source,
			func(r *source.Record) error {
				return send(&job{rec: r, done: make(chan result, 1)})
			},
			func(e *source.Error) {
				_ = send(&job{srcE: e})
			})
	}()
	for range opts.Workers {
		go func() {
			for j := range work {
				var res result
				res.a, res.raw, res.warn, res.err = Build(j.rec)
				j.done <- res
			}
		}()
	}

	// The writer stores results in batches: it waits for the next result,
	// then takes every following one that is already built (up to maxBatch)
	// and commits them in one transaction. A commit is the costly part of a
	// write, so under load many articles share one, while when building is
	// the bottleneck batches stay small and nothing waits for company.
	var storeErr error
	var carry *job
	for {
		j := carry
		carry = nil
		if j == nil {
			var ok bool
			if j, ok = <-order; !ok {
				break
			}
		}
		if storeErr != nil {
			continue // drain, so the reader and workers can finish
		}
		if !j.wait(ctx) {
			storeErr = ctx.Err()
			cancel()
			continue
		}
		batch := append(w.batch[:0], j)
	greedy:
		for len(batch) < maxBatch {
			select {
			case next, ok := <-order:
				if !ok {
					break greedy
				}
				if !next.ready() {
					carry = next
					break greedy
				}
				batch = append(batch, next)
			default:
				break greedy
			}
		}
		w.batch = batch
		if err := w.flush(ctx); err != nil {
			storeErr = err
			cancel()
		}
	}
	err := <-readErr
	w.sum.Elapsed = time.Since(start)
	if storeErr != nil {
		return w.sum, storeErr
	}
	if err != nil {
		return w.sum, fmt.Errorf("ingest: %w", plain(err))
	}
	return w.sum, nil
}

// maxBatch bounds how many articles share one transaction: a run killed
// mid-commit loses at most that many, none of them yet reported stored.
const maxBatch = 64

// A job is one input record (or one reader problem) on its way through the
// pipeline.
type job struct {
	rec  *source.Record
	srcE *source.Error // a reader problem, passed on in input order
	done chan result   // the worker's result, for records
	res  *result       // the result once taken from done
}

type result struct {
	a    *article.Article
	raw  *article.Raw
	warn string
	err  error
}

// ready reports, without waiting, whether j's result is there.
func (j *job) ready() bool {
	if j.srcE != nil || j.res != nil {
		return true
	}
	select {
	case r := <-j.done:
		j.res = &r
		return true
	default:
		return false
	}
}

// wait waits for j's result; false if ctx ended first.
func (j *job) wait(ctx context.Context) bool {
	if j.ready() {
		return true
	}
	select {
	case r := <-j.done:
		j.res = &r
		return true
	case <-ctx.Done():
		return false
	}
}

// writer stores batches of ready jobs and reports every job's event in
// input order once its batch is committed.
type writer struct {
	st     store.Store
	events func(Event)
	batch  []*job
	items  []store.Item
	sum    Summary
	// repeats learns, per outlet, the lines that recur across its pages
	// (site furniture) as scraped text passes through in input order.
	repeats *boilerplate.Repeats
}

// dropRepeated moves lines that recur across the outlet's earlier pages from
// a scraped-text article to its boilerplate, then lets the article teach
// the index. The ID stays the hash of the article's own normalized text, so
// ingesting the same input again still finds the stored article.
func (w *writer) dropRepeated(a *article.Article) {
	if a.Outlet == "" || a.Extractor != TextExtractor {
		return
	}
	lines := strings.Split(a.Text, "\n")
	kept := lines[:0:0]
	for _, l := range lines {
		if w.repeats.IsFurniture(a.Outlet, l) {
			a.Boilerplate = append(a.Boilerplate, l)
			continue
		}
		kept = append(kept, l)
	}
	w.repeats.Add(a.Outlet, a.Text)
	if len(kept) > 0 && len(kept) < len(lines) {
		a.Text = strings.Join(kept, "\n")
	} else if len(kept) == 0 {
		a.Boilerplate = a.Boilerplate[:len(a.Boilerplate)-len(lines)] // never empty an article
	}
}

func (w *writer) flush(ctx context.Context) error {
	w.items = w.items[:0]
	for _, j := range w.batch {
		if j.res != nil && j.res.err == nil {
			w.dropRepeated(j.res.a)
			w.items = append(w.items, store.Item{Article: j.res.a, Raw: j.res.raw})
		}
	}
	created, err := w.st.PutBatch(ctx, w.items)
	if errors.Is(err, article.ErrInvalid) && ctx.Err() == nil {
		// One article the store refuses must not cost the others: store
		// them one by one and fail only the refused ones.
		created, err = w.putEach(ctx)
	}
	if err != nil {
		return fmt.Errorf("ingest %s: %w", w.batch[0].origin(), plain(err))
	}
	k := 0
	for _, j := range w.batch {
		switch {
		case j.srcE != nil:
			kind := Failed
			switch {
			case errors.Is(j.srcE, source.ErrSkipped):
				kind = Skipped
			case errors.Is(j.srcE, source.ErrWarning):
				kind = Warning
			}
			w.emit(Event{Kind: kind, Origin: j.srcE.Path, Err: j.srcE})
		case j.res.err != nil:
			w.emit(Event{Kind: Failed, Origin: j.rec.Origin, Err: recordError(j.rec, j.res.err), Bytes: int64(len(j.rec.Body))})
		default:
			if j.res.warn != "" {
				w.emit(Event{Kind: Warning, Origin: j.rec.Origin, Err: recordError(j.rec, errors.New(j.res.warn))})
			}
			kind := Stored
			if !created[k] {
				kind = Duplicate
				j.res.a.Text = ""
			}
			k++
			w.emit(Event{Kind: kind, Origin: j.rec.Origin, Article: j.res.a, Bytes: int64(len(j.rec.Body))})
		}
		j.rec, j.res = nil, nil // let the batch's memory go
	}
	return nil
}

// putEach stores the batch's articles one at a time; an article the store
// refuses as invalid becomes that job's error.
func (w *writer) putEach(ctx context.Context) ([]bool, error) {
	var created []bool
	for _, j := range w.batch {
		if j.res == nil || j.res.err != nil {
			continue
		}
		c, err := w.st.Put(ctx, j.res.a, j.res.raw)
		switch {
		case errors.Is(err, article.ErrInvalid):
			j.res.err = err
			continue
		case err != nil:
			return nil, err
		}
		created = append(created, c)
	}
	return created, nil
}

// recordError says what went wrong with one record in the words of
// package source: "path: line 3: problem", the path as the user gave it.
func recordError(r *source.Record, err error) *source.Error {
	path := r.Path
	if path == "" {
		path = r.Origin
	}
	if err != nil {
		err = plain(err)
	}
	return &source.Error{Path: path, Pos: r.Pos, Err: err}
}

// kinds are the error kinds whose text ("parallax: invalid input") plain
// drops from the end of a message.
// plain drops the kind's text from the end of err's message; see
// article.Plain.
func plain(err error) error { return article.Plain(err) }

// origin says where j came from, for a message: "path: line 3".
func (j *job) origin() string {
	if j.srcE != nil {
		return j.srcE.Path
	}
	e := recordError(j.rec, nil)
	if e.Pos != "" {
		return e.Path + ": " + e.Pos
	}
	return e.Path
}

func (w *writer) emit(e Event) {
	switch e.Kind {
	case Stored:
		w.sum.Stored++
	case Duplicate:
		w.sum.Duplicates++
	case Failed:
		w.sum.Failed++
	case Warning:
		w.sum.Warnings++
	case Skipped:
		w.sum.Skipped++
	}
	w.sum.Bytes += e.Bytes
	w.events(e)
}

// Build makes an article from one record: HTML goes through the extractor,
// text is normalized, and the ID is the hash of the normalized text. Metadata
// the input states (JSON fields, WARC headers) wins over what the extractor
// finds in the page. warn is non-empty when the input needed repair.
func Build(r *source.Record) (a *article.Article, raw *article.Raw, warn string, err error) {
	a = &article.Article{
		Source:    r.Origin,
		URL:       r.URL,
		Outlet:    r.Outlet,
		Title:     r.Title,
		Byline:    r.Byline,
		Language:  r.Language,
		Published: r.Published,
		Format:    r.Format,
	}
	prov := map[string]string{}
	for field, v := range map[string]bool{"url": r.URL != "", "outlet": r.Outlet != "", "title": r.Title != "",
		"byline": r.Byline != "", "language": r.Language != "", "published": !r.Published.IsZero()} {
		if v {
			prov[field] = "input"
		}
	}
	if r.HTML {
		p, err := extract.HTML(r.Body, r.ContentType, r.URL)
		if err != nil {
			return nil, nil, "", err
		}
		for field, src := range p.Sources {
			if f := strings.ToLower(field); prov[f] == "" {
				prov[f] = src
			}
		}
		a.Modified = p.Modified
		a.Text = text.NormalizeString(p.Text)
		a.Extractor = p.Extractor
		for _, b := range p.Boilerplate {
			if b = text.NormalizeString(b); b != "" {
				a.Boilerplate = append(a.Boilerplate, b)
			}
		}
		a.URL = first(a.URL, p.URL)
		a.Title = first(a.Title, p.Title)
		a.Byline = first(a.Byline, p.Byline)
		a.Language = first(a.Language, p.Language)
		a.Outlet = first(a.Outlet, p.Outlet)
		if a.Published.IsZero() {
			a.Published = p.Published
		}
		raw = &article.Raw{MediaType: "text/html", Data: r.Body}
	} else {
		a.Text, warn, err = text.Normalize(r.Body)
		if err != nil {
			return nil, nil, "", err
		}
		// Scraped text carries site furniture; keep it aside, not in the text.
		var removed []boilerplate.Removed
		a.Text, removed = boilerplate.Clean(a.Text, boilerplate.Options{Title: a.Title})
		for _, rm := range removed {
			a.Boilerplate = append(a.Boilerplate, rm.Line)
		}
		a.Extractor = TextExtractor
		raw = &article.Raw{MediaType: "text/plain", Data: r.Body}
		if a.Title == "" {
			if a.Title = headline(a.Text); a.Title != "" {
				prov["title"] = "first line"
			}
		}
	}
	if a.Text == "" {
		return nil, nil, "", fmt.Errorf("no text: %w", article.ErrInvalid)
	}
	// Metadata is untrusted text too: no control characters (terminal
	// escapes) may reach a listing.
	a.Title = oneLine(a.Title)
	a.Byline = oneLine(a.Byline)
	a.Outlet = oneLine(a.Outlet)
	a.Language = oneLine(a.Language)
	a.URL = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, a.URL)
	if a.Outlet == "" {
		if a.Outlet = Domain(a.URL); a.Outlet != "" {
			prov["outlet"] = "domain"
		}
	}
	// A date outside years 1-9999 is junk (and cannot be stored): drop it.
	for _, t := range []*time.Time{&a.Published, &a.Modified} {
		if t.IsZero() {
			continue
		}
		if y := t.UTC().Year(); y < 1 || y > 9999 {
			warn = joinWarn(warn, fmt.Sprintf("date %s out of range; left empty", t.UTC().Format(time.RFC3339)))
			*t = time.Time{}
			continue
		}
		*t = t.UTC()
	}
	// Keep provenance only for fields that have a value.
	for f := range prov {
		if !hasField(a, f) {
			delete(prov, f)
		}
	}
	if len(prov) > 0 {
		a.Provenance = prov
	}
	a.ID = article.HashText(a.Text)
	return a, raw, warn, nil
}

// TextExtractor names how plain-text input becomes main text:
// normalization, then boilerplate removal for scraped text.
const TextExtractor = "text/2"

// Domain returns the registered domain of a URL ("www.bbc.co.uk/x" gives
// "bbc.co.uk"), or "" when it has none.
func Domain(u string) string {
	if u == "" {
		return ""
	}
	if !strings.Contains(u, "://") {
		u = "http://" + u
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Hostname() == "" {
		return ""
	}
	host := strings.ToLower(strings.TrimSuffix(pu.Hostname(), "."))
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// oneLine normalizes a metadata value to one line of clean text.
// headline returns the first line of a plain text when it reads as a
// headline: a line of its own before the body, 3 to 20 words, not ending
// as a sentence or a lead-in does, with a capital letter at the start.
// The line stays in the text; it only names the article.
func headline(t string) string {
	line, rest, ok := strings.Cut(t, "\n")
	line = strings.TrimSpace(line)
	if !ok || strings.TrimSpace(rest) == "" || line == "" {
		return ""
	}
	if n := len(strings.Fields(line)); n < 3 || n > 20 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(line, "\"“‘'«„"))
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return ""
	}
	switch last, _ := utf8.DecodeLastRuneInString(line); last {
	case '.', ',', ';', ':', '…', '"', '”', '’', '»':
		return ""
	}
	return line
}

func oneLine(s string) string {
	return strings.ReplaceAll(text.NormalizeString(s), "\n", " ")
}

func joinWarn(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func hasField(a *article.Article, f string) bool {
	switch f {
	case "url":
		return a.URL != ""
	case "outlet":
		return a.Outlet != ""
	case "title":
		return a.Title != ""
	case "byline":
		return a.Byline != ""
	case "language":
		return a.Language != ""
	case "published":
		return !a.Published.IsZero()
	case "modified":
		return !a.Modified.IsZero()
	}
	return false
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
