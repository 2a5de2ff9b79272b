package quote

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/text"
)

func quoted(t string) []string {
	var out []string
	for _, q := range quotations(t, text.Paragraphs(t)) {
		s := q.In(t)
		if !q.Closed {
			s += "…"
		}
		if q.Cont {
			s = "+" + s
		}
		out = append(out, s)
	}
	return out
}

func TestQuotations(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`He said “it is over” today.`, `“it is over”`},
		{`He said "it is over" today.`, `"it is over"`},
		{`“The situation,” he said, “is tense.”`, `“The situation,” | “is tense.”`},
		{`She said: „Das ist gut“, and left.`, `„Das ist gut“`},
		{`Il a dit « c’est fini » hier.`, `« c’est fini »`},
		{`Er sagte »nein« dazu.`, `»nein«`},
		{`The leaders’ summit didn’t start. O’Brien’s view.`, ``},
		{`He called it ‘a disgrace’ and left.`, `‘a disgrace’`},
		{`He called it 'a disgrace' and left, in the '90s.`, `'a disgrace'`},
		{`“He told me ‘no way’ twice,” she said.`, `“He told me ‘no way’ twice,” | ‘no way’`},
		{"“First paragraph of a long quote.\n“Second paragraph ends it.”", `“First paragraph of a long quote.… | +“Second paragraph ends it.”`},
		{"“Unclosed quote here.\nA plain paragraph.", `“Unclosed quote here.…`},
		{`See https://x.org/?q="a" for more.`, `"a"`},
	} {
		got := strings.Join(quoted(c.in), " | ")
		if got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
