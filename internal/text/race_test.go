//go:build race

package text_test

// raceEnabled is set when the race detector is on, to keep the heaviest
// tests' running time in bounds.
const raceEnabled = true
