// Package timex finds temporal expressions in English news text ("June 13,
// 2025", "13 June", "2025-06-13", "in 2019", "last month", "on Tuesday",
// "three years ago") and normalizes them to TimeML values, resolved against
// a reference date (the publication date) when one is known.
package timex

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Type is the TimeML type of an expression.
type Type uint8

const (
	// Date is a calendar point or period: a day, week, month, year, decade.
	Date Type = iota
	// Duration is a length of time: "three years", "the past week".
	Duration
)

func (t Type) String() string {
	if t == Duration {
		return "DURATION"
	}
	return "DATE"
}

// Unit is a calendar unit of a relative expression.
type Unit byte

// Calendar units.
const (
	Day    Unit = 'D'
	Week   Unit = 'W'
	Month  Unit = 'M'
	Year   Unit = 'Y'
	Decade Unit = 'E'
)

// Timex is one temporal expression.
type Timex struct {
	Start, End int // byte span in the text
	Type       Type
	// Value is the TimeML value: "2025-06-13", "2025-06", "2025", "201"
	// (a decade), "2025-W23", with X for parts the text leaves open
	// ("XXXX-06-13", "XXXX-WXX-2" for a weekday); "P3Y" for a duration;
	// PRESENT_REF / PAST_REF for "now" / "recently". A relative expression
	// whose reference date is unknown keeps its Offset and has an X value.
	Value string
	// Relative says the expression is anchored to the reference date
	// ("yesterday", "last month", "on Tuesday").
	Relative bool
	// Offset is how far from the reference date a relative date lies, in
	// OffsetUnit (-1 Month for "last month"); zero for weekdays, whose
	// value says which day is meant.
	Offset     int
	OffsetUnit Unit
}

//go:embed data/words.txt
var wordsData string

type tables struct {
	month   map[string]int // lower-case name or abbreviation → 1..12
	full    map[string]bool
	weekday map[string]int
	number  map[string]int
	unit    map[string]Unit
	deictic map[string]int
	// trig maps a lower-case trigger word to the kinds of word it is
	// (kMonth, kFull, ...); see trigger.
	trig map[string]uint8
}

// The kinds of trigger word. A rule's match always holds a whole word of
// each kind the rule needs, so a rule runs only on segments with them.
const (
	kDigit   uint8 = 1 << iota // a word starting with a digit
	kMonth                     // a month name or abbreviation
	kFull                      // a full month name
	kWeekday                   // a weekday name
	kUnit                      // a calendar unit
	kDeictic                   // "yesterday", "now", "recently", ...
	kAll     = kDigit | kMonth | kFull | kWeekday | kUnit | kDeictic
)

var tab = load(wordsData)

func load(data string) *tables {
	t := &tables{month: map[string]int{}, full: map[string]bool{}, weekday: map[string]int{},
		number: map[string]int{}, unit: map[string]Unit{}, deictic: map[string]int{}}
	for _, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		for i, w := range f[2:] {
			lw := strings.ToLower(w)
			switch f[0] {
			case "month":
				t.month[lw] = n
				if i == 0 {
					t.full[lw] = true
				}
			case "weekday":
				if i == 0 { // abbreviations ("Sun", "Sat") are too often other words
					t.weekday[lw] = n
				}
			case "number":
				t.number[lw] = n
			case "unit":
				u := Unit(f[1][0])
				if f[1] == "DE" {
					u = Decade
				}
				t.unit[lw] = u
			case "deictic":
				t.deictic[lw] = n
			}
		}
	}
	t.trig = map[string]uint8{}
	for w := range t.month {
		t.trig[w] |= kMonth
	}
	for w := range t.full {
		t.trig[w] |= kFull
	}
	for w := range t.weekday {
		t.trig[w] |= kWeekday
	}
	for w := range t.unit {
		t.trig[w] |= kUnit
	}
	for w := range t.deictic {
		t.trig[w] |= kDeictic
	}
	for _, w := range []string{"now", "currently", "recently"} {
		t.trig[w] |= kDeictic
	}
	return t
}

