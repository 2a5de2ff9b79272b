package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHarnessRun(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"ok", "broken", "panics", "incomplete"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := &Harness{Tasks: []Task{
		{Name: "a", Datasets: []Dataset{
			{Name: "ok", Marker: "ok", Run: func(context.Context, Env) (Result, error) {
				return Result{N: 3, Metrics: map[string]float64{"f1": 2.0 / 3}}, nil
			}},
			{Name: "missing", Marker: "missing", Run: func(context.Context, Env) (Result, error) {
				t.Error("a missing dataset was run")
				return Result{}, nil
			}},
			{Name: "incomplete", Marker: "incomplete", Run: func(context.Context, Env) (Result, error) {
				return Result{}, fmt.Errorf("load: %w", fs.ErrNotExist)
			}},
			{Name: "broken", Marker: "broken", Run: func(context.Context, Env) (Result, error) {
				return Result{}, errors.New("bad gold")
			}},
		}},
		{Name: "b", Datasets: []Dataset{
			{Name: "panics", Marker: "panics", Run: func(context.Context, Env) (Result, error) { panic("boom") }},
		}},
	}}
	var got []string
	failed, err := h.Run(context.Background(), Env{Root: root}, nil, func(o Outcome) {
		switch {
		case o.Skipped != nil:
			got = append(got, o.Result.Task+"/"+o.Result.Dataset+" skipped")
		case o.Err != nil:
			got = append(got, o.Result.Task+"/"+o.Result.Dataset+" failed: "+o.Err.Error())
		default:
			b, _ := json.Marshal(o.Result)
			got = append(got, string(b))
		}
	})
	if err != nil || failed != 3 {
		t.Fatalf("failed=%d err=%v", failed, err)
	}
	want := []string{
		`{"task":"a","dataset":"ok","n":3,"metrics":{"f1":0.6667}}`,
		"a/missing skipped",
		"a/incomplete failed: load: file does not exist",
		"a/broken failed: bad gold",
		"b/panics failed: panic: boom",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	if _, err := h.Run(context.Background(), Env{}, []string{"nope"}, func(Outcome) {}); err == nil ||
		!strings.Contains(err.Error(), "known: a, b") {
		t.Fatalf("unknown task: %v", err)
	}
	n := 0
	if _, err := h.Run(context.Background(), Env{Root: root}, []string{"b"}, func(Outcome) { n++ }); err != nil || n != 1 {
		t.Fatalf("named task: n=%d err=%v", n, err)
	}
}

func TestDefaultTasksHaveDatasets(t *testing.T) {
	for _, task := range Default().Tasks {
		if task.Name == "" || task.Doc == "" || len(task.Datasets) == 0 {
			t.Errorf("task %+v incomplete", task)
		}
		for _, d := range task.Datasets {
			if d.Name == "" || d.Run == nil || d.Marker == "" {
				t.Errorf("%s: dataset %+v incomplete", task.Name, d)
			}
		}
	}
}

func TestScoreBoundaries(t *testing.T) {
	text := "A b. C d.\nE f."
	// gold ends: 4 (inner), 9 (para end), 14 (text end)
	all, inner := scoreBoundaries(text, []int{4, 9, 14}, []int{9, 14})
	if all != (PRF{2, 0, 1}) || inner != (PRF{0, 0, 1}) {
		t.Fatalf("all %+v inner %+v", all, inner)
	}
}
