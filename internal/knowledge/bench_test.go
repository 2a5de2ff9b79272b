package knowledge

import "testing"

// lookupInputs mixes hits of every form, misses, and lowercase words that
// must not match, like a recognizer's stream of candidate names.
var lookupInputs = []string{
	"U.S.", "us", "Germany", "German", "Kyiv", "the Kremlin", "Côte d'Ivoire",
	"Democratic People's Republic of Korea", "Congo", "Smith", "said", "Jane Doe",
	"WHO", "who", "Hamas", "the Associated Press", "Reuters", "Ministry of Truth",
}

func BenchmarkLookup(b *testing.B) {
	st, orgs := States(), Orgs()
	n := 0
	for _, s := range lookupInputs {
		n += len(s)
	}
	b.SetBytes(int64(2 * n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range lookupInputs {
			st.Lookup(s)
			orgs.Lookup(s)
		}
	}
}

func BenchmarkTitlePrefix(b *testing.B) {
	titles := Titles()
	in := []string{"Rear Adm. Jane Doe", "Mr. Smith", "Smith said", "Grand Ayatollah Ali", "The president"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			titles.Prefix(s)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m, _ := loadMetonyms(dataFS)
		s, _ := loadStates(dataFS, m)
		loadOrgs(dataFS, s)
		loadTitles(dataFS)
		loadRoles(dataFS)
	}
}
