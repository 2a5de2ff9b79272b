package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

func TestHarnessRun(t *testing.T) {
	h := &Harness{Tasks: []Task{
		{Name: "a", Datasets: []Dataset{
			{Name: "ok", Run: func(context.Context, Env) (Result, error) {
				return Result{N: 3, Metrics: map[string]float64{"f1": 2.0 / 3}}, nil
			}},
			{Name: "missing", Run: func(context.Context, Env) (Result, error) {
				return Result{}, fmt.Errorf("load: %w", fs.ErrNotExist)
			}},
			{Name: "broken", Run: func(context.Context, Env) (Result, error) {
				return Result{}, errors.New("bad gold")
			}},
		}},
		{Name: "b", Datasets: []Dataset{
			{Name: "panics", Run: func(context.Context, Env) (Result, error) { panic("boom") }},
		}},
	}}
	var got []string
	failed, err := h.Run(context.Background(), Env{}, nil, func(o Outcome) {
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
	if err != nil || failed != 2 {
		t.Fatalf("failed=%d err=%v", failed, err)
	}
	want := []string{
		`{"task":"a","dataset":"ok","n":3,"metrics":{"f1":0.6667}}`,
		"a/missing skipped",
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
	if _, err := h.Run(context.Background(), Env{}, []string{"b"}, func(Outcome) { n++ }); err != nil || n != 1 {
		t.Fatalf("named task: n=%d err=%v", n, err)
	}
}

func TestDefaultTasksHaveDatasets(t *testing.T) {
	for _, task := range Default().Tasks {
		if task.Name == "" || task.Doc == "" || len(task.Datasets) == 0 {
			t.Errorf("task %+v incomplete", task)
		}
		for _, d := range task.Datasets {
			if d.Name == "" || d.Run == nil {
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
