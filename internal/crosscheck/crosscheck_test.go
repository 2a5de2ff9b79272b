package crosscheck

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
)

// q builds a quotation of text: the first occurrence of words in it.
func q(t *testing.T, a Article, index int, kind, words, speaker string) Quote {
	t.Helper()
	i := strings.Index(a.Text, words)
	if i < 0 {
		t.Fatalf("%q not in article %s", words, a.ID)
	}
	return Quote{Article: a.ID, Index: index, Kind: kind, Content: []article.Span{{Start: i, End: i + len(words)}}, Speaker: speaker, SpeakerName: speaker}
}

// got returns the findings as "kind article#quote -> other#quote ..." lines,
// checking that every span covers the words it claims.
func got(t *testing.T, arts []Article, fs []Finding) []string {
	t.Helper()
	text := map[string]string{}
	for _, a := range arts {
		text[a.ID] = a.Text
	}
	var out []string
	for _, f := range fs {
		if f.Span.In(text[f.Article]) == "" {
			t.Errorf("%s: span %v outside article %s", f.Kind, f.Span, f.Article)
		}
		line := fmt.Sprintf("%s %s#%d", f.Kind, f.Article, f.Quote)
		for _, o := range f.Other {
			line += fmt.Sprintf(" %s#%d", o.Article, o.Quote)
			if o.Span.Len() > 0 && o.Span.In(text[o.Article]) == "" {
				t.Errorf("%s: other span %v outside article %s", f.Kind, o.Span, o.Article)
			}
		}
		out = append(out, line)
	}
	return out
}

