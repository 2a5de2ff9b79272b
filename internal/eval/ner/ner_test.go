package ner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shared locates a dataset of the shared data root relative to this
// package, or skips.
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "..", "shared", "eval", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available: %v", rel, err)
	}
	return p
}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// got renders a doc's gold as "type:text" and ignored spans as "-:text".
func got(d Doc) []string {
	var out []string
	for _, g := range d.Gold {
		out = append(out, g.Type+":"+g.In(d.Text))
	}
	for _, s := range d.Ignore {
		out = append(out, "-:"+s.In(d.Text))
	}
	return out
}

func TestCrossNER(t *testing.T) {
	p := write(t, t.TempDir(), "dev.txt", "Lincoln\tB-politician\nmet\tO\nthe\tO\nUnited\tB-country\nStates\tI-country\nArmy\tI-organisation\nin\tO\n1861\tB-election\n\nHi\tO\n")
	docs, err := CrossNER(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	d := docs[0]
	if d.Text != "Lincoln met the United States Army in 1861" || d.Split != "dev" || d.ID != "dev-1" {
		t.Errorf("doc = %q %q %q", d.ID, d.Split, d.Text)
	}
	want := []string{"person:Lincoln", "location:United States", "organization:Army", "-:1861"}
	if diff := cmp.Diff(want, got(d)); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
	if d.Gold[0].Fine != "politician" {
		t.Errorf("Fine = %q", d.Gold[0].Fine)
	}
}

func TestReadBIOErrors(t *testing.T) {
	for name, in := range map[string]string{
		"unknown label": "x\tB-alien\n",
		"bad tag":       "x\tZ-person\n",
		"no tag":        "x y z\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadBIO(strings.NewReader(in), "", wnut17Types); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestWNUT17(t *testing.T) {
	p := write(t, t.TempDir(), "emerging.test.annotated", "Apple\tB-corporation\niPhone\tB-product\nin\tO\nParis\tB-location\nby\tO\nJo\tB-person\nBo\tI-person\n")
	docs, err := WNUT17(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"organization:Apple", "location:Paris", "person:Jo Bo", "-:iPhone"}
	if diff := cmp.Diff(want, got(docs[0])); diff != "" || docs[0].Split != "test" {
		t.Errorf("split %q, mentions (-want +got):\n%s", docs[0].Split, diff)
	}
}

const gumDoc = `# newdoc id = GUM_news_x
# newpar
# text = The University of Helsinki's President John Smith met Americans in the US.
1	The	the	DET	DT	_	2	det	_	Entity=(1-organization-new-sssss-cf1-2,4-coref
2	University	University	PROPN	NNP	_	9	nsubj	_	_
3	of	of	ADP	IN	_	4	case	_	_
4	Helsinki	Helsinki	PROPN	NNP	_	2	nmod	_	Entity=(3-place-new-sssss-cf1-1-coref)|SpaceAfter=No
5	's	's	PART	POS	_	2	case	_	Entity=1)
6	President	President	PROPN	NNP	_	8	compound	_	Entity=(2-person-new-sssss-cf1-2,3-coref
7	John	John	PROPN	NNP	_	8	compound	_	_
8	Smith	Smith	PROPN	NNP	_	9	nsubj	_	Entity=2)
9	met	meet	VERB	VBD	_	0	root	_	_
10	Americans	American	PROPN	NNPS	_	9	obj	_	Entity=(4-person-new-sssss-cf1-1-coref)
11	in	in	ADP	IN	_	13	case	_	_
12	the	the	DET	DT	_	13	det	_	Entity=(5-place-new-sssss-cf1-2-coref
13	US	US	PROPN	NNP	_	9	obl	_	Entity=5)|SpaceAfter=No
14	.	.	PUNCT	.	_	9	punct	_	_

# newpar
# text = Monday's Olympics were fun.
1-2	Monday's	_	_	_	_	_	_	_	_
1	Monday	Monday	PROPN	NNP	_	3	nmod	_	Entity=(6-time-new-sssss-cf1-1-coref)
2	's	's	PART	POS	_	1	case	_	_
3	Olympics	Olympics	PROPN	NNPS	_	5	nsubj	_	Entity=(7-event-new-sssss-cf1-1-coref)
4	were	be	AUX	VBD	_	5	cop	_	_
5	fun	fun	ADJ	JJ	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_

# newpar
# text = NASA Administrator Jo Bo told spokesperson Al Day.
1	NASA	NASA	PROPN	NNP	_	2	compound	_	Entity=(8-person-new-sssss-cf1-3-coref(9-organization-new-sssss-cf1-1-coref)
2	Administrator	Administrator	PROPN	NNP	_	3	nmod:desc	_	_
3	Jo	Jo	PROPN	NNP	_	5	nsubj	_	_
4	Bo	Bo	PROPN	NNP	_	3	flat	_	Entity=8)
5	told	tell	VERB	VBD	_	0	root	_	_
6	spokesperson	spokesperson	NOUN	NN	_	5	obj	_	Entity=(10-person-new-sssss-cf1-1-coref
7	Al	Al	PROPN	NNP	_	6	flat	_	_
8	Day	Day	PROPN	NNP	_	7	flat	_	Entity=10)|SpaceAfter=No
9	.	.	PUNCT	.	_	5	punct	_	_
`

func TestGUM(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "dep/GUM_news_x.conllu", gumDoc)
	write(t, dir, "dep/GUM_news_y.conllu", strings.ReplaceAll(gumDoc, "GUM_news_x", "GUM_news_y"))
	write(t, dir, "original/splits.md", "# Splits\n\n## dev\n\n  * GUM_news_y\n\n## test\n\n  * GUM_other\n")
	docs, err := GUM(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Split != "train" || docs[1].Split != "dev" {
		t.Fatalf("got %d docs, splits %q %q", len(docs), docs[0].Split, docs[1].Split)
	}
	want := []string{
		"organization:University of Helsinki",
		"location:Helsinki",
		"person:John Smith",
		"location:US",
		"organization:NASA",
		"person:Jo Bo",
		"person:Al Day",
		"-:Americans",
		"-:Olympics",
	}
	if diff := cmp.Diff(want, got(docs[0])); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

const meantimeDoc = `<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Test" lang="en">
<token number="0" sentence="0" t_id="1">European</token>
<token number="1" sentence="0" t_id="2">airframer</token>
<token number="2" sentence="0" t_id="3">Airbus</token>
<token number="3" sentence="0" t_id="4">hired</token>
<token number="4" sentence="0" t_id="5">President</token>
<token number="5" sentence="0" t_id="6">Jo</token>
<token number="6" sentence="0" t_id="7">Bo</token>
<token number="7" sentence="0" t_id="8">,</token>
<token number="8" sentence="0" t_id="9">the</token>
<token number="9" sentence="0" t_id="10">CEO</token>
<token number="10" sentence="0" t_id="11">.</token>
<token number="0" sentence="1" t_id="12">The</token>
<token number="1" sentence="1" t_id="13">German</token>
<token number="2" sentence="1" t_id="14">A380</token>
<token number="3" sentence="1" t_id="15">flew</token>
<token number="4" sentence="1" t_id="16">to</token>
<token number="5" sentence="1" t_id="17">the</token>
<token number="6" sentence="1" t_id="18">United</token>
<token number="7" sentence="1" t_id="19">States</token>
<token number="8" sentence="1" t_id="20">of</token>
<token number="9" sentence="1" t_id="21">America</token>
<token number="10" sentence="1" t_id="22">in</token>
<token number="11" sentence="1" t_id="23">May</token>
<token number="0" sentence="2" t_id="24">Unannotated</token>
<token number="1" sentence="2" t_id="25">Paris</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/><token_anchor t_id="8"/><token_anchor t_id="9"/><token_anchor t_id="10"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRE.NAM"><token_anchor t_id="13"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="12"/><token_anchor t_id="13"/><token_anchor t_id="14"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="17"/><token_anchor t_id="18"/><token_anchor t_id="19"/><token_anchor t_id="20"/><token_anchor t_id="21"/><token_anchor t_id="22"/><token_anchor t_id="23"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="6"><token_anchor t_id="25"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="ORG"/>
<ENTITY m_id="11" ent_type="PER"/>
<ENTITY m_id="12" ent_type="LOC"/>
<ENTITY m_id="13" ent_type="PRO"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><source m_id="5"/><target m_id="12"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="4"/><target m_id="13"/></REFERS_TO>
<REFERS_TO r_id="5"><source m_id="6"/><target m_id="12"/></REFERS_TO>
</Relations>
</Document>
`

func TestMeantime(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "intra_cross-doc_annotation/corpus_x/1_Test.xml", meantimeDoc)
	docs, err := Meantime(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d docs", len(docs))
	}
	d := docs[0]
	if d.ID != "1_Test" {
		t.Errorf("ID = %q", d.ID)
	}
	want := []string{
		"organization:Airbus",
		"person:Jo Bo",
		"location:United States of America",
		"-:German",
		"-:German A380",
	}
	if diff := cmp.Diff(want, got(d)); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
	if len(d.Scored) != 1 || !strings.HasSuffix(d.Scored[0].In(d.Text), "America in May") {
		t.Errorf("Scored = %v: %q", d.Scored, d.Text)
	}
}

func TestMeantimeMissing(t *testing.T) {
	if _, err := Meantime(t.TempDir()); err == nil {
		t.Error("no error for an empty dir")
	}
}

// TestShared loads the shared datasets and checks the gold counts are
// those the package doc reports, within a margin.
func TestShared(t *testing.T) {
	type counts map[string]int
	count := func(docs []Doc, keep func(Doc) bool) counts {
		c := counts{}
		for _, d := range docs {
			if keep != nil && !keep(d) {
				continue
			}
			c["docs"]++
			for _, g := range d.Gold {
				c[g.Type]++
				if g.In(d.Text) == "" {
					t.Errorf("%s: gold %v outside the text", d.ID, g.Span)
				}
			}
		}
		return c
	}
	near := func(t *testing.T, name string, got counts, want counts) {
		t.Helper()
		for k, w := range want {
			if g := got[k]; g < w*9/10 || g > w*11/10 {
				t.Errorf("%s: %s = %d, want about %d", name, k, g, w)
			}
		}
		t.Logf("%s: %v", name, got)
	}
	t.Run("crossner", func(t *testing.T) {
		dir := shared(t, "crossner-politics")
		test, err := CrossNER(filepath.Join(dir, "test.txt"))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "test", count(test, nil), counts{"docs": 651, Person: 839, Organization: 1466, Location: 1017})
		dev, err := CrossNER(filepath.Join(dir, "dev.txt"))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "dev", count(dev, nil), counts{"docs": 541, Person: 697, Organization: 1484, Location: 394})
	})
	t.Run("wnut17", func(t *testing.T) {
		docs, err := WNUT17(filepath.Join(shared(t, "wnut17"), "emerging.test.annotated"))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "test", count(docs, nil), counts{"docs": 1287, Person: 429, Organization: 231, Location: 150})
	})
	t.Run("gum", func(t *testing.T) {
		docs, err := GUM(shared(t, "gum-news"))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "all", count(docs, nil), counts{"docs": 43, Person: 674, Organization: 600, Location: 509})
		held := func(d Doc) bool { return d.Split == "dev" || d.Split == "test" }
		near(t, "dev+test", count(docs, held), counts{"docs": 8, Person: 101, Organization: 84, Location: 123})
	})
	t.Run("meantime", func(t *testing.T) {
		docs, err := Meantime(shared(t, "meantime"))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "all", count(docs, nil), counts{"docs": 90, Person: 75, Organization: 468, Location: 167})
	})
}

