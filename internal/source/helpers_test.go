package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rec is the part of a Record a test compares; Origin and error paths are
// relative to the test's directory.
type rec struct {
	Origin, Format string
	HTML           bool
	Body           string
	ContentType    string
	URL, Title     string
	Outlet, Byline string
	Language       string
	Published      string
}

func summarize(dir string, r *Record) rec {
	s := rec{
		Origin: strings.TrimPrefix(r.Origin, dir+string(filepath.Separator)), Format: string(r.Format),
		HTML: r.HTML, Body: string(r.Body), ContentType: r.ContentType, URL: r.URL, Title: r.Title,
		Outlet: r.Outlet, Byline: r.Byline, Language: r.Language,
	}
	if !r.Published.IsZero() {
		s.Published = r.Published.UTC().Format(time.RFC3339)
	}
	return s
}

// readDir writes files into a new temporary directory, reads paths (relative
// to it; "" for the directory itself) and returns the records and the error
// messages, with the directory removed from both.
func readDir(t *testing.T, files map[string][]byte, paths []string, opts Options) ([]rec, []string, []*Error) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var abs []string
	for _, p := range paths {
		switch p {
		case "-":
			abs = append(abs, p)
		case "":
			abs = append(abs, dir)
		default:
			abs = append(abs, filepath.Join(dir, p))
		}
	}
	return readPaths(t, dir, abs, opts)
}

func readPaths(t *testing.T, dir string, paths []string, opts Options) ([]rec, []string, []*Error) {
	t.Helper()
	var recs []rec
	var msgs []string
	var errs []*Error
	err := Read(context.Background(), paths, opts, func(r *Record) error {
		recs = append(recs, summarize(dir, r))
		return nil
	}, func(e *Error) {
		errs = append(errs, e)
		msgs = append(msgs, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return recs, msgs, errs
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// warcRec builds one WARC record.
func warcRec(typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: 2024-03-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n", len(block))
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResp builds an HTTP/1.1 response; headers are "Name: value" lines.
func httpResp(status string, body []byte, headers ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", status)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// chunked encodes body with HTTP chunked transfer coding in chunks of n.
func chunked(body []byte, n int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		k := min(n, len(body))
		fmt.Fprintf(&b, "%x\r\n%s\r\n", k, body[:k])
		body = body[k:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

const responseType = "application/http; msgtype=response"

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// gzMembers gzips each part separately and concatenates the members, as
// .warc.gz files are written.
func gzMembers(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, gz(p)...)
	}
	return out
}
