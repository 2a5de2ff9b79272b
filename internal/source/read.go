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
	"syscall"

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
		return errorf(article.ErrInvalid, "source read: nil record func")
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
	path     string // as the user gave it (or as found walking), for errors
	origin   string // the cleaned absolute path ("-" for stdin), for record origins
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
		in := &input{path: "-", origin: "-", explicit: true}
		if r.opts.Stdin == nil {
			r.report(in, "", errorf(article.ErrInvalid, "no standard input to read"))
			return nil
		}
		return r.readStream(in, newFileCap(r.opts.Stdin, r.opts.MaxFileSize))
	}
	info, err := os.Stat(p)
	if errors.Is(err, syscall.ELOOP) {
		// Named by the user, so a failure, not a note as in a walk.
		r.report(&input{path: p}, "", errorf(article.ErrInvalid, "symlink loop"))
		return nil
	}
	if err != nil {
		r.report(&input{path: p}, "", pathError(err))
		return nil
	}
	// Records name their file by its absolute path, so that the same file
	// read from another working directory is the same source.
	abs, err := filepath.Abs(p)
	if err != nil {
		r.report(&input{path: p}, "", err)
		return nil
	}
	if info.IsDir() {
		return r.walk(p, abs, []fs.FileInfo{info})
	}
	return r.readFile(p, abs, info, true)
}

