//go:build race

package reading_test

// raceEnabled: the race detector slows the Go clean-up of a photo several
// times over; the letters are read without it (make test-letters).
const raceEnabled = true
