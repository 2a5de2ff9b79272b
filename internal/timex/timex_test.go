package timex

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type found struct {
	Text, Type, Value string
}

func find(s string, ref time.Time) []found {
	var out []found
	for _, t := range Find(s, ref) {
		out = append(out, found{s[t.Start:t.End], t.Type.String(), t.Value})
	}
	return out
}

func TestFind(t *testing.T) {
	ref := time.Date(2013, 3, 22, 0, 0, 0, 0, time.UTC) // a Friday
	for _, tc := range []struct {
		name string
		text string
		ref  time.Time
		want []found
	}{
		{"month day year", "It opened on June 13, 2025, in Lyon.", ref, []found{{"June 13, 2025", "DATE", "2025-06-13"}}},
		{"day month", "Polls closed on 4 November.", ref, []found{{"4 November", "DATE", "2012-11-04"}}},
		{"day month without reference", "Polls closed on 4 November.", time.Time{}, []found{{"4 November", "DATE", "XXXX-11-04"}}},
		{"abbreviated month", "Filed Sept. 3, 2019 in court.", ref, []found{{"Sept. 3, 2019", "DATE", "2019-09-03"}}},
		{"iso", "Updated 2025-06-13 at noon.", ref, []found{{"2025-06-13", "DATE", "2025-06-13"}}},
		{"invalid iso", "Code 2025-13-45 is not a date.", ref, nil},
		{"year after preposition", "It was founded in 2019 and grew.", ref, []found{{"2019", "DATE", "2019"}}},
		{"count is no year", "About 2000 people marched.", ref, nil},
		{"money is no year", "It cost $2013 in all.", ref, nil},
		{"decade", "Since the 1990s prices rose.", ref, []found{{"1990s", "DATE", "199"}}},
		{"month year", "Sales fell in March 2012.", ref, []found{{"March 2012", "DATE", "2012-03"}}},
		{"last month", "Prices rose last month.", ref, []found{{"last month", "DATE", "2013-02"}}},
		{"last month without reference", "Prices rose last month.", time.Time{}, []found{{"last month", "DATE", "XXXX-XX"}}},
		{"weekday is the latest one", "The CDC said Friday it would act.", ref, []found{{"Friday", "DATE", "2013-03-22"}}},
		{"past weekday", "He resigned on Tuesday.", ref, []found{{"Tuesday", "DATE", "2013-03-19"}}},
		{"future weekday", "The board will meet on Tuesday.", ref, []found{{"Tuesday", "DATE", "2013-03-26"}}},
		{"next weekday", "They meet next Monday.", ref, []found{{"next Monday", "DATE", "2013-03-25"}}},
		{"weekday without reference", "He resigned on Tuesday.", time.Time{}, []found{{"Tuesday", "DATE", "XXXX-WXX-2"}}},
		{"ago", "It began three years ago.", ref, []found{{"three years ago", "DATE", "2010"}}},
		{"yesterday", "Shares fell yesterday.", ref, []found{{"yesterday", "DATE", "2013-03-21"}}},
		{"duration", "a two-year contract", ref, []found{{"two-year", "DURATION", "P2Y"}}},
		{"past weeks", "in the past two weeks", ref, []found{{"the past two weeks", "DURATION", "P2W"}}},
		{"may is a verb", "Officials May say more. It may rain.", ref, nil},
		{"in may", "It shipped in May.", ref, []found{{"May", "DATE", "2012-05"}}},
		{"weekday with date", "Tuesday, June 13, 2017 was hot.", ref, []found{{"Tuesday, June 13, 2017", "DATE", "2017-06-13"}}},
		{"last week", "Six died last week.", ref, []found{{"last week", "DATE", "2013-W11"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, find(tc.text, tc.ref)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestRelativeKeepsOffset(t *testing.T) {
	got := Find("It began two weeks ago.", time.Time{})
	if len(got) != 1 || !got[0].Relative || got[0].Offset != -2 || got[0].OffsetUnit != Week {
		t.Fatalf("got %+v, want one relative expression 2 weeks back", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"on June 13, 2025", "13 June", "2025-06-13", "in 2019", "last month", "on Tuesday", "three years ago", "May", "1990s", "Tuesday, June 31", "$2013", "2013-02-30"} {
		f.Add(s, int64(1363910400))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		ref := time.Unix(unix%(1<<34), 0).UTC()
		if got, want := Find(s, ref), findIn(s, ref, false); !cmp.Equal(got, want) {
			t.Fatalf("Find(%q) = %+v, on whole segments %+v", s, got, want)
		}
		last := 0
		for _, x := range Find(s, ref) {
			if x.Start < last || x.End <= x.Start || x.End > len(s) {
				t.Fatalf("bad span [%d,%d) after %d in %q", x.Start, x.End, last, s)
			}
			if x.Value == "" {
				t.Fatalf("empty value for %q", s[x.Start:x.End])
			}
			last = x.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	para := "The board said on Tuesday that it would meet again on June 13, 2025, three years after the merger of 2022. Sales fell last month, and analysts expect more next week. "
	s := strings.Repeat(para, 50)
	ref := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Find(s, ref)
	}
}

// TestWindows checks that running each rule on the windows of its anchor
// words finds what running it on whole segments does, on texts dense with
// calendar words, numbers and punctuation.
func TestWindows(t *testing.T) {
	vocab := strings.Fields("the past last next this coming previous earlier later a few several three fifteen " +
		"day days week weeks month decade year years ago before from now today yesterday recently currently " +
		"January June Sept. Sept May March Tuesday Monday of early mid late 13 4th 2025 1990s 2012 2025-06-13 99 7 " +
		", . - _ ( ) $ é ſeptember K")
	seps := []string{" ", " ", " ", "", "-", ", ", "\n", "_"}
	ref := time.Date(2013, 3, 22, 0, 0, 0, 0, time.UTC)
	x := uint64(1)
	next := func(n int) int {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	for range 3000 {
		var b strings.Builder
		for range 5 + next(60) {
			b.WriteString(vocab[next(len(vocab))])
			b.WriteString(seps[next(len(seps))])
		}
		s := b.String()
		if got, want := Find(s, ref), findIn(s, ref, false); !cmp.Equal(got, want) {
			t.Fatalf("Find(%q) = %+v, on whole segments %+v", s, got, want)
		}
	}
}
