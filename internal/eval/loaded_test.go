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

func TestRuneSpan(t *testing.T) {
	s := "“Caves” is fierce"
	sp, ok := runeSpan(s, 11, 17)
	if !ok || s[sp.Start:sp.End] != "fierce" {
		t.Errorf("runeSpan = %v %v", sp, ok)
	}
	sp, ok = runeSpan(s, 0, 7)
	if !ok || s[sp.Start:sp.End] != "“Caves”" {
		t.Errorf("runeSpan = %v %v", sp, ok)
	}
	if _, ok := runeSpan(s, 5, 40); ok {
		t.Error("runeSpan past the end")
	}
}
