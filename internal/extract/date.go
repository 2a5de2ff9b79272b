package extract

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // outlets' zones, whatever the host has installed
)

//go:embed data/months.txt
var monthsData string

// months maps a lower-case month name or abbreviation to its number.
var months = func() map[string]int {
	m := map[string]int{}
	for _, line := range strings.Split(monthsData, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		for _, name := range f[1:] {
			m[name] = n
		}
	}
	return m
}()

var (
	isoDateRE   = regexp.MustCompile(`\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b`)
	dotDateRE   = regexp.MustCompile(`\b(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)\d{2})\b`)
	slashDateRE = regexp.MustCompile(`\b(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/((?:19|20)\d{2})\b`)
	dayMonthRE  = regexp.MustCompile(`(?i)\b(0?[1-9]|[12]\d|3[01])\.?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})\b`)
	monthDayRE  = regexp.MustCompile(`(?i)\b(\p{L}{3,12})\.?\s+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
)

// textDate reads the first date written in s: 2024-05-01, 1.5.2024,
// 01/05/2024 (day first), 1 May 2024, 1. Mai 2024, May 1, 2024.
func textDate(s string) (time.Time, bool) {
	best, bestAt := time.Time{}, -1
	try := func(at int, y, m, d string) {
		if bestAt >= 0 && at >= bestAt {
			return
		}
		yy, _ := strconv.Atoi(y)
		mm, ok := months[strings.ToLower(m)]
		if !ok {
			mm, _ = strconv.Atoi(m)
		}
		dd, _ := strconv.Atoi(d)
		if mm < 1 || mm > 12 || dd < 1 || dd > 31 {
			return
		}
		t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
		if t.Day() != dd {
			return
		}
		best, bestAt = t, at
	}
	if m := isoDateRE.FindStringSubmatchIndex(s); m != nil {
		try(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	if m := dotDateRE.FindStringSubmatchIndex(s); m != nil {
		try(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	if m := slashDateRE.FindStringSubmatchIndex(s); m != nil {
		try(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	for _, m := range dayMonthRE.FindAllStringSubmatchIndex(s, 3) {
		if _, ok := months[strings.ToLower(s[m[4]:m[5]])]; ok {
			try(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
			break
		}
	}
	for _, m := range monthDayRE.FindAllStringSubmatchIndex(s, 3) {
		if _, ok := months[strings.ToLower(s[m[2]:m[3]])]; ok {
			try(m[0], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
			break
		}
	}
	return best, bestAt >= 0
}

//go:embed data/zones.txt
var zonesData string

// zones maps a country code to its main time zone, loaded on first use.
var zones = sync.OnceValue(func() map[string]*time.Location {
	m := map[string]*time.Location{}
	for _, line := range strings.Split(zonesData, "\n") {
		f := strings.Fields(line)
		if len(f) != 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if loc, err := time.LoadLocation(f[1]); err == nil {
			m[f[0]] = loc
		}
	}
	return m
})

// outletZone guesses an outlet's time zone from its URL's country-code
// domain, else from the region of the page's language tag; nil when
// neither names a country.
func outletZone(pageURL, lang string) *time.Location {
	if d := registeredDomain(pageURL); d != "" {
		if i := strings.LastIndexByte(d, '.'); i >= 0 {
			if loc := zones()[d[i+1:]]; loc != nil {
				return loc
			}
		}
	}
	if _, region, ok := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-"); ok {
		return zones()[strings.ToLower(region)]
	}
	return nil
}
