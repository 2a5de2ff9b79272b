// Package crosscheck puts the articles of one story side by side and says
// which quotations hold up: the same words in an independent outlet, words
// changed, the words given to another speaker, a quotation stitched from
// separate ones, or a quotation no other independent article has. Every
// finding carries the spans of both sides.
//
// # How
//
// Quotations are compared as sequences of case-folded words, so that
// quotation marks, dashes, punctuation, typographic apostrophes and
// elisions ("...", "[...]") do not hide a match. Identical sequences are
// grouped by hash first, so a quotation copied by a hundred outlets costs
// one entry. The distinct sequences are indexed by word bigrams, in
// publication order, and each posting list keeps only its first
// Options.Postings entries: a bigram shared by more quotations than that
// says little about which one a quotation copies, and the earliest ones
// kept are the originals that later ones are compared to. Each sequence is
// aligned (longest common subsequence of words) with at most
// Options.Candidates sequences that share the most bigrams with it, so the
// cost grows with the number of quotations times a constant, not with its
// square. Partial and short quotations are also looked up in the plain text
// of the other articles through a bigram index of their words.
//
// # Verdicts
//
// The earliest article of a matched pair (Published where both have one,
// else input order) holds the original; findings about changes are made on
// the later side. Two articles are independent when their outlets differ
// (an unknown outlet differs from every other) and neither is a copy of the
// other: following CopyOf from each leads to different origins.
//
//   - corroborated_quote: the same words (small elisions allowed) in an
//     independent article, with a compatible speaker.
//   - verbatim: the same words in another article that is not independent
//     (a copy, or the same outlet).
//   - altered_quote: an earlier article has the quotation with words
//     changed; Diff shows the change word by word.
//   - misattributed_quote: the same words in an earlier article, where the
//     earliest known speaker differs from this one (both known), and
//     neither speaks for the other (Quote.For).
//   - composite_quote: no one quotation elsewhere matches, but runs of words
//     from two or more separate quotations of earlier articles cover it.
//   - uncorroborated_quote: a direct or partial quotation found, in any
//     form, in no independent article, when the story has at least two
//     independent articles.
//   - cited_quote: the quotation credits (Via) another outlet of the story;
//     Other points at that outlet's article, and at the quotation there
//     when it was found.
//
// The thresholds (Options defaults) were chosen on the generated benchmark
// of the eval task crosscheck (internal/eval/crosscheck.go), not by hand.
//
// # Claims
//
// Claims (claim.go, claimcheck.go) are reported speech and the writer's
// sentences stating an act, read with the part-of-speech tagger: the
// speaker (from the quote stage, else the subject of a reporting verb),
// the actor, the predicate (verb stem, with a particle: "rule out") and
// its object nouns, polarity (negators, "refused to", "denied that", and
// antonym pairs read as a negation of their first member), modality, and
// numbers; a negated verb of saying ("declined to comment on what ...")
// makes a refusal to say about the act asked. The cue words are data
// (data/claims.tsv, CC0). Claims that share a predicate, or an actor for a
// refusal to say about any act ("what steps X would take"), are found
// through an index with capped posting lists, and compared:
//
//   - corroborated_claim: the same speaker, actor, predicate and object
//     with the same polarity in an independent article; a modality
//     difference is noted in Why.
//   - contradicted_claim: the same speaker, actor, predicate and object
//     with opposite polarity, or other numbers, in an earlier article; or
//     a definite statement of an act the speaker, in an earlier article,
//     declined to speak of. Hedged claims ("may", "could") never
//     contradict.
package crosscheck

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
)

// Article is one article of the story.
type Article struct {
	ID     string
	Outlet string // site name or domain; "" when unknown
	// Published is the publication time; zero when unknown, and then the
	// input order decides which article came first.
	Published time.Time
	// CopyOf is the ID of the article this one copies or rewrites (from the
	// story stage); "" for an original.
	CopyOf string
	Text   string
}

