package spreekuurbot

import (
	"fmt"
	"strings"
	"time"
)

// Location is a place where a wijkteam holds its spreekuur.
type Location struct {
	ID        string
	Name      string
	Stadsdeel string
	Wijk      string
	Address   string
	Lat, Lon  float64
	WalkIn    []Hours
	// Extra are walk-in spreekuren a coordinator added on given days.
	Extra []Period
	// BookableExtra are the extra spreekuren in which residents can also
	// book, in slots as long as the place's own, with its capacity.
	BookableExtra []Period
	Slots         []SlotRule
	Closures      []Closure
	// Verified is false when the address or times come from no public
	// source; the bot then tells residents to check before they go.
	Verified bool
	Source   string
	// Note is for staff only: a resident never sees it.
	Note string
	// Arrival is what a resident needs to know before coming; nil when
	// the configuration does not say.
	Arrival *Arrival
}

// Arrival is what a resident needs to know before coming to a place, as
// facts the bot words in each language (not free text).
type Arrival struct {
	// StepFree: no step or threshold on the way in and to the room, so a
	// wheelchair gets there.
	StepFree bool
	// Floor is the storey of the room, 0 the ground floor; Lift says a
	// lift goes there.
	Floor int
	Lift  bool
	// Entrance is the way in: EntranceMain, EntranceSide or EntranceBack.
	Entrance string
	// Languages says who usually helps in other languages than Dutch:
	// HelpNone, HelpVolunteer (a volunteer who speaks Spoken) or
	// HelpInterpreter.
	Languages string
	Spoken    []string // base language codes (ISO 639-1), besides Dutch
	// Bring lists what to bring: BringID, BringLetters, BringDigiD.
	Bring []string
}

// The values of an Arrival's fields.
const (
	EntranceMain = "main"
	EntranceSide = "side"
	EntranceBack = "back"

	HelpNone        = "none"
	HelpVolunteer   = "volunteer"
	HelpInterpreter = "interpreter"

	BringID      = "id"      // an identity document
	BringLetters = "letters" // the letters and forms the question is about
	BringDigiD   = "digid"   // the DigiD login (app or password), if they have one
)

// ClockTime is a time of day in minutes after midnight, Europe/Amsterdam.
type ClockTime int

// Hours is a weekly period, such as Tuesday 09:30–11:30.
type Hours struct {
	Day      time.Weekday
	From, To ClockTime
}

// Weeks says in which ISO weeks a slot rule applies.
type Weeks string

// The week patterns a slot rule can have.
const (
	AllWeeks  Weeks = "all"
	EvenWeeks Weeks = "even"
	OddWeeks  Weeks = "odd"
)

// SlotRule makes bookable appointment slots in a weekly period.
type SlotRule struct {
	Hours
	Minutes  int
	Capacity int
	Weeks    Weeks
}

// Closure is a range of days, both included, on which a location is closed.
type Closure struct {
	From, To Date
	Reason   string
}

// ParseClockTime reads "HH:MM" (24 hours).
func ParseClockTime(s string) (ClockTime, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, fmt.Errorf("%q is not a time like 09:30", s)
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// String writes the time as "HH:MM".
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// DeskStart is what a desk's deep link sends after /start: "loc-" and the
// location's ID (Telegram allows A-Z a-z 0-9 _ - there, up to 64).
const DeskStart = "loc-"

// DeskLink is the link on a desk's QR poster: the bot, opened at that
// place.
func DeskLink(botUsername, locationID string) string {
	return "https://t.me/" + botUsername + "?start=" + DeskStart + locationID
}

// DeskOf is the location ID a /start argument names, if it is a desk's
// link. A location ID has at most 16 characters, so a longer argument is
// something else (an invite code, 22 characters, may start the same by
// chance).
func DeskOf(startArg string) (string, bool) {
	id, ok := strings.CutPrefix(startArg, DeskStart)
	return id, ok && len(id) <= 16
}
