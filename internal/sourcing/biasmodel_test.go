package sourcing

import (
	"slices"
	"testing"
)

func TestCharFeatures(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"one word", "Hi", []string{" hi", " hi ", "hi "}},
		{"repeats once", "ab ab", []string{" ab", " ab ", "ab "}},
		{"lowercase, no punctuation", "Rant!", []string{" ra", " ran", " rant", "ant", "ant ", "nt ", "ran", "rant", "rant "}},
		{"empty", " , ", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := charFeatures(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("charFeatures(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
