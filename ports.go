package spreekuurbot

import (
	"context"
	"time"
)

// Broadcasts finds the audience of a broadcast and queues it.
type Broadcasts interface {
	Subscribers(ctx context.Context, location string, now time.Time) ([]int64, error)
	// LanguagesOf gives each person's chosen language ("" if unknown).
	LanguagesOf(ctx context.Context, userIDs []int64) ([]string, error)
	// Enqueue queues b for every addressee, once per b.ID.
	Enqueue(ctx context.Context, b Broadcast, to []Addressee) error
}

// Deliveries is what the flows need of the broadcast queue to word a
// claimed delivery and count how it ended.
type Deliveries interface {
	Broadcast(ctx context.Context, id string) (Broadcast, error)
	// FinishDelivery records the outcome once and says whether the
	// coordinator's progress message is due (at most every `every`).
	FinishDelivery(ctx context.Context, d Delivery, outcome Outcome, now time.Time, every time.Duration) (ProgressUpdate, error)
	SetProgressMessage(ctx context.Context, broadcastID string, messageID int) error
}

// Roles tells what a user may do.
type Roles interface {
	Role(ctx context.Context, userID int64) (Role, error)
}

// Subscriptions keeps who wants news of which location.
type Subscriptions interface {
	Subscribe(ctx context.Context, userID int64, locationID string, now time.Time) error
	Unsubscribe(ctx context.Context, userID int64, locationID string) error
}

// Reminders keeps reminders to send later.
type Reminders interface {
	AddReminder(ctx context.Context, userID int64, r Reminder, now time.Time) error
}

// Bookings keeps appointments. Book, Move and Cancel are each atomic and
// idempotent per request ID; they answer ErrSlotFull, ErrLimitReached or
// ErrNoSuchBooking when they cannot.
type Bookings interface {
	Book(ctx context.Context, requestID string, b Booking, zone *time.Location, now time.Time) (Booking, error)
	Move(ctx context.Context, requestID string, userID int64, bookingID string, to Slot, zone *time.Location, now time.Time) error
	Cancel(ctx context.Context, requestID string, userID int64, bookingID string) error
	Bookings(ctx context.Context, userID int64, now time.Time) ([]Booking, error)
	TakenMany(ctx context.Context, slotIDs []string) (map[string]int, error)
	// BookingByID and Claim serve the volunteers: the first to confirm a
	// booking takes it.
	BookingByID(ctx context.Context, id string) (Booking, int64, error)
	Claim(ctx context.Context, bookingID string, volunteerID int64) (bool, error)
}

// Privacy shows and erases what is stored about a person.
type Privacy interface {
	Export(ctx context.Context, userID int64, now time.Time) (DataExport, error)
	// Forget erases the person and returns the coming appointments it
	// cancelled, so their volunteers can be told.
	Forget(ctx context.Context, userID int64, now time.Time) ([]Booking, error)
}

// Volunteers keeps who volunteers where, and the one-time invites that
// make someone a volunteer.
type Volunteers interface {
	CreateInvite(ctx context.Context, locations []string) (string, error)
	Join(ctx context.Context, userID int64, code string) ([]string, error)
	LocationsOf(ctx context.Context, userID int64) ([]string, error)
	VolunteersOf(ctx context.Context, location string) ([]Recipient, error)
}

// Logs keeps the volunteers' logs of handled help requests: exactly once
// per request ID, with an undo for UndoWindow.
type Logs interface {
	AddLog(ctx context.Context, requestID string, userID int64, e LogEntry) (string, error)
	UndoLog(ctx context.Context, userID int64, id string, now time.Time) error
	Logs(ctx context.Context, year int) ([]LogEntry, error)
}

// Visits keeps the huisbezoek counts and the streets already typed:
// exactly once per request ID, with an undo for UndoWindow.
type Visits interface {
	Streets(ctx context.Context) ([]string, error)
	AddVisit(ctx context.Context, requestID string, userID int64, v Visit) (string, error)
	UndoVisit(ctx context.Context, userID int64, id string, now time.Time) error
	Visits(ctx context.Context, year int) ([]Visit, error)
}

