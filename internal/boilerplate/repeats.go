package boilerplate

import (
	"hash/maphash"
	"strings"
	"sync"
)

// Repeats counts, per outlet, on how many pages each line occurs, so that
// lines recurring across many pages of one outlet (menus, footers,
// subscribe prompts, disclaimers) can be told from the story. It keeps a
// 64-bit hash of each folded line, not the text. A Repeats is safe for
// concurrent use; the zero value is not: use NewRepeats.
type Repeats struct {
	opts RepeatsOptions
	seed maphash.Seed

	mu      sync.Mutex
	outlets map[string]*outletLines
}

type outletLines struct {
	pages int
	count map[uint64]int32
}

// RepeatsOptions are the thresholds of Repeats. A line is furniture for an
// outlet once the outlet has at least MinPages pages, the line occurs on at
// least MinCount of them and on at least MinShare of them, and it has at
// most MaxWords words (long recurring paragraphs are more often a story
// retold than furniture).
type RepeatsOptions struct {
	MinPages int     // default 5
	MinCount int     // default 3
	MinShare float64 // default 0.2
	MaxWords int     // default 40
}

// EnsureDefaults fills zero fields with defaults and returns o.
func (o *RepeatsOptions) EnsureDefaults() *RepeatsOptions {
	if o.MinPages <= 0 {
		o.MinPages = 5
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.MinShare <= 0 {
		o.MinShare = 0.2
	}
	if o.MaxWords <= 0 {
		o.MaxWords = 40
	}
	return o
}

// NewRepeats returns an empty Repeats with the given thresholds.
func NewRepeats(opts RepeatsOptions) *Repeats {
	opts.EnsureDefaults()
	return &Repeats{opts: opts, seed: maphash.MakeSeed(), outlets: map[string]*outletLines{}}
}

// Add records one page of outlet: each distinct line of text (normalized,
// one paragraph a line) counts once.
func (r *Repeats) Add(outlet, text string) {
	seen := map[uint64]bool{}
	for _, l := range strings.Split(text, "\n") {
		if f, ok := r.key(l); ok {
			seen[f] = true
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.outlets[outlet]
	if o == nil {
		o = &outletLines{count: map[uint64]int32{}}
		r.outlets[outlet] = o
	}
	o.pages++
	for h := range seen {
		o.count[h]++
	}
	if len(o.count) > maxLinesPerOutlet {
		r.prune(o)
	}
}

// maxLinesPerOutlet bounds the lines counted per outlet, so that memory does
// not grow with the corpus: each article brings mostly lines of its own.
const maxLinesPerOutlet = 8192

// prune forgets lines too rare to become furniture soon: seen on fewer than
// MinCount pages and under half the share that furniture needs. A line that
// starts recurring later is learned again.
func (r *Repeats) prune(o *outletLines) {
	floor := max(float64(r.opts.MinCount), r.opts.MinShare*float64(o.pages)/2)
	for h, n := range o.count {
		if float64(n) < floor {
			delete(o.count, h)
		}
	}
}

// Pages returns how many pages of outlet were added.
func (r *Repeats) Pages(outlet string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if o := r.outlets[outlet]; o != nil {
		return o.pages
	}
	return 0
}

// Count returns on how many added pages of outlet line occurs.
func (r *Repeats) Count(outlet, line string) int {
	h, ok := r.key(line)
	if !ok {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o := r.outlets[outlet]; o != nil {
		return int(o.count[h])
	}
	return 0
}

// IsFurniture reports whether line recurs across enough pages of outlet to
// be site furniture (see RepeatsOptions).
func (r *Repeats) IsFurniture(outlet, line string) bool {
	h, ok := r.key(line)
	if !ok || measure(line).words > r.opts.MaxWords {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.outlets[outlet]
	if o == nil || o.pages < r.opts.MinPages {
		return false
	}
	n := int(o.count[h])
	return n >= r.opts.MinCount && float64(n) >= r.opts.MinShare*float64(o.pages)
}

// key hashes the folded line; lines that fold to nothing have no key.
func (r *Repeats) key(l string) (uint64, bool) {
	f := fold(l)
	if f == "" {
		return 0, false
	}
	return maphash.String(r.seed, f), true
}
