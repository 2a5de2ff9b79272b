package knowledge

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"sync"
)

// Gazetteers: given names, surnames, places and common English words, from
// data/givennames.tsv, surnames.tsv, places.tsv and words.tsv. They are
// features for the entity recognizer, not evidence on their own: "Will" is a
// given name and a word, "Springfield" is a dozen cities.
//
// All lookups fold case and Latin accents the way the state and org tables
// do ("JOSÉ", "José" and "jose" are one key), and none allocates. Whether a
// word is capitalized, and where it stands in its sentence, is the caller's
// evidence: GivenName("will") reports true, ambiguous.

// Place is a city or first-level region from data/places.tsv.
type Place struct {
	Name       string // GeoNames name: "Köln", "Bavaria"
	Code       string // the country's ISO 3166-1 alpha-3 code: "DEU"
	Kind       string // "city" or "region"
	Seat       string // "capital", "admin1" (seat of a region) or ""
	Population int    // 0 when unknown
}

// Place kinds.
const (
	PlaceCity   = "city"
	PlaceRegion = "region"
)

type nameInfo struct{ ambiguous bool }

type gazetteers struct {
	given  map[string]nameInfo
	sur    map[string]struct{}
	places map[string][]Place
	words  map[string]struct{}
}

var gazOnce = sync.OnceValue(func() *gazetteers { return must(loadGazetteers(dataFS)) })

// GivenName reports whether s is a listed given name, and whether it is
// ambiguous: every form it folds to that is listed is also a common English
// word when lowercased ("Will", "May", "Mark", "Grant", "Rose"). Matching
// ignores case and accents.
func GivenName(s string) (ok bool, ambiguous bool) {
	var buf [64]byte
	v, ok := gazOnce().given[string(appendFold(buf[:0], s))]
	return ok, v.ambiguous
}

// Surname reports whether s is a listed family name, ignoring case and
// accents.
func Surname(s string) bool {
	var buf [64]byte
	_, ok := gazOnce().sur[string(appendFold(buf[:0], s))]
	return ok
}

// LookupPlace returns every city and region whose name or alternate name is
// name, ignoring case and accents, most populous first (regions, whose
// population is not recorded, after cities of the same name). The slice is
// shared: callers must not modify it.
func LookupPlace(name string) []Place {
	var buf [128]byte
	return gazOnce().places[string(appendFold(buf[:0], name))]
}

// CommonWord reports whether lower, a word in lower case, is a common
// English word. It does not fold: "Paris" and "paris" differ, and only the
// lowercase form is listed.
func CommonWord(lower string) bool {
	_, ok := gazOnce().words[lower]
	return ok
}

func loadGazetteers(fsys fs.FS) (*gazetteers, error) {
	var errs []error
	g := &gazetteers{}
	var err error
	if g.given, err = loadGivenNames(fsys); err != nil {
		errs = append(errs, err)
	}
	if g.sur, err = loadSurnames(fsys); err != nil {
		errs = append(errs, err)
	}
	if g.places, err = loadPlaces(fsys); err != nil {
		errs = append(errs, err)
	}
	if g.words, err = loadWords(fsys); err != nil {
		errs = append(errs, err)
	}
	return g, errors.Join(errs...)
}

var nameSexes = map[string]bool{"m": true, "f": true, "u": true}
var nameClasses = map[string]bool{"1": true, "2": true, "3": true, "-": true}

func loadGivenNames(fsys fs.FS) (map[string]nameInfo, error) {
	rows, err := readTable(fsys, "givennames.tsv", 6)
	if err != nil {
		return nil, err
	}
	m := make(map[string]nameInfo, len(rows))
	var errs []error
	for _, r := range rows {
		f := r.fields
		if f[0] == "" || !nameSexes[f[1]] || !nameClasses[f[2]] || (f[3] != "" && f[3] != "word") {
			errs = append(errs, r.errorf("bad given name row %q", f))
			continue
		}
		k := foldKey(f[0])
		amb := f[3] == "word"
		if old, ok := m[k]; ok {
			// "Jose" (no word) and "José" fold alike; a key is ambiguous
			// only if every listed form is.
			amb = amb && old.ambiguous
		}
		m[k] = nameInfo{ambiguous: amb}
	}
	if len(m) == 0 {
		errs = append(errs, errors.New("knowledge: givennames.tsv: no rows"))
	}
	return m, errors.Join(errs...)
}

func loadSurnames(fsys fs.FS) (map[string]struct{}, error) {
	rows, err := readTable(fsys, "surnames.tsv", 5)
	if err != nil {
		return nil, err
	}
	m := make(map[string]struct{}, len(rows))
	var errs []error
	for _, r := range rows {
		f := r.fields
		if f[0] == "" || !nameClasses[f[1]] || (f[2] != "" && f[2] != "word") {
			errs = append(errs, r.errorf("bad surname row %q", f))
			continue
		}
		m[foldKey(f[0])] = struct{}{}
	}
	if len(m) == 0 {
		errs = append(errs, errors.New("knowledge: surnames.tsv: no rows"))
	}
	return m, errors.Join(errs...)
}

var placeSeats = map[string]bool{"": true, "capital": true, "admin1": true}

func loadPlaces(fsys fs.FS) (map[string][]Place, error) {
	rows, err := readTable(fsys, "places.tsv", 6)
	if err != nil {
		return nil, err
	}
	m := make(map[string][]Place, 2*len(rows))
	var errs []error
	for _, r := range rows {
		f := r.fields
		pop, err := strconv.Atoi(f[5])
		switch {
		case err != nil || pop < 0:
			errs = append(errs, r.errorf("bad population %q", f[5]))
			continue
		case f[0] == "" || len(f[2]) != 3:
			errs = append(errs, r.errorf("name and ISO3 code are required"))
			continue
		case f[3] != PlaceCity && f[3] != PlaceRegion:
			errs = append(errs, r.errorf("unknown kind %q", f[3]))
			continue
		case !placeSeats[f[4]]:
			errs = append(errs, r.errorf("unknown seat %q", f[4]))
			continue
		}
		p := Place{Name: f[0], Code: f[2], Kind: f[3], Seat: f[4], Population: pop}
		keys := []string{foldKey(p.Name)}
		for _, alt := range list(f[1]) {
			keys = append(keys, foldKey(alt))
		}
		for i, k := range keys {
			if k == "" || containsKey(keys[:i], k) {
				continue
			}
			m[k] = append(m[k], p)
		}
	}
	for _, ps := range m {
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].Population != ps[j].Population {
				return ps[i].Population > ps[j].Population
			}
			return ps[i].Kind == PlaceCity && ps[j].Kind != PlaceCity
		})
	}
	if len(m) == 0 {
		errs = append(errs, errors.New("knowledge: places.tsv: no rows"))
	}
	return m, errors.Join(errs...)
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func loadWords(fsys fs.FS) (map[string]struct{}, error) {
	rows, err := readTable(fsys, "words.tsv", 2)
	if err != nil {
		return nil, err
	}
	m := make(map[string]struct{}, len(rows))
	var errs []error
	for _, r := range rows {
		w := r.fields[0]
		if w == "" || foldKey(w) != w || (r.fields[1] != "1" && r.fields[1] != "2") {
			errs = append(errs, r.errorf("bad word row %q", r.fields))
			continue
		}
		m[w] = struct{}{}
	}
	if len(m) == 0 {
		errs = append(errs, fmt.Errorf("knowledge: words.tsv: no rows"))
	}
	return m, errors.Join(errs...)
}
