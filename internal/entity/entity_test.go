package entity

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/synth"
)

func entityNamed(d *Doc, name string) *Entity {
	for i := range d.Entities {
		if d.Entities[i].Name == name {
			return &d.Entities[i]
		}
	}
	return nil
}

func TestAnalyzeResolvesWithinText(t *testing.T) {
	txt := "Finance Minister Helga Brandauer said on Monday that the budget would pass.\n" +
		"Brandauer told reporters in Vienna that Austria would not raise taxes. She added that talks went well.\n" +
		"Austrian officials met Rear Adm. Oskar Lindqvist, the Swedish defence minister, on Tuesday.\n" +
		"Lindqvist said he was disappointed."
	d := Analyze(txt)
	h := entityNamed(d, "Helga Brandauer")
	if h == nil {
		t.Fatalf("no entity Helga Brandauer: %+v", d.Entities)
	}
	if h.Kind != Person || len(h.Mentions) < 3 {
		t.Errorf("Helga Brandauer: kind %v, %d mentions (full name, surname, she), want person and 3+", h.Kind, len(h.Mentions))
	}
	if !strings.Contains(strings.Join(h.Titles, "|"), "Finance Minister") && len(h.Roles) == 0 {
		t.Errorf("Helga Brandauer lost her title: titles %q roles %+v", h.Titles, h.Roles)
	}
	o := entityNamed(d, "Oskar Lindqvist")
	if o == nil {
		t.Fatalf("no entity Oskar Lindqvist (title not stripped?): %+v", d.Entities)
	}
	if len(o.Titles) == 0 || o.Titles[0] != "Rear Adm." {
		t.Errorf("Lindqvist titles %q, want Rear Adm.", o.Titles)
	}
	if len(o.Roles) == 0 || o.Roles[0].Country != "SWE" || o.Roles[0].Role != "defence_minister" {
		t.Errorf("Lindqvist roles %+v, want the Swedish defence minister (SWE)", o.Roles)
	} else if r := o.Roles[0]; txt[r.Span.Start:r.Span.End] != r.Text {
		t.Errorf("role evidence %v is %q, not %q", r.Span, txt[r.Span.Start:r.Span.End], r.Text)
	}
	at := entityNamed(d, "Austria")
	if at == nil || at.Code != "AUT" || len(at.Mentions) != 3 {
		t.Errorf("Vienna, Austria and Austrian should be one state AUT with 3 mentions: %+v", at)
	}
	// "he" in the last sentence is Lindqvist, "She" is Brandauer.
	for _, m := range d.Mentions {
		if m.Form != Pronoun {
			continue
		}
		w := txt[m.Start:m.End]
		want := map[string]string{"She": "Helga Brandauer", "he": "Oskar Lindqvist"}[w]
		if want != "" && (m.Entity < 0 || d.Entities[m.Entity].Name != want) {
			t.Errorf("pronoun %q at %d resolved to %d, want %s", w, m.Start, m.Entity, want)
		}
	}
	checkDoc(t, txt, d)
}

// checkDoc holds the invariants of every analysis.
func checkDoc(t *testing.T, txt string, d *Doc) {
	t.Helper()
	prev := -1
	for i, m := range d.Mentions {
		if m.Start < 0 || m.End > len(txt) || m.Start >= m.End {
			t.Fatalf("mention %d span %v outside text of %d bytes", i, m.Span, len(txt))
		}
		if m.Start < prev {
			t.Fatalf("mentions out of order at %d", i)
		}
		prev = m.Start
		// Texts reach the analysis valid (text.Normalize); on invalid input
		// only the spans' bounds are held.
		if utf8.ValidString(txt) && !utf8.ValidString(txt[m.Start:m.End]) {
			t.Fatalf("mention %d splits a character", i)
		}
		if m.Entity >= len(d.Entities) {
			t.Fatalf("mention %d refers to entity %d of %d", i, m.Entity, len(d.Entities))
		}
	}
	for i, e := range d.Entities {
		for _, k := range e.Mentions {
			if k < 0 || k >= len(d.Mentions) || d.Mentions[k].Entity != i {
				t.Fatalf("entity %d lists mention %d that is not its", i, k)
			}
		}
	}
}

