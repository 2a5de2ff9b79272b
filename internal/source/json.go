package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// readJSON reads JSON records from br. In line mode (.jsonl) every line is
// one object and a bad line costs only itself. Otherwise (.json, sniffed
// JSON) the input is a stream of top-level values, each an object (one
// record, which may span lines) or an array of objects; a new top-level
// value must start on a new line.
func (r *reader) readJSON(in *input, br *bufio.Reader, lineMode bool) error {
	s := &jsonScanner{br: br, line: 1, max: r.opts.MaxRecordSize}
	b, err := br.Peek(3)
	if err != nil && err != io.EOF {
		// Peek forgets the error: report it now or never.
		r.report(in, lineDesc(1), readError(err))
		return nil
	}
	if bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	for {
		c, err := s.skipSpace()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.report(in, lineDesc(s.line), readError(err))
			return nil
		}
		line := s.line
		switch {
		case c == '{':
			broken, err := s.readValue(lineMode)
			if err != nil {
				r.report(in, lineDesc(line), valueReadError(err))
				return nil
			}
			if broken != "" {
				r.report(in, lineDesc(line), errorf(article.ErrInvalid, "%s", broken))
				continue // stopped at the end of the line: resume with the next
			}
			if err := r.jsonRecord(in, s, lineDesc(line), in.origin+"#L"+strconv.Itoa(line)); err != nil {
				return err
			}
			// A first object that fits on its line says the input is JSON
			// lines: read the rest line by line, so that one broken line
			// costs only itself instead of swallowing the records after it.
			if !lineMode && in.records+in.problems == 1 && s.line == line {
				lineMode = true
			}
		case c == '[' && !lineMode:
			ok, err := r.readJSONArray(in, s)
			if err != nil || !ok {
				return err
			}
		default:
			r.report(in, lineDesc(line), errorf(article.ErrInvalid, "not a JSON object"))
			if err := s.skipLine(); err != nil && err != io.EOF {
				r.report(in, lineDesc(s.line), readError(err))
				return nil
			}
			continue
		}
		// A top-level value ends its line: anything after it on the same
		// line would share its origin.
		if blank, err := s.restOfLineBlank(); err != nil && err != io.EOF {
			r.report(in, lineDesc(s.line), readError(err))
			return nil
		} else if !blank {
			r.report(in, lineDesc(s.line), errorf(article.ErrInvalid, "unexpected data after the JSON value; put one value per line"))
			if err := s.skipLine(); err != nil && err != io.EOF {
				r.report(in, lineDesc(s.line), readError(err))
				return nil
			}
		}
	}
	if in.records == 0 && in.problems == 0 {
		r.report(in, "", errorf(article.ErrInvalid, "no records"))
	}
	return nil
}

// readJSONArray reads a top-level array whose '[' is next in s, one element
// at a time. ok is false when the rest of the input cannot be read (the
// problem has been reported).
func (r *reader) readJSONArray(in *input, s *jsonScanner) (ok bool, err error) {
	s.br.ReadByte() // '['
	c, err := s.skipSpace()
	if err != nil {
		r.report(in, lineDesc(s.line), valueReadError(err))
		return false, nil
	}
	if c == ']' {
		s.br.ReadByte()
		return true, nil
	}
	for {
		s.records++
		pos := "record " + strconv.Itoa(s.records)
		broken, err := s.readValue(false)
		switch {
		case err != nil:
			r.report(in, pos, valueReadError(err))
			return false, nil
		case broken != "":
			// No way to find the next element: give up on this input.
			r.report(in, pos, errorf(article.ErrInvalid, "%s (line %d)", broken, s.line))
			return false, nil
		case c != '{':
			r.report(in, pos, errorf(article.ErrInvalid, "not a JSON object"))
		default:
			if err := r.jsonRecord(in, s, pos, in.origin+"#r"+strconv.Itoa(s.records)); err != nil {
				return false, err
			}
		}
		c, err = s.skipSpace()
		if err != nil {
			r.report(in, pos, valueReadError(err))
			return false, nil
		}
		switch c {
		case ']':
			s.br.ReadByte()
			return true, nil
		case ',':
			s.br.ReadByte()
			if c, err = s.skipSpace(); err != nil {
				r.report(in, pos, valueReadError(err))
				return false, nil
			}
			if c == ']' { // a trailing comma: tolerated
				s.br.ReadByte()
				return true, nil
			}
		default:
			r.report(in, pos, errorf(article.ErrInvalid, "expected ',' or ']' after the record (line %d)", s.line))
			return false, nil
		}
	}
}

