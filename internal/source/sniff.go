package source

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// format is how an input's bytes are laid out.
type format int

const (
	formatUnknown format = iota // not decided by the name: sniff the content
	formatText                  // plain text, one article
	formatHTML                  // one HTML page
	formatJSONL                 // one JSON object per line, strictly
	formatJSON                  // a JSON array of objects, one object, or a stream of objects
	formatWARC                  // WARC 1.0/1.1 records
)

// sniffLen is how many leading bytes content sniffing looks at; the same as
// net/http.DetectContentType.
const sniffLen = 512

var gzipMagic = []byte{0x1f, 0x8b}

func isGzip(head []byte) bool { return bytes.HasPrefix(head, gzipMagic) }

// formatFromName returns the format an input's name declares, and whether
// the name says the content is gzipped (x.jsonl.gz). formatUnknown means the
// content decides.
func formatFromName(name string) (f format, gz bool) {
	base := strings.ToLower(filepath.Base(name))
	if inner, ok := trimGzipExt(base); ok {
		f, _ = formatFromName(inner)
		return f, true
	}
	switch filepath.Ext(base) {
	case ".txt", ".text":
		return formatText, false
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML, false
	case ".jsonl", ".ndjson", ".jsonlines":
		return formatJSONL, false
	case ".json":
		return formatJSON, false
	case ".warc":
		return formatWARC, false
	}
	return formatUnknown, false
}

// trimGzipExt removes a trailing ".gz" or ".gzip" from a lower-case name.
func trimGzipExt(name string) (string, bool) {
	for _, ext := range []string{".gz", ".gzip"} {
		if strings.HasSuffix(name, ext) {
			return strings.TrimSuffix(name, ext), true
		}
	}
	return name, false
}

// sniff decides the format of content from its first bytes. It never
// returns formatUnknown or formatJSONL: content that looks like JSON is read
// as formatJSON, which also accepts JSONL.
func sniff(head []byte) format {
	if bytes.HasPrefix(head, []byte("WARC/1.")) {
		return formatWARC
	}
	rest := trimSpaceBOM(head)
	if len(rest) == 0 {
		return formatText
	}
	switch rest[0] {
	case '<':
		if looksHTML(rest) {
			return formatHTML
		}
	case '{':
		// "{" then a key or "}": a JSON object, not prose in braces.
		if next := trimSpaceBOM(rest[1:]); len(next) == 0 || next[0] == '"' || next[0] == '}' {
			return formatJSON
		}
	case '[':
		// "[" then an object or "]": a JSON array of records, not "[Reuters]".
		if next := trimSpaceBOM(rest[1:]); len(next) == 0 || next[0] == '{' || next[0] == ']' {
			return formatJSON
		}
	}
	return formatText
}

// htmlMarkers are the tags that mark an HTML document near its start.
var htmlMarkers = [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body")}

// looksHTML reports whether head, which starts with '<', is an HTML document:
// one of the document tags appears in it, or net/http's sniffer calls it
// HTML (a fragment starting with <p>, <div>, <!-- ...).
func looksHTML(head []byte) bool {
	lower := bytes.ToLower(head)
	for _, m := range htmlMarkers {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	return strings.HasPrefix(http.DetectContentType(head), "text/html")
}

// trimSpaceBOM removes leading ASCII white space and UTF-8 byte order marks.
func trimSpaceBOM(b []byte) []byte {
	for {
		switch {
		case len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r' || b[0] == '\f'):
			b = b[1:]
		case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
			b = b[3:]
		default:
			return b
		}
	}
}

// articleFormat maps a readable format to the article's Format and whether the
// payload is HTML.
func (f format) article() (article.Format, bool) {
	switch f {
	case formatHTML:
		return article.FormatHTML, true
	case formatJSON, formatJSONL:
		return article.FormatJSON, false
	case formatWARC:
		return article.FormatWARC, true
	}
	return article.FormatText, false
}

// skippedExt lists extensions of files that are evidently not articles. A
// directory walk skips them without opening them (with a note); a file named
// on the command line is attempted anyway.
var skippedExt = map[string]string{}

func init() {
	for kind, exts := range map[string]string{
		"image":        ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .svg .avif .heic .psd",
		"audio/video":  ".mp3 .mp4 .m4a .m4v .avi .mov .mkv .wav .ogg .oga .ogv .webm .flac .aac .wmv .flv",
		"archive":      ".zip .tar .tgz .tbz2 .txz .bz2 .xz .zst .zstd .7z .rar .lz .lz4 .lzma .br .z .cab .iso .dmg .jar .war .apk .deb .rpm",
		"document":     ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .epub .mobi .rtf .ps",
		"executable":   ".exe .dll .so .dylib .o .a .bin .class .wasm .pyc .pyo .elf .out .msi",
		"database":     ".db .sqlite .sqlite3 .db-wal .db-shm .db-journal .sqlite-wal .sqlite-shm .parquet .arrow .feather .avro .orc .mdb .lmdb .ldb .sst",
		"font":         ".woff .woff2 .ttf .otf .eot",
		"web asset":    ".css .js .mjs .map",
		"index":        ".cdx .cdxj .idx",
		"feed or XML":  ".xml .rss .atom .xsd .xsl",
		"data":         ".csv .tsv .npy .npz .pkl .pickle .h5 .hdf5 .pt .onnx .safetensors .gguf",
		"checksum/sig": ".md5 .sha1 .sha256 .sig .asc .pem .key .crt",
		"code/config":  ".go .mod .sum .py .c .h .cc .cpp .hpp .java .rs .rb .php .sh .bash .bat .ps1 .pl .kt .swift .ts .tsx .jsx .yaml .yml .toml .ini .cfg .conf .lock .log",
	} {
		for _, ext := range strings.Fields(exts) {
			skippedExt[ext] = kind
		}
	}
}

// skipByName returns why a file found in a directory walk is not an
// article, judged by its name alone, or "" to read it. For a gzip name it
// judges the inner name: x.tar.gz is an archive.
func skipByName(name string) string {
	base := strings.ToLower(filepath.Base(name))
	if inner, ok := trimGzipExt(base); ok {
		base = inner
	}
	return skippedExt[filepath.Ext(base)]
}

// skipByContent returns the detected media type of a file found in a
// directory walk when its first bytes show it is not text (an image, a
// PDF, an executable, a database...), or "" to read it. Gzip passes: the
// caller judges the decompressed content again.
func skipByContent(head []byte) string {
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") || ct == "application/x-gzip" || ct == "application/json" {
		return ""
	}
	return ct
}
