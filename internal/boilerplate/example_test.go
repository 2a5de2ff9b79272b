package boilerplate_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/boilerplate"
)

func ExampleClean() {
	text := "Ferry link approved\n" +
		"The council voted on Tuesday to fund a ferry link between the two islands, ending a long debate.\n" +
		"The first boats are expected to run next spring, the council said.\n" +
		"Sharing: Ferry link approved\n" +
		"Related articles\n" +
		"Storm closes mountain pass\n" +
		"Why the lighthouse may reopen…"
	main, removed := boilerplate.Clean(text, boilerplate.Options{})
	fmt.Println(main)
	for _, r := range removed {
		fmt.Printf("%s: %s\n", r.Reason, r.Line)
	}
	// Output:
	// Ferry link approved
	// The council voted on Tuesday to fund a ferry link between the two islands, ending a long debate.
	// The first boats are expected to run next spring, the council said.
	// repeated-title: Sharing: Ferry link approved
	// teaser-block: Related articles
	// teaser-block: Storm closes mountain pass
	// teaser-block: Why the lighthouse may reopen…
}

func ExampleRepeats() {
	r := boilerplate.NewRepeats(boilerplate.RepeatsOptions{MinPages: 3, MinCount: 3})
	for _, story := range []string{"Bridge reopens", "Budget passes", "School extends hours"} {
		r.Add("example.com", story+"\nA paragraph about "+story+".\nSupport independent local news")
	}
	fmt.Println(r.IsFurniture("example.com", "Support independent local news"))
	fmt.Println(r.IsFurniture("example.com", "Bridge reopens"))
	// Output:
	// true
	// false
}