// jsonRecord decodes the value in s.buf and hands the record to fn, or
// reports why it cannot.
func (r *reader) jsonRecord(in *input, s *jsonScanner, pos, origin string) error {
	if s.over {
		r.report(in, pos, tooLarge("record", -1, r.opts.MaxRecordSize, flagMaxRecordSize))
		return nil
	}
	rec, date, err := decodeJSONRecord(s.buf)
	s.release()
	if err != nil {
		r.report(in, pos, err)
		return nil
	}
	rec.Origin, rec.Path, rec.Pos = origin, in.path, pos
	if date != "" && !in.dateNoted {
		in.dateNoted = true
		r.report(in, pos, errorf(ErrWarning, "date %s not understood, left empty (not reported again for this input)", date))
	}
	return r.emit(in, rec)
}

func lineDesc(n int) string { return "line " + strconv.Itoa(n) }

// valueReadError describes an error met inside a JSON value.
func valueReadError(err error) error {
	if err == io.ErrUnexpectedEOF {
		return errorf(article.ErrCorrupt, "truncated: the input ends inside a JSON value: %w", err)
	}
	return readError(err)
}

// jsonScanner splits a stream into JSON values without decoding them:
// it tracks strings and nesting only, so that it can bound the size of a
// value and recover after a broken one. encoding/json validates and decodes
// each value afterwards.
type jsonScanner struct {
	br      *bufio.Reader
	line    int   // line of the next byte, from 1
	max     int64 // largest value kept
	buf     []byte
	over    bool // the last value was longer than max; buf holds a prefix
	records int  // array elements seen, for "record N"
}

// skipSpace skips white space and returns the next byte without consuming
// it.
func (s *jsonScanner) skipSpace() (byte, error) {
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			s.br.UnreadByte()
			return c, nil
		}
	}
}

// skipLine discards input up to and including the next newline.
func (s *jsonScanner) skipLine() error {
	for {
		_, err := s.br.ReadSlice('\n')
		if err == nil {
			s.line++
			return nil
		}
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

// restOfLineBlank skips spaces and reports whether the line ends there. The
// newline is left for skipSpace.
func (s *jsonScanner) restOfLineBlank() (bool, error) {
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return true, err
		}
		switch c {
		case ' ', '\t', '\r':
		case '\n':
			s.br.UnreadByte()
			return true, nil
		default:
			s.br.UnreadByte()
			return false, nil
		}
	}
}

