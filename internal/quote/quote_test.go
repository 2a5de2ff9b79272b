package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

// find returns the first quote whose words contain sub.
func find(t *testing.T, txt string, d *Doc, sub string) *Quote {
	t.Helper()
	for i := range d.Quotes {
		q := &d.Quotes[i]
		for _, c := range q.Content {
			if strings.Contains(c.In(txt), sub) {
				return q
			}
		}
	}
	t.Errorf("no quote holds %q; quotes: %s", sub, dump(txt, d))
	return nil
}

func dump(txt string, d *Doc) string {
	var b strings.Builder
	for _, q := range d.Quotes {
		b.WriteString("\n  " + q.Kind.String() + " [" + q.Source.In(txt) + "] [" + q.Cue.In(txt) + "] ")
		b.WriteString(q.Span().In(txt))
	}
	return b.String()
}

func speaker(d *Doc, q *Quote) string {
	if q == nil || q.Speaker < 0 {
		return ""
	}
	return d.Entities.Entities[q.Speaker].Name
}

func TestQuotes(t *testing.T) {
	const txt = "Talks on the border dispute collapsed on Monday after two days of meetings in Geneva.\n" +
		"“The situation is extremely serious and it is getting worse,” Marta Kowalczyk, the foreign minister of Poland, told reporters.\n" +
		"“We have offered everything we could,” she said, “and we were refused.”\n" +
		"Kowalczyk said that her government would recall its ambassador and warned that it would respond “very firmly” to any new incident.\n" +
		"A senior European diplomat said the mood in the room had been “bleak” and that nobody expected a deal this year.\n" +
		"Henrik Dahlberg, the Swedish prime minister, told Reuters that the European Union was ready to mediate.\n" +
		"Officials in Stockholm declined to comment on whether troops had been moved."
	d := Analyze(txt)

	q := find(t, txt, d, "extremely serious")
	if q != nil {
		if q.Kind != Direct || !strings.Contains(speaker(d, q), "Kowalczyk") {
			t.Errorf("first quote: %s by %q, want direct by Kowalczyk", q.Kind, speaker(d, q))
		}
	}
	q = find(t, txt, d, "offered everything")
	if q != nil {
		if q.Kind != Direct || !strings.Contains(speaker(d, q), "Kowalczyk") {
			t.Errorf("split quote: %s by %q, want direct by Kowalczyk (she)", q.Kind, speaker(d, q))
		}
		if len(q.Content) != 2 || !strings.Contains(q.Content[1].In(txt), "refused") {
			t.Errorf("split quote parts: %v", q.Content)
		}
	}
	q = find(t, txt, d, "recall its ambassador")
	if q != nil && (q.Kind != Reported || !strings.Contains(speaker(d, q), "Kowalczyk")) {
		t.Errorf("reported: %s by %q", q.Kind, speaker(d, q))
	}
	q = find(t, txt, d, "“very firmly”")
	if q != nil {
		for _, p := range d.Quotes {
			if p.Kind == Partial && p.Span().In(txt) == "“very firmly”" {
				q = &p
			}
		}
		if q.Kind != Partial || q.Parent < 0 || !strings.Contains(speaker(d, q), "Kowalczyk") {
			t.Errorf("partial: %s parent %d by %q", q.Kind, q.Parent, speaker(d, q))
		}
	}
	q = find(t, txt, d, "mood in the room")
	if q != nil && (!q.Anonymous || q.Speaker >= 0) {
		t.Errorf("diplomat: anonymous %v speaker %q source %q", q.Anonymous, speaker(d, q), q.Source.In(txt))
	}
	q = find(t, txt, d, "ready to mediate")
	if q != nil {
		if !strings.Contains(speaker(d, q), "Dahlberg") {
			t.Errorf("told Reuters: speaker %q", speaker(d, q))
		}
		if q.Via.In(txt) != "Reuters" {
			t.Errorf("via = %q, want Reuters", q.Via.In(txt))
		}
	}
}

