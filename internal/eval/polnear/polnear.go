// Package polnear reads PolNeAR (Political News Attribution Relations,
// Newell, Margolin and Ruths, LREC 2018), a corpus of attribution relations
// in US election news, and scores predicted attributions against it the
// way BBC citron's evaluation does: citron/metrics.py of
// github.com/bbc/citron (commit b140405, called by
// scripts/evaluate/citron_evaluate.py). Score documents the rules: exact
// cue match; exact source and content lists given overlapping cues; all
// three exact together; token overlap summed over every predicted and gold
// pair.
//
// The corpus is brat standoff: <split>/text/<article>.txt holds the raw
// article and <split>/attributions/<article>_<annotator>.ann its
// annotation. brat offsets count characters (code points) and are
// end-exclusive; the reader turns them into byte spans of the .txt text,
// read as is, without normalization.
package polnear

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// The splits of the corpus: train (months 1-10 of the campaign), dev
// (month 11) and test (month 12). Figures are reported on Test.
const (
	Train = "train"
	Dev   = "dev"
	Test  = "test"
)

// Kinds of attribution, derived from the gold content (see KindOf).
const (
	Direct   = "direct"
	Partial  = "partial"
	Reported = "reported"
)

// Doc is one article with one annotator's attributions.
type Doc struct {
	ID        string // the article's file name without ".txt"
	Publisher string // from metadata.tsv: "breitbart", "nyt", "wash-post", ...
	Text      string // the raw .txt text; every span is a byte range of it
	// Annotator is the id of the annotator whose Attributions these are:
	// when several annotated the article, the lowest id, so that scoring
	// is deterministic.
	Annotator    string
	Attributions []Attribution
	// Others holds the other annotators' attributions of the article, by
	// annotator id, for agreement studies; nil for most articles.
	Others map[string][]Attribution
}

// Attribution is one relation (an E line): content attributed by a cue
// to a source. Each part is a list of byte spans in text order, since
// brat allows discontinuous spans (several T lines for one role, or
// "start end;start end" fragments in one T line).
type Attribution struct {
	ID      string // the relation id: "E4"
	Cue     []article.Span
	Source  []article.Span
	Content []article.Span
	// Anchor is the relation's Attribution (or Attribution-no-source)
	// span; the corpus repeats the cue there.
	Anchor []article.Span
	// NoSource is set for an Attribution-no-source relation.
	NoSource bool
	// Kind is Direct, Partial or Reported: KindOf the content for gold
	// attributions, the extractor's kind for predicted ones.
	Kind string
}

// Read reads one split ("train", "dev" or "test") under root, the folder
// holding the splits and metadata.tsv, and returns its articles sorted by
// ID. A missing folder gives an error wrapping fs.ErrNotExist; damaged data
// an error wrapping article.ErrCorrupt that names the file and line.
func Read(root, split string) ([]Doc, error) {
	switch split {
	case Train, Dev, Test:
	default:
		return nil, fmt.Errorf("polnear: unknown split %q: %w", split, article.ErrInvalid)
	}
	meta, err := readMetadata(filepath.Join(root, "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, split)
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	if len(anns) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		return nil, fmt.Errorf("polnear: %s: no .ann files: %w", dir, article.ErrCorrupt)
	}
	sort.Strings(anns)
	byID := map[string]*Doc{}
	var ids []string
	for _, path := range anns {
		base := strings.TrimSuffix(filepath.Base(path), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i <= 0 || i == len(base)-1 {
			return nil, fmt.Errorf("polnear: %s: name has no _<annotator> suffix: %w", path, article.ErrCorrupt)
		}
		id, annotator := base[:i], base[i+1:]
		d := byID[id]
		if d == nil {
			b, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
			if err != nil {
				return nil, fmt.Errorf("polnear: text of %s: %w", path, err)
			}
			if !utf8.Valid(b) {
				return nil, fmt.Errorf("polnear: %s.txt: not UTF-8: %w", id, article.ErrCorrupt)
			}
			d = &Doc{ID: id, Text: string(b), Publisher: meta[id]}
			byID[id] = d
			ids = append(ids, id)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		atts, err := Parse(f, d.Text)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polnear: %s: %w", path, err)
		}
		// The paths are sorted, so the first annotator of an article
		// has the lowest id.
		if d.Annotator == "" {
			d.Annotator, d.Attributions = annotator, atts
			continue
		}
		if d.Others == nil {
			d.Others = map[string][]Attribution{}
		}
		d.Others[annotator] = atts
	}
	sort.Strings(ids)
	docs := make([]Doc, len(ids))
	for i, id := range ids {
		docs[i] = *byID[id]
	}
	return docs, nil
}

// readMetadata maps article file names to publishers.
func readMetadata(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("polnear: %s: header: %w: %v", path, article.ErrCorrupt, err)
	}
	file, pub := -1, -1
	for i, h := range header {
		switch h {
		case "filename":
			file = i
		case "publisher":
			pub = i
		}
	}
	if file < 0 || pub < 0 {
		return nil, fmt.Errorf("polnear: %s: no filename or publisher column: %w", path, article.ErrCorrupt)
	}
	m := map[string]string{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("polnear: %s: %w: %v", path, article.ErrCorrupt, err)
		}
		if file < len(rec) && pub < len(rec) {
			m[rec[file]] = rec[pub]
		}
	}
}

