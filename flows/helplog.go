package flows

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"spreekuurbot"
)

// logDraft is a log being filled in; it lives in the session.
type logDraft struct {
	Nonce string `json:"n"`
	// Booking is the appointment whose resident came, for a log opened
	// from /today: kept until it is saved or dropped.
	Booking string `json:"bk,omitempty"`
	// At is when the log was last changed (Unix seconds): a /log of no
	// appointment is forgotten logForgetAfter later.
	At         int64    `json:"at,omitempty"`
	Location   string   `json:"loc,omitempty"`
	Categories []string `json:"cat,omitempty"`
	Referral   string   `json:"ref,omitempty"`
	Nibud      bool     `json:"nibud,omitempty"`
	Minutes    int      `json:"min,omitempty"`
	Lang       string   `json:"lang,omitempty"`
	FirstVisit bool     `json:"first,omitempty"`
}

// Referrals a log can name, in the order the button cycles through them.
var logReferrals = []struct {
	code string
	msg  spreekuurbot.MsgID
}{
	{"none", MsgRefNone}, {"plangroep", MsgRefPlangroep}, {"wetswinkel", MsgRefWetswinkel},
	{"sr", MsgRefSociaalRaadslieden}, {"wijkteam", MsgRefWijkteam}, {"other", MsgRefOther},
}

// Minutes a log's button cycles through; 30 is the usual help request.
var logMinutes = []int{15, 30, 45, 60, 90}

// logForgetAfter is how long an unfinished /log is kept after its last
// change: the next help request starts with nothing ticked.
const logForgetAfter = 30 * time.Minute

// maxCame bounds the logs of residents who came that a session keeps
// unfinished: a desk's day, and the session stays small.
const maxCame = 12

// Screens and actions of /log.
const (
	ScreenLog         Screen = "lg"  // categories
	ScreenLogLocation Screen = "lgl" // which location, for volunteers of several
	ScreenLogSummary  Screen = "lgs" // the rest, with defaults, and save
	ScreenLogLanguage Screen = "lgg" // the resident's language

	actionLogLocation = "ll"
	actionLogCategory = "lc"
	actionLogReferral = "lr"
	actionLogMinutes  = "lm"
	actionLogNibud    = "ln"
	actionLogFirst    = "lf"
	actionLogLanguage = "la"
	actionLogSave     = "ls"
	actionLogUndo     = "lu"
	actionLogNext     = "lx" // from the topics on to the rest
	actionLogDrop     = "ld" // forget the log unsaved
)

// helpLog is a volunteer's /log of one handled help request.
func helpLog() flow {
	return flow{
		name: "log",
		screens: []screen{
			{kind: string(ScreenLog), roles: staff, load: loadDraft, draw: drawLogCategories},
			{kind: string(ScreenLogLocation), roles: staff, load: loadDraft, draw: drawLogLocation},
			{kind: string(ScreenLogSummary), roles: staff, load: loadDraft, draw: drawLogSummary},
			{kind: string(ScreenLogLanguage), roles: staff, load: loadDraft, draw: drawLogLanguage},
		},
		actions: []action{{codes: []string{actionLogCategory, actionLogLocation, actionLogReferral, actionLogMinutes, actionLogNibud,
			actionLogFirst, actionLogLanguage, actionLogSave, actionLogUndo, actionLogNext, actionLogDrop}, do: (*step).logAction}},
		commands: []command{{Command{"log", MsgCommandLog}, ScreenLog, staff}},
	}
}

// loadDraft reads the places the volunteer helps at and finds the log
// being filled in, or starts one, for the screen.
func loadDraft(st *step, _ string) {
	st.staffLocations()
	st.draft()
}

// isLog reports whether s is one of /log's screens: leaving them leaves
// the log unfinished.
func (s Screen) isLog() bool {
	switch s {
	case ScreenLog, ScreenLogLocation, ScreenLogSummary, ScreenLogLanguage:
		return true
	}
	return false
}

// leaveLog forgets a /log the person left unfinished, so that its ticks
// never count for the next help request. The log of a resident who came
// is kept apart instead, for /today to offer until it is saved or dropped.
func (s *Session) leaveLog() {
	if s.Log == nil || s.Screen.isLog() {
		return
	}
	if s.Log.Booking != "" {
		s.Came = append(slices.DeleteFunc(s.Came, func(d logDraft) bool { return d.Booking == s.Log.Booking }), *s.Log)
		s.Came = s.Came[max(0, len(s.Came)-maxCame):]
	}
	s.Log = nil
}

// cameDraft is the kept log of booking id's resident, or nil.
func (s *Session) cameDraft(id string) *logDraft {
	for i := range s.Came {
		if s.Came[i].Booking == id {
			return &s.Came[i]
		}
	}
	return nil
}

