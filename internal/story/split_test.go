package story

import "testing"

// Two title defences of one boxer: the second report of the later fight
// joins the first report of the earlier one, as the words of both are
// alike; the next reports side with their own fight.
var fightDocs = []struct {
	fight string
	doc   Doc
}{
	{"okafor", Doc{Title: "Petrov stops Okafor to keep heavyweight belts", Text: "Ivan Petrov retained his heavyweight title belts by stopping Samuel Okafor in the seventh round in Hamburg on Saturday night."}},
	{"lindqvist", Doc{Title: "Petrov keeps heavyweight belts", Text: "Ivan Petrov kept his belts with a fourth-round stoppage of Erik Lindqvist in Zurich."}},
	{"okafor", Doc{Title: "Okafor no match for Petrov in Hamburg", Text: "Samuel Okafor was stopped by Ivan Petrov in the seventh round in Hamburg; Okafor's corner threw in the towel as Petrov kept his belts."}},
	{"lindqvist", Doc{Title: "Lindqvist falls to Petrov in Zurich", Text: "Erik Lindqvist fell to Ivan Petrov in a fourth-round stoppage in Zurich; Lindqvist was down twice before the referee waved it off."}},
	{"okafor", Doc{Title: "Petrov eyes next bout after Okafor win", Text: "After stopping Samuel Okafor in Hamburg, Ivan Petrov said he wants to fight again; Okafor said the seventh round cut ended his night."}},
	{"lindqvist", Doc{Title: "Zurich crowd cheers Petrov after Lindqvist stoppage", Text: "The Zurich crowd cheered Ivan Petrov after his fourth-round stoppage of Erik Lindqvist, whose corner said Lindqvist would return."}},
}

func TestSplitTwoEvents(t *testing.T) {
	c := NewClusterer(Options{})
	var first []int
	for _, f := range fightDocs {
		first = append(first, c.Add(f.doc))
	}
	if first[1] != first[0] || first[2] != first[0] {
		t.Fatalf("stories when added %v: the test needs the first reports of both fights in one story", first)
	}
	c.Flush()
	story := map[string]map[int]bool{}
	for i, f := range fightDocs {
		if story[f.fight] == nil {
			story[f.fight] = map[int]bool{}
		}
		story[f.fight][c.StoryOf(i)] = true
	}
	for fight, s := range story {
		if len(s) != 1 {
			t.Errorf("fight %s in stories %v, want one", fight, s)
		}
	}
	for s := range story["okafor"] {
		if story["lindqvist"][s] {
			t.Errorf("both fights in story %d", s)
		}
	}
}

func TestNoSplitOfOneEvent(t *testing.T) {
	// The budget reports and two more of the same vote: four articles
	// alike, no two groups.
	docs := append([]Doc{}, otherDocs...)
	docs = append(docs,
		Doc{Title: "Lisbon budget vote set for Friday", Text: "Portugal's parliament in Lisbon set the budget vote for Friday after Socialist deputies won pension changes."},
		Doc{Title: "Socialists back Lisbon budget after pension deal", Text: "Socialist deputies in Lisbon said they would back Portugal's budget in parliament after the pension changes they demanded."},
	)
	c := NewClusterer(Options{})
	for _, d := range docs {
		c.Add(d)
	}
	c.Flush()
	for i := range docs {
		if c.StoryOf(i) != c.StoryOf(0) {
			t.Errorf("article %d in story %d, want %d", i, c.StoryOf(i), c.StoryOf(0))
		}
	}
}
