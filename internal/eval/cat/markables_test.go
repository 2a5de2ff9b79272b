package cat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const annotated = `<?xml version="1.0" ?><Document doc_name="d">
<token number="0" sentence="0" t_id="1">Boeing</token>
<token number="1" sentence="0" t_id="2">-LRB-</token>
<token number="2" sentence="0" t_id="3">BA</token>
<token number="3" sentence="0" t_id="4">-RRB-</token>
<token number="0" sentence="1" t_id="5">won</token>
<token number="1" sentence="1" t_id="6">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY m_id="9" ent_type="ORG"/>
</Markables>
<Relations>
<REFERS_TO r_id="5"><source m_id="1"/><source m_id="2"/><target m_id="9"/></REFERS_TO>
</Relations>
</Document>`

func TestReadAnnotated(t *testing.T) {
	d, err := ReadAnnotated(strings.NewReader(annotated))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Read(strings.NewReader(annotated))
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != plain.Text || d.Text != "Boeing (BA)\nwon." {
		t.Errorf("Text = %q, Read gives %q", d.Text, plain.Text)
	}
	var words []string
	for _, tk := range d.Tokens {
		words = append(words, tk.In(d.Text))
	}
	if diff := cmp.Diff([]string{"Boeing", "(", "BA", ")", "won", "."}, words); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if len(d.Markables) != 3 || d.Markables[1].Attrs["syntactic_type"] != "NAM" || d.Markables[2].Attrs["ent_type"] != "ORG" {
		t.Fatalf("markables = %+v", d.Markables)
	}
	if s, ok := d.Markables[1].Span(d.Tokens); !ok || s.In(d.Text) != "BA" {
		t.Errorf("markable 2 span = %v %v", s, ok)
	}
	want := []Relation{{Tag: "REFERS_TO", ID: "5", Attrs: map[string]string{"r_id": "5"}, Sources: []string{"1", "2"}, Targets: []string{"9"}}}
	if diff := cmp.Diff(want, d.Relations); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
}

func TestReadAnnotatedBadAnchor(t *testing.T) {
	in := `<Document><token t_id="1" sentence="0">a</token><Markables><X m_id="1"><token_anchor t_id="7"/></X></Markables></Document>`
	if _, err := ReadAnnotated(strings.NewReader(in)); err == nil {
		t.Error("no error for an anchor naming no token")
	}
}
