package corefdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/eval/cat"
)

// view is a mention as the words it covers, for readable comparisons.
type view struct {
	Text, Min, Kind, Cluster, Global string
}

func views(d Doc) []view {
	var out []view
	for _, m := range d.Mentions {
		out = append(out, view{d.Text[m.Start:m.End], d.Text[m.Min.Start:m.Min.End], m.Kind, m.Cluster, m.Global})
	}
	return out
}

func tsv(s string) string { return strings.ReplaceAll(s, "  ", "\t") }

func TestParseGUM(t *testing.T) {
	// Columns are separated by two spaces here, tabs in the parsed text.
	in := tsv(`# newdoc id = doc1
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# newpar
# text = Chancellor Olaf Scholz met the press.
1  Chancellor  _  _  _  _  _  _  _  Entity=(1-person-new-sssss-cf1-2,3-coref
2  Olaf  _  _  _  _  _  _  _  _
3  Scholz  _  _  _  _  _  _  _  Entity=1)
4  met  _  _  _  _  _  _  _  _
5  the  _  _  _  _  _  _  _  Entity=(2-organization-new-nnnnn-cf2-2-sgl
6  press  _  _  _  _  _  _  _  Entity=2)|SpaceAfter=No
7  .  _  _  _  _  _  _  _  _

# text = He smiled at Berlin's mayor.
1  He  _  _  _  _  _  _  _  Entity=(1-person-giv:act-sssss-cf1-1-ana)
2  smiled  _  _  _  _  _  _  _  _
3  at  _  _  _  _  _  _  _  _
4  Berlin  _  _  _  _  _  _  _  Entity=(3-person-new-nnnnn-cf1-3-sgl(4-place-new-sssss-cf1-1-sgl)|SpaceAfter=No
5  's  _  _  _  _  _  _  _  _
6  mayor  _  _  _  _  _  _  _  Entity=3)|SpaceAfter=No
7  .  _  _  _  _  _  _  _  _

`)
	docs, err := ParseGUM(strings.NewReader(in), "x")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "doc1" {
		t.Fatalf("docs = %+v", docs)
	}
	d := docs[0]
	if want := "Chancellor Olaf Scholz met the press. He smiled at Berlin's mayor."; d.Text != want || d.Annotated != len(want) {
		t.Fatalf("text %q (annotated %d), want %q", d.Text, d.Annotated, want)
	}
	want := []view{
		{"Chancellor Olaf Scholz", "Olaf Scholz", Person, "1", ""},
		{"the press", "press", Organization, "2", ""},
		{"He", "He", Person, "1", ""},
		{"Berlin's mayor", "mayor", Person, "3", ""},
	}
	if diff := cmp.Diff(want, views(d)); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]int{{0, 2}, {1}, {3}}, d.Clusters()); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

