package source

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/article"
)

const (
	pageA = "<html><head><title>A</title></head><body><p>Chunked page.</p></body></html>"
	pageB = "<html><body><p>Gzip page.</p></body></html>"
	pageC = "<!doctype html><p>No content type.</p>"
	pageD = "<html><body><p>Resource.</p></body></html>"
)

// testWARC returns the records of a small crawl: HTML responses with
// chunked, gzip and plain bodies, and records of the kinds parallax skips.
func testWARC() [][]byte {
	return [][]byte{
		warcRec("warcinfo", "", "application/warc-fields", []byte("software: test\r\n")),
		warcRec("request", "http://ex.com/a", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: ex.com\r\n\r\n")),
		warcRec("response", "http://ex.com/a", responseType,
			httpResp("200 OK", chunked([]byte(pageA), 10), "Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked")),
		warcRec("response", "<http://ex.com/b>", "application/http;msgtype=response",
			httpResp("200 OK", gz([]byte(pageB)), "Content-Type: text/html", "Content-Encoding: gzip")),
		warcRec("metadata", "http://ex.com/b", "application/warc-fields", []byte("outlinks: x\r\n")),
		warcRec("response", "http://ex.com/missing", responseType,
			httpResp("404 Not Found", []byte("<html>gone</html>"), "Content-Type: text/html")),
		warcRec("response", "http://ex.com/logo.png", responseType,
			httpResp("200 OK", []byte("\x89PNG\r\n\x1a\n"), "Content-Type: image/png")),
		warcRec("response", "http://ex.com/c", responseType, httpResp("200 OK", []byte(pageC))),
		warcRec("resource", "http://ex.com/d", "text/html; charset=iso-8859-1", []byte(pageD)),
		warcRec("revisit", "http://ex.com/a", responseType, []byte("HTTP/1.1 200 OK\r\n\r\n")),
	}
}

func testWARCWant(name string) []rec {
	return []rec{
		{Origin: name + "#r3", Format: "warc", HTML: true, Body: pageA, ContentType: "text/html; charset=utf-8", URL: "http://ex.com/a"},
		{Origin: name + "#r4", Format: "warc", HTML: true, Body: pageB, ContentType: "text/html", URL: "http://ex.com/b"},
		{Origin: name + "#r8", Format: "warc", HTML: true, Body: pageC, URL: "http://ex.com/c"},
		{Origin: name + "#r9", Format: "warc", HTML: true, Body: pageD, ContentType: "text/html; charset=iso-8859-1", URL: "http://ex.com/d"},
	}
}

func TestReadWARC(t *testing.T) {
	recs := testWARC()
	truncated := concat(recs...)
	truncated = truncated[:len(truncated)-60] // inside the revisit record
	tests := []struct {
		name  string
		files map[string][]byte
		opts  Options
		want  []rec
		errs  []string
	}{
		{
			name:  "a.warc",
			files: map[string][]byte{"a.warc": concat(recs...)},
			want:  testWARCWant("a.warc"),
		},
		{
			name:  "a.warc.gz",
			files: map[string][]byte{"a.warc.gz": gzMembers(recs...)},
			want:  testWARCWant("a.warc.gz"),
		},
		{
			name:  "sniffed",
			files: map[string][]byte{"crawl": concat(recs...)},
			want:  testWARCWant("crawl"),
		},
		{
			name:  "sniffed gzip",
			files: map[string][]byte{"crawl.gz": gzMembers(recs...)},
			want:  testWARCWant("crawl.gz"),
		},
		{
			name:  "truncated",
			files: map[string][]byte{"t.warc": truncated},
			want:  testWARCWant("t.warc"),
			errs:  []string{"t.warc: record 10: truncated"},
		},
		{
			name:  "truncated in the last gzip member",
			files: map[string][]byte{"t.warc.gz": func() []byte { b := gzMembers(recs...); return b[:len(b)-30] }()},
			want:  testWARCWant("t.warc.gz"),
			errs:  []string{"t.warc.gz: record 10: gzip member at byte 2083: unexpected EOF in gzip stream: unexpected EOF"},
		},
		{
			name:  "truncated inside the headers",
			files: map[string][]byte{"t.warc": concat(recs[2], []byte("WARC/1.0\r\nWARC-Type: resp"))},
			want:  []rec{{Origin: "t.warc#r1", Format: "warc", HTML: true, Body: pageA, ContentType: "text/html; charset=utf-8", URL: "http://ex.com/a"}},
			errs:  []string{"t.warc: record 2: truncated"},
		},
		{
			name:  "over MaxRecordSize",
			files: map[string][]byte{"a.warc": concat(recs...)},
			opts:  Options{MaxRecordSize: 41},
			want:  []rec{testWARCWant("a.warc")[2]},
			errs: []string{
				"a.warc: record 3: HTTP body is over the 41 B limit; raise it with --max-record-size",
				"a.warc: record 4: HTTP body is over the 41 B limit; raise it with --max-record-size",
				"a.warc: record 9: record is 42 B, over the 41 B limit; raise it with --max-record-size",
			},
		},
		{
			name: "junk between records is skipped",
			files: map[string][]byte{"j.warc": concat(recs[2], []byte("garbage line\r\nmore garbage\r\n"), recs[3],
				[]byte("WARC/1.0\r\nContent-Length: many\r\n\r\n"), recs[8])},
			want: []rec{
				{Origin: "j.warc#r1", Format: "warc", HTML: true, Body: pageA, ContentType: "text/html; charset=utf-8", URL: "http://ex.com/a"},
				{Origin: "j.warc#r2", Format: "warc", HTML: true, Body: pageB, ContentType: "text/html", URL: "http://ex.com/b"},
			},
			errs: []string{
				"j.warc: record 2: not a WARC record (no WARC/1.x line); skipped 28 B to the next one",
				"j.warc: record 3: no valid Content-Length header",
			},
		},
		{
			name:  "bad HTTP",
			files: map[string][]byte{"h.warc": concat(warcRec("response", "http://x/", responseType, []byte("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n<p>x</p>")), recs[2])},
			want:  []rec{{Origin: "h.warc#r2", Format: "warc", HTML: true, Body: pageA, ContentType: "text/html; charset=utf-8", URL: "http://ex.com/a"}},
			errs:  []string{`h.warc: record 1: bad HTTP response: malformed MIME header: missing colon: "no colon here"`},
		},
		{
			name: "HTTP/2 status line",
			files: map[string][]byte{"h2.warc": warcRec("response", "https://ex.com/h2", responseType,
				[]byte("HTTP/2 200\r\ncontent-type: text/html\r\n\r\n<p>h2</p>"))},
			want: []rec{{Origin: "h2.warc#r1", Format: "warc", HTML: true, Body: "<p>h2</p>", ContentType: "text/html", URL: "https://ex.com/h2"}},
		},
		{
			name:  "no HTML",
			files: map[string][]byte{"n.warc": concat(recs[0], recs[1], recs[6])},
			errs:  []string{"n.warc: no HTML responses among 3 WARC records"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			for name := range tt.files {
				paths = append(paths, name)
			}
			got, errs, _ := readDir(t, tt.files, paths, tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeHTTPBody(t *testing.T) {
	html := []byte("<html><body>héllo</body></html>")
	var zl, fl bytes.Buffer
	zw := zlib.NewWriter(&zl)
	zw.Write(html)
	zw.Close()
	fw, _ := flate.NewWriter(&fl, flate.BestSpeed)
	fw.Write(html)
	fw.Close()
	gzipped := gz(html)
	tests := []struct {
		name      string
		raw       []byte
		chunked   bool
		encodings []string
		want      string
		err       string
	}{
		{name: "plain", raw: html, want: string(html)},
		{name: "chunked", raw: chunked(html, 7), chunked: true, want: string(html)},
		{name: "chunked header but stored decoded", raw: html, chunked: true, want: string(html)},
		{name: "chunked cut short", raw: chunked(html, 7)[:20], chunked: true, want: string(html[:12])},
		{name: "gzip", raw: gzipped, encodings: []string{"gzip"}, want: string(html)},
		{name: "x-gzip, chunked", raw: chunked(gzipped, 5), chunked: true, encodings: []string{"X-Gzip"}, want: string(html)},
		{name: "gzip header but stored decoded", raw: html, encodings: []string{"gzip"}, want: string(html)},
		{name: "gzip cut short keeps what it has", raw: gz(bytes.Repeat(html, 100))[:60], encodings: []string{"gzip"}, want: string(bytes.Repeat(html, 100))[:0]},
		{name: "deflate zlib", raw: zl.Bytes(), encodings: []string{"deflate"}, want: string(html)},
		{name: "deflate raw", raw: fl.Bytes(), encodings: []string{"deflate"}, want: string(html)},
		{name: "gzip twice", raw: gz(gzipped), encodings: []string{"gzip, gzip"}, want: string(html)},
		{name: "identity", raw: html, encodings: []string{"identity"}, want: string(html)},
		{name: "brotli", raw: []byte{0x1b, 0x02, 0x00}, encodings: []string{"br"}, err: `unsupported Content-Encoding "br"`},
		{name: "brotli stored decoded", raw: html, encodings: []string{"br"}, want: string(html)},
		{name: "bad gzip", raw: []byte("\x00\x01 is not a gzip header"), encodings: []string{"gzip"}, err: "bad gzip body: gzip: invalid header"},
		{name: "gzip bomb", raw: gz(make([]byte, 1<<20)), encodings: []string{"gzip"}, err: "decoded HTTP body is over the 64.0 KiB limit; raise it with --max-record-size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := new(warcBuffers).decodeHTTPBody(tt.raw, tt.chunked, tt.encodings, 64<<10)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "gzip cut short keeps what it has" {
				if !strings.HasPrefix(string(bytes.Repeat(html, 100)), string(got)) {
					t.Errorf("got %q, not a prefix of the page", got)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A damaged gzip member costs only its own record: reading goes on at the
// next member, and the damage is reported with its offset in the file.
// NUL padding after the last member is not a problem.
func TestReadWARCGzipDamagedMember(t *testing.T) {
	recs := testWARC()
	members := make([][]byte, len(recs))
	offsets := make([]int, len(recs)+1)
	for i, r := range recs {
		members[i] = gz(r)
		offsets[i+1] = offsets[i] + len(members[i])
	}
	// damage returns the members joined, with member i changed by f.
	damage := func(i int, f func(m []byte)) []byte {
		ms := make([][]byte, len(members))
		for j, m := range members {
			ms[j] = bytes.Clone(m)
		}
		f(ms[i])
		return concat(ms...)
	}
	all := testWARCWant("w.warc.gz")
	tests := []struct {
		name string
		data []byte
		want []rec
		errs []string
	}{
		{
			name: "corrupt deflate data in a middle member",
			// A final block of the reserved type 3.
			data: damage(3, func(m []byte) { m[10] = 0x07 }),
			want: []rec{all[0], all[2], all[3]},
			errs: []string{fmt.Sprintf("w.warc.gz: record 4: gzip member at byte %d: corrupt gzip data: flate: corrupt input before offset %d; skipped to the next member at byte %d",
				offsets[3], 1, offsets[4])},
		},
		{
			name: "checksum mismatch in a middle member",
			data: damage(3, func(m []byte) { m[len(m)-8] ^= 0xff }),
			want: all,
			errs: []string{fmt.Sprintf("w.warc.gz: record 4: gzip member at byte %d: gzip checksum mismatch: gzip: invalid checksum; skipped to the next member at byte %d",
				offsets[3], offsets[4])},
		},
		{
			name: "damaged member header",
			data: damage(4, func(m []byte) { m[0] = 0 }),
			want: all,
			errs: []string{fmt.Sprintf("w.warc.gz: record 5: %d B of data that is not gzip at byte %d; skipped to the next member at byte %d",
				len(members[4]), offsets[4], offsets[5])},
		},
		{
			name: "NUL padding after the last member",
			data: concat(concat(members...), make([]byte, 4096)),
			want: all,
		},
		{
			name: "junk after the last member",
			data: concat(concat(members...), []byte("junk")),
			want: all,
			errs: []string{fmt.Sprintf("w.warc.gz: record 11: 4 B of data that is not gzip at byte %d, after the last gzip member", offsets[len(recs)])},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msgs, errs := readDir(t, map[string][]byte{"w.warc.gz": tt.data}, []string{"w.warc.gz"}, Options{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, msgs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			for _, e := range errs {
				if !errors.Is(e, article.ErrCorrupt) {
					t.Errorf("%v: not ErrCorrupt", e)
				}
			}
		})
	}
}
