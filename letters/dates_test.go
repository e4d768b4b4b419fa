package letters

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestFindDates: the deadline phrases letters use, with the OCR slips
// photos bring.
func TestFindDates(t *testing.T) {
	today := day("2026-12-01")
	tests := []struct {
		name, text      string
		dated, deadline string // "" for none
	}{
		{"voor with accents", "Dagtekening: 30 november 2026\nBetaal vóór 14 december 2026.", "2026-11-30", "2026-12-14"},
		{"voor without accents", "Datum: 30-11-2026\nBetaal voor 14 december 2026.", "2026-11-30", "2026-12-14"},
		{"uiterlijk in figures", "Datum: 30-11-2026\nBetaal uiterlijk 14-12-2026.", "2026-11-30", "2026-12-14"},
		{"uiterlijk op, no year", "Dagtekening: 30 november 2026\nStuur het uiterlijk op 14 december.", "2026-11-30", "2026-12-14"},
		{"no year, over new year", "Dagtekening: 20 december 2026\nBetaal uiterlijk op dinsdag 5 januari.", "2026-12-20", "2027-01-05"},
		{"binnen dagen na dagtekening", "Dagtekening: 30 november 2026\nBetaal binnen 14 dagen na de dagtekening.", "2026-11-30", "2026-12-14"},
		{"binnen weken in words", "Datum: 30-11-2026\nBetaal binnen twee weken.", "2026-11-30", "2026-12-14"},
		{"binnen 6 weken", "Datum 30 november 2026\nBezwaar kan binnen 6 weken.", "2026-11-30", "2027-01-11"},
		{"place and date", "Almere, 30 november 2026\nBetaal binnen 2 dagen.", "2026-11-30", "2026-12-02"},
		{"earliest of two", "Datum: 30-11-2026\nBetaal vóór 31 januari 2027. Bezwaar binnen 6 weken.", "2026-11-30", "2027-01-11"},
		{"hearing", "Datum: 30-11-2026\nDe zitting is op dinsdag 12 januari 2027 om 10.00 uur.", "2026-11-30", "2027-01-12"},
		{"eviction", "Datum: 30-11-2026\nDe ontruiming vindt plaats op 8 januari 2027.", "2026-11-30", "2027-01-08"},
		{"line break inside", "Datum: 30-11-2026\nBetaal uiterlijk\n14 december\n2026.", "2026-11-30", "2026-12-14"},
		{"ocr: O for 0 and l for 1", "Datum: 3O-11-2O26\nBetaal uiterlijk l4-12-2O26.", "2026-11-30", "2026-12-14"},
		{"ocr: rn for m", "Dagtekening: 30 novernber 2026\nBetaal vóór 14 decernber 2026.", "2026-11-30", "2026-12-14"},
		{"ocr: garbled month between day and year", "Datum: 30-11-2026\nBetaal vóór 2 jarsari 2027.", "2026-11-30", "2027-01-02"},
		{"ocr: B for 8", "Dagtekening: 1 april 2027\nBetaal voor B mei 2027.\nOf binnen B dagen.", "2027-04-01", "2027-04-09"},
		{"ocr: stray dot after place", "Almere. 30 november 2026\nBetaal binnen 14 dagen.", "2026-11-30", "2026-12-14"},
		{"ocr: binnen misread", "Datum: 30-11-2026\nU kunt bennen 14 dagen betalen.", "2026-11-30", "2026-12-14"},
		{"without letter date, from today", "Betaal binnen 14 dagen.", "", "2026-12-15"},
		{"a date referred back to is no deadline", "Datum: 30-11-2026\nUw brief van 3 november 2026. Betaal vóór 1 november 2026.", "2026-11-30", ""},
		{"voor a year is no deadline", "Datum: 30-11-2026\nDe aanslag voor 2025.", "2026-11-30", ""},
		{"nothing", "Geachte heer,\nMet vriendelijke groet", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindDates(tt.text, today)
			check := func(what string, got time.Time, want string) {
				t.Helper()
				if want == "" && !got.IsZero() || want != "" && !got.Equal(day(want)) {
					t.Errorf("%s = %s, want %q", what, got.Format(time.DateOnly), want)
				}
			}
			check("Dated", got.Dated, tt.dated)
			check("Deadline", got.Deadline, tt.deadline)
		})
	}
}