func TestLinkerKeepsNamesakesApart(t *testing.T) {
	l := NewLinker()
	add := func(txt string) []int { return l.AddDoc(txt[:10], Analyze(txt)) }
	add("Opposition leader Anna Keller criticized the plan on Monday in Vienna.")
	add("Thomas Keller, the central bank governor, said the plan would fail.")
	add("Keller said the vote would be close.")
	n := 0
	for _, g := range l.Entities() {
		if g.Kind != Person {
			continue
		}
		names := append([]string{g.Name}, g.Aliases...)
		full := 0
		for _, x := range names {
			if x == "Anna Keller" || x == "Thomas Keller" {
				full++
			}
		}
		if full > 1 {
			t.Errorf("two people merged: %+v", g)
		}
		if strings.Contains(g.Name, "Keller") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d Keller entities, want 3 (two people and the ambiguous surname)", n)
	}
	// With one Keller only, the surname joins her.
	l = NewLinker()
	a := l.AddDoc("a", Analyze("Keller said the vote would be close."))
	b := l.AddDoc("b", Analyze("Opposition leader Anna Keller criticized the plan on Monday in Vienna."))
	var ka, kb = -1, -1
	for i := range a {
		ka = l.Canonical(a[i])
	}
	for i, id := range b {
		_ = i
		if l.ents[l.Canonical(id)].Name == "Anna Keller" {
			kb = l.Canonical(id)
		}
	}
	if ka != kb || ka < 0 {
		t.Errorf("surname seen first did not join the one full name seen later: %d vs %d", ka, kb)
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := defaultModel()
	if m.Features() < 1000 {
		t.Fatalf("embedded model has %d features", m.Features())
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, modelMagic); err != nil {
		t.Fatal(err)
	}
	m2, err := readModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	txt := synth.New(3).Next().Text
	a, b := recognize(newDocFeatures(txt), m), recognize(newDocFeatures(txt), m2)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("round trip changed the output: %d vs %d mentions", len(a), len(b))
	}
	if _, err := readModel([]byte("not a model")); err == nil {
		t.Error("garbage read as a model")
	}
}

// Bad input: no panic, bounded time, sensible output.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("Abcdef ", 10000)
	for name, txt := range map[string]string{
		"empty":        "",
		"all caps":     "THE PRIME MINISTER OF CANADA, JANE DOE, SAID ON MONDAY THAT OTTAWA WOULD ACT.",
		"no capitals":  "the prime minister of canada, jane doe, said on monday that ottawa would act.",
		"caps run":     long,
		"long name":    "Mr. " + strings.Repeat("Bartholomew-", 500) + "Smith said so.",
		"non-latin":    "Владимир Путин встретился с 习近平 в Пекине. قال محمد إن الوضع خطير.",
		"invalid utf8": "Angela \xff\xfe Merkel said \xc3 hello.",
	} {
		start := time.Now()
		d := Analyze(txt)
		checkDoc(t, txt, d)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%s: %v", name, el)
		}
		if name == "no capitals" && len(d.Entities) > 2 {
			t.Errorf("no capitals: %d entities from lowercase text", len(d.Entities))
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add("President Jane Doe said she would visit Paris. Doe, the French foreign minister, left.")
	f.Add("“Quote,” he said. the UN and NATO (North Atlantic Treaty Organization) met.")
	f.Add(strings.Repeat("X ", 300))
	f.Fuzz(func(t *testing.T, s string) {
		checkDoc(t, s, Analyze(s))
	})
}

func BenchmarkEntities(b *testing.B) {
	g := synth.New(1)
	var texts []string
	size := 0
	for size < 1<<20 {
		t := g.Next().Text
		texts = append(texts, t)
		size += len(t)
	}
	defaultModel()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.Mallocs
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			Analyze(t)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Mallocs-before)/float64(b.N)/float64(size/1024), "allocs/KB")
}

