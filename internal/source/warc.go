package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"math"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// A WARC file (ISO 28500, versions 1.0 and 1.1) is a sequence of records:
//
//	WARC/1.1\r\n
//	Header-Name: value\r\n ...
//	\r\n
//	<Content-Length bytes of block>\r\n\r\n
//
// A .warc.gz file is one gzip member per record; compress/gzip reads the
// members as one stream. parallax takes the HTML pages: "response" records
// holding a 2xx HTTP response with an HTML body, and "resource" records with
// an HTML content type. Other records (request, metadata, warcinfo,
// revisit, conversion, continuation) and other responses are skipped
// without a word.

const (
	maxWARCHeader = 1 << 20 // bytes of WARC headers in one record
	maxHTTPHeader = 1 << 20 // bytes of HTTP headers in one response
)

// errTruncated is the end of the input inside a record.
var errTruncated = &kindError{kind: article.ErrCorrupt, msg: "truncated", cause: io.ErrUnexpectedEOF}

// warcHeader holds the WARC headers parallax uses.
type warcHeader struct {
	typ         string // WARC-Type, lower case
	length      int64  // Content-Length
	hasLength   bool
	contentType string // Content-Type of the block
	targetURI   string // WARC-Target-URI
}

// readWARC reads WARC records from br.
func (r *reader) readWARC(in *input, br *bufio.Reader) error {
	w := &warcReader{br: br}
	n := 0
	for {
		n++
		pos := "record " + strconv.Itoa(n)
		h, err := w.readHeader()
		var me *memberError
		switch {
		case errors.As(err, &me):
			if w.atBoundary && me.delivered && !me.junk && n > 1 {
				// Found at the end of the member that held the record
				// before (a checksum mismatch): that record is the
				// damaged one.
				n--
				pos = "record " + strconv.Itoa(n)
			}
			r.report(in, pos, me)
			continue
		case err == io.EOF:
			if in.records == 0 && in.problems == 0 {
				r.report(in, "", errorf(ErrSkipped, "no HTML responses among %d WARC records", n-1))
			}
			return nil
		case err == errNotWARC:
			skipped, found, err := w.resync()
			skipped += w.badLine
			if errors.As(err, &me) {
				r.report(in, pos, me)
				continue
			}
			if err != nil && err != io.EOF {
				r.report(in, pos, readError(err))
				return nil
			}
			if !found {
				r.report(in, pos, errorf(article.ErrCorrupt, "not a WARC record (no WARC/1.x line), and none follows"))
				return nil
			}
			r.report(in, pos, errorf(article.ErrCorrupt, "not a WARC record (no WARC/1.x line); skipped %s to the next one", size(skipped)))
			n--
			continue
		case err != nil:
			r.report(in, pos, readError(err))
			return nil
		}
		if !h.hasLength {
			r.report(in, pos, errorf(article.ErrCorrupt, "no valid Content-Length header"))
			return nil
		}
		blk := &blockReader{r: br, n: h.length}
		rec, perr := r.warcRecord(h, blk)
		if err := blk.drain(); errors.As(err, &me) {
			// The record is lost; reading goes on at the next member.
			r.report(in, pos, me)
			continue
		} else if err != nil {
			// The partial record is not delivered.
			r.report(in, pos, readError(err))
			return nil
		}
		switch {
		case perr != nil:
			r.report(in, pos, perr)
		case rec != nil:
			rec.Origin, rec.Path, rec.Pos = in.origin+"#r"+strconv.Itoa(n), in.path, pos
			if err := r.emit(in, rec); err != nil {
				return err
			}
		}
	}
}

// warcRecord reads the block of one record and returns its Record, or nil
// for a record parallax does not take.
func (r *reader) warcRecord(h *warcHeader, blk io.Reader) (*Record, error) {
	mt, params := mediaType(h.contentType)
	switch h.typ {
	case "response":
		if mt != "application/http" || (params["msgtype"] != "" && params["msgtype"] != "response") {
			return nil, nil
		}
		return r.httpRecord(h, blk)
	case "resource":
		if !isHTMLType(mt) {
			return nil, nil
		}
		body, err := readAtMost(blk, r.opts.MaxRecordSize, min(h.length, r.opts.MaxRecordSize))
		if err == errOverLimit {
			return nil, tooLarge("record", h.length, r.opts.MaxRecordSize, flagMaxRecordSize)
		}
		if err != nil || len(body) == 0 {
			return nil, err
		}
		return &Record{Format: article.FormatWARC, HTML: true, Body: body, ContentType: h.contentType, URL: h.targetURI}, nil
	}
	return nil, nil
}