// Quote is one quotation of an article, as the quote stage found it.
type Quote struct {
	Article string // the ID of its article
	Index   int    // its index in its article's list of quotes
	Kind    string // "direct", "partial" or "reported"; reported speech is not compared
	// Content is the quoted words as spans of the article text; quotation
	// marks may be included.
	Content []article.Span
	// Speaker is the canonical speaker's key across the story; "" when
	// unknown or anonymous.
	Speaker     string
	SpeakerName string // the speaker's name, for the explanation
	Via         string // the medium the quote is credited to ("Reuters"); "" when none
	// For is the key of the state or organization the speaker speaks for
	// (a government spokesperson's or minister's state); "" when none.
	// The same words given to it and to its speaker are not misattributed:
	// "Moscow warned" after "the Kremlin's spokesman said".
	For string
}

// The kinds of finding.
const (
	Verbatim       = "verbatim"
	Corroborated   = "corroborated_quote"
	Altered        = "altered_quote"
	Misattributed  = "misattributed_quote"
	Composite      = "composite_quote"
	Uncorroborated = "uncorroborated_quote"
	Cited          = "cited_quote"
)

// Kinds lists the kinds of finding Check makes.
var Kinds = []string{Corroborated, Verbatim, Altered, Misattributed, Composite, Uncorroborated, Cited, CorroboratedClaim, Contradicted}

// Ref points at the other side of a finding: a quotation (Quote is its
// Index) or, when Quote is -1, plain text of the article. Span is the
// matched words; empty when the finding names the article only.
type Ref struct {
	Article string       `json:"article"`
	Quote   int          `json:"quote"`
	Span    article.Span `json:"span"`
}

// Finding is one verdict about one quotation, with the evidence of both
// sides.
type Finding struct {
	Kind    string       `json:"kind"`
	Article string       `json:"article"`
	Quote   int          `json:"quote"` // the quotation's Index
	Span    article.Span `json:"span"`  // its words, from the first to the last
	Other   []Ref        `json:"other,omitempty"`
	// Score is the word similarity of the quotation to the other side
	// (aligned words over the longer stretch), or for a composite the share
	// of its words the parts cover; 0 for uncorroborated and cited quotes.
	Score float64  `json:"score"`
	Why   string   `json:"why"`
	Diff  []DiffOp `json:"diff,omitempty"` // altered quotes: the original's words to these
}

// Options tunes the comparison. The zero value means the defaults.
//
// Altered and Composite were set by sweeping them on a generated
// benchmark held apart from the one reported (go test ./internal/eval -run
// CrosscheckSweep -sweep -v): Altered 0.5 / 0.6 / 0.7 gave altered-quote
// precision 0.983 / 0.997 / 1.000 and recall 0.993 / 0.993 / 0.960;
// Composite 0.6 to 0.8 made no difference and 0.9 lost recall.
type Options struct {
	// Altered is the least similarity for two quotations to be one quote
	// with words changed: aligned words over the longer of the quotation
	// and the stretch of the other it aligns with.
	Altered float64
	// MinAltered is the least number of words of a quotation judged
	// altered; shorter ones are too short to tell a change from another
	// quote.
	MinAltered int
	// MaxGap is how many words of the other side an elision may skip
	// while the words still count as the same.
	MaxGap int
	// MinPart is the least number of adjacent words of a composite's part.
	MinPart int
	// Composite is the least share of a composite's words its parts cover.
	Composite float64
	// ShortWords: partial quotations and quotations of at most this many
	// words are also looked up in the plain text of the other articles.
	ShortWords int
	// Postings is how many entries each bigram's posting list keeps.
	Postings int
	// Candidates is how many sequences each quotation is aligned with.
	Candidates int
	// MaxScan is how many identical copies of a quotation are examined,
	// earliest first, for evidence.
	MaxScan int
	// MaxRefs is how many references a finding lists.
	MaxRefs int
}

// EnsureDefaults fills unset fields with the defaults.
func (o *Options) EnsureDefaults() {
	set := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	if o.Altered == 0 {
		o.Altered = 0.6
	}
	if o.Composite == 0 {
		o.Composite = 0.8
	}
	set(&o.MinAltered, 4)
	set(&o.MaxGap, 2)
	set(&o.MinPart, 3)
	set(&o.ShortWords, 6)
	set(&o.Postings, 64)
	set(&o.Candidates, 16)
	set(&o.MaxScan, 256)
	set(&o.MaxRefs, 5)
}

