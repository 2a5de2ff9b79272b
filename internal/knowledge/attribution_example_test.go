package knowledge_test

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/knowledge"
)

func ExampleCueTable_Verb() {
	for _, w := range []string{"said", "Told", "emphasised", "fears", "table"} {
		if v, ok := knowledge.Cue(w); ok {
			fmt.Printf("%-10s %s %s inverted=%v object=%v\n", w, v.Lemma, v.Class, v.Inverted, v.Object)
		} else {
			fmt.Printf("%-10s -\n", w)
		}
	}
	// Output:
	// said       say speech inverted=true object=false
	// Told       tell speech inverted=false object=true
	// emphasised emphasize speech inverted=true object=false
	// fears      fear feeling inverted=false object=false
	// table      -
}

func ExampleCueTable_MatchPhrase() {
	words := strings.Fields("according to the BBC")
	m, _ := knowledge.Cues().MatchPhrase(words)
	fmt.Println(m.Phrase.Phrase, m.Words, m.Phrase.Kind, m.Phrase.Next)
	// Output:
	// according to 2 attribution either
}

func ExampleOutletTable_ByDomain() {
	o, _ := knowledge.Outlets().ByDomain("edition.cnn.com")
	fmt.Println(o.Name, o.Country, o.Kind)
	m, _ := knowledge.Outlets().NearestDomain("reutres.com", 2)
	fmt.Println(m.Outlet.Name, m.Domain, m.Distance)
	// Output:
	// CNN USA broadcaster
	// Reuters reuters.com 1
}