// httpRecord parses the HTTP response in a response record's block and
// returns its decoded HTML body.
func (r *reader) httpRecord(h *warcHeader, blk io.Reader) (*Record, error) {
	max := r.opts.MaxRecordSize
	hdr := &capReader{r: blk, n: maxHTTPHeader, over: errorf(article.ErrCorrupt, "HTTP headers over %s", size(maxHTTPHeader))}
	hb := r.warc.httpBuf(hdr)
	if p, _ := hb.Peek(7); bytes.HasPrefix(p, []byte("HTTP/2 ")) || bytes.HasPrefix(p, []byte("HTTP/3 ")) {
		// Archivers record HTTP/2 and 3 as "HTTP/2 200", which net/http
		// does not parse as a version: make it "HTTP/2.0 200".
		line, _ := hb.ReadSlice('\n')
		fixed := append([]byte(nil), line[:6]...)
		fixed = append(append(fixed, ".0"...), line[6:]...)
		hb = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(fixed), hb), 16<<10)
	}
	resp, err := http.ReadResponse(hb, nil)
	if err != nil {
		if err == errTruncated || errors.Is(err, article.ErrCorrupt) {
			return nil, err
		}
		return nil, errorf(article.ErrCorrupt, "bad HTTP response: %w", err)
	}
	hdr.n = math.MaxInt64 // headers read: the body may be as long as the block
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, nil
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _ := mediaType(ct); ct != "" && !isHTMLType(mt) {
		return nil, nil
	}
	// The body is read raw from the block, not through resp.Body: the
	// transfer and content decoding below falls back to the raw bytes when
	// the archiver already decoded them but kept the headers.
	raw, err := readAtMost(hb, max, min(h.length, max))
	if err == errOverLimit {
		return nil, tooLarge("HTTP body", -1, max, flagMaxRecordSize)
	}
	if err != nil {
		return nil, err
	}
	chunked := len(resp.TransferEncoding) > 0 && resp.TransferEncoding[0] == "chunked"
	body, err := r.warc.decodeHTTPBody(raw, chunked, resp.Header.Values("Content-Encoding"), max)
	if err != nil {
		return nil, err
	}
	if len(body) == 0 || ct == "" && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return nil, nil
	}
	return &Record{Format: article.FormatWARC, HTML: true, Body: body, ContentType: ct, URL: h.targetURI}, nil
}

// decodeHTTPBody undoes chunked transfer coding and the content codings of
// an HTTP body, in at most max bytes.
func (d *warcBuffers) decodeHTTPBody(raw []byte, chunked bool, encodings []string, max int64) ([]byte, error) {
	body := raw
	if chunked {
		dec, err := readAtMost(httputil.NewChunkedReader(bytes.NewReader(raw)), max, int64(len(raw)))
		switch {
		case err == errOverLimit:
			return nil, tooLarge("HTTP body", -1, max, flagMaxRecordSize)
		case err == nil, len(dec) > 0:
			// A chunked stream cut short (WARC-Truncated) keeps what it has.
			body = dec
		default:
			// Not chunked after all: the archiver stored the body decoded.
		}
	}
	var codings []string
	for _, v := range encodings {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	for i := len(codings) - 1; i >= 0; i-- {
		dec, err := d.decodeContent(body, codings[i], max)
		if err != nil {
			return nil, err
		}
		body = dec
	}
	return body, nil
}

// decodeContent undoes one content coding.
func (d *warcBuffers) decodeContent(body []byte, coding string, max int64) ([]byte, error) {
	var zr io.Reader
	var err error
	switch coding {
	case "gzip", "x-gzip":
		zr, err = d.gunzip(bytes.NewReader(body))
	case "deflate":
		// RFC 9110 deflate is zlib; some servers send raw deflate.
		if zr, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
			zr, err = flate.NewReader(bytes.NewReader(body)), nil
		}
	default:
		if looksDecoded(body) {
			return body, nil
		}
		return nil, errorf(article.ErrInvalid, "unsupported Content-Encoding %q", coding)
	}
	if err != nil {
		if looksDecoded(body) {
			return body, nil // stored decoded, header kept
		}
		return nil, errorf(article.ErrCorrupt, "bad %s body: %v", coding, err)
	}
	dec, err := readAtMost(zr, max, int64(len(body))*4)
	switch {
	case err == errOverLimit:
		return nil, tooLarge("decoded HTTP body", -1, max, flagMaxRecordSize)
	case err == nil, len(dec) > 0:
		// A body cut short keeps what it has.
		return dec, nil
	case looksDecoded(body):
		return body, nil
	}
	return nil, errorf(article.ErrCorrupt, "bad %s body: %v", coding, err)
}

// looksDecoded reports whether a body said to be compressed is already
// markup.
func looksDecoded(b []byte) bool {
	b = trimSpaceBOM(b)
	return len(b) > 0 && b[0] == '<'
}

