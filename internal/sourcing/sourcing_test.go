package sourcing

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/quote"
)

// score runs the quote stage and Score on text, as the pipeline does.
func score(text, outlet string, boiler []string) Scorecard {
	d := quote.Analyze(text)
	return Score(Input{Text: text, Outlet: outlet, Quotes: d.Quotes, Entities: d.Entities, Boilerplate: boiler})
}

func evidence(sc Scorecard, kind, text string) []string {
	var out []string
	for _, f := range sc.Flags {
		if f.Kind == kind {
			for _, e := range f.Evidence {
				out = append(out, e.In(text))
			}
		}
	}
	return out
}

// filler is neutral text to give an article some length.
var filler = strings.Repeat("The council met on Tuesday to review the budget for the coming year and the schedule of works on the bridge. ", 25)

func TestFlags(t *testing.T) {
	tests := []struct {
		name, text, outlet string
		boiler             []string
		kind               string
		want               []string // evidence, in text order; nil: the flag must be absent
	}{
		{
			name: "anonymous marker",
			text: "The plan was drafted in March. According to an unnamed Norvian official, “the plan will be delayed by a year,” citing budget limits.",
			kind: AnonymousSource, want: []string{"an unnamed Norvian official"},
		},
		{
			name: "anonymity phrase",
			text: "A Halvard ministry employee, who spoke on condition of anonymity, said the deal was close.",
			kind: AnonymousSource, want: []string{"who spoke on condition of anonymity"},
		},
		{
			name: "named source is not anonymous",
			text: "“We will rebuild the bridge,” said Marta Quell, the mayor of Ostrava Vale.",
			kind: AnonymousSource,
		},
		{
			name: "garbled counters",
			text: "The minister resigned on Monday (examplenews.com +7, Corriere Nord +7 and dailyplanet.org/+12).",
			kind: GarbledCitations, want: []string{"examplenews.com +7", "Corriere Nord +7", "dailyplanet.org/+12"},
		},
		{
			name: "a score is not a citation",
			text: "Jansen finished the round at Lakeview +3, two shots behind the leader, after a score of 7 +2 on the back nine.",
			kind: GarbledCitations,
		},
		{
			name: "placeholder links",
			text: "The full report is available here. For background please go here and here. Click here to subscribe.",
			kind: PlaceholderLinks, want: []string{"available here", "go here and here", "Click here"},
		},
		{
			name: "here in a sentence is not a link",
			text: "The workers go here every morning, and the trains stop here too.",
			kind: PlaceholderLinks,
		},
		{
			name: "misspelled outlet domain",
			text: "The figures were first published by reutres.com on Monday.",
			kind: MisspelledDomain, want: []string{"reutres.com"},
		},
		{
			name: "misspelled against the article's own citations",
			text: "Sources: valleyherald.com, valleyherald.com and the Valleyherald archive. Also vallyeherald.com reported it.",
			kind: MisspelledDomain, want: []string{"vallyeherald.com"},
		},
		{
			name: "known domain is fine",
			text: "The figures were first published by reuters.com on Monday.",
			kind: MisspelledDomain,
		},
		{
			name: "stray German word",
			text: "The council approved the plan on Friday. Aktualisierung The mayor said the works would start in May.",
			kind: StrayForeignWord, want: []string{"Aktualisierung"},
		},
		{
			name: "stray German word glued to an English word",
			text: "The council approved the plan if there were no objections. Aktualisierung Reports on this plan: example.org and example.net.",
			kind: StrayForeignWord, want: []string{"Aktualisierung"},
		},
		{
			name: "stray function word",
			text: "The talks will resume next week und the delegations expect progress on trade.",
			kind: StrayForeignWord, want: []string{"und"},
		},
		{
			name: "names and English words are not foreign",
			text: "Chancellor Klaus Brandtner met Paula Esteban in Madrid; the die was cast, the mayor said.",
			kind: StrayForeignWord,
		},
		{
			name: "loaded language",
			text: "The regime's thugs launched a brutal crackdown on the radical opposition, a disgraceful and shameful campaign of terror.",
			kind: LoadedLanguage, want: []string{"regime's", "thugs", "brutal", "crackdown", "radical", "disgraceful", "shameful", "terror"},
		},
		{
			name: "loaded words in quotations are the speaker's",
			text: "“This brutal regime of thugs and radical extremists is a disgraceful terror state,” the minister said on Tuesday at a meeting in the capital with the visiting delegation.",
			kind: LoadedLanguage,
		},
		{
			name: "neutral text is not loaded",
			text: filler,
			kind: LoadedLanguage,
		},
		{
			name:   "publisher affiliated expert (outlet given)",
			text:   "“The sanctions will bite by winter.” — Lena Vos, Reuters Senior Analyst",
			outlet: "reuters.com",
			kind:   PublisherExperts, want: []string{"Reuters Senior Analyst"},
		},
		{
			name: "publisher inferred from uninvited acronym",
			text: "“Prices will rise again next year.” — Jonas Eberly, QPX Senior Fellow\n“Markets have priced that in already.” — Rina Castell, QPX Research Director",
			kind: PublisherExperts, want: []string{"QPX Senior Fellow", "QPX Research Director"},
		},
		{
			name: "introduced third-party organization",
			text: "Analysts at the Quarry Policy Exchange (QPX) disagree. “Prices will rise again next year.” — Jonas Eberly, QPX Senior Fellow\n“Markets have priced that in already.” — Rina Castell, QPX Research Director",
			kind: PublisherExperts,
		},
		{
			name:   "boilerplate kept aside",
			text:   "The bridge reopened on Monday.",
			boiler: []string{"Share this article", "Related Stories"},
			kind:   Boilerplate, want: nil,
		},
		{
			name: "inconsistent administrations",
			text: "The Carter administration has approved new talks with the rebels. Officials were hopeful.\nThe talks are now led by envoys of the Reagan administration, which is pressing for a ceasefire.",
			kind: InternalInconsistency, want: []string{"The Carter administration has approved new talks", "the Reagan administration"},
		},
		{
			name: "a former administration is not inconsistent",
			text: "The Carter administration has approved new talks with the rebels.\nThe talks began under the Reagan administration, which was pressing for a ceasefire.",
			kind: InternalInconsistency,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := score(tc.text, tc.outlet, tc.boiler)
			got := evidence(sc, tc.kind, tc.text)
			if tc.kind == Boilerplate && tc.boiler != nil {
				if !sc.Has(Boilerplate) {
					t.Fatalf("no boilerplate flag")
				}
				return
			}
			if tc.want == nil {
				if sc.Has(tc.kind) {
					t.Errorf("unexpected %s flag: %q", tc.kind, got)
				}
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s evidence (-want +got):\n%s\nflags: %+v", tc.kind, diff, sc.Flags)
			}
		})
	}
}

