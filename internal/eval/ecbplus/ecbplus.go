// Package ecbplus reads the documents of the ECB+ corpus (Cybulska and
// Vossen 2014) as plain text with their topic and subtopic: the gold story
// clusters (a topic holds two similar but different events, subtopics "a"
// from ECB and "b" added by ECB+).
package ecbplus

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/eval/cat"
)

// Doc is one ECB+ document.
type Doc struct {
	Name     string // e.g. "1_10ecbplus.xml"
	Topic    int
	Subtopic string // "<topic>a" (ecb) or "<topic>b" (ecbplus)
	// Text is the document's tokens detokenized, one sentence a line.
	Text string
}

// Load reads every document under dir (the ecbplus folder or its ECB+
// subfolder), sorted by topic then name. A missing folder gives an error
// that errors.Is(err, fs.ErrNotExist) recognizes.
func Load(dir string) ([]Doc, error) {
	if _, err := os.Stat(filepath.Join(dir, "ECB+")); err == nil {
		dir = filepath.Join(dir, "ECB+")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("ecbplus: %w", err)
		}
		return nil, fmt.Errorf("ecbplus: no documents under %s", dir)
	}
	docs := make([]Doc, 0, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("ecbplus: %w", err)
		}
		d, err := parse(f, filepath.Base(p))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ecbplus: %s: %w", p, err)
		}
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool {
		if docs[i].Topic != docs[j].Topic {
			return docs[i].Topic < docs[j].Topic
		}
		return docs[i].Name < docs[j].Name
	})
	return docs, nil
}

func parse(r io.Reader, name string) (Doc, error) {
	d := Doc{Name: name}
	topic, rest, ok := strings.Cut(name, "_")
	if !ok {
		return d, fmt.Errorf("unexpected name %q", name)
	}
	t, err := strconv.Atoi(topic)
	if err != nil {
		return d, fmt.Errorf("unexpected name %q", name)
	}
	d.Topic = t
	if strings.Contains(rest, "ecbplus") {
		d.Subtopic = topic + "b"
	} else {
		d.Subtopic = topic + "a"
	}
	doc, err := cat.Read(r)
	if err != nil {
		return d, err
	}
	d.Text = doc.Text
	return d, nil
}
