package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const fuzzMaxRecord = 1 << 10

// checkStream runs one format reader over data and checks what any input
// must give: no panic, records and errors bounded by the input, record
// bodies within MaxRecordSize, every record and error saying where it is
// from.
func checkStream(t *testing.T, data []byte, read func(*reader, *input, *bufio.Reader) error) {
	t.Helper()
	var recs, errs int
	r := &reader{
		ctx:  context.Background(),
		opts: *(&Options{MaxRecordSize: fuzzMaxRecord}).EnsureDefaults(),
		fn: func(rec *Record) error {
			recs++
			if int64(len(rec.Body)) > fuzzMaxRecord {
				t.Fatalf("record %s has %d bytes, over the limit", rec.Origin, len(rec.Body))
			}
			if !strings.HasPrefix(rec.Origin, "in#") {
				t.Fatalf("record origin %q", rec.Origin)
			}
			return nil
		},
		onErr: func(e *Error) {
			errs++
			if e.Err == nil || e.Error() == "" || e.Path != "in" {
				t.Fatalf("bad error %#v", e)
			}
		},
	}
	in := &input{path: "in", origin: "in", explicit: true}
	if err := read(r, in, bufio.NewReaderSize(bytes.NewReader(data), bufSize)); err != nil {
		t.Fatalf("read returned %v", err)
	}
	if recs > len(data) || errs > len(data)+1 {
		t.Fatalf("%d records and %d errors from %d bytes", recs, errs, len(data))
	}
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"text":"a"}` + "\n" + `{"html":"<p>b</p>","url":"u","date":1709288430}`,
		"[{\"text\":\"a\"},\n {\"title\":\"t\",\"content\":\"c\"}]",
		"{\n \"title\": \"x\",\n \"authors\": [\"a\", {\"name\": \"b\"}],\n \"text\": \"y\"\n}",
		`{"text":"unterminated` + "\n" + `{"text":"ok"}`,
		`[1, "two", {"text": 3}, {"text":"\u00e9\"\\"}, ]`,
		`{"a":[{"b":{"c":[]}}]}} {`,
		"\xef\xbb\xbf{\"text\":\"bom\"}",
		`{"text":"` + strings.Repeat("x", 2*fuzzMaxRecord) + `"}` + "\n" + `{"text":"y"}`,
		"[", "{", "]", "\"", `"\`, "\n\n", "",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lineMode bool) {
		checkStream(t, data, func(r *reader, in *input, br *bufio.Reader) error {
			return r.readJSON(in, br, lineMode)
		})
	})
}

func FuzzWARC(f *testing.F) {
	recs := testWARC()
	all := concat(recs...)
	f.Add(all)
	for _, cut := range []int{10, 100, 300, len(all) / 2, len(all) - 3} {
		f.Add(all[:cut])
	}
	for _, r := range recs {
		f.Add(r)
	}
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nxyz"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffff\r\n"))
	f.Add([]byte("junk\nWARC/1.1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStream(t, data, func(r *reader, in *input, br *bufio.Reader) error {
			return r.readWARC(in, br)
		})
	})
}

// FuzzSniff feeds whole inputs through Read as stdin: gzip detection,
// sniffing and whichever reader the content selects.
func FuzzSniff(f *testing.F) {
	for _, s := range [][]byte{
		[]byte(page), []byte(textBody), []byte(`{"text":"a"}`), []byte(`[{"html":"<p>x</p>"}]`),
		concat(testWARC()...), gz([]byte(`{"text":"a"}`)), gzMembers(testWARC()...), gz(gz([]byte("x"))),
		{0x1f, 0x8b}, []byte("WARC/1."), []byte("<"), []byte("\xef\xbb\xbf["), nil,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sniff(data)
		var recs, errs int
		err := Read(context.Background(), []string{"-"}, Options{MaxRecordSize: fuzzMaxRecord, MaxFileSize: 1 << 20, Stdin: bytes.NewReader(data)},
			func(rec *Record) error {
				recs++
				if int64(len(rec.Body)) > fuzzMaxRecord {
					t.Fatalf("record %s has %d bytes, over the limit", rec.Origin, len(rec.Body))
				}
				return nil
			},
			func(e *Error) { errs++ })
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		// A gzip stream can expand, but not past MaxFileSize records of
		// two bytes each.
		if recs > 1<<20 || errs > 1<<20+1 {
			t.Fatalf("%d records and %d errors", recs, errs)
		}
	})
}

// FuzzUnquote checks that unquote decodes JSON strings exactly as
// encoding/json does.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"plain"`, `"caf\u00e9 \"q\" \\ \/ \b\f\n\r\t"`, `"\ud83d\ude00 \ud83d x \ude00"`, "\"\xff\xfe ok \xe2\x80\"", `"\u0000"`, `"é—"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want string
		if err := json.Unmarshal(data, &want); err != nil {
			return // not a JSON string: json.Unmarshal rejects the record first
		}
		data = bytes.TrimSpace(data)
		got, ok := unquote(data)
		if !ok || string(got) != want {
			t.Fatalf("unquote(%q) = %q, %v; encoding/json gives %q", data, got, ok, want)
		}
	})
}
