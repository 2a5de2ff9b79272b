package eval

import (
	"context"
	"testing"
)

func TestLoadedTask(t *testing.T) {
	root := sourcingRoot(t)
	for _, d := range loadedTask().Datasets {
		res, err := d.Run(context.Background(), Env{Root: root})
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		t.Logf("loaded/%s n=%d %v", d.Name, res.N, res.Metrics)
	}
}

func TestPyList(t *testing.T) {
	got := pyList(`['criminals', "it's", 'extreme']`)
	if len(got) != 3 || got[0] != "criminals" || got[1] != "it's" || got[2] != "extreme" {
		t.Errorf("pyList = %q", got)
	}
	if got := pyList("[]"); len(got) != 0 {
		t.Errorf("pyList([]) = %q", got)
	}
}