func TestNoDirectQuotes(t *testing.T) {
	text := filler + "\nThe mayor said the bridge would reopen in May. Officials said the cost had doubled. The contractor said delays were caused by the weather. Residents said they were relieved."
	sc := score(text, "", nil)
	if !sc.Has(NoDirectQuotes) {
		t.Errorf("no %s flag; counts %+v", NoDirectQuotes, sc.Counts)
	}
	quoted := text + "\n“We are relieved,” said Ana Brell, a resident."
	if sc := score(quoted, "", nil); sc.Has(NoDirectQuotes) {
		t.Errorf("%s flagged with a direct quote", NoDirectQuotes)
	}
}

func TestCitations(t *testing.T) {
	text := "According to Reuters, the port closed (see https://www.bbc.co.uk/news/x, and news.example.org). The U.S. said so."
	var got []string
	for _, c := range Citations(text) {
		got = append(got, c.Kind+":"+c.Span.In(text)+":"+c.Domain)
	}
	want := []string{"outlet:Reuters:", "url:https://www.bbc.co.uk/news/x:bbc.co.uk", "domain:news.example.org:news.example.org"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}
	for _, c := range Citations(text) {
		if c.Kind != CiteDomain && !c.Known {
			t.Errorf("%q not known", c.Span.In(text))
		}
	}
}

