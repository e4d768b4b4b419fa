//go:build race

package bot_test

// raceEnabled: the race detector slows the Go clean-up of a photo several
// times over; the walk with the real Tesseract runs without it (make
// test-letters), the letters' limits and albums with it.
const raceEnabled = true
