package eval

import (
	"testing"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/eval/ner"
)

func TestScoreNER(t *testing.T) {
	//          0         1         2         3         4
	//          0123456789012345678901234567890123456789012345
	text := "Jo Bo met Acme in Paris. iPhone sold. Rome!"
	sp := func(s, e int) article.Span { return article.Span{Start: s, End: e} }
	d := ner.Doc{
		Text: text,
		Gold: []ner.Mention{
			{Span: sp(0, 5), Type: ner.Person},
			{Span: sp(10, 14), Type: ner.Organization},
			{Span: sp(18, 23), Type: ner.Location},
		},
		Ignore: []article.Span{sp(25, 31)},
		Scored: []article.Span{sp(0, 37)},
	}
	pred := []ner.Mention{
		{Span: sp(0, 5), Type: ner.Person},         // TP
		{Span: sp(10, 14), Type: ner.Location},     // FP (wrong type) and the org is a FN
		{Span: sp(18, 23), Type: ner.Location},     // TP
		{Span: sp(25, 31), Type: ner.Organization}, // ignored
		{Span: sp(32, 36), Type: ner.Person},       // FP
		{Span: sp(38, 42), Type: ner.Location},     // outside Scored: dropped
	}
	all, per := ScoreNER(d, pred)
	if want := (PRF{TP: 2, FP: 2, FN: 1}); all != want {
		t.Errorf("all = %+v, want %+v", all, want)
	}
	if want := (PRF{TP: 1, FP: 1, FN: 0}); per[ner.Location] != want {
		t.Errorf("location = %+v, want %+v", per[ner.Location], want)
	}
	if want := (PRF{FN: 1}); per[ner.Organization] != want {
		t.Errorf("organization = %+v, want %+v", per[ner.Organization], want)
	}
	if want := (PRF{TP: 1, FP: 1}); per[ner.Person] != want {
		t.Errorf("person = %+v, want %+v", per[ner.Person], want)
	}
}

func TestNERTaskRegistered(t *testing.T) {
	for _, n := range Default().Names() {
		if n == "ner" {
			return
		}
	}
	t.Error("ner task not in Default()")
}
