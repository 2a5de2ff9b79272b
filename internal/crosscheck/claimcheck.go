package crosscheck

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// The kinds of claim finding.
const (
	// CorroboratedClaim: an independent article states the same act of the
	// same actor with the same polarity.
	CorroboratedClaim = "corroborated_claim"
	// Contradicted: an earlier article states the same act of the same
	// actor with the opposite polarity, other numbers, or says the speaker
	// declined to say what this article has them state.
	Contradicted = "contradicted_claim"
)

// checkClaims reads the claims of every article and compares those that
// share a predicate (or, for a refusal to say, an actor) through an index
// whose posting lists keep Options.Postings entries, so that the work
// grows with the number of claims, not its square.
func (s *story) checkClaims(quotes []Quote) {
	if len(s.arts) < 2 {
		return // a claim is only ever compared with another article's
	}
	byArt := make([][]*Quote, len(s.arts))
	for i := range quotes {
		if a, ok := s.byID[quotes[i].Article]; ok {
			byArt[a] = append(byArt[a], &quotes[i])
		}
	}
	var cs []claim
	memo := tagMemo{}
	for a := range s.arts {
		cs = append(cs, s.claimsOf(a, byArt[a], memo)...)
	}
	if len(cs) < 2 {
		return
	}
	slices.SortStableFunc(cs, func(x, y claim) int { return cmp.Compare(s.arts[x.art].rank, s.arts[y.art].rank) })
	l := claimLex()
	index := map[string][]int32{}
	add := func(k string, i int) {
		if p := index[k]; len(p) < s.opt.Postings && (len(p) == 0 || p[len(p)-1] != int32(i)) {
			index[k] = append(p, int32(i))
		}
	}
	for i := range cs {
		c := &cs[i]
		if !c.withheld || !c.generic {
			for _, sn := range l.senses(c.pred) {
				add("p:"+sn.canon, i)
			}
		}
		for _, w := range c.actor {
			switch {
			case c.withheld && c.generic:
				add("w:"+w, i)
			case !c.withheld && !c.hedged:
				add("a:"+w, i)
			}
		}
	}
	seen := map[int32]bool{}
	for i := range cs {
		c := &cs[i]
		clear(seen)
		var corr, contra []Ref
		var why []string
		var score float64
		look := func(k string) {
			for _, j := range index[k] {
				if int(j) == i || seen[j] || cs[j].art == c.art {
					continue
				}
				seen[j] = true
				o := &cs[j]
				kind, w := relateClaims(l, c, o)
				switch {
				case kind == CorroboratedClaim && s.independent(c.art, o.art) && len(corr) < s.opt.MaxRefs:
					corr = append(corr, s.claimRef(o))
					if len(why) == 0 || !strings.HasPrefix(why[0], "contra") {
						why = append(why, "corr"+w)
					}
				case kind == Contradicted && s.earlier(o.art, c.art) && len(contra) < s.opt.MaxRefs:
					contra = append(contra, s.claimRef(o))
					why = append([]string{"contra" + w}, why...)
					score = 1
				}
			}
		}
		if c.withheld && c.generic {
			for _, w := range c.actor {
				look("a:" + w)
			}
		} else {
			for _, sn := range l.senses(c.pred) {
				look("p:" + sn.canon)
			}
			if !c.withheld && !c.hedged {
				for _, w := range c.actor {
					look("w:" + w)
				}
			}
		}
		f := Finding{Article: s.arts[c.art].a.ID, Quote: c.quote, Span: c.span}
		if len(contra) > 0 {
			f.Kind, f.Other, f.Score, f.Why = Contradicted, contra, score, strings.TrimPrefix(why[0], "contra: ")
			s.out = append(s.out, f)
		}
		if len(corr) > 0 {
			w := ""
			for _, x := range why {
				if strings.HasPrefix(x, "corr") {
					w = strings.TrimPrefix(x, "corr")
					break
				}
			}
			f.Kind, f.Other, f.Score, f.Why = CorroboratedClaim, corr, 1, fmt.Sprintf("%d independent article(s) state the same act%s", len(corr), w)
			s.out = append(s.out, f)
		}
	}
}

func (s *story) claimRef(c *claim) Ref {
	return Ref{Article: s.arts[c.art].a.ID, Quote: c.quote, Span: c.span}
}

