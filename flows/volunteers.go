package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
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

// confirmations are the buttons on a volunteer's notice of a new
// appointment: "I'll take it" and "Can't".
func confirmations() flow {
	return flow{
		name:    "confirmations",
		actions: []action{{codes: []string{actionTake, actionCant}, do: (*step).volunteerAction}},
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
			return st.fail(fmt.Errorf("create invite: %w", err))
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
		st.fail(fmt.Errorf("join: %w", err))
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

// noticeMsg tells volunteers what happened to an appointment: when, what
// about, and in which language, so someone who speaks it can come. No
// name, no chat ID.
func noticeMsg(id spreekuurbot.MsgID, l *spreekuurbot.Location, b spreekuurbot.Booking) spreekuurbot.Msg {
	topic, _ := topicMsg(b.Topic)
	return spreekuurbot.Msg{ID: id, Args: map[string]any{
		"Name": l.Name, "Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(),
		"Topic": spreekuurbot.Msg{ID: topic}, "Language": spreekuurbot.LanguageOf(b.Lang),
	}}
}

// Actions on a volunteer's notice of a new appointment.
const (
	actionTake = "vc" // confirm: I take it
	actionCant = "vx" // I can't
)

// volunteerAction runs "Confirm" and "Can't" on a notice, checking on the
// server that the person volunteers at the appointment's place.
func (st *step) volunteerAction(p Payload) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator || !validBookingID(nil, p.Arg) {
		return false
	}
	b, owner, err := st.engine.cfg.Bookings.BookingByID(st.ctx, p.Arg)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		st.notice = &spreekuurbot.Msg{ID: MsgAppointmentGone}
		st.noDraw = true
		return true
	}
	if err != nil {
		return st.fail(err)
	}
	l := st.engine.locs().byID[b.Slot.Location]
	if l == nil || st.role == spreekuurbot.Volunteer && !slices.Contains(st.staffLocations(), l.ID) {
		return false
	}
	notice := noticeMsg(MsgNotifyNew, l, b)
	st.noDraw = true
	if p.Action == actionCant {
		st.notice = &spreekuurbot.Msg{ID: MsgCantNoted}
		return true
	}
	won := owner == st.userID
	if owner == 0 {
		if won, err = st.engine.cfg.Bookings.Claim(st.ctx, b.ID, st.userID); err != nil {
			return st.fail(err)
		}
	}
	if !won {
		st.notice = &spreekuurbot.Msg{ID: MsgAlreadyTaken}
		st.extra = append(st.extra, Reply{Edit: true, Text: []spreekuurbot.Msg{notice, {ID: MsgAlreadyTaken}}})
		return true
	}
	name := st.firstName
	if name == "" {
		name = "?"
	}
	st.extra = append(st.extra, Reply{Edit: true, Text: []spreekuurbot.Msg{notice, {ID: MsgYouTook}}})
	st.effects = append(st.effects,
		EditNotices{Booking: b.ID, Except: st.userID, Msg: spreekuurbot.Msg{ID: MsgTakenBy, Args: map[string]any{"Name": name, "Notice": notice}}},
		NotifyUser{To: spreekuurbot.Recipient{UserID: b.UserID, Lang: b.Lang}, Msg: spreekuurbot.Msg{ID: MsgResidentConfirmed, Args: map[string]any{
			"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": l.Name,
		}}},
	)
	return true
}

// unconfirmedAlert tells a coordinator that nobody took an appointment in
// time; nothing when someone has meanwhile, or it was cancelled or moved.
func (e *Engine) unconfirmedAlert(ctx context.Context, r spreekuurbot.DueReminder) (Reply, bool, error) {
	b, owner, err := e.cfg.Bookings.BookingByID(ctx, r.Booking)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		return Reply{}, false, nil
	}
	if err != nil {
		return Reply{}, false, fmt.Errorf("unconfirmed booking: %w", err)
	}
	l := e.locs().byID[b.Slot.Location]
	if owner != 0 || b.Slot.ID() != r.Slot || l == nil {
		return Reply{}, false, nil
	}
	return Reply{Text: []spreekuurbot.Msg{noticeMsg(MsgUnconfirmed, l, b)}}, true, nil
}

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
		st.fail(fmt.Errorf("volunteers: %w", err))
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
			return st.fail(err)
		}
	case actionVolunteerRemove:
		v, ok := st.member(p.Arg)
		if !ok {
			return false
		}
		if err := st.engine.cfg.Team.RemoveVolunteer(st.ctx, v.UserID); err != nil {
			return st.fail(err)
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
		return st.fail(err)
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
		d.st.fail(fmt.Errorf("spoken languages: %w", err))
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
		return st.fail(err)
	}
	if err := st.engine.cfg.Team.SetSpokenLanguage(st.ctx, st.userID, lang, !slices.Contains(spoken, lang)); err != nil {
		return st.fail(err)
	}
	return true
}
