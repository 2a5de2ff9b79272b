package eval

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval/corefdata"
)

// corefTask scores entity resolution: the mentions entity.Analyze finds
// and the entities it groups them into, against gold coreference chains
// of people and organizations.
//
// The response is every mention of kind Person or Organization, grouped
// by its Entity (an unresolved mention is a singleton). A response mention
// counts as a gold mention when its span is the gold span, or, failing
// that, when it lies inside the gold span and contains the gold minimal
// span (GUM's minspan, MEANTIME's head; the whole span when the corpus
// gives none): "Scholz" for the gold "Chancellor Olaf Scholz" whose
// minimal span is "Scholz". Each gold mention is taken by at most one
// response mention, exact matches first; among lenient candidates the
// smallest gold span wins. Unmatched response mentions stay in the
// response as twinless mentions and cost precision. "exact_" figures use
// exact span matches only.
//
// Within a document, MUC, B-cubed and CEAF-e are computed as the CoNLL-2012
// reference scorer does and micro-averaged over documents; conll_f1 is
// their mean. Across documents, the entities of each document are fed to
// an entity.Linker in publication order (MEANTIME) or corpus order (ECB+):
// on MEANTIME each gold (document, entity) pair is an item whose response
// identity is the global id of the response entity most of its matched
// mentions belong to (cross_bcubed); on ECB+ each gold mention is an item
// whose response identity is that of its matched response mention. Items
// with no matched response are singletons.
func corefTask() Task {
	return Task{
		Name: "coref",
		Doc:  "person/organization coreference of entity.Analyze: CoNLL F1 (MUC, B3, CEAF-e) within documents, B3 across documents",
		Datasets: []Dataset{
			{Name: "meantime", Marker: "eval/meantime/intra_cross-doc_annotation", Run: runCorefMeantime},
			{Name: "gum-news", Marker: "eval/gum-news", Run: runCorefGUM},
			{Name: "ecbplus", Marker: "eval/ecbplus", Run: runCorefECB},
		},
	}
}

// corefDoc is one document's gold and the system's analysis of it.
type corefDoc struct {
	gold corefdata.Doc
	resp *entity.Doc
	// keep are the indexes in resp.Mentions of the response mentions
	// scored: Person or Organization, inside the annotated text.
	keep []int
	// match and exact map each kept response mention (by position in
	// keep) to the index of the gold mention it counts as, or -1.
	match, exact []int
}

func analyzeCoref(ctx context.Context, docs []corefdata.Doc) ([]corefDoc, error) {
	out := make([]corefDoc, len(docs))
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r := entity.Analyze(d.Text)
		if r == nil {
			r = &entity.Doc{}
		}
		cd := corefDoc{gold: d, resp: r}
		var spans []article.Span
		for j, m := range r.Mentions {
			if (m.Kind == entity.Person || m.Kind == entity.Organization) && m.End <= d.Annotated {
				cd.keep = append(cd.keep, j)
				spans = append(spans, m.Span)
			}
		}
		cd.match = matchMentions(d.Mentions, spans, true)
		cd.exact = matchMentions(d.Mentions, spans, false)
		out[i] = cd
	}
	return out, nil
}

// matchMentions maps each response span to the gold mention it counts as,
// or -1: exact span matches first, then (when lenient) a response inside a
// gold span that contains its minimal span, the smallest such gold span.
// One-to-one.
func matchMentions(gold []corefdata.Mention, resp []article.Span, lenient bool) []int {
	out := make([]int, len(resp))
	used := make([]bool, len(gold))
	bySpan := map[article.Span][]int{}
	for g, m := range gold {
		bySpan[m.Span] = append(bySpan[m.Span], g)
	}
	for r, s := range resp {
		out[r] = -1
		for _, g := range bySpan[s] {
			if !used[g] {
				used[g], out[r] = true, g
				break
			}
		}
	}
	if !lenient {
		return out
	}
	for r, s := range resp {
		if out[r] >= 0 {
			continue
		}
		best := -1
		for g, m := range gold {
			if used[g] || s.Start < m.Start || s.End > m.End || s.Start > m.Min.Start || s.End < m.Min.End {
				continue
			}
			if best < 0 || m.Len() < gold[best].Len() {
				best = g
			}
		}
		if best >= 0 {
			used[best], out[r] = true, best
		}
	}
	return out
}

// clusters returns the key and response clusters of d under a matching:
// a gold mention is its index g ≥ 0, an unmatched response mention -(k+1).
func (d corefDoc) clusters(match []int) (key, resp [][]int) {
	key = append(key, d.gold.Clusters()...)
	byEntity := map[int]int{}
	for k, j := range d.keep {
		id := match[k]
		if id < 0 {
			id = -(k + 1)
		}
		e := d.resp.Mentions[j].Entity
		if e < 0 {
			resp = append(resp, []int{id})
			continue
		}
		c, ok := byEntity[e]
		if !ok {
			c = len(resp)
			byEntity[e] = c
			resp = append(resp, nil)
		}
		resp[c] = append(resp[c], id)
	}
	return key, resp
}