func alt(m map[string]int, only map[string]bool) string {
	var ws []string
	for w := range m {
		if only == nil || only[w] {
			ws = append(ws, regexp.QuoteMeta(strings.ToUpper(w[:1])+w[1:]))
		}
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) || len(ws[i]) == len(ws[j]) && ws[i] < ws[j] })
	return "(?:" + strings.Join(ws, "|") + ")"
}

func altLower[V any](m map[string]V) string {
	var ws []string
	for w := range m {
		ws = append(ws, regexp.QuoteMeta(w))
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) || len(ws[i]) == len(ws[j]) && ws[i] < ws[j] })
	return "(?:" + strings.Join(ws, "|") + ")"
}

type rule struct {
	re  *regexp.Regexp
	fn  func(s string, m []int, ref time.Time) (Timex, bool)
	pri int
	// need is the kinds of trigger word every match holds.
	need uint8
	// anchor is a kind of need whose word every match holds at most
	// segBefore bytes after the match starts and segAfter bytes before it
	// ends, even with the longest optional parts ("the previous fifteen
	// weeks", "Tuesday, September 13th, 2025"): a match lies within the
	// window segments gives that word.
	anchor uint8
	// before and after bound how far a match may start before its anchor
	// word and end after it, in bytes.
	before, after int
}

var rules = buildRules()

func buildRules() []rule {
	mon := alt(tab.month, nil)
	monFull := alt(tab.month, tab.full)
	wd := alt(tab.weekday, nil)
	num := `(?:\d{1,3}|` + altLower(tab.number) + `|a few|several|many)`
	unit := altLower(tab.unit)
	ord := `(?:st|nd|rd|th)?`
	mk := func(p string) *regexp.Regexp { return regexp.MustCompile(p) }
	return []rule{
		{mk(`\b(\d{4})-(\d\d)-(\d\d)\b`), isoDate, 9, kDigit, kDigit, 0, 6},
		{mk(`\b(` + mon + `)\.? (\d{1,2})` + ord + `\b(?:,? (\d{4})\b)?`), monthDay, 8, kMonth | kDigit, kMonth, 0, 13},
		{mk(`\b(\d{1,2})` + ord + ` (?:of )?(` + mon + `)\b(?:\.?,? (\d{4})\b)?`), dayMonth, 8, kMonth | kDigit, kMonth, 8, 8},
		{mk(`\b(?:(?:early|mid|late)[- ])?(` + monFull + `),? (\d{4})\b`), monthYear, 7, kFull | kDigit, kFull, 6, 6},
		{mk(`(?i:\b(?:(last|next|this|coming|past) )?)(` + wd + `)\b(?:,? (` + mon + `)\.? (\d{1,2})` + ord + `\b(?:,? (\d{4})\b)?)?`), weekday, 6, kWeekday, kWeekday, 7, 24},
		{mk(`(?i:\b(the (?:past|last|next|coming|previous) |(?:last|next|this|past|coming|previous|earlier this|later this) )(?:(` + num + `) )?(` + unit + `)\b)`), relUnit, 5, kUnit, kUnit, 22, 0},
		{mk(`(?i:\b(` + num + `)[- ](` + unit + `) (ago|earlier|before|later|from now)\b)`), ago, 5, kUnit, kUnit, 8, 9},
		{mk(`(?i:\b(` + num + `)[- ](` + unit + `)\b)`), duration, 3, kUnit, kUnit, 8, 0},
		{mk(`(?i:\b(?:(early|mid|late|last|next|this)[- ])?)(` + monFull + `)\b`), monthAlone, 2, kFull, kFull, 6, 0},
		{mk(`\b(1[6-9]\d\d|20\d\d)(s?)\b`), year, 2, kDigit, kDigit, 0, 1},
		{mk(`(?i:\b(` + altLower(tab.deictic) + `|now|currently|recently)\b)`), deictic, 4, kDeictic, kDeictic, 0, 0},
	}
}

// Find returns the temporal expressions of s in text order, resolved
// against ref when it is not zero. Overlapping matches keep the longer.
func Find(s string, ref time.Time) []Timex { return findIn(s, ref, true) }

