package corefdata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// SentencesFile is the list of ECB+ sentences validated for coreference,
// relative to the ecbplus folder.
const SentencesFile = "ECBplus_coreference_sentences.csv"

// LoadECBPlus reads the human-participant gold of ECB+ (dir is the ecbplus
// folder): markables HUMAN_PART_PER and HUMAN_PART_ORG are the person and
// organization mentions (the other participant tags — GPE, FAC, VEH, MET,
// GENERIC and NON_HUMAN_PART — name states, places, vehicles, groups of
// unnamed people and things, which parallax's Person and Organization do
// not cover). A CROSS_DOC_COREF relation gives its sources the corpus-wide
// identity in its note; an INTRA_DOC_COREF one an identity of its
// document; any other mention is a singleton. As is conventional, only
// mentions in the sentences listed in ECBplus_coreference_sentences.csv
// count, when that file is there. Documents come sorted by topic, then
// file name, as ecbplus.Load sorts them.
func LoadECBPlus(dir string) ([]Doc, error) {
	sents, err := loadECBSentences(filepath.Join(dir, SentencesFile))
	if err != nil {
		return nil, fmt.Errorf("corefdata: ecbplus: %w", err)
	}
	root := dir
	if _, err := os.Stat(filepath.Join(dir, "ECB+")); err == nil {
		root = filepath.Join(dir, "ECB+")
	}
	paths, err := filepath.Glob(filepath.Join(root, "*", "*.xml"))
	if err != nil {
		return nil, fmt.Errorf("corefdata: ecbplus: %w", err)
	}
	if len(paths) == 0 {
		if _, err := os.Stat(root); err != nil {
			return nil, fmt.Errorf("corefdata: ecbplus: %w", err)
		}
		return nil, fmt.Errorf("corefdata: ecbplus: no documents under %s: %w", root, fs.ErrNotExist)
	}
	type keyed struct {
		topic int
		d     Doc
	}
	var docs []keyed
	for _, p := range paths {
		name := filepath.Base(p)
		topic, rest, _ := strings.Cut(name, "_")
		t, err := strconv.Atoi(topic)
		if err != nil {
			return nil, fmt.Errorf("corefdata: ecbplus: unexpected name %q: %w", name, article.ErrCorrupt)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("corefdata: ecbplus: %w", err)
		}
		var keep map[int]bool
		if sents != nil {
			keep = sents[topic+"_"+strings.TrimSuffix(rest, ".xml")]
			if keep == nil {
				keep = map[int]bool{} // listed nowhere: nothing counts
			}
		}
		d, err := parseECBPlus(b, name, keep)
		if err != nil {
			return nil, fmt.Errorf("corefdata: ecbplus %s: %w", p, err)
		}
		d.Topic = topic
		docs = append(docs, keyed{t, d})
	}
	sort.Slice(docs, func(i, j int) bool {
		if docs[i].topic != docs[j].topic {
			return docs[i].topic < docs[j].topic
		}
		return docs[i].d.ID < docs[j].d.ID
	})
	out := make([]Doc, len(docs))
	for i, k := range docs {
		out[i] = k.d
	}
	return out, nil
}

// loadECBSentences reads "Topic,File,Sentence Number" rows into a set of
// sentence numbers per "<topic>_<file>" (e.g. "1_10ecbplus"); nil when the
// file is absent.
func loadECBSentences(path string) (map[string]map[int]bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, err, article.ErrCorrupt)
	}
	out := map[string]map[int]bool{}
	for i, r := range rows {
		if i == 0 || len(r) < 3 {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(r[2]))
		if err != nil {
			return nil, fmt.Errorf("%s row %d: bad sentence number %q: %w", path, i+1, r[2], article.ErrCorrupt)
		}
		k := strings.TrimSpace(r[0]) + "_" + strings.TrimSpace(r[1])
		if out[k] == nil {
			out[k] = map[int]bool{}
		}
		out[k][n] = true
	}
	return out, nil
}

// parseECBPlus reads one document; keep, when not nil, is the set of
// sentences whose mentions count.
func parseECBPlus(b []byte, name string, keep map[int]bool) (Doc, error) {
	cd, err := readCAT(bytes.NewReader(b))
	if err != nil {
		return Doc{}, fmt.Errorf("%w: %w", err, article.ErrCorrupt)
	}
	d := Doc{ID: name, Text: cd.text, Annotated: len(cd.text)}
	label := map[string]string{} // m_id -> identity
	for _, r := range cd.relations {
		var id string
		switch r.tag {
		case "CROSS_DOC_COREF":
			id = r.attrs["note"]
		case "INTRA_DOC_COREF":
			id = name + "#r" + r.attrs["r_id"]
		default:
			continue
		}
		for _, s := range r.sources {
			if _, ok := label[s]; !ok {
				label[s] = id
			}
		}
	}
	for _, m := range cd.markables {
		var kind string
		switch m.tag {
		case "HUMAN_PART_PER":
			kind = Person
		case "HUMAN_PART_ORG":
			kind = Organization
		default:
			continue
		}
		sp, ok := cd.span(m)
		if !ok {
			continue // an instance, not a mention
		}
		if keep != nil && !keep[cd.tokens[m.tokens[0]].sentence] {
			continue
		}
		mid := m.attrs["m_id"]
		id := label[mid]
		if id == "" {
			id = name + "#m" + mid
		}
		d.Mentions = append(d.Mentions, Mention{Span: sp, Min: sp, Kind: kind, Cluster: id, Global: id})
	}
	sortMentions(d.Mentions)
	return d, nil
}
