package knowledge

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
)

// OutletKind is what sort of news medium an outlet is.
type OutletKind string

// The outlet kinds.
const (
	OutletWire        OutletKind = "wire" // a news agency
	OutletBroadcaster OutletKind = "broadcaster"
	OutletNewspaper   OutletKind = "newspaper"
	OutletMagazine    OutletKind = "magazine"
	OutletOnline      OutletKind = "online"
)

var outletKinds = map[OutletKind]bool{
	OutletWire: true, OutletBroadcaster: true, OutletNewspaper: true, OutletMagazine: true, OutletOnline: true,
}

// Affiliation is an outlet's relation to the state, as commonly documented.
type Affiliation string

// The affiliations.
const (
	AffiliationNone   Affiliation = ""       // private, cooperative, or not commonly documented
	AffiliationState  Affiliation = "state"  // a government directs its editorial line
	AffiliationPublic Affiliation = "public" // public service with statutory editorial independence
)

// Outlet is a news medium: a wire service, broadcaster, newspaper,
// magazine or online outlet.
type Outlet struct {
	ID          string   // stable identifier: "reuters"; the orgs.tsv ID where there is one
	Name        string   // canonical name: "The New York Times"
	Domains     []string // registered domains and hosts: "nytimes.com", "nyti.ms"
	Aliases     []string // other names, without the "~" of shared forms: "NYT", "New York Times"
	Country     string   // ISO alpha-3 of the home country
	Kind        OutletKind
	Affiliation Affiliation
}

// StateAffiliated reports whether a government directs the outlet's
// editorial line, as commonly documented (Xinhua, RT, Press TV; not the BBC
// or NHK, which are AffiliationPublic).
func (o *Outlet) StateAffiliated() bool { return o.Affiliation == AffiliationState }

// Org returns the organization orgs.tsv lists for the outlet, if any.
func (o *Outlet) Org() (*Org, bool) {
	org, ok := Orgs().ByID(o.ID)
	if !ok || org.Sector != SectorMedia {
		return nil, false
	}
	return org, true
}

// OutletMatch is the result of an outlet lookup by name.
type OutletMatch struct {
	Outlet *Outlet
	// Candidates lists the outlets a shared form ("ABC", "The Nation") may
	// mean; Outlet is then nil.
	Candidates []*Outlet
}

// DomainMatch is the result of an outlet lookup by domain.
type DomainMatch struct {
	Outlet   *Outlet
	Domain   string // the listed domain that matched: "cnn.com"
	Distance int    // edits between the host and Domain; 0 for a match
}

type outletEntry struct {
	outlet  *Outlet
	outlets []*Outlet // set instead of outlet for a shared form
}

// OutletTable is the immutable table of news outlets from data/outlets.tsv.
type OutletTable struct {
	all      []*Outlet
	byID     map[string]*Outlet
	byDomain map[string]*Outlet
	domains  []string // in file order
	labels   []int    // the number of labels of each of domains
	index    index[outletEntry]
	// begins holds every byte prefix of the keys of index, "e" + exact
	// and "f" + folded, for MayBegin.
	begins map[string]struct{}
}

// Outlets returns the table of news outlets, loading it on first use.
func Outlets() *OutletTable { return outletsOnce() }

var outletsOnce = sync.OnceValue(func() *OutletTable { return must(loadOutlets(dataFS, States())) })

// All returns every outlet in file order.
func (t *OutletTable) All() []*Outlet { return append([]*Outlet(nil), t.all...) }

// ByID returns the outlet with the given ID.
func (t *OutletTable) ByID(id string) (*Outlet, bool) {
	o, ok := t.byID[id]
	return o, ok
}

// Domains returns every listed domain in file order, each once.
func (t *OutletTable) Domains() []string { return append([]string(nil), t.domains...) }

// Lookup finds the outlet a name stands for: its canonical name or an
// alias, regardless of case and accents and with or without a leading
// "the" ("the New York Times", "NEW YORK TIMES"); a form shaped like an
// acronym matches only as written ("NYT", "AP"). For a form several
// outlets share ("ABC", "The Nation"), ok is false and the match lists the
// Candidates. Many outlet names are also words ("Time", "Stuff", "Mint"):
// look up names, not running text.
func (t *OutletTable) Lookup(name string) (m OutletMatch, ok bool) {
	e, found := t.index.get(name)
	if !found {
		return OutletMatch{}, false
	}
	if e.outlets != nil {
		return OutletMatch{Candidates: append([]*Outlet(nil), e.outlets...)}, false
	}
	return OutletMatch{Outlet: e.outlet}, true
}