// A person's phrase holding the name of another entity: the nested name
// says whose title it is ("of the Atlantis Union") and is not part of the
// person's name; a phrase whose only name is nested is no person name. A
// short name in brackets after a name is a name of the same entity.
const meantimeNested = `<?xml version="1.0" ?><Document doc_id="2" doc_name="2_Nested" lang="en">
<token number="0" sentence="0" t_id="1">President</token>
<token number="1" sentence="0" t_id="2">of</token>
<token number="2" sentence="0" t_id="3">the</token>
<token number="3" sentence="0" t_id="4">Atlantis</token>
<token number="4" sentence="0" t_id="5">Union</token>
<token number="5" sentence="0" t_id="6">Jo</token>
<token number="6" sentence="0" t_id="7">Bo</token>
<token number="7" sentence="0" t_id="8">met</token>
<token number="8" sentence="0" t_id="9">the</token>
<token number="9" sentence="0" t_id="10">Chief</token>
<token number="10" sentence="0" t_id="11">Executive</token>
<token number="11" sentence="0" t_id="12">of</token>
<token number="12" sentence="0" t_id="13">Acme</token>
<token number="13" sentence="0" t_id="14">.</token>
<token number="0" sentence="1" t_id="15">Zeta</token>
<token number="1" sentence="1" t_id="16">(</token>
<token number="2" sentence="1" t_id="17">ZT</token>
<token number="3" sentence="1" t_id="18">)</token>
<Markables>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="15"/><token_anchor t_id="16"/><token_anchor t_id="17"/><token_anchor t_id="18"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="9"/><token_anchor t_id="10"/><token_anchor t_id="11"/><token_anchor t_id="12"/><token_anchor t_id="13"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="13"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="PER"/>
<ENTITY m_id="11" ent_type="LOC"/>
<ENTITY m_id="12" ent_type="PER"/>
<ENTITY m_id="13" ent_type="ORG"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><target m_id="12"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="4"/><source m_id="5"/><target m_id="13"/></REFERS_TO>
</Relations>
</Document>
`

func TestMeantimeNested(t *testing.T) {
	d, err := ReadMeantime(strings.NewReader(meantimeNested), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"location:Atlantis Union",
		"person:Jo Bo",
		"organization:Acme",
		"organization:Zeta",
		"organization:ZT",
		"-:Chief Executive",
	}
	if diff := cmp.Diff(want, got(d)); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

func TestStripTitles(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string // "" when nothing but titles is left
	}{
		{"U.S. Senator John Cornyn", "John Cornyn"},
		{"Ottawa New Democrat MP", ""},
		{"MP", ""},
		{"Chris Gregoire", "Chris Gregoire"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			words := strings.Fields(tc.name)
			first, ok := stripTitles(words, 0, len(words)-1)
			got := ""
			if ok {
				got = strings.Join(words[first:], " ")
			}
			if got != tc.want {
				t.Errorf("stripTitles(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}
