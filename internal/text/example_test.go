package text_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/text"
)

func ExampleNormalize() {
	s, warn, err := text.Normalize([]byte("\xef\xbb\xbfBREAKING\r\n\r\n  Talks  ended\u00a0at 9 a.m.\r\n“It is over,” he said.\r\n"))
	fmt.Printf("%q %q %v\n", s, warn, err)
	// Output: "BREAKING\nTalks ended at 9 a.m.\n“It is over,” he said." "" <nil>
}

func ExampleSentences() {
	s := "Lt. Gen. Anna Novak arrived in the U.S. on Jan. 5. “Why now?” she asked. The U.S. Army said nothing."
	for _, sp := range text.Sentences(s) {
		fmt.Println(s[sp.Start:sp.End])
	}
	// Output:
	// Lt. Gen. Anna Novak arrived in the U.S. on Jan. 5.
	// “Why now?” she asked.
	// The U.S. Army said nothing.
}

func ExampleTokens() {
	s := "Iran’s envoy paid $1,000.50 (3.5%) to Acme Inc. — see reuters.com."
	for _, t := range text.Tokens(s, nil) {
		fmt.Printf("%s/%v ", s[t.Start:t.End], t.Kind)
	}
	fmt.Println()
	// Output: Iran/Word ’s/Word envoy/Word paid/Word $/Symbol 1,000.50/Number (/Punct 3.5%/Number )/Punct to/Word Acme/Word Inc./Abbrev —/Punct see/Word reuters.com/URL ./Punct
}

func ExampleSegment() {
	s := "Storm hits coast\nThousands fled. Roads closed."
	l := text.Segment(s)
	fmt.Println(len(l.Paragraphs), len(l.Sentences), len(l.Tokens))
	// Output: 2 3 9
}
