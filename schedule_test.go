package spreekuurbot_test

import (
	"testing"
	"time"

	"spreekuurbot"
)

func TestEaster(t *testing.T) {
	// Known Easter Sundays, from the tables of the Gregorian calendar.
	want := map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22"}
	for year, date := range want {
		if got := spreekuurbot.Easter(year).String(); got != date {
			t.Errorf("Easter %d = %s, want %s", year, got, date)
		}
	}
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		date string
		name string // empty: not a holiday
	}{
		{"2026-01-01", "Nieuwjaarsdag"},
		{"2026-04-05", "Eerste Paasdag"},
		{"2026-04-06", "Tweede Paasdag"},
		{"2026-04-03", ""}, // Goede Vrijdag is not in the Algemene termijnenwet
		{"2026-04-27", "Koningsdag"},
		{"2025-04-26", "Koningsdag"}, // 27 April 2025 is a Sunday
		{"2025-04-27", ""},
		{"2026-05-05", "Bevrijdingsdag"},
		{"2026-05-14", "Hemelvaartsdag"},
		{"2026-05-24", "Eerste Pinksterdag"},
		{"2026-05-25", "Tweede Pinksterdag"},
		{"2026-12-25", "Eerste Kerstdag"},
		{"2026-12-26", "Tweede Kerstdag"},
		{"2026-12-24", ""},
		{"2027-05-06", "Hemelvaartsdag"},
	}
	for _, tt := range tests {
		d := mustDate(t, tt.date)
		name, ok := spreekuurbot.Holiday(d)
		if name != tt.name || ok != (tt.name != "") {
			t.Errorf("Holiday(%s) = %q, %v; want %q", tt.date, name, ok, tt.name)
		}
	}
}

func mustDate(t *testing.T, s string) spreekuurbot.Date {
	t.Helper()
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return spreekuurbot.DateOf(tm)
}

func TestNextWalkIns(t *testing.T) {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	loc := spreekuurbot.Location{
		WalkIn: []spreekuurbot.Hours{
			{Day: time.Tuesday, From: 9*60 + 30, To: 11*60 + 30},
			{Day: time.Thursday, From: 13 * 60, To: 15 * 60},
			{Day: time.Tuesday, From: 14 * 60, To: 15 * 60},
		},
		Closures: []spreekuurbot.Closure{{From: mustDate(t, "2026-12-24"), To: mustDate(t, "2027-01-03"), Reason: "Kerst"}},
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, zone)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name string
		now  string
		want []string
	}{
		{"monday", "2026-11-23 10:00", []string{"2026-11-24 09:30", "2026-11-24 14:00", "2026-11-26 13:00"}},
		{"during the first session", "2026-11-24 10:00", []string{"2026-11-24 09:30", "2026-11-24 14:00", "2026-11-26 13:00"}},
		{"after the first session", "2026-11-24 11:30", []string{"2026-11-24 14:00", "2026-11-26 13:00", "2026-12-01 09:30"}},
		{"closure over Christmas", "2026-12-23 16:00", []string{"2027-01-05 09:30", "2027-01-05 14:00", "2027-01-07 13:00"}},
		// Hemelvaartsdag 2026 is Thursday 14 May.
		{"public holiday", "2026-05-13 08:00", []string{"2026-05-19 09:30", "2026-05-19 14:00", "2026-05-21 13:00"}},
		// Tweede Paasdag 2027 is Monday 29 March; Koningsdag 2027 is Tuesday 27 April.
		{"Koningsdag on a Tuesday", "2027-04-26 08:00", []string{"2027-04-29 13:00", "2027-05-04 09:30", "2027-05-04 14:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loc.NextWalkIns(at(tt.now), 3)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d periods: %+v", len(got), got)
			}
			for i, p := range got {
				if s := p.Date.String() + " " + p.From.String(); s != tt.want[i] {
					t.Errorf("period %d = %s, want %s", i, s, tt.want[i])
				}
			}
		})
	}
	if got := (&spreekuurbot.Location{}).NextWalkIns(at("2026-11-23 10:00"), 3); len(got) != 0 {
		t.Errorf("a location without walk-in times has %v", got)
	}
}