// TestContextQuote: a quotation paragraph after "X said:" is X's.
func TestContextQuote(t *testing.T) {
	const txt = "The mayor, Lucia Ferreira, addressed the council on Tuesday. She said:\n" +
		"“We will rebuild every school that the flood destroyed, and we will do it before the winter.”"
	d := Analyze(txt)
	q := find(t, txt, d, "rebuild every school")
	if q != nil && q.Kind != Direct {
		t.Errorf("kind %s", q.Kind)
	}
}

// checkInvariants: every span lies in the text, contents are non-empty
// and within one paragraph, parents point at reported quotes.
func checkInvariants(t *testing.T, txt string, qs []Quote) {
	t.Helper()
	paras := text.Paragraphs(txt)
	inPara := func(s article.Span) bool {
		for _, p := range paras {
			if p.Contains(s) {
				return true
			}
		}
		return false
	}
	for i, q := range qs {
		if len(q.Content) == 0 {
			t.Fatalf("quote %d has no content", i)
		}
		for _, s := range append(append([]article.Span(nil), q.Content...), q.Cue, q.Source, q.Via) {
			if s.Start < 0 || s.End > len(txt) || s.Start > s.End {
				t.Fatalf("quote %d: span %v outside the text (%d bytes)", i, s, len(txt))
			}
		}
		for _, c := range q.Content {
			if c.Len() == 0 || !inPara(c) {
				t.Fatalf("quote %d: content %v empty or across paragraphs", i, c)
			}
		}
		if q.Parent >= 0 && (q.Parent >= len(qs) || qs[q.Parent].Kind != Reported) {
			t.Fatalf("quote %d: bad parent %d", i, q.Parent)
		}
	}
}

func TestBadInput(t *testing.T) {
	// A 5 MB article that is one quotation (1 MB under the race detector,
	// which makes everything ten times slower).
	size := 5 << 20
	if raceEnabled {
		size = 1 << 20
	}
	huge := "“" + strings.Repeat("It goes on and on and on, they said. ", size/37)
	for name, txt := range map[string]string{
		"unbalanced":  "He said “this never ends. And “another one opens” here. ”” «» „ '' ’’",
		"mixed":       "She said «it is „over“ now» and ‘that’s “final”’, he replied.",
		"url":         `See https://example.com/?q="x"&r='y' and "quoted" text, said Jane Doe.`,
		"code":        "The function printf(\"%s\", x) said nothing; `echo \"hi\"` either.",
		"marks only":  strings.Repeat("“”‘’\"'«»„ ", 2000),
		"empty":       "",
		"invalid":     "He said \xff\xfe “x\xc3” \x00 ok.",
		"huge quote":  huge,
		"many quotes": strings.Repeat("“Yes,” he said. ", 20000),
	} {
		start := time.Now()
		qs := Extract(txt, nil)
		if el := time.Since(start); el > 60*time.Second {
			t.Errorf("%s: %v", name, el)
		}
		if utf8.ValidString(txt) {
			checkInvariants(t, txt, qs)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“The situation,” he said, “is tense.”",
		"Jane Doe said that it was over. “No,” she added.",
		"„Das ist gut“, sagte er. «Non», dit-elle.",
		"— Jane Doe, minister\n“Quote”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 1<<14 {
			return
		}
		checkInvariants(t, s, Extract(s, nil))
	})
}

// BenchmarkQuotes measures the quote stage with the entity stage it needs,
// on the PolNeAR dev texts.
func BenchmarkQuotes(b *testing.B) {
	root := sharedRoot(b)
	dir := filepath.Join(root, "eval", "polnear", "dev", "text")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	size := 0
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	Analyze(texts[0]) // load the models
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			Analyze(t)
		}
	}
}

// TestDashAttribution: "“...” — Name, Title", in the paragraph or at the
// start of the next.
func TestDashAttribution(t *testing.T) {
	const txt = "Analysts were divided.\n" +
		"“The sanctions will bite within months, and the markets already know it.” — Tomasz Wielgosz, Senior Fellow\n" +
		"“Nobody in the region expects the ceasefire to hold through the winter.”\n" +
		"— Amara Okonkwo, Research Director"
	d := Analyze(txt)
	for sub, who := range map[string]string{"sanctions will bite": "Tomasz Wielgosz", "ceasefire to hold": "Amara Okonkwo"} {
		q := find(t, txt, d, sub)
		if q == nil {
			continue
		}
		if q.Kind != Direct || q.Source.In(txt) != who || !strings.ContainsAny(q.Cue.In(txt), "—") {
			t.Errorf("%q: %s source %q cue %q, want direct by %s after a dash", sub, q.Kind, q.Source.In(txt), q.Cue.In(txt), who)
		}
	}
}

