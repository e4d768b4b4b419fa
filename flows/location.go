package flows

import (
	"fmt"
	"time"
)

// Location is a place where a wijkteam holds its spreekuur.
type Location struct {
	ID        string
	Name      string
	Stadsdeel string
	Wijk      string
	Address   string
	Lat, Lon  float64
	WalkIn    []Hours
	// Extra are walk-in spreekuren a coordinator added on given days.
	Extra    []Period
	Slots    []SlotRule
	Closures []Closure
	// Verified is false when the address or times come from no public
	// source; the bot then tells residents to check before they go.
	Verified bool
	Source   string
	Note     string
}

// ClockTime is a time of day in minutes after midnight, Europe/Amsterdam.
type ClockTime int

// ParseClockTime reads "HH:MM" (24 hours).
func ParseClockTime(s string) (ClockTime, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, fmt.Errorf("%q is not a time like 09:30", s)
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// String writes the time as "HH:MM".
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Hours is a weekly period, such as Tuesday 09:30–11:30.
type Hours struct {
	Day      time.Weekday
	From, To ClockTime
}

// Weeks says in which ISO weeks a slot rule applies.
type Weeks string

// The week patterns a slot rule can have.
const (
	AllWeeks  Weeks = "all"
	EvenWeeks Weeks = "even"
	OddWeeks  Weeks = "odd"
)

// SlotRule makes bookable appointment slots in a weekly period.
type SlotRule struct {
	Hours
	Minutes  int
	Capacity int
	Weeks    Weeks
}

// Date is a calendar day, without a time or a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
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

// Closure is a range of days, both included, on which a location is closed.
type Closure struct {
	From, To Date
	Reason   string
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
