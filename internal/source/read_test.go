package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/article"
)

const (
	page     = "<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Hello.</p></body></html>\n"
	textBody = "WASHINGTON (AP) — The Senate voted on Tuesday.\n\nMore text.\n"
)

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		paths []string
		stdin string
		opts  Options
		want  []rec
		errs  []string
	}{
		{
			name:  "text file",
			files: map[string][]byte{"a.txt": []byte(textBody)},
			paths: []string{"a.txt"},
			want:  []rec{{Origin: "a.txt", Format: "text", Body: textBody}},
		},
		{
			name:  "txt extension wins over content",
			files: map[string][]byte{"a.TXT": []byte(page)},
			paths: []string{"a.TXT"},
			want:  []rec{{Origin: "a.TXT", Format: "text", Body: page}},
		},
		{
			name:  "no extension is sniffed: text",
			files: map[string][]byte{"story": []byte("[Reuters] LONDON - Prices rose.\n")},
			paths: []string{"story"},
			want:  []rec{{Origin: "story", Format: "text", Body: "[Reuters] LONDON - Prices rose.\n"}},
		},
		{
			name:  "html by extension",
			files: map[string][]byte{"p.HTM": []byte("<p>x</p>")},
			paths: []string{"p.HTM"},
			want:  []rec{{Origin: "p.HTM", Format: "html", HTML: true, Body: "<p>x</p>"}},
		},
		{
			name:  "html sniffed, other extension",
			files: map[string][]byte{"p.page": []byte("\xef\xbb\xbf  \n" + page)},
			paths: []string{"p.page"},
			want:  []rec{{Origin: "p.page", Format: "html", HTML: true, Body: "\xef\xbb\xbf  \n" + page}},
		},
		{
			name: "jsonl with aliases",
			files: map[string][]byte{"a.jsonl": []byte(`{"URL":"https://ex.com/1","headline":"One","date":"2024-03-01","source":{"name":"Example News"},"authors":["Ann A","Bob B"],"lang":"en","content":"Body one."}

{"link":"https://ex.com/2","title":"Two","published_at":"Fri, 01 Mar 2024 10:00:00 GMT","site_name":"Ex","byline":"By Cy","maintext":"Body two."}
{"canonical_url":"https://ex.com/3","datePublished":1709287200,"publisher":"Pub","author":{"name":"Dee"},"raw_html":"<html><body><p>Three</p></body></html>"}
{"url":"https://ex.com/4","pubdate":"2024-03-01 10:00:00","html":"<p>h</p>","text":"  text wins  "}
`)},
			paths: []string{"a.jsonl"},
			want: []rec{
				{Origin: "a.jsonl#L1", Format: "json", Body: "Body one.", ContentType: jsonTextType, URL: "https://ex.com/1", Title: "One", Outlet: "Example News", Byline: "Ann A, Bob B", Language: "en", Published: "2024-03-01T00:00:00Z"},
				{Origin: "a.jsonl#L3", Format: "json", Body: "Body two.", ContentType: jsonTextType, URL: "https://ex.com/2", Title: "Two", Outlet: "Ex", Byline: "By Cy", Published: "2024-03-01T10:00:00Z"},
				{Origin: "a.jsonl#L4", Format: "json", HTML: true, Body: "<html><body><p>Three</p></body></html>", ContentType: jsonHTMLType, URL: "https://ex.com/3", Outlet: "Pub", Byline: "Dee", Published: "2024-03-01T10:00:00Z"},
				{Origin: "a.jsonl#L5", Format: "json", Body: "  text wins  ", ContentType: jsonTextType, URL: "https://ex.com/4", Published: "2024-03-01T10:00:00Z"},
			},
		},
		{
			name: "jsonl bad lines are reported and skipped",
			files: map[string][]byte{"b.ndjson": []byte(`{"text":"ok 1"}
not json at all
{"title":"no body"}
{"text": "unterminated
{"text":"ok 5"}
[{"text":"array on a jsonl line"}]
{"text":"split",
"title":"over lines"}
{"text":"ok 9"} {"text":"second on line 9"}
{"text":"bad" "json"}
{"text":42}
{"text":"ok 12"}`)},
			paths: []string{"b.ndjson"},
			want: []rec{
				{Origin: "b.ndjson#L1", Format: "json", Body: "ok 1", ContentType: jsonTextType},
				{Origin: "b.ndjson#L5", Format: "json", Body: "ok 5", ContentType: jsonTextType},
				{Origin: "b.ndjson#L9", Format: "json", Body: "ok 9", ContentType: jsonTextType},
				{Origin: "b.ndjson#L12", Format: "json", Body: "ok 12", ContentType: jsonTextType},
			},
			errs: []string{
				"b.ndjson: line 2: not a JSON object",
				"b.ndjson: line 3: no text or html field",
				"b.ndjson: line 4: unterminated string",
				"b.ndjson: line 6: not a JSON object",
				"b.ndjson: line 7: incomplete JSON object (a JSONL record must fit on one line)",
				"b.ndjson: line 8: not a JSON object",
				"b.ndjson: line 9: unexpected data after the JSON value; put one value per line",
				"b.ndjson: line 10: invalid JSON: invalid character '\"' after object key:value pair",
				"b.ndjson: line 11: no text or html field",
			},
		},
		{
			name:  "json array",
			files: map[string][]byte{"a.json": []byte("[\n  {\"text\": \"one\"},\n  \"not an object\",\n  {\"title\": \"none\"},\n  {\n    \"html\": \"<p>four</p>\"\n  },\n]\n")},
			paths: []string{"a.json"},
			want: []rec{
				{Origin: "a.json#r1", Format: "json", Body: "one", ContentType: jsonTextType},
				{Origin: "a.json#r4", Format: "json", HTML: true, Body: "<p>four</p>", ContentType: jsonHTMLType},
			},
			errs: []string{"a.json: record 2: not a JSON object", "a.json: record 3: no text or html field"},
		},
		{
			name:  "json one pretty object",
			files: map[string][]byte{"a.json": []byte("{\n  \"title\": \"T\",\n  \"text\": \"Body.\"\n}\n")},
			paths: []string{"a.json"},
			want:  []rec{{Origin: "a.json#L1", Format: "json", Body: "Body.", ContentType: jsonTextType, Title: "T"}},
		},
		{
			name:  "json file holding jsonl",
			files: map[string][]byte{"a.json": []byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n")},
			paths: []string{"a.json"},
			want: []rec{
				{Origin: "a.json#L1", Format: "json", Body: "a", ContentType: jsonTextType},
				{Origin: "a.json#L2", Format: "json", Body: "b", ContentType: jsonTextType},
			},
		},
		{
			name:  "json truncated array",
			files: map[string][]byte{"a.json": []byte(`[{"text":"a"},{"text":"b`)},
			paths: []string{"a.json"},
			want:  []rec{{Origin: "a.json#r1", Format: "json", Body: "a", ContentType: jsonTextType}},
			errs:  []string{"a.json: record 2: truncated: the input ends inside a JSON value: unexpected EOF"},
		},
		{
			name:  "json empty array",
			files: map[string][]byte{"a.json": []byte("[ ]")},
			paths: []string{"a.json"},
			errs:  []string{"a.json: no records"},
		},
		{
			name:  "html field holding plain text",
			files: map[string][]byte{"a.jsonl": []byte(`{"raw_content":"Just words, 3 < 4."}` + "\n")},
			paths: []string{"a.jsonl"},
			want:  []rec{{Origin: "a.jsonl#L1", Format: "json", Body: "Just words, 3 < 4.", ContentType: jsonTextType}},
		},
		{
			name:  "date not understood is noted once",
			files: map[string][]byte{"a.jsonl": []byte(`{"date":"last Tuesday","text":"a"}` + "\n" + `{"date":"yesterday","text":"b"}` + "\n")},
			paths: []string{"a.jsonl"},
			want: []rec{
				{Origin: "a.jsonl#L1", Format: "json", Body: "a", ContentType: jsonTextType},
				{Origin: "a.jsonl#L2", Format: "json", Body: "b", ContentType: jsonTextType},
			},
			errs: []string{`a.jsonl: line 1: date "last Tuesday" not understood, left empty (not reported again for this input)`},
		},
		{
			name:  "long jsonl line",
			files: map[string][]byte{"a.jsonl": []byte(`{"text":"` + strings.Repeat("x", 300<<10) + `"}` + "\n" + `{"text":"y"}`)},
			paths: []string{"a.jsonl"},
			want: []rec{
				{Origin: "a.jsonl#L1", Format: "json", Body: strings.Repeat("x", 300<<10), ContentType: jsonTextType},
				{Origin: "a.jsonl#L2", Format: "json", Body: "y", ContentType: jsonTextType},
			},
		},
		{
			name:  "record over MaxRecordSize",
			files: map[string][]byte{"a.jsonl": []byte(`{"text":"` + strings.Repeat("x", 2000) + `"}` + "\n" + `{"text":"y"}`), "b.txt": bytes.Repeat([]byte("z"), 1025)},
			paths: []string{"a.jsonl", "b.txt"},
			opts:  Options{MaxRecordSize: 1024},
			want:  []rec{{Origin: "a.jsonl#L2", Format: "json", Body: "y", ContentType: jsonTextType}},
			errs: []string{
				"a.jsonl: line 1: record is over the 1.0 KiB limit; raise it with --max-record-size",
				"b.txt: record is 1.0 KiB, over the 1.0 KiB limit; raise it with --max-record-size",
			},
		},
		{
			name: "gzip of each format",
			files: map[string][]byte{
				"a.jsonl.gz": gz([]byte(`{"text":"a"}` + "\n" + `{"text":"b"}` + "\n")),
				"b.HTML.GZ":  gz([]byte("<p>b</p>")),
				"c.gz":       gz([]byte(page)),
				"d.txt.gz":   gz([]byte(textBody)),
				"e.html":     gz([]byte(page)), // gzip by its magic, not its name
			},
			paths: []string{"a.jsonl.gz", "b.HTML.GZ", "c.gz", "d.txt.gz", "e.html"},
			want: []rec{
				{Origin: "a.jsonl.gz#L1", Format: "json", Body: "a", ContentType: jsonTextType},
				{Origin: "a.jsonl.gz#L2", Format: "json", Body: "b", ContentType: jsonTextType},
				{Origin: "b.HTML.GZ", Format: "html", HTML: true, Body: "<p>b</p>"},
				{Origin: "c.gz", Format: "html", HTML: true, Body: page},
				{Origin: "d.txt.gz", Format: "text", Body: textBody},
				{Origin: "e.html", Format: "html", HTML: true, Body: page},
			},
		},
		{
			name: "gzip decompressed over MaxRecordSize",
			files: map[string][]byte{
				"a.txt.gz": gz(bytes.Repeat([]byte("a"), 5000)),
			},
			paths: []string{"a.txt.gz"},
			opts:  Options{MaxRecordSize: 4096},
			errs:  []string{"a.txt.gz: record is over the 4.0 KiB limit; raise it with --max-record-size"},
		},
		{
			name: "truncated and corrupt gzip",
			files: map[string][]byte{
				"b.txt.gz": gz([]byte(textBody))[:20],
				"c.gz":     {0x1f, 0x8b, 8, 0, 0, 0},
				"d.txt.gz": append(gz([]byte(textBody)), "junk after the member"...),
			},
			paths: []string{"b.txt.gz", "c.gz", "d.txt.gz"},
			errs: []string{
				"b.txt.gz: gzip member at byte 0: unexpected EOF in gzip stream: unexpected EOF",
				"c.gz: unexpected EOF in gzip stream: unexpected EOF",
				"d.txt.gz: 21 B of data that is not gzip at byte 85, after the last gzip member",
			},
		},
		{
			name:  "empty inputs",
			files: map[string][]byte{"e.txt": nil, "e.jsonl.gz": gz(nil), "ws.jsonl": []byte("\n \n")},
			paths: []string{"e.txt", "e.jsonl.gz", "ws.jsonl"},
			errs: []string{
				"e.txt: empty file",
				"e.jsonl.gz: empty file (after gzip decompression)",
				"ws.jsonl: no records",
			},
		},
		{
			name:  "missing file",
			paths: []string{"nope.txt"},
			errs:  []string{"nope.txt: no such file or directory"},
		},
		{
			name:  "stdin sniffed",
			paths: []string{"-"},
			stdin: `{"text":"from stdin"}` + "\n",
			want:  []rec{{Origin: "-#L1", Format: "json", Body: "from stdin", ContentType: jsonTextType}},
		},
		{
			name:  "stdin over MaxFileSize",
			paths: []string{"-"},
			stdin: strings.Repeat(`{"text":"x"}`+"\n", 100),
			opts:  Options{MaxFileSize: 130},
			want: []rec{
				{Origin: "-#L1", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L2", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L3", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L4", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L5", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L6", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L7", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L8", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L9", Format: "json", Body: "x", ContentType: jsonTextType},
				{Origin: "-#L10", Format: "json", Body: "x", ContentType: jsonTextType},
			},
			errs: []string{"-: line 11: input is over the 130 B limit; raise it with --max-file-size"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if tt.stdin != "" {
				opts.Stdin = strings.NewReader(tt.stdin)
			}
			got, errs, _ := readDir(t, tt.files, tt.paths, opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// A truncated .jsonl.gz delivers the records before the cut, then reports
// the cut.
func TestReadTruncatedGzip(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "{\"text\":\"%d %x\"}\n", i, sha256.Sum256([]byte{byte(i), byte(i >> 8)}))
	}
	data := gz([]byte(b.String()))
	got, msgs, errs := readDir(t, map[string][]byte{"a.jsonl.gz": data[:len(data)/2]}, []string{"a.jsonl.gz"}, Options{})
	if len(got) < 1000 || len(got) > 4000 {
		t.Errorf("got %d records, want about 2500", len(got))
	}
	for i, r := range got {
		if want := fmt.Sprintf("a.jsonl.gz#L%d", i+1); r.Origin != want {
			t.Fatalf("record %d is %s, want %s", i, r.Origin, want)
		}
	}
	want := fmt.Sprintf("a.jsonl.gz: line %d: gzip member at byte 0: unexpected EOF in gzip stream: unexpected EOF", len(got)+1)
	if len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("errors %q, want [%q]", msgs, want)
	}
	if !errors.Is(errs[0], article.ErrCorrupt) || !errors.Is(errs[0], io.ErrUnexpectedEOF) {
		t.Errorf("%v: not ErrCorrupt and io.ErrUnexpectedEOF", errs[0])
	}
}

func TestReadWalk(t *testing.T) {
	files := map[string][]byte{
		"b/2.txt":         []byte("two"),
		"b/1.txt":         []byte("one"),
		"a.html":          []byte("<p>a</p>"),
		"c/d/deep":        []byte("deep"),
		".hidden.txt":     []byte("hidden"),
		".git/config":     []byte("hidden dir"),
		"photo.png":       []byte("\x89PNG\r\n\x1a\nxxxx"),
		"photo-no-ext":    []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"prog":            []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00"),
		"parallax.db":     []byte("SQLite format 3\x00"),
		"data.tar.gz":     gz([]byte("tar")),
		"bin.gz":          gz([]byte("\x00\x01\x02\x03binary\x00")),
		"report.pdf":      []byte("%PDF-1.4\n"),
		"empty.txt":       nil,
		"e/ok.jsonl":      []byte(`{"text":"j"}` + "\n"),
		"e/story.json.gz": gz([]byte(`[{"text":"k"}]`)),
	}
	got, errs, _ := readDir(t, files, []string{""}, Options{})
	want := []rec{
		{Origin: "a.html", Format: "html", HTML: true, Body: "<p>a</p>"},
		{Origin: "b/1.txt", Format: "text", Body: "one"},
		{Origin: "b/2.txt", Format: "text", Body: "two"},
		{Origin: "c/d/deep", Format: "text", Body: "deep"},
		{Origin: "e/ok.jsonl#L1", Format: "json", Body: "j", ContentType: jsonTextType},
		{Origin: "e/story.json.gz#r1", Format: "json", Body: "k", ContentType: jsonTextType},
	}
	wantErrs := []string{
		"bin.gz: skipped: application/octet-stream content (in gzip), not an article",
		"data.tar.gz: skipped: archive file, not an article",
		"empty.txt: empty file",
		"parallax.db: skipped: database file, not an article",
		"photo-no-ext: skipped: image/png content, not an article",
		"photo.png: skipped: image file, not an article",
		"prog: skipped: application/octet-stream content, not an article",
		"report.pdf: skipped: document file, not an article",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// A file named on the command line is attempted even when a walk would
// skip it.
func TestReadExplicitFileNotSkipped(t *testing.T) {
	png := "\x89PNG\r\n\x1a\nxxxx"
	got, errs, _ := readDir(t, map[string][]byte{"x.png": []byte(png)}, []string{"x.png"}, Options{})
	want := []rec{{Origin: "x.png", Format: "text", Body: png}}
	if diff := cmp.Diff(want, got); diff != "" || len(errs) > 0 {
		t.Errorf("records (-want +got):\n%s\nerrors: %q", diff, errs)
	}
}

func TestReadSymlinks(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "a", "b", "x.txt"), []byte("x"), 0o644))
	must(os.Symlink("..", filepath.Join(dir, "a", "b", "up")))             // loop
	must(os.Symlink("b/x.txt", filepath.Join(dir, "a", "link.txt")))       // file link
	must(os.Symlink("nowhere", filepath.Join(dir, "a", "dangling")))       // broken
	must(os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "alias"))) // dir link, no loop
	must(os.Symlink("self", filepath.Join(dir, "a", "self")))              // link to itself
	must(os.Symlink("ping", filepath.Join(dir, "a", "pong")))              // cycle of links
	must(os.Symlink("pong", filepath.Join(dir, "a", "ping")))
	got, errs, errEs := readPaths(t, dir, []string{dir}, Options{})
	want := []rec{
		{Origin: "a/b/x.txt", Format: "text", Body: "x"},
		{Origin: "a/link.txt", Format: "text", Body: "x"},
		{Origin: "alias/b/x.txt", Format: "text", Body: "x"},
		{Origin: "alias/link.txt", Format: "text", Body: "x"},
	}
	wantErrs := []string{
		"a/b/up: skipped: symlink loop",
		"a/dangling: broken symlink: no such file or directory",
		"a/ping: skipped: symlink loop",
		"a/pong: skipped: symlink loop",
		"a/self: skipped: symlink loop",
		"alias/b/up: skipped: symlink loop",
		"alias/dangling: broken symlink: no such file or directory",
		"alias/ping: skipped: symlink loop",
		"alias/pong: skipped: symlink loop",
		"alias/self: skipped: symlink loop",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	// Every loop found walking is a note, never a failure.
	for _, e := range errEs {
		if strings.Contains(e.Error(), "loop") && !errors.Is(e, ErrSkipped) {
			t.Errorf("%v: a loop, but not ErrSkipped", e)
		}
	}
	// A loop named by the user is a failure, with the same words.
	_, errs, errEs = readPaths(t, dir, []string{filepath.Join(dir, "a", "self")}, Options{})
	if diff := cmp.Diff([]string{"a/self: symlink loop"}, errs); diff != "" || errors.Is(errEs[0], ErrSkipped) {
		t.Errorf("named loop (-want +got):\n%s", diff)
	}
}

