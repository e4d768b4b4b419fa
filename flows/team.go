package flows

import (
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
			{kind: string(ScreenVolunteers), roles: coordinators, load: loadTeam, draw: drawVolunteers},
			{kind: kindVolunteer, roles: coordinators, valid: validID, load: loadTeam, draw: drawVolunteer},
			{kind: kindVolunteerRemove, roles: coordinators, valid: validID, load: loadTeam, draw: drawVolunteerRemove},
			{kind: string(ScreenMyLanguages), roles: staff, load: func(st *step, _ string) { st.spoken() }, draw: drawMyLanguages},
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

// loadTeam reads every volunteer, for the coordinators' screens.
func loadTeam(st *step, _ string) { st.team() }

func (st *step) team() []spreekuurbot.VolunteerInfo {
	if st.view.team == nil && !st.read("volunteers", func() error {
		list, err := st.engine.cfg.Team.AllVolunteers(st.ctx)
		st.view.team = &list
		return err
	}) {
		return nil
	}
	return *st.view.team
}

// changeMember changes one volunteer in the step's view of the team, as
// the effect the step asked for will change them in the store.
func (st *step) changeMember(userID int64, change func(*spreekuurbot.VolunteerInfo)) {
	team := slices.Clone(st.team())
	for i := range team {
		if team[i].UserID == userID {
			team[i].Locations = slices.Clone(team[i].Locations)
			change(&team[i])
		}
	}
	st.view.team = &team
}

// spoken lists the languages the volunteer speaks.
func (st *step) spoken() []string {
	if st.view.spoken == nil && !st.read("spoken languages", func() error {
		list, err := st.engine.cfg.Team.SpokenLanguages(st.ctx, st.userID)
		st.view.spoken = &list
		return err
	}) {
		return nil
	}
	return *st.view.spoken
}

// volunteerLabel names a volunteer to the coordinators: by the first name
// they shared, else by their number in the order of joining ("Volunteer
// 3"), never by any part of their Telegram ID.
func volunteerLabel(v spreekuurbot.VolunteerInfo) spreekuurbot.Msg {
	if v.Name != "" {
		return plain(v.Name)
	}
	return spreekuurbot.Msg{ID: MsgVolunteerNoName, Args: map[string]any{"Number": v.Number}}
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
		on := !slices.Contains(v.Locations, loc)
		st.effects = append(st.effects, SetVolunteerPlace{UserID: v.UserID, Place: loc, On: on})
		st.changeMember(v.UserID, func(m *spreekuurbot.VolunteerInfo) {
			m.Locations = slices.DeleteFunc(m.Locations, func(l string) bool { return l == loc })
			if on {
				m.Locations = append(m.Locations, loc)
				slices.Sort(m.Locations)
			}
		})
	case actionVolunteerRemove:
		v, ok := st.member(p.Arg)
		if !ok {
			return false
		}
		st.effects = append(st.effects, RemoveVolunteer{UserID: v.UserID})
		team := slices.DeleteFunc(slices.Clone(st.team()), func(m spreekuurbot.VolunteerInfo) bool { return m.UserID == v.UserID })
		st.view.team = &team
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
	st.effects = append(st.effects, SetVolunteerName{Name: name})
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
	spoken := d.st.spoken()
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
	spoken := st.spoken()
	if st.err != nil {
		return true
	}
	on := !slices.Contains(spoken, lang)
	st.effects = append(st.effects, SetSpokenLanguage{Lang: lang, On: on})
	spoken = slices.DeleteFunc(slices.Clone(spoken), func(l string) bool { return l == lang })
	if on {
		spoken = append(spoken, lang)
	}
	st.view.spoken = &spoken
	return true
}