func TestAddPerson(t *testing.T) {
	sp := func(a, b int) article.Span { return article.Span{Start: a, End: b} }
	// "Jan Kowal met ACME. Kowal left. Ola Nowak came."
	d := &Doc{
		Mentions: []Mention{{Span: sp(0, 9), Kind: Person, Entity: 0}, {Span: sp(14, 18), Kind: Organization, Entity: 1}, {Span: sp(33, 42), Kind: Person, Entity: 2}},
		Entities: []Entity{{Kind: Person, Name: "Jan Kowal", Mentions: []int{0}}, {Kind: Organization, Name: "ACME", Mentions: []int{1}}, {Kind: Person, Name: "Ola Nowak", Mentions: []int{2}}},
	}
	if i := d.AddPerson(sp(20, 25), "Kowal"); i != 0 {
		t.Errorf("surname joined entity %d, want 0", i)
	}
	if i := d.AddPerson(sp(44, 52), "Eva Lind"); i != 3 || d.Entities[3].Name != "Eva Lind" {
		t.Errorf("new person: entity %d %+v", i, d.Entities)
	}
	if j := d.AddPerson(sp(20, 25), "Kowal"); j != 0 {
		t.Errorf("a second call made entity %d, want 0", j)
	}
	for k := 1; k < len(d.Mentions); k++ {
		if d.Mentions[k].Start < d.Mentions[k-1].Start {
			t.Fatalf("mentions out of order after AddPerson")
		}
	}
	if len(d.Mentions) != 5 {
		t.Errorf("%d mentions, want 5", len(d.Mentions))
	}
	for ei, e := range d.Entities {
		for _, m := range e.Mentions {
			if d.Mentions[m].Entity != ei {
				t.Fatalf("entity %d lists mention %d of entity %d", ei, m, d.Mentions[m].Entity)
			}
		}
	}
}

// TestStateNameWithArticle checks that a state known by a name that takes
// "the" is found where the text writes the article, and only there.
func TestStateNameWithArticle(t *testing.T) {
	const txt = "The envoy urged the Islamic Republic to release the sailors."
	d := Analyze(txt)
	found := false
	for _, m := range d.Mentions {
		if m.In(txt) == "Islamic Republic" {
			found = true
			if m.Entity < 0 || d.Entities[m.Entity].Code != "IRN" || m.Kind != State {
				t.Errorf("Islamic Republic: kind %v entity %d, want the state IRN", m.Kind, m.Entity)
			}
		}
	}
	if !found {
		t.Errorf("no mention of the Islamic Republic: %v", d.Mentions)
	}
}

// TestRankInsideName checks that an abbreviated rank inside what the
// tagger took for a name, after the end of a longer title, leaves the
// person's name with the rank as a title.
func TestRankInsideName(t *testing.T) {
	const txt = "Officials met, with army Chief of Staff Lt. Gen. Anders Holm regularly briefing on the threats."
	d := Analyze(txt)
	e := entityNamed(d, "Anders Holm")
	if e == nil || e.Kind != Person {
		t.Fatalf("no person Anders Holm; mentions %v entities %v", d.Mentions, d.Entities)
	}
	if len(e.Titles) == 0 || e.Titles[0] != "Lt. Gen." {
		t.Errorf("titles %q, want Lt. Gen.", e.Titles)
	}
}

// TestRoleTitleName checks "role, title, name": the role and the title
// are the named person's, and the title alone is not a person.
func TestRoleTitleName(t *testing.T) {
	const txt = "The country's Supreme Leader Ayatollah Ali Sadeghi spoke on Friday."
	d := Analyze(txt)
	e := entityNamed(d, "Ali Sadeghi")
	if e == nil {
		t.Fatalf("no entity Ali Sadeghi: %v", d.Entities)
	}
	if !slices.Contains(e.Titles, "Ayatollah") || !slices.Contains(e.Titles, "Supreme Leader") {
		t.Errorf("titles %q, want Ayatollah and Supreme Leader", e.Titles)
	}
	if len(e.Roles) != 1 {
		t.Errorf("roles %v, want the role phrase", e.Roles)
	}
	if entityNamed(d, "Ayatollah") != nil {
		t.Errorf("the title alone is an entity: %v", d.Entities)
	}
}
