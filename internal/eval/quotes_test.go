package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/gum"
	"github.com/parallax-news/parallax/internal/eval/polnear"
	"github.com/parallax-news/parallax/internal/gold"
	"github.com/parallax-news/parallax/internal/quote"
)

// at returns the span of the n-th (0-based) occurrence of sub in s.
func at(t *testing.T, s, sub string, n int) article.Span {
	t.Helper()
	off := 0
	for ; n >= 0; n-- {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			t.Fatalf("%q not in %q", sub, s)
		}
		if n == 0 {
			return article.Span{Start: off + i, End: off + i + len(sub)}
		}
		off += i + len(sub)
	}
	return article.Span{}
}

func TestAttributions(t *testing.T) {
	qs := []quote.Quote{
		{Kind: quote.Direct, Content: []article.Span{{Start: 0, End: 5}, {Start: 9, End: 12}}, Cue: article.Span{Start: 6, End: 8}, Source: article.Span{Start: 13, End: 15}, Speaker: -1, Parent: -1, Continues: -1},
		{Kind: quote.Reported, Content: []article.Span{{Start: 20, End: 30}}, Speaker: -1, Parent: -1, Continues: -1},
		{Kind: quote.Reported, Content: []article.Span{{Start: 40, End: 60}}, Speaker: -1, Parent: -1, Continues: -1},
		// a partial quotation inside the reported speech before it
		{Kind: quote.Partial, Content: []article.Span{{Start: 45, End: 50}}, Speaker: -1, Parent: 2, Continues: -1},
		// the statement after the first quote's sentence, in its voice
		{Kind: quote.Direct, Content: []article.Span{{Start: 62, End: 70}}, Speaker: -1, Parent: -1, Continues: 0},
	}
	want := []polnear.Attribution{
		{Content: []article.Span{{Start: 0, End: 5}, {Start: 9, End: 12}, {Start: 62, End: 70}}, Cue: []article.Span{{Start: 6, End: 8}}, Source: []article.Span{{Start: 13, End: 15}}, Kind: polnear.Direct},
		{Content: qs[1].Content, NoSource: true, Kind: polnear.Reported},
		{Content: qs[2].Content, NoSource: true, Kind: polnear.Partial},
	}
	if d := cmp.Diff(want, Attributions(qs)); d != "" {
		t.Errorf("Attributions (-want +got):\n%s", d)
	}
}

func TestScoreGUMQuotes(t *testing.T) {
	const text = `He said "We won. We are happy." She called it a "miracle" and "Big Day" ran as the headline.`
	d := gum.Doc{Text: text, Quotations: []gum.Quotation{
		// GUM closes a <quote> at each sentence end.
		{Span: at(t, text, `"We won.`, 0)},
		{Span: at(t, text, `We are happy."`, 0)},
		{Span: at(t, text, `"miracle"`, 0)},
		{Span: at(t, text, `"Big Day"`, 0), Mention: true},
	}}
	q := func(k quote.Kind, sub string) quote.Quote {
		return quote.Quote{Kind: k, Content: []article.Span{at(t, text, sub, 0)}, Speaker: -1}
	}
	for _, c := range []struct {
		name                    string
		pred                    []quote.Quote
		exactP, exactR, overlap float64
	}{
		{"exact", []quote.Quote{q(quote.Direct, `"We won. We are happy."`), q(quote.Partial, `"miracle"`)}, 1, 1, 1},
		{"mention not scored, reported ignored, stray counted", []quote.Quote{
			q(quote.Direct, `"We won. We are happy."`), q(quote.Partial, `"Big Day"`),
			q(quote.Reported, `She called it`), q(quote.Direct, `He said`),
		}, 0.5, 0.5, 0.5},
		{"overlap only", []quote.Quote{q(quote.Direct, `"We won.`)}, 0, 0, 2.0 / 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, o, n := ScoreGUMQuotes(d, c.pred)
			if n != 2 {
				t.Errorf("gold = %d, want 2 (the two sentences joined)", n)
			}
			if !near(e.Precision(), c.exactP) || !near(e.Recall(), c.exactR) || !near(o.F1(), c.overlap) {
				t.Errorf("exact P %.3f R %.3f, overlap F1 %.3f; want %.3f %.3f %.3f", e.Precision(), e.Recall(), o.F1(), c.exactP, c.exactR, c.overlap)
			}
		})
	}
}

