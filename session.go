package spreekuurbot

import (
	"context"
)

// Session is what is kept of one person between two messages: the
// language they chose, the places whose news they follow, whether they
// agreed to what a booking keeps and whether they volunteer, and the
// conversation's own state, which only the flows read. It holds no
// message text and nothing the person typed.
type Session struct {
	// Lang is the chosen language; empty until known.
	Lang string
	// Subs are the places whose news the person gets.
	Subs []string
	// Consented is set once the person agreed to what a booking keeps.
	Consented bool
	// Volunteer says the person volunteers at some place.
	Volunteer bool
	// OverlayVersion is the version of the coordinators' changes to the
	// places, read with the session so every replica sees them at once.
	OverlayVersion int64
	// Conversation is the flows' state (the screen, the way back, a draft
	// being filled in), encoded by the flows. The store keeps it as it is,
	// for a day.
	Conversation []byte
}

// Sessions keeps each person's Session.
type Sessions interface {
	Session(ctx context.Context, userID int64) (Session, error)
	SaveSession(ctx context.Context, userID int64, s Session) error
}
