package eval

import "testing"

func TestMixedStories(t *testing.T) {
	tests := []struct {
		name string
		gold map[int]string
		pred map[int]int
		want int
	}{
		{"pure stories", map[int]string{0: "a", 1: "a", 2: "b", 3: "b"}, map[int]int{0: 0, 1: 0, 2: 1, 3: 1}, 0},
		{"two events merged", map[int]string{0: "a", 1: "a", 2: "b", 3: "b"}, map[int]int{0: 0, 1: 0, 2: 0, 3: 0}, 1},
		{"a stray article is no merge", map[int]string{0: "a", 1: "a", 2: "b", 3: "b"}, map[int]int{0: 0, 1: 0, 2: 0, 3: 1}, 0},
		{"a merge and a stray article", map[int]string{0: "a", 1: "a", 2: "b", 3: "b", 4: "c", 5: "c", 6: "b"},
			map[int]int{0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 1}, 1},
		{"articles outside gold are not counted", map[int]string{0: "a", 1: "a"}, map[int]int{0: 0, 1: 0, 2: 0, 3: 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mixedStories(tt.gold, tt.pred); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