func TestCounts(t *testing.T) {
	text := "“We will rebuild,” said Marta Quell. An unnamed official said the money was not there. The terror of the night was brutal."
	sc := score(text, "", []string{"Share this"})
	c := sc.Counts
	if c.Words != 22 || c.DirectQuotes != 1 || c.LoadedPer1000 == 0 || c.BoilerplateShare == 0 {
		t.Errorf("counts %+v", c)
	}
	for _, s := range sc.Loaded {
		if s.In(text) == "" {
			t.Errorf("loaded span %v out of text", s)
		}
	}
}

func TestBadInput(t *testing.T) {
	huge := strings.Repeat("The regime slammed critics (site.com +3). Click here. ", 80000)
	for name, text := range map[string]string{
		"empty":   "",
		"spaces":  "   \n\n ",
		"invalid": "The \xff\xfe regime\xc3 said (ex\xffample.com +2) und \xe2\x80 here and here.",
		"huge":    huge,
	} {
		t.Run(name, func(t *testing.T) {
			in := Input{Text: text, Outlet: "\xff", Boilerplate: []string{"", "\xff"},
				Quotes: []quote.Quote{{Kind: quote.Direct, Source: article.Span{Start: 5, End: 1 << 30}, Speaker: 99}}}
			sc := Score(in)
			n := min(len(text), MaxText)
			for _, f := range sc.Flags {
				for _, e := range f.Evidence {
					if e.Start < 0 || e.End > n || e.Start > e.End {
						t.Errorf("%s: span %v outside text", f.Kind, e)
					}
				}
			}
		})
	}
}

func TestLexiconHeaders(t *testing.T) {
	if _, err := loadLexicon(); err != nil {
		t.Fatal(err)
	}
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := dataFS.ReadFile("data/" + e.Name())
		if !strings.Contains(string(b), "# Source:") || !strings.Contains(string(b), "# Licence:") {
			t.Errorf("%s: no Source/Licence header", e.Name())
		}
	}
}

func TestBiasModel(t *testing.T) {
	var ex []BiasExample
	for i := 0; i < 50; i++ {
		ex = append(ex,
			BiasExample{Text: "The reckless mayor slammed his critics in a shameful rant.", Biased: true, Words: []string{"reckless", "slammed", "shameful"}},
			BiasExample{Text: "The mayor spoke to reporters about the budget on Tuesday.", Biased: false})
	}
	m := TrainBias(ex, BiasOptions{Seed: 1})
	if p := m.Prob("A shameful and reckless rant by the governor."); p < 0.5 {
		t.Errorf("biased sentence p=%.2f", p)
	}
	if p := m.Prob("The governor spoke to reporters about the budget."); p >= 0.5 {
		t.Errorf("neutral sentence p=%.2f", p)
	}
	s := "A shameful rant by the governor."
	var got []string
	for _, sp := range m.Words(s) {
		got = append(got, s[sp.Start:sp.End])
	}
	if len(got) == 0 || got[0] != "shameful" {
		t.Errorf("Words(%q) = %q, want shameful first", s, got)
	}
	if w := m.Words("The governor spoke to reporters."); len(w) != 0 {
		t.Errorf("neutral sentence words %v", w)
	}
}

func TestSubjectiveClass(t *testing.T) {
	for w, want := range map[string]string{
		"slammed": "emotive", "ripping": "emotive", "bullied": "emotive", "disparaging": "emotive",
		"absurdly": "neg", "heroes": "pos", "utterly": "intensifier", "reportedly": "hedge",
		"budget": "", "ring": "",
	} {
		if got := lex().subjectiveClass(w); got != want {
			t.Errorf("subjectiveClass(%q) = %q, want %q", w, got, want)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	text := strings.Repeat(filler+"\n“We will rebuild the bridge,” said Marta Quell, the mayor (valleyherald.com +3). An unnamed official called it a disgraceful scheme.\n", 4)
	d := quote.Analyze(text)
	in := Input{Text: text, Quotes: d.Quotes, Entities: d.Entities}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Score(in)
	}
}

func BenchmarkAdminMatches(b *testing.B) {
	text := strings.Repeat(filler+"\nThe government said the Quell administration has authorized talks.\n", 4)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		adminMatches(text)
	}
}
