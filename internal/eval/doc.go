// Package eval scores parallax's extractors against gold data: scorers for
// spans (exact and overlap), labelled spans, bags of tokens, boundary points
// and clusterings (B-cubed), and a harness of tasks, each run on the datasets
// found under a data root (../shared by default: eval/<name>/ and
// gold/seeds.json). Every later stage plugs a task in here.
package eval
