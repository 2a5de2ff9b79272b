package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestCueVerb(t *testing.T) {
	for _, tc := range []struct {
		word, lemma string
		class       CueClass
		that, inv   bool
		obj         bool
	}{
		{"say", "say", CueSpeech, true, true, false},
		{"says", "say", CueSpeech, true, true, false},
		{"Said", "say", CueSpeech, true, true, false},
		{"SAYING", "say", CueSpeech, true, true, false},
		{"told", "tell", CueSpeech, true, false, true},
		{"added", "add", CueSpeech, true, true, false},
		{"warned", "warn", CueSpeech, true, true, true},
		{"emphasised", "emphasize", CueSpeech, true, true, false},
		{"emphasizing", "emphasize", CueSpeech, true, true, false},
		{"wrote", "write", CueSpeech, true, true, false},
		{"written", "write", CueSpeech, true, true, false},
		{"tweeted", "tweet", CueSpeech, true, true, false},
		{"denies", "deny", CueSpeech, true, false, false},
		{"fears", "fear", CueFeeling, true, false, false},
		{"believed", "believe", CueBelief, true, false, false},
		{"thought", "think", CueBelief, true, false, false},
		{"planning", "plan", CueIntention, false, false, false},
		{"saw", "see", CuePerception, true, false, false},
		{"found", "find", CueFinding, true, false, false},
		{"signalled", "signal", CueSpeech, true, false, false},
		{"signaled", "signal", CueSpeech, true, false, false},
		{"e-mailed", "email", CueSpeech, true, false, true},
		{"e\u2011mailed", "email", CueSpeech, true, false, true},
	} {
		t.Run(tc.word, func(t *testing.T) {
			v, ok := Cue(tc.word)
			if !ok {
				t.Fatalf("Cue(%q) not found", tc.word)
			}
			got := []any{v.Lemma, v.Class, v.That, v.Inverted, v.Object}
			want := []any{tc.lemma, tc.class, tc.that, tc.inv, tc.obj}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Cue(%q) (-want +got):\n%s", tc.word, diff)
			}
		})
	}
	for _, w := range []string{"", "the", "Smith", "sayed", "tolds", "call for", "statement"} {
		if v, ok := Cue(w); ok {
			t.Errorf("Cue(%q) = %s, want no verb", w, v.Lemma)
		}
	}
}

func TestCueData(t *testing.T) {
	c := Cues()
	if n := len(c.Verbs()); n < 250 {
		t.Errorf("%d verb lemmas, want 250 or more", n)
	}
	classes := map[CueClass]int{}
	for _, v := range c.Verbs() {
		classes[v.Class]++
		if got, _ := c.Verb(v.Lemma); got != v {
			t.Errorf("lemma %q does not find its own row", v.Lemma)
		}
	}
	for cl := range cueClasses {
		if classes[cl] == 0 {
			t.Errorf("no verb of class %s", cl)
		}
	}
}

func TestCueNoun(t *testing.T) {
	for _, w := range []string{"statement", "Statements", "remarks", "claim", "warning", "comments", "announcement", "communiqué", "press release"} {
		if _, ok := Cues().Noun(w); !ok {
			t.Errorf("Noun(%q) not found", w)
		}
	}
	if n, _ := Cues().Noun("fears"); n == nil || n.Class != CueFeeling || !n.That {
		t.Errorf("Noun(fears) = %+v, want a feeling noun with a that-clause", n)
	}
	if _, ok := Cues().Noun("said"); ok {
		t.Error("Noun(said) found")
	}
}

