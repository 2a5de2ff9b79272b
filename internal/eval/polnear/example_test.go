package polnear_test

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/polnear"
)

func ExampleScore() {
	const text = `Ann said the plan failed.`
	gold, _ := polnear.Parse(strings.NewReader(
		"T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 25\tthe plan failed.\n"+
			"T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"), text)
	// A prediction with the right cue and source and a content one token
	// short.
	short := gold[0].Content[0]
	short.End--
	pred := []polnear.Attribution{{Cue: gold[0].Cue, Source: gold[0].Source, Content: []article.Span{short}}}
	m := polnear.Score(text, gold, pred).Metrics()
	fmt.Printf("cue %.2f source %.2f content %.2f, overlap %.2f\n", m["cue_f1"], m["source_f1"], m["content_f1"], m["content_f1_overlap"])
	// Output: cue 1.00 source 1.00 content 0.00, overlap 0.86
}
