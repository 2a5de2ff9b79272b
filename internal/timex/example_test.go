package timex_test

import (
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

func ExampleFind() {
	s := "The council voted on Tuesday, two years after the plan of March 2019."
	ref := time.Date(2021, 6, 4, 0, 0, 0, 0, time.UTC) // a Friday
	for _, t := range timex.Find(s, ref) {
		fmt.Printf("%q %s %s\n", s[t.Start:t.End], t.Type, t.Value)
	}
	// Without a reference date, relative expressions stay relative.
	for _, t := range timex.Find(s, time.Time{}) {
		fmt.Printf("%q %s relative=%v\n", s[t.Start:t.End], t.Value, t.Relative)
	}
	// Output:
	// "Tuesday" DATE 2021-06-01
	// "two years" DURATION P2Y
	// "March 2019" DATE 2019-03
	// "Tuesday" XXXX-WXX-2 relative=true
	// "two years" P2Y relative=false
	// "March 2019" 2019-03 relative=false
}