// relateClaims says whether c and o state the same act alike
// (CorroboratedClaim) or in ways that cannot both hold (Contradicted),
// and why.
func relateClaims(l *claimLexicon, c, o *claim) (string, string) {
	if !speakersMatch(c, o) || !wordsMatch(c.actor, o.actor) {
		return "", ""
	}
	if c.withheld != o.withheld {
		w, st := c, o
		if o.withheld {
			w, st = o, c
		}
		if st.hedged || st.negated() || w.speaker == "" && len(w.names) == 0 || st.speaker == "" && len(st.names) == 0 {
			return "", ""
		}
		if _, _, ok := predMatch(l, w, st); !ok && !w.generic {
			return "", ""
		}
		said := strings.TrimSpace(st.modal + " " + st.verb)
		if c.withheld {
			return Contradicted, fmt.Sprintf(": here the speaker did not say (%s) what the other article has them state (%q)", strings.Join(c.neg, ", "), said)
		}
		return Contradicted, fmt.Sprintf(": here the speaker states it (%q); the other article says they did not (%s)", said, strings.Join(o.neg, ", "))
	}
	if c.withheld {
		return "", ""
	}
	fc, fo, ok := predMatch(l, c, o)
	if !ok || !objectsMatch(c, o) {
		return "", ""
	}
	pc, po := c.negated() != fc, o.negated() != fo
	if pc != po {
		if c.hedged || o.hedged {
			return "", ""
		}
		return Contradicted, fmt.Sprintf(": the same act with opposite polarity: here %s, there %s", polarityWords(c), polarityWords(o))
	}
	if len(c.nums) > 0 && len(o.nums) > 0 && !c.hedged && !o.hedged && !sharesAny(c.nums, o.nums) {
		return Contradicted, fmt.Sprintf(": the same act with other numbers: here %s, there %s", strings.Join(c.nums, ", "), strings.Join(o.nums, ", "))
	}
	note := ""
	if c.hedged != o.hedged || c.modal != o.modal && (c.hedged || o.hedged) {
		note = fmt.Sprintf(" (modality differs: here %q, there %q)", c.modal, o.modal)
	}
	return CorroboratedClaim, note
}

// polarityWords shows the words that set a claim's polarity.
func polarityWords(c *claim) string {
	w := append(append([]string(nil), c.neg...), c.verb)
	return fmt.Sprintf("%q", strings.Join(w, " "))
}

// speakersMatch: two reported claims need the same speaker (the same key
// when both are known, else a shared name); two writer's claims match; a
// writer's claim matches a speaker speaking of their own act.
func speakersMatch(c, o *claim) bool {
	cw, ow := c.speaker == "" && len(c.names) == 0, o.speaker == "" && len(o.names) == 0
	switch {
	case cw && ow:
		return true
	case cw:
		return wordsMatch(c.actor, o.names)
	case ow:
		return wordsMatch(o.actor, c.names)
	case c.speaker != "" && o.speaker != "":
		return c.speaker == o.speaker
	}
	return wordsMatch(c.names, o.names)
}

// wordsMatch: when both sides have names ("=" words) they must share one;
// else they must share a word. Two empty sides match.
func wordsMatch(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	na, nb := hasName(a), hasName(b)
	for _, x := range a {
		for _, y := range b {
			if na && nb {
				if x == y && strings.HasPrefix(x, "=") {
					return true
				}
			} else if strings.TrimPrefix(x, "=") == strings.TrimPrefix(y, "=") {
				return true
			}
		}
	}
	return false
}

func hasName(ws []string) bool {
	for _, w := range ws {
		if strings.HasPrefix(w, "=") {
			return true
		}
	}
	return false
}

// predMatch finds a reading shared by the predicates of c and o and says
// whether each word is the opposite member of its antonym line.
func predMatch(l *claimLexicon, c, o *claim) (flipC, flipO, ok bool) {
	for _, a := range l.senses(c.pred) {
		for _, b := range l.senses(o.pred) {
			if a.canon == b.canon {
				return a.flip, b.flip, true
			}
		}
	}
	return false, false, false
}

// objectsMatch: the objects share a noun, or one is a pronoun or absent
// while the other is too, or a pronoun stands for it.
func objectsMatch(c, o *claim) bool {
	if c.objPro || o.objPro || len(c.obj) == 0 && len(o.obj) == 0 {
		return true
	}
	return sharesAny(c.obj, o.obj)
}

func sharesAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