// A file over MaxFileSize is reported from its size alone: the sparse file
// here would take 2 GiB to read.
func TestReadFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(p, 2<<30); err != nil {
		t.Skipf("cannot make a sparse file: %v", err)
	}
	got, msgs, errs := readPaths(t, dir, []string{p}, Options{})
	if len(got) != 0 {
		t.Errorf("got %d records", len(got))
	}
	want := []string{"big.jsonl: file is 2.0 GiB, over the 1.0 GiB limit; raise it with --max-file-size"}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}
	if !errors.Is(errs[0], article.ErrTooLarge) {
		t.Errorf("error %v is not ErrTooLarge", errs[0])
	}
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	files := map[string][]byte{"secret.txt": []byte("s"), "d/x.txt": []byte("x")}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	os.Chmod(filepath.Join(dir, "secret.txt"), 0)
	os.Chmod(filepath.Join(dir, "d"), 0)
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "d"), 0o755) })
	_, msgs, errs := readPaths(t, dir, []string{dir}, Options{})
	want := []string{"d: open: permission denied", "secret.txt: open: permission denied"}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}
	for _, e := range errs {
		if !errors.Is(e, fs.ErrPermission) {
			t.Errorf("%v is not fs.ErrPermission", e)
		}
	}
}

func TestReadErrorKinds(t *testing.T) {
	files := map[string][]byte{
		"empty.txt": nil,
		"bad.jsonl": []byte("nope\n"),
		"t.warc":    warcRec("response", "http://x/", responseType, []byte("HTTP/1.1 200 OK\r\n"))[:40],
		"big.txt":   []byte("0123456789"),
		"x.png":     []byte("\x89PNG\r\n\x1a\nxxxx"),
	}
	dir := t.TempDir()
	for name, data := range files {
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	_, _, errs := readPaths(t, dir, []string{dir}, Options{MaxRecordSize: 5})
	want := map[string]error{
		"bad.jsonl": article.ErrInvalid,
		"big.txt":   article.ErrTooLarge,
		"empty.txt": article.ErrInvalid,
		"t.warc":    article.ErrCorrupt,
		"x.png":     ErrSkipped,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(want), errs)
	}
	for _, e := range errs {
		kind := want[filepath.Base(e.Path)]
		if !errors.Is(e, kind) {
			t.Errorf("%v: not %v", e, kind)
		}
	}
}