// Validate reports options out of range.
func (o *Options) Validate() error {
	switch {
	case o.Altered <= 0 || o.Altered > 1:
		return fmt.Errorf("crosscheck: Altered %v not in (0, 1]: %w", o.Altered, article.ErrInvalid)
	case o.Composite <= 0 || o.Composite > 1:
		return fmt.Errorf("crosscheck: Composite %v not in (0, 1]: %w", o.Composite, article.ErrInvalid)
	case o.MinAltered < 1 || o.MaxGap < 0 || o.MinPart < 1 || o.ShortWords < 0:
		return fmt.Errorf("crosscheck: word counts must be positive: %w", article.ErrInvalid)
	case o.Postings < 1 || o.Candidates < 1 || o.MaxScan < 1 || o.MaxRefs < 1:
		return fmt.Errorf("crosscheck: limits must be positive: %w", article.ErrInvalid)
	}
	return nil
}

// Checker compares the quotations of a story. It holds only options and
// may be used by several goroutines.
type Checker struct{ opt Options }

// New returns a Checker with opt, defaults filled in.
func New(opt Options) (*Checker, error) {
	opt.EnsureDefaults()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return &Checker{opt: opt}, nil
}

// Check compares the quotations of one story with the default options.
func Check(arts []Article, quotes []Quote) []Finding {
	c, _ := New(Options{})
	return c.Check(arts, quotes)
}

// Check compares the quotations of one story's articles and returns the
// findings, ordered by article (earliest first), quotation and kind.
// Quotations of unknown articles, reported speech, and quotations with no
// words are skipped; an article listed twice counts once.
func (c *Checker) Check(arts []Article, quotes []Quote) []Finding {
	s := newStory(c.opt, arts, quotes)
	if s == nil {
		return nil
	}
	s.compare()
	s.checkClaims(quotes)
	return s.findings()
}

// stats counts the work of one check, for tests of the blocking.
type stats struct{ alignments int }

func (c *Checker) checkStats(arts []Article, quotes []Quote) ([]Finding, stats) {
	s := newStory(c.opt, arts, quotes)
	if s == nil {
		return nil, stats{}
	}
	s.compare()
	s.checkClaims(quotes)
	return s.findings(), stats{alignments: s.al.n}
}

type art struct {
	a      *Article
	rank   int    // position in publication order
	root   int    // origin along CopyOf
	outlet string // outlet key; unique for an unknown outlet
	words  *seq   // words of the whole text, when needed
}

type qt struct {
	q     *Quote
	art   int
	words seq
	rep   int
}

// rep is one distinct word sequence and the quotations that have it.
type rep struct {
	first   int   // its first quotation, whose words stand for all
	members []int // quotations, earliest first
	rank    int   // rank of the earliest member's article
	rels    []rel
}

type relKind uint8

const (
	relSame     relKind = iota + 1 // the same words, but for an elision of up to MaxGap words on either side
	relContains                    // the other's words are a part of the rep's
	relAltered                     // words changed
	relPart                        // runs of words shared, for composites
)

type rel struct {
	kind relKind
	to   int // the other rep
	m    match
	sim  float64
	runs [][2]int
}

type story struct {
	opt    Options
	arts   []art
	byID   map[string]int
	qs     []qt
	reps   []rep
	lex    *lexicon
	al     aligner
	indep  bool // the story has two independent articles
	outlet map[string][]int
	text   map[uint64]postings // bigram → its postings in posts
	posts  []int64             // (article<<32 | word position), by bigram
	out    []Finding
	// voices lists, for each speaker, the articles that quote it (any
	// kind of quote); voicesFor, for each state or organization, the
	// articles that quote someone speaking for it.
	voices, voicesFor map[string][]int
}