// Overlays keeps the coordinators' changes. Version grows with every
// change, so every replica notices and reloads.
type Overlays interface {
	Overlays(ctx context.Context) (map[string]Overlay, int64, error)
	// OverlayVersion is the version alone: a cheap look whether anything
	// changed.
	OverlayVersion(ctx context.Context) (int64, error)
	SetOverlay(ctx context.Context, location string, o Overlay) error
}

// Desk is what a volunteer's /today reads and marks.
type Desk interface {
	DayBookings(ctx context.Context, slotIDs []string) ([]DeskBooking, error)
	MarkBooking(ctx context.Context, id, status string) error
}

// Team lets coordinators see and change who volunteers where.
type Team interface {
	SpokenLanguages(ctx context.Context, userID int64) ([]string, error)
	SetSpokenLanguage(ctx context.Context, userID int64, lang string, on bool) error
	AllVolunteers(ctx context.Context) ([]VolunteerInfo, error)
	SetVolunteerName(ctx context.Context, userID int64, name string) error
	SetVolunteerLocation(ctx context.Context, userID int64, location string, on bool) error
	RemoveVolunteer(ctx context.Context, userID int64) error
}

// Waitlist keeps who waits for a time at a full place, and the freed
// times held for them. Every step that frees a place and offers it is one
// atomic step, like a booking: a time is offered to one person only, and
// a held time counts in its slot until it is booked, declined or expired.
type Waitlist interface {
	// Wait puts the resident on the place's waitlist (once per place; at
	// most MaxWaiting places, else ErrWaitLimit).
	Wait(ctx context.Context, userID int64, location, topic string, now time.Time) error
	Leave(ctx context.Context, userID int64, location string) error
	Waiting(ctx context.Context, userID int64, now time.Time) ([]Waiting, error)
	// Held is the time held for the resident at now, if any, with the
	// topic they waited with.
	Held(ctx context.Context, userID int64, now time.Time) (Offer, bool, error)
	// CancelAndOffer is Bookings.Cancel, and in the same step holds the
	// freed place for the first person waiting, when open allows it.
	CancelAndOffer(ctx context.Context, requestID string, userID int64, bookingID string, open OpenSlot, now time.Time) ([]Offer, error)
	// MoveAndOffer is Bookings.Move, and in the same step holds the place
	// it left for the first person waiting, when open allows it.
	MoveAndOffer(ctx context.Context, requestID string, userID int64, bookingID string, to Slot, zone *time.Location, now time.Time, open OpenSlot) ([]Offer, error)
	// Offer holds the room the slots have (a coordinator added some) for
	// the first people waiting at their place.
	Offer(ctx context.Context, slots []Slot, now time.Time) ([]Offer, error)
	// BookOffer books the time held for b.UserID in b.Slot, as Book does
	// (the limit of appointments holds); ErrNoOffer when it is not held
	// for them, or no longer.
	BookOffer(ctx context.Context, requestID string, b Booking, zone *time.Location, now time.Time) (Booking, error)
	// DeclineOffer lets the time held for the resident in slotID go to
	// the next person waiting; ErrNoOffer when none is held.
	DeclineOffer(ctx context.Context, userID int64, slotID string, open OpenSlot, now time.Time) ([]Offer, error)
	// ExpireOffers passes each time whose hold ended by now to the next
	// person waiting: it returns the holds that ended and the new offers.
	// It also drops the waitlist entries WaitFor old.
	ExpireOffers(ctx context.Context, open OpenSlot, now time.Time) (expired, offered []Offer, err error)
	// ForgetWaiting takes the resident off every waitlist and passes a
	// time held for them on.
	ForgetWaiting(ctx context.Context, userID int64, open OpenSlot, now time.Time) ([]Offer, error)
}
