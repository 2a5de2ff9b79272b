package knowledge

import (
	"errors"
	"io/fs"
	"sync"
)

// Metonym is the name of a seat or building that stands for an institution
// in news text: "the Kremlin" for the Russian presidency, "Downing Street"
// for the British prime minister's office.
type Metonym struct {
	Forms       []string // the first is canonical: "Downing Street", "Number 10", ...
	Country     string   // ISO alpha-3, or "" for an international institution
	Institution string   // what it stands for
	Org         string   // ID in the Orgs table, or ""
	Sector      Sector
	Historic    bool // the institution has moved away ("the Blue House")
}

// MetonymTable is the immutable table of metonyms from data/metonyms.tsv.
type MetonymTable struct {
	all   []*Metonym
	index index[*Metonym]
}

// Metonyms returns the table of metonyms, loading it on first use.
func Metonyms() *MetonymTable { return metonymsOnce() }

var metonymsOnce = sync.OnceValue(func() *MetonymTable { return must(loadMetonyms(dataFS)) })

// All returns every metonym in file order.
func (t *MetonymTable) All() []*Metonym { return append([]*Metonym(nil), t.all...) }

// Lookup finds the metonym a name is, matched like StateTable.Lookup. A
// form listed without "the" ("Kremlin") also matches with it ("the
// Kremlin"); one listed with it ("the Hill") needs it, since "Hill" alone
// is more often a surname.
func (t *MetonymTable) Lookup(name string) (*Metonym, bool) {
	return t.index.get(name)
}

var metonymSectors = map[Sector]bool{
	SectorGovernment: true, SectorMilitary: true, SectorIntelligence: true, SectorDiplomacy: true,
	SectorLegislature: true, SectorJudiciary: true, SectorBusiness: true,
}

func loadMetonyms(fsys fs.FS) (*MetonymTable, error) {
	rows, err := readTable(fsys, "metonyms.tsv", 6)
	if err != nil {
		return nil, err
	}
	t := &MetonymTable{index: newIndex[*Metonym]()}
	var errs []error
	for _, r := range rows {
		f := r.fields
		m := &Metonym{Forms: list(f[0]), Country: f[1], Institution: f[2], Org: f[3], Sector: Sector(f[4])}
		switch f[5] {
		case "current":
		case "historic":
			m.Historic = true
		default:
			errs = append(errs, r.errorf("status %q is neither current nor historic", f[5]))
		}
		if len(m.Forms) == 0 || m.Institution == "" {
			errs = append(errs, r.errorf("forms and institution are required"))
			continue
		}
		if !metonymSectors[m.Sector] {
			errs = append(errs, r.errorf("sector %q is not a metonym sector", m.Sector))
		}
		for _, form := range m.Forms {
			idx, k := t.index.key(form)
			if old, dup := idx[k]; dup && old != m {
				errs = append(errs, r.errorf("form %q already stands for %s", form, old.Institution))
				continue
			}
			idx[k] = m
		}
		t.all = append(t.all, m)
	}
	if len(t.all) == 0 {
		errs = append(errs, errors.New("knowledge: metonyms.tsv: no rows"))
	}
	return t, errors.Join(errs...)
}
