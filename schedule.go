package spreekuurbot

import (
	"sort"
	"time"
)

// Period is one walk-in session on a day.
type Period struct {
	Date     Date
	From, To ClockTime
}

// walkInHorizon is how far ahead the next walk-in times are looked for.
const walkInHorizon = 8 * 7

// Closed reports whether the location is closed on d, and why: a closure in
// the configuration, or a public holiday.
func (l *Location) Closed(d Date) (string, bool) {
	for _, c := range l.Closures {
		if !d.Before(c.From) && !c.To.Before(d) {
			return c.Reason, true
		}
	}
	return Holiday(d)
}

// NextWalkIns returns up to n walk-in periods of l that have not ended at
// now, in order, skipping closures and public holidays.
func (l *Location) NextWalkIns(now time.Time, n int) []Period {
	var out []Period
	today := DateOf(now)
	for i := 0; i < walkInHorizon && len(out) < n; i++ {
		d := today.AddDays(i)
		if reason, closed := l.Closed(d); closed && !l.hasExtra(d, reason) {
			continue
		}
		var day []Period
		for _, h := range l.WalkIn {
			if h.Day != d.Weekday() {
				continue
			}
			if i == 0 && d.At(h.To, now.Location()).Before(now.Add(time.Second)) {
				continue // already over today
			}
			day = append(day, Period{Date: d, From: h.From, To: h.To})
		}
		for _, p := range l.Extra {
			if p.Date == d && !(i == 0 && d.At(p.To, now.Location()).Before(now.Add(time.Second))) {
				day = append(day, p)
			}
		}
		sort.Slice(day, func(a, b int) bool { return day[a].From < day[b].From })
		out = append(out, day...)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// hasExtra reports whether a coordinator added a spreekuur on d although
// it is a public holiday; a closure a coordinator entered still wins.
func (l *Location) hasExtra(d Date, reason string) bool {
	if _, holiday := Holiday(d); !holiday {
		return false
	}
	for _, c := range l.Closures {
		if !d.Before(c.From) && !c.To.Before(d) {
			return false
		}
	}
	for _, p := range l.Extra {
		if p.Date == d {
			return true
		}
	}
	return false
}
