// Package corefdata reads the coreference gold standards parallax's
// entity resolution is scored on: GUM (within-document chains of every
// mention, names, nominals and pronouns), MEANTIME (within- and
// cross-document chains of people and organizations) and ECB+
// (cross-document chains of human participants).
//
// Each document's text is rebuilt exactly as the text readers of the eval
// packages rebuild it (gum.Parse for GUM, cat.Read for the CAT XML of
// MEANTIME and ECB+), so that a system run on that text gives spans that
// can be compared with the gold ones. Only person and organization
// entities are kept.
package corefdata

import (
	"sort"

	"github.com/parallax-news/parallax/internal/article"
)

// Kinds of gold entities kept.
const (
	Person       = "person"
	Organization = "organization"
)

// Doc is one document with its gold mentions.
type Doc struct {
	ID    string
	Topic string // corpus folder or ECB+ topic, "" when none
	Date  string // creation date, YYYY-MM-DD, "" when unknown
	Text  string
	// Annotated is the end of the part of Text that was annotated: mentions
	// beyond it are neither gold nor to be scored (MEANTIME annotates the
	// title and first sentences only). len(Text) when all of it was.
	Annotated int
	// Mentions are the gold mentions in text order.
	Mentions []Mention
}

// Mention is one gold mention of a person or organization.
type Mention struct {
	article.Span
	// Min is the minimal span (GUM's minspan, MEANTIME's head) inside Span;
	// Span itself when the corpus gives none.
	Min  article.Span
	Kind string // Person or Organization
	// Cluster names the mention's entity within the document.
	Cluster string
	// Global names the entity across the corpus: mentions of different
	// documents with the same Global corefer. "" for corpora without
	// cross-document gold (GUM).
	Global string
}

// Clusters returns the indexes of d.Mentions grouped by Cluster, clusters
// in order of first mention.
func (d Doc) Clusters() [][]int {
	at := map[string]int{}
	var out [][]int
	for i, m := range d.Mentions {
		j, ok := at[m.Cluster]
		if !ok {
			j = len(out)
			at[m.Cluster] = j
			out = append(out, nil)
		}
		out[j] = append(out[j], i)
	}
	return out
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
}
