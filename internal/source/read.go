package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Read reads every path in order and calls fn once for each record found.
//
// A path is a file; a directory, walked recursively in lexical order
// (skipping hidden files and directories, files that are evidently not
// articles, and symlink loops); or "-", which reads opts.Stdin. The format
// comes from the file name's extension (case-insensitive), else from the
// content:
//
//	.txt, .text                    plain text, one article per file
//	.html .htm .xhtml .shtml       one HTML page
//	.jsonl .ndjson                 one JSON object per line
//	.json                          a JSON array of objects, one object, or JSONL
//	.warc                          WARC 1.0/1.1: HTML responses and resources
//	.gz, .gzip                     gzip of any of these (x.warc.gz, x.jsonl.gz)
//	anything else, stdin           sniffed: gzip, WARC, HTML, JSON, else text
//
// Gzip is recognized by its magic bytes whatever the name says. JSON
// records take their fields from url|link|canonical_url, title|headline,
// published|date|published_at|publish_date|datePublished|pubdate,
// outlet|source|site|site_name|publisher, byline|author|authors,
// language|lang, text|content|body|maintext and html|raw_html|raw_content
// (keys matched case-insensitively); a record with both text and html is
// read as text. A WARC gives its 2xx HTML responses (transfer and content
// encodings undone) and its HTML resource records.
//
// While walking a directory, files that are evidently not articles are
// skipped with an ErrSkipped note: by extension (images, media, archives
// other than gzip, documents, executables, databases, code...) or by
// content (net/http.DetectContentType says it is not text). A file named
// in paths is always attempted.
//
// Limits: a file over opts.MaxFileSize is reported without being read; a
// record over opts.MaxRecordSize (after decompression) is reported and
// skipped, and reading goes on with the next one.
//
// fn owns the Record it is given (and its Body) and may keep it. Reading
// stops when fn returns an error, which Read returns as is.
//
// Problems with one input or one record (a missing file, a bad JSON line, a
// truncated WARC, a file over a limit) go to onErr as an *Error, and reading
// goes on with the next record or input; onErr may be nil. Read returns an
// error only when fn does, when ctx is done (ctx.Err()), or for invalid
// options.
//
// Read is sequential: records arrive in input order, one at a time, and a
// multi-record file is streamed, never held in memory whole.
func Read(ctx context.Context, paths []string, opts Options, fn func(*Record) error, onErr func(*Error)) error {
	if fn == nil {
		return fmt.Errorf("source read: nil record func: %w", article.ErrInvalid)
	}
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return err
	}
	r := &reader{ctx: ctx, opts: opts, fn: fn, onErr: onErr}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.readPath(p); err != nil {
			var s *stopError
			if errors.As(err, &s) {
				return s.err
			}
			return err
		}
	}
	return nil
}

// reader is the state of one Read call.
type reader struct {
	ctx   context.Context
	opts  Options
	fn    func(*Record) error
	onErr func(*Error)
	warc  warcBuffers
}

// stopError carries the error that ends the whole Read (from fn or the
// context) up through the format readers, which return nothing else.
type stopError struct{ err error }

func (e *stopError) Error() string { return e.err.Error() }

// input is one file or stream being read.
type input struct {
	path     string // as shown in errors and record origins
	name     string // for the format by extension; "" for stdin
	explicit bool   // named by the user: never skipped as "not an article"
	sizeHint int64  // size on disk when known, else 0
	records  int    // records delivered
	problems int    // problems reported

	dateNoted bool // a JSON date was not understood, and that was reported
}

func (r *reader) report(in *input, pos string, err error) {
	in.problems++
	if r.onErr != nil {
		r.onErr(&Error{Path: in.path, Pos: pos, Err: err})
	}
}

// emit hands rec to fn. It returns a *stopError when reading must end.
func (r *reader) emit(in *input, rec *Record) error {
	if err := r.ctx.Err(); err != nil {
		return &stopError{err}
	}
	in.records++
	if err := r.fn(rec); err != nil {
		return &stopError{err}
	}
	return nil
}

