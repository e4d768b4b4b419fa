package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"spreekuurbot"
)

// ScreenVolunteers is the coordinators' list of the team.
const ScreenVolunteers Screen = "vols"

// Screens and actions of /volunteers, and the name question on joining.
const (
	kindVolunteer       = "vol"   // <user ID>
	kindVolunteerRemove = "volrm" // <user ID>

	actionVolunteerPlace  = "vt" // toggle "<user ID>.<location>"
	actionVolunteerRemove = "vr" // <user ID>
	actionShareName       = "nm" // "1": show my first name; "0": don't
)

// team is a coordinator's /volunteers (who volunteers where) and a
// volunteer's own settings: the languages they speak, their shared name.
func team() flow {
	validID := func(_ *Engine, arg string) bool { _, err := strconv.ParseInt(arg, 10, 64); return err == nil }
	return flow{
		name: "team",
		screens: []screen{
			{kind: string(ScreenVolunteers), roles: coordinators, draw: drawVolunteers},
			{kind: kindVolunteer, roles: coordinators, valid: validID, draw: drawVolunteer},
			{kind: kindVolunteerRemove, roles: coordinators, valid: validID, draw: drawVolunteerRemove},
			{kind: string(ScreenMyLanguages), roles: staff, draw: drawMyLanguages},
		},
		actions: []action{
			{codes: []string{actionVolunteerPlace, actionVolunteerRemove}, do: (*step).teamAction},
			{codes: []string{actionShareName}, do: func(st *step, p Payload) bool { return st.shareName(p.Arg) }},
			{codes: []string{actionSpeaks}, do: func(st *step, p Payload) bool { return st.speaksAction(p.Arg) }},
		},
		commands: []command{
			{Command{"volunteers", MsgCommandVolunteers}, ScreenVolunteers, coordinators},
			{Command{"mylanguages", MsgButtonMyLanguages}, ScreenMyLanguages, staff},
		},
	}
}

func (st *step) team() []spreekuurbot.VolunteerInfo {
	list, err := st.engine.cfg.Team.AllVolunteers(st.ctx)
	if err != nil {
		st.abort(fmt.Errorf("volunteers: %w", err))
	}
	return list
}

func volunteerLabel(v spreekuurbot.VolunteerInfo) spreekuurbot.Msg {
	if v.Name != "" {
		return plain(v.Name)
	}
	return spreekuurbot.Msg{ID: MsgVolunteerNoName, Args: map[string]any{"ID": strconv.FormatInt(v.UserID%10000, 10)}}
}

func drawVolunteers(d *drawing, _ string) {
	list := d.st.team()
	if len(list) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgVolunteersNone})
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandInvite}, ScreenInvite))
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgVolunteersTitle})
	for _, v := range list {
		d.say(spreekuurbot.Msg{ID: MsgVolunteerLine, Tight: true, Args: map[string]any{"Name": volunteerLabel(v), "Places": d.st.locationNames(v.Locations)}})
		d.row(d.open(volunteerLabel(v), screenOf(kindVolunteer, strconv.FormatInt(v.UserID, 10))))
	}
}

// member finds a volunteer for a coordinator's screen.
func (st *step) member(arg string) (spreekuurbot.VolunteerInfo, bool) {
	id, _ := strconv.ParseInt(arg, 10, 64)
	for _, v := range st.team() {
		if v.UserID == id {
			return v, true
		}
	}
	return spreekuurbot.VolunteerInfo{}, false
}

func drawVolunteer(d *drawing, arg string) {
	v, ok := d.st.member(arg)
	if !ok {
		d.say(spreekuurbot.Msg{ID: MsgVolunteersNone})
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgVolunteerPlaces, Args: map[string]any{"Name": volunteerLabel(v)}})
	for _, l := range d.engine().locs().list {
		label := locationLabel(&l)
		if slices.Contains(v.Locations, l.ID) {
			label = spreekuurbot.Msg{ID: MsgInvitePicked, Args: label.Args}
		}
		d.row(d.act(label, actionVolunteerPlace, arg+"."+l.ID))
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonRemoveVolunteer}, screenOf(kindVolunteerRemove, arg)))
}

