package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Actions of the coordinator's invite screen.
const (
	actionTogglePick = "t" // pick or unpick location Arg for the invite
	actionInvite     = "i" // make the invite link
)

// ScreenInvite is where a coordinator picks locations for a new
// volunteer's invite link.
const ScreenInvite Screen = "inv"

func init() {
	screens[string(ScreenInvite)] = screenDef{roles: []Role{Coordinator}, draw: drawInvite}
	addCommand("invite", MsgCommandInvite, ScreenInvite, []Role{Coordinator}...)
}

func drawInvite(d *drawing, _ string) {
	d.say(Msg{ID: MsgInviteChoose})
	for _, l := range d.engine().cfg.Locations {
		label := MsgLocationLabel
		if containsString(d.session().Picks, l.ID) {
			label = MsgInvitePicked
		}
		d.row(d.act(Msg{ID: label, Args: map[string]any{"Name": l.Name, "Wijk": l.Wijk}}, actionTogglePick, l.ID))
	}
	if len(d.session().Picks) > 0 {
		d.row(d.act(Msg{ID: MsgButtonMakeInvite}, actionInvite, ""))
	}
}

// coordinatorAction runs the invite screen's buttons, checking the role on
// the server: a resident with a copied button gets nothing.
func (st *step) coordinatorAction(p Payload) bool {
	if st.role != Coordinator {
		return false
	}
	switch p.Action {
	case actionTogglePick:
		if st.engine.locations[p.Arg] == nil {
			return false
		}
		if containsString(st.session.Picks, p.Arg) {
			st.session.Picks = removeString(st.session.Picks, p.Arg)
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
		st.extra = append(st.extra, Reply{Text: []Msg{{ID: MsgInviteLink, Args: map[string]any{"Link": link, "Names": st.locationNames(st.session.Picks)}}}})
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
	if errors.Is(err, ErrInviteInvalid) {
		st.lead = append(st.lead, Msg{ID: MsgInviteInvalid})
		return
	}
	if err != nil {
		st.fail(fmt.Errorf("join: %w", err))
		return
	}
	if st.role == Resident {
		st.role = Volunteer
	}
	st.lead = append(st.lead, Msg{ID: MsgJoined, Args: map[string]any{"Names": st.locationNames(locs)}})
	st.effects = append(st.effects, SetCommands{Role: st.role, Lang: st.session.Lang})
}

func (st *step) locationNames(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if l := st.engine.locations[id]; l != nil {
			names = append(names, l.Name)
		}
	}
	return strings.Join(names, ", ")
}

// noticeMsg tells volunteers what happened to an appointment: when, what
// about, and in which language, so someone who speaks it can come. No
// name, no chat ID.
func noticeMsg(id MsgID, l *Location, b Booking) Msg {
	topic, _ := topicMsg(b.Topic)
	return Msg{ID: id, Args: map[string]any{
		"Name": l.Name, "Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(),
		"Topic": Msg{ID: topic}, "Language": LanguageOf(b.Lang),
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
	if st.role != Volunteer && st.role != Coordinator || !validBookingID(nil, p.Arg) {
		return false
	}
	b, owner, err := st.engine.cfg.Bookings.BookingByID(st.ctx, p.Arg)
	if errors.Is(err, ErrNoSuchBooking) {
		st.notice = &Msg{ID: MsgAppointmentGone}
		st.noDraw = true
		return true
	}
	if err != nil {
		return st.fail(err)
	}
	l := st.engine.locations[b.Slot.Location]
	if l == nil || st.role == Volunteer && !containsString(st.staffLocations(), l.ID) {
		return false
	}
	notice := noticeMsg(MsgNotifyNew, l, b)
	st.noDraw = true
	if p.Action == actionCant {
		st.notice = &Msg{ID: MsgCantNoted}
		return true
	}
	won := owner == st.userID
	if owner == 0 {
		if won, err = st.engine.cfg.Bookings.Claim(st.ctx, b.ID, st.userID); err != nil {
			return st.fail(err)
		}
	}
	if !won {
		st.notice = &Msg{ID: MsgAlreadyTaken}
		st.extra = append(st.extra, Reply{Edit: true, Text: []Msg{notice, {ID: MsgAlreadyTaken}}})
		return true
	}
	name := st.firstName
	if name == "" {
		name = "?"
	}
	st.extra = append(st.extra, Reply{Edit: true, Text: []Msg{notice, {ID: MsgYouTook}}})
	st.effects = append(st.effects,
		EditNotices{Booking: b.ID, Except: st.userID, Msg: Msg{ID: MsgTakenBy, Args: map[string]any{"Name": name, "Notice": notice}}},
		NotifyUser{To: Recipient{UserID: b.UserID, Lang: b.Lang}, Msg: Msg{ID: MsgResidentConfirmed, Args: map[string]any{
			"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": l.Name,
		}}},
	)
	return true
}

// unconfirmedAlert tells a coordinator that nobody took an appointment in
// time; nothing when someone has meanwhile, or it was cancelled or moved.
func (e *Engine) unconfirmedAlert(ctx context.Context, r DueReminder) (Reply, bool, error) {
	b, owner, err := e.cfg.Bookings.BookingByID(ctx, r.Booking)
	if errors.Is(err, ErrNoSuchBooking) {
		return Reply{}, false, nil
	}
	if err != nil {
		return Reply{}, false, fmt.Errorf("unconfirmed booking: %w", err)
	}
	l := e.locations[b.Slot.Location]
	if owner != 0 || b.Slot.ID() != r.Slot || l == nil {
		return Reply{}, false, nil
	}
	return Reply{Text: []Msg{noticeMsg(MsgUnconfirmed, l, b)}}, true, nil
}
