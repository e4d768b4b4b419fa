package spreekuurbot

import (
	"time"
)

// Holiday names a Dutch public holiday on d, or reports false. The desks
// follow the days of the Algemene termijnenwet (article 3), with Koningsdag
// moved to the 26th when the 27th of April is a Sunday
// (wetten.overheid.nl/BWBR0002448, checked 2026-11-23). They are computed,
// Easter included, so no list of dates needs updating.
func Holiday(d Date) (string, bool) {
	easter := Easter(d.Year)
	switch {
	case d.Month == time.January && d.Day == 1:
		return "Nieuwjaarsdag", true
	case d == easter:
		return "Eerste Paasdag", true
	case d == easter.AddDays(1):
		return "Tweede Paasdag", true
	case d == kingsDay(d.Year):
		return "Koningsdag", true
	case d.Month == time.May && d.Day == 5:
		return "Bevrijdingsdag", true
	case d == easter.AddDays(39):
		return "Hemelvaartsdag", true
	case d == easter.AddDays(49):
		return "Eerste Pinksterdag", true
	case d == easter.AddDays(50):
		return "Tweede Pinksterdag", true
	case d.Month == time.December && d.Day == 25:
		return "Eerste Kerstdag", true
	case d.Month == time.December && d.Day == 26:
		return "Tweede Kerstdag", true
	}
	return "", false
}

// Easter is Easter Sunday in the Gregorian calendar (the anonymous
// Gregorian algorithm, also known as Meeus/Jones/Butcher).
func Easter(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{Year: year, Month: time.Month(month), Day: day}
}

func kingsDay(year int) Date {
	d := Date{Year: year, Month: time.April, Day: 27}
	if d.Weekday() == time.Sunday {
		d.Day = 26
	}
	return d
}
