package gum

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var dump = flag.String("dump", "", "print the gold sentences of the named GUM document")

// sharedGUM locates the shared GUM snapshot relative to this package.
func sharedGUM(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", "gum-news")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("GUM snapshot not available: %v", err)
	}
	return dir
}

func TestParse(t *testing.T) {
	const in = `# newdoc id = doc1
# newpar
# sent_id = doc1-1
# text = It's over.
1-2	It's	_	_	_	_	_	_	_	_
1	It	it	PRON	PRP	_	3	nsubj	_	_
2	's	be	AUX	VBZ	_	3	cop	_	_
3	over	over	ADV	RB	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = doc1-2
1	"	"	PUNCT	Q	_	2	punct	_	SpaceAfter=No
2	Why	why	ADV	WRB	_	0	root	_	SpaceAfter=No
3	?	?	PUNCT	.	_	2	punct	_	SpaceAfter=No
4	"	"	PUNCT	''	_	2	punct	_	_

# newpar
# text = Next one
1	Next	next	ADJ	JJ	_	2	amod	_	_
1.1	gone	go	VERB	VBN	_	_	_	_	_
2	one	one	NUM	CD	_	0	root	_	_

`
	docs, err := Parse(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d docs, want 1", len(docs))
	}
	d := docs[0]
	if d.ID != "doc1" {
		t.Errorf("ID = %q", d.ID)
	}
	if want := "It's over. \"Why?\"\nNext one"; d.Text != want {
		t.Errorf("Text = %q, want %q", d.Text, want)
	}
	var got []string
	for _, s := range d.Sentences {
		got = append(got, s.In(d.Text))
	}
	if diff := cmp.Diff([]string{"It's over.", `"Why?"`, "Next one"}, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	got = nil
	for _, s := range d.Paragraphs {
		got = append(got, s.In(d.Text))
	}
	if diff := cmp.Diff([]string{`It's over. "Why?"`, "Next one"}, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}

// TestParseLooseSentence checks that a sentence after the last one of its
// block, with no "# newpar" of its own, becomes a paragraph.
func TestParseLooseSentence(t *testing.T) {
	const in = `# newdoc id = d
# newpar
# newpar_block = head (1 s)
# text = Headline
1	Headline	_	_	_	_	_	_	_	_

# text = Monday, May 4
1	Monday	_	_	_	_	_	_	_	SpaceAfter=No
2	,	_	_	_	_	_	_	_	_
3	May	_	_	_	_	_	_	_	_
4	4	_	_	_	_	_	_	_	_

# newpar
# newpar_block = p (2 s)
# text = One.
1	One	_	_	_	_	_	_	_	SpaceAfter=No
2	.	_	_	_	_	_	_	_	_

# text = Two.
1	Two	_	_	_	_	_	_	_	SpaceAfter=No
2	.	_	_	_	_	_	_	_	_

`
	docs, err := Parse(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Headline\nMonday, May 4\nOne. Two."; len(docs) != 1 || docs[0].Text != want {
		t.Fatalf("got %+v, want text %q", docs, want)
	}
}

func TestParseMismatch(t *testing.T) {
	const in = "# text = A b\n1\tA\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tb\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	if _, err := Parse(strings.NewReader(in), "x"); err == nil {
		t.Fatal("want an error for # text that disagrees with the tokens")
	}
	if _, err := Parse(strings.NewReader("1\tA\tB\n"), "x"); err == nil {
		t.Fatal("want an error for a short token line")
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := LoadSentences(filepath.Join(t.TempDir(), "nope"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	_, err = LoadSentences(t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("empty dir: err = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadShared(t *testing.T) {
	dir := sharedGUM(t)
	docs, err := LoadSentences(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 43 {
		t.Errorf("got %d docs, want 43", len(docs))
	}
	n := 0
	for _, d := range docs {
		n += len(d.Sentences)
		prev := 0
		for i, s := range d.Sentences {
			if s.Start < prev || s.End <= s.Start || s.End > len(d.Text) {
				t.Fatalf("%s: sentence %d span %v out of order", d.ID, i, s)
			}
			txt := s.In(d.Text)
			if strings.TrimSpace(txt) != txt || strings.Contains(txt, "\n") {
				t.Fatalf("%s: sentence %d %q untrimmed or crosses a paragraph", d.ID, i, txt)
			}
			prev = s.End
		}
		if *dump == d.ID {
			for _, s := range d.Sentences {
				t.Logf("%q", s.In(d.Text))
			}
		}
	}
	// 1832 "# text" lines in the 43 files.
	if n != 1832 {
		t.Errorf("got %d sentences, want 1832", n)
	}
}

func TestParseEntities(t *testing.T) {
	const in = `# newdoc id = d
# newpar
# text = Virginia's Rick Smith won.
1-2	Virginia's	_	_	_	_	_	_	_	_
1	Virginia	Virginia	PROPN	NNP	_	4	nmod	_	Entity=(1-place-new-sssss-cf1-1-coref-Virginia)
2	's	's	PART	POS	_	1	case	_	_
3	Rick	Rick	PROPN	NNP	_	4	compound	_	Entity=(2-person-new-sssss-cf1-1,2-coref(3-person-new-sssss-cf1-1-sgl)
4	Smith	Smith	PROPN	NNP	_	5	nsubj	_	Entity=2)
5	won	win	VERB	VBD	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_
`
	docs, err := Parse(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	var words []string
	for _, w := range d.Words {
		words = append(words, d.Text[w.Start:w.End])
	}
	if diff := cmp.Diff([]string{"Virginia", "'s", "Rick", "Smith", "won", "."}, words); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	if d.Words[3].Head != 5 || d.Words[3].UPOS != "PROPN" {
		t.Errorf("word 3 = %+v", d.Words[3])
	}
	type ent struct {
		Text, Type, Group, Identity string
		MinSpan                     []int
	}
	var got []ent
	for _, e := range d.Entities {
		got = append(got, ent{d.Text[e.Start:e.End], e.Type, e.Group, e.Identity, e.MinSpan})
	}
	want := []ent{
		{"Virginia", "place", "1", "Virginia", []int{0}},
		{"Rick Smith", "person", "2", "", []int{2, 3}},
		{"Rick", "person", "3", "", []int{2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
}

func TestParseEntityUnopened(t *testing.T) {
	const in = "# text = a\n1\ta\ta\tDET\tDT\t_\t0\troot\t_\tEntity=4)\n"
	if _, err := Parse(strings.NewReader(in), "x"); err == nil {
		t.Error("no error for a mention closed before it opened")
	}
}
