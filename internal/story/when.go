package story

import (
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// when is the date signature of an article or a story: the calendar facts
// its lede states about when the event happened. Two articles whose ledes
// name different days, years or weekdays most likely tell different events
// of the same kind (two earthquakes, two arrests of the same man), which
// their words alone do not tell apart.
type when struct {
	days     []int // day of year, 1..366, of dates with a month and day ("June 13")
	years    []int
	weekdays uint8 // bit i: weekday i (time.Weekday) named or implied
}

// ledeBytes bounds the text read for dates: the lede tells when the event
// happened; the body adds background dates of other events.
const ledeBytes = 500

// maxWhen bounds a story's signature, so comparing with it costs the same
// however many articles the story has.
const maxWhen = 12

func whenOf(d Doc) when {
	var w when
	s := d.Text
	if len(s) > ledeBytes {
		s = s[:ledeBytes]
	}
	w.addAll(d.Title, d.Published)
	w.addAll(s, d.Published)
	return w
}

func (w *when) addAll(s string, ref time.Time) {
	for _, x := range timex.Find(s, ref) {
		if x.Type != timex.Date {
			continue
		}
		w.addValue(x.Value)
	}
}

// addValue records a TimeML date value: "2013-05-02", "XXXX-05-02",
// "2013", "2013-05", "XXXX-WXX-4".
func (w *when) addValue(v string) {
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0
		}
		return n
	}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-' && v[5] != 'X' && v[8] != 'X':
		y, m, d := num(v[:4]), num(v[5:7]), num(v[8:10])
		if m < 1 || m > 12 {
			return
		}
		yy := y
		if yy == 0 {
			yy = 2000 // leap year: the day of year is the same as in any year for Mar-Dec
		} else {
			w.years = addInt(w.years, y)
			w.weekdays |= 1 << time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Weekday()
		}
		w.days = addInt(w.days, time.Date(2000, time.Month(m), d, 0, 0, 0, 0, time.UTC).YearDay())
	case len(v) == 10 && v[:9] == "XXXX-WXX-":
		if n := num(v[9:]); n >= 1 && n <= 7 {
			w.weekdays |= 1 << (n % 7)
		}
	case len(v) >= 4 && v[:4] != "XXXX":
		if y := num(v[:4]); y > 0 {
			w.years = addInt(w.years, y)
		}
	}
}

func addInt(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	if len(s) >= maxWhen {
		return s
	}
	return append(s, v)
}

// merge adds o's facts to w.
func (w *when) merge(o when) {
	for _, d := range o.days {
		w.days = addInt(w.days, d)
	}
	for _, y := range o.years {
		w.years = addInt(w.years, y)
	}
	w.weekdays |= o.weekdays
}

// dayTolerance is how many days apart two dates of one event may be named:
// reports a day or two later date it by the report.
const dayTolerance = 2

// factor is what multiplies the similarity of an article (w) with a story
// (o): below 1 for each kind of fact on which both speak and disagree.
func (w when) factor(o when, p Penalties) float64 {
	f := 1.0
	if len(w.days) > 0 && len(o.days) > 0 && !daysMeet(w.days, o.days) {
		f *= 1 - p.Day
	}
	if len(w.years) > 0 && len(o.years) > 0 && !intsMeet(w.years, o.years) {
		f *= 1 - p.Year
	}
	if w.weekdays != 0 && o.weekdays != 0 && w.weekdays&o.weekdays == 0 && !nearWeekdays(w.weekdays, o.weekdays) {
		f *= 1 - p.Weekday
	}
	return f
}

func daysMeet(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			d := x - y
			if d < 0 {
				d = -d
			}
			if d > 183 {
				d = 366 - d
			}
			if d <= dayTolerance {
				return true
			}
		}
	}
	return false
}

func intsMeet(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// nearWeekdays says whether a weekday of a is the day before or after one
// of b ("on Tuesday" in the report of the day, "on Monday" a day later is
// rather "yesterday", but reports differ).
func nearWeekdays(a, b uint8) bool {
	rot := func(x uint8, n int) uint8 { return (x<<n | x>>(7-n)) & 0x7f }
	return a&(rot(b, 1)|rot(b, 6)) != 0
}

// dateTermPrefix marks the terms that stand for date facts; no word of a
// text starts with it.
const dateTermPrefix = "\x00"

// addTerms adds w's facts to a term vector as pseudo-terms, so articles
// dated alike are more similar and articles dated apart less, with the
// weight idf gives each fact (a year is common, a day rarer).
func (w when) addTerms(tf map[string]float64, weight float64) {
	if weight <= 0 {
		return
	}
	for _, y := range w.years {
		tf[dateTermPrefix+"y"+strconv.Itoa(y)] += weight
	}
	for _, d := range w.days {
		tf[dateTermPrefix+"d"+strconv.Itoa(d)] += weight
	}
	for i := range 7 {
		if w.weekdays&(1<<i) != 0 {
			tf[dateTermPrefix+"w"+strconv.Itoa(i)] += weight
		}
	}
}

func isDateTerm(t string) bool { return strings.HasPrefix(t, dateTermPrefix) }

// size is the number of date terms w adds.
func (w when) size() int { return len(w.years) + len(w.days) + bits.OnesCount8(w.weekdays) }