// TestInheritedSpeaker: a quotation running over two paragraphs, and a
// quotation paragraph after an attributed one, are the same speaker's.
func TestInheritedSpeaker(t *testing.T) {
	const txt = "Talks resumed in Oslo on Friday.\n" +
		"“We came here to find a settlement,” said Ingrid Solberg, the Norwegian mediator. “Both sides have shown they are willing to listen to each other, and that is new.\n" +
		"“Nobody should expect a signed agreement before the spring, but the direction is right.”\n" +
		"“The next round will take place in Bergen in March, and both delegations have agreed to attend.”"
	d := Analyze(txt)
	for _, sub := range []string{"signed agreement", "next round"} {
		q := find(t, txt, d, sub)
		if q != nil && !strings.Contains(speaker(d, q), "Solberg") {
			t.Errorf("%q: speaker %q, want Ingrid Solberg", sub, speaker(d, q))
		}
	}
}

// TestStatementsAndSources covers the rules after tagging: a statement
// after its attribution's sentence is a quote of its own that continues
// the first; a quoted sentence after a colon or comma inside reported
// speech is direct; a relative pronoun's antecedent is the source; a
// descriptor of unnamed sources wins over the state it names; a
// that-clause belongs to the cue before it; a surname the recognizer did
// not see in the source is the person the article named in full.
func TestStatementsAndSources(t *testing.T) {
	const txt = "“The harvest is lost in three provinces,” said Tomasz Wierzbicki. “We will need imports before the winter.”\n" +
		"The plan was rejected by Elena Marchetti, who reportedly told the ministers to “find the money elsewhere,” a reference to the budget.\n" +
		"According to an unnamed Brazilian official, “The government will announce emergency measures on Friday,” citing rising costs.\n" +
		"Wierzbicki told farmers in the region that the subsidies were “a temporary bridge,” and warned that more aid was unlikely.\n" +
		"“Nobody can plan under these conditions. The banks have stopped lending to small farms, and the cooperatives cannot cover the gap. It is time for the ministry to act.” — Jorge Almeida, Senior Fellow at a farm policy institute\n"
	d := Analyze(txt)

	first := find(t, txt, d, "harvest is lost")
	second := find(t, txt, d, "need imports")
	if first != nil && second != nil {
		if first == second {
			t.Errorf("two statements in one quote: %s", dump(txt, d))
		} else if second.Kind != Direct || second.Continues < 0 || &d.Quotes[second.Continues] != first {
			t.Errorf("second statement: %s continues %d, want direct continuing the first", second.Kind, second.Continues)
		}
		if !strings.Contains(speaker(d, second), "Wierzbicki") {
			t.Errorf("second statement by %q, want Wierzbicki", speaker(d, second))
		}
	}
	for _, q := range d.Quotes {
		if q.Kind == Partial && strings.Contains(q.Span().In(txt), "money elsewhere") && !strings.Contains(speaker(d, &q), "Marchetti") {
			t.Errorf("relative clause: partial by %q, want Marchetti", speaker(d, &q))
		}
	}
	var direct *Quote
	for i, q := range d.Quotes {
		if strings.Contains(q.Span().In(txt), "emergency measures") && q.Kind == Direct {
			direct = &d.Quotes[i]
		}
	}
	if direct == nil {
		t.Errorf("no direct quote of the quoted sentence after “According to X,”: %s", dump(txt, d))
	} else if !direct.Anonymous || direct.Speaker >= 0 {
		t.Errorf("unnamed official: anonymous %v speaker %d, want anonymous with no speaker", direct.Anonymous, direct.Speaker)
	}
	for _, q := range d.Quotes {
		if q.Kind == Partial && strings.Contains(q.Span().In(txt), "temporary bridge") {
			if c := q.Cue.In(txt); c != "told" {
				t.Errorf("that-clause partial has cue %q, want told", c)
			}
		}
	}
	if q := find(t, txt, d, "Nobody can plan"); q != nil {
		if strings.Contains(q.Span().In(txt), "Almeida") {
			t.Errorf("dash attribution inside the content: %q", q.Span().In(txt))
		}
	}
}

