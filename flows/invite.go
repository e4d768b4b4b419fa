package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"spreekuurbot"
)

// Actions of the coordinator's invite screen.
const (
	actionTogglePick = "t" // pick or unpick location Arg for the invite
	actionInvite     = "i" // make the invite link
)

// ScreenInvite is where a coordinator picks locations for a new
// volunteer's invite link.
const ScreenInvite Screen = "inv"

// invite is a coordinator's /invite: a one-time link that makes someone a
// volunteer of the places picked.
func invite() flow {
	return flow{
		name:     "invite",
		screens:  []screen{{kind: string(ScreenInvite), roles: coordinators, draw: drawInvite}},
		actions:  []action{{codes: []string{actionTogglePick, actionInvite}, do: (*step).coordinatorAction}},
		commands: []command{{Command{"invite", MsgCommandInvite}, ScreenInvite, coordinators}},
	}
}

func drawInvite(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgInviteChoose})
	for _, l := range d.engine().locs().list {
		label := MsgLocationLabel
		if slices.Contains(d.session().Picks, l.ID) {
			label = MsgInvitePicked
		}
		d.row(d.act(spreekuurbot.Msg{ID: label, Args: map[string]any{"Name": l.Name, "Wijk": l.Wijk}}, actionTogglePick, l.ID))
	}
	if len(d.session().Picks) > 0 {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonMakeInvite}, actionInvite, ""))
	}
}

// coordinatorAction runs the invite screen's buttons, checking the role on
// the server: a resident with a copied button gets nothing.
func (st *step) coordinatorAction(p Payload) bool {
	if st.role != spreekuurbot.Coordinator {
		return false
	}
	switch p.Action {
	case actionTogglePick:
		if st.engine.locs().byID[p.Arg] == nil {
			return false
		}
		if slices.Contains(st.session.Picks, p.Arg) {
			st.session.Picks = without(st.session.Picks, p.Arg)
		} else {
			st.session.Picks = addString(st.session.Picks, p.Arg)
		}
		return true
	case actionInvite:
		if len(st.session.Picks) == 0 {
			return false
		}
		code, err := st.engine.cfg.Volunteers.CreateInvite(st.ctx, st.session.Picks)
		if err != nil {
			st.abort(fmt.Errorf("create invite: %w", err))
			return true
		}
		link := fmt.Sprintf("https://t.me/%s?start=%s", st.engine.cfg.BotUsername(), code)
		st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgInviteLink, Args: map[string]any{"Link": link, "Names": st.locationNames(st.session.Picks)}}}})
		st.session.Picks = nil
		st.session.home()
		return true
	}
	return false
}

// join makes the person a volunteer through the invite code in a deep
// link (/start <code>).
func (st *step) join(code string) {
	locs, err := st.engine.cfg.Volunteers.Join(st.ctx, st.userID, code)
	if errors.Is(err, spreekuurbot.ErrInviteInvalid) {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgInviteInvalid})
		return
	}
	if err != nil {
		st.abort(fmt.Errorf("join: %w", err))
		return
	}
	if st.role == spreekuurbot.Resident {
		st.role = spreekuurbot.Volunteer
	}
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgJoined, Args: map[string]any{"Names": st.locationNames(locs)}})
	st.effects = append(st.effects, SetCommands{Role: st.role, Lang: st.session.Lang})
	// May the coordinators see the first name Telegram shows? Asked once;
	// without a yes nothing is stored.
	st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgNameQuestion}}, Buttons: [][]Button{{
		{Label: spreekuurbot.Msg{ID: MsgYes}, Data: st.engine.codec.sign(st.userID, Payload{Action: actionShareName, Arg: "1"})},
		{Label: spreekuurbot.Msg{ID: MsgNo}, Data: st.engine.codec.sign(st.userID, Payload{Action: actionShareName, Arg: "0"})},
	}}})
}

func (st *step) locationNames(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if l := st.engine.locs().byID[id]; l != nil {
			names = append(names, l.Name)
		}
	}
	return strings.Join(names, ", ")
}
