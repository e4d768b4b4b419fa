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
	Nonce      string   `json:"n"`
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
)

// helpLog is a volunteer's /log of one handled help request.
func helpLog() flow {
	return flow{
		name: "log",
		screens: []screen{
			{kind: string(ScreenLog), roles: staff, load: loadPlaces, draw: drawLogCategories},
			{kind: string(ScreenLogLocation), roles: staff, load: loadPlaces, draw: drawLogLocation},
			{kind: string(ScreenLogSummary), roles: staff, load: loadPlaces, draw: drawLogSummary},
			{kind: string(ScreenLogLanguage), roles: staff, load: loadPlaces, draw: drawLogLanguage},
		},
		actions: []action{{codes: []string{actionLogCategory, actionLogLocation, actionLogReferral, actionLogMinutes, actionLogNibud,
			actionLogFirst, actionLogLanguage, actionLogSave, actionLogUndo}, do: (*step).logAction}},
		commands: []command{{Command{"log", MsgCommandLog}, ScreenLog, staff}},
	}
}

// loadPlaces reads the places the volunteer helps at, for the screen.
func loadPlaces(st *step, _ string) { st.staffLocations() }

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
// when the volunteer has only one.
func (st *step) draft() *logDraft {
	if st.session.Log == nil || st.session.Log.Nonce == "" {
		d := &logDraft{Nonce: strconv.FormatInt(st.now.UnixNano(), 36), Referral: "none", Minutes: 30, Lang: spreekuurbot.SourceLanguage}
		if locs := st.staffLocations(); len(locs) == 1 {
			d.Location = locs[0]
		}
		st.session.Log = d
	}
	return st.session.Log
}

func drawLogCategories(d *drawing, _ string) {
	draft := d.st.draft()
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
		next := ScreenLogSummary
		if draft.Location == "" {
			next = ScreenLogLocation
		}
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonNext}, next))
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
	draft := d.st.draft()
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
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogReferral, Args: map[string]any{"Value": spreekuurbot.Msg{ID: ref}}}, actionLogReferral, ""))
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogMinutes, Args: map[string]any{"Value": draft.Minutes}}, actionLogMinutes, ""),
		d.open(spreekuurbot.Msg{ID: MsgLogLanguage, Args: map[string]any{"Value": spreekuurbot.LanguageOf(draft.Lang)}}, ScreenLogLanguage))
	d.row(d.act(spreekuurbot.Msg{ID: MsgLogFirst, Args: map[string]any{"Value": yesNo(draft.FirstVisit)}}, actionLogFirst, ""),
		d.act(spreekuurbot.Msg{ID: MsgLogNibud, Args: map[string]any{"Value": yesNo(draft.Nibud)}}, actionLogNibud, ""))
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSave}, actionLogSave, draft.Nonce))
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
	case actionLogSave:
		return st.saveLog(p.Arg)
	default:
		return false
	}
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