// TestDashTrims checks that a quote whose content the tagger ran on into
// a dash attribution ends at the closing mark, the name its source.
func TestDashTrims(t *testing.T) {
	const txt = "“Nobody can plan under these conditions.” — Jorge Almeida, grain trader\n"
	d := newDocFeatures(txt, analyzeEntities(txt))
	over := Quote{Kind: Direct, Content: []article.Span{{Start: 0, End: strings.Index(txt, ",")}}, Speaker: -1, Parent: -1, Continues: -1}
	qs := d.dashQuotes([]Quote{over})
	if len(qs) != 1 {
		t.Fatalf("got %d quotes, want 1", len(qs))
	}
	if got, want := qs[0].Content[0].In(txt), "“Nobody can plan under these conditions.”"; got != want {
		t.Errorf("content %q, want %q", got, want)
	}
	if got := qs[0].Source.In(txt); got != "Jorge Almeida" {
		t.Errorf("source %q, want Jorge Almeida", got)
	}
}

// TestTrimSource checks the edges of sources: clitics, trailing relative
// pronouns and periods, words before a subject pronoun, courtesy titles.
func TestTrimSource(t *testing.T) {
	const txt = "She’ll go. The nurses who left. Many were older, she said. Mr. Kamin agreed."
	d := newDocFeatures(txt, analyzeEntities(txt))
	sp := func(sub string) article.Span { return spanOf(txt, sub) }
	for _, c := range []struct{ in, want string }{
		{"She’ll", "She"},
		{"The nurses who", "The nurses"},
		{"Many were older, she", "she"},
		{"Kamin", "Mr. Kamin"},
		{"The nurses", "The nurses"},
	} {
		if got := d.trimSource(sp(c.in)).In(txt); got != c.want {
			t.Errorf("trimSource(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestParticipleSource checks that a participle after a comma takes the
// source of the clause before it, even when the tagger gave it a name
// from the next sentence, and that a cue of its own keeps its source.
func TestParticipleSource(t *testing.T) {
	const txt = "Jorge Almeida said the talks had stalled, suggesting that a deal was unlikely. Harbor Sources listed the ships. Maria Lopez said prices rose, and Carl Weber warned that they would fall."
	d := newDocFeatures(txt, analyzeEntities(txt))
	sp := func(sub string) article.Span { return spanOf(txt, sub) }
	qs := []Quote{
		{Cue: sp("said the"), Source: sp("Jorge Almeida"), Content: []article.Span{sp("the talks had stalled")}},
		{Cue: sp("suggesting"), Source: sp("Harbor Sources"), Content: []article.Span{sp("that a deal was unlikely")}},
		{Cue: sp("said prices"), Source: sp("Maria Lopez"), Content: []article.Span{sp("prices rose")}},
		{Cue: sp("warned"), Source: sp("Carl Weber"), Content: []article.Span{sp("that they would fall")}},
	}
	for i := range qs {
		qs[i].Cue.End = qs[i].Cue.Start + strings.IndexByte(qs[i].Cue.In(txt)+" ", ' ')
	}
	d.shareSources(qs)
	for i, want := range []string{"Jorge Almeida", "Jorge Almeida", "Maria Lopez", "Carl Weber"} {
		if got := qs[i].Source.In(txt); got != want {
			t.Errorf("quote %d (%s): source %q, want %q", i, qs[i].Cue.In(txt), got, want)
		}
	}
}

// TestPronounAfterLongQuote checks that "he" after a quotation too long
// for the entity stage's pronoun window is the speaker of the quotation
// before, and that a person named between them, or a pronoun of the
// other gender, blocks it.
func TestPronounAfterLongQuote(t *testing.T) {
	const long = "“Traffic fell sharply this winter,” said Jorge Almeida, the port director. “We lost ships. We lost crews. We lost money. We lost time. We lost trust.”\n"
	for _, c := range []struct {
		name, txt, sub, want string
	}{
		{"resolved", long + "He added that the port would reopen in May.", "reopen in May", "Almeida"},
		{"other person between", long + "Carla Mendes, a union leader, was not there.\nHe added that the port would reopen in May.", "reopen in May", ""},
		{"other gender", strings.Replace(long, "the port director.", "the port director, in his office.", 1) + "She added that the port would reopen in May.", "reopen in May", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Analyze(c.txt)
			q := find(t, c.txt, d, c.sub)
			if q == nil {
				t.Fatalf("no quote holding %q", c.sub)
			}
			got := speaker(d, q)
			if c.want == "" && strings.Contains(got, "Almeida") || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("speaker %q, want %q", got, c.want)
			}
		})
	}
}

// TestNameBeforeUnnamedHead checks that a descriptor of unnamed sources
// after a person's name ("Jane Doe's aides") makes the source anonymous,
// while an apposition ("Jane Doe, the union spokeswoman") keeps the
// person.
func TestNameBeforeUnnamedHead(t *testing.T) {
	const txt = "Talks on the harbour resumed on Monday.\n" +
		"“The harbour will reopen in May,” Jorge Almeida’s aides said.\n" +
		"“We are ready to sign,” said Jorge Almeida, a spokesman for the port.\n" +
		"“Nothing has been decided,” Carla Mendes, the union spokeswoman, said.\n" +
		"“The vote is on Friday,” Mendes campaign advisers said.\n"
	d := Analyze(txt)
	for _, c := range []struct {
		sub  string
		anon bool
		want string
	}{
		{"reopen in May", true, ""},
		{"ready to sign", false, "Jorge Almeida"},
		{"Nothing has been decided", false, "Carla Mendes"},
		{"vote is on Friday", true, ""},
	} {
		q := find(t, txt, d, c.sub)
		if q == nil {
			t.Errorf("%q: no quote", c.sub)
			continue
		}
		if q.Anonymous != c.anon || !c.anon && speaker(d, q) != c.want {
			t.Errorf("%q: anonymous %v, speaker %q; want %v, %q", c.sub, q.Anonymous, speaker(d, q), c.anon, c.want)
		}
	}
}

// TestTrailingAttribution checks the sentences that end with their
// attribution after a comma: the content is the sentence up to the comma,
// the source and cue follow; a sentence without that shape adds nothing.
func TestTrailingAttribution(t *testing.T) {
	const txt = "The harbour reopened on Monday after a three-week strike.\n" +
		"Exports of grain fell by a third over the summer, the ministry said Tuesday.\n" +
		"Two of the five cranes still need repairs before winter, said Jorge Almeida, the port director.\n" +
		"The strike cost the region more than a million euros, according to the chamber of commerce.\n" +
		"Ships waited outside the harbour for days, and the crews grew restless.\n" +
		"According to the port authority, nine ships left for other ports.\n" +
		"Customs records released Friday show that most of the grain went by rail.\n" +
		"The dockers will accept the offer next week, experts say.\n" +
		"Repairs to the northern quay will take until the spring, said one engineer at the yard.\n" +
		"The ferries kept running through the strike, and they said.\n"
	d := newDocFeatures(txt, analyzeEntities(txt))
	got := map[string][2]string{}
	for _, q := range d.trailingAttributions(nil) {
		got[q.Content[0].In(txt)] = [2]string{q.Cue.In(txt), q.Source.In(txt)}
	}
	want := map[string][2]string{
		"Exports of grain fell by a third over the summer":        {"said", "the ministry"},
		"Two of the five cranes still need repairs before winter": {"said", "Jorge Almeida"},
		"The strike cost the region more than a million euros":    {"according to", "the chamber of commerce"},
		"nine ships left for other ports":                         {"According to", "the port authority"},
		"that most of the grain went by rail":                     {"show", "Customs records released Friday"},
		"The dockers will accept the offer next week":             {"say", "experts"},
		"Repairs to the northern quay will take until the spring": {"said", "one engineer at the yard"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trailing attributions (-want +got):\n%s", diff)
	}
	// The tagger's cue is not added twice.
	said := strings.Index(txt, "said Tuesday")
	have := []Quote{{Cue: article.Span{Start: said, End: said + 4}}}
	if n := len(d.trailingAttributions(have)); n != 7 {
		t.Errorf("with the tagger's cue: %d quotes, want 7 (1 + 6 added)", n)
	}
}

// spanOf is the span of the first occurrence of sub in txt.
func spanOf(txt, sub string) article.Span {
	i := strings.Index(txt, sub)
	return article.Span{Start: i, End: i + len(sub)}
}

// TestBoundaryRules checks the rules that set the extent of an
// attribution's parts the way PolNeAR marks them: the subject before an
// attribution set in commas is content, a speaker label before a colon is the source, and
// a comma closes a source only after an apposition.
func TestBoundaryRules(t *testing.T) {
	t.Run("interrupted subject", func(t *testing.T) {
		const txt = "The harbour reopened on Monday.\n" +
			"The new crane, the port director said, will be delivered in May.\n"
		d := newDocFeatures(txt, analyzeEntities(txt))
		qs := []Quote{{Cue: spanOf(txt, "said"), Source: spanOf(txt, "the port director"), Content: []article.Span{spanOf(txt, "will be delivered in May")}}}
		d.interruptedSubjects(qs)
		want := []string{"The new crane", "will be delivered in May"}
		if diff := cmp.Diff(want, spanTexts(txt, qs[0].Content)); diff != "" {
			t.Errorf("content (-want +got):\n%s", diff)
		}
		// Not when the words before are another quote's.
		qs = []Quote{
			{Cue: spanOf(txt, "said"), Source: spanOf(txt, "the port director"), Content: []article.Span{spanOf(txt, "will be delivered in May")}},
			{Content: []article.Span{spanOf(txt, "The new crane")}},
		}
		d.interruptedSubjects(qs)
		if n := len(qs[0].Content); n != 1 {
			t.Errorf("with the subject taken: %d parts, want 1", n)
		}
	})
	t.Run("speaker label", func(t *testing.T) {
		const txt = "Transcript of the interview.\n" +
			"\"HOST: Will the harbour reopen before the winter comes?\n" +
			"\"Note that the crane was late.\n"
		d := newDocFeatures(txt, analyzeEntities(txt))
		qs := d.labelAttributions(nil)
		if len(qs) != 1 {
			t.Fatalf("%d quotes, want 1", len(qs))
		}
		got := [3]string{qs[0].Cue.In(txt), qs[0].Source.In(txt), qs[0].Content[0].In(txt)}
		if diff := cmp.Diff([3]string{":", "HOST", "Will the harbour reopen before the winter comes?"}, got); diff != "" {
			t.Errorf("cue, source, content (-want +got):\n%s", diff)
		}
	})
	t.Run("headline label", func(t *testing.T) {
		for _, c := range []struct{ txt, src, content string }{
			{"Survey: Dockers Back the Harbour Plan.\nThe vote is on Friday.\n", "Survey", "Dockers Back the Harbour Plan"},
			{"The Latest: Dockers Back the Harbour Plan.\nThe vote is on Friday.\n", "", ""},
		} {
			d := newDocFeatures(c.txt, analyzeEntities(c.txt))
			var src, content string
			if qs := d.labelAttributions(nil); len(qs) > 0 {
				src, content = qs[0].Source.In(c.txt), qs[0].Content[0].In(c.txt)
			}
			if src != c.src || content != c.content {
				t.Errorf("%q: source %q, content %q; want %q, %q", c.txt, src, content, c.src, c.content)
			}
		}
	})
	t.Run("source comma", func(t *testing.T) {
		const txt = "Jorge Almeida, the port director, said it was over. Carla Mendes, said nothing.\n"
		d := newDocFeatures(txt, analyzeEntities(txt))
		for _, c := range []struct{ in, want string }{
			{"Jorge Almeida, the port director", "Jorge Almeida, the port director,"},
			{"Carla Mendes,", "Carla Mendes"},
			{"Jorge Almeida", "Jorge Almeida"},
		} {
			if got := d.trimSource(spanOf(txt, c.in)).In(txt); got != c.want {
				t.Errorf("trimSource(%q) = %q, want %q", c.in, got, c.want)
			}
		}
	})
}

func spanTexts(txt string, ss []article.Span) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.In(txt))
	}
	return out
}