func TestVerdicts(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 12, 0, 0, 0, time.UTC) }
	orig := Article{ID: "a", Outlet: "North Gazette", Published: day(1), Text: "The mayor of the harbour town spoke on Monday.\n" +
		"“We will rebuild the old bridge before the winter storms arrive,” said the mayor, Ana Pell.\n" +
		"“Nobody in this council wants the ferry to close,” added the treasurer, Odo Brack.\n" +
		"“The budget for the repairs was approved last spring by everyone,” Pell said."}
	indep := Article{ID: "b", Outlet: "South Herald", Published: day(2), Text: "Officials met in the town hall.\n" +
		"“We will rebuild the old bridge — before the winter storms arrive,” Ana Pell told reporters.\n" +
		"Pell said the council was “united” and called the plan “the only sensible path we have”."}
	changed := Article{ID: "c", Outlet: "East Post", Published: day(3), Text: "A bridge will be rebuilt.\n" +
		"“We will repair the old bridge before the spring floods arrive,” said Ana Pell.\n" +
		"“Nobody in this council wants the ferry to close,” said Pell.\n" +
		"“We will rebuild the old bridge because nobody in this council wants the ferry to close,” the mayor said.\n" +
		"“The harbour will be dredged next year,” said Pell."}
	copyArt := Article{ID: "d", Outlet: "West Daily", Published: day(4), CopyOf: "a", Text: "Reprinted.\n" +
		"“We will rebuild the old bridge before the winter storms arrive,” said the mayor, Ana Pell."}
	arts := []Article{orig, indep, changed, copyArt}
	quotes := []Quote{
		q(t, orig, 0, "direct", "We will rebuild the old bridge before the winter storms arrive", "pell"),
		q(t, orig, 1, "direct", "Nobody in this council wants the ferry to close", "brack"),
		q(t, orig, 2, "direct", "The budget for the repairs was approved last spring by everyone", "pell"),
		q(t, indep, 0, "direct", "We will rebuild the old bridge — before the winter storms arrive", "pell"),
		q(t, indep, 1, "partial", "united", "pell"),
		q(t, indep, 2, "partial", "the only sensible path we have", "pell"),
		q(t, changed, 0, "direct", "We will repair the old bridge before the spring floods arrive", "pell"),
		q(t, changed, 1, "direct", "Nobody in this council wants the ferry to close", "pell"),
		q(t, changed, 2, "direct", "We will rebuild the old bridge because nobody in this council wants the ferry to close", "pell"),
		q(t, changed, 3, "direct", "The harbour will be dredged next year", "pell"),
		q(t, copyArt, 0, "direct", "We will rebuild the old bridge before the winter storms arrive", "pell"),
	}
	fs := Check(arts, quotes)
	want := []string{
		"corroborated_quote a#0 b#0",
		"verbatim a#0 d#0",
		"uncorroborated_quote a#2",
		"corroborated_quote b#0 a#0 d#0",
		"uncorroborated_quote b#1",
		"uncorroborated_quote b#2",
		"altered_quote c#0 a#0",
		"misattributed_quote c#1 a#1",
		"composite_quote c#2 a#0 a#1",
		"uncorroborated_quote c#3",
		"corroborated_quote d#0 b#0",
		"verbatim d#0 a#0",
	}
	if diff := cmp.Diff(want, got(t, arts, fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range fs {
		if f.Kind != Altered {
			continue
		}
		wantDiff := []DiffOp{
			{"equal", "We will"}, {"delete", "rebuild"}, {"insert", "repair"}, {"equal", "the old bridge before the"},
			{"delete", "winter storms"}, {"insert", "spring floods"}, {"equal", "arrive"},
		}
		if diff := cmp.Diff(wantDiff, f.Diff); diff != "" {
			t.Errorf("altered diff (-want +got):\n%s", diff)
		}
	}
}

func TestPartialInPlainText(t *testing.T) {
	a := Article{ID: "a", Outlet: "One", Text: "The minister said the reform was a historic step for the region, and left."}
	b := Article{ID: "b", Outlet: "Two", Text: "She called it “a historic step for the region” and left the room."}
	c := Article{ID: "c", Outlet: "Three", Text: "She called it “a historic stride” in a speech."}
	arts := []Article{a, b, c}
	quotes := []Quote{
		q(t, b, 0, "partial", "a historic step for the region", "min"),
		q(t, c, 0, "partial", "a historic stride", "min"),
	}
	want := []string{"corroborated_quote b#0 a#-1", "uncorroborated_quote c#0"}
	if diff := cmp.Diff(want, got(t, arts, Check(arts, quotes))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestElisionAndMarks(t *testing.T) {
	a := Article{ID: "a", Outlet: "One", Text: "“It’s a long road, and we — all of us — will walk it together,” she said."}
	b := Article{ID: "b", Outlet: "Two", Text: "\"It's a long road ... we, all of us, will walk it together\", she said."}
	arts := []Article{a, b}
	quotes := []Quote{
		q(t, a, 0, "direct", "“It’s a long road, and we — all of us — will walk it together,”", "x"),
		q(t, b, 0, "direct", "\"It's a long road ... we, all of us, will walk it together\"", "x"),
	}
	want := []string{"corroborated_quote a#0 b#0", "corroborated_quote b#0 a#0"}
	if diff := cmp.Diff(want, got(t, arts, Check(arts, quotes))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestCitation(t *testing.T) {
	a := Article{ID: "a", Outlet: "Reuters", Text: "“The talks will resume in May,” the envoy said."}
	b := Article{ID: "b", Outlet: "Other Paper", Text: "“The talks will resume in May,” the envoy told Reuters."}
	arts := []Article{a, b}
	qb := q(t, b, 0, "direct", "The talks will resume in May", "envoy")
	qb.Via = "Reuters"
	quotes := []Quote{q(t, a, 0, "direct", "The talks will resume in May", "envoy"), qb}
	want := []string{"corroborated_quote a#0 b#0", "corroborated_quote b#0 a#0", "cited_quote b#0 a#0"}
	if diff := cmp.Diff(want, got(t, arts, Check(arts, quotes))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// Without Published, input order decides the original; copies of one
// origin and articles of one outlet are not independent, so nothing is
// uncorroborated.
func TestIndependence(t *testing.T) {
	a := Article{ID: "a", Outlet: "Same", Text: "“Prices will fall next quarter,” the chief said."}
	b := Article{ID: "b", Outlet: "Same", Text: "“Prices will fall next quarter,” the chief said again."}
	c := Article{ID: "c", Outlet: "Elsewhere", CopyOf: "a", Text: "Copied: “Prices will fall next quarter,” the chief said."}
	arts := []Article{a, b, c}
	quotes := []Quote{
		q(t, a, 0, "direct", "Prices will fall next quarter", "chief"),
		q(t, b, 0, "direct", "Prices will fall next quarter", "chief"),
		q(t, c, 0, "direct", "Prices will fall next quarter", ""),
	}
	// b and c are independent: other outlet, and b is no copy of a; a has
	// no independent article.
	want := []string{
		"verbatim a#0 b#0 c#0",
		"uncorroborated_quote a#0",
		"corroborated_quote b#0 c#0",
		"verbatim b#0 a#0",
		"corroborated_quote c#0 b#0",
		"verbatim c#0 a#0",
	}
	if diff := cmp.Diff(want, got(t, arts, Check(arts, quotes))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	a := Article{ID: "a", Outlet: "One", Text: "“Short and sweet,” he said."}
	cases := []struct {
		name   string
		arts   []Article
		quotes []Quote
	}{
		{"empty", nil, nil},
		{"no quotes", []Article{a}, nil},
		{"one article", []Article{a}, []Quote{q(t, a, 0, "direct", "Short and sweet", "x")}},
		{"empty content", []Article{a, {ID: "b", Text: "x"}}, []Quote{{Article: "a", Kind: "direct"}, {Article: "b", Kind: "direct", Content: []article.Span{{Start: 0, End: 0}}}}},
		{"spans out of range", []Article{a}, []Quote{{Article: "a", Kind: "direct", Content: []article.Span{{Start: -3, End: 900}, {Start: 5, End: 2}}}}},
		{"unknown article", []Article{a}, []Quote{{Article: "zz", Kind: "direct", Content: []article.Span{{Start: 0, End: 5}}}}},
		{"punctuation only", []Article{a, {ID: "b", Text: "“—…”"}}, []Quote{{Article: "b", Kind: "direct", Content: []article.Span{{Start: 0, End: len("“—…”")}}}}},
		{"copy cycle", []Article{{ID: "a", CopyOf: "b", Text: a.Text}, {ID: "b", CopyOf: "a", Text: a.Text}}, []Quote{q(t, a, 0, "direct", "Short and sweet", ""), {Article: "b", Kind: "direct", Content: []article.Span{{Start: 3, End: 18}}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := Check(c.arts, c.quotes)
			for _, f := range fs {
				if f.Kind == Uncorroborated {
					t.Errorf("uncorroborated without two independent articles: %+v", f)
				}
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	if _, err := New(Options{Altered: 1.5}); err == nil {
		t.Error("Altered 1.5 accepted")
	}
	if _, err := New(Options{Postings: -1}); err == nil {
		t.Error("Postings -1 accepted")
	}
	if _, err := New(Options{}); err != nil {
		t.Errorf("defaults rejected: %v", err)
	}
}

// TestBlocking fails if every pair of quotations is aligned: the number of
// alignments must grow linearly with the story, not with its square.
func TestBlocking(t *testing.T) {
	c, _ := New(Options{})
	var per []float64
	for _, n := range []int{50, 200} {
		arts, quotes := synthStory(n, 10, 1)
		_, st := c.checkStats(arts, quotes)
		per = append(per, float64(st.alignments)/float64(len(quotes)))
		if all := len(quotes) * (len(quotes) - 1) / 2; st.alignments*20 > all {
			t.Errorf("%d articles: %d alignments for %d quotations (all pairs: %d)", n, st.alignments, len(quotes), all)
		}
	}
	if per[1] > 2*per[0] {
		t.Errorf("alignments per quotation grew from %.1f to %.1f when the story grew 4x", per[0], per[1])
	}
}

func TestWords(t *testing.T) {
	l := newLexicon()
	text := "“Pandora’s box” — don't; [...] CO2-levels, élan"
	var s seq
	l.words(text, article.Span{Start: 0, End: len(text)}, &s)
	var got []string
	for _, sp := range s.spans {
		got = append(got, sp.In(text))
	}
	want := []string{"Pandora’s", "box", "don't", "CO2", "levels", "élan"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	var s2 seq
	l.words("pandoras BOX", article.Span{Start: 0, End: 12}, &s2)
	if !cmp.Equal(s.ids[:2], s2.ids) {
		t.Errorf("Pandora’s box and pandoras BOX differ: %v %v", s.ids[:2], s2.ids)
	}
}

// FuzzCheck feeds arbitrary texts and spans: Check must not panic, and
// every span it returns must lie inside its article.
func FuzzCheck(f *testing.F) {
	f.Add("“We will rebuild the old bridge,” she said.", "“We will repair the old bridge…” she said.", 1, 30, 0, 40)
	f.Add("a b c d e f", "a b x d e f", 0, 11, 0, 11)
	f.Add("", "“’’”", -1, 5, 3, 2)
	f.Fuzz(func(t *testing.T, ta, tb string, s0, e0, s1, e1 int) {
		arts := []Article{{ID: "a", Outlet: "A", Text: ta}, {ID: "b", Text: tb}, {ID: "c", Outlet: "C", CopyOf: "a", Text: ta}}
		quotes := []Quote{
			{Article: "a", Kind: "direct", Content: []article.Span{{Start: s0, End: e0}}, Speaker: "x"},
			{Article: "b", Kind: "partial", Content: []article.Span{{Start: s1, End: e1}}, Speaker: "y", Via: "A"},
			{Article: "c", Kind: "direct", Content: []article.Span{{Start: s0, End: e0}}},
		}
		text := map[string]string{"a": ta, "b": tb, "c": ta}
		for _, fd := range Check(arts, quotes) {
			if sp := fd.Span; sp.Start < 0 || sp.End > len(text[fd.Article]) || sp.Start >= sp.End {
				t.Fatalf("%s: span %v outside %q", fd.Kind, sp, text[fd.Article])
			}
			for _, o := range fd.Other {
				if sp := o.Span; sp.Start < 0 || sp.End > len(text[o.Article]) || sp.Start > sp.End {
					t.Fatalf("%s: other span %v outside %q", fd.Kind, sp, text[o.Article])
				}
			}
		}
	})
}

// TestSpeaksFor checks that words given to a state and, earlier, to the
// official who speaks for it are one voice, while another person's are
// misattributed.
func TestSpeaksFor(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 12, 0, 0, 0, time.UTC) }
	a := Article{ID: "a", Outlet: "North Gazette", Published: day(1), Text: "“Any blockade of the strait would be a grave mistake,” the ministry spokeswoman, Ida Lund, said."}
	b := Article{ID: "b", Outlet: "South Herald", Published: day(2), Text: "The country warned that any blockade of the strait would be “a grave mistake”."}
	c := Article{ID: "c", Outlet: "East Post", Published: day(3), Text: "The opposition leader called any blockade of the strait “a grave mistake”."}
	lund := q(t, a, 0, "direct", "Any blockade of the strait would be a grave mistake", "lund")
	lund.For = "state"
	quotes := []Quote{lund, q(t, b, 0, "partial", "a grave mistake", "state"), q(t, c, 0, "partial", "a grave mistake", "leader")}
	var kinds []string
	for _, f := range Check([]Article{a, b, c}, quotes) {
		if f.Kind == Misattributed {
			kinds = append(kinds, fmt.Sprintf("%s#%d", f.Article, f.Quote))
		}
	}
	if diff := cmp.Diff([]string{"c#0"}, kinds); diff != "" {
		t.Errorf("misattributed (-want +got):\n%s", diff)
	}
}

// TestUncorroboratedSaysWhoElseQuotes checks that an uncorroborated
// quotation says whether other independent outlets quote its speaker
// (or the state the speaker speaks for), and that a copy does not count.
func TestUncorroboratedSaysWhoElseQuotes(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 12, 0, 0, 0, time.UTC) }
	a := Article{ID: "a", Outlet: "North Gazette", Published: day(1), Text: "“The harbour will reopen once the divers have finished their survey,” said Ida Lund. The minister spoke at noon."}
	b := Article{ID: "b", Outlet: "South Herald", Published: day(2), Text: "“We never considered closing the northern terminal for good,” Ida Lund said. “Fishermen stayed away from the eastern piers all week,” said Per Holm."}
	c := Article{ID: "c", Outlet: "West Wire", Published: day(3), Text: "The country said that talks on the harbour would resume within days."}
	d := Article{ID: "d", Outlet: "East Post", Published: day(3), CopyOf: "b", Text: b.Text}
	reported := q(t, c, 0, "reported", "that talks on the harbour would resume within days", "state")
	lund := q(t, b, 0, "direct", "We never considered closing the northern terminal for good", "lund")
	lund.For = "state"
	quotes := []Quote{
		q(t, a, 0, "direct", "The harbour will reopen once the divers have finished their survey", "lund"),
		lund,
		q(t, b, 1, "direct", "Fishermen stayed away from the eastern piers all week", "holm"),
		reported,
	}
	dl := lund
	dl.Article = d.ID
	quotes = append(quotes, dl)
	why := map[string]string{}
	for _, f := range Check([]Article{a, b, c, d}, quotes) {
		if f.Kind == Uncorroborated {
			why[fmt.Sprintf("%s#%d", f.Article, f.Quote)] = f.Why
		}
	}
	for _, c := range []struct{ quote, want string }{
		{"a#0", "; 1 independent article quotes lund, without these words"},   // b (d copies b)
		{"b#0", "; 2 independent articles quote lund, none with these words"}, // a, and c for the state
		{"b#1", "; no independent article quotes holm"},                       // only b and its copy
	} {
		if w, ok := why[c.quote]; !ok || !strings.HasSuffix(w, c.want) {
			t.Errorf("%s: why %q, want it to end with %q", c.quote, w, c.want)
		}
	}
}
