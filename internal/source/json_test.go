package source

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseJSONDate(t *testing.T) {
	const want = "2024-03-01T10:20:30Z"
	tests := []struct {
		in   string
		want string // "" when not understood
	}{
		{`"2024-03-01T10:20:30Z"`, want},
		{`"2024-03-01T11:20:30+01:00"`, want},
		{`"2024-03-01T10:20:30.000Z"`, want},
		{`"2024-03-01T11:20:30+0100"`, want},
		{`"2024-03-01T10:20:30"`, want},
		{`"2024-03-01 10:20:30"`, want},
		{`" 2024-03-01 10:20:30 "`, want},
		{`"2024-03-01"`, "2024-03-01T00:00:00Z"},
		{`"Fri, 01 Mar 2024 10:20:30 GMT"`, want},
		{`"Fri, 1 Mar 2024 11:20:30 +0100"`, want},
		{`1709288430`, want},
		{`1709288430.0`, want},
		{`1709288430000`, want}, // milliseconds
		{`"1709288430"`, want},
		{`"yesterday"`, ""},
		{`true`, ""},
		{`{"a":1}`, ""},
		{`1e300`, ""},
	}
	for _, tt := range tests {
		got, ok := parseJSONDate(json.RawMessage(tt.in))
		var s string
		if ok {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseJSONDate(%s) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestJSONNames(t *testing.T) {
	tests := []struct {
		in, first, joined string
	}{
		{`"Ann"`, "Ann", "Ann"},
		{`["Ann", " ", {"name": "Bob"}, 3, ["nested"]]`, "Ann", "Ann, Bob"},
		{`{"@type": "Organization", "NAME": "Ex News"}`, "Ex News", "Ex News"},
		{`[{"name": "Ex"}, {"name": "Other"}]`, "Ex", "Ex, Other"},
		{`null`, "", ""},
		{`42`, "", ""},
	}
	for _, tt := range tests {
		raw := json.RawMessage(tt.in)
		if got := firstName(raw); got != tt.first {
			t.Errorf("firstName(%s) = %q, want %q", tt.in, got, tt.first)
		}
		if got := joinNames(raw); got != tt.joined {
			t.Errorf("joinNames(%s) = %q, want %q", tt.in, got, tt.joined)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want format
	}{
		{"WARC/1.0\r\n", formatWARC},
		{"WARC/1.1\r\n", formatWARC},
		{"<!DOCTYPE html><p>", formatHTML},
		{"\xef\xbb\xbf\n <HTML lang=en>", formatHTML},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", formatHTML},
		{"<!-- saved page -->\n<head>", formatHTML},
		{"<p>A fragment.</p>", formatHTML},
		{"<Reuters> said", formatText},
		{`{"text": "x"}`, formatJSON},
		{"{\n  }", formatJSON},
		{"  [\n {\"a\":1}]", formatJSON},
		{"[]", formatJSON},
		{"[Reuters] LONDON", formatText},
		{"{Editor's note}", formatText},
		{"Plain words.", formatText},
		{"", formatText},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("sniff(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestFormatFromName(t *testing.T) {
	tests := []struct {
		name string
		f    format
		gz   bool
	}{
		{"a.txt", formatText, false},
		{"dir.v2/a", formatUnknown, false},
		{"A.JSONL", formatJSONL, false},
		{"a.ndjson.gz", formatJSONL, true},
		{"a.json", formatJSON, false},
		{"crawl.warc.gz", formatWARC, true},
		{"crawl.WARC", formatWARC, false},
		{"page.xhtml", formatHTML, false},
		{"x.gz", formatUnknown, true},
		{"x.gzip", formatUnknown, true},
		{"x.dat", formatUnknown, false},
	}
	for _, tt := range tests {
		if f, gz := formatFromName(tt.name); f != tt.f || gz != tt.gz {
			t.Errorf("formatFromName(%q) = %d, %v; want %d, %v", tt.name, f, gz, tt.f, tt.gz)
		}
	}
}

func TestParseJSONDateZones(t *testing.T) {
	for in, want := range map[string]string{
		`"Mon, 02 Jan 2006 15:04:05 EST"`:  "2006-01-02T20:04:05Z",
		`"Mon, 02 Jan 2006 15:04:05 CEST"`: "2006-01-02T13:04:05Z",
		`"Mon, 02 Jan 2006 15:04:05 GMT"`:  "2006-01-02T15:04:05Z",
		`"2006-01-02 15:04:05 JST"`:        "2006-01-02T06:04:05Z",
	} {
		got, ok := parseJSONDate(json.RawMessage(in))
		if !ok || got.UTC().Format(time.RFC3339) != want {
			t.Errorf("%s: %v %v, want %s", in, got.UTC(), ok, want)
		}
	}
	if _, ok := parseJSONDate(json.RawMessage(`"Mon, 02 Jan 2006 15:04:05 IST"`)); ok {
		t.Error("an ambiguous zone was accepted")
	}
}
