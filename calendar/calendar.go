// Package calendar writes an appointment as an iCalendar file (RFC 5545),
// which phones open straight into their agenda.
package calendar

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Event is one appointment, with its texts already in the resident's
// language.
type Event struct {
	UID         string
	Start, End  time.Time // in the zone the VTIMEZONE describes
	Summary     string
	Location    string
	Description string
	Lat, Lon    float64
	// Alarm is how long before the start the phone should remind.
	Alarm time.Duration
}

// Zone is the time zone the files are written in, with its rules below.
const Zone = "Europe/Amsterdam"

// File renders e as an .ics file. The times are local times with a TZID
// and the file carries its own VTIMEZONE, so the appointment shows at the
// same hour on any phone, whatever zone it is set to.
func File(e Event, stamp time.Time) []byte {
	cal := ics.NewCalendarFor("spreekuurbot")
	cal.SetMethod(ics.MethodPublish)
	addAmsterdam(cal)
	ev := cal.AddEvent(e.UID)
	ev.SetDtStampTime(stamp.UTC())
	ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.Format("20060102T150405"), ics.WithTZID(Zone))
	ev.SetProperty(ics.ComponentPropertyDtEnd, e.End.Format("20060102T150405"), ics.WithTZID(Zone))
	ev.SetSummary(e.Summary)
	ev.SetLocation(e.Location)
	ev.SetDescription(e.Description)
	ev.SetGeo(e.Lat, e.Lon)
	if e.Alarm > 0 {
		alarm := ev.AddAlarm()
		alarm.SetAction(ics.ActionDisplay)
		alarm.SetTrigger(before(e.Alarm))
		alarm.SetProperty(ics.ComponentPropertyDescription, e.Summary)
	}
	return []byte(cal.Serialize())
}

// before writes a duration before the start as an RFC 5545 trigger.
func before(d time.Duration) string {
	minutes := int(d.Minutes())
	if minutes%60 == 0 {
		return fmt.Sprintf("-PT%dH", minutes/60)
	}
	return fmt.Sprintf("-PT%dM", minutes)
}

// addAmsterdam writes the rules of Central European (Summer) Time as the
// EU has set them since 1996: summer time from the last Sunday of March,
// 02:00, to the last Sunday of October, 03:00.
func addAmsterdam(cal *ics.Calendar) {
	tz := cal.AddTimezone(Zone)
	std := tz.AddStandard()
	std.SetProperty(ics.ComponentProperty(ics.PropertyDtstart), "19961027T030000")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	std.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	std.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	day := &ics.Daylight{}
	day.SetProperty(ics.ComponentProperty(ics.PropertyDtstart), "19810329T020000")
	day.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	day.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	day.SetProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	day.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, day)
}
