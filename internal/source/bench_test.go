package source

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// benchArticle is a news-sized body: about 5 KB of text in paragraphs.
func benchArticle(i int) string {
	var b strings.Builder
	for p := range 12 {
		fmt.Fprintf(&b, "Paragraph %d of article %d. The minister said on Tuesday that the talks, which began in March, \"made real progress\" on tariffs, according to two officials who asked not to be named. Analysts were less sure; one called the statement \u201cpremature\u201d. ", p, i)
		b.WriteString("\n\n")
	}
	return b.String()
}

func benchFile(b *testing.B, name string, data []byte) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

func benchRead(b *testing.B, path string, size int, wantRecords int) {
	b.Helper()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		err := Read(context.Background(), []string{path}, Options{}, func(*Record) error { n++; return nil },
			func(e *Error) { b.Fatal(e) })
		if err != nil || n != wantRecords {
			b.Fatalf("Read = %v with %d records, want %d", err, n, wantRecords)
		}
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	const n = 2000
	var sb strings.Builder
	for i := range n {
		line, _ := json.Marshal(map[string]any{
			"url": fmt.Sprintf("https://news.example.com/2024/03/01/story-%d", i), "title": fmt.Sprintf("Story %d", i),
			"published": "2024-03-01T10:20:30Z", "source": "Example News", "authors": []string{"Ann Author", "Bob Writer"},
			"text": benchArticle(i),
		})
		sb.Write(line)
		sb.WriteByte('\n')
	}
	data := []byte(sb.String())
	b.Run("jsonl", func(b *testing.B) { benchRead(b, benchFile(b, "a.jsonl", data), len(data), n) })
	b.Run("jsonl.gz", func(b *testing.B) { benchRead(b, benchFile(b, "a.jsonl.gz", gz(data)), len(data), n) })
}

func BenchmarkReadWARC(b *testing.B) {
	const n = 1000
	var recs [][]byte
	for i := range n {
		uri := fmt.Sprintf("https://news.example.com/2024/03/01/story-%d", i)
		html := []byte("<!doctype html><html><head><title>Story</title></head><body><article><p>" +
			strings.ReplaceAll(benchArticle(i), "\n\n", "</p>\n<p>") + "</p></article></body></html>")
		recs = append(recs, warcRec("request", uri, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\nHost: news.example.com\r\n\r\n")))
		var resp []byte
		if i%2 == 0 {
			resp = httpResp("200 OK", chunked(html, 4096), "Content-Type: text/html; charset=utf-8", "Transfer-Encoding: chunked")
		} else {
			resp = httpResp("200 OK", gz(html), "Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip")
		}
		recs = append(recs, warcRec("response", uri, responseType, resp))
	}
	data := concat(recs...)
	b.Run("warc", func(b *testing.B) { benchRead(b, benchFile(b, "a.warc", data), len(data), n) })
	b.Run("warc.gz", func(b *testing.B) { benchRead(b, benchFile(b, "a.warc.gz", gzMembers(recs...)), len(data), n) })
}

// BenchmarkReadJSONLargeRecord reads JSON records near the record size
// limit and reports the bytes allocated per record, as a multiple of the
// record's size ("x-record"): what one large record costs in memory.
func BenchmarkReadJSONLargeRecord(b *testing.B) {
	const n, recSize = 4, 4 << 20
	text := strings.Repeat(benchArticle(0), recSize/len(benchArticle(0)))
	var data []byte
	for i := range n {
		line, _ := json.Marshal(map[string]string{"url": fmt.Sprintf("https://ex.com/%d", i), "title": "T", "text": text})
		data = append(append(data, line...), '\n')
	}
	path := benchFile(b, "big.jsonl", data)
	opts := Options{MaxRecordSize: 5 << 20}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		got := 0
		err := Read(context.Background(), []string{path}, opts, func(r *Record) error {
			if len(r.Body) != len(text) {
				b.Fatalf("body of %d bytes, want %d", len(r.Body), len(text))
			}
			got++
			return nil
		}, func(e *Error) { b.Fatal(e) })
		if err != nil || got != n {
			b.Fatalf("Read = %v with %d records, want %d", err, got, n)
		}
	}
	runtime.ReadMemStats(&after)
	perRecord := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N*n)
	b.ReportMetric(perRecord, "B/record")
	b.ReportMetric(perRecord/float64(len(data)/n), "x-record")
}