func TestParseGUMErrors(t *testing.T) {
	for name, in := range map[string]string{
		"never closed": "# text = Olaf\n1  Olaf  _  _  _  _  _  _  _  Entity=(1-person-new-s-cf1-1-coref\n\n",
		"not open":     "# text = Olaf\n1  Olaf  _  _  _  _  _  _  _  Entity=1)\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseGUM(strings.NewReader(tsv(in)), "x"); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestParseEntityField(t *testing.T) {
	got := parseEntityField("(5-time-new-nnnnn-cf2-1-sgl)4)(7[1/2]-person-new-n-cf1-2,3-coref")
	want := []entityOp{
		{id: "5", etype: "time", minspan: "1", open: true, close: true},
		{id: "4", close: true},
		{id: "7", etype: "person", minspan: "2,3", open: true},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(entityOp{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

const meantimeDoc = `<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Airbus_hires" lang="en">
<token number="0" sentence="0" t_id="1">Airbus</token>
<token number="1" sentence="0" t_id="2">hires</token>
<token number="0" sentence="1" t_id="3">March</token>
<token number="1" sentence="1" t_id="4">01</token>
<token number="2" sentence="1" t_id="5">,</token>
<token number="3" sentence="1" t_id="6">2008</token>
<token number="0" sentence="2" t_id="7">The</token>
<token number="1" sentence="2" t_id="8">planemaker</token>
<token number="2" sentence="2" t_id="9">said</token>
<token number="3" sentence="2" t_id="10">` + "``" + `</token>
<token number="4" sentence="2" t_id="11">it</token>
<token number="5" sentence="2" t_id="12">'s</token>
<token number="6" sentence="2" t_id="13">fine</token>
<token number="7" sentence="2" t_id="14">''</token>
<token number="8" sentence="2" t_id="15">-LRB-</token>
<token number="9" sentence="2" t_id="16">Tom</token>
<token number="10" sentence="2" t_id="17">-RRB-</token>
<token number="0" sentence="3" t_id="18">Unannotated</token>
<token number="1" sentence="3" t_id="19">tail</token>
<Markables>
<ENTITY_MENTION m_id="1" head="" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" head="planemaker" syntactic_type="NOM"><token_anchor t_id="7"/><token_anchor t_id="8"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="11"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM"><token_anchor t_id="16"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="13"/></ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="6" type="DATE" value="2008-03-01"><token_anchor t_id="3"/></TIMEX3>
<ENTITY ent_type="ORG" instance_id="ORG1" m_id="10" TAG_DESCRIPTOR="Airbus"/>
<ENTITY ent_type="PER" m_id="11" TAG_DESCRIPTOR="Tom"/>
<ENTITY ent_type="PRO" instance_id="PRO1" m_id="12" TAG_DESCRIPTOR="fine"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><source m_id="3"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="4"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="5"/><target m_id="12"/></REFERS_TO>
</Relations>
</Document>
`

func TestReadCATMatchesCatRead(t *testing.T) {
	cd, err := readCAT(strings.NewReader(meantimeDoc))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := cat.Read(strings.NewReader(meantimeDoc))
	if err != nil {
		t.Fatal(err)
	}
	if cd.text != ref.Text {
		t.Fatalf("text %q, cat.Read %q", cd.text, ref.Text)
	}
	var toks []string
	for _, tk := range cd.tokens {
		toks = append(toks, cd.text[tk.Start:tk.End])
	}
	want := "Airbus hires March 01 , 2008 The planemaker said \" it 's fine \" ( Tom ) Unannotated tail"
	if got := strings.Join(toks, " "); got != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

func TestParseMEANTIME(t *testing.T) {
	d, err := parseMEANTIME([]byte(meantimeDoc), "1_Airbus_hires")
	if err != nil {
		t.Fatal(err)
	}
	if d.Date != "2008-03-01" {
		t.Errorf("date %q", d.Date)
	}
	if got := d.Text[:d.Annotated]; !strings.HasSuffix(got, "(Tom)") {
		t.Errorf("annotated text %q should end with the last annotated sentence", got)
	}
	want := []view{
		{"Airbus", "Airbus", Organization, "ORG1", "ORG1"},
		{"The planemaker", "planemaker", Organization, "ORG1", "ORG1"},
		{"it", "it", Organization, "ORG1", "ORG1"},
		{"Tom", "Tom", Person, "1_Airbus_hires#11", "1_Airbus_hires#11"},
	}
	if diff := cmp.Diff(want, views(d)); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

func TestLoadMEANTIME(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "intra_cross-doc_annotation", "corpus_airbus")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	later := strings.Replace(meantimeDoc, "2008-03-01", "2009-01-01", 1)
	for name, body := range map[string]string{"a.xml": later, "b.xml": meantimeDoc} {
		if err := os.WriteFile(filepath.Join(sub, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := LoadMEANTIME(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "b" || docs[1].ID != "a" || docs[0].Topic != "corpus_airbus" {
		t.Fatalf("want b then a (by date), got %+v", docs)
	}
	if _, err := LoadMEANTIME(filepath.Join(dir, "nope")); err == nil {
		t.Error("missing dir: no error")
	}
}

const ecbDoc = `<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="1_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="1" number="0">Tara</token>
<token t_id="3" sentence="1" number="1">Reid</token>
<token t_id="4" sentence="1" number="2">entered</token>
<token t_id="5" sentence="1" number="3">rehab</token>
<token t_id="6" sentence="2" number="0">She</token>
<token t_id="7" sentence="2" number="1">thanked</token>
<token t_id="8" sentence="2" number="2">her</token>
<token t_id="9" sentence="2" number="3">rep</token>
<token t_id="10" sentence="2" number="4">and</token>
<token t_id="11" sentence="2" number="5">Promises</token>
<token t_id="12" sentence="3" number="0">She</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="2"/><token_anchor t_id="3"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="6"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="8"/><token_anchor t_id="9"/></HUMAN_PART_PER>
<HUMAN_PART_ORG m_id="4"><token_anchor t_id="11"/></HUMAN_PART_ORG>
<HUMAN_PART_PER m_id="5"><token_anchor t_id="12"/></HUMAN_PART_PER>
<LOC_FAC m_id="6"><token_anchor t_id="5"/></LOC_FAC>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t1_tara" instance_id="HUM1"/>
<HUMAN_PART_PER m_id="21" TAG_DESCRIPTOR="the rep"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="100" note="HUM1"><source m_id="1"/><source m_id="2"/><source m_id="5"/><target m_id="20"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="101"><source m_id="3"/><target m_id="21"/></INTRA_DOC_COREF>
</Relations>
</Document>
`

func TestLoadECBPlus(t *testing.T) {
	dir := t.TempDir()
	topic := filepath.Join(dir, "ECB+", "1")
	if err := os.MkdirAll(topic, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(topic, "1_1ecb.xml"), []byte(ecbDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	// Sentence 3 is not validated: its "She" does not count.
	csv := "Topic,File,Sentence Number\n1,1ecb,1\n1,1ecb,2\n"
	if err := os.WriteFile(filepath.Join(dir, SentencesFile), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := LoadECBPlus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "1_1ecb.xml" || docs[0].Topic != "1" {
		t.Fatalf("docs = %+v", docs)
	}
	ref, _ := cat.Read(strings.NewReader(ecbDoc))
	if docs[0].Text != ref.Text {
		t.Errorf("text %q, cat.Read %q", docs[0].Text, ref.Text)
	}
	want := []view{
		{"Tara Reid", "Tara Reid", Person, "HUM1", "HUM1"},
		{"She", "She", Person, "HUM1", "HUM1"},
		{"her rep", "her rep", Person, "1_1ecb.xml#r101", "1_1ecb.xml#r101"},
		{"Promises", "Promises", Organization, "1_1ecb.xml#m4", "1_1ecb.xml#m4"},
	}
	if diff := cmp.Diff(want, views(docs[0])); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

// shared locates a dataset of the shared data root relative to this package.
func shared(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not available: %v", name, err)
	}
	return dir
}

// TestSharedData loads the real corpora: every mention lies in the text,
// its minimal span inside it, and the counts are those of the snapshot.
func TestSharedData(t *testing.T) {
	for _, c := range []struct {
		name          string
		load          func(string) ([]Doc, error)
		docs, minMent int
	}{
		{"gum-news", LoadGUM, 43, 3000},
		{"meantime", LoadMEANTIME, 90, 1500},
		{"ecbplus", LoadECBPlus, 772, 3000},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := c.load(shared(t, c.name))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range docs {
				for _, m := range d.Mentions {
					if m.Start < 0 || m.End > d.Annotated || m.Start >= m.End || m.Min.Start < m.Start || m.Min.End > m.End {
						t.Fatalf("%s: bad mention %+v", d.ID, m)
					}
				}
				n += len(d.Mentions)
			}
			if len(docs) != c.docs || n < c.minMent {
				t.Errorf("%d docs, %d mentions; want %d docs, at least %d mentions", len(docs), n, c.docs, c.minMent)
			}
			if c.name == "ecbplus" || c.name == "meantime" {
				// The text is cat.Read's, byte for byte.
				p := filepath.Join(shared(t, c.name), map[string]string{"meantime": "intra_cross-doc_annotation/corpus_apple", "ecbplus": "ECB+/3"}[c.name])
				paths, _ := filepath.Glob(filepath.Join(p, "*.xml"))
				for _, path := range paths[:min(10, len(paths))] {
					b, _ := os.ReadFile(path)
					ref, err := cat.Read(strings.NewReader(string(b)))
					if err != nil {
						t.Fatal(err)
					}
					cd, err := readCAT(strings.NewReader(string(b)))
					if err != nil {
						t.Fatal(err)
					}
					if cd.text != ref.Text {
						t.Errorf("%s: text differs from cat.Read", path)
					}
				}
			}
		})
	}
}
