//go:build race

package extract

// slowdown scales time limits in tests: the race detector costs about 10x.
const slowdown = 10