// TestScoreSeedQuotes scores a fake extractor's output on an invented
// article.
func TestScoreSeedQuotes(t *testing.T) {
	const text = `Mayor Lena Vogt said: "The bridge will open in May, and we are ready." ` +
		`Critics called the plan "a costly detour" for the town. Officials said the budget had doubled.`
	texts := map[string]string{"a.txt": text, "b.txt": "Nothing here."}
	quotes := []gold.Quote{
		{Doc: "a.txt", Text: `"The bridge will open in May, and we are ready."`, Speaker: "LÉNA  VOGT", Kind: "direct"},
		{Doc: "a.txt", Text: `a costly detour`, Speaker: "Lena Vogt", Kind: "partial"},
	}
	reported := []gold.Quote{{Doc: "a.txt", Text: "Officials said the budget had doubled.", Kind: "reported"}}
	ents := &entity.Doc{Entities: []entity.Entity{{Name: "Lena Vogt", Aliases: []string{"Vogt"}}}}
	span := func(sub string) article.Span { return at(t, text, sub, 0) }
	direct := quote.Quote{Kind: quote.Direct, Content: []article.Span{span(`"The bridge will open in May, and we are ready."`)}, Speaker: 0}
	partial := quote.Quote{Kind: quote.Partial, Content: []article.Span{span(`"a costly detour"`)}, Speaker: -1}
	rep := quote.Quote{Kind: quote.Reported, Source: span("Officials"), Cue: span("said the"), Content: []article.Span{span("the budget had doubled")}, Speaker: -1}
	stray := quote.Quote{Kind: quote.Direct, Content: []article.Span{span("Critics called the plan")}, Speaker: -1}
	// The whole text holds the direct quote but is over twice as long.
	long := quote.Quote{Kind: quote.Direct, Content: []article.Span{{Start: 0, End: len(text)}}, Speaker: 0}
	// The right words with the wrong kind.
	wrongKind := quote.Quote{Kind: quote.Partial, Content: direct.Content, Speaker: 0}
	for _, c := range []struct {
		name  string
		quots []quote.Quote
		want  map[string]float64
	}{
		{"all found", []quote.Quote{direct, partial, rep, stray}, map[string]float64{
			"quotes_recall": 1, "quotes_precision": 2.0 / 3, "speaker_accuracy": 0.5, "reported_recall": 1, "predicted": 3}},
		{"too long, wrong kind", []quote.Quote{long, wrongKind}, map[string]float64{
			"quotes_recall": 0, "quotes_precision": 0, "speaker_accuracy": 0, "reported_recall": 0}},
		{"nothing", nil, map[string]float64{
			"quotes_recall": 0, "quotes_precision": 0, "reported_recall": 0, "gold_quotes": 2, "gold_reported": 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			preds := map[string]*quote.Doc{
				"a.txt": {Quotes: c.quots, Entities: ents},
				// Predictions in a doc without gold quotes do not count
				// against precision.
				"b.txt": {Quotes: []quote.Quote{{Kind: quote.Direct, Content: []article.Span{{Start: 0, End: 7}}, Speaker: -1}}},
			}
			m := ScoreSeedQuotes(texts, preds, quotes, reported)
			for k, v := range c.want {
				if !near(m[k], v) {
					t.Errorf("%s = %.4f, want %.4f", k, m[k], v)
				}
			}
		})
	}
}

func TestFoldName(t *testing.T) {
	if got := foldName(" José  M. Pérez "); got != "jose m perez" {
		t.Errorf("foldName = %q", got)
	}
}

// TestQuotesTaskSharedData runs the task on the shared data root; the
// figures depend on the extractor, so only the shape is checked.
func TestQuotesTaskSharedData(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared")
	for _, d := range quotesTask().Datasets {
		t.Run(d.Name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(root, d.Marker)); err != nil {
				t.Skipf("%s absent", d.Marker)
			}
			res, err := d.Run(context.Background(), Env{Root: root})
			if err != nil {
				t.Fatal(err)
			}
			if res.N == 0 {
				t.Errorf("empty result: %+v", res)
			}
			for _, k := range map[string][]string{
				"polnear": {"cue_f1", "source_f1", "source_f1_overlap", "content_f1", "content_f1_overlap",
					"all_f1", "all_f1_overlap", "cue_precision", "cue_recall",
					"content_f1_overlap_direct", "content_f1_overlap_partial", "content_f1_overlap_reported"},
				"gum-news": {"f1", "precision", "recall", "f1_overlap"},
				"seeds":    {"quotes_recall", "quotes_precision", "speaker_accuracy", "reported_recall"},
			}[d.Name] {
				if v, ok := res.Metrics[k]; !ok || math.IsNaN(v) {
					t.Errorf("no %s in %v", k, res.Metrics)
				}
			}
			t.Logf("%s n=%d %v", d.Name, res.N, res.Metrics)
		})
	}
}

// TestSeedSpeakersCanonical checks that a speaker named only by surname in
// one article is right when the linker joins it to the full name another
// article gives, and that the gold's notation of alternatives and remarks
// is read.
func TestSeedSpeakersCanonical(t *testing.T) {
	texts := map[string]string{
		"a.txt": `Lena Vogt, the mayor, opened the bridge on Monday.`,
		"b.txt": `"We are ready," Vogt said.`,
	}
	preds := map[string]*quote.Doc{}
	for name, tx := range texts {
		preds[name] = quote.Analyze(tx)
	}
	for _, c := range []struct {
		speaker string
		want    float64
	}{
		{"Lena Vogt", 1},
		{"Vogt (the mayor)", 1},
		{"Otto Brandt / Lena Vogt", 1},
		{"Otto Brandt", 0},
	} {
		g := []gold.Quote{{Doc: "b.txt", Text: `"We are ready,"`, Speaker: c.speaker, Kind: "direct"}}
		m := ScoreSeedQuotes(texts, preds, g, nil)
		if m["quotes_recall"] != 1 || m["speaker_accuracy"] != c.want {
			t.Errorf("%q: recall %.2f speaker accuracy %.2f, want 1 and %.0f", c.speaker, m["quotes_recall"], m["speaker_accuracy"], c.want)
		}
	}
	if got := goldSpeakers("Israel / United States (as the article claims; another gives it to X)"); len(got) != 2 || got[0] != "Israel" || got[1] != "United States" {
		t.Errorf("goldSpeakers = %q", got)
	}
}
