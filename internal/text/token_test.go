package text_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/text"
)

// tokenStrings renders tokens as "text/Kind" so a table can say both what
// text[span] is and what kind it got.
func tokenStrings(s string, toks []text.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.Start:t.End] + "/" + t.Kind.String()
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // space-separated text/Kind
	}{
		{"words and punctuation", "The vote, held Monday, failed.",
			"The/Word vote/Word ,/Punct held/Word Monday/Word ,/Punct failed/Word ./Punct"},
		{"inner apostrophes", "Don't ask O'Brien; rock'n'roll won't die.",
			"Don't/Word ask/Word O'Brien/Word ;/Punct rock'n'roll/Word won't/Word die/Word ./Punct"},
		{"possessive split off", "Iran’s envoy met Smith's aides and the students’ union; it's late.",
			"Iran/Word ’s/Word envoy/Word met/Word Smith/Word 's/Word aides/Word and/Word the/Word students/Word ’/Quote union/Word ;/Punct it/Word 's/Word late/Word ./Punct"},
		{"hyphens", "Jean-Pierre flew an F-16 during COVID-19 in 1990-95.",
			"Jean-Pierre/Word flew/Word an/Word F-16/Word during/Word COVID-19/Word in/Word 1990/Number -/Punct 95/Number ./Punct"},
		{"numbers", "It rose 3.5% to 1,000.50 from 999, then 12,34 and 0.2.",
			"It/Word rose/Word 3.5%/Number to/Word 1,000.50/Number from/Word 999/Number ,/Punct then/Word 12/Number ,/Punct 34/Number and/Word 0.2/Number ./Punct"},
		{"mixed letters and digits", "The 2nd G7 summit used v2.0 and 3D maps.",
			"The/Word 2nd/Word G7/Word summit/Word used/Word v2.0/Word and/Word 3D/Word maps/Word ./Punct"},
		{"currency and symbols", "It cost $5 (€4.50) + tax & fees #1 @home.",
			"It/Word cost/Word $/Symbol 5/Number (/Punct €/Symbol 4.50/Number )/Punct +/Symbol tax/Word &/Symbol fees/Word #/Symbol 1/Number @/Symbol home/Word ./Punct"},
		{"abbreviations keep their period", "Mr. Smith of the U.S. met Dr. J.R.R. Lee at 9 a.m. on Jan. 5, e.g. today.",
			"Mr./Abbrev Smith/Word of/Word the/Word U.S./Abbrev met/Word Dr./Abbrev J.R.R./Abbrev Lee/Word at/Word 9/Number a.m./Abbrev on/Word Jan./Abbrev 5/Number ,/Punct e.g./Abbrev today/Word ./Punct"},
		{"initials", "John F. Kennedy and I. Then", "John/Word F./Abbrev Kennedy/Word and/Word I/Word ./Punct Then/Word"},
		{"number abbreviation only before a number", "No. 5 said no. Jan. The",
			"No./Abbrev 5/Number said/Word no/Word ./Punct Jan/Word ./Punct The/Word"},
		{"sentence-final plain word", "It ended. Done.", "It/Word ended/Word ./Punct Done/Word ./Punct"},
		{"urls", "See https://example.com/a_b?x=1.5&y=(2). Or www.bbc.co.uk/news, or reuters.com.",
			"See/Word https://example.com/a_b?x=1.5&y=(2)/URL ./Punct Or/Word www.bbc.co.uk/news/URL ,/Punct or/Word reuters.com/URL ./Punct"},
		{"url in brackets", "(http://www.x.org/wiki/A_(b)).",
			"(/Punct http://www.x.org/wiki/A_(b)/URL )/Punct ./Punct"},
		{"emails", "Mail press.office@example.co.uk or j_doe@x.org.",
			"Mail/Word press.office@example.co.uk/Email or/Word j_doe@x.org/Email ./Punct"},
		{"not an email", "a@b and @user", "a/Word @/Symbol b/Word and/Word @/Symbol user/Word"},
		{"quotation marks", "“Why?” he asked. 'No,' «non» „ja“ \"yes\"",
			"“/Quote Why/Word ?/Punct ”/Quote he/Word asked/Word ./Punct '/Quote No/Word ,/Punct '/Quote «/Quote non/Word »/Quote „/Quote ja/Word “/Quote \"/Quote yes/Word \"/Quote"},
		{"dashes and ellipses", "Wait... no -- yes — maybe – 5…",
			"Wait/Word .../Punct no/Word --/Punct yes/Word —/Punct maybe/Word –/Punct 5/Number …/Punct"},
		{"other scripts", "Путин сказал: «Нет». 東京は晴れ。Café naïve",
			"Путин/Word сказал/Word :/Punct «/Quote Нет/Word »/Quote ./Punct 東京は晴れ/Word 。/Punct Café/Word naïve/Word"},
		{"emoji", "Great 👍🏽 news 🇺🇸!", "Great/Word 👍🏽/Symbol news/Word 🇺🇸/Symbol !/Punct"},
		{"domains versus typos", "It ended.Then U.S.-based", "It/Word ended.Then/Word U.S./Abbrev -/Punct based/Word"},
		{"empty", "", ""},
		{"spaces only", " \n  ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tokenStrings(tc.in, text.Tokens(tc.in, nil))
			want := strings.Fields(tc.want)
			if len(want) == 0 {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Tokens(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestTokensAppend(t *testing.T) {
	dst := make([]text.Token, 1, 8)
	got := text.Tokens("a b", dst)
	if len(got) != 3 || got[1].Start != 0 || got[2].Start != 2 {
		t.Fatalf("Tokens appended %v", got)
	}
}

func TestTokensZeroAlloc(t *testing.T) {
	s := strings.Repeat("Mr. O'Brien’s U.S. firm, Acme Inc., rose 3.5% (see https://x.org/a.b) — “Why?” he asked… ", 20)
	dst := make([]text.Token, 0, 4096)
	allocs := testing.AllocsPerRun(20, func() { dst = text.Tokens(s, dst[:0]) })
	if allocs != 0 {
		t.Errorf("Tokens allocated %v times per run, want 0", allocs)
	}
}

func TestTokenKindString(t *testing.T) {
	for k, want := range map[text.TokenKind]string{text.Word: "Word", text.Symbol: "Symbol", 0: "?", 200: "?"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", k, got, want)
		}
	}
}
