package story

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWhenOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  Doc
		want when
	}{
		{"full date gives day, year and weekday", Doc{Text: "The plant closed on March 3, 2011, officials said."},
			when{days: []int{63}, years: []int{2011}, weekdays: 1 << time.Thursday}},
		{"weekday alone", Doc{Text: "The plant closed on Tuesday."}, when{weekdays: 1 << time.Tuesday}},
		{"resolved against the publication date", Doc{Text: "The plant closed on Tuesday.", Published: time.Date(2011, 3, 4, 0, 0, 0, 0, time.UTC)},
			when{days: []int{61}, years: []int{2011}, weekdays: 1 << time.Tuesday}},
		{"only the lede", Doc{Text: "The plant closed." + strings.Repeat(" It made parts.", 40) + " It opened in 1950."}, when{}},
		{"no dates", Doc{Text: "The plant closed."}, when{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, whenOf(tc.doc), cmp.AllowUnexported(when{})); diff != "" {
				t.Errorf("whenOf mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Two events of one kind, told in the same words, are told apart by the
// dates their ledes give; without the dates they merge.
func TestClustererSplitsByEventDate(t *testing.T) {
	body := " A fire broke out at the Norvale textile mill, and crews from three towns fought the blaze through the night. Mill owners said the cause was under investigation."
	docs := []Doc{
		{Text: "On Monday, March 7, 2011, the fire started." + body},
		{Text: "The fire started on March 7, 2011." + body},
		{Text: "On Friday, October 14, 2016, the fire started." + body},
	}
	for _, tc := range []struct {
		name string
		opts Options
		want []int
	}{
		{"with dates", Options{}, []int{0, 0, 1}},
		{"without dates", Options{DateWeight: -1, Dates: Penalties{Day: -1, Year: -1, Weekday: -1}}, []int{0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClusterer(tc.opts)
			var got []int
			for _, d := range docs {
				got = append(got, c.Add(d))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
			for id := range c.stories {
				for _, term := range c.Terms(id) {
					if isDateTerm(term) {
						t.Errorf("story %d is labelled by date term %q", id, term)
					}
				}
			}
		})
	}
}

func TestWhenFactor(t *testing.T) {
	p := Penalties{Day: 0.5, Year: 0.5, Weekday: 0.5}
	a := when{days: []int{100}, years: []int{2011}, weekdays: 1 << time.Monday}
	for _, tc := range []struct {
		name string
		o    when
		want float64
	}{
		{"agree", when{days: []int{101}, years: []int{2011}, weekdays: 1 << time.Tuesday}, 1},
		{"silent", when{}, 1},
		{"other day", when{days: []int{200}}, 0.5},
		{"other year and weekday", when{years: []int{2016}, weekdays: 1 << time.Friday}, 0.25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := a.factor(tc.o, p); got != tc.want {
				t.Errorf("factor = %v, want %v", got, tc.want)
			}
		})
	}
}