func (r *reader) readPath(p string) error {
	if p == "-" {
		in := &input{path: "-", explicit: true}
		if r.opts.Stdin == nil {
			r.report(in, "", errorf(article.ErrInvalid, "no standard input to read"))
			return nil
		}
		return r.readStream(in, newFileCap(r.opts.Stdin, r.opts.MaxFileSize))
	}
	info, err := os.Stat(p)
	if err != nil {
		r.report(&input{path: p}, "", pathError(err))
		return nil
	}
	if info.IsDir() {
		return r.walk(p, []fs.FileInfo{info})
	}
	return r.readFile(p, info, true)
}

// walk reads the directory dir recursively. ancestors are the directories
// on the path from the walk's root to dir, to detect symlink loops.
func (r *reader) walk(dir string, ancestors []fs.FileInfo) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		// ReadDir returns what it read before the error: read those too.
		r.report(&input{path: dir}, "", pathError(err))
	}
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return &stopError{err}
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		var info fs.FileInfo
		if e.Type()&fs.ModeSymlink != 0 {
			info, err = os.Stat(p)
			if err != nil {
				r.report(&input{path: p}, "", fmt.Errorf("broken symlink: %w", pathError(err)))
				continue
			}
		} else if info, err = e.Info(); err != nil {
			r.report(&input{path: p}, "", pathError(err))
			continue
		}
		switch {
		case info.IsDir():
			if loops(ancestors, info) {
				r.report(&input{path: p}, "", errorf(ErrSkipped, "skipped: symlink loop"))
				continue
			}
			if err := r.walk(p, append(ancestors, info)); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := r.readFile(p, info, false); err != nil {
				return err
			}
		default:
			r.report(&input{path: p}, "", errorf(ErrSkipped, "skipped: not a regular file (%s)", info.Mode().Type()))
		}
	}
	return nil
}

func loops(ancestors []fs.FileInfo, dir fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, dir) {
			return true
		}
	}
	return false
}

// readFile reads one file. explicit is false for files found by walking a
// directory, which are skipped when they are evidently not articles.
func (r *reader) readFile(p string, info fs.FileInfo, explicit bool) error {
	in := &input{path: p, name: p, explicit: explicit}
	if !explicit {
		if kind := skipByName(p); kind != "" {
			r.report(in, "", errorf(ErrSkipped, "skipped: %s file, not an article", kind))
			return nil
		}
	}
	regular := info.Mode().IsRegular()
	if regular {
		switch {
		case info.Size() == 0:
			r.report(in, "", errorf(article.ErrInvalid, "empty file"))
			return nil
		case info.Size() > r.opts.MaxFileSize:
			r.report(in, "", tooLarge("file", info.Size(), r.opts.MaxFileSize, flagMaxFileSize))
			return nil
		}
		in.sizeHint = info.Size()
	}
	f, err := os.Open(p)
	if err != nil {
		r.report(in, "", pathError(err))
		return nil
	}
	defer f.Close()
	var rd io.Reader = f
	if !regular {
		// A pipe or device: its size is only known by reading it.
		rd = newFileCap(f, r.opts.MaxFileSize)
	}
	return r.readStream(in, rd)
}

// bufSize is the read buffer of an input; it also bounds the length of a
// WARC header line.
const bufSize = 64 << 10

// readStream detects the format of one input and reads its records.
func (r *reader) readStream(in *input, rd io.Reader) error {
	br := bufio.NewReaderSize(rd, bufSize)
	head, err := br.Peek(sniffLen)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			r.report(in, "", readError(err))
		} else {
			r.report(in, "", errorf(article.ErrInvalid, "empty file"))
		}
		return nil
	}
	f, _ := formatFromName(in.name)
	// A file whose name says it is an article is never skipped for its
	// content: a stray control byte in a .txt is the normalizer's to judge,
	// and real junk is then reported as a failure, not a note.
	if !in.explicit && f == formatUnknown {
		if ct := skipByContent(head); ct != "" {
			r.report(in, "", errorf(ErrSkipped, "skipped: %s content, not an article", ct))
			return nil
		}
	}
	if isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.report(in, "", gzipError(err))
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&gunzipReader{r: zr}, bufSize)
		head, err = br.Peek(sniffLen)
		switch {
		case len(head) == 0 && err != nil && err != io.EOF:
			r.report(in, "", readError(err))
			return nil
		case len(head) == 0:
			r.report(in, "", errorf(article.ErrInvalid, "empty file (after gzip decompression)"))
			return nil
		case isGzip(head):
			r.report(in, "", errorf(article.ErrInvalid, "gzip inside gzip is not supported"))
			return nil
		}
		if !in.explicit && f == formatUnknown {
			if ct := skipByContent(head); ct != "" {
				r.report(in, "", errorf(ErrSkipped, "skipped: %s content (in gzip), not an article", ct))
				return nil
			}
		}
		in.sizeHint = 0 // the compressed size says little about the content
	}
	if f == formatUnknown {
		f = sniff(head)
	}
	switch f {
	case formatJSON, formatJSONL:
		return r.readJSON(in, br, f == formatJSONL)
	case formatWARC:
		return r.readWARC(in, br)
	}
	return r.readWhole(in, br, f)
}

