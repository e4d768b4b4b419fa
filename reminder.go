package spreekuurbot

import (
	"time"
)

// DueReminder is a reminder whose moment has come, with where to send it
// and in which language.
type DueReminder struct {
	ID     string
	UserID int64
	Lang   string
	Reminder
}

// Reminder is something to remind a person of later: a letter's deadline
// (the date and the kind of letter, nothing from the letter itself) or an
// appointment (its booking and slot).
type Reminder struct {
	// At is when to send it; Until is the last moment it is still worth
	// sending (after downtime it is dropped rather than sent late).
	At, Until time.Time
	// Deadline is the date on the letter.
	Deadline Date
	// Node is the letter's answer node.
	Node string
	// Booking and Slot name the appointment; a reminder whose booking is
	// gone or was moved to another slot is not sent.
	Booking string
	Slot    string
	// To, when set, sends the reminder to someone else than the person
	// who acted: a coordinator told that nobody confirmed an appointment.
	To int64
	// Unconfirmed marks that kind: it is sent only while no volunteer has
	// taken the booking.
	Unconfirmed bool
}