func TestReadStops(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.jsonl")
	os.WriteFile(p, []byte(strings.Repeat(`{"text":"x"}`+"\n", 10)), 0o644)
	stop := errors.New("stop here")

	t.Run("fn error returned as is", func(t *testing.T) {
		n := 0
		err := Read(context.Background(), []string{p, p}, Options{}, func(*Record) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		}, nil)
		if err != stop || n != 3 {
			t.Errorf("Read = %v after %d records, want %v after 3", err, n, stop)
		}
	})
	t.Run("context cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Read(ctx, []string{p, p}, Options{}, func(*Record) error {
			if n++; n == 2 {
				cancel()
			}
			return nil
		}, nil)
		if !errors.Is(err, context.Canceled) || n != 2 {
			t.Errorf("Read = %v after %d records, want context.Canceled after 2", err, n)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		err := Read(context.Background(), []string{p}, Options{MaxRecordSize: -1}, func(*Record) error { return nil }, nil)
		if !errors.Is(err, article.ErrInvalid) {
			t.Errorf("Read = %v, want ErrInvalid", err)
		}
	})
	t.Run("no stdin", func(t *testing.T) {
		var got []string
		err := Read(context.Background(), []string{"-"}, Options{}, func(*Record) error { return nil }, func(e *Error) { got = append(got, e.Error()) })
		if err != nil || len(got) != 1 || got[0] != "-: no standard input to read" {
			t.Errorf("Read = %v, errors %q", err, got)
		}
	})
}

