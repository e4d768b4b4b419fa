package flows

import (
	"strings"
	"time"

	"spreekuurbot"
)

// Button is an inline keyboard button: Data is the encoded callback data,
// or URL a link the button opens instead.
type Button struct {
	Label spreekuurbot.Msg
	Data  string
	URL   string
}

// Reply is one message to the user: paragraphs of text and rows of buttons.
type Reply struct {
	Text    []spreekuurbot.Msg
	Buttons [][]Button
	// Edit asks the transport to replace the message whose button was
	// pressed rather than add a new one: calmer when a step only changes
	// the screen.
	Edit bool
	// Venue, when set, makes this reply a map pin instead of a text.
	Venue *Venue
	// LocationButton, when set, shows a keyboard with one button that
	// shares the person's location, labelled with it.
	LocationButton *spreekuurbot.Msg
	// Appointment, when set, makes this reply a calendar file of it.
	Appointment *AppointmentFile
	// Figures, when set, makes this reply a CSV file of them.
	Figures *FiguresFile
}

// FiguresFile is the year's figures to send as a CSV file.
type FiguresFile struct {
	Figures   spreekuurbot.Figures
	Locations []spreekuurbot.Location
}

// AppointmentFile is an appointment to send as a calendar (.ics) file.
type AppointmentFile struct {
	Booking    spreekuurbot.Booking
	Location   *spreekuurbot.Location
	Start, End time.Time
	Summary    spreekuurbot.Msg
	Details    spreekuurbot.Msg
}

// JoinText renders a reply's paragraphs with render and joins them: an
// empty line between paragraphs, a line break before a Tight one.
func JoinText(msgs []spreekuurbot.Msg, render func(spreekuurbot.Msg) string) string {
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
	Role   spreekuurbot.Role
	Lang   string
	ChatID int64
}

func (SetCommands) isEffect() {}

// SetVolunteerPlace adds (On) or removes one of a volunteer's places.
type SetVolunteerPlace struct {
	UserID int64
	Place  string
	On     bool
}

// RemoveVolunteer ends someone's volunteering.
type RemoveVolunteer struct{ UserID int64 }

// SetVolunteerName keeps the first name a volunteer chose to share, or
// forgets it (empty).
type SetVolunteerName struct{ Name string }

// SetSpokenLanguage turns one language the volunteer speaks on or off.
type SetSpokenLanguage struct {
	Lang string
	On   bool
}

func (SetVolunteerPlace) isEffect() {}
func (RemoveVolunteer) isEffect()   {}
func (SetVolunteerName) isEffect()  {}
func (SetSpokenLanguage) isEffect() {}

// Subscribe asks the store to send this person news of Location.
type Subscribe struct{ Location string }

// Unsubscribe stops news of Location to this person.
type Unsubscribe struct{ Location string }

// SetReminder asks the store to send Reminder later.
type SetReminder struct{ Reminder spreekuurbot.Reminder }

// Forget erases everything stored about this person, after cancelling
// their coming appointments.
type Forget struct{}

func (Forget) isEffect()      {}
func (Subscribe) isEffect()   {}
func (Unsubscribe) isEffect() {}
func (SetReminder) isEffect() {}

// Outgoing is a message to someone other than the person who acted, such
// as a volunteer told of a new appointment.
type Outgoing struct {
	To    spreekuurbot.Recipient
	Reply Reply
	// Booking, when set, asks the transport to remember the sent message
	// for this booking, so it can be changed once a volunteer takes it.
	Booking string
}

// NotifyVolunteers tells the volunteers of Location something about an
// appointment there; with Booking set, each may confirm it.
type NotifyVolunteers struct {
	Location string
	Msg      spreekuurbot.Msg
	Booking  string
}

// NotifyUser tells one person something, such as a resident that a
// volunteer confirmed their appointment.
type NotifyUser struct {
	To  spreekuurbot.Recipient
	Msg spreekuurbot.Msg
}

// EditNotices changes the messages that told volunteers of Booking into
// Msg, but for the one who acted (Except).
type EditNotices struct {
	Booking string
	Msg     spreekuurbot.Msg
	Except  int64
}

// SendOffers offers each time the store holds for a waiting resident to
// that resident.
type SendOffers struct{ Offers []spreekuurbot.Offer }

// OfferRoom offers the room a coordinator's change made at Location to
// the residents waiting there.
type OfferRoom struct{ Location string }

func (SendOffers) isEffect()       {}
func (OfferRoom) isEffect()        {}
func (NotifyVolunteers) isEffect() {}
func (NotifyUser) isEffect()       {}
func (EditNotices) isEffect()      {}

// Result is what handling one event produced.
type Result struct {
	// Lang is the language to render the replies in.
	Lang string
	// Notice is a short text for the button press itself (a toast); the
	// transport answers every button press, with or without it.
	Notice  *spreekuurbot.Msg
	Replies []Reply
	Effects []Effect
	// Outbox holds messages to other people, filled in by Handle.
	Outbox []Outgoing
}
