package spreekuurbot

import (
	"errors"
)

// ErrInviteInvalid is an invite code that is unknown, used or expired.
var ErrInviteInvalid = errors.New("invite invalid")

// Recipient is someone the bot writes to on its own: their Telegram ID
// and the language they chose.
type Recipient struct {
	UserID int64
	Lang   string
	// Speaks are the languages a volunteer said they speak.
	Speaks []string
}

// SentMessage is a message the bot sent earlier, to change it later.
type SentMessage struct {
	To        Recipient
	MessageID int
}

// DeskBooking is a booking as the desk sees it: who took it, and whether
// the resident came.
type DeskBooking struct {
	Booking
	Owner  int64
	Status string // "", "came" or "noshow"
}

// VolunteerInfo is a volunteer as the coordinators see them: their places
// and, only if they agreed, their first name.
type VolunteerInfo struct {
	UserID int64
	// Number is the volunteer's place in the order of joining, 1 for the
	// first: it names them ("Volunteer 3") when they shared no name,
	// never any part of their Telegram ID. It is stored, so every screen
	// and replica shows the same; it does not change when others leave,
	// and it is never given to anyone else, also after they leave.
	Number    int
	Name      string
	Locations []string
}
