package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parallax-news/parallax/internal/timex"
)

func TestReadTimeMLAndScore(t *testing.T) {
	const doc = `<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>Shares fell on <TIMEX3 tid="t1" type="DATE" value="2013-03-19">Tuesday</TIMEX3> &amp; rose <TIMEX3 tid="t2" type="DATE" value="2013-03-21">yesterday</TIMEX3>.</TEXT></TimeML>`
	d, err := readTimeML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !d.dct.Equal(time.Date(2013, 3, 22, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dct = %v", d.dct)
	}
	var spans []string
	for _, g := range d.timex {
		spans = append(spans, d.text[g.start:g.end])
	}
	if diff := cmp.Diff([]string{"Tuesday", "yesterday"}, spans); diff != "" {
		t.Errorf("gold spans (-want +got):\n%s", diff)
	}
	c := scoreTimex(d.timex, timex.Find(d.text, d.dct))
	if c.strict.TP != 2 || c.value.TP != 2 || c.relaxed.FP != 0 {
		t.Errorf("counts = %+v, want 2 strict and 2 value matches", c)
	}
	// A wrong value and a spurious find.
	c = scoreTimex(d.timex, []timex.Timex{{Start: d.timex[0].start, End: d.timex[0].end, Value: "2013-03-12"}, {Start: 0, End: 6, Value: "2013"}})
	want := timexCounts{strict: PRF{TP: 1, FP: 1, FN: 1}, relaxed: PRF{TP: 1, FP: 1, FN: 1}, value: PRF{TP: 0, FP: 2, FN: 2}}
	if c != want {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
}

// TestTimexTaskTE3 runs the task on the shared TempEval-3 platinum set and
// holds it to the figures measured when it was added (relaxed F1 0.835,
// value F1 0.736), less a margin.
func TestTimexTaskTE3(t *testing.T) {
	root := sharedRoot(t)
	for _, d := range timexTask().Datasets {
		t.Run(d.Name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(root, d.Marker)); err != nil {
				t.Skip(err)
			}
			res, err := d.Run(context.Background(), Env{Root: root})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s n=%d %v", d.Name, res.N, res.Metrics)
			if res.Metrics["relaxed_f1"] < 0.8 || res.Metrics["value_f1"] < 0.7 {
				t.Errorf("relaxed F1 %.3f, value F1 %.3f: below 0.8 / 0.7", res.Metrics["relaxed_f1"], res.Metrics["value_f1"])
			}
		})
	}
}
