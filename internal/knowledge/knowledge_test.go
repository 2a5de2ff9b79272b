package knowledge

import (
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// unMembers is the UN membership, written out independently of
// data/states.tsv so that a member mislabelled or dropped there is caught.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

// TestLoad loads every embedded file with its real loader: a loader error is
// a bug in the data.
func TestLoad(t *testing.T) {
	met, err := loadMetonyms(dataFS)
	if err != nil {
		t.Errorf("metonyms.tsv: %v", err)
	}
	states, err := loadStates(dataFS, met)
	if err != nil {
		t.Errorf("states.tsv: %v", err)
	}
	if _, err := loadOrgs(dataFS, states); err != nil {
		t.Errorf("orgs.tsv: %v", err)
	}
	if _, err := loadTitles(dataFS); err != nil {
		t.Errorf("titles.tsv: %v", err)
	}
	if _, err := loadRoles(dataFS); err != nil {
		t.Errorf("roles.tsv: %v", err)
	}
}

// TestHeaders checks that every data file names its source and licence.
func TestHeaders(t *testing.T) {
	files, err := fs.Glob(dataFS, "data/*.tsv")
	if err != nil || len(files) < 10 {
		t.Fatalf("data files: %v %v", files, err)
	}
	for _, f := range files {
		b, _ := fs.ReadFile(dataFS, f)
		head := string(b[:min(len(b), 2000)])
		if !strings.HasPrefix(head, "# ") {
			t.Errorf("%s: does not start with a header comment", f)
		}
		for _, want := range []string{"# Source:", "# Licence:", "# Format:"} {
			if !strings.Contains(head, want) {
				t.Errorf("%s: header lacks %q", f, want)
			}
		}
		// Only licences that let parallax ship the data, named in full.
		licence := head[strings.Index(head, "# Licence:"):]
		licence = licence[:strings.IndexByte(licence, '\n')]
		if !strings.Contains(licence, "CC0") && !strings.Contains(licence, "CC BY 4.0") && !strings.Contains(licence, "SCOWL licence") {
			t.Errorf("%s: licence %q is not one of CC0, CC BY 4.0, SCOWL", f, licence)
		}
	}
}

func TestStatesData(t *testing.T) {
	st := States()
	iso3 := regexp.MustCompile(`^[A-Z]{3}$`)
	seen := map[string]bool{}
	members := 0
	statuses := map[Status]int{}
	for _, s := range st.All() {
		if !iso3.MatchString(s.ISO3) {
			t.Errorf("%s: ISO3 %q is not three capital letters", s.Name, s.ISO3)
		}
		if seen[s.ISO3] {
			t.Errorf("duplicate ISO3 %s", s.ISO3)
		}
		seen[s.ISO3] = true
		if s.UNMember() {
			members++
		}
		statuses[s.Status]++
		if s.Region == "" || s.Subregion == "" {
			t.Errorf("%s: no region", s.ISO3)
		}
	}
	if members != UNMembers || len(unMembers) != UNMembers {
		t.Errorf("UN members: data %d, list %d, want %d", members, len(unMembers), UNMembers)
	}
	for _, code := range unMembers {
		s, ok := st.ByCode(code)
		if !ok || !s.UNMember() {
			t.Errorf("UN member %s missing or not marked member", code)
		}
	}
	for _, code := range []string{"PSE", "VAT"} {
		if s, ok := st.ByCode(code); !ok || s.Status != Observer {
			t.Errorf("%s should be a UN observer state", code)
		}
	}
	for _, code := range []string{"XKX", "TWN", "ESH", "HKG", "MAC", "PRI", "GRL"} {
		if _, ok := st.ByCode(code); !ok {
			t.Errorf("%s missing", code)
		}
	}
	if statuses[Territory] < 40 || statuses[Historical] < 3 {
		t.Errorf("statuses %v: territories or historical states missing", statuses)
	}
}

// TestReferences checks that every country code in metonyms and orgs is a
// state, and every org reference is an org.
func TestReferences(t *testing.T) {
	st, orgs := States(), Orgs()
	for _, m := range Metonyms().All() {
		if m.Country != "" {
			if _, ok := st.ByCode(m.Country); !ok || len(m.Country) != 3 {
				t.Errorf("metonym %s: unknown country %q", m.Forms[0], m.Country)
			}
		}
		if m.Org != "" {
			if _, ok := orgs.ByID(m.Org); !ok {
				t.Errorf("metonym %s: unknown org %q", m.Forms[0], m.Org)
			}
		}
	}
	for _, o := range orgs.All() {
		if o.Country != "" {
			if _, ok := st.ByCode(o.Country); !ok {
				t.Errorf("org %s: unknown country %q", o.ID, o.Country)
			}
		}
	}
	roles := map[string]bool{}
	for _, r := range Roles().All() {
		roles[r.Name] = true
	}
	for _, ti := range Titles().All() {
		if ti.Role != "" && !roles[ti.Role] {
			t.Errorf("title %s: role %q is not in roles.tsv", ti.Canonical, ti.Role)
		}
	}
}

func TestStateLookup(t *testing.T) {
	type want struct {
		Code       string
		Form       string
		Candidates string
	}
	tests := []struct {
		in   string
		want want
	}{
		{"U.S.", want{"USA", "alias", ""}},
		{"US", want{"USA", "alias", ""}},
		{"us", want{}},
		{"Us", want{}},
		{"USA", want{"USA", "alias", ""}},
		{"the United States", want{"USA", "alias", ""}},
		{"United States of America", want{"USA", "formal", ""}},
		{"America", want{"USA", "alias", ""}},
		{"American", want{"USA", "demonym", ""}},
		{"Washington", want{"USA", "capital", ""}},
		{"the Netherlands", want{"NLD", "alias", ""}},
		{"Netherlands", want{"NLD", "name", ""}},
		{"Holland", want{"NLD", "alias", ""}},
		{"Dutch", want{"NLD", "demonym", ""}},
		{"The Hague", want{"NLD", "capital", ""}},
		{"UK", want{"GBR", "alias", ""}},
		{"U.K.", want{"GBR", "alias", ""}},
		{"uk", want{}},
		{"Britain", want{"GBR", "alias", ""}},
		{"Great Britain", want{"GBR", "alias", ""}},
		{"British", want{"GBR", "demonym", ""}},
		{"Briton", want{"GBR", "demonym", ""}},
		{"Burma", want{"MMR", "alias", ""}},
		{"Myanmar", want{"MMR", "name", ""}},
		{"Burmese", want{"MMR", "demonym", ""}},
		{"Czechia", want{"CZE", "name", ""}},
		{"Czech Republic", want{"CZE", "formal", ""}},
		{"the Czech Republic", want{"CZE", "alias", ""}},
		{"Kyiv", want{"UKR", "capital", ""}},
		{"Kiev", want{"UKR", "capital", ""}},
		{"Democratic People's Republic of Korea", want{"PRK", "formal", ""}},
		{"Democratic People’s Republic of Korea", want{"PRK", "formal", ""}},
		{"DPRK", want{"PRK", "alias", ""}},
		{"North Korean", want{"PRK", "demonym", ""}},
		{"Korea", want{"", "none", "KOR PRK"}},
		{"Korean", want{"", "none", "KOR PRK"}},
		{"Congo", want{"", "none", "COG COD"}},
		{"the Congo", want{"", "none", "COG COD"}},
		{"DRC", want{"COD", "alias", ""}},
		{"Côte d'Ivoire", want{"CIV", "name", ""}},
		{"Cote d’Ivoire", want{"CIV", "name", ""}},
		{"COTE D'IVOIRE", want{"CIV", "name", ""}},
		{"Ivory Coast", want{"CIV", "alias", ""}},
		{"Türkiye", want{"TUR", "name", ""}},
		{"Turkiye", want{"TUR", "name", ""}},
		{"Turkey", want{"TUR", "alias", ""}},
		{"Guinea", want{"GIN", "name", ""}},
		{"Guinea-Bissau", want{"GNB", "name", ""}},
		{"Guinea Bissau", want{"GNB", "name", ""}},
		{"Equatorial Guinea", want{"GNQ", "name", ""}},
		{"Papua New Guinea", want{"PNG", "name", ""}},
		{"CAR", want{"CAF", "alias", ""}},
		{"car", want{}},
		{"Antigua & Barbuda", want{"ATG", "name", ""}},
		{"Sao Tome and Principe", want{"STP", "name", ""}},
		{"  Germany  ", want{"DEU", "name", ""}},
		{"GERMANY", want{"DEU", "name", ""}},
		{"German", want{"DEU", "demonym", ""}},
		{"Beijing", want{"CHN", "capital", ""}},
		{"Taiwan", want{"TWN", "name", ""}},
		{"Republic of China", want{"TWN", "formal", ""}},
		{"People's Republic of China", want{"CHN", "formal", ""}},
		{"Vatican", want{"VAT", "alias", ""}},
		{"Palestinian", want{"PSE", "demonym", ""}},
		{"Kosovo", want{"XKX", "name", ""}},
		{"Hong Kong", want{"HKG", "name", ""}},
		{"the Kremlin", want{"RUS", "metonym", ""}},
		{"Kremlin", want{"RUS", "metonym", ""}},
		{"the White House", want{"USA", "metonym", ""}},
		{"Downing Street", want{"GBR", "metonym", ""}},
		{"Number 10", want{"GBR", "metonym", ""}},
		{"the Élysée", want{"FRA", "metonym", ""}},
		{"the Elysee", want{"FRA", "metonym", ""}},
		{"Brussels", want{"BEL", "capital", ""}},
		{"Soviet Union", want{"SUN", "name", ""}},
		{"Victoria", want{}},
		{"Hill", want{}},
		{"", want{}},
		{"the", want{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := States().Lookup(tt.in)
			var got want
			if ok {
				got = want{m.State.ISO3, m.Form.String(), ""}
			} else if m.Candidates != nil {
				var codes []string
				for _, s := range m.Candidates {
					codes = append(codes, s.ISO3)
				}
				got = want{"", "none", strings.Join(codes, " ")}
			}
			if ok != (tt.want.Code != "") {
				t.Errorf("ok = %v", ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Lookup(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
	m, _ := States().Lookup("the Pentagon")
	if m.Metonym == nil || m.Metonym.Sector != SectorMilitary || m.Metonym.Org != "dod" {
		t.Errorf("the Pentagon: metonym %+v, want the US defence department", m.Metonym)
	}
}

func TestByCode(t *testing.T) {
	for _, code := range []string{"DEU", "DE", "deu", "de"} {
		if s, ok := States().ByCode(code); !ok || s.Name != "Germany" {
			t.Errorf("ByCode(%q) = %v, %v", code, s, ok)
		}
	}
	if _, ok := States().ByCode("XXX"); ok {
		t.Error("ByCode(XXX) found a state")
	}
}

func TestMetonymLookup(t *testing.T) {
	tests := []struct {
		in      string
		country string
		sector  Sector
	}{
		{"the Kremlin", "RUS", SectorGovernment},
		{"Downing Street", "GBR", SectorGovernment},
		{"No. 10", "GBR", SectorGovernment},
		{"the Pentagon", "USA", SectorMilitary},
		{"Foggy Bottom", "USA", SectorDiplomacy},
		{"Capitol Hill", "USA", SectorLegislature},
		{"the Hill", "USA", SectorLegislature},
		{"Quai d’Orsay", "FRA", SectorDiplomacy},
		{"Zhongnanhai", "CHN", SectorGovernment},
		{"the Blue House", "KOR", SectorGovernment},
		{"Brussels", "", SectorGovernment},
		{"Whitehall", "GBR", SectorGovernment},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := Metonyms().Lookup(tt.in)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.in)
			}
			if m.Country != tt.country || m.Sector != tt.sector {
				t.Errorf("Lookup(%q) = %s %s, want %s %s", tt.in, m.Country, m.Sector, tt.country, tt.sector)
			}
		})
	}
	if m, ok := Metonyms().Lookup("the Blue House"); !ok || !m.Historic {
		t.Error("the Blue House should be historic")
	}
	for _, in := range []string{"Hill", "House", "Palace"} {
		if m, ok := Metonyms().Lookup(in); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", in, m.Institution)
		}
	}
}

func TestOrgLookup(t *testing.T) {
	tests := []struct {
		in, id, form string
		candidates   string
	}{
		{"WHO", "who", "acronym", ""},
		{"who", "", "", ""},
		{"Who", "", "", ""},
		{"World Health Organization", "who", "name", ""},
		{"World Health Organisation", "who", "alias", ""},
		{"AP", "ap", "acronym", ""},
		{"ap", "", "", ""},
		{"the Associated Press", "ap", "alias", ""},
		{"Associated Press", "ap", "name", ""},
		{"NATO", "nato", "acronym", ""},
		{"Nato", "nato", "alias", ""},
		{"UN", "un", "acronym", ""},
		{"U.N.", "un", "acronym", ""},
		{"un", "", "", ""},
		{"UN Security Council", "unsc", "alias", ""},
		{"ISIS", "isis", "acronym", ""},
		{"ISIL", "isis", "acronym", ""},
		{"Daesh", "isis", "alias", ""},
		{"Islamic State", "isis", "name", ""},
		{"IS", "isis", "acronym", ""},
		{"is", "", "", ""},
		{"Houthis", "houthis", "name", ""},
		{"Ansar Allah", "houthis", "alias", ""},
		{"IRGC", "irgc", "acronym", ""},
		{"Islamic Revolutionary Guard Corps", "irgc", "name", ""},
		{"Quds Force", "quds-force", "name", ""},
		{"al-Qaeda", "al-qaeda", "name", ""},
		{"al Qaeda", "al-qaeda", "name", ""},
		{"Hezbollah", "hezbollah", "name", ""},
		{"Médecins Sans Frontières", "msf", "name", ""},
		{"Medecins Sans Frontieres", "msf", "name", ""},
		{"Doctors Without Borders", "msf", "alias", ""},
		{"ICC", "icc", "acronym", ""},
		{"Reuters", "reuters", "name", ""},
		{"the Pentagon", "dod", "alias", ""},
		{"Mossad", "mossad", "name", ""},
		{"Shin Bet", "shin-bet", "name", ""},
		{"RSF", "", "", "rsf-sudan rsf-ngo"},
		{"ABC", "", "", "abc-us abc-au"},
		{"Rapid Support Forces", "rsf-sudan", "name", ""},
		// Companies: a former name is an alias of the company, a
		// subsidiary news names on its own is its own row.
		{"Facebook", "meta", "alias", ""},
		{"Meta", "meta", "alias", ""},
		{"Google", "google", "name", ""},
		{"Alphabet", "alphabet", "alias", ""},
		{"Twitter", "x-corp", "alias", ""},
		{"GM", "general-motors", "acronym", ""},
		{"gm", "", "", ""},
		{"Ford Motor", "ford", "alias", ""},
		{"Ford", "", "", ""}, // a surname too often
		{"Target", "", "", ""},
		{"Apple", "apple", "alias", ""},
		{"Shell", "shell", "alias", ""},
		{"Saudi Aramco", "saudi-aramco", "name", ""},
		{"TSMC", "tsmc", "acronym", ""},
		{"Merck", "", "", "merck-us merck-kgaa"},
		{"Volvo", "", "", "volvo-cars volvo-group"},
		{"PIF", "", "", "pif public-investment-fund"},
		{"BNP Paribas", "bnp-paribas", "name", ""},
		{"BNP", "", "", "bnp-bangladesh bnp-paribas"},
		// Parties: the dominant sense keeps the bare form.
		{"Labour", "labour-party", "alias", ""},
		{"Labour Party", "labour-party", "name", ""},
		{"Irish Labour Party", "labour-ireland", "alias", ""},
		{"Democratic Party", "democratic-party", "name", ""},
		{"Partito Democratico", "pd-italy", "alias", ""},
		{"Greens", "", "", "greens-germany green-party-ew australian-greens nz-greens ecologists-france green-party-us"},
		{"the Greens", "", "", "greens-germany green-party-ew australian-greens nz-greens ecologists-france green-party-us"},
		{"PS", "", "", "ps-france ps-portugal ps-belgium progressive-slovakia"},
		{"ps", "", "", ""},
		{"FDP", "fdp", "acronym", ""},
		{"Die Linke", "die-linke", "alias", ""},
		{"PSOE", "psoe", "acronym", ""},
		{"Fratelli d'Italia", "fratelli-ditalia", "alias", ""},
		{"FdI", "fratelli-ditalia", "acronym", ""},
		{"MoDem", "modem", "acronym", ""},
		{"modem", "", "", ""},
		{"Lib Dems", "libdems", "alias", ""},
		{"Workers' Party", "pt-brazil", "alias", ""},
		{"Aam Aadmi Party", "aam-aadmi-party", "name", ""},
		{"AAP", "", "", "aap aam-aadmi-party"},
		{"Servant of the People", "servant-of-the-people", "name", ""},
		{"Yesh Atid", "yesh-atid", "name", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := Orgs().Lookup(tt.in)
			var id, form, cands string
			if ok {
				id, form = m.Org.ID, m.Form.String()
			}
			for _, c := range m.Candidates {
				cands = strings.TrimSpace(cands + " " + c.ID)
			}
			if id != tt.id || form != tt.form || cands != tt.candidates {
				t.Errorf("Lookup(%q) = %q %q [%s], want %q %q [%s]", tt.in, id, form, cands, tt.id, tt.form, tt.candidates)
			}
		})
	}
	sectors := map[string]Sector{
		"un": SectorIGO, "hamas": SectorArmedGroup, "wagner": SectorArmedGroup, "cia": SectorIntelligence,
		"idf": SectorMilitary, "reuters": SectorMedia, "hrw": SectorNGO, "chatham-house": SectorThinkTank,
		"nvidia": SectorCompany, "gazprom": SectorCompany, "cdu": SectorParty, "morena": SectorParty,
	}
	for id, want := range sectors {
		if o, ok := Orgs().ByID(id); !ok || o.Sector != want {
			t.Errorf("ByID(%q) = %v, want sector %s", id, o, want)
		}
	}
}

func TestTitlePrefix(t *testing.T) {
	tests := []struct {
		in, canonical, written string
		sector                 Sector
	}{
		{"Rear Adm. Jane Doe", "Rear Admiral", "Rear Adm.", SectorMilitary},
		{"Rear Adm Jane Doe", "Rear Admiral", "Rear Adm", SectorMilitary},
		{"Adm. Jane Doe", "Admiral", "Adm.", SectorMilitary},
		{"Vice Adm. X", "Vice Admiral", "Vice Adm.", SectorMilitary},
		{"Lt. Gen. Mark Smith", "Lieutenant General", "Lt. Gen.", SectorMilitary},
		{"Maj. Gen. Li", "Major General", "Maj. Gen.", SectorMilitary},
		{"Brig. Gen. Li", "Brigadier General", "Brig. Gen.", SectorMilitary},
		{"Lt. Li", "Lieutenant", "Lt.", SectorMilitary},
		{"GEN. MARK MILLEY", "General", "GEN.", SectorMilitary},
		{"Field Marshal Asim Munir", "Field Marshal", "Field Marshal", SectorMilitary},
		{"Grand Ayatollah Ali Sistani", "Grand Ayatollah", "Grand Ayatollah", SectorReligious},
		{"Ayatollah Ali Khamenei", "Ayatollah", "Ayatollah", SectorReligious},
		{"Hojatoleslam X", "Hojatoleslam", "Hojatoleslam", SectorReligious},
		{"Sheikh Tamim", "Sheikh", "Sheikh", SectorRoyalty},
		{"Crown Prince Mohammed", "Crown Prince", "Crown Prince", SectorRoyalty},
		{"Prince Harry", "Prince", "Prince", SectorRoyalty},
		{"Sen. Jane Doe", "Senator", "Sen.", SectorLegislature},
		{"Rep. Jane Doe", "Representative", "Rep.", SectorLegislature},
		{"Gov. Jane Doe", "Governor", "Gov.", SectorGovernment},
		{"Secretary of State Jane Doe", "Secretary of State", "Secretary of State", SectorGovernment},
		{"Vice President Jane Doe", "Vice President", "Vice President", SectorGovernment},
		{"Vice-President Jane Doe", "Vice President", "Vice-President", SectorGovernment},
		{"President Jane Doe", "President", "President", SectorGovernment},
		{"Prime Minister Jane Doe", "Prime Minister", "Prime Minister", SectorGovernment},
		{"Attorney General Jane Doe", "Attorney General", "Attorney General", SectorGovernment},
		{"Chief Justice John Roberts", "Chief Justice", "Chief Justice", SectorJudiciary},
		{"Justice Jane Doe", "Justice", "Justice", SectorJudiciary},
		{"Mr. Smith", "Mr.", "Mr.", SectorNone},
		{"Mr Smith", "Mr.", "Mr", SectorNone},
		{"Dr. Smith", "Dr.", "Dr.", SectorAcademic},
		{"Herr Scholz", "Herr", "Herr", SectorNone},
		{"President, who", "President", "President", SectorGovernment},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := Titles().Prefix(tt.in)
			if !ok {
				t.Fatalf("Prefix(%q) found nothing", tt.in)
			}
			if m.Title.Canonical != tt.canonical || tt.in[:m.End] != tt.written || m.Title.Sector != tt.sector {
				t.Errorf("Prefix(%q) = %q %q %q, want %q %q %q", tt.in, m.Title.Canonical, tt.in[:m.End], m.Title.Sector, tt.canonical, tt.written, tt.sector)
			}
		})
	}
	for _, in := range []string{"gen. x", "sen. Smith", "Smith said", "", "   ", "Rear guard", "Vice"} {
		if m, ok := Titles().Prefix(in); ok {
			t.Errorf("Prefix(%q) = %q, want nothing", in, m.Title.Canonical)
		}
	}
}

