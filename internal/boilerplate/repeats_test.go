package boilerplate

import (
	"fmt"
	"sync"
	"testing"
)

func TestRepeats(t *testing.T) {
	r := NewRepeats(RepeatsOptions{})
	footer := "Support our newsroom today"
	for i := range 4 {
		r.Add("a.example", fmt.Sprintf("Story %d\nParagraph %d.\n%s\n%s", i, i, footer, footer))
	}
	if r.IsFurniture("a.example", footer) {
		t.Error("furniture after 4 pages; MinPages is 5")
	}
	r.Add("a.example", "Story 4\n"+footer)
	if got := r.Count("a.example", footer); got != 5 {
		t.Errorf("Count = %d, want 5 (once a page)", got)
	}
	if !r.IsFurniture("a.example", footer) || !r.IsFurniture("a.example", "SUPPORT our newsroom today!") {
		t.Error("recurring line (or its case and punctuation variant) not furniture")
	}
	if r.IsFurniture("b.example", footer) || r.IsFurniture("a.example", "Story 1") {
		t.Error("furniture across outlets or for a one-page line")
	}
	// Clean removes it through Options.
	in := "Story 9\nA paragraph long enough to count as the story, with a full stop at the end of it.\n" + footer
	_, rm := Clean(in, Options{Outlet: "a.example", Repeats: r})
	if len(rm) != 1 || rm[0].Reason != ReasonRepeatedPage {
		t.Errorf("Clean removed %v, want the footer as repeated", rm)
	}
	// Long lines are not judged.
	long := "This sentence is a long recurring paragraph that an outlet might repeat in several updates of the same story, and it should not count as furniture however often it occurs, because it has more words than the limit allows for furniture lines."
	for range 10 {
		r.Add("c.example", long)
	}
	if r.IsFurniture("c.example", long) {
		t.Error("long line judged furniture")
	}
}

func TestRepeatsConcurrent(t *testing.T) {
	r := NewRepeats(RepeatsOptions{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				r.Add("x", fmt.Sprintf("line %d\ncommon", (i+j)%7))
				r.IsFurniture("x", "common")
			}
		}()
	}
	wg.Wait()
	if r.Pages("x") != 400 || !r.IsFurniture("x", "common") {
		t.Errorf("pages %d, common furniture %v", r.Pages("x"), r.IsFurniture("x", "common"))
	}
}

func TestRepeatsMemoryIsBounded(t *testing.T) {
	r := NewRepeats(RepeatsOptions{})
	for i := range 5000 {
		// Each page: one furniture line and three lines of its own.
		r.Add("o.example", fmt.Sprintf("Subscribe to our newsletter\nStory %d begins here.\nIt goes on %d.\nIt ends %d.", i, i, i))
	}
	if n := len(r.outlets["o.example"].count); n > maxLinesPerOutlet+4 {
		t.Fatalf("%d lines counted", n)
	}
	if !r.IsFurniture("o.example", "Subscribe to our newsletter") {
		t.Fatal("pruning forgot the furniture line")
	}
}