// readValue reads the JSON value that starts at the next byte into s.buf
// (at most s.max bytes of it; s.over says if there was more). A value that
// cannot be delimited (a string running into the end of its line; in line
// mode, any value running into the end of its line) is broken: readValue
// stops before that newline and returns why. The end of the input inside
// a container or string is io.ErrUnexpectedEOF.
func (s *jsonScanner) readValue(lineMode bool) (broken string, err error) {
	s.buf, s.over = s.buf[:0], false
	var (
		depth  int
		inStr  bool
		esc    bool
		scalar bool
		first  = true
	)
	for {
		if _, err := s.br.Peek(1); err != nil {
			if err == io.EOF {
				if scalar {
					return "", nil
				}
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		chunk, _ := s.br.Peek(s.br.Buffered())
		end, done := len(chunk), false
	scan:
		for i, c := range chunk {
			if first {
				first = false
				switch c {
				case '{', '[':
					depth = 1
				case '"':
					inStr = true
				default:
					scalar = true
				}
				continue
			}
			if inStr {
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if depth == 0 {
						end, done = i+1, true
						break scan
					}
				case c == '\n':
					end, done, broken = i, true, "unterminated string"
					break scan
				}
				continue
			}
			if scalar {
				switch c {
				case ' ', '\t', '\r', '\n', ',', ']', '}':
					end, done = i, true
					break scan
				}
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					end, done = i+1, true
					break scan
				}
			case '\n':
				if lineMode {
					end, done, broken = i, true, "incomplete JSON object (a JSONL record must fit on one line)"
					break scan
				}
				s.line++
			}
		}
		s.keep(chunk[:end])
		s.br.Discard(end)
		if done {
			return broken, nil
		}
	}
}

func (s *jsonScanner) keep(p []byte) {
	if s.over {
		return
	}
	if int64(len(s.buf))+int64(len(p)) > s.max {
		s.over = true
		return
	}
	if need := len(s.buf) + len(p); need > cap(s.buf) {
		// Double, where append grows large slices by a quarter: a record
		// of n bytes then costs about 2n of buffers, not 5n.
		nb := make([]byte, len(s.buf), min(max(2*cap(s.buf), need, 4096), int(s.max)+bufSize))
		copy(nb, s.buf)
		s.buf = nb
	}
	s.buf = append(s.buf, p...)
}

// release drops a buffer grown by one large record, so that a file with one
// huge record does not hold its memory to the end.
func (s *jsonScanner) release() {
	if cap(s.buf) > 4<<20 {
		s.buf = nil
	}
}

// jsonFields are the record fields parallax understands. encoding/json
// matches keys case-insensitively; the first non-empty alias in each group,
// in the order listed, wins. Fields of the wrong type are left empty.
type jsonFields struct {
	URL           string `json:"url"`
	Link          string `json:"link"`
	CanonicalURL  string `json:"canonical_url"`
	CanonicalURL2 string `json:"canonicalUrl"`

	Title    string `json:"title"`
	Headline string `json:"headline"`

	Published     json.RawMessage `json:"published"`
	Date          json.RawMessage `json:"date"`
	PublishedAt   json.RawMessage `json:"published_at"`
	PublishedAt2  json.RawMessage `json:"publishedAt"`
	PublishDate   json.RawMessage `json:"publish_date"`
	PublishDate2  json.RawMessage `json:"publishDate"`
	DatePublished json.RawMessage `json:"datePublished"`
	DatePublish   json.RawMessage `json:"date_publish"`
	Pubdate       json.RawMessage `json:"pubdate"`

	Outlet    json.RawMessage `json:"outlet"`
	Source    json.RawMessage `json:"source"`
	Site      json.RawMessage `json:"site"`
	SiteName  json.RawMessage `json:"site_name"`
	SiteName2 json.RawMessage `json:"siteName"`
	Publisher json.RawMessage `json:"publisher"`

	Byline  json.RawMessage `json:"byline"`
	Author  json.RawMessage `json:"author"`
	Authors json.RawMessage `json:"authors"`

	Language string `json:"language"`
	Lang     string `json:"lang"`

	// The payload fields are jsonText, not string: decoded straight into
	// the bytes the Record keeps, they cost one copy of the payload, where
	// a string (encoding/json unquotes to bytes, then copies to a string,
	// then the Record needs bytes again) cost three.
	Text     jsonText `json:"text"`
	Content  jsonText `json:"content"`
	Body     jsonText `json:"body"`
	Maintext jsonText `json:"maintext"`

	HTML        jsonText `json:"html"`
	RawHTML     jsonText `json:"raw_html"`
	RawHTML2    jsonText `json:"rawHtml"`
	RawContent  jsonText `json:"raw_content"`
	RawContent2 jsonText `json:"rawContent"`
}

