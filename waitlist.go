package spreekuurbot

import (
	"errors"
	"time"
)

// The waitlist: a resident who finds no free time at a place in the
// coming BookingDays may wait for one. A time that comes free there is
// offered to the first person waiting, and held for that one person for
// HoldFor; not taken in time, or declined, it goes to the next.
const (
	// WaitFor is how long a resident stays on a place's waitlist.
	WaitFor = BookingDays * 24 * time.Hour
	// MaxWaiting is how many places one resident may wait for at once.
	MaxWaiting = 2
	// HoldFor is how long a freed time is kept for the person offered it.
	HoldFor = 30 * time.Minute
)

// Outcomes of the waitlist that a resident sees: not failures.
var (
	ErrWaitLimit = errors.New("waiting for too many places")
	ErrNoOffer   = errors.New("no such offer")
)

// Waiting is one place a resident waits for, with the topic they chose.
type Waiting struct {
	Location string
	Topic    string
	Since    time.Time
}

// Offer is a freed time held for one waiting resident until Until. Slot
// names the time (Location, Date, Start); Topic is what they wait for.
type Offer struct {
	UserID int64
	Slot   Slot
	Topic  string
	Until  time.Time
}

// OpenSlot says whether a freed time can still be offered: it gives the
// slot as it is now (with its capacity) for a slot named by Location,
// Date and Start, or false when the day is closed, the time has passed
// or the slot no longer exists.
type OpenSlot func(Slot) (Slot, bool)
