package flows

import (
	"time"
)

// Kind says what a user sent.
type Kind int

// The kinds of event a user can send.
const (
	KindText        Kind = iota + 1 // typed text that is not a command
	KindCommand                     // /command, possibly with arguments
	KindButton                      // an inline keyboard button press
	KindLocation                    // a shared location
	KindUnsupported                 // a sticker, voice note, file that is no letter, …
	KindLetter                      // a letter the transport read from a photo or a PDF
)

// String names the kind for metrics and logs.
func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindCommand:
		return "command"
	case KindButton:
		return "button"
	case KindLocation:
		return "location"
	case KindUnsupported:
		return "unsupported"
	case KindLetter:
		return "letter"
	}
	return "unknown"
}

// Event is one thing a user did, stripped of transport details.
type Event struct {
	// UserID identifies the person; flows use it to key state and to bind
	// buttons to the person they were shown to.
	UserID int64
	// LanguageCode is the IETF tag the client reports (Telegram's
	// language_code); it may be empty.
	LanguageCode string

	Kind    Kind
	Text    string // KindText
	Command string // KindCommand, lower case, without the slash
	Args    string // KindCommand: the rest of the line
	Data    string // KindButton: the raw callback data
	Lat     float64
	Lon     float64
	// FirstName is the name Telegram shows for the person. It is never
	// stored: it only tells other volunteers who took an appointment.
	FirstName string
	// Letter is what the transport found in a photo or a PDF of a
	// letter (KindLetter): never its text.
	Letter LetterReading
	// Time is when the event happened; zero means now.
	Time time.Time
}