func drawVolunteerRemove(d *drawing, arg string) {
	v, ok := d.st.member(arg)
	if !ok {
		d.say(spreekuurbot.Msg{ID: MsgVolunteersNone})
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgVolunteerRemoveConfirm, Args: map[string]any{"Name": volunteerLabel(v)}})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonRemoveVolunteer}, actionVolunteerRemove, arg))
}

// teamAction changes a volunteer's places or removes them: coordinators
// only, checked on the server.
func (st *step) teamAction(p Payload) bool {
	if st.role != spreekuurbot.Coordinator {
		return false
	}
	switch p.Action {
	case actionVolunteerPlace:
		idStr, loc, _ := strings.Cut(p.Arg, ".")
		v, ok := st.member(idStr)
		if !ok || st.engine.locs().byID[loc] == nil {
			return false
		}
		if err := st.engine.cfg.Team.SetVolunteerLocation(st.ctx, v.UserID, loc, !slices.Contains(v.Locations, loc)); err != nil {
			st.abort(err)
			return true
		}
	case actionVolunteerRemove:
		v, ok := st.member(p.Arg)
		if !ok {
			return false
		}
		if err := st.engine.cfg.Team.RemoveVolunteer(st.ctx, v.UserID); err != nil {
			st.abort(err)
			return true
		}
		// Their command menu goes back to a resident's.
		st.effects = append(st.effects, SetCommands{Role: spreekuurbot.Resident, ChatID: v.UserID})
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgVolunteerRemoved, Args: map[string]any{"Name": volunteerLabel(v)}})
		st.session.home()
		st.session.push(ScreenVolunteers)
	default:
		return false
	}
	return true
}

// shareName answers the question on joining: show my first name to the
// coordinators, or not. Only with a yes is the name stored.
func (st *step) shareName(arg string) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator {
		return false
	}
	name := ""
	if arg == "1" {
		name = st.firstName
	}
	if err := st.engine.cfg.Team.SetVolunteerName(st.ctx, st.userID, name); err != nil {
		st.abort(err)
		return true
	}
	st.notice = &spreekuurbot.Msg{ID: MsgNameSaved}
	st.extra = append(st.extra, Reply{Edit: true, Text: []spreekuurbot.Msg{{ID: MsgNameSaved}}})
	st.noDraw = true
	return true
}

// ScreenMyLanguages lets a volunteer say which languages they speak, so
// they hear first of appointments in those languages.
const ScreenMyLanguages Screen = "myl"

const actionSpeaks = "sp" // toggle language Arg

func drawMyLanguages(d *drawing, _ string) {
	spoken, err := d.engine().cfg.Team.SpokenLanguages(d.st.ctx, d.st.userID)
	if err != nil {
		d.st.abort(fmt.Errorf("spoken languages: %w", err))
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgMyLanguages})
	var buttons []Button
	for _, code := range d.engine().languages.Codes() {
		label := spreekuurbot.Msg{ID: MsgLanguageName, Lang: code}
		if slices.Contains(spoken, code) {
			label = spreekuurbot.Msg{ID: MsgPicked, Args: map[string]any{"Text": label}}
		}
		buttons = append(buttons, d.act(label, actionSpeaks, code))
	}
	d.pairs(buttons)
}

// speaksAction switches a spoken language of the volunteer on or off.
func (st *step) speaksAction(lang string) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator || !st.engine.languages.Has(lang) {
		return false
	}
	spoken, err := st.engine.cfg.Team.SpokenLanguages(st.ctx, st.userID)
	if err != nil {
		st.abort(err)
		return true
	}
	if err := st.engine.cfg.Team.SetSpokenLanguage(st.ctx, st.userID, lang, !slices.Contains(spoken, lang)); err != nil {
		st.abort(err)
		return true
	}
	return true
}
