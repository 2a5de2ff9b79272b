package corefdata

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// LoadMEANTIME reads the within- and cross-document entity gold of
// MEANTIME's intra_cross-doc_annotation (dir is the meantime folder or
// that subfolder). An ENTITY_MENTION that a REFERS_TO relation links to an
// ENTITY of ent_type PER or ORG is a gold mention; mentions of one entity
// form a cluster. Entities are keyed by instance_id, shared across
// documents (the cross-document gold, in Mention.Global); one without an
// instance_id is an entity of its document only. Only the title and
// first sentences are annotated: Doc.Annotated ends with the last sentence
// holding a markable. A mention's Min is its head attribute's place in the
// mention when given, else the mention. Documents come sorted by creation
// date, then file name.
func LoadMEANTIME(dir string) ([]Doc, error) {
	if fi, err := os.Stat(filepath.Join(dir, "intra_cross-doc_annotation")); err == nil && fi.IsDir() {
		dir = filepath.Join(dir, "intra_cross-doc_annotation")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	if err != nil {
		return nil, fmt.Errorf("corefdata: meantime: %w", err)
	}
	if len(paths) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("corefdata: meantime: %w", err)
		}
		return nil, fmt.Errorf("corefdata: meantime: no documents under %s: %w", dir, fs.ErrNotExist)
	}
	var docs []Doc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("corefdata: meantime: %w", err)
		}
		d, err := parseMEANTIME(b, strings.TrimSuffix(filepath.Base(p), ".xml"))
		if err != nil {
			return nil, fmt.Errorf("corefdata: meantime %s: %w", p, err)
		}
		d.Topic = filepath.Base(filepath.Dir(p))
		docs = append(docs, d)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Date != docs[j].Date {
			return docs[i].Date < docs[j].Date
		}
		return docs[i].ID < docs[j].ID
	})
	return docs, nil
}

func parseMEANTIME(b []byte, id string) (Doc, error) {
	cd, err := readCAT(bytes.NewReader(b))
	if err != nil {
		return Doc{}, fmt.Errorf("%w: %w", err, article.ErrCorrupt)
	}
	d := Doc{ID: id, Text: cd.text}
	// The annotated range: sentences up to the last one with a markable.
	last := -1
	for _, m := range cd.markables {
		for _, t := range m.tokens {
			last = max(last, cd.tokens[t].sentence)
		}
		if m.tag == "TIMEX3" && m.attrs["functionInDocument"] == "CREATION_TIME" && len(m.attrs["value"]) >= 10 {
			d.Date = m.attrs["value"][:10]
		}
	}
	for _, t := range cd.tokens {
		if t.sentence <= last {
			d.Annotated = max(d.Annotated, t.End)
		}
	}
	seen := map[string]bool{}
	for _, r := range cd.relations {
		if r.tag != "REFERS_TO" || len(r.targets) != 1 {
			continue
		}
		ti, ok := cd.byMID[r.targets[0]]
		if !ok {
			continue
		}
		ent := cd.markables[ti]
		var kind string
		switch ent.attrs["ent_type"] {
		case "PER":
			kind = Person
		case "ORG":
			kind = Organization
		}
		if ent.tag != "ENTITY" || kind == "" {
			continue
		}
		global := ent.attrs["instance_id"]
		if global == "" {
			global = id + "#" + r.targets[0]
		}
		for _, src := range r.sources {
			mi, ok := cd.byMID[src]
			if !ok || seen[src] || cd.markables[mi].tag != "ENTITY_MENTION" {
				continue
			}
			sp, ok := cd.span(cd.markables[mi])
			if !ok {
				continue
			}
			seen[src] = true
			m := Mention{Span: sp, Min: sp, Kind: kind, Cluster: global, Global: global}
			if h := strings.TrimSpace(cd.markables[mi].attrs["head"]); h != "" {
				if k := strings.LastIndex(d.Text[sp.Start:sp.End], h); k >= 0 {
					m.Min = article.Span{Start: sp.Start + k, End: sp.Start + k + len(h)}
				}
			}
			d.Mentions = append(d.Mentions, m)
		}
	}
	sortMentions(d.Mentions)
	return d, nil
}
