//go:build race

package ocr_test

// raceEnabled: the race detector slows the Go clean-up of every page
// several times over; the measurement of the set runs without it (make
// test-letters).
const raceEnabled = true
