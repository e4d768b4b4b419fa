package flows

import (
	"strings"
	"testing"
	"time"
)

// TestPhoneLineOpen: the municipality's line is named only on working
// days within its hours, never on a public holiday.
func TestPhoneLineOpen(t *testing.T) {
	line, err := loadPhoneLine("gemeente.toml", gemeenteLine)
	if err != nil {
		t.Fatal(err)
	}
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   string
		open bool
	}{
		{"2026-11-23 08:29", false}, // Monday, before
		{"2026-11-23 08:30", true},
		{"2026-11-23 16:59", true},
		{"2026-11-23 17:00", false},
		{"2026-11-24 18:00", false}, // Tuesday evening
		{"2026-11-28 11:00", false}, // Saturday
		{"2026-11-29 11:00", false}, // Sunday
		{"2026-12-25 11:00", false}, // Christmas, a Friday
		{"2027-04-27 11:00", false}, // King's Day, a Tuesday
	}
	for _, tt := range tests {
		now, err := time.ParseInLocation("2006-01-02 15:04", tt.at, zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := line.open(now); got != tt.open {
			t.Errorf("%s: open = %v, want %v", tt.at, got, tt.open)
		}
	}
}

func TestLoadPhoneLine(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"no number", `days = ["monday"]` + "\nfrom = \"08:30\"\nto = \"17:00\"\nsource = \"x\"", "want a number"},
		{"no source", `number = "1"` + "\ndays = [\"monday\"]\nfrom = \"08:30\"\nto = \"17:00\"", "want a number"},
		{"hours the wrong way", `number = "1"` + "\ndays = [\"monday\"]\nfrom = \"17:00\"\nto = \"08:30\"\nsource = \"x\"", "from < to"},
		{"a day that is none", `number = "1"` + "\ndays = [\"moonday\"]\nfrom = \"08:30\"\nto = \"17:00\"\nsource = \"x\"", "moonday"},
		{"not TOML", `number = `, "line.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadPhoneLine("line.toml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
