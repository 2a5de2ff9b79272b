package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/source"
)

func ExampleRead() {
	stdin := strings.NewReader(`{"url": "https://example.com/a", "title": "Talks resume", "text": "Talks resumed on Monday."}
{"title": "No body"}
{"url": "https://example.com/b", "html": "<p>Markets fell.</p>"}
`)
	err := source.Read(context.Background(), []string{"-"}, source.Options{Stdin: stdin},
		func(r *source.Record) error {
			fmt.Printf("%s %s html=%v %q\n", r.Origin, r.URL, r.HTML, r.Body)
			return nil
		},
		func(e *source.Error) { fmt.Println("problem:", e) })
	if err != nil {
		fmt.Println("stopped:", err)
	}
	// Output:
	// -#L1 https://example.com/a html=false "Talks resumed on Monday."
	// problem: -: line 2: no text or html field
	// -#L3 https://example.com/b html=true "<p>Markets fell.</p>"
}
