// Package gold loads parallax's hand annotation of the seed articles
// (gold/seeds.json under the data root) into typed values, so that every
// stage can score itself against it in a few lines. The file is read at run
// time and never copied into the repository.
package gold

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
)

// Quote is a gold quotation: Text is an exact substring of Doc.
type Quote struct {
	Doc     string `json:"doc"`
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"` // "direct" or "partial"; "reported" for ReportedSpeech
}

// Entities lists the people (canonical name → every alias used), states
// (ISO 3166 alpha-3 → names and metonyms) and organizations of the seeds.
type Entities struct {
	People        map[string][]string `json:"people"`
	States        map[string][]string `json:"states"`
	Organizations []string            `json:"organizations"`
}

// Story is a gold story cluster.
type Story struct {
	ID         string   `json:"id"`
	Docs       []string `json:"docs"`
	ApproxDate string   `json:"approx_date"`
	Summary    string   `json:"summary"`
}

// Finding is a gold cross-check finding (altered_quote, misattributed_quote,
// uncorroborated_quote, contradicted_claim).
type Finding struct {
	Kind            string `json:"kind"`
	Doc             string `json:"doc"`
	Text            string `json:"text"`
	OriginalDoc     string `json:"original_doc,omitempty"`
	Original        string `json:"original,omitempty"`
	ClaimedSpeaker  string `json:"claimed_speaker,omitempty"`
	OriginalSpeaker string `json:"original_speaker,omitempty"`
	Note            string `json:"note,omitempty"`
}

// Sourcing is the gold sourcing scorecard of one article: the flags it
// deserves and the words that show them.
type Sourcing struct {
	Doc      string   `json:"doc"`
	Flags    []string `json:"flags"`
	Evidence []string `json:"evidence"`
	Note     string   `json:"note,omitempty"`
}

// Seeds is the whole gold annotation of the seed corpus.
type Seeds struct {
	About          string              `json:"about"`
	Quotes         []Quote             `json:"quotes"`
	ReportedSpeech []Quote             `json:"reported_speech"`
	Entities       Entities            `json:"entities"`
	Stories        []Story             `json:"stories"`
	Crosscheck     []Finding           `json:"crosscheck"`
	Sourcing       []Sourcing          `json:"sourcing"`
	Boilerplate    map[string][]string `json:"boilerplate_lines"`

	// Dir is the folder holding the seed articles (corpus/seeds under the
	// data root); Docs maps a doc name to its raw text.
	Dir  string            `json:"-"`
	Docs map[string]string `json:"-"`
}

// Paths under a data root.
const (
	SeedsFile = "gold/seeds.json"
	SeedsDir  = "corpus/seeds"
)

// Load reads gold/seeds.json and the seed articles under root. A missing
// file gives an error that errors.Is(err, fs.ErrNotExist) recognizes.
func Load(root string) (*Seeds, error) {
	b, err := os.ReadFile(filepath.Join(root, SeedsFile))
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	var s Seeds
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("gold: %s: %w: %v", SeedsFile, article.ErrCorrupt, err)
	}
	s.Dir = filepath.Join(root, SeedsDir)
	s.Docs = map[string]string{}
	for _, name := range s.DocNames() {
		b, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err != nil {
			return nil, fmt.Errorf("gold: seed article: %w", err)
		}
		s.Docs[name] = string(b)
	}
	for i := range s.ReportedSpeech {
		s.ReportedSpeech[i].Kind = "reported"
	}
	return &s, nil
}

// DocNames returns every doc name the annotation mentions, sorted.
func (s *Seeds) DocNames() []string {
	seen := map[string]bool{}
	add := func(d string) {
		if d != "" {
			seen[d] = true
		}
	}
	for _, q := range s.Quotes {
		add(q.Doc)
	}
	for _, q := range s.ReportedSpeech {
		add(q.Doc)
	}
	for _, st := range s.Stories {
		for _, d := range st.Docs {
			add(d)
		}
	}
	for _, f := range s.Crosscheck {
		add(f.Doc)
		add(f.OriginalDoc)
	}
	for _, sc := range s.Sourcing {
		add(sc.Doc)
	}
	for d := range s.Boilerplate {
		add(d)
	}
	names := make([]string, 0, len(seen))
	for d := range seen {
		names = append(names, d)
	}
	sort.Strings(names)
	return names
}

// Locate returns the byte spans of every occurrence of sub in the named
// doc's raw text. Gold texts are exact substrings of the files.
func (s *Seeds) Locate(doc, sub string) []article.Span {
	text := s.Docs[doc]
	var spans []article.Span
	if sub == "" {
		return nil
	}
	for off := 0; ; {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			return spans
		}
		spans = append(spans, article.Span{Start: off + i, End: off + i + len(sub)})
		off += i + len(sub)
	}
}
