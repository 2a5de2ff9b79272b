package quote

import (
	"slices"

	"github.com/parallax-news/parallax/internal/article"
)

// tspan is a labelled run of tokens [from, to) of one role.
type tspan struct {
	role     int
	from, to int
}

// attribution is a cue with the spans tied to it, in tokens.
type attribution struct {
	cue     tspan // role 0 when the attribution has no cue
	source  []tspan
	content []tspan
}

// spansOf cuts the labels of paragraph p into spans.
func spansOf(labels []label, p tokRange) []tspan {
	var out []tspan
	for i := p.from; i < p.to; i++ {
		l := labels[i]
		if l == lO {
			continue
		}
		if l.inside() && len(out) > 0 && out[len(out)-1].to == i && out[len(out)-1].role == l.role() {
			out[len(out)-1].to = i + 1
			continue
		}
		out = append(out, tspan{role: l.role(), from: i, to: i + 1})
	}
	return out
}

// cost is how far span x is from cue c: the tokens between them, plus a
// penalty for each sentence boundary crossed.
func (d *docFeatures) cost(x, c tspan) int {
	var a, b int // the facing ends
	if x.to <= c.from {
		a, b = x.to-1, c.from
	} else {
		a, b = c.to-1, x.from
	}
	gap := b - a - 1
	if gap < 0 {
		gap = 0
	}
	return gap + 40*int(d.sent[b]-d.sent[a])
}

// group ties the spans of each paragraph into attributions: every cue
// opens one, and every source and content joins the nearest cue of its
// paragraph. A cue keeps the nearest source; contents with no cue in the
// paragraph form attributions without a cue.
func (d *docFeatures) group(labels []label) []attribution {
	var out []attribution
	for _, p := range d.paras {
		spans := spansOf(labels, p)
		var cues []int // indexes in out
		for _, s := range spans {
			if s.role == 1 {
				cues = append(cues, len(out))
				out = append(out, attribution{cue: s})
			}
		}
		var orphans []tspan
		for _, s := range spans {
			if s.role == 1 {
				continue
			}
			// Cost grows with distance on each side, so the nearest cue on
			// the left and on the right are the only candidates.
			bestA, bestC := -1, 1<<30
			r, _ := slices.BinarySearchFunc(cues, s.from, func(k, from int) int { return out[k].cue.from - from })
			for _, j := range [2]int{r - 1, r} {
				if j < 0 || j >= len(cues) {
					continue
				}
				if c := d.cost(s, out[cues[j]].cue); c < bestC {
					bestA, bestC = cues[j], c
				}
			}
			// A that-clause is the complement of the cue before it in its
			// sentence ("told reporters that ... and warned that ...").
			if j := r - 1; s.role == 3 && d.lower[s.from] == "that" && j >= 0 && j < len(cues) {
				if c := out[cues[j]].cue; d.sent[c.from] == d.sent[s.from] && c.to <= s.from {
					bestA = cues[j]
				}
			}
			switch {
			case bestA < 0 && s.role == 3:
				orphans = append(orphans, s)
			case bestA < 0:
				// a source with no cue says nothing
			case s.role == 2:
				a := &out[bestA]
				if len(a.source) == 0 || d.cost(s, a.cue) < d.cost(a.source[0], a.cue) {
					a.source = []tspan{s}
				}
			default:
				out[bestA].content = append(out[bestA].content, s)
			}
		}
		for _, s := range orphans {
			out = append(out, attribution{content: []tspan{s}})
		}
	}
	// An attribution with nothing attributed is not one.
	kept := out[:0]
	for _, a := range out {
		if len(a.content) > 0 {
			kept = append(kept, a)
		}
	}
	return kept
}

func (d *docFeatures) byteSpan(s tspan) article.Span {
	if s.to <= s.from {
		return article.Span{}
	}
	return article.Span{Start: d.toks[s.from].Start, End: d.toks[s.to-1].End}
}
