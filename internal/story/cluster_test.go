package story

import (
	"strings"
	"testing"
	"time"
)

func TestClustererJoinsAndSeparates(t *testing.T) {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	docs := []Doc{
		{Title: "Earthquake of magnitude 6.1 hits Kobe", Text: "A magnitude 6.1 earthquake struck near Kobe on Tuesday, damaging buildings in the port district. Officials in Hyogo said rescue teams were searching collapsed homes.", Published: day},
		{Title: "Budget vote delayed in Lisbon parliament", Text: "Portugal's parliament in Lisbon postponed the vote on the 2025 budget after the Socialist group demanded changes to pension spending.", Published: day},
		{Title: "Rescuers search rubble after Kobe quake", Text: "Rescue teams in Kobe searched collapsed homes after Tuesday's magnitude 6.1 earthquake. Hyogo officials said the port district was worst hit.", Published: day.Add(24 * time.Hour)},
		{Title: "Lisbon budget vote postponed again", Text: "The vote on Portugal's 2025 budget in the Lisbon parliament was postponed again as Socialist deputies pressed for pension changes.", Published: day.Add(48 * time.Hour)},
		// The same kind of event, months later: a new story.
		{Title: "Earthquake of magnitude 6.1 hits Kobe", Text: "A magnitude 6.1 earthquake struck near Kobe on Tuesday, damaging buildings in the port district. Officials in Hyogo said rescue teams were searching collapsed homes.", Published: day.Add(200 * 24 * time.Hour)},
	}
	c := NewClusterer(Options{})
	var got []int
	for _, d := range docs {
		got = append(got, c.Add(d))
	}
	want := []int{0, 1, 0, 1, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("stories %v, want %v", got, want)
		}
	}
}

func TestClustererBoundsCentroids(t *testing.T) {
	g := newGen(5)
	c := NewClusterer(Options{CentroidTerms: 50, Threshold: 0.01})
	for range 40 {
		c.Add(Doc{Text: g.text(6)})
	}
	for i, st := range c.stories {
		if len(st.sum) > 50 {
			t.Fatalf("story %d keeps %d terms", i, len(st.sum))
		}
	}
	// Every posting points at a story that holds the term.
	for term, ids := range c.postings {
		for _, id := range ids {
			if _, ok := c.stories[id].sum[term]; !ok {
				t.Fatalf("posting %q → %d, but the story lacks the term", term, id)
			}
		}
	}
}

func TestClustererEmptyDocs(t *testing.T) {
	c := NewClusterer(Options{})
	a, b := c.Add(Doc{}), c.Add(Doc{Text: "..."})
	if a == b {
		t.Fatalf("two empty docs joined one story: %d %d", a, b)
	}
}

func TestClustererRetiresOldStories(t *testing.T) {
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewClusterer(Options{Window: 48 * time.Hour})
	s0 := c.Add(Doc{Text: "Kobe earthquake damages the port district of Kobe", Published: day})
	c.Add(Doc{Text: "Lisbon parliament delays the budget vote in Lisbon", Published: day.Add(time.Hour)})
	if c.Active() != 2 {
		t.Fatalf("active %d", c.Active())
	}
	// A week later the first two stories have left the window.
	s2 := c.Add(Doc{Text: "Storm floods the coast of Bergen", Published: day.Add(7 * 24 * time.Hour)})
	if c.Active() != 1 || s2 == s0 {
		t.Fatalf("active %d, story %d", c.Active(), s2)
	}
	for term, ids := range c.postings {
		for _, id := range ids {
			if c.stories[id].retired {
				t.Fatalf("retired story %d still posted under %q", id, term)
			}
		}
	}
	if terms := c.Terms(s0); len(terms) == 0 || terms[0] != "kobe" {
		t.Fatalf("retired story terms %v", terms)
	}
}

func TestTermsWeighLede(t *testing.T) {
	// The same name in the first sentence and in the tenth: the lede's
	// counts more, and a title word more than either.
	body := "Rescuers reached Kobe. " + strings.Repeat("Officials spoke. ", 8) + "Crews left Osaka."
	tf := terms(Doc{Title: "Floods", Text: body})
	if !(tf["kobe"] > tf["osaka"]) {
		t.Errorf("lede name %v, later name %v: want the lede's heavier", tf["kobe"], tf["osaka"])
	}
	if !(tf["floods"] > tf["kobe"]/2) {
		t.Errorf("title word %v, lede name %v", tf["floods"], tf["kobe"])
	}
	if tf["osaka"] < 2 {
		t.Errorf("a later proper noun still counts double: %v", tf["osaka"])
	}
}
