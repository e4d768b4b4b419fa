package spreekuurbot

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// MaxFutureBookings is how many coming appointments one resident may hold.
const MaxFutureBookings = 2

// BookingDays is how far ahead appointments can be made.
const BookingDays = 14

// Outcomes of booking, moving and cancelling that a resident sees: not
// failures, and not logged as errors.
var (
	ErrSlotFull      = errors.New("slot full")
	ErrLimitReached  = errors.New("too many future appointments")
	ErrNoSuchBooking = errors.New("no such booking")
	ErrNoSuchSlot    = errors.New("no such slot")
)

// Slot is one bookable appointment time at a location.
type Slot struct {
	Location string
	Date     Date
	Start    ClockTime
	Minutes  int
	Capacity int
}

// Booking is an appointment. It holds no name and nothing the resident
// typed: the slot, the topic and the language a volunteer should speak,
// and, if the resident said so, that someone comes with them and that
// they would like a volunteer who speaks their language.
type Booking struct {
	ID          string
	UserID      int64
	Slot        Slot
	Topic       string
	Lang        string
	Company     bool
	OwnLanguage bool
}

// ID names the slot in keys and callback data: "<location>.<yyyymmdd>.<hhmm>".
func (s Slot) ID() string {
	return fmt.Sprintf("%s.%s.%02d%02d", s.Location, s.Date.Compact(), int(s.Start)/60, int(s.Start)%60)
}

// Begins is the moment the appointment starts.
func (s Slot) Begins(zone *time.Location) time.Time { return s.Date.At(s.Start, zone) }

// SlotsOn lists the bookable slots of l on d, in time order: the slot rules
// of that weekday (and ISO week parity), none on a closed day or a public
// holiday.
func (l *Location) SlotsOn(d Date) []Slot {
	if _, closed := l.Closed(d); closed {
		return nil
	}
	_, week := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).ISOWeek()
	var out []Slot
	for _, r := range l.Slots {
		if r.Day != d.Weekday() || r.Weeks == EvenWeeks && week%2 != 0 || r.Weeks == OddWeeks && week%2 == 0 {
			continue
		}
		for start := r.From; start+ClockTime(r.Minutes) <= r.To; start += ClockTime(r.Minutes) {
			out = append(out, Slot{Location: l.ID, Date: d, Start: start, Minutes: r.Minutes, Capacity: r.Capacity})
		}
	}
	minutes, capacity := l.slotSize()
	for _, p := range l.BookableExtra {
		if p.Date != d {
			continue
		}
		for start := p.From; start+ClockTime(minutes) <= p.To; start += ClockTime(minutes) {
			if !slices.ContainsFunc(out, func(s Slot) bool { return s.Start == start }) {
				out = append(out, Slot{Location: l.ID, Date: d, Start: start, Minutes: minutes, Capacity: capacity})
			}
		}
	}
	slices.SortFunc(out, func(a, b Slot) int { return int(a.Start - b.Start) })
	return out
}

// FindSlot checks on the server that a slot a button names exists and can
// still be booked at now: on an open day, in the future, within
// BookingDays. A forged button may name any slot.
func (l *Location) FindSlot(d Date, start ClockTime, now time.Time) (Slot, error) {
	today := DateOf(now)
	if d.Before(today) || today.AddDays(BookingDays).Before(d) {
		return Slot{}, ErrNoSuchSlot
	}
	for _, s := range l.SlotsOn(d) {
		if s.Start == start {
			if !s.Begins(now.Location()).After(now) {
				return Slot{}, ErrNoSuchSlot
			}
			return s, nil
		}
	}
	return Slot{}, ErrNoSuchSlot
}

// slotSize is how long an appointment at l lasts and how many residents
// one slot takes: as its own slot rules say, or 30 minutes for 2 at a
// place that has none.
func (l *Location) slotSize() (minutes, capacity int) {
	for _, r := range l.Slots {
		return r.Minutes, r.Capacity
	}
	return 30, 2
}

// ComingSlots lists the slots of l from today to BookingDays ahead that
// begin after now, in time order: what can be booked, full or not.
func (l *Location) ComingSlots(now time.Time, zone *time.Location) []Slot {
	today := DateOf(now.In(zone))
	var out []Slot
	for i := 0; i <= BookingDays; i++ {
		for _, s := range l.SlotsOn(today.AddDays(i)) {
			if s.Begins(zone).After(now) {
				out = append(out, s)
			}
		}
	}
	return out
}
