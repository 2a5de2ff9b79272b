package crosscheck

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
)

// seq is the words of one passage: interned word ids and their spans in
// the article text.
type seq struct {
	ids   []int32
	spans []article.Span
}

// lexicon interns folded words so that sequences compare as integers.
type lexicon struct {
	ids map[string]int32
	buf []byte
}

func newLexicon() *lexicon { return &lexicon{ids: map[string]int32{}} }

func (l *lexicon) id(w []byte) int32 {
	if id, ok := l.ids[string(w)]; ok {
		return id
	}
	id := int32(len(l.ids))
	l.ids[string(w)] = id
	return id
}

// words appends the words of t[s.Start:s.End] to q. A word is a run of
// letters and digits; an apostrophe between letters is dropped so that
// "minister’s" and "minister's" are one word, and every other character
// (quotation marks, dashes, hyphens, ellipses, brackets, punctuation)
// separates words. Words are case-folded.
func (l *lexicon) words(t string, s article.Span, q *seq) {
	if s.Start < 0 || s.End > len(t) || s.Start >= s.End {
		return
	}
	start := -1
	l.buf = l.buf[:0]
	flush := func(end int) {
		if start >= 0 {
			q.ids = append(q.ids, l.id(l.buf))
			q.spans = append(q.spans, article.Span{Start: start, End: end})
		}
		start = -1
		l.buf = l.buf[:0]
	}
	last := s.Start // end of the last letter or digit
	for i := s.Start; i < s.End; {
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
			l.buf = utf8.AppendRune(l.buf, unicode.ToLower(r))
			last = i + n
		case (r == '\'' || r == '’') && start >= 0 && i+n < s.End:
			// Inner apostrophe: keep the word going only if a letter follows.
			r2, _ := utf8.DecodeRuneInString(t[i+n:])
			if !unicode.IsLetter(r2) {
				flush(last)
			}
		default:
			flush(last)
		}
		i += n
	}
	flush(last)
}

// match is the word alignment of a sequence a against a sequence b: the
// longest common subsequence, as pairs of positions.
type match struct {
	pairs [][2]int // (position in a, position in b), increasing
}

// clone returns a copy of m that owns its pairs.
func (m match) clone() match { return match{pairs: slices.Clone(m.pairs)} }

// count is the number of aligned words.
func (m *match) count() int { return len(m.pairs) }

// window returns the extent of the aligned words in a and in b.
func (m *match) window() (a0, a1, b0, b1 int) {
	if len(m.pairs) == 0 {
		return 0, 0, 0, 0
	}
	f, l := m.pairs[0], m.pairs[len(m.pairs)-1]
	return f[0], l[0] + 1, f[1], l[1] + 1
}

// aligner holds the scratch table of the alignment so that comparing
// many pairs allocates little.
type aligner struct {
	dp    []int32
	pairs [][2]int
	n     int // alignments computed, for tests of blocking
}

// maxAlign bounds the words of either side that are aligned; longer
// quotations are compared on their first maxAlign words.
const maxAlign = 400

// align computes the LCS of a and b. Among alignments of equal length it
// prefers runs of adjacent words, since a copied quotation keeps its words
// together. The match shares the aligner's scratch and holds until the
// next align: keep it with clone.
func (al *aligner) align(a, b []int32) match {
	al.n++
	if len(a) > maxAlign {
		a = a[:maxAlign]
	}
	if len(b) > maxAlign {
		b = b[:maxAlign]
	}
	n, m := len(a), len(b)
	w := m + 1
	if cap(al.dp) < (n+1)*w {
		al.dp = make([]int32, (n+1)*w)
	}
	dp := al.dp[:(n+1)*w]
	// dp[i*w+j] is the LCS of a[i:] and b[j:].
	for j := 0; j <= m; j++ {
		dp[n*w+j] = 0
	}
	for i := n - 1; i >= 0; i-- {
		dp[i*w+m] = 0
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				dp[i*w+j] = dp[(i+1)*w+j+1] + 1
			case dp[(i+1)*w+j] >= dp[i*w+j+1]:
				dp[i*w+j] = dp[(i+1)*w+j]
			default:
				dp[i*w+j] = dp[i*w+j+1]
			}
		}
	}
	pairs := al.pairs[:0]
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j] && dp[i*w+j] == dp[(i+1)*w+j+1]+1:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case dp[(i+1)*w+j] >= dp[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	al.pairs = pairs
	return match{pairs: pairs}
}

// DiffOp is one step of a word-level diff from the original's words to a
// quotation's: Op is "equal", "delete" (in the original only) or "insert"
// (in the quotation only); Text is the words as written.
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// diff turns an alignment of q (a) against the original o (b) into diff
// operations over o[b0:b1] and q[a0:a1], merging runs of one kind.
func diff(m match, qText string, q *seq, a0, a1 int, oText string, o *seq, b0, b1 int) []DiffOp {
	var ops []DiffOp
	add := func(op, w string) {
		if k := len(ops) - 1; k >= 0 && ops[k].Op == op {
			ops[k].Text += " " + w
			return
		}
		ops = append(ops, DiffOp{Op: op, Text: w})
	}
	i, j := a0, b0
	for _, p := range m.pairs {
		if p[0] < a0 || p[0] >= a1 || p[1] < b0 || p[1] >= b1 {
			continue
		}
		for ; j < p[1]; j++ {
			add("delete", o.spans[j].In(oText))
		}
		for ; i < p[0]; i++ {
			add("insert", q.spans[i].In(qText))
		}
		add("equal", o.spans[j].In(oText))
		i, j = i+1, j+1
	}
	for ; j < b1; j++ {
		add("delete", o.spans[j].In(oText))
	}
	for ; i < a1; i++ {
		add("insert", q.spans[i].In(qText))
	}
	return ops
}

// runs returns the maximal runs of the alignment that are adjacent in
// both sequences, as [start, end) ranges of a, of at least min words.
func runs(m match, min int) [][2]int {
	var out [][2]int
	for k := 0; k < len(m.pairs); {
		e := k + 1
		for e < len(m.pairs) && m.pairs[e][0] == m.pairs[e-1][0]+1 && m.pairs[e][1] == m.pairs[e-1][1]+1 {
			e++
		}
		if e-k >= min {
			out = append(out, [2]int{m.pairs[k][0], m.pairs[e-1][0] + 1})
		}
		k = e
	}
	return out
}

// joinWords returns the words of s as written, separated by spaces.
func joinWords(t string, s *seq, from, to int) string {
	var b strings.Builder
	for i := from; i < to && i < len(s.spans); i++ {
		if i > from {
			b.WriteByte(' ')
		}
		b.WriteString(s.spans[i].In(t))
	}
	return b.String()
}
