package gum

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
)

const quotesConllu = `# newdoc id = d
# newpar
# text = He said "we won" & left.
1	He	he	PRON	PRP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	"	"	PUNCT	` + "``" + `	_	5	punct	_	SpaceAfter=No
4	we	we	PRON	PRP	_	5	nsubj	_	_
5	won	win	VERB	VBD	_	2	ccomp	_	SpaceAfter=No
6	"	"	PUNCT	''	_	5	punct	_	_
7	&	&	CCONJ	CC	_	8	cc	_	_
8	left	leave	VERB	VBD	_	2	conj	_	SpaceAfter=No
9	.	.	PUNCT	.	_	2	punct	_	_

`

const quotesXML = `<text id="d">
<p>
<s type="decl">
He	PP	he
said	VVD	say
<quote rend="block">
"	` + "``" + `	"
<q>
we	PP	we
</q>
won	VVD	win
"	''	"
</quote>
&amp;	CC	&
left	VVD	leave
.	SENT	.
</s>
</p>
</text>
`

func TestParseQuotations(t *testing.T) {
	docs, err := Parse(strings.NewReader(quotesConllu), "d")
	if err != nil {
		t.Fatal(err)
	}
	d := &docs[0]
	got, err := ParseQuotations(strings.NewReader(quotesXML), d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Quotation{
		{Span: article.Span{Start: 8, End: 16}, First: 2, Last: 5, Block: true},
		{Span: article.Span{Start: 9, End: 11}, First: 3, Last: 3, Mention: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ParseQuotations (-want +got):\n%s", diff)
	}
	if s := d.Text[got[0].Start:got[0].End]; s != `"we won"` {
		t.Errorf("quotation text %q", s)
	}
	for name, xml := range map[string]string{
		"wrong token":   strings.Replace(quotesXML, "left", "right", 1),
		"unclosed":      strings.Replace(quotesXML, "</quote>\n", "", 1),
		"stray close":   strings.Replace(quotesXML, "<q>\n", "", 1),
		"missing token": strings.Replace(quotesXML, "left\tVVD\tleave\n", "", 1),
	} {
		if _, err := ParseQuotations(strings.NewReader(xml), d); !errors.Is(err, article.ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

// TestLoadQuotations reads the shared snapshot: PROVENANCE.md counts 24 <q>
// and 84 <quote> in news, 25 and 13 in interviews.
func TestLoadQuotations(t *testing.T) {
	docs, err := LoadQuotations(sharedGUM(t))
	if err != nil {
		t.Fatal(err)
	}
	var q, quote int
	for _, d := range docs {
		for _, x := range d.Quotations {
			if x.Mention {
				q++
			} else {
				quote++
			}
			if x.End <= x.Start || x.End > len(d.Text) {
				t.Errorf("%s: bad span %v", d.ID, x.Span)
			}
		}
	}
	if q != 49 || quote != 97 {
		t.Errorf("got %d <q> and %d <quote>, want 49 and 97", q, quote)
	}
}
