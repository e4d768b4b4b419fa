package testclock

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"", 0, false},
		{"+400d", 399 * day, false},
		{"-400d", -399 * day, false},
		{"400d", 399 * day, false},
		{"6d", 0, false},
		{"14d", 14 * day, false},
		{"-9600h", -399 * day, false},
		{"soon", 0, true},
		{"+4x0d", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("Parse(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

// TestWeekdayAndHourKept: a fixed Monday at 10:00 in Almere stays a Monday
// at 10:00 whatever the offset, in or out of summer time, in its own
// location.
func TestWeekdayAndHourKept(t *testing.T) {
	monday := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // 10:00 in Almere
	for _, s := range []string{"+400d", "-400d", "+1000d", "-35d"} {
		t.Run(s, func(t *testing.T) {
			d, err := Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			moved := shift(monday, int(d/(24*time.Hour)))
			if got := moved.In(almere); got.Weekday() != time.Monday || got.Hour() != 10 {
				t.Errorf("Monday 10:00 became %s", got.Format("Monday 15:04 MST"))
			}
			if moved.Location() != time.UTC {
				t.Errorf("the location became %s", moved.Location())
			}
		})
	}
}