// Parse reads one .ann file annotating text. T lines must lie inside
// text and their text field must equal the spanned text (fragments joined
// by a space, as brat writes them); a text field that crosses a line break
// continues on the following lines. E lines must name known T lines.
// AnnotatorNotes (#) lines, Discuss and Discard spans are read and
// dropped. Errors name the line.
func Parse(r io.Reader, text string) ([]Attribution, error) {
	// byteAt maps a code point offset to a byte offset; len(runes)+1
	// entries, so that an end offset at the end of text maps too.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))

	type tline struct {
		label string
		spans []article.Span
		want  string // the text field, with its continuation lines
		line  int
	}
	spans := map[string]*tline{}
	type eline struct {
		id   string
		args string
		line int
	}
	var rels []eline
	var last *tline // the T line a continuation line belongs to
	check := func(t *tline) error {
		if t == nil {
			return nil
		}
		parts := make([]string, len(t.spans))
		for i, s := range t.spans {
			parts[i] = text[s.Start:s.End]
		}
		// A blank line after the last T line of a file is not part of
		// its text field.
		if got := strings.Join(parts, " "); strings.TrimRight(got, "\n") != strings.TrimRight(t.want, "\n") {
			return fmt.Errorf("line %d: text field %q differs from the text at its offsets %q: %w", t.line, t.want, got, article.ErrCorrupt)
		}
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		id, rest, ok := strings.Cut(line, "\t")
		if !ok || !isID(id) {
			if last != nil { // the text field went on past a line break
				last.want += "\n" + line
				continue
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			return nil, fmt.Errorf("line %d: %q is not a brat annotation: %w", n, line, article.ErrCorrupt)
		}
		if err := check(last); err != nil {
			return nil, err
		}
		last = nil
		switch id[0] {
		case 'T':
			head, field, ok := strings.Cut(rest, "\t")
			if !ok {
				return nil, fmt.Errorf("line %d: T line has no text field: %w", n, article.ErrCorrupt)
			}
			label, offs, ok := strings.Cut(head, " ")
			if !ok {
				return nil, fmt.Errorf("line %d: T line has no offsets: %w", n, article.ErrCorrupt)
			}
			t := &tline{label: label, want: field, line: n}
			for _, frag := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || start < 0 || end < start || end >= len(byteAt) {
					return nil, fmt.Errorf("line %d: bad offsets %q (text has %d characters): %w", n, frag, len(byteAt)-1, article.ErrCorrupt)
				}
				t.spans = append(t.spans, article.Span{Start: byteAt[start], End: byteAt[end]})
			}
			if spans[id] != nil {
				return nil, fmt.Errorf("line %d: %s defined twice: %w", n, id, article.ErrCorrupt)
			}
			spans[id] = t
			last = t
		case 'E':
			rels = append(rels, eline{id: id, args: rest, line: n})
		}
		// Other lines (# notes, A attributes, R relations) carry nothing
		// scored here.
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := check(last); err != nil {
		return nil, err
	}
	var out []Attribution
	for _, e := range rels {
		a := Attribution{ID: e.id}
		for _, arg := range strings.Fields(e.args) {
			role, ref, ok := strings.Cut(arg, ":")
			t := spans[ref]
			if !ok || t == nil {
				return nil, fmt.Errorf("line %d: argument %q names no T line: %w", e.line, arg, article.ErrCorrupt)
			}
			// brat numbers a repeated role: Content, Content2, ...
			switch strings.TrimRight(role, "0123456789") {
			case "Attribution":
				a.Anchor = append(a.Anchor, t.spans...)
			case "Attribution-no-source":
				a.Anchor = append(a.Anchor, t.spans...)
				a.NoSource = true
			case "Cue":
				a.Cue = append(a.Cue, t.spans...)
			case "Source":
				a.Source = append(a.Source, t.spans...)
			case "Content":
				a.Content = append(a.Content, t.spans...)
			default:
				return nil, fmt.Errorf("line %d: unknown role %q: %w", e.line, role, article.ErrCorrupt)
			}
		}
		for _, p := range []*[]article.Span{&a.Cue, &a.Source, &a.Content, &a.Anchor} {
			sortSpans(*p)
		}
		a.Kind = KindOf(text, a.Content)
		out = append(out, a)
	}
	return out, nil
}

// isID says whether s is a brat annotation id: a letter or '#' and digits.
func isID(s string) bool {
	if len(s) < 2 || !strings.ContainsRune("TERAMN#*", rune(s[0])) {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func sortSpans(s []article.Span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		return s[i].End < s[j].End
	})
}

// KindOf classifies content by its quotation marks: Direct when it starts
// and ends with a double quotation mark (" “ ” „ « »), Partial when it holds
// one anywhere else, Reported when it has none. Single marks are not
// counted: an apostrophe cannot be told from a closing single quote.
func KindOf(text string, content []article.Span) string {
	if len(content) == 0 {
		return Reported
	}
	first := strings.TrimSpace(text[content[0].Start:content[0].End])
	lastPart := first
	if len(content) > 1 {
		lastPart = strings.TrimSpace(text[content[len(content)-1].Start:content[len(content)-1].End])
	}
	r0, _ := utf8.DecodeRuneInString(first)
	r1, _ := utf8.DecodeLastRuneInString(lastPart)
	if first != "" && lastPart != "" && isDoubleQuote(r0) && isDoubleQuote(r1) {
		return Direct
	}
	for _, s := range content {
		if strings.IndexFunc(text[s.Start:s.End], isDoubleQuote) >= 0 {
			return Partial
		}
	}
	return Reported
}

func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}