// scoreWithin scores the documents within each and returns the metrics,
// lenient and exact_.
func scoreWithin(docs []corefDoc) map[string]float64 {
	var lenient, exact CorefScores
	nm, nc := 0, 0
	for _, d := range docs {
		key, resp := d.clusters(d.match)
		lenient = lenient.Add(ScoreCoref(key, resp))
		key, resp = d.clusters(d.exact)
		exact = exact.Add(ScoreCoref(key, resp))
		nm += len(d.gold.Mentions)
		nc += len(key)
	}
	m := lenient.Metrics("")
	for k, v := range exact.Metrics("exact_") {
		m[k] = v
	}
	m["gold_mentions"] = float64(nm)
	m["gold_entities"] = float64(nc)
	return m
}

// globalIDs links the documents' response entities in the given order and
// returns, per document, the global id of each response entity.
func globalIDs(docs []corefDoc) [][]int {
	l := entity.NewLinker()
	ids := make([][]int, len(docs))
	for i, d := range docs {
		ids[i] = l.Add(d.resp)
	}
	return ids
}

// respGlobal returns the global id, as a label, of the response entity of
// kept response mention k of document i, or "" when it has none.
func respGlobal(docs []corefDoc, ids [][]int, i, k int) string {
	e := docs[i].resp.Mentions[docs[i].keep[k]].Entity
	if e < 0 || e >= len(ids[i]) {
		return ""
	}
	return fmt.Sprint("e", ids[i][e])
}

// crossEntities scores, given the global ids of each document's response
// entities (globalIDs), cross-document identity over gold (document,
// entity) pairs with B-cubed: the response label of a pair is the global
// entity most of its matched mentions resolve to (ties to the earliest
// mention's), a singleton when none does.
func crossEntities(docs []corefDoc, ids [][]int) BCubed {
	gold := map[string]string{}
	pred := map[string]string{}
	for i, d := range docs {
		votes := map[string]map[string]int{} // gold cluster -> label -> count
		first := map[string]map[string]int{}
		for k, g := range d.match {
			if g < 0 {
				continue
			}
			lab := respGlobal(docs, ids, i, k)
			if lab == "" {
				continue
			}
			c := d.gold.Mentions[g].Cluster
			if votes[c] == nil {
				votes[c], first[c] = map[string]int{}, map[string]int{}
			}
			votes[c][lab]++
			if _, ok := first[c][lab]; !ok {
				first[c][lab] = g
			}
		}
		for _, m := range d.gold.Mentions {
			item := d.gold.ID + "\x00" + m.Cluster
			gold[item] = m.Global
			pred[item] = "single\x00" + item
			best := ""
			for lab, n := range votes[m.Cluster] {
				if best == "" || n > votes[m.Cluster][best] || (n == votes[m.Cluster][best] && first[m.Cluster][lab] < first[m.Cluster][best]) {
					best = lab
				}
			}
			if best != "" {
				pred[item] = best
			}
		}
	}
	return ScoreBCubed(gold, pred)
}

// crossMentions scores, given the global ids of each document's response
// entities, cross-document identity over gold mentions with
// B-cubed: a mention's response label is the global entity of the
// response mention matched to it, a singleton when there is none.
func crossMentions(docs []corefDoc, ids [][]int) BCubed {
	gold := map[string]string{}
	pred := map[string]string{}
	for i, d := range docs {
		resp := make([]string, len(d.gold.Mentions))
		for k, g := range d.match {
			if g >= 0 {
				resp[g] = respGlobal(docs, ids, i, k)
			}
		}
		for g, m := range d.gold.Mentions {
			item := fmt.Sprintf("%s\x00%d", d.gold.ID, g)
			gold[item] = m.Global
			pred[item] = resp[g]
			if resp[g] == "" {
				pred[item] = "single\x00" + item
			}
		}
	}
	return ScoreBCubed(gold, pred)
}

func runCorefMeantime(ctx context.Context, env Env) (Result, error) {
	gold, err := corefdata.LoadMEANTIME(filepath.Join(env.Root, "eval", "meantime"))
	if err != nil {
		return Result{}, err
	}
	// LoadMEANTIME sorts by creation date, the order the linker sees them.
	docs, err := analyzeCoref(ctx, gold)
	if err != nil {
		return Result{}, err
	}
	m := scoreWithin(docs)
	b := crossEntities(docs, globalIDs(docs))
	m["cross_bcubed_precision"], m["cross_bcubed_recall"], m["cross_bcubed_f1"] = b.Precision, b.Recall, b.F1
	return Result{N: len(docs), Metrics: m}, nil
}

func runCorefGUM(ctx context.Context, env Env) (Result, error) {
	gold, err := corefdata.LoadGUM(filepath.Join(env.Root, "eval", "gum-news"))
	if err != nil {
		return Result{}, err
	}
	docs, err := analyzeCoref(ctx, gold)
	if err != nil {
		return Result{}, err
	}
	return Result{N: len(docs), Metrics: scoreWithin(docs)}, nil
}

func runCorefECB(ctx context.Context, env Env) (Result, error) {
	gold, err := corefdata.LoadECBPlus(filepath.Join(env.Root, "eval", "ecbplus"))
	if err != nil {
		return Result{}, err
	}
	// ECB+ has no publication dates: LoadECBPlus's corpus order (topic,
	// then name) is the order the linker sees them.
	docs, err := analyzeCoref(ctx, gold)
	if err != nil {
		return Result{}, err
	}
	b := crossMentions(docs, globalIDs(docs))
	m := b.Metrics()
	nm := 0
	for _, d := range gold {
		nm += len(d.Mentions)
	}
	m["gold_mentions"] = float64(nm)
	return Result{N: len(docs), Metrics: m}, nil
}
