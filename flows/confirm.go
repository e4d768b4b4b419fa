package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"spreekuurbot"
)

// confirmations are the buttons on a volunteer's notice of a new
// appointment: "I'll take it" and "Can't".
func confirmations() flow {
	return flow{
		name:    "confirmations",
		actions: []action{{codes: []string{actionTake, actionCant}, do: (*step).volunteerAction}},
	}
}

// noticeMsg tells volunteers what happened to an appointment: when, what
// about, and in which language, so someone who speaks it can come. No
// name, no chat ID.
func noticeMsg(id spreekuurbot.MsgID, l *spreekuurbot.Location, b spreekuurbot.Booking) spreekuurbot.Msg {
	topic, _ := topicMsg(b.Topic)
	m := spreekuurbot.Msg{ID: id, Args: map[string]any{
		"Name": l.Name, "Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(),
		"Topic": spreekuurbot.Msg{ID: topic}, "Language": spreekuurbot.LanguageOf(b.Lang),
	}}
	if id != MsgNotifyNew {
		return m
	}
	// What the resident answered to the booking's question, a line each.
	if b.Company {
		m = spreekuurbot.Msg{ID: MsgNotifyWithNeeds, Args: map[string]any{"Notice": m, "Needs": spreekuurbot.Msg{ID: MsgNeedsCompany}}}
	}
	if b.OwnLanguage {
		m = spreekuurbot.Msg{ID: MsgNotifyWithNeeds, Args: map[string]any{"Notice": m,
			"Needs": spreekuurbot.Msg{ID: MsgNeedsOwnLanguage, Args: map[string]any{"Language": spreekuurbot.LanguageOf(b.Lang)}}}}
	}
	return m
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
		st.abort(err)
		return true
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
			st.abort(err)
			return true
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
	if owner != 0 || b.Slot.ID() != r.Slot || l == nil || closedOn(l, b) {
		return Reply{}, false, nil
	}
	return Reply{Text: []spreekuurbot.Msg{noticeMsg(MsgUnconfirmed, l, b)}}, true, nil
}
