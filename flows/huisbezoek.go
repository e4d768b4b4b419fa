package flows

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"spreekuurbot"
)

// visitDraft is a street's counts being entered; it lives in the session.
type visitDraft struct {
	Nonce  string `json:"n"`
	Street string `json:"street,omitempty"`
	Counts [4]int `json:"counts"`
	Field  int    `json:"field"` // which count the keypad edits
}

// The four counts, in the order the desks report them.
var visitFields = [4]spreekuurbot.MsgID{MsgVisitRung, MsgVisitReached, MsgVisitConversations, MsgVisitReferrals}

// Screens and actions of /huisbezoek.
const (
	ScreenVisit       Screen = "hb"  // which street
	ScreenVisitCounts Screen = "hbc" // the counts, with a keypad

	actionVisitStreet = "hs" // a street from the list: its index
	actionVisitField  = "hf" // edit count Arg (0-3)
	actionVisitDigit  = "hd" // type digit Arg, or "x" to erase one
	actionVisitSave   = "hv" // save, Arg is the draft's nonce
	actionVisitUndo   = "hu" // take saved counts back, Arg is their ID
)

// maxStreet bounds a typed street name; maxCount a count.
const (
	maxStreet = 60
	maxCount  = 9999
)

// huisbezoek is a volunteer's count of one street rung: rung, reached,
// conversations, referrals.
func huisbezoek() flow {
	return flow{
		name: "huisbezoek",
		screens: []screen{
			{kind: string(ScreenVisit), roles: staff, load: func(st *step, _ string) { st.streets() }, draw: drawVisitStreet},
			{kind: string(ScreenVisitCounts), roles: staff, draw: drawVisitCounts},
		},
		actions:  []action{{codes: []string{actionVisitStreet, actionVisitField, actionVisitDigit, actionVisitSave, actionVisitUndo}, do: (*step).visitAction}},
		commands: []command{{Command{"huisbezoek", MsgCommandVisit}, ScreenVisit, staff}},
		text:     (*step).visitText,
	}
}

func (st *step) streets() []string {
	if st.view.streets == nil && !st.read("streets", func() error {
		list, err := st.engine.cfg.Visits.Streets(st.ctx)
		st.view.streets = &list
		return err
	}) {
		return nil
	}
	return *st.view.streets
}

func drawVisitStreet(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgVisitStreet})
	var buttons []Button
	for i, s := range d.st.streets() {
		buttons = append(buttons, d.act(plain(s), actionVisitStreet, strconv.Itoa(i)))
	}
	d.pairs(buttons)
}

func drawVisitCounts(d *drawing, _ string) {
	v := d.st.session.Visit
	if v == nil || v.Street == "" {
		d.say(spreekuurbot.Msg{ID: MsgVisitStreet})
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgVisitCounts, Args: map[string]any{"Street": v.Street}})
	for i, f := range visitFields {
		label := spreekuurbot.Msg{ID: MsgVisitCountLine, Args: map[string]any{"Name": spreekuurbot.Msg{ID: f}, "Count": v.Counts[i]}}
		if i == v.Field {
			label = spreekuurbot.Msg{ID: MsgPicked, Args: map[string]any{"Text": label}}
		}
		d.row(d.act(label, actionVisitField, strconv.Itoa(i)))
	}
	// A keypad: digits in the phone's order, erase, and save.
	for _, row := range [][]string{{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"x", "0"}} {
		var buttons []Button
		for _, k := range row {
			label := plain(k)
			if k == "x" {
				label = plain("⌫")
			}
			buttons = append(buttons, d.act(label, actionVisitDigit, k))
		}
		d.row(buttons...)
	}
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSave}, actionVisitSave, v.Nonce))
}

// visitText takes a typed street name while the street screen is open.
func (st *step) visitText(text string) bool {
	if st.session.Screen != ScreenVisit || (st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator) {
		return false
	}
	name := strings.Join(strings.Fields(text), " ")
	if name == "" || utf8.RuneCountInString(name) > maxStreet || strings.IndexFunc(name, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '\'' || r == '.')
	}) >= 0 {
		st.fallback(MsgVisitBadStreet)
		return true
	}
	st.startVisit(name)
	return true
}

func (st *step) startVisit(street string) {
	st.session.Visit = &visitDraft{Nonce: strconv.FormatInt(st.now.UnixNano(), 36), Street: street}
	st.session.push(ScreenVisitCounts)
}

// visitAction runs the huisbezoek buttons, for staff only.
func (st *step) visitAction(p Payload) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator {
		return false
	}
	if p.Action == actionVisitUndo {
		return st.undo(p.Arg, st.engine.cfg.Visits.UndoVisit, MsgVisitUndone)
	}
	if p.Action == actionVisitStreet {
		i, err := strconv.Atoi(p.Arg)
		list := st.streets()
		if err != nil || i < 0 || i >= len(list) {
			return false
		}
		st.startVisit(list[i])
		return true
	}
	v := st.session.Visit
	if v == nil {
		return false
	}
	switch p.Action {
	case actionVisitField:
		i, err := strconv.Atoi(p.Arg)
		if err != nil || i < 0 || i >= len(visitFields) {
			return false
		}
		v.Field = i
	case actionVisitDigit:
		c := &v.Counts[v.Field]
		switch {
		case p.Arg == "x":
			*c /= 10
		case len(p.Arg) == 1 && p.Arg[0] >= '0' && p.Arg[0] <= '9':
			if next := *c*10 + int(p.Arg[0]-'0'); next <= maxCount {
				*c = next
			}
		default:
			return false
		}
	case actionVisitSave:
		if p.Arg != v.Nonce {
			return false
		}
		if v.Counts[1] > v.Counts[0] || v.Counts[2] > v.Counts[1] {
			// Reached doors cannot outnumber rung ones, nor
			// conversations reached ones: a slip of the finger.
			st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgVisitImpossible})
			return true
		}
		visit := spreekuurbot.Visit{Time: st.now, Street: v.Street, Rung: v.Counts[0], Reached: v.Counts[1], Conversations: v.Counts[2], Referrals: v.Counts[3]}
		id, err := st.engine.cfg.Visits.AddVisit(st.ctx, st.saveRequest("visit", v.Nonce), st.userID, visit)
		if err != nil {
			st.abort(fmt.Errorf("save visit: %w", err))
			return true
		}
		st.session.Visit = nil
		st.session.home()
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgVisitSaved, Args: map[string]any{"Street": visit.Street}})
		st.offerUndo(actionVisitUndo, id)
	default:
		return false
	}
	return true
}
