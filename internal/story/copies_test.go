package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// gen makes texts of random syllable words: unrelated texts share next to
// no shingles, unlike template prose.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, 7))} }

func (g *gen) word() string {
	syl := []string{"ka", "ro", "mi", "ten", "vel", "sa", "dor", "lin", "ba", "rek", "os", "ta", "ni", "mar", "el", "gu"}
	var b strings.Builder
	for range 1 + g.r.IntN(3) {
		b.WriteString(syl[g.r.IntN(len(syl))])
	}
	return b.String()
}

// text returns paras paragraphs of 20-60 words.
func (g *gen) text(paras int) string {
	out := make([]string, paras)
	for i := range out {
		ws := make([]string, 20+g.r.IntN(41))
		for j := range ws {
			ws[j] = g.word()
		}
		out[i] = strings.Join(ws, " ") + "."
	}
	return strings.Join(out, "\n")
}

func TestCompareContainmentAndPassages(t *testing.T) {
	orig := "The minister said on Tuesday that the new budget would be presented to parliament next month after a long review.\n" +
		"Opposition parties criticised the delay and called for an early vote on the spending plans."
	// The copy keeps the first paragraph, restyles case and quotes, and
	// adds its own lines.
	cp := "BREAKING: markets react.\n" +
		"The Minister said on Tuesday that the new budget would be presented to parliament next month after a long review.\n" +
		"Analysts expect little change."
	a, b := NewFingerprint(orig), NewFingerprint(cp)
	p := Compare(a, b)
	if !(p.AInB > 0.4 && p.AInB < 0.7) || p.BInA < 0.6 || p.Jaccard <= 0 || p.Jaccard >= p.Containment() {
		t.Fatalf("pair %+v", p)
	}
	if !p.IsCopy() {
		t.Fatal("not detected as a copy")
	}
	if len(p.SharedA) != 1 || len(p.SharedB) != 1 {
		t.Fatalf("shared %v %v", p.SharedA, p.SharedB)
	}
	wantA := "The minister said on Tuesday that the new budget would be presented to parliament next month after a long review"
	if got := p.SharedA[0].In(orig); got != wantA {
		t.Fatalf("SharedA = %q", got)
	}
	if got := p.SharedB[0].In(cp); !strings.EqualFold(got, wantA) {
		t.Fatalf("SharedB = %q", got)
	}
	// Symmetry.
	q := Compare(b, a)
	if q.AInB != p.BInA || q.BInA != p.AInB || q.Jaccard != p.Jaccard {
		t.Fatalf("not symmetric: %+v vs %+v", p, q)
	}
}

func TestUnrelatedAndDegenerate(t *testing.T) {
	g := newGen(3)
	x, y := g.text(8), g.text(8)
	if p := Compare(NewFingerprint(x), NewFingerprint(y)); p.IsCopy() {
		t.Fatalf("unrelated texts are a copy: %+v", p)
	}
	// Same words, different order of paragraphs: still a copy.
	paras := strings.Split(x, "\n")
	for i, j := 0, len(paras)-1; i < j; i, j = i+1, j-1 {
		paras[i], paras[j] = paras[j], paras[i]
	}
	if p := Compare(NewFingerprint(x), NewFingerprint(strings.Join(paras, "\n"))); p.Containment() < 0.9 || !p.IsCopy() {
		t.Fatalf("reordered: %+v", p)
	}
	for _, s := range []string{"", "...", "one", "two words"} {
		f := NewFingerprint(s)
		if p := Compare(f, NewFingerprint(x)); p.IsCopy() || p.Jaccard != 0 && s == "" {
			t.Errorf("%q: %+v", s, p)
		}
	}
	if p := Compare(NewFingerprint("two words"), NewFingerprint("Two Words")); p.Jaccard != 1 {
		t.Errorf("short texts, same words: %+v", p)
	}
}

func TestIndexFindsContainedText(t *testing.T) {
	g := newGen(9)
	ix := NewIndex()
	var texts []string
	for range 300 {
		a := g.text(8)
		texts = append(texts, a)
		ix.Add(NewFingerprint(a))
	}
	// A short excerpt of text 123 finds it; so does the full text of 42
	// with a new headline.
	excerpt := strings.Join(strings.Split(texts[123], "\n")[:3], "\n")
	if c := ix.Candidates(NewFingerprint(excerpt), 2, 0.05); !contains(c, 123) {
		t.Fatalf("excerpt: candidates %v", c)
	}
	if c := ix.Candidates(NewFingerprint("Exclusive report\n"+texts[42]), 2, 0.05); !contains(c, 42) || len(c) > 10 {
		t.Fatalf("headline changed: candidates %v", c)
	}
}

func contains(s []int32, x int32) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// BenchmarkIndex adds articles to an index and looks each up, reporting
// articles/s; the cost of one article must not grow with the index, so it
// runs at several sizes.
//
//	go test -run=NONE -bench=Index ./internal/story
func BenchmarkIndex(b *testing.B) {
	for _, size := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("indexed=%d", size), func(b *testing.B) {
			g := newGen(1)
			ix := NewIndex()
			for range size {
				ix.Add(NewFingerprint(g.text(10)))
			}
			probes := make([]*Fingerprint, 256)
			var bytes int64
			for i := range probes {
				t := g.text(10)
				bytes += int64(len(t))
				probes[i] = NewFingerprint(t)
			}
			b.SetBytes(bytes / int64(len(probes)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				f := probes[i%len(probes)]
				ix.Candidates(f, 2, 0.05)
				ix.Add(f)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

func BenchmarkFingerprint(b *testing.B) {
	g := newGen(1)
	texts := make([]string, 64)
	var n int64
	for i := range texts {
		texts[i] = g.text(10)
		n += int64(len(texts[i]))
	}
	b.SetBytes(n / int64(len(texts)))
	b.ReportAllocs()
	for i := range b.N {
		NewFingerprint(texts[i%len(texts)])
	}
}

// TestPostingTable checks the open-addressed table against a map of
// slices (the plain form of the same index) through growth, a zero hash,
// and closing at MaxPosting.
func TestPostingTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tab := newPostingTable()
	want := map[uint64][]int32{}
	closed := map[uint64]bool{}
	add := func(h uint64, id int32) {
		tab.add(h, id)
		if closed[h] {
			return
		}
		if p := append(want[h], id); len(p) > MaxPosting {
			delete(want, h)
			closed[h] = true
		} else {
			want[h] = p
		}
	}
	hot := uint64(0) // the zero hash, in every text: it must close
	for id := range int32(MaxPosting + 50) {
		add(hot, id)
		for range 20 {
			add(r.Uint64()&^3, id)
		}
		add(uint64(id%7)*4, id) // a few shared keys with long lists
	}
	if len(tab.slots) <= 1<<10 {
		t.Fatalf("table did not grow: %d slots", len(tab.slots))
	}
	if !closed[hot] {
		t.Fatal("reference did not close the hot key")
	}
	for h, p := range want {
		if got := tab.appendPostings(nil, h); !slices.Equal(got, p) {
			t.Fatalf("key %#x: postings %v, want %v", h, got, p)
		}
	}
	for h := range closed {
		if got := tab.appendPostings(nil, h); got != nil {
			t.Fatalf("closed key %#x has postings %v", h, got)
		}
	}
	if got := tab.appendPostings(nil, 12345678<<2); got != nil {
		t.Fatalf("absent key has postings %v", got)
	}
}
