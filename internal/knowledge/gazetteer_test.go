package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestGazetteersLoad(t *testing.T) {
	g, err := loadGazetteers(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		n, at int
	}{
		{"given names", len(g.given), 5000},
		{"surnames", len(g.sur), 2000},
		{"place keys", len(g.places), 10000},
		{"words", len(g.words), 50000},
	} {
		if c.n < c.at {
			t.Errorf("%s: %d, want at least %d", c.name, c.n, c.at)
		}
	}
}

func TestGivenName(t *testing.T) {
	for _, c := range []struct {
		in      string
		ok, amb bool
	}{
		{"John", true, false},
		{"Mary", true, false},
		{"Will", true, true},
		{"May", true, true},
		{"Mark", true, true},
		{"Grant", true, true},
		{"Rose", true, true},
		{"Bill", true, true},
		{"will", true, true}, // matching folds case; shape is the caller's
		{"JOHN", true, false},
		{"Vladimir", true, false},
		{"Yevgeny", true, false},
		{"Volodymyr", true, false},
		{"Mohammed", true, false},
		{"Fatemeh", true, false},
		{"Yitzhak", true, false},
		{"Recep", true, false},
		{"Jinping", true, false},
		{"Shinzo", true, false},
		{"Jae-in", true, false},
		{"Narendra", true, false},
		{"Chukwuma", true, false},
		{"José", true, false},
		{"Jose", true, false},
		{"Sergueï", true, false},
		{"Kremlin", false, false},
		{"Germany", false, false},
		{"Widodo", false, false},
		{"", false, false},
	} {
		ok, amb := GivenName(c.in)
		if ok != c.ok || amb != c.amb {
			t.Errorf("GivenName(%q) = %v, %v; want %v, %v", c.in, ok, amb, c.ok, c.amb)
		}
	}
}

func TestSurname(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"Smith", true}, {"Garcia", true}, {"García", true}, {"Nguyen", true},
		{"Kim", true}, {"Tanaka", true}, {"Müller", true}, {"Mueller", true},
		{"Ivanov", true}, {"Zelenskyy", true}, {"Erdoğan", true}, {"Erdogan", true},
		{"Okonkwo", true}, {"Cohen", true}, {"Akbari", true}, {"Patel", true},
		{"Kremlin", false}, {"however", false}, {"", false},
	} {
		if got := Surname(c.in); got != c.ok {
			t.Errorf("Surname(%q) = %v, want %v", c.in, got, c.ok)
		}
	}
}

func TestLookupPlace(t *testing.T) {
	for _, c := range []struct {
		in, code, kind, name string
	}{
		{"Lyon", "FRA", PlaceCity, "Lyon"},
		{"lyon", "FRA", PlaceCity, "Lyon"},
		{"Bavaria", "DEU", PlaceRegion, "Bavaria"},
		{"Köln", "DEU", PlaceCity, "Köln"},
		{"Koeln", "DEU", PlaceCity, "Köln"},
		{"Kyiv", "UKR", PlaceCity, "Kyiv"},
		{"Kiev", "UKR", PlaceCity, "Kyiv"},
		{"Bombay", "IND", PlaceCity, "Mumbai"},
		{"Munich", "DEU", PlaceCity, "Munich"},
		{"São Paulo", "BRA", PlaceCity, "São Paulo"},
		{"Sao Paulo", "BRA", PlaceCity, "São Paulo"},
		{"Texas", "USA", PlaceRegion, "Texas"},
		{"Ontario", "CAN", PlaceRegion, "Ontario"},
		{"Lagos", "NGA", PlaceCity, "Lagos"},
	} {
		ps := LookupPlace(c.in)
		if len(ps) == 0 {
			t.Errorf("LookupPlace(%q): none", c.in)
			continue
		}
		found := false
		for _, p := range ps {
			if p.Code == c.code && p.Kind == c.kind && p.Name == c.name {
				found = true
			}
		}
		if !found {
			t.Errorf("LookupPlace(%q) = %+v, want a %s %s in %s", c.in, ps, c.kind, c.name, c.code)
		}
	}
	// The most populous comes first.
	if ps := LookupPlace("Paris"); len(ps) == 0 || ps[0].Code != "FRA" || ps[0].Seat != "capital" {
		t.Errorf("LookupPlace(Paris)[0] = %+v, want the French capital", ps)
	}
	if ps := LookupPlace("Springfield"); len(ps) < 3 {
		t.Errorf("LookupPlace(Springfield) = %d places, want several", len(ps))
	} else {
		for i := 1; i < len(ps); i++ {
			if ps[i].Population > ps[i-1].Population {
				t.Errorf("Springfield results not by population: %+v", ps)
			}
		}
	}
	for _, miss := range []string{"said", "Kremlin", ""} {
		if ps := LookupPlace(miss); len(ps) != 0 {
			t.Errorf("LookupPlace(%q) = %+v, want none", miss, ps)
		}
	}
}

func TestCommonWord(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"the", true}, {"will", true}, {"may", true}, {"rose", true}, {"however", true},
		{"Paris", false}, {"The", false}, {"kremlin", false}, {"", false},
	} {
		if got := CommonWord(c.in); got != c.ok {
			t.Errorf("CommonWord(%q) = %v, want %v", c.in, got, c.ok)
		}
	}
}

func TestGazetteerLoaderRejects(t *testing.T) {
	fsys := fstest.MapFS{
		"data/givennames.tsv": {Data: []byte("John\tx\t1\t\tcensus1990\ten\n")},
		"data/surnames.tsv":   {Data: []byte("Smith\t9\t\tcensus1990\ten\n")},
		"data/places.tsv":     {Data: []byte("Lyon\t\tFRA\ttown\t\t5\nParis\t\tFR\tcity\t\t5\nNice\t\tFRA\tcity\t\t-1\n")},
		"data/words.tsv":      {Data: []byte("The\t1\n")},
	}
	_, err := loadGazetteers(fsys)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"givennames.tsv:1", "surnames.tsv:1", "places.tsv:1", "places.tsv:2", "places.tsv:3", "words.tsv:1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %s: %v", want, err)
		}
	}
}

func BenchmarkGazetteers(b *testing.B) {
	in := []string{"John", "Will", "Smith", "Lyon", "Springfield", "said", "the", "Zelenskyy", "São Paulo", "Kremlin"}
	n := 0
	for _, s := range in {
		n += len(s)
	}
	gazOnce()
	b.SetBytes(int64(4 * n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			GivenName(s)
			Surname(s)
			LookupPlace(s)
			CommonWord(s)
		}
	}
}