func TestCueMatchPhrase(t *testing.T) {
	for _, tc := range []struct {
		in     string
		phrase string
		words  int
		kind   PhraseKind
		next   PhraseArg
	}{
		{"according to the BBC", "according to", 2, PhraseAttribution, ArgEither},
		{"According To officials", "according to", 2, PhraseAttribution, ArgEither},
		{"per the BBC", "per", 1, PhraseAttribution, ArgEither},
		{"via Le Monde", "via", 1, PhraseAttribution, ArgMedium},
		{"citing two officials", "citing", 1, PhraseAttribution, ArgSource},
		{"as quoted by Reuters", "as quoted by", 3, PhraseAttribution, ArgMedium},
		{"cited by Xinhua", "cited by", 2, PhraseAttribution, ArgMedium},
		{"in a statement on Monday", "in a statement", 3, PhraseChannel, ArgNone},
		{"in a statement posted on Facebook", "in a statement posted on", 5, PhraseChannel, ArgPlatform},
		{"in a statement to Reuters", "in a statement to", 4, PhraseChannel, ArgMedium},
		{"in an interview with CNN", "in an interview with", 4, PhraseChannel, ArgMedium},
		{"in an interview on Sunday", "in an interview with", 4, PhraseChannel, ArgMedium},
		{"in a post on Telegram", "in a post on", 4, PhraseChannel, ArgPlatform},
		{"told reporters that", "told reporters", 2, PhraseSpeech, ArgNone},
		{"said in a statement", "said in a statement", 4, PhraseSpeech, ArgNone},
		{"wrote on X that", "wrote on x", 3, PhraseSpeech, ArgNone},
		{"wrote on Substack", "wrote on", 2, PhraseSpeech, ArgPlatform},
		{"was quoted as saying", "quoted as saying", 4, PhraseSpeech, ArgNone},
		{"quoted as saying", "quoted as saying", 3, PhraseSpeech, ArgNone},
		{"called for calm", "called for", 2, PhraseSpeech, ArgNone},
		{"declined to comment .", "declined to comment", 3, PhraseNoComment, ArgNone},
		{"refused to comment", "refused to comment", 3, PhraseNoComment, ArgNone},
		{"did not respond to a request for comment", "did not respond to a request for comment", 8, PhraseNoComment, ArgNone},
		{"didn\u2019t immediately respond to requests for comment", "did not respond to a request for comment", 7, PhraseNoComment, ArgNone},
		{"did not respond .", "did not respond to a request for comment", 3, PhraseNoComment, ArgNone},
	} {
		t.Run(tc.in, func(t *testing.T) {
			m, ok := Cues().MatchPhrase(strings.Fields(tc.in))
			if !ok {
				t.Fatalf("MatchPhrase(%q) found nothing", tc.in)
			}
			got := []any{m.Phrase.Phrase, m.Words, m.Phrase.Kind, m.Phrase.Next}
			if diff := cmp.Diff([]any{tc.phrase, tc.words, tc.kind, tc.next}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, in := range []string{"", "according", "in a", "told", "said", "declined to"} {
		if m, ok := Cues().MatchPhrase(strings.Fields(in)); ok {
			t.Errorf("MatchPhrase(%q) = %q, want nothing", in, m.Form)
		}
	}
}

// TestCueDuplicates checks that the loaders reject a form listed twice
// rather than let one row shadow the other.
func TestCueDuplicates(t *testing.T) {
	head := "# Source: test\n# Licence: CC0\n# Format: test\n"
	base := fstest.MapFS{
		"data/cues.tsv":       {Data: []byte(head + "say\tsays|said|saying\tspeech\tyes\tyes\tno\n")},
		"data/cuenouns.tsv":   {Data: []byte(head + "statement|statements\tspeech\tyes\n")},
		"data/cuephrases.tsv": {Data: []byte(head + "according to\t\tattribution\teither\n")},
	}
	if _, err := loadCues(base); err != nil {
		t.Fatalf("base: %v", err)
	}
	for name, extra := range map[string]string{
		"data/cues.tsv":       "tell\ttells|said\tspeech\tyes\tno\tyes\n",
		"data/cuenouns.tsv":   "remark|statement\tspeech\tno\n",
		"data/cuephrases.tsv": "per\taccording to\tattribution\teither\n",
	} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: append(append([]byte(nil), base[name].Data...), extra...)}
		if _, err := loadCues(fsys); err == nil || !strings.Contains(err.Error(), "already a form") {
			t.Errorf("%s: duplicate form: err = %v", name, err)
		}
	}
}

func BenchmarkCue(b *testing.B) {
	words := strings.Fields("The minister said on Monday that the talks , which officials described as constructive , would continue , " +
		"Reuters reported , citing two sources familiar with the matter who spoke on condition of anonymity . SAID Smith warned")
	c := Cues()
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for i, w := range words {
			c.Verb(w)
			c.MatchPhrase(words[i:])
		}
	}
}
