// Package testclock gives the Redis-backed tests (store, bot, cmd) their
// application clock, and with it one way to prove that the store never
// mixes that clock with Redis's.
//
// TEST_CLOCK_OFFSET moves every such clock away from the real one, and so
// from redis-server's, whose own clock cannot be moved (under faketime it
// hangs at start). `make test-clock` runs the suite with the application
// 400 days ahead of Redis and 400 days behind: a key written with an
// absolute expiry, or a score compared against Redis's time, fails there
// at once.
//
// The offset is taken in whole weeks, rounded toward zero ("+400d" moves
// the clock 57 weeks, 399 days), and counted on Almere's wall clock, so
// that a test's fixed moment keeps its weekday and its hour (across a
// change to or from summer time too): its place in the weekly schedule.
package testclock

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the zone below, on a machine without zoneinfo
)

// almere is the zone whose wall clock the offset keeps.
var almere = func() *time.Location {
	z, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return z
}()

// Env is the environment variable that holds the offset.
const Env = "TEST_CLOCK_OFFSET"

const week = 7 * 24 * time.Hour

// Days is how many days the tests' application clock runs from the real
// one: TEST_CLOCK_OFFSET in whole weeks, zero when it is unset. A value
// that cannot be read stops the test run, since it would silently test
// less.
var Days = sync.OnceValue(func() int {
	d, err := Parse(os.Getenv(Env))
	if err != nil {
		panic(fmt.Sprintf("%s: %v", Env, err))
	}
	return int(d / (24 * time.Hour))
})

// Parse reads an offset such as "+400d", "-400d", "-9600h" or "" (none),
// and rounds it toward zero to whole weeks.
func Parse(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("%q: want days like +400d or a duration like -9600h", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q: want days like +400d or a duration like -9600h", s)
		}
	}
	return d / week * week, nil
}

// Now is the real time moved by the offset: the application's clock for a
// test that runs on real time.
func Now() time.Time { return At(time.Now()) }

// At moves a test's fixed starting moment by the offset, keeping its hour
// on Almere's clock and its own location. A test that fixes its clock on
// a date takes it from here, so the shifted runs move it away from
// Redis's clock too.
func At(t time.Time) time.Time { return shift(t, Days()) }

func shift(t time.Time, days int) time.Time {
	if days == 0 {
		return t
	}
	return t.In(almere).AddDate(0, 0, days).In(t.Location())
}
