package calendar_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"spreekuurbot/calendar"
)

func TestFile(t *testing.T) {
	zone, err := time.LoadLocation(calendar.Zone)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 26, 13, 30, 0, 0, zone)
	data := calendar.File(calendar.Event{
		UID: "b123@spreekuurbot", Start: start, End: start.Add(30 * time.Minute),
		Summary: "Spreekuur: brief", Location: "Stadhuisplein 101, 1315 XC Almere",
		Description: "Neem de brief mee.", Lat: 52.3718, Lon: 5.2208, Alarm: 2 * time.Hour,
	}, start.Add(-72*time.Hour))
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the file does not parse: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	ev := events[0]
	if ev.Id() != "b123@spreekuurbot" {
		t.Errorf("UID = %q", ev.Id())
	}
	dtstart := ev.GetProperty(ics.ComponentPropertyDtStart)
	if dtstart.Value != "20261126T133000" || dtstart.ICalParameters["TZID"][0] != calendar.Zone {
		t.Errorf("DTSTART = %v %v", dtstart.Value, dtstart.ICalParameters)
	}
	got, err := ev.GetStartAt()
	if err != nil || !got.Equal(start) {
		t.Errorf("start = %v, %v; want %v", got, err, start)
	}
	text := string(data)
	for _, want := range []string{"BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam", "BEGIN:DAYLIGHT", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"BEGIN:VALARM", "TRIGGER:-PT2H", "LOCATION:Stadhuisplein 101\\, 1315 XC Almere", "GEO:52.3718;5.2208"} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q:\n%s", want, text)
		}
	}
}
