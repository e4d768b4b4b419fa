//go:build !race

package reading_test

const raceEnabled = false
