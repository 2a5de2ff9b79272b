package story

import (
	"math"
	"testing"
	"time"
)

// The quake story's first reports speak of the rescue; a report of the
// aftershocks and the ferry port differs from the first one enough to start
// a story of its own, but the later reports speak of both, and when the
// stream leaves the small story behind it joins the one it belongs to.
var quakeDocs = []Doc{
	{Title: "Earthquake hits Kobe", Text: "A magnitude 6.1 earthquake struck Kobe on Tuesday. Rescue teams in Hyogo searched collapsed homes in the port district."},
	{Title: "Aftershocks shake Kobe ferry terminal", Text: "Aftershocks closed the Kobe ferry terminal and the Akashi bridge; Hyogo police diverted traffic around cracked piers."},
	{Title: "Kobe rescuers search homes as aftershocks close ferry", Text: "Rescue teams in Kobe searched collapsed homes after the magnitude 6.1 earthquake, while aftershocks kept the ferry terminal and the Akashi bridge closed. Hyogo officials said the port district was worst hit."},
	{Title: "Kobe quake: ferry terminal shut, rescue goes on", Text: "The Kobe ferry terminal stayed shut after aftershocks cracked piers, and rescue teams in Hyogo searched collapsed homes after Tuesday's magnitude 6.1 earthquake near the Akashi bridge."},
}

var otherDocs = []Doc{
	{Title: "Lisbon budget vote delayed", Text: "Portugal's parliament in Lisbon postponed the vote on the budget after the Socialist group demanded changes to pension spending."},
	{Title: "Lisbon parliament budget vote postponed again", Text: "The vote on Portugal's budget in the Lisbon parliament was postponed again as Socialist deputies pressed for pension changes."},
}

func TestFlushMergesSmallStory(t *testing.T) {
	c := NewClusterer(Options{})
	var ids []int
	for _, d := range append(quakeDocs, otherDocs...) {
		ids = append(ids, c.Add(d))
	}
	if ids[1] == ids[0] {
		t.Fatalf("the aftershock report joined the first story at once (%v): the test needs it apart", ids)
	}
	if ids[2] != ids[0] || ids[3] != ids[0] {
		t.Fatalf("later reports %v, want them in story %d", ids, ids[0])
	}
	c.Flush()
	for i := range quakeDocs {
		if got := c.Story(ids[i]); got != ids[0] {
			t.Errorf("quake article %d in story %d after Flush, want %d", i, got, ids[0])
		}
	}
	if c.Story(ids[4]) == ids[0] || c.Story(ids[4]) != c.Story(ids[5]) {
		t.Errorf("budget stories %d %d, quake %d", c.Story(ids[4]), c.Story(ids[5]), ids[0])
	}
	if terms := c.Terms(ids[1]); len(terms) == 0 || terms[0] != c.Terms(ids[0])[0] {
		t.Errorf("merged story terms %v, want the quake story's %v", terms, c.Terms(ids[0]))
	}
}

func TestRetiringSmallStoryJoinsItsStory(t *testing.T) {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	c := NewClusterer(Options{Window: 48 * time.Hour})
	var ids []int
	for i, d := range quakeDocs {
		d.Published = day.Add(time.Duration(i) * 6 * time.Hour)
		ids = append(ids, c.Add(d))
	}
	if ids[1] == ids[0] {
		t.Fatalf("stories %v: the test needs the aftershock report apart", ids)
	}
	// A week later both stories have left the window; no Flush.
	c.Add(Doc{Text: "Storm floods the coast of Bergen", Published: day.Add(7 * 24 * time.Hour)})
	if got := c.Story(ids[1]); got != ids[0] {
		t.Errorf("aftershock report in story %d, want %d", got, ids[0])
	}
	if c.Active() != 1 {
		t.Errorf("active %d, want the Bergen story alone", c.Active())
	}
}

func TestRevisitKeepsLargeStoriesApart(t *testing.T) {
	// As in TestFlushMergesSmallStory, but the aftershock report has two
	// followers: a story of three stands on its own, however close its
	// centroid has come to another's.
	aftershocks := []Doc{
		{Title: "Ferry terminal stays shut", Text: "The Kobe ferry terminal stayed shut on Wednesday as aftershocks cracked more piers near the Akashi bridge."},
		{Title: "Akashi bridge reopens, ferries wait", Text: "The Akashi bridge reopened to traffic, but aftershocks kept the Kobe ferry terminal shut and its piers cracked."},
	}
	docs := append([]Doc{quakeDocs[0], quakeDocs[1]}, aftershocks...)
	docs = append(docs, quakeDocs[2:]...)
	c := NewClusterer(Options{})
	var ids []int
	for _, d := range docs {
		ids = append(ids, c.Add(d))
	}
	q, a := ids[0], ids[1]
	if q == a || ids[2] != a || ids[3] != a {
		t.Fatalf("stories %v: the test needs the aftershock reports in a story of three", ids)
	}
	var norm float64
	for _, v := range c.stories[a].sum {
		norm += v * v
	}
	if sim := cosine(c.stories[a].sum, c.stories[q].sum) / math.Sqrt(norm); sim < c.opts.Threshold {
		t.Fatalf("centroid similarity %.3f below the threshold: the test needs it above", sim)
	}
	c.Flush()
	if c.Story(a) == c.Story(q) {
		t.Errorf("a story of three merged: %v", ids)
	}
}

func TestPairThreshold(t *testing.T) {
	// The two budget reports join at the default pair threshold. Asked
	// for more than they share, the second starts its own story, which
	// Flush gives back to the first; a third report still joins the story
	// of two at Threshold.
	third := Doc{Title: "Lisbon budget vote set for Friday", Text: "Portugal's parliament in Lisbon set the budget vote for Friday after Socialist deputies won pension changes."}
	for _, tc := range []struct {
		name  string
		pair  float64
		apart bool
	}{
		{name: "default", pair: 0, apart: false},
		{name: "strict", pair: 0.99, apart: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClusterer(Options{PairThreshold: tc.pair})
			a, b := c.Add(otherDocs[0]), c.Add(otherDocs[1])
			if got := a != b; got != tc.apart {
				t.Fatalf("second report apart = %v, want %v", got, tc.apart)
			}
			c.Flush()
			if c.Story(a) != c.Story(b) {
				t.Errorf("after Flush the reports are in stories %d and %d", c.Story(a), c.Story(b))
			}
			if s := c.Add(third); c.Story(s) != c.Story(a) {
				t.Errorf("third report in story %d, want %d", s, c.Story(a))
			}
		})
	}
}