// A read error in the middle of a stream is reported with where it
// happened, after the records before it.
func TestReadIOError(t *testing.T) {
	data := `{"text":"a"}` + "\n" + `{"text":"b"}` + "\n"
	stdin := io.MultiReader(strings.NewReader(data), iotest.ErrReader(errors.New("disk on fire")))
	var recs int
	var msgs []string
	err := Read(context.Background(), []string{"-"}, Options{Stdin: stdin}, func(*Record) error { recs++; return nil },
		func(e *Error) { msgs = append(msgs, e.Error()) })
	if err != nil || recs != 2 {
		t.Fatalf("Read = %v with %d records", err, recs)
	}
	if diff := cmp.Diff([]string{"-: line 3: read: disk on fire"}, msgs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Path: "a.jsonl", Pos: "line 12", Err: errors.New("boom")}
	if got := e.Error(); got != "a.jsonl: line 12: boom" {
		t.Errorf("Error() = %q", got)
	}
	e.Pos = ""
	if got := e.Error(); got != "a.jsonl: boom" {
		t.Errorf("Error() = %q", got)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 128 << 20: "128.0 MiB", 2 << 30: "2.0 GiB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
}

// repeatReader yields line n times without holding the result in memory.
type repeatReader struct {
	line []byte
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 && r.n > 0 {
		k := copy(p, r.line[r.off:])
		p, total, r.off = p[k:], total+k, r.off+k
		if r.off == len(r.line) {
			r.off, r.n = 0, r.n-1
		}
	}
	if total == 0 && r.n == 0 {
		return 0, io.EOF
	}
	return total, nil
}

// A large JSONL stream is read one record at a time: the heap stays small
// while 64 MiB go through.
func TestReadStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB")
	}
	line := []byte(`{"url":"https://example.com/x","text":"` + strings.Repeat("word ", 800) + `"}` + "\n")
	n := (64 << 20) / len(line)
	var peak uint64
	var ms runtime.MemStats
	recs := 0
	err := Read(context.Background(), []string{"-"}, Options{Stdin: &repeatReader{line: line, n: n}},
		func(*Record) error {
			if recs++; recs%2000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return nil
		}, func(e *Error) { t.Error(e) })
	if err != nil || recs != n {
		t.Fatalf("Read = %v with %d records, want %d", err, recs, n)
	}
	if peak > 32<<20 {
		t.Errorf("heap in use reached %s reading a 64 MiB stream", size(int64(peak)))
	}
}