// staffLocations are the locations the person may log for: a volunteer's
// own, every location for a coordinator.
// They are read once per step: a /log or /today step asks several times.
func (st *step) staffLocations() []string {
	if st.view.places != nil {
		return *st.view.places
	}
	var locs []string
	if st.role == spreekuurbot.Coordinator {
		for _, l := range st.engine.locs().list {
			locs = append(locs, l.ID)
		}
	} else if !st.read("volunteer locations", func() (err error) {
		locs, err = st.engine.cfg.Volunteers.LocationsOf(st.ctx, st.userID)
		return err
	}) {
		return nil
	}
	st.view.places = &locs
	return locs
}

// draft returns the log being filled in, starting one with the defaults:
// 30 minutes, no referral, Dutch, not a first visit, and the location
// when the volunteer has only one. A /log untouched for logForgetAfter
// is forgotten first, and the volunteer told.
func (st *step) draft() *logDraft {
	if d := st.session.Log; d != nil && d.Booking == "" && st.now.Sub(time.Unix(d.At, 0)) > logForgetAfter {
		st.session.Log = nil
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLogExpired})
	}
	if st.session.Log == nil || st.session.Log.Nonce == "" {
		d := &logDraft{Nonce: strconv.FormatInt(st.now.UnixNano(), 36), At: st.now.Unix(), Referral: "none", Minutes: 30, Lang: spreekuurbot.SourceLanguage}
		if locs := st.staffLocations(); len(locs) == 1 {
			d.Location = locs[0]
		}
		st.session.Log = d
	}
	return st.session.Log
}

func drawLogCategories(d *drawing, _ string) {
	draft := d.st.session.Log
	d.say(spreekuurbot.Msg{ID: MsgLogCategories})
	var buttons []Button
	for _, t := range topics {
		label := spreekuurbot.Msg{ID: t.msg}
		if slices.Contains(draft.Categories, t.code) {
			label = spreekuurbot.Msg{ID: MsgPicked, Args: map[string]any{"Text": spreekuurbot.Msg{ID: t.msg}}}
		}
		buttons = append(buttons, d.act(label, actionLogCategory, t.code))
	}
	d.pairs(buttons)
	if len(draft.Categories) > 0 {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonNext}, actionLogNext, ""))
	}
}

func drawLogLocation(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgLogLocation})
	for _, id := range d.st.staffLocations() {
		if l := d.engine().locs().byID[id]; l != nil {
			d.row(d.act(locationLabel(l), actionLogLocation, id))
		}
	}
}

func drawLogSummary(d *drawing, _ string) {
	draft := d.st.session.Log
	l := d.engine().locs().byID[draft.Location]
	if l == nil || len(draft.Categories) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgLogIncomplete})
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonNext}, ScreenLog))
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgLogSummary, Args: map[string]any{"Name": l.Name}})
	ref := MsgRefNone
	for _, r := range logReferrals {
		if r.code == draft.Referral {
			ref = r.msg
		}
	}
	yesNo := func(b bool) spreekuurbot.Msg {
		if b {
			return spreekuurbot.Msg{ID: MsgYes}
		}
		return spreekuurbot.Msg{ID: MsgNo}
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgLogTopic, Args: map[string]any{"Value": topicsMsg(draft.Categories)}}, ScreenLog))
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogReferral, Args: map[string]any{"Value": spreekuurbot.Msg{ID: ref}}}, actionLogReferral, ""))
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogMinutes, Args: map[string]any{"Value": draft.Minutes}}, actionLogMinutes, ""),
		d.open(spreekuurbot.Msg{ID: MsgLogLanguage, Args: map[string]any{"Value": spreekuurbot.LanguageOf(draft.Lang)}}, ScreenLogLanguage))
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogFirst, Args: map[string]any{"Value": yesNo(draft.FirstVisit)}}, actionLogFirst, ""),
		d.act(spreekuurbot.Msg{ID: MsgLogNibud, Args: map[string]any{"Value": yesNo(draft.Nibud)}}, actionLogNibud, ""))
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSave}, actionLogSave, draft.Nonce))
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonDrop}, actionLogDrop, draft.Nonce))
}

// topicsMsg names a log's topics, one after another.
func topicsMsg(codes []string) spreekuurbot.Msg {
	var out spreekuurbot.Msg
	for i := len(codes) - 1; i >= 0; i-- {
		id, _ := topicMsg(codes[i])
		if i == len(codes)-1 {
			out = spreekuurbot.Msg{ID: id}
			continue
		}
		out = spreekuurbot.Msg{ID: MsgListJoin, Args: map[string]any{"First": spreekuurbot.Msg{ID: id}, "Rest": out}}
	}
	return out
}

