package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestOutletsData(t *testing.T) {
	o := Outlets()
	if n := len(o.All()); n < 400 {
		t.Errorf("%d outlets, want 400 or more", n)
	}
	kinds := map[OutletKind]int{}
	for _, out := range o.All() {
		kinds[out.Kind]++
		if got, ok := o.Lookup(out.Name); !ok || got.Outlet != out {
			t.Errorf("%s: its name %q does not find it", out.ID, out.Name)
		}
		for _, d := range out.Domains {
			if got, ok := o.ByDomain(d); !ok || got != out {
				t.Errorf("%s: its domain %q does not find it", out.ID, d)
			}
		}
		// An outlet that orgs.tsv also lists must be a media organization
		// there: the shared ID is the same organization.
		if org, ok := Orgs().ByID(out.ID); ok && org.Sector != SectorMedia {
			t.Errorf("%s: orgs.tsv lists this ID as %s, not media", out.ID, org.Sector)
		}
	}
	for k := range outletKinds {
		if kinds[k] == 0 {
			t.Errorf("no outlet of kind %s", k)
		}
	}
	// Every news organization in orgs.tsv is an outlet under the same ID.
	for _, org := range Orgs().All() {
		if org.Sector != SectorMedia || org.ID == "holy-see-press-office" {
			continue
		}
		out, ok := o.ByID(org.ID)
		if !ok {
			t.Errorf("orgs.tsv media %s is not in outlets.tsv", org.ID)
			continue
		}
		if got, ok := out.Org(); !ok || got != org {
			t.Errorf("%s: Org() = %v, %v", out.ID, got, ok)
		}
		if out.Country != org.Country {
			t.Errorf("%s: country %s, orgs.tsv says %s", out.ID, out.Country, org.Country)
		}
	}
}

func TestOutletLookup(t *testing.T) {
	for _, tc := range []struct{ name, id string }{
		{"The New York Times", "nyt"}, {"New York Times", "nyt"}, {"new york times", "nyt"},
		{"NYT", "nyt"}, {"the NYT", "nyt"}, {"Reuters", "reuters"}, {"REUTERS", "reuters"},
		{"AP", "ap"}, {"the Associated Press", "ap"}, {"BBC", "bbc"}, {"the Beeb", "bbc"},
		{"Le Monde", "le-monde"}, {"El Pais", "el-pais"}, {"El País", "el-pais"}, {"dpa", "dpa"},
		{"Xinhua", "xinhua"}, {"Tass", "tass"}, {"Al-Jazeera", "al-jazeera"}, {"Haaretz", "haaretz"},
		{"The Times", "times-uk"}, {"Times of India", "times-of-india"}, {"CNA (Singapore)", "channel-newsasia"},
	} {
		m, ok := Outlets().Lookup(tc.name)
		if !ok || m.Outlet.ID != tc.id {
			t.Errorf("Lookup(%q) = %+v, %v; want %s", tc.name, m.Outlet, ok, tc.id)
		}
	}
	for _, name := range []string{"ap", "nyt", "Smith", "", "the"} {
		if m, ok := Outlets().Lookup(name); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", name, m.Outlet.ID)
		}
	}
	for name, want := range map[string][]string{
		"ABC":            {"abc-us", "abc-au"},
		"The Nation":     {"the-nation-us", "the-nation-pk", "the-nation-th", "the-nation-ng"},
		"the daily star": {"daily-star-uk", "daily-star-lb", "daily-star-bd"},
	} {
		m, ok := Outlets().Lookup(name)
		var got []string
		for _, c := range m.Candidates {
			got = append(got, c.ID)
		}
		if ok || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("Lookup(%q) = %v, %v; want ambiguous %v", name, got, ok, want)
		}
	}
}

func TestOutletByDomain(t *testing.T) {
	for host, id := range map[string]string{
		"cnn.com": "cnn", "edition.cnn.com": "cnn", "www.cnn.com": "cnn", "CNN.COM.": "cnn",
		"cnnespanol.cnn.com": "cnn-espanol", "https://www.reuters.com/world/europe/": "reuters",
		"www.bbc.co.uk": "bbc", "bbc.com": "bbc", "news.bbc.co.uk": "bbc", "http://bbc.com:443/news": "bbc",
		"nytimes.com": "nyt", "mobile.nytimes.com": "nyt", "news.sky.com": "sky-news",
		"theguardian.com": "guardian", "apnews.com": "ap",
	} {
		o, ok := Outlets().ByDomain(host)
		if !ok || o.ID != id {
			t.Errorf("ByDomain(%q) = %v, %v; want %s", host, o, ok, id)
		}
	}
	for _, host := range []string{"", "com", "co.uk", "notcnn.com", "cnn.com.example", "example.org", "."} {
		if o, ok := Outlets().ByDomain(host); ok {
			t.Errorf("ByDomain(%q) = %s, want nothing", host, o.ID)
		}
	}
}

func TestNearestDomain(t *testing.T) {
	for _, tc := range []struct {
		host, domain string
		dist         int
	}{
		{"reuters.com", "reuters.com", 0},
		{"www.reuters.com", "reuters.com", 0},
		{"reuters.co", "reuters.com", 1},
		{"reutres.com", "reuters.com", 1},
		{"news.reutres.com", "reuters.com", 1},
		{"nytimes.cm", "nytimes.com", 1},
		{"theguardain.com", "theguardian.com", 1},
		{"washingtonpost.co", "washingtonpost.com", 1},
		{"aljazera.com", "aljazeera.com", 1},
	} {
		m, ok := Outlets().NearestDomain(tc.host, 2)
		if !ok || m.Domain != tc.domain || m.Distance != tc.dist {
			t.Errorf("NearestDomain(%q) = %q at %d, %v; want %q at %d", tc.host, m.Domain, m.Distance, ok, tc.domain, tc.dist)
		}
	}
	if m, ok := Outlets().NearestDomain("zzzzqqqq.example", 2); ok {
		t.Errorf("NearestDomain(zzzzqqqq.example) = %q", m.Domain)
	}
	if _, ok := Outlets().NearestDomain("reuters.co", 0); ok {
		t.Error("NearestDomain(reuters.co, 0) found a domain")
	}
}