// walk reads the directory dir (absolute path absDir) recursively.
// ancestors are the directories on the path from the walk's root to dir,
// to detect symlink loops.
func (r *reader) walk(dir, absDir string, ancestors []fs.FileInfo) error {
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
			if errors.Is(err, syscall.ELOOP) {
				// A link to itself, or a cycle of links: like a link to a
				// directory above, a loop, not a broken input.
				r.report(&input{path: p}, "", errorf(ErrSkipped, "skipped: symlink loop"))
				continue
			}
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
			if err := r.walk(p, filepath.Join(absDir, name), append(ancestors, info)); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := r.readFile(p, filepath.Join(absDir, name), info, false); err != nil {
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

// readFile reads one file, p as shown in errors and abs its absolute path.
// explicit is false for files found by walking a directory, which are
// skipped when they are evidently not articles.
func (r *reader) readFile(p, abs string, info fs.FileInfo, explicit bool) error {
	in := &input{path: p, origin: abs, name: p, explicit: explicit}
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
		zr, err := newGunzip(br)
		if err != nil {
			r.report(in, "", err)
			return nil
		}
		br = bufio.NewReaderSize(zr, bufSize)
		head, err = br.Peek(sniffLen)
		if len(head) > 0 && err != nil && err != io.EOF {
			// Peek forgets the error it returns, and zr goes on after a
			// damaged member: put the error back where it was met, so that
			// the format reader sees it.
			head = bytes.Clone(head)
			br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(head), &onceReader{err: err}, zr), bufSize)
		}
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
	return r.emit(in, &Record{Origin: in.origin, Path: in.path, Format: af, HTML: isHTML, Body: body})
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

// gunzipReader decompresses a gzip file member by member, the way .warc.gz
// files are written (one member per record). A damaged member costs only
// itself: its problem is returned once, as a *memberError, and the next
// Read goes on at the next member header (1f 8b 08) after it. NUL bytes
// after a member (block padding) are skipped without a word. Errors reading
// the file itself are sticky.
type gunzipReader struct {
	src     *countReader
	zr      *gzip.Reader
	start   int64 // offset in the file of the current member
	out     int64 // bytes the current member has given
	between bool  // the current member is done: look for the next one
	err     error // sticky: io.EOF at the end, or a read error of the file
}

// newGunzip starts reading the gzip stream in br, whose first member
// header must be valid.
func newGunzip(br *bufio.Reader) (*gunzipReader, error) {
	src := &countReader{br: br}
	zr, err := gzip.NewReader(src)
	if err != nil {
		return nil, gzipError(err)
	}
	zr.Multistream(false)
	return &gunzipReader{src: src, zr: zr}, nil
}

func (g *gunzipReader) Read(p []byte) (int, error) {
	for {
		if g.err != nil {
			return 0, g.err
		}
		if g.between {
			g.between = false
			if err := g.resync(g.src.n, nil); err != nil {
				return 0, err
			}
			continue
		}
		n, err := g.zr.Read(p)
		g.out += int64(n)
		switch {
		case err == io.EOF:
			g.between = true
			if n == 0 {
				continue
			}
			return n, nil
		case err != nil:
			if g.src.err != nil && g.src.err != io.EOF {
				// The file could not be read, or is over a limit: stop.
				g.err = readError(g.src.err)
				return n, g.err
			}
			delivered := g.out > 0
			err = g.resync(g.start, gzipError(err))
			if me, ok := err.(*memberError); ok {
				me.delivered = delivered
			}
			return n, err
		}
		return n, nil
	}
}

// resync moves to the next member header at or after the current offset,
// and returns the problem to report: cause (a member found damaged at
// offset start), or the data that is not gzip skipped on the way. It
// returns nil when there is nothing to report: the member before ended
// cleanly and only NUL padding (or nothing) follows it.
func (g *gunzipReader) resync(start int64, cause error) error {
	junk, zeros := int64(0), true
	var next int64 = -1
	for {
		skipped, z, found, err := g.src.skipToMagic()
		junk += skipped
		zeros = zeros && z
		if err != nil {
			g.err = readError(err)
			return g.err
		}
		if !found {
			g.err = io.EOF
			break
		}
		off := g.src.n
		err = g.zr.Reset(g.src)
		if err == nil {
			g.zr.Multistream(false)
			g.start, next, g.out = off, off, 0
			break
		}
		if g.src.err != nil && g.src.err != io.EOF {
			g.err = readError(g.src.err)
			return g.err
		}
		// 1f 8b 08 that does not start a valid header: more junk.
		junk += g.src.n - off
		zeros = false
	}
	if cause == nil {
		if junk == 0 || zeros {
			return nil
		}
		return &memberError{off: start, next: next, junk: true,
			cause: errorf(article.ErrCorrupt, "%s of data that is not gzip", size(junk))}
	}
	return &memberError{off: start, next: next, cause: cause}
}

// memberError is a damaged gzip member, or data between members that is
// not gzip. Reading goes on after it at the next member, if any.
type memberError struct {
	off   int64 // where the damage starts in the file
	next  int64 // offset of the next member, or -1 when none follows
	cause error
	junk  bool // not a damaged member but data between or after members
	// delivered says the damaged member gave some data before its problem
	// was found (always so for a checksum mismatch).
	delivered bool
}

func (e *memberError) Error() string {
	var msg string
	switch {
	case !e.junk:
		msg = fmt.Sprintf("gzip member at byte %d: %v", e.off, e.cause)
	case e.next < 0:
		return fmt.Sprintf("%v at byte %d, after the last gzip member", e.cause, e.off)
	default:
		msg = fmt.Sprintf("%v at byte %d", e.cause, e.off)
	}
	if e.next >= 0 {
		msg += fmt.Sprintf("; skipped to the next member at byte %d", e.next)
	}
	return msg
}

func (e *memberError) Unwrap() error { return e.cause }

// onceReader returns err once, then io.EOF.
type onceReader struct{ err error }

func (o *onceReader) Read([]byte) (int, error) {
	err := o.err
	if err == nil {
		return 0, io.EOF
	}
	o.err = nil
	return 0, err
}

// countReader reads a *bufio.Reader and counts the bytes consumed, so that
// gzip members can be found by their offset in the file. It is an
// io.ByteReader: compress/gzip then reads no further than the end of a
// member.
type countReader struct {
	br  *bufio.Reader
	n   int64
	err error // the last error from br
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err != nil {
		c.err = err
		return b, err
	}
	c.n++
	return b, nil
}

// gzipMember is the start of a gzip member header: magic and the deflate
// method.
var gzipMember = []byte{0x1f, 0x8b, 8}

// skipToMagic discards input up to the next gzip member header, or to the
// end. It returns how many bytes it skipped, whether they were all NUL, and
// whether a header follows. The end of the input is not an error.
func (c *countReader) skipToMagic() (skipped int64, zeros, found bool, err error) {
	zeros = true
	for {
		buf, perr := c.br.Peek(max(c.br.Buffered(), len(gzipMember)))
		i := bytes.Index(buf, gzipMember)
		drop := i
		if i < 0 {
			// Keep a tail that may be the start of a header.
			drop = max(len(buf)-(len(gzipMember)-1), 0)
			if perr != nil {
				drop = len(buf)
			}
		}
		zeros = zeros && allZero(buf[:drop])
		d, _ := c.br.Discard(drop)
		c.n += int64(d)
		skipped += int64(d)
		switch {
		case i >= 0:
			return skipped, zeros, true, nil
		case perr == io.EOF:
			return skipped, zeros, false, nil
		case perr != nil && perr != bufio.ErrBufferFull:
			c.err = perr
			return skipped, zeros, false, perr
		}
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
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
	var m *memberError
	if errors.As(err, &k) || errors.As(err, &m) {
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