// jsonText is a JSON string decoded to bytes. null leaves it empty; a value
// of another type is an *json.UnmarshalTypeError, as for a string.
type jsonText []byte

func (t *jsonText) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	b, ok := unquote(data)
	if !ok {
		return &json.UnmarshalTypeError{Value: "non-string", Type: reflect.TypeFor[string]()}
	}
	*t = b
	return nil
}

// unquote decodes a JSON string literal (quotes included) the way
// encoding/json does, invalid UTF-8 and lone surrogates becoming U+FFFD,
// into a new slice. ok is false when data is not a string literal.
func unquote(data []byte) (b []byte, ok bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return nil, false
	}
	s := data[1 : len(data)-1]
	plain := true
	for _, c := range s {
		if c == '\\' || c == '"' || c < ' ' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return bytes.Clone(s), true
	}
	if !bytes.ContainsAny(s, "\\\"") && utf8.Valid(s) {
		return bytes.Clone(s), !bytes.ContainsFunc(s, func(r rune) bool { return r < ' ' })
	}
	out := make([]byte, 0, len(s)+utf8.UTFMax)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return nil, false
			}
			switch s[i+1] {
			case '"', '\\', '/', '\'':
				out = append(out, s[i+1])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i+2:])
				if r < 0 {
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2 = hex4(s[i+2:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return nil, false
			}
			i += 2
		case c == '"' || c < ' ':
			return nil, false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r) // RuneError for invalid UTF-8
			i += size
		}
	}
	return out, true
}

// hex4 reads four hex digits, or returns -1.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// JSON strings are Unicode: whatever charset an HTML page in a JSON record
// declares, its bytes are now UTF-8. The content type says so, and beats a
// <meta charset> in the page.
const (
	jsonHTMLType = "text/html; charset=utf-8"
	jsonTextType = "text/plain; charset=utf-8"
)

// decodeJSONRecord decodes one JSON object into a Record (without Origin).
// badDate is the published value, quoted, when it is present but not
// understood.
func decodeJSONRecord(data []byte) (rec *Record, badDate string, err error) {
	var f jsonFields
	if err := json.Unmarshal(data, &f); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return nil, "", errorf(article.ErrInvalid, "invalid JSON: %v", err)
		}
		// A field of the wrong type is left empty; the rest is decoded.
	}
	rec = &Record{
		URL:      strings.TrimSpace(first(f.URL, f.Link, f.CanonicalURL, f.CanonicalURL2)),
		Title:    strings.TrimSpace(first(f.Title, f.Headline)),
		Language: strings.TrimSpace(first(f.Language, f.Lang)),
		Outlet:   firstName(f.Outlet, f.Source, f.Site, f.SiteName, f.SiteName2, f.Publisher),
		Byline:   joinNames(f.Byline, f.Author, f.Authors),
	}
	for _, raw := range []json.RawMessage{f.Published, f.Date, f.PublishedAt, f.PublishedAt2, f.PublishDate, f.PublishDate2, f.DatePublished, f.DatePublish, f.Pubdate} {
		if isNull(raw) {
			continue
		}
		t, ok := parseJSONDate(raw)
		if ok {
			rec.Published = t
		} else {
			badDate = truncate(string(raw), 60)
		}
		break
	}
	text := firstText(f.Text, f.Content, f.Body, f.Maintext)
	html := firstText(f.HTML, f.RawHTML, f.RawHTML2, f.RawContent, f.RawContent2)
	switch {
	case text != nil:
		// Text already extracted from the page wins over the page: it is
		// what the producer of the data judged the article to be.
		rec.Format, rec.Body, rec.ContentType = article.FormatJSON, text, jsonTextType
	case html != nil:
		rec.Format, rec.Body = article.FormatJSON, html
		if hasMarkup(html) {
			rec.HTML, rec.ContentType = true, jsonHTMLType
		} else {
			// Some data sets (CCNet's raw_content) put plain text there.
			rec.ContentType = jsonTextType
		}
	default:
		return nil, "", errorf(article.ErrInvalid, "no text or html field")
	}
	return rec, badDate, nil
}