func TestOSADistance(t *testing.T) {
	var rows [3][]int
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0}, {"abc", "acb", 1},
		{"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := osaDistance(tc.a, tc.b, 10, &rows); got != tc.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := osaDistance("kitten", "sitting", 1, &rows); got <= 1 {
		t.Errorf("bounded distance %d, want > 1", got)
	}
}

func TestOutletDuplicates(t *testing.T) {
	head := "# Source: test\n# Licence: CC0\n# Format: test\n"
	base := "a\tAlpha News\talpha.com\tAN|~Shared\tUSA\tonline\t\nb\tBeta News\tbeta.com\t~Shared\tGBR\twire\tstate\n"
	if _, err := loadOutlets(fstest.MapFS{"data/outlets.tsv": {Data: []byte(head + base)}}, States()); err != nil {
		t.Fatalf("base: %v", err)
	}
	for _, extra := range []string{
		"c\tGamma\talpha.com\t\tUSA\tonline\t\n",      // domain twice
		"c\tGamma\tgamma.com\tAN\tUSA\tonline\t\n",    // alias twice
		"c\tAlpha News\tgamma.com\t\tUSA\tonline\t\n", // name twice
		"c\tGamma\tgamma.com\t~Lonely\tUSA\tonline\t\n",
		"a\tGamma\tgamma.com\t\tUSA\tonline\t\n",
		"c\tGamma\twww.gamma.com\t\tUSA\tonline\t\n",
		"c\tGamma\tgamma.com\t\tXXX\tonline\t\n",
		"c\tGamma\tgamma.com\t\tUSA\ttabloid\t\n",
		"c\tGamma\tgamma.com\t\tUSA\tonline\tyes\n",
	} {
		if _, err := loadOutlets(fstest.MapFS{"data/outlets.tsv": {Data: []byte(head + base + extra)}}, States()); err == nil {
			t.Errorf("%q: no error", extra)
		}
	}
}

func BenchmarkOutletByDomain(b *testing.B) {
	hosts := []string{"edition.cnn.com", "www.bbc.co.uk", "example.org", "https://www.reuters.com/world/"}
	b.ReportAllocs()
	for b.Loop() {
		for _, h := range hosts {
			Outlets().ByDomain(h)
		}
	}
}

func BenchmarkNearestDomain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Outlets().NearestDomain("news.reutres.com", 2)
	}
}

// TestNearestDomainPruning checks NearestDomain against the edit distance
// to every listed domain, without the pruning.
func TestNearestDomainPruning(t *testing.T) {
	tab := Outlets()
	var rows [3][]int
	hosts := []string{"news.reutres.com", "reuters.co", "nytimes.cm", "bbc.co.uk.example", "theguardain.com", "foxnews.org", "cnn.cm", "ap.orgg", "xinhuanet.cn", "a.b", "wsj.comm", "abcnews.go.co"}
	for _, d := range tab.Domains() {
		b := []byte(d)
		b[len(b)/2] = 'q'
		hosts = append(hosts, string(b), "x"+d, d[1:])
	}
	for _, h := range hosts {
		for maxDist := range 4 {
			got, gotOK := tab.NearestDomain(h, maxDist)
			want := DomainMatch{Distance: maxDist + 1}
			if o, ok := tab.ByDomain(h); ok {
				got2, _ := tab.NearestDomain(h, maxDist)
				if got2.Outlet != o || got2.Distance != 0 {
					t.Errorf("NearestDomain(%q) = %+v, ByDomain finds %s", h, got2, o.ID)
				}
				continue
			}
			for _, d := range tab.domains {
				s := lastLabels(h, strings.Count(d, ".")+1)
				if dist := osaDistance(s, d, want.Distance-1, &rows); dist < want.Distance {
					want = DomainMatch{Outlet: tab.byDomain[d], Domain: d, Distance: dist}
				}
			}
			wantOK := want.Outlet != nil
			if !wantOK {
				want = DomainMatch{}
			}
			if got != want || gotOK != wantOK {
				t.Errorf("NearestDomain(%q, %d) = %+v, %v; want %+v, %v", h, maxDist, got, gotOK, want, wantOK)
			}
		}
	}
}

// TestMayBegin checks that MayBegin admits every beginning of every name
// and alias, in any case, and rejects what begins none.
func TestMayBegin(t *testing.T) {
	tab := Outlets()
	for _, o := range tab.All() {
		for _, f := range append([]string{o.Name}, o.Aliases...) {
			for _, g := range []string{f, strings.ToUpper(f), strings.ToLower(f)} {
				if _, ok := tab.index.get(g); !ok || exactCase(f) && g != f {
					continue
				}
				for i := range g {
					if i > 0 && g[i-1] != ' ' && !tab.MayBegin(g[:i]) {
						t.Errorf("MayBegin(%q) = false, a beginning of %q", g[:i], g)
					}
				}
			}
		}
	}
	for _, s := range []string{"Zzyzx", "Reuters Zzyzx", "New York Zzyzx"} {
		if tab.MayBegin(s) {
			t.Errorf("MayBegin(%q) = true", s)
		}
	}
}