func newStory(opt Options, arts []Article, quotes []Quote) *story {
	if len(arts) == 0 {
		return nil
	}
	s := &story{opt: opt, byID: map[string]int{}, lex: newLexicon(), outlet: map[string][]int{},
		voices: map[string][]int{}, voicesFor: map[string][]int{}}
	for i := range arts {
		if _, dup := s.byID[arts[i].ID]; dup {
			continue
		}
		s.byID[arts[i].ID] = len(s.arts)
		s.arts = append(s.arts, art{a: &arts[i]})
	}
	s.order()
	for i := range quotes {
		q := &quotes[i]
		a, ok := s.byID[q.Article]
		if ok {
			addVoice(s.voices, q.Speaker, a)
			addVoice(s.voicesFor, q.For, a)
		}
		if !ok || (q.Kind != "direct" && q.Kind != "partial") {
			continue
		}
		t := qt{q: q, art: a}
		for _, sp := range q.Content {
			s.lex.words(s.arts[a].a.Text, sp, &t.words)
		}
		if len(t.words.ids) == 0 {
			continue
		}
		s.qs = append(s.qs, t)
	}
	return s
}

// order ranks the articles by publication, roots them along CopyOf and
// keys their outlets. An article without a time takes the time of the
// article before it in the input, so that the order is total and an
// undated article stays where the input put it.
func (s *story) order() {
	keys := make([]time.Time, len(s.arts))
	var last time.Time
	for i := range s.arts {
		if p := s.arts[i].a.Published; !p.IsZero() {
			last = p
		}
		keys[i] = last
	}
	idx := make([]int, len(s.arts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return keys[a].Compare(keys[b]) })
	for r, i := range idx {
		s.arts[i].rank = r
	}
	for i := range s.arts {
		root := i
		for steps := 0; steps < len(s.arts); steps++ {
			next, ok := s.byID[s.arts[root].a.CopyOf]
			if !ok || next == root {
				break
			}
			root = next
		}
		s.arts[i].root = root
		key := outletKey(s.arts[i].a.Outlet)
		if key == "" {
			key = fmt.Sprintf("#%d", i)
		} else {
			s.outlet[key] = append(s.outlet[key], i)
		}
		s.arts[i].outlet = key
	}
	// Two independent articles exist when some article has one: count,
	// for each, the articles sharing neither its origin nor its outlet.
	byRoot, byOutlet, byBoth := map[int]int{}, map[string]int{}, map[string]int{}
	for _, a := range s.arts {
		byRoot[a.root]++
		byOutlet[a.outlet]++
		byBoth[fmt.Sprint(a.root, "\x00", a.outlet)]++
	}
	for _, a := range s.arts {
		if len(s.arts)-byRoot[a.root]-byOutlet[a.outlet]+byBoth[fmt.Sprint(a.root, "\x00", a.outlet)] > 0 {
			s.indep = true
			break
		}
	}
}

// outletKey names an outlet for comparison: the embedded outlet list's ID
// for a known name or domain, else the name folded.
func outletKey(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	t := knowledge.Outlets()
	if m, ok := t.Lookup(name); ok {
		return "=" + m.Outlet.ID
	}
	if o, ok := t.ByDomain(name); ok && strings.Contains(name, ".") {
		return "=" + o.ID
	}
	return strings.TrimPrefix(strings.ToLower(name), "the ")
}

func (s *story) independent(a, b int) bool {
	return s.arts[a].root != s.arts[b].root && s.arts[a].outlet != s.arts[b].outlet
}

// sameVoice reports whether two quotes' speakers are one voice: the same
// speaker, or one the state or organization the other speaks for.
func sameVoice(a, b *Quote) bool {
	return a.Speaker == b.Speaker || a.For != "" && a.For == b.Speaker || b.For != "" && b.For == a.Speaker
}

// addVoice records that article a quotes key (a speaker, or what a
// speaker speaks for).
func addVoice(m map[string][]int, key string, a int) {
	if key == "" {
		return
	}
	if l := m[key]; len(l) == 0 || l[len(l)-1] != a {
		m[key] = append(l, a)
	}
}

// quotedElsewhere counts the articles independent of a that quote q's
// speaker in one voice with it (see sameVoice), in any kind of quote; an
// article and its copies count once.
func (s *story) quotedElsewhere(a int, q *Quote) int {
	if q.Speaker == "" {
		return 0
	}
	roots := map[int]bool{}
	for _, l := range [][]int{s.voices[q.Speaker], s.voices[q.For], s.voicesFor[q.Speaker]} {
		for _, b := range l {
			if s.independent(a, b) {
				roots[s.arts[b].root] = true
			}
		}
	}
	return len(roots)
}