// MayBegin reports whether a name that Lookup finds without dropping a
// leading "the" may begin with s. When it reports false, Lookup finds
// neither s nor s followed by more text, as long as s ends in a character
// other than a space and does not start with "the " (the keys Lookup reads
// of s are prefixes of those of the longer name).
func (t *OutletTable) MayBegin(s string) bool {
	var buf [128]byte
	b := append(buf[:0], 'f')
	b = appendFold(b, s)
	if _, ok := t.begins[string(b)]; ok {
		return true
	}
	b = append(buf[:0], 'e')
	if plainKey(s) {
		b = append(b, s...)
	} else {
		b = append(b, exactKey(s)...)
	}
	_, ok := t.begins[string(b)]
	return ok
}

// ByDomain finds the outlet a host name belongs to: a listed domain or a
// subdomain of one, the most specific listed domain winning
// ("edition.cnn.com", "www.bbc.co.uk", "CNN.com."). A URL is reduced to its
// host first ("https://www.reuters.com/world/").
func (t *OutletTable) ByDomain(host string) (*Outlet, bool) {
	var buf [128]byte
	h := hostKey(buf[:0], host)
	for len(h) > 0 {
		if o, ok := t.byDomain[string(h)]; ok {
			return o, true
		}
		i := strings.IndexByte(string(h), '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return nil, false
}

// NearestDomain finds the listed domain closest to a host name within
// maxDist edits (insertions, deletions, substitutions and transpositions of
// adjacent characters), for catching misspelled and look-alike domains
// ("reuters.co", "nytimes.cm", "bbc.co.uk.example" does not count as
// close). The host's labels are compared with as many trailing labels as
// the domain has, so "news.reutres.com" is one edit from "reuters.com". A
// host that ByDomain finds is at distance 0. Ties go to the domain listed
// first. Short domains are close to much ("ap.org" is one edit from
// "bp.org"): the caller sets maxDist with that in mind.
func (t *OutletTable) NearestDomain(host string, maxDist int) (DomainMatch, bool) {
	var buf [128]byte
	h := string(hostKey(buf[:0], host))
	if h == "" || maxDist < 0 {
		return DomainMatch{}, false
	}
	if o, ok := t.ByDomain(h); ok {
		for d := h; ; {
			if t.byDomain[d] == o {
				return DomainMatch{Outlet: o, Domain: d}, true
			}
			d = d[strings.IndexByte(d, '.')+1:]
		}
	}
	best := DomainMatch{Distance: maxDist + 1}
	var rows [3][]int
	// count holds the bytes of s, the host's labels last compared, less
	// those of the domain being compared; labels says how many labels s has.
	var count [256]int
	s, labels := "", 0
	for i, d := range t.domains {
		if n := t.labels[i]; n != labels {
			for j := 0; j < len(s); j++ {
				count[s[j]]--
			}
			s, labels = lastLabels(h, n), n
			for j := 0; j < len(s); j++ {
				count[s[j]]++
			}
		}
		if n := len(s) - len(d); n > best.Distance-1 || -n > best.Distance-1 {
			continue // the lengths alone rule out beating best
		}
		// The bag distance (the bytes of one left over when those of the
		// other are taken out, the larger side) is at most the edit
		// distance: one edit changes it by one at most.
		extraS, extraD := len(s), 0
		for j := 0; j < len(d); j++ {
			if count[d[j]] > 0 {
				extraS--
			} else {
				extraD++
			}
			count[d[j]]--
		}
		for j := 0; j < len(d); j++ {
			count[d[j]]++
		}
		if max(extraS, extraD) > best.Distance-1 {
			continue
		}
		if dist := osaDistance(s, d, best.Distance-1, &rows); dist < best.Distance {
			best = DomainMatch{Outlet: t.byDomain[d], Domain: d, Distance: dist}
		}
	}
	if best.Outlet == nil {
		return DomainMatch{}, false
	}
	return best, true
}

// hostKey appends the host of s in lower case: without a scheme, user,
// path, port, trailing dot and surrounding space.
func hostKey(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	for i := 0; i < len(s); i++ {
		dst = append(dst, lowerASCII(s[i]))
	}
	return dst
}

// lastLabels returns the last n dot-separated labels of h, or all of h.
func lastLabels(h string, n int) string {
	i := len(h)
	for ; n > 0; n-- {
		j := strings.LastIndexByte(h[:i], '.')
		if j < 0 {
			return h
		}
		i = j
	}
	return h[i+1:]
}

// osaDistance returns the optimal string alignment distance between a and
// b (Levenshtein with adjacent transpositions), in bytes, or a value
// greater than max once it must exceed max. rows is reused scratch space.
func osaDistance(a, b string, max int, rows *[3][]int) int {
	if max < 0 {
		return max + 1
	}
	for i := range rows {
		if cap(rows[i]) < len(b)+1 {
			rows[i] = make([]int, len(b)+1)
		}
		rows[i] = rows[i][:len(b)+1]
	}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

var affiliations = map[Affiliation]bool{AffiliationNone: true, AffiliationState: true, AffiliationPublic: true}

func loadOutlets(fsys fs.FS, states *StateTable) (*OutletTable, error) {
	rows, err := readTable(fsys, "outlets.tsv", 7)
	if err != nil {
		return nil, err
	}
	t := &OutletTable{
		byID:     make(map[string]*Outlet),
		byDomain: make(map[string]*Outlet),
		index:    newIndex[outletEntry](),
	}
	type claim struct {
		outlets []*Outlet
		shared  []bool
		rows    []row
	}
	claims := make(map[string]*claim) // by "e"/"f" + index key
	var order []string
	var errs []error
	for _, r := range rows {
		f := r.fields
		o := &Outlet{ID: f[0], Name: f[1], Domains: list(f[2]), Country: f[4], Kind: OutletKind(f[5]), Affiliation: Affiliation(f[6])}
		if o.ID == "" || o.Name == "" || o.ID != strings.ToLower(o.ID) || strings.ContainsAny(o.ID, " \t") {
			errs = append(errs, r.errorf("id %q and name %q are required; the id is lowercase", o.ID, o.Name))
			continue
		}
		if _, dup := t.byID[o.ID]; dup {
			errs = append(errs, r.errorf("duplicate id %q", o.ID))
			continue
		}
		if _, ok := states.ByCode(o.Country); !ok {
			errs = append(errs, r.errorf("unknown country %q", o.Country))
		}
		if !outletKinds[o.Kind] {
			errs = append(errs, r.errorf("unknown kind %q", o.Kind))
		}
		if !affiliations[o.Affiliation] {
			errs = append(errs, r.errorf("unknown affiliation %q", o.Affiliation))
		}
		for _, d := range o.Domains {
			if d != string(hostKey(nil, d)) || !strings.Contains(d, ".") || strings.HasPrefix(d, "www.") || strings.ContainsAny(d, " /") {
				errs = append(errs, r.errorf("domain %q is not a lowercase host name without www.", d))
				continue
			}
			if old, dup := t.byDomain[d]; dup {
				errs = append(errs, r.errorf("domain %q is already %s's", d, old.ID))
				continue
			}
			t.byDomain[d] = o
			t.domains = append(t.domains, d)
			t.labels = append(t.labels, strings.Count(d, ".")+1)
		}
		forms := []string{o.Name}
		shared := []bool{false}
		for _, a := range list(f[3]) {
			s := strings.HasPrefix(a, "~")
			a = strings.TrimPrefix(a, "~")
			o.Aliases = append(o.Aliases, a)
			forms, shared = append(forms, a), append(shared, s)
		}
		for i, form := range forms {
			if form == "" {
				errs = append(errs, r.errorf("empty alias"))
				continue
			}
			_, k := t.index.key(form)
			ck := "f" + k
			if exactCase(form) {
				ck = "e" + k
			}
			c := claims[ck]
			if c == nil {
				c = &claim{}
				claims[ck] = c
				order = append(order, ck)
			}
			if n := len(c.outlets); n > 0 && c.outlets[n-1] == o {
				continue // the same outlet spelling a form twice, e.g. name and alias alike
			}
			c.outlets, c.shared, c.rows = append(c.outlets, o), append(c.shared, shared[i]), append(c.rows, r)
		}
		t.byID[o.ID] = o
		t.all = append(t.all, o)
	}
	for _, ck := range order {
		c := claims[ck]
		allShared, anyShared := true, false
		for _, s := range c.shared {
			allShared = allShared && s
			anyShared = anyShared || s
		}
		switch {
		case len(c.outlets) == 1 && !anyShared:
		case len(c.outlets) > 1 && allShared:
		case len(c.outlets) == 1:
			errs = append(errs, c.rows[0].errorf("form %q is marked shared but no other outlet has it", ck[1:]))
			continue
		default:
			var ids []string
			for _, o := range c.outlets {
				ids = append(ids, o.ID)
			}
			errs = append(errs, c.rows[len(c.rows)-1].errorf("form %q belongs to %s: mark it shared (~) in each row or drop it", ck[1:], strings.Join(ids, ", ")))
			continue
		}
		e := outletEntry{outlet: c.outlets[0]}
		if len(c.outlets) > 1 {
			e = outletEntry{outlets: c.outlets}
		}
		if ck[0] == 'e' {
			t.index.exact[ck[1:]] = e
		} else {
			t.index.fold[ck[1:]] = e
		}
	}
	if len(t.all) == 0 {
		errs = append(errs, errors.New("knowledge: outlets.tsv: no rows"))
	}
	t.begins = make(map[string]struct{})
	for k := range t.index.exact {
		for i := 0; i <= len(k); i++ {
			t.begins["e"+k[:i]] = struct{}{}
		}
	}
	for k := range t.index.fold {
		for i := 0; i <= len(k); i++ {
			t.begins["f"+k[:i]] = struct{}{}
		}
	}
	return t, errors.Join(errs...)
}