// findIn is Find; without windows, every rule a segment's kinds allow runs
// on the whole segment, as the tests check that windows does not change.
func findIn(s string, ref time.Time, windows bool) []Timex {
	type cand struct {
		t   Timex
		pri int
	}
	var cs []cand
	segs, words := segments(s)
	for _, seg := range segs {
		ascii := true
		for i := seg.start; i < seg.end; i++ {
			if s[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		kinds := seg.kinds
		if !ascii {
			// (?i) folds "k" and "s" with non-ASCII letters (the Kelvin
			// sign, long s) that trigger does not read
			kinds = kAll
		}
		ws := words[seg.words[0]:seg.words[1]]
		for _, r := range rules {
			if kinds&r.need != r.need {
				continue
			}
			run := func(a, b int) {
				for _, m := range r.re.FindAllStringSubmatchIndex(s[a:b], -1) {
					for i := range m {
						if m[i] >= 0 {
							m[i] += a
						}
					}
					if t, ok := r.fn(s, m, ref); ok {
						t.Start, t.End = m[0], m[1]
						cs = append(cs, cand{t, r.pri})
					}
				}
			}
			if !ascii || !windows {
				run(seg.start, seg.end)
				continue
			}
			// Every match lies in the window of an anchor word, and the
			// windows end where \b reads what it reads in the segment:
			// running the rule on the merged windows of its anchor words
			// finds what running it on the segment does.
			a, b := -1, -1
			for _, w := range ws {
				if w.kinds&r.anchor == 0 {
					continue
				}
				wa, wb := ruleWindow(s, w.start-r.before, w.end+r.after)
				if a >= 0 && wa <= b {
					b = max(b, wb)
					continue
				}
				if a >= 0 {
					run(a, b)
				}
				a, b = wa, wb
			}
			if a >= 0 {
				run(a, b)
			}
		}
	}
	// Longest first, then higher priority, then earlier; keep what does
	// not overlap a kept expression.
	sort.SliceStable(cs, func(i, j int) bool {
		li, lj := cs[i].t.End-cs[i].t.Start, cs[j].t.End-cs[j].t.Start
		if li != lj {
			return li > lj
		}
		if cs[i].pri != cs[j].pri {
			return cs[i].pri > cs[j].pri
		}
		return cs[i].t.Start < cs[j].t.Start
	})
	var out []Timex
	for _, c := range cs {
		overlap := false
		for _, o := range out {
			if c.t.Start < o.End && o.Start < c.t.End {
				overlap = true
				break
			}
		}
		if !overlap {
			out = append(out, c.t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Context a trigger word's segment takes around it: enough for "in the
// past three" before a unit and ", June 13, 2025" after a weekday.
const (
	segBefore = 32
	segAfter  = 40
)

// segments returns the byte ranges of s around trigger words (calendar
// words, units, digits), merged, with ends on spaces: the rules run there
// only, since most of a text holds no temporal expression and running every
// rule over all of it costs far more than finding the triggers.
func segments(s string) ([]segment, []trigWord) {
	var segs []segment
	var words []trigWord
	i := 0
	for i < len(s) {
		c := s[i]
		if !isWordByte(c) {
			i++
			continue
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if k := trigger(s[i:j]); k != 0 {
			words = append(words, trigWord{i, j, k})
			a, b := window(s, i, j)
			if n := len(segs); n > 0 && a <= segs[n-1].end {
				segs[n-1].end = max(segs[n-1].end, b)
				segs[n-1].kinds |= k
				segs[n-1].words[1] = len(words)
			} else {
				segs = append(segs, segment{a, b, k, [2]int{len(words) - 1, len(words)}})
			}
		}
		i = j
	}
	return segs, words
}

// window returns the byte range around the word s[i:j] that a segment
// takes: segBefore bytes before it and segAfter after, widened to a space
// or newline.
func window(s string, i, j int) (a, b int) {
	a, b = max(0, i-segBefore), min(len(s), j+segAfter)
	for a > 0 && s[a-1] != ' ' && s[a-1] != '\n' {
		a--
	}
	for b < len(s) && s[b] != ' ' && s[b] != '\n' {
		b++
	}
	return a, b
}

// ruleWindow widens the byte range [i, j) of s to bytes that \b reads as
// non-word characters, or the ends of s.
func ruleWindow(s string, i, j int) (a, b int) {
	a, b = max(0, i), min(len(s), j)
	for a > 0 && regexWordByte(s[a-1]) {
		a--
	}
	for b < len(s) && regexWordByte(s[b]) {
		b++
	}
	return a, b
}

// regexWordByte reports whether \b reads c as a word character.
func regexWordByte(c byte) bool { return isWordByte(c) || c == '_' }

// segment is a byte range of a text around trigger words, with the kinds
// of the trigger words in it and their range in the list segments returns.
type segment struct {
	start, end int
	kinds      uint8
	words      [2]int
}

// trigWord is a trigger word: its byte span and kinds.
type trigWord struct {
	start, end int
	kinds      uint8
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// trigger returns the kinds of trigger word w is, or 0 for none.
func trigger(w string) uint8 {
	if w[0] >= '0' && w[0] <= '9' {
		return kDigit
	}
	if len(w) > 10 {
		return 0
	}
	var buf [10]byte
	lw := buf[:len(w)]
	for i := range len(w) {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw[i] = c
	}
	return tab.trig[string(lw)] // the compiler does not allocate for map lookups
}

func grp(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

func dateValue(y, mo, d int) string {
	ys := "XXXX"
	if y > 0 {
		ys = fmt.Sprintf("%04d", y)
	}
	switch {
	case mo == 0:
		return ys
	case d == 0:
		return fmt.Sprintf("%s-%02d", ys, mo)
	}
	return fmt.Sprintf("%s-%02d-%02d", ys, mo, d)
}

func valid(y, mo, d int) bool {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return false
	}
	if y == 0 {
		y = 2000 // a leap year: 29 February is valid without a year
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func isoDate(s string, m []int, _ time.Time) (Timex, bool) {
	y, _ := strconv.Atoi(grp(s, m, 1))
	mo, _ := strconv.Atoi(grp(s, m, 2))
	d, _ := strconv.Atoi(grp(s, m, 3))
	if !valid(y, mo, d) {
		return Timex{}, false
	}
	return Timex{Value: dateValue(y, mo, d)}, true
}

// nearYear picks the year for a month (and day) given without one: the
// reference year, unless that puts it more than two months after the
// reference, when the previous year is meant (news reports the past).
func nearYear(mo, d int, ref time.Time) int {
	if ref.IsZero() {
		return 0
	}
	if d == 0 {
		d = 1
	}
	y := ref.Year()
	if time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).After(ref.AddDate(0, 2, 0)) {
		y--
	}
	return y
}

func monthDay(s string, m []int, ref time.Time) (Timex, bool) {
	return mdy(grp(s, m, 1), grp(s, m, 2), grp(s, m, 3), ref)
}

func dayMonth(s string, m []int, ref time.Time) (Timex, bool) {
	return mdy(grp(s, m, 2), grp(s, m, 1), grp(s, m, 3), ref)
}

func mdy(month, day, year string, ref time.Time) (Timex, bool) {
	mo := tab.month[strings.ToLower(month)]
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	if !valid(y, mo, d) {
		return Timex{}, false
	}
	t := Timex{}
	if y == 0 {
		y = nearYear(mo, d, ref)
		t.Relative = true
	}
	t.Value = dateValue(y, mo, d)
	return t, true
}

func monthYear(s string, m []int, _ time.Time) (Timex, bool) {
	y, _ := strconv.Atoi(grp(s, m, 2))
	return Timex{Value: dateValue(y, tab.month[strings.ToLower(grp(s, m, 1))], 0)}, true
}

func monthAlone(s string, m []int, ref time.Time) (Timex, bool) {
	name := grp(s, m, 2)
	mo := tab.month[strings.ToLower(name)]
	mod := strings.ToLower(grp(s, m, 1))
	if name == "May" || name == "March" {
		// Also a verb: only a preposition or modifier makes it a month.
		before := strings.TrimRight(s[:m[0]], " ")
		i := strings.LastIndexByte(before, ' ')
		prev := strings.ToLower(before[i+1:])
		if mod == "" && prev != "in" && prev != "since" && prev != "until" && prev != "by" && prev != "of" && prev != "during" {
			return Timex{}, false
		}
	}
	t := Timex{Relative: true}
	y := nearYear(mo, 0, ref)
	if y != 0 {
		switch mod {
		case "next":
			y = ref.Year()
			if mo <= int(ref.Month()) {
				y++
			}
		case "last":
			y = ref.Year()
			if mo >= int(ref.Month()) {
				y--
			}
		case "this":
			y = ref.Year()
		default:
			y = ref.Year()
			if future(s, m[0]) {
				if mo < int(ref.Month()) {
					y++
				}
			} else if mo > int(ref.Month()) {
				y--
			}
		}
	}
	t.Value = dateValue(y, mo, 0)
	return t, true
}

func year(s string, m []int, _ time.Time) (Timex, bool) {
	if m[0] > 0 {
		switch c := s[m[0]-1]; c {
		case '$', '#', '.', ',', '-', '/', ':':
			return Timex{}, false // money, a number or a range of numbers
		}
	}
	if m[1] < len(s) {
		rest := s[m[1]:]
		if strings.HasPrefix(rest, "-") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' ||
			strings.HasPrefix(rest, ".") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' ||
			strings.HasPrefix(rest, ",") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
			return Timex{}, false
		}
		// "2000 people", "1500 metres": a count, unless a capital or
		// punctuation follows.
		if strings.HasPrefix(rest, " ") && len(rest) > 1 && rest[1] >= 'a' && rest[1] <= 'z' && grp(s, m, 2) == "" {
			prev := prevWord(s, m[0])
			switch prev {
			case "in", "since", "by", "until", "during", "of", "from", "to", "before", "after", "through", "early", "late", "mid", "year":
			default:
				return Timex{}, false
			}
		}
	}
	v := grp(s, m, 1)
	if grp(s, m, 2) == "s" {
		v = v[:3]
	}
	return Timex{Value: v}, true
}

func prevWord(s string, i int) string {
	before := strings.TrimRight(s[:i], " ")
	j := strings.LastIndexAny(before, " \n\t")
	return strings.ToLower(before[j+1:])
}

// future says whether the words just before position i put the clause in
// the future ("will meet on Tuesday").
func future(s string, i int) bool {
	lo := max(0, i-60)
	w := strings.ToLower(s[lo:i])
	if j := strings.LastIndexAny(w, ".!?\n"); j >= 0 {
		w = w[j+1:]
	}
	return strings.Contains(w, " will ") || strings.Contains(w, "'ll ") || strings.Contains(w, "’ll ") ||
		strings.Contains(w, " to be ") || strings.Contains(w, " is due ") || strings.Contains(w, " scheduled ")
}

func weekday(s string, m []int, ref time.Time) (Timex, bool) {
	wd := tab.weekday[strings.ToLower(grp(s, m, 2))]
	if grp(s, m, 3) != "" { // "Tuesday, June 13, 2025": the date says it
		t, ok := mdy(grp(s, m, 3), grp(s, m, 4), grp(s, m, 5), ref)
		return t, ok
	}
	mod := strings.ToLower(grp(s, m, 1))
	t := Timex{Relative: true, Value: fmt.Sprintf("XXXX-WXX-%d", wd)}
	if ref.IsZero() {
		return t, true
	}
	refWd := int(ref.Weekday())
	if refWd == 0 {
		refWd = 7
	}
	var d int
	switch {
	case mod == "next" || mod == "coming" || mod == "" && future(s, m[0]) || mod == "this" && future(s, m[0]):
		d = (wd - refWd + 7) % 7
		if d == 0 {
			d = 7
		}
	case mod == "last" || mod == "past":
		d = -((refWd - wd + 7) % 7)
		if d == 0 {
			d = -7
		}
	default:
		d = -((refWd - wd + 7) % 7)
	}
	day := ref.AddDate(0, 0, d)
	t.Value = day.Format("2006-01-02")
	return t, true
}

func numberOf(w string) (int, bool) {
	w = strings.ToLower(w)
	if n, ok := tab.number[w]; ok {
		return n, true
	}
	if n, err := strconv.Atoi(w); err == nil {
		return n, true
	}
	return 0, false // "a few", "several": unknown count
}

func unitOf(w string) Unit { return tab.unit[strings.ToLower(w)] }

func durValue(n int, known bool, u Unit) string {
	c := "X"
	if known {
		c = strconv.Itoa(n)
	}
	switch u {
	case Decade:
		if known {
			return "P" + strconv.Itoa(10*n) + "Y"
		}
		return "PXE"
	}
	return "P" + c + string(u)
}

// shift returns ref moved by n units and its value at the unit's grain.
func shift(ref time.Time, n int, u Unit) string {
	switch u {
	case Day:
		return ref.AddDate(0, 0, n).Format("2006-01-02")
	case Week:
		y, w := ref.AddDate(0, 0, 7*n).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		t := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
		return t.Format("2006-01")
	case Year:
		return strconv.Itoa(ref.Year() + n)
	case Decade:
		return strconv.Itoa(ref.Year()/10 + n)
	}
	return ""
}

func xValue(u Unit) string {
	switch u {
	case Day:
		return "XXXX-XX-XX"
	case Week:
		return "XXXX-WXX"
	case Month:
		return "XXXX-XX"
	case Decade:
		return "XXX"
	}
	return "XXXX"
}

func relUnit(s string, m []int, ref time.Time) (Timex, bool) {
	mod := strings.ToLower(grp(s, m, 1))
	u := unitOf(grp(s, m, 3))
	if nw := grp(s, m, 2); nw != "" || strings.HasPrefix(mod, "the ") && u != Day {
		// "the past three years", "the last week": a duration back from now.
		n, known := 1, true
		if nw != "" {
			n, known = numberOf(nw)
		}
		return Timex{Type: Duration, Value: durValue(n, known, u)}, true
	}
	off := 0
	switch strings.TrimSpace(mod) {
	case "last", "past", "previous", "the past", "the last", "the previous":
		off = -1
	case "next", "coming", "the next", "the coming":
		off = 1
	}
	t := Timex{Relative: true, Offset: off, OffsetUnit: u, Value: xValue(u)}
	if !ref.IsZero() {
		t.Value = shift(ref, off, u)
	}
	return t, true
}

func ago(s string, m []int, ref time.Time) (Timex, bool) {
	n, known := numberOf(grp(s, m, 1))
	u := unitOf(grp(s, m, 2))
	dir := strings.ToLower(grp(s, m, 3))
	if dir == "later" || dir == "from now" {
		// "two days later" is anchored to another event, not to now.
		if dir == "later" {
			return Timex{Type: Duration, Value: durValue(n, known, u)}, true
		}
	} else {
		n = -n
	}
	t := Timex{Relative: true, Offset: n, OffsetUnit: u, Value: xValue(u)}
	if known && !ref.IsZero() {
		t.Value = shift(ref, n, u)
	}
	return t, true
}

func duration(s string, m []int, _ time.Time) (Timex, bool) {
	n, known := numberOf(grp(s, m, 1))
	return Timex{Type: Duration, Value: durValue(n, known, unitOf(grp(s, m, 2)))}, true
}

func deictic(s string, m []int, ref time.Time) (Timex, bool) {
	w := strings.ToLower(grp(s, m, 1))
	switch w {
	case "now", "currently":
		return Timex{Value: "PRESENT_REF", Relative: true}, true
	case "recently":
		return Timex{Value: "PAST_REF", Relative: true}, true
	}
	n := tab.deictic[w]
	t := Timex{Relative: true, Offset: n, OffsetUnit: Day, Value: "XXXX-XX-XX"}
	if !ref.IsZero() {
		t.Value = shift(ref, n, Day)
	}
	return t, true
}