// earlier reports whether article a came before article b.
func (s *story) earlier(a, b int) bool { return s.arts[a].rank < s.arts[b].rank }

var seed = maphash.MakeSeed()

func hashIDs(ids []int32) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var b [4]byte
	for _, id := range ids {
		b[0], b[1], b[2], b[3] = byte(id), byte(id>>8), byte(id>>16), byte(id>>24)
		h.Write(b[:])
	}
	return h.Sum64()
}

func bigram(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func unigram(a int32) uint64 { return 1<<63 | uint64(uint32(a)) }

// compare groups identical sequences, indexes them and aligns each with
// its candidates.
func (s *story) compare() {
	// Quotations in publication order, then input order.
	slices.SortStableFunc(s.qs, func(a, b qt) int { return cmp.Compare(s.arts[a.art].rank, s.arts[b.art].rank) })
	groups := map[uint64][]int{}
	for i := range s.qs {
		ids := s.qs[i].words.ids
		h := hashIDs(ids)
		r := -1
		for _, g := range groups[h] {
			if slices.Equal(s.qs[s.reps[g].first].words.ids, ids) {
				r = g
				break
			}
		}
		if r < 0 {
			r = len(s.reps)
			groups[h] = append(groups[h], r)
			s.reps = append(s.reps, rep{first: i, rank: s.arts[s.qs[i].art].rank})
		}
		s.reps[r].members = append(s.reps[r].members, i)
		s.qs[i].rep = r
	}
	// The bigram index of the distinct sequences, earliest first.
	index := map[uint64][]int32{}
	keys := func(ids []int32, f func(uint64)) {
		if len(ids) == 1 {
			f(unigram(ids[0]))
		}
		for i := 0; i+1 < len(ids); i++ {
			f(bigram(ids[i], ids[i+1]))
		}
	}
	for r := range s.reps {
		keys(s.words(r).ids, func(k uint64) {
			p := index[k]
			if len(p) < s.opt.Postings && (len(p) == 0 || p[len(p)-1] != int32(r)) {
				index[k] = append(p, int32(r))
			}
		})
	}
	shared := map[int32]int{}
	var cands []int32
	for r := range s.reps {
		clear(shared)
		keys(s.words(r).ids, func(k uint64) {
			for _, c := range index[k] {
				if int(c) != r {
					shared[c]++
				}
			}
		})
		cands = cands[:0]
		for c := range shared {
			cands = append(cands, c)
		}
		slices.SortFunc(cands, func(a, b int32) int {
			if d := cmp.Compare(shared[b], shared[a]); d != 0 {
				return d
			}
			return cmp.Compare(a, b)
		})
		if len(cands) > s.opt.Candidates {
			cands = cands[:s.opt.Candidates]
		}
		for _, c := range cands {
			if rl, ok := s.relate(r, int(c)); ok {
				s.reps[r].rels = append(s.reps[r].rels, rl)
			}
		}
	}
}

func (s *story) words(r int) *seq { return &s.qs[s.reps[r].first].words }

// relate aligns rep r with rep c and says how they relate.
func (s *story) relate(r, c int) (rel, bool) {
	a, b := s.words(r).ids, s.words(c).ids
	m := s.al.align(a, b)
	n := m.count()
	if n == 0 {
		return rel{}, false
	}
	a0, a1, b0, b1 := m.window()
	la, lb := len(a), len(b)
	sim := float64(n) / float64(max(la, b1-b0))
	rl := rel{to: c, m: m, sim: sim}
	switch {
	case n == la && (b1-b0)-n <= s.opt.MaxGap, n == lb && la-n <= s.opt.MaxGap:
		rl.kind = relSame
	case n == lb && (a1-a0)-n <= s.opt.MaxGap:
		rl.kind = relContains
		rl.runs = [][2]int{{a0, a1}}
	case sim >= s.opt.Altered && la >= s.opt.MinAltered:
		rl.kind = relAltered
		rl.runs = runs(m, s.opt.MinPart)
	default:
		rl.runs = runs(m, s.opt.MinPart)
		if len(rl.runs) == 0 {
			return rel{}, false
		}
		rl.kind = relPart
	}
	rl.m = m.clone() // m is the aligner's scratch
	return rl, true
}