func TestTitleMatch(t *testing.T) {
	m, ok := Titles().Match([]string{"Lt.", "Gen.", "Mark", "Smith"})
	if !ok || m.Title.Canonical != "Lieutenant General" || m.Words != 2 {
		t.Errorf("Match = %+v, %v", m, ok)
	}
	if _, ok := Titles().Match(nil); ok {
		t.Error("Match(nil) found a title")
	}
	if m, ok := Titles().Match([]string{"Rear"}); ok {
		t.Errorf("Match(Rear) = %s", m.Title.Canonical)
	}
}

func TestRoles(t *testing.T) {
	lookups := map[string]string{
		"Foreign Minister":          "foreign_minister",
		"foreign secretary":         "foreign_minister",
		"top diplomat":              "foreign_minister",
		"defence secretary":         "defence_minister",
		"defense secretary":         "defence_minister",
		"Defense Minister":          "defence_minister",
		"chancellor":                "head_of_government",
		"president":                 "head_of_state",
		"spokesman":                 "spokesperson",
		"spokeswoman":               "spokesperson",
		"envoy":                     "envoy",
		"vice-president":            "deputy_head_of_state",
		"vice president":            "deputy_head_of_state",
		"national security adviser": "security_adviser",
		"national security advisor": "security_adviser",
	}
	for in, want := range lookups {
		if r, ok := Roles().Lookup(in); !ok || r.Name != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", in, r, ok, want)
		}
	}
	suffixes := []struct{ in, phrase, role string }{
		{"France's top diplomat", "top diplomat", "foreign_minister"},
		{"the German chancellor", "chancellor", "head_of_government"},
		{"the chancellor of the exchequer", "chancellor of the exchequer", "finance_minister"},
		{"White House press secretary", "press secretary", "spokesperson"},
		{"the foreign ministry spokesman", "foreign ministry spokesman", "spokesperson"},
		{"the UN special envoy", "special envoy", "envoy"},
		{"Israel’s defense minister ", "defense minister", "defence_minister"},
		{"said the spokesman,", "spokesman", "spokesperson"},
		{"the Iranian health minister.", "minister", "minister"},
	}
	for _, tt := range suffixes {
		m, ok := Roles().Suffix(tt.in)
		if !ok {
			t.Errorf("Suffix(%q) found nothing", tt.in)
			continue
		}
		if got := tt.in[m.Start:m.End]; got != tt.phrase || m.Role.Name != tt.role {
			t.Errorf("Suffix(%q) = %q %s, want %q %s", tt.in, got, m.Role.Name, tt.phrase, tt.role)
		}
	}
	for _, in := range []string{"a banana", "", " ", "the"} {
		if m, ok := Roles().Suffix(in); ok {
			t.Errorf("Suffix(%q) = %s", in, m.Role.Name)
		}
	}
}

