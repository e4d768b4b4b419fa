package flows

import (
	"strings"
	"time"
)

// Msg is a text to show: a message ID with its arguments. Count selects the
// plural form; Lang, when set, renders this one text in that language
// instead of the reply's (the language picker greets in every language).
type Msg struct {
	ID    MsgID
	Args  map[string]any
	Count any
	Lang  string
	// Tight joins this text to the one before with a line break instead
	// of an empty line, for the items of a list.
	Tight bool
}

// Button is an inline keyboard button: Data is the encoded callback data,
// or URL a link the button opens instead.
type Button struct {
	Label Msg
	Data  string
	URL   string
}

// Reply is one message to the user: paragraphs of text and rows of buttons.
type Reply struct {
	Text    []Msg
	Buttons [][]Button
	// Edit asks the transport to replace the message whose button was
	// pressed rather than add a new one: calmer when a step only changes
	// the screen.
	Edit bool
	// Venue, when set, makes this reply a map pin instead of a text.
	Venue *Venue
	// LocationButton, when set, shows a keyboard with one button that
	// shares the person's location, labelled with it.
	LocationButton *Msg
	// Appointment, when set, makes this reply a calendar file of it.
	Appointment *AppointmentFile
	// Figures, when set, makes this reply a CSV file of them.
	Figures *FiguresFile
}

// FiguresFile is the year's figures to send as a CSV file.
type FiguresFile struct {
	Figures   Figures
	Locations []Location
}

// AppointmentFile is an appointment to send as a calendar (.ics) file.
type AppointmentFile struct {
	Booking    Booking
	Location   *Location
	Start, End time.Time
	Summary    Msg
	Details    Msg
}

// JoinText renders a reply's paragraphs with render and joins them: an
// empty line between paragraphs, a line break before a Tight one.
func JoinText(msgs []Msg, render func(Msg) string) string {
	var sb strings.Builder
	for i, m := range msgs {
		if i > 0 {
			if m.Tight {
				sb.WriteString("\n")
			} else {
				sb.WriteString("\n\n")
			}
		}
		sb.WriteString(render(m))
	}
	return sb.String()
}

// Venue is a place shown as a map pin.
type Venue struct {
	Lat, Lon float64
	Title    string
	Address  string
}

// Effect is something outside the conversation that a step asks the edge to
// do, such as refreshing the command menu after a language change.
type Effect interface{ isEffect() }

// SetCommands asks the transport to show the command menu of Role in Lang
// to this user, or to ChatID when set.
type SetCommands struct {
	Role   Role
	Lang   string
	ChatID int64
}

func (SetCommands) isEffect() {}

// Subscribe asks the store to send this person news of Location.
type Subscribe struct{ Location string }

// Unsubscribe stops news of Location to this person.
type Unsubscribe struct{ Location string }

// SetReminder asks the store to send Reminder later.
type SetReminder struct{ Reminder Reminder }

// Forget erases everything stored about this person, after cancelling
// their coming appointments.
type Forget struct{}

func (Forget) isEffect()      {}
func (Subscribe) isEffect()   {}
func (Unsubscribe) isEffect() {}
func (SetReminder) isEffect() {}

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

// DataExport is everything stored about a person, for "show my data".
type DataExport struct {
	Lang          string
	Subscriptions []string
	Bookings      []Booking
	Reminders     int
	Consented     bool
}

// Recipient is someone the bot writes to on its own: their Telegram ID
// and the language they chose.
type Recipient struct {
	UserID int64
	Lang   string
	// Speaks are the languages a volunteer said they speak.
	Speaks []string
}

// Outgoing is a message to someone other than the person who acted, such
// as a volunteer told of a new appointment.
type Outgoing struct {
	To    Recipient
	Reply Reply
	// Booking, when set, asks the transport to remember the sent message
	// for this booking, so it can be changed once a volunteer takes it.
	Booking string
}

// SentMessage is a message the bot sent earlier, to change it later.
type SentMessage struct {
	To        Recipient
	MessageID int
}

// NotifyVolunteers tells the volunteers of Location something about an
// appointment there; with Booking set, each may confirm it.
type NotifyVolunteers struct {
	Location string
	Msg      Msg
	Booking  string
}

// NotifyUser tells one person something, such as a resident that a
// volunteer confirmed their appointment.
type NotifyUser struct {
	To  Recipient
	Msg Msg
}

// EditNotices changes the messages that told volunteers of Booking into
// Msg, but for the one who acted (Except).
type EditNotices struct {
	Booking string
	Msg     Msg
	Except  int64
}

func (NotifyVolunteers) isEffect() {}
func (NotifyUser) isEffect()       {}
func (EditNotices) isEffect()      {}

// LanguageOf is a message argument that names a language in the reader's
// language ("Arabisch" for a Dutch reader).
type LanguageOf string

// Result is what handling one event produced.
type Result struct {
	// Lang is the language to render the replies in.
	Lang string
	// Notice is a short text for the button press itself (a toast); the
	// transport answers every button press, with or without it.
	Notice  *Msg
	Replies []Reply
	Effects []Effect
	// Outbox holds messages to other people, filled in by Handle.
	Outbox []Outgoing
}
