package story

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// Story is a group of articles that tell the same story.
type Story struct {
	// ID is stable for the same set of articles: a hash of their IDs.
	ID       string    `json:"id"`
	Headline string    `json:"headline"` // the title of the story's first titled article, else its first line
	Terms    []string  `json:"terms"`    // the heaviest terms of the story
	Articles []Member  `json:"articles"` // in publication order (else ingestion order)
	Outlets  []string  `json:"outlets"`  // distinct, in order of first article
	First    time.Time `json:"first,omitzero"`
	Last     time.Time `json:"last,omitzero"`
	Copies   []Copy    `json:"copies,omitempty"`
}

// Member is one article of a story.
type Member struct {
	ID        string    `json:"id"`
	Outlet    string    `json:"outlet,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// CopyOf is the ID of the earlier article this one copies, when it is a
	// copy (derivative); empty for an origin or an independent article.
	CopyOf string `json:"copy_of,omitempty"`
}

// Copy is a pair of articles of one story where one copies the other.
// Earlier came first (published time, else ingestion order).
type Copy struct {
	EarlierID      string  `json:"earlier"`
	LaterID        string  `json:"later"`
	Containment    float64 `json:"containment"`      // share of the smaller text found in the other
	LaterInEarlier float64 `json:"later_in_earlier"` // share of the later text found in the earlier
	EarlierInLater float64 `json:"earlier_in_later"`
	// SharedEarlier and SharedLater are the shared passages in each text.
	SharedEarlier []article.Span `json:"shared_earlier"`
	SharedLater   []article.Span `json:"shared_later"`
}

// Group clusters articles into stories and finds the copies within each.
// Articles are taken as a stream would bring them: by publication time, and
// by ingestion order (Seq) where a date is missing or equal. Stories come in
// the order of their first article.
func Group(arts []*article.Article, opts Options) []Story {
	order := slices.Clone(arts)
	sort.SliceStable(order, func(i, j int) bool { return before(order[i], order[j]) })
	c := NewClusterer(opts)
	for _, a := range order {
		c.Add(Doc{Title: a.Title, Text: a.Text, Published: a.Published})
	}
	// Small stories may since have joined larger ones.
	c.Flush()
	members := map[int][]*article.Article{}
	var ids []int
	for i, a := range order {
		s := c.StoryOf(i)
		if _, ok := members[s]; !ok {
			ids = append(ids, s)
		}
		members[s] = append(members[s], a)
	}
	out := make([]Story, 0, len(ids))
	for _, s := range ids {
		out = append(out, build(members[s], c.Terms(s)))
	}
	return out
}

// before orders articles by publication time, undated ones by Seq.
func before(a, b *article.Article) bool {
	switch {
	case !a.Published.IsZero() && !b.Published.IsZero() && !a.Published.Equal(b.Published):
		return a.Published.Before(b.Published)
	}
	return a.Seq < b.Seq
}

func build(arts []*article.Article, terms []string) Story {
	st := Story{Terms: terms}
	h := sha256.New()
	seen := map[string]bool{}
	for _, a := range arts {
		h.Write([]byte(a.ID))
		st.Articles = append(st.Articles, Member{ID: a.ID, Outlet: a.Outlet, Title: a.Title, Published: a.Published})
		if !seen[a.Outlet] && a.Outlet != "" {
			seen[a.Outlet] = true
			st.Outlets = append(st.Outlets, a.Outlet)
		}
		if !a.Published.IsZero() {
			if st.First.IsZero() || a.Published.Before(st.First) {
				st.First = a.Published
			}
			if a.Published.After(st.Last) {
				st.Last = a.Published
			}
		}
		if st.Headline == "" && a.Title != "" {
			st.Headline = a.Title
		}
	}
	st.ID = hex.EncodeToString(h.Sum(nil))[:16]
	if st.Headline == "" && len(arts) > 0 {
		first, _, _ := strings.Cut(arts[0].Text, "\n")
		st.Headline = first
	}

	// Copies: each article against the earlier ones, through an index so
	// a large story is not compared all pairs.
	ix := NewIndex()
	fps := make([]*Fingerprint, len(arts))
	for i, a := range arts {
		fps[i] = NewFingerprint(a.Text)
		for _, j := range ix.Candidates(fps[i], 2, 0.05) {
			p := compareCopy(fps[j], fps[i]) // A = earlier, B = later
			if !p.IsCopy() {
				continue
			}
			st.Copies = append(st.Copies, Copy{
				EarlierID: arts[j].ID, LaterID: arts[i].ID,
				Containment: p.Containment(), EarlierInLater: p.AInB, LaterInEarlier: p.BInA,
				SharedEarlier: p.SharedA, SharedLater: p.SharedB,
			})
			if st.Articles[i].CopyOf == "" {
				st.Articles[i].CopyOf = arts[j].ID
			}
		}
		ix.Add(fps[i])
	}
	return st
}
