package ecbplus

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	x := "<Document doc_name=\"3_1ecbplus.xml\">" +
		tok(1, 0, "He") + tok(2, 0, "said") + tok(3, 0, ",") + tok(4, 0, "``") + tok(5, 0, "no") + tok(6, 0, ".") +
		tok(7, 1, "It") + tok(8, 1, "costs") + tok(9, 1, "$") + tok(10, 1, "5") + "<Markables/></Document>"
	d, err := parse(strings.NewReader(x), "3_1ecbplus.xml")
	if err != nil {
		t.Fatal(err)
	}
	if d.Topic != 3 || d.Subtopic != "3b" || d.Text != "He said, \" no.\nIt costs $5" {
		t.Fatalf("%+v", d)
	}
}

func tok(id, sent int, w string) string {
	return fmt.Sprintf("<token t_id=\"%d\" sentence=\"%d\">%s</token>\n", id, sent, w)
}

func TestLoad(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", "ecbplus")
	docs, err := Load(dir)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no ../shared")
	}
	if err != nil {
		t.Fatal(err)
	}
	subs := map[string]int{}
	for _, d := range docs {
		subs[d.Subtopic]++
		if len(d.Text) < 20 {
			t.Errorf("%s: text %q", d.Name, d.Text)
		}
	}
	if len(docs) != 772 || len(subs) != 66 {
		t.Fatalf("%d docs, %d subtopics; want 772, 66 (PROVENANCE.md)", len(docs), len(subs))
	}
	if _, err := Load(t.TempDir() + "/nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing dir: %v", err)
	}
}
