package spreekuurbot

import (
	"errors"
	"time"
)

// Visit is one street of a huisbezoek round: counts only, no addresses
// and no names.
type Visit struct {
	ID            string    `json:"id"`
	Time          time.Time `json:"t"`
	Street        string    `json:"street"`
	Rung          int       `json:"rung"`
	Reached       int       `json:"reached"`
	Conversations int       `json:"talks"`
	Referrals     int       `json:"refs"`
}

// LogEntry is one handled help request, as a volunteer logs it. It holds
// no name and no chat ID: only what the yearly figures count.
type LogEntry struct {
	ID         string    `json:"id"`
	Time       time.Time `json:"t"`
	Location   string    `json:"loc"`
	Categories []string  `json:"cat"`
	Referral   string    `json:"ref"`
	Nibud      bool      `json:"nibud,omitempty"`
	Minutes    int       `json:"min"`
	Lang       string    `json:"lang"`
	FirstVisit bool      `json:"first,omitempty"`
}

// ErrUndoTooLate is an undo after its ten minutes, or of someone else's
// log or street counts.
var ErrUndoTooLate = errors.New("undo too late")

// UndoWindow is how long a volunteer can take a log or a street's counts
// back.
const UndoWindow = 10 * time.Minute