// readWhole reads a one-article input: plain text or an HTML page.
func (r *reader) readWhole(in *input, br *bufio.Reader, f format) error {
	max := r.opts.MaxRecordSize
	if in.sizeHint > max {
		r.report(in, "", tooLarge("record", in.sizeHint, max, flagMaxRecordSize))
		return nil
	}
	body, err := readAtMost(br, max, in.sizeHint)
	switch {
	case err == errOverLimit:
		r.report(in, "", tooLarge("record", -1, max, flagMaxRecordSize))
		return nil
	case err != nil:
		r.report(in, "", readError(err))
		return nil
	}
	af, isHTML := f.article()
	return r.emit(in, &Record{Origin: in.path, Format: af, HTML: isHTML, Body: body})
}

// errOverLimit is returned by readAtMost for input longer than its limit.
var errOverLimit = errors.New("over limit")

// readAtMost reads rd to EOF, at most max bytes, and returns what it read.
// Longer input gives errOverLimit with the first max bytes. hint is the
// expected size, or 0.
func readAtMost(rd io.Reader, max, hint int64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 && hint <= max {
		buf.Grow(int(hint) + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(rd, max+1))
	if int64(buf.Len()) > max {
		return buf.Bytes()[:max], errOverLimit
	}
	return buf.Bytes(), err
}

// capReader passes at most n bytes of r through; one more byte is the
// error over. It bounds stdin and pipes, whose size cannot be checked with a
// stat, and the HTTP headers in a WARC record.
type capReader struct {
	r    io.Reader
	n    int64 // bytes left
	over error
	err  error
}

// newFileCap bounds a stream to MaxFileSize.
func newFileCap(r io.Reader, limit int64) *capReader {
	return &capReader{r: r, n: limit, over: tooLarge("input", -1, limit, flagMaxFileSize)}
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.n <= 0 {
		var one [1]byte
		m, err := c.r.Read(one[:])
		if m > 0 {
			c.err = c.over
			return 0, c.err
		}
		return 0, err
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	m, err := c.r.Read(p)
	c.n -= int64(m)
	return m, err
}

// gunzipReader turns compress/gzip's errors into messages that say what went
// wrong with the file; they are sticky.
type gunzipReader struct {
	r   io.Reader
	err error
}

func (g *gunzipReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		g.err = gzipError(err)
		err = g.err
	}
	return n, err
}

func gzipError(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		return errorf(article.ErrCorrupt, "unexpected EOF in gzip stream: %w", io.ErrUnexpectedEOF)
	case errors.Is(err, gzip.ErrChecksum):
		return errorf(article.ErrCorrupt, "gzip checksum mismatch: %w", err)
	case errors.Is(err, gzip.ErrHeader):
		return errorf(article.ErrCorrupt, "invalid gzip header (corrupt, or junk after the last gzip member): %w", err)
	case errors.As(err, &ce):
		return errorf(article.ErrCorrupt, "corrupt gzip data: %w", err)
	}
	return readError(err)
}

// readError describes an I/O error while reading an input. Errors that
// already say what went wrong (limits, gzip) pass unchanged.
func readError(err error) error {
	var k *kindError
	if errors.As(err, &k) {
		return err
	}
	return fmt.Errorf("read: %w", pathError(err))
}

// pathError drops the path from an *fs.PathError, which Error.Path already
// shows: "open: permission denied" rather than "open x: permission denied".
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if pe.Op == "stat" || pe.Op == "lstat" {
			return pe.Err
		}
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
