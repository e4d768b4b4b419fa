package spreekuurbot

import (
	"fmt"
	"time"
)

// Date is a calendar day, without a time or a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// AddDays is the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// At is the moment on d at clock time c in zone.
func (d Date) At(c ClockTime, zone *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, zone)
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Compact writes the date as YYYYMMDD, for callback data.
func (d Date) Compact() string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

// ParseCompactDate reads YYYYMMDD and reports whether it is a real date.
func ParseCompactDate(s string) (Date, bool) {
	t, err := time.Parse("20060102", s)
	if err != nil {
		return Date{}, false
	}
	return DateOf(t), true
}

// DaysAfter counts the days from e to d.
func (d Date) DaysAfter(e Date) int {
	n := 0
	for x := e; x.Before(d); x = x.AddDays(1) {
		n++
	}
	return n
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// ParseWeekday reads a day of the week as the configuration and the
// content files write it: "monday" … "sunday".
func ParseWeekday(s string) (time.Weekday, bool) {
	d, ok := weekdays[s]
	return d, ok
}