func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// mediaType returns the lower-case media type of a Content-Type value and
// its parameters, leniently: a value mime cannot parse still gives its
// type.
func mediaType(v string) (string, map[string]string) {
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		mt, _, _ = strings.Cut(v, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt, params
}

// warcBuffers are reused from one WARC record to the next: a gzip reader
// holds some 40 KB of state, and the HTTP header buffer 16 KB.
type warcBuffers struct {
	hb *bufio.Reader
	zr *gzip.Reader
}

func (d *warcBuffers) httpBuf(r io.Reader) *bufio.Reader {
	if d.hb == nil {
		d.hb = bufio.NewReaderSize(r, 16<<10)
	} else {
		d.hb.Reset(r)
	}
	return d.hb
}

func (d *warcBuffers) gunzip(r io.Reader) (io.Reader, error) {
	if d.zr == nil {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		d.zr = zr
		return zr, nil
	}
	if err := d.zr.Reset(r); err != nil {
		return nil, err
	}
	return d.zr, nil
}

// errNotWARC is a record that does not start with a WARC/1.x line.
var errNotWARC = errors.New("not a WARC record")

// warcReader reads WARC record headers; blocks are read with blockReader.
type warcReader struct {
	br      *bufio.Reader
	pending bool  // resync found a version line: the next header starts after it
	badLine int64 // length of the line that was not a version line
	lastLen int   // length of the last line read, with its line ending
	// atBoundary is true while readHeader has read only blank lines: an
	// error then may belong to the record before.
	atBoundary bool
}

// readHeader reads the version line and headers of the next record. It
// returns io.EOF at a clean end of input, errNotWARC when the next line is not
// a version line.
func (w *warcReader) readHeader() (*warcHeader, error) {
	w.atBoundary = !w.pending
	if !w.pending {
		var line []byte
		var err error
		for len(line) == 0 { // blank lines between records are tolerated
			line, err = w.readLine()
			if err == io.EOF || err == io.ErrUnexpectedEOF && len(bytes.TrimSpace(line)) == 0 {
				return nil, io.EOF
			}
			if err != nil {
				return nil, truncatedIfEOF(err)
			}
		}
		w.atBoundary = false
		if !bytes.HasPrefix(line, []byte("WARC/1.")) {
			w.badLine = int64(w.lastLen)
			return nil, errNotWARC
		}
	}
	w.pending = false
	h := &warcHeader{}
	total := 0
	var name string
	for {
		line, err := w.readLine()
		if err != nil {
			return nil, truncatedIfEOF(err)
		}
		if len(line) == 0 {
			return h, nil
		}
		if total += len(line); total > maxWARCHeader {
			return nil, errorf(article.ErrCorrupt, "WARC headers over %s", size(maxWARCHeader))
		}
		if line[0] == ' ' || line[0] == '\t' {
			// A continuation line: only the fields below matter, and only
			// Content-Type might be folded.
			if name == "content-type" {
				h.contentType += " " + strings.TrimSpace(string(line))
			}
			continue
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			name = ""
			continue // lenient: a malformed header line is ignored
		}
		name = strings.ToLower(string(bytes.TrimSpace(k)))
		value := strings.TrimSpace(string(v))
		switch name {
		case "warc-type":
			h.typ = strings.ToLower(value)
		case "content-length":
			n, err := strconv.ParseInt(value, 10, 64)
			h.length, h.hasLength = n, err == nil && n >= 0
		case "content-type":
			h.contentType = value
		case "warc-target-uri":
			// WARC 1.0 examples write the URI in angle brackets.
			h.targetURI = strings.TrimSuffix(strings.TrimPrefix(value, "<"), ">")
		}
	}
}

// readLine reads one line without its line ending. A line longer than the
// read buffer is corrupt.
func (w *warcReader) readLine() ([]byte, error) {
	line, err := w.br.ReadSlice('\n')
	w.lastLen = len(line)
	if err == bufio.ErrBufferFull {
		return nil, errorf(article.ErrCorrupt, "WARC header line over %s", size(int64(w.br.Size())))
	}
	if err != nil && !(err == io.EOF && len(line) > 0) {
		return nil, err
	}
	if err == io.EOF {
		return bytes.TrimRight(line, "\r"), io.ErrUnexpectedEOF // a header line with no end
	}
	line = line[:len(line)-1]
	return bytes.TrimSuffix(line, []byte("\r")), nil
}

// resync skips to the next line that starts with "WARC/1." and consumes
// it. It returns how many bytes it skipped and whether it found one.
func (w *warcReader) resync() (skipped int64, found bool, err error) {
	for {
		line, err := w.br.ReadSlice('\n')
		if err == nil && bytes.HasPrefix(line, []byte("WARC/1.")) {
			w.pending = true
			return skipped, true, nil
		}
		skipped += int64(len(line))
		if err != nil && err != bufio.ErrBufferFull {
			return skipped, false, err
		}
	}
}

func truncatedIfEOF(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errTruncated
	}
	return err
}

// blockReader reads the Content-Length bytes of a record's block; an input
// that ends sooner gives errTruncated. Errors are sticky.
type blockReader struct {
	r   *bufio.Reader
	n   int64
	err error
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	m, err := b.r.Read(p)
	b.n -= int64(m)
	if err == io.EOF {
		err = errTruncated
	}
	if err != nil {
		b.err = err
	}
	return m, err
}

// drain discards what is left of the block.
func (b *blockReader) drain() error {
	for b.n > 0 && b.err == nil {
		d, err := b.r.Discard(int(min(b.n, 1<<30)))
		b.n -= int64(d)
		if err == io.EOF {
			err = errTruncated
		}
		b.err = err
	}
	return b.err
}