// TestLoaderRejects feeds the loaders bad data: each problem the data rules
// forbid must be reported.
func TestLoaderRejects(t *testing.T) {
	const head = "# h\n"
	state := func(lines ...string) string { return head + strings.Join(lines, "\n") + "\n" }
	ok1 := "AAA\tAA\tmember\tAland\tRepublic of Aland\tAl\tAlandic\tAcity\tEurope\tNorthern Europe"
	ok2 := "BBB\tBB\tmember\tBland\tRepublic of Bland\tBl\tBlandic\tBcity\tEurope\tNorthern Europe"
	tests := []struct {
		name, states, ambiguous, wantErr string
	}{
		{"valid", state(ok1, ok2), head, ""},
		{"duplicate code", state(ok1, strings.Replace(ok2, "BBB", "AAA", 1)), head, "code AAA already used"},
		{"bad code", state(strings.Replace(ok1, "AAA", "Aa1", 1)), head, "not three capital letters"},
		{"bad status", state(strings.Replace(ok1, "member", "friend", 1)), head, "unknown status"},
		{"short row", state("AAA\tAA\tmember"), head, "3 fields, want 10"},
		{"shared alias", state(ok1, strings.Replace(ok2, "\tBl\t", "\tAl\t", 1)), head, "already a form of AAA"},
		{"shared alias listed", state(ok1, strings.Replace(ok2, "\tBl\t", "\tAl\t", 1)), head + "state\tAl\tAAA|BBB\tx\n", ""},
		{"ambiguous without candidate", state(ok1, strings.Replace(ok2, "\tBl\t", "\tAl\t", 1)), head + "state\tAl\tAAA|AAA\tx\n", "not among its candidates"},
		{"ambiguous unknown", state(ok1), head + "state\tAl\tAAA|ZZZ\tx\n", "unknown state ZZZ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"data/states.tsv":    {Data: []byte(tt.states)},
				"data/ambiguous.tsv": {Data: []byte(tt.ambiguous)},
			}
			_, err := loadStates(fsys, nil)
			if tt.wantErr == "" && err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}

	fsys := fstest.MapFS{
		"data/states.tsv":    {Data: []byte(state(ok1))},
		"data/ambiguous.tsv": {Data: []byte(head)},
		"data/orgs.tsv": {Data: []byte(head +
			"x\tX Org\tXO\t\tZZZ\tigo\t\n" +
			"y\tY Org\tXO\t\t\tparty\tnope\n")},
		"data/metonyms.tsv": {Data: []byte(head + "Castle\tZZZ\tthe crown\t\tgovernment\tcurrent\n")},
	}
	st, _ := loadStates(fsys, nil)
	_, err := loadOrgs(fsys, st)
	for _, want := range []string{"unknown country \"ZZZ\"", "unknown parent nope", "XO of y is already a form of x"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("loadOrgs error %v, want %q", err, want)
		}
	}
	met, err := loadMetonyms(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadStates(fsys, met); err == nil || !strings.Contains(err.Error(), "unknown state ZZZ") {
		t.Errorf("loadStates with a metonym of an unknown state: %v", err)
	}
}

// TestConcurrent uses the tables from many goroutines at once; run it with
// -race.
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, in := range []string{"U.S.", "Kremlin", "WHO", "Rear Adm. X", "the spokesman"} {
				States().Lookup(in)
				Orgs().Lookup(in)
				Metonyms().Lookup(in)
				Titles().Prefix(in)
				Roles().Suffix(in)
			}
		}()
	}
	wg.Wait()
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Côte d’Ivoire":     "cote d'ivoire",
		"  São  Tomé ":      "sao tome",
		"Guinea-Bissau":     "guinea bissau",
		"Antigua & Barbuda": "antigua and barbuda",
		"Åland":             "aland",
		"ŁÓDŹ":              "lodz",
	} {
		if got := foldKey(in); got != want {
			t.Errorf("foldKey(%q) = %q, want %q", in, got, want)
		}
	}
}
