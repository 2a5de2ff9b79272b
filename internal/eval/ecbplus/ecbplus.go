// Package ecbplus reads the documents of the ECB+ corpus (Cybulska and
// Vossen 2014) as plain text with their topic and subtopic: the gold story
// clusters (a topic holds two similar but different events, subtopics "a"
// from ECB and "b" added by ECB+).
package ecbplus

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
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
	dec := xml.NewDecoder(r)
	var b strings.Builder
	sentence := -1
	prevNoSpace := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return d, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "token" {
			continue
		}
		var s int
		for _, a := range se.Attr {
			if a.Name.Local == "sentence" {
				s, _ = strconv.Atoi(a.Value)
			}
		}
		var word string
		if err := dec.DecodeElement(&word, &se); err != nil {
			return d, err
		}
		if s != sentence {
			if sentence >= 0 {
				b.WriteByte('\n')
			}
			sentence = s
			prevNoSpace = true
		}
		word = detok(word)
		if !prevNoSpace && !attachesLeft(word) {
			b.WriteByte(' ')
		}
		b.WriteString(word)
		prevNoSpace = attachesRight(word)
	}
	d.Text = b.String()
	return d, nil
}

func detok(w string) string {
	switch w {
	case "``", "''":
		return `"`
	case "-LRB-":
		return "("
	case "-RRB-":
		return ")"
	}
	return w
}

func attachesLeft(w string) bool {
	switch w {
	case ".", ",", ";", ":", "!", "?", ")", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "%":
		return true
	}
	return false
}

func attachesRight(w string) bool { return w == "(" || w == "$" }
