package crosscheck_test

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/crosscheck"
)

func ExampleCheck() {
	first := crosscheck.Article{ID: "first", Outlet: "Harbour News",
		Text: "“The ferry will run again by the end of June,” the harbour master said."}
	later := crosscheck.Article{ID: "later", Outlet: "Coast Daily",
		Text: "“The ferry will run again by the end of August,” the harbour master said."}
	quote := func(a crosscheck.Article, words string) crosscheck.Quote {
		i := strings.Index(a.Text, words)
		return crosscheck.Quote{Article: a.ID, Kind: "direct", Speaker: "harbour-master",
			Content: []article.Span{{Start: i, End: i + len(words)}}}
	}
	fs := crosscheck.Check([]crosscheck.Article{first, later}, []crosscheck.Quote{
		quote(first, "“The ferry will run again by the end of June,”"),
		quote(later, "“The ferry will run again by the end of August,”"),
	})
	for _, f := range fs {
		if f.Kind == crosscheck.Altered {
			fmt.Printf("%s: %q\n", f.Kind, f.Span.In(later.Text))
			for _, d := range f.Diff {
				fmt.Printf("  %s %s\n", d.Op, d.Text)
			}
		}
	}
	// Output:
	// altered_quote: "The ferry will run again by the end of August"
	//   equal The ferry will run again by the end of
	//   delete June
	//   insert August
}
