package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// crossNERTypes maps CrossNER's politics labels to the scored types; ""
// marks a label that is ignored.
var crossNERTypes = map[string]string{
	"politician":     Person,
	"person":         Person,
	"organisation":   Organization,
	"politicalparty": Organization,
	"country":        Location,
	"location":       Location,
	"election":       "",
	"event":          "",
	"misc":           "",
}

// wnut17Types maps WNUT-17's labels to the scored types.
var wnut17Types = map[string]string{
	"person":        Person,
	"location":      Location,
	"group":         Organization,
	"corporation":   Organization,
	"product":       "",
	"creative-work": "",
}

// CrossNER reads a CrossNER file (token<TAB>BIO tag, sentences separated
// by blank lines): one Doc a sentence.
func CrossNER(path string) ([]Doc, error) { return readBIOFile(path, crossNERTypes) }

// WNUT17 reads the WNUT-17 emerging-entities file (same layout): one Doc a
// sentence.
func WNUT17(path string) ([]Doc, error) { return readBIOFile(path, wnut17Types) }

func readBIOFile(path string, types map[string]string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: read %s: %w", path, err)
	}
	defer f.Close()
	docs, err := ReadBIO(f, splitOf(path), types)
	if err != nil {
		return nil, fmt.Errorf("ner: read %s: %w", path, err)
	}
	return docs, nil
}

// splitOf names the split a file holds from its dot-separated name parts.
func splitOf(path string) string {
	for _, p := range strings.Split(filepath.Base(path), ".") {
		switch p {
		case "train", "dev", "test":
			return p
		}
	}
	return ""
}

// ReadBIO reads token<TAB>tag lines, sentences separated by blank lines,
// into one Doc a sentence, its tokens joined by one space. types maps a
// tag's label (after "B-"/"I-") to a scored type, or to "" to ignore it; a
// label not in types is an error wrapping article.ErrCorrupt. Docs are
// named split-N (N counting from 1), or N when split is "".
func ReadBIO(r io.Reader, split string, types map[string]string) ([]Doc, error) {
	var (
		docs  []Doc
		b     strings.Builder
		spans []bioSpan
		line  int
		cur   = -1 // the span the previous token is in
	)
	flush := func() {
		if b.Len() == 0 {
			return
		}
		id := fmt.Sprint(len(docs) + 1)
		if split != "" {
			id = split + "-" + id
		}
		d := Doc{ID: id, Split: split, Text: b.String()}
		a := newAdder(&d)
		for _, s := range spans {
			a.add(s.Span, types[s.label], s.label)
		}
		a.finish()
		docs = append(docs, d)
		b.Reset()
		spans, cur = nil, -1
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		tok, tag, ok := strings.Cut(l, "\t")
		if !ok {
			fs := strings.Fields(l)
			if len(fs) != 2 {
				return nil, fmt.Errorf("line %d: want token<TAB>tag, got %q: %w", line, l, article.ErrCorrupt)
			}
			tok, tag = fs[0], fs[1]
		}
		tag = strings.TrimSpace(tag)
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(tok)
		end := b.Len()
		if tag == "O" {
			cur = -1
			continue
		}
		bi, label, ok := strings.Cut(tag, "-")
		if !ok || (bi != "B" && bi != "I") {
			return nil, fmt.Errorf("line %d: bad tag %q: %w", line, tag, article.ErrCorrupt)
		}
		if _, known := types[label]; !known {
			return nil, fmt.Errorf("line %d: unknown label %q: %w", line, label, article.ErrCorrupt)
		}
		if bi == "I" && cur >= 0 && spans[cur].label == label {
			spans[cur].End = end
			continue
		}
		cur = len(spans)
		spans = append(spans, bioSpan{Span: article.Span{Start: start, End: end}, label: label})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	return docs, nil
}

type bioSpan struct {
	article.Span
	label string
}
