package spreekuurbot

// Audiences. A place's subscribers are "l" followed by the place's ID.
const (
	AudienceAll        = "a" // residents who get news of any place
	AudienceVolunteers = "v"
	AudiencePlace      = "l"
	// AudienceClosure is the residents booked on days a coordinator closed:
	// each is told about their own appointment.
	AudienceClosure = "k"
)

// Templates of a broadcast.
const (
	TemplateTimes   = "t" // a place's times changed: the next ones
	TemplateClosed  = "c" // a place is closed on a day
	TemplateExtra   = "e" // an extra spreekuur at a place
	TemplateHoliday = "h" // a public holiday: every place is closed
	TemplateFree    = "f" // the coordinator's own words
	TemplateClosure = "k" // an appointment's day was closed
)

// MaxBroadcastText bounds a free-text broadcast, leaving room in
// Telegram's 4,096 characters for the line that says who wrote it.
const MaxBroadcastText = 3500

// Broadcast is a message to many people, as queued. It holds no
// recipient: those are resolved when it is queued.
type Broadcast struct {
	ID       string `json:"-"`
	Audience string `json:"a"`
	Template string `json:"t"`
	Place    string `json:"p,omitempty"`
	Day      string `json:"d,omitempty"` // yyyymmdd
	Until    string `json:"u,omitempty"` // the last closed day of a closure
	Hour     int    `json:"h,omitempty"`
	Text     string `json:"x,omitempty"`
	// From is the coordinator, told of the progress in FromLang.
	From     int64  `json:"f"`
	FromLang string `json:"fl"`
}

// Addressee is one recipient of a broadcast; Booking names the
// appointment a closure notice is about.
type Addressee struct {
	UserID  int64
	Lang    string
	Booking string
}

// Delivery is one queued message: a broadcast to one addressee. Entry
// is the queue's own ID for it.
type Delivery struct {
	Entry     string
	Broadcast string
	To        Addressee
}

// Outcome is how sending one delivery ended.
type Outcome string

// Outcomes counted in a broadcast's progress.
const (
	OutcomeSent    Outcome = "ok"
	OutcomeBlocked Outcome = "blocked"
	OutcomeFailed  Outcome = "failed"
	// OutcomeSkipped is a closure notice whose appointment was moved or
	// cancelled before it went out: nothing to tell.
	OutcomeSkipped Outcome = "skipped"
)

// Progress is a broadcast's counts so far.
type Progress struct {
	Total, Sent, Blocked, Failed, Skipped int
}

// Done counts the deliveries that ended, one way or another.
func (p Progress) Done() int { return p.Sent + p.Blocked + p.Failed + p.Skipped }

// ProgressUpdate is what finishing a delivery asks of the sender: show the
// coordinator the progress (Final: the final count) in message MessageID,
// or in a new message when New is set. With neither, another sender is
// just sending that message.
type ProgressUpdate struct {
	Progress
	Show      bool
	Final     bool
	MessageID int
	New       bool
}