func first(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func firstText(ts ...jsonText) []byte {
	for _, t := range ts {
		if len(bytes.TrimSpace(t)) > 0 {
			return t
		}
	}
	return nil
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// firstName returns the first name found in the raw values: a string, an
// object with a "name", or an array of those.
func firstName(raws ...json.RawMessage) string {
	for _, raw := range raws {
		if names := jsonNames(raw, true); len(names) > 0 {
			return names[0]
		}
	}
	return ""
}

// joinNames returns the names in the first raw value that has any, joined
// with ", ".
func joinNames(raws ...json.RawMessage) string {
	for _, raw := range raws {
		if names := jsonNames(raw, true); len(names) > 0 {
			return strings.Join(names, ", ")
		}
	}
	return ""
}

// jsonNames returns the non-empty names in raw: a string, an object with a
// "name" field, or (when top) an array of those.
func jsonNames(raw json.RawMessage, top bool) []string {
	if isNull(raw) {
		return nil
	}
	var name string
	switch raw[0] {
	case '"':
		json.Unmarshal(raw, &name)
	case '{':
		var o struct {
			Name string `json:"name"`
		}
		json.Unmarshal(raw, &o)
		name = o.Name
	case '[':
		if !top {
			return nil
		}
		var elems []json.RawMessage
		json.Unmarshal(raw, &elems)
		var names []string
		for _, e := range elems {
			names = append(names, jsonNames(e, false)...)
		}
		return names
	}
	if name = strings.TrimSpace(name); name == "" {
		return nil
	}
	return []string{name}
}

// dateLayouts are the date forms accepted in JSON records. Times without a
// zone are taken as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"2006/01/02",
	"2006/01/02 15:04:05",
}

// zoneOffsets are the zone abbreviations common in news dates with no
// other meaning, in hours east of UTC. Go gives an abbreviation it does not
// know as the local zone a zero offset, so the result would depend on the
// machine; these make it the same everywhere. Ambiguous ones (IST: India,
// Ireland or Israel) are left out: a date using them is not understood.
var zoneOffsets = map[string]float64{
	"UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "NST": -3.5,
	"BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"PKT": 5, "WIB": 7, "ICT": 7, "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9,
	"ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

// fixZone gives a time parsed with a zone-abbreviation layout the offset of
// that abbreviation, or rejects it when the abbreviation is not known.
func fixZone(t time.Time, layout string) (time.Time, bool) {
	if !strings.Contains(layout, "MST") {
		return t, true
	}
	name, _ := t.Zone()
	h, ok := zoneOffsets[name]
	if !ok {
		return time.Time{}, false
	}
	loc := time.FixedZone(name, int(h*3600))
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc), true
}

// parseJSONDate reads a publication date: a string in one of dateLayouts, or
// unix time as a number or a string of digits (seconds; milliseconds when
// too large to be seconds).
func parseJSONDate(raw json.RawMessage) (time.Time, bool) {
	s := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, false
		}
		s = strings.TrimSpace(s)
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return fixZone(t, layout)
			}
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return time.Time{}, false
	}
	switch a := math.Abs(v); {
	case a < 1e11: // seconds: up to the year 5138
	case a < 1e14: // milliseconds
		v /= 1e3
	default:
		return time.Time{}, false
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}

// hasMarkup reports whether s contains something like an HTML tag.
func hasMarkup(s []byte) bool {
	for {
		i := bytes.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		c := s[i+1]
		if c == '/' || c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			return true
		}
		s = s[i+1:]
	}
}

// truncate shortens s to at most n bytes for a message, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s...", s[:n])
}
