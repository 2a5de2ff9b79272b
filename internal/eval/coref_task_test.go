package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/corefdata"
)

func TestMatchMentions(t *testing.T) {
	// "Chancellor Olaf Scholz" [0,22) with minimal span "Olaf Scholz"
	// [11,22); "he" [30,32).
	gold := []corefdata.Mention{
		{Span: sp(0, 22), Min: sp(11, 22)},
		{Span: sp(30, 32), Min: sp(30, 32)},
	}
	tests := []struct {
		name    string
		resp    []article.Span
		lenient bool
		want    []int
	}{
		{"exact", []article.Span{sp(0, 22), sp(30, 32)}, true, []int{0, 1}},
		{"head inside gold", []article.Span{sp(11, 22)}, true, []int{0}},
		{"head inside gold, exact only", []article.Span{sp(11, 22)}, false, []int{-1}},
		{"misses the minimal span", []article.Span{sp(0, 10)}, true, []int{-1}},
		{"beyond the gold span", []article.Span{sp(11, 25)}, true, []int{-1}},
		{"one gold, two responses: exact wins", []article.Span{sp(11, 22), sp(0, 22)}, true, []int{-1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, matchMentions(gold, tt.resp, tt.lenient)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// fakeDoc builds a scored document: gold mentions with clusters and
// globals, response mentions on the same spans with the given entities.
func fakeDoc(id string, gold []corefdata.Mention, entities []int) corefDoc {
	d := corefDoc{gold: corefdata.Doc{ID: id, Mentions: gold}, resp: &entity.Doc{}}
	n := 0
	for _, e := range entities {
		n = max(n, e+1)
	}
	d.resp.Entities = make([]entity.Entity, n)
	var spans []article.Span
	for i, e := range entities {
		m := entity.Mention{Span: gold[i].Span, Kind: entity.Person, Entity: e}
		d.resp.Mentions = append(d.resp.Mentions, m)
		d.keep = append(d.keep, i)
		spans = append(spans, m.Span)
	}
	d.match = matchMentions(gold, spans, true)
	d.exact = matchMentions(gold, spans, false)
	return d
}

func gm(a, b int, cluster, global string) corefdata.Mention {
	return corefdata.Mention{Span: sp(a, b), Min: sp(a, b), Cluster: cluster, Global: global}
}

func TestCorefWithinAndAcross(t *testing.T) {
	// Doc 1: gold {a b} {c}; the response merges all three.
	d1 := fakeDoc("d1", []corefdata.Mention{gm(0, 1, "1", "X"), gm(2, 3, "1", "X"), gm(4, 5, "2", "Y")}, []int{0, 0, 0})
	// Doc 2: gold {a} {b}; the response keeps them apart (b unresolved).
	d2 := fakeDoc("d2", []corefdata.Mention{gm(0, 1, "1", "X"), gm(2, 3, "2", "Z")}, []int{0, -1})
	docs := []corefDoc{d1, d2}

	m := scoreWithin(docs)
	// Doc 1 alone: MUC R 1/1 P 1/2; doc 2: R 0/0 P 0/0 -> R 1, P 1/2.
	if !near(m["muc_recall"], 1) || !near(m["muc_precision"], 0.5) || m["gold_mentions"] != 5 || m["gold_entities"] != 4 {
		t.Errorf("within: %v", m)
	}
	if m["conll_f1"] != m["exact_conll_f1"] {
		t.Errorf("exact spans: lenient and exact should agree: %v", m)
	}

	// Global ids that link nothing across documents: items X(d1), X(d2),
	// Y(d1), Z(d2), with d1's X and Y sharing a response entity.
	ids := [][]int{{0}, {1}}
	b := crossEntities(docs, ids)
	if !near(b.Recall, 0.75) || !near(b.Precision, 0.75) {
		t.Errorf("cross entities: %+v", b)
	}
	bm := crossMentions(docs, ids)
	// Linking d1's entity to d2's makes all X mentions one: recall 1.
	if b := crossEntities(docs, [][]int{{0}, {0}}); !near(b.Recall, 1) || !near(b.Precision, 2.0/3) {
		t.Errorf("cross entities, linked: %+v", b)
	}
	// Mentions X X Y (d1, one response entity), X (d2), Z (d2, singleton).
	// Recall: d1 X's 2/3 each, Y 1, d2 X 1/3, Z 1 -> (4/3+1+1/3+1)/5.
	// Precision: d1's three 2/3, 2/3, 1/3; d2's two 1 -> (11/3)/5.
	if !near(bm.Recall, (4.0/3+1+1.0/3+1)/5) || !near(bm.Precision, 11.0/15) {
		t.Errorf("cross mentions: %+v", bm)
	}
}

// TestCorefTaskSharedData runs the task on the shared data root; the
// figures depend on the recognizer, so only the shape is checked.
func TestCorefTaskSharedData(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared")
	for _, d := range corefTask().Datasets {
		t.Run(d.Name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(root, d.Marker)); err != nil {
				t.Skipf("%s absent", d.Marker)
			}
			res, err := d.Run(context.Background(), Env{Root: root})
			if err != nil {
				t.Fatal(err)
			}
			if res.N == 0 || res.Metrics["gold_mentions"] == 0 {
				t.Errorf("empty result: %+v", res)
			}
			for _, k := range map[string][]string{
				"meantime": {"conll_f1", "muc_f1", "bcubed_f1", "ceafe_f1", "cross_bcubed_f1"},
				"gum-news": {"conll_f1", "muc_f1", "bcubed_f1", "ceafe_f1"},
				"ecbplus":  {"bcubed_f1"},
			}[d.Name] {
				if _, ok := res.Metrics[k]; !ok {
					t.Errorf("no %s in %v", k, res.Metrics)
				}
			}
			t.Logf("%s n=%d %v", d.Name, res.N, res.Metrics)
		})
	}
}