// A file's records name it by its cleaned absolute path, however the path
// was given, so that the same file read from another working directory is
// the same source; errors name it as given.
func TestReadOriginIsAbsolute(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"text":"j"}`+"\n"+`{}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(cwd string, paths ...string) (origins, errs []string) {
		t.Chdir(cwd)
		err := Read(context.Background(), paths, Options{}, func(r *Record) error {
			origins = append(origins, r.Origin)
			return nil
		}, func(e *Error) { errs = append(errs, e.Error()) })
		if err != nil {
			t.Fatal(err)
		}
		return origins, errs
	}
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.jsonl") + "#L1"}
	for _, c := range []struct {
		cwd   string
		paths []string
		errs  []string
	}{
		{dir, []string{"a.txt", "b.jsonl"}, []string{"b.jsonl: line 2: no text or html field"}},
		{sub, []string{"../a.txt", "./../b.jsonl"}, []string{"./../b.jsonl: line 2: no text or html field"}},
		{sub, []string{".."}, []string{"../b.jsonl: line 2: no text or html field"}},
		{"/", []string{dir + "/./sub/../"}, []string{filepath.Join(dir, "b.jsonl") + ": line 2: no text or html field"}},
	} {
		got, errs := read(c.cwd, c.paths...)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("from %s, %q: origins (-want +got):\n%s", c.cwd, c.paths, diff)
		}
		if diff := cmp.Diff(c.errs, errs); diff != "" {
			t.Errorf("from %s, %q: errors (-want +got):\n%s", c.cwd, c.paths, diff)
		}
	}
}
