package entity

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/parallax-news/parallax/internal/text"
)

// orgNamesData lists organization names for the tagger's gazetteer
// features (see its header for source and licence).
//
//go:embed data/orgnames.tsv
var orgNamesData string

// orgNames holds the key of every listed name (orgKey). A one-word name
// that is also a word or a person's name ("Ford", "Target") is marked
// like any other: telling them apart as features did not help the
// tagger.
var orgNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(orgNamesData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, _, _ := strings.Cut(line, "\t")
		toks := text.Tokens(name, nil)
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = strings.ToLower(normWord(t.In(name)))
		}
		if k := orgKey(words); k != "" {
			out[k] = true
		}
	}
	return out
})

// orgKey is the lookup key of a name's lowercase words: a leading "the"
// dropped, the words run together without periods, hyphens and
// apostrophes, so that "Wal-Mart", "Wal - Mart" and "wal-mart" meet.
func orgKey(lower []string) string {
	var b []byte
	for k, w := range lower {
		b = appendOrgKey(b, w, k == 0 && len(lower) > 1)
	}
	return string(b)
}

// appendOrgKey appends the key of one lowercase word; a leading "the" of
// a longer name (first) adds nothing.
func appendOrgKey(dst []byte, w string, first bool) []byte {
	if first && w == "the" {
		return dst
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '.', '-', '\'', ' ':
			continue
		}
		dst = append(dst, w[i])
	}
	return dst
}