func drawLogLanguage(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgLogWhichLanguage})
	var buttons []Button
	for _, code := range d.engine().languages.Codes() {
		buttons = append(buttons, d.act(spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": spreekuurbot.LanguageOf(code)}}, actionLogLanguage, code))
	}
	buttons = append(buttons, d.act(spreekuurbot.Msg{ID: MsgLogOtherLanguage}, actionLogLanguage, "other"))
	d.pairs(buttons)
}

// logAction runs the /log buttons; each checks the role on the server.
func (st *step) logAction(p Payload) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator {
		return false
	}
	if p.Action == actionLogUndo {
		return st.undo(p.Arg, st.engine.cfg.Logs.UndoLog, MsgLogUndone)
	}
	draft := st.draft()
	switch p.Action {
	case actionLogCategory:
		if _, ok := topicMsg(p.Arg); !ok {
			return false
		}
		if slices.Contains(draft.Categories, p.Arg) {
			draft.Categories = without(draft.Categories, p.Arg)
		} else {
			draft.Categories = addString(draft.Categories, p.Arg)
		}
	case actionLogLocation:
		if !slices.Contains(st.staffLocations(), p.Arg) {
			return false
		}
		draft.Location = p.Arg
		st.session.push(ScreenLogSummary)
	case actionLogReferral:
		for i, r := range logReferrals {
			if r.code == draft.Referral {
				draft.Referral = logReferrals[(i+1)%len(logReferrals)].code
				break
			}
		}
	case actionLogMinutes:
		next := logMinutes[0]
		for i, m := range logMinutes {
			if m == draft.Minutes {
				next = logMinutes[(i+1)%len(logMinutes)]
			}
		}
		draft.Minutes = next
	case actionLogNibud:
		draft.Nibud = !draft.Nibud
	case actionLogFirst:
		draft.FirstVisit = !draft.FirstVisit
	case actionLogLanguage:
		if !st.engine.languages.Has(p.Arg) && p.Arg != "other" {
			return false
		}
		draft.Lang = p.Arg
		st.session.pop()
	case actionLogNext:
		switch {
		case len(draft.Categories) == 0:
			return false
		case draft.Location == "":
			st.session.push(ScreenLogLocation)
		case len(st.session.Back) > 0 && st.session.Back[len(st.session.Back)-1] == ScreenLogSummary:
			// Back to the summary the topics were changed from.
			st.session.pop()
		default:
			st.session.push(ScreenLogSummary)
		}
	case actionLogSave:
		return st.saveLog(p.Arg)
	case actionLogDrop:
		return st.dropLog(p.Arg)
	default:
		return false
	}
	draft.At = st.now.Unix()
	return true
}

// dropLog forgets the log unsaved; one of a resident who came goes back
// to /today, where the resident shows as come.
func (st *step) dropLog(nonce string) bool {
	draft := st.draft()
	if nonce != draft.Nonce {
		return false
	}
	st.session.Log = nil
	st.session.home()
	if draft.Booking != "" {
		st.session.push(ScreenToday)
	}
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLogDropped})
	return true
}

// saveLog stores the draft, once however often it is pressed.
func (st *step) saveLog(nonce string) bool {
	draft := st.draft()
	if nonce != draft.Nonce || draft.Location == "" || len(draft.Categories) == 0 || !slices.Contains(st.staffLocations(), draft.Location) {
		return false
	}
	entry := spreekuurbot.LogEntry{
		Time: st.now, Location: draft.Location, Categories: draft.Categories, Referral: draft.Referral,
		Nibud: draft.Nibud, Minutes: draft.Minutes, Lang: draft.Lang, FirstVisit: draft.FirstVisit,
	}
	id, err := st.engine.cfg.Logs.AddLog(st.ctx, st.saveRequest("log", nonce), st.userID, entry)
	if err != nil {
		st.abort(fmt.Errorf("save log: %w", err))
		return true
	}
	st.session.Log = nil
	st.session.home()
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLogSaved})
	st.offerUndo(actionLogUndo, id)
	return true
}

// saveRequest is the request ID of saving a draft (a log, a street's
// counts): it comes from the draft's nonce, so a save pressed twice (or
// delivered twice) counts once.
func (st *step) saveRequest(kind, nonce string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d|%s", kind, st.userID, nonce)))
	return hex.EncodeToString(sum[:12])
}

// offerUndo adds the button that takes a saved record back, by the
// action given. Seq 0: the undo works from this message for its ten
// minutes, whatever the volunteer does meanwhile.
func (st *step) offerUndo(action, id string) {
	undo := st.engine.codec.sign(st.userID, Payload{Action: action, Arg: id})
	st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgLogUndoOffer}}, Buttons: [][]Button{{{Label: spreekuurbot.Msg{ID: MsgButtonUndo}, Data: undo}}}})
}

// undo takes record id back through the store's undo, which refuses
// someone else's record and one older than spreekuurbot.UndoWindow; done
// says it worked.
func (st *step) undo(id string, undo func(ctx context.Context, userID int64, id string, now time.Time) error, done spreekuurbot.MsgID) bool {
	err := undo(st.ctx, st.userID, id, st.now)
	st.noDraw = true
	switch {
	case errors.Is(err, spreekuurbot.ErrUndoTooLate):
		st.notice = &spreekuurbot.Msg{ID: MsgLogUndoTooLate}
	case err != nil:
		st.abort(fmt.Errorf("undo: %w", err))
	default:
		st.notice = &spreekuurbot.Msg{ID: done}
	}
	return true
}
