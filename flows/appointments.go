package flows

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"spreekuurbot"
)

// Appointment reminders: the evening before, and shortly before.
const (
	eveningHour     = 19
	soonBefore      = 2 * time.Hour
	eveningWindow   = 3 * time.Hour
	appointmentNote = 30 * time.Minute // the .ics alarm
)

// appointments is "My appointments": see, move, cancel, confirm coming.
func appointments() flow {
	return flow{
		name: "appointments",
		screens: []screen{
			{kind: string(ScreenAppointments), load: loadAppointments, draw: drawAppointments, label: MsgButtonAppointments},
			{kind: kindAppointment, valid: validBookingID, load: loadBookings, draw: drawAppointment},
			{kind: kindMoveDay, valid: validBookingID, load: loadMoveSlots, draw: drawMoveDay},
			{kind: kindMoveTime, valid: func(_ *Engine, arg string) bool {
				id, day, ok := strings.Cut(arg, ".")
				_, dok := spreekuurbot.ParseCompactDate(day)
				return ok && dok && validBookingID(nil, id)
			}, load: loadMoveSlots, draw: drawMoveTime},
			{kind: kindCancel, valid: validBookingID, load: loadBookings, draw: drawCancel},
		},
		actions: []action{
			{codes: []string{actionMove}, do: func(st *step, p Payload) bool { return st.move(p.Arg) }},
			{codes: []string{actionCancel}, do: func(st *step, p Payload) bool { return st.cancel(p.Arg) }},
			{codes: []string{actionComing}, do: func(st *step, p Payload) bool { return st.coming(p.Arg) }},
		},
		commands: []command{{Command{"appointments", MsgCommandAppointments}, ScreenAppointments, nil}},
	}
}

func validBookingID(_ *Engine, id string) bool {
	if len(id) != 16 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// myBookings loads the person's coming appointments once per step.
func (st *step) myBookings() []spreekuurbot.Booking {
	if st.view.bookings == nil {
		st.read("list bookings", func() error {
			list, err := st.engine.cfg.Bookings.Bookings(st.ctx, st.userID, st.now)
			st.view.bookings = &list
			return err
		})
	}
	if st.view.bookings == nil {
		return nil
	}
	return *st.view.bookings
}

// mine finds one of the person's bookings: another person's ID finds
// nothing, whatever the button says.
func (st *step) mine(id string) (spreekuurbot.Booking, *spreekuurbot.Location, bool) {
	for _, b := range st.myBookings() {
		if b.ID == id {
			if l := st.engine.locs().byID[b.Slot.Location]; l != nil {
				return b, l, true
			}
		}
	}
	return spreekuurbot.Booking{}, nil, false
}

// loadMoveSlots reads the person's appointments and the free slots of the
// place of the one being moved.
func loadMoveSlots(st *step, arg string) {
	id, _, _ := strings.Cut(arg, ".")
	if _, l, ok := st.mine(id); ok {
		st.freeSlots(l)
	}
}

// loadAppointments reads the person's appointments and the places they
// wait for.
func loadAppointments(st *step, _ string) {
	st.myBookings()
	st.myWaiting()
	st.myHeld()
}

func drawAppointments(d *drawing, _ string) {
	// A time held for the person runs out within 30 minutes: first.
	if o, ok := d.st.myHeld(); ok {
		d.drawHeld(o)
	}
	list := d.st.myBookings()
	if len(list) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgAppointmentsNone})
		d.drawWaiting()
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonBook}, ScreenBook))
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgAppointmentsTitle})
	for _, b := range list {
		l := d.engine().locs().byID[b.Slot.Location]
		if l == nil {
			continue
		}
		topic, _ := topicMsg(b.Topic)
		d.say(spreekuurbot.Msg{ID: MsgAppointmentLine, Tight: true, Args: map[string]any{"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": l.Name, "Topic": spreekuurbot.Msg{ID: topic}}})
		if closedOn(l, b) {
			d.say(spreekuurbot.Msg{ID: MsgAppointmentClosed, Tight: true})
		}
		d.row(d.open(spreekuurbot.Msg{ID: MsgAppointmentButton, Args: map[string]any{"Date": ShortDateMsg(b.Slot.Date), "Time": b.Slot.Start.String()}}, screenOf(kindAppointment, b.ID)))
	}
	d.drawWaiting()
}

// booking finds the person's appointment a screen is about; when it is
// gone (or never was theirs) the screen says so and offers their list.
func (d *drawing) booking(id string) (spreekuurbot.Booking, *spreekuurbot.Location, bool) {
	b, l, ok := d.st.mine(id)
	if !ok {
		d.say(spreekuurbot.Msg{ID: MsgAppointmentGone})
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonAppointments}, ScreenAppointments))
	}
	return b, l, ok
}

func drawAppointment(d *drawing, id string) {
	b, l, ok := d.booking(id)
	if !ok {
		return
	}
	topic, _ := topicMsg(b.Topic)
	if closedOn(l, b) {
		d.say(spreekuurbot.Msg{ID: MsgAppointmentClosed})
	}
	d.say(summaryMsg(l, b.Slot, topic))
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonMove}, screenOf(kindMoveDay, b.ID)), d.open(spreekuurbot.Msg{ID: MsgButtonCancel}, screenOf(kindCancel, b.ID)))
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonMap}, actionVenue, l.ID))
}

func drawMoveDay(d *drawing, id string) {
	b, l, ok := d.booking(id)
	if !ok {
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgMoveChooseDay, Args: map[string]any{"Name": l.Name}})
	d.dayButtons(d.st.freeSlots(l), func(day spreekuurbot.Date) Screen { return screenOf(kindMoveTime, b.ID+"."+day.Compact()) })
}

func drawMoveTime(d *drawing, arg string) {
	id, dayStr, _ := strings.Cut(arg, ".")
	b, l, ok := d.booking(id)
	if !ok {
		return
	}
	day, _ := spreekuurbot.ParseCompactDate(dayStr)
	d.say(spreekuurbot.Msg{ID: MsgBookChooseTime, Args: map[string]any{"Date": DateMsg(day)}})
	d.timeButtons(d.st.freeSlots(l)[day], func(s spreekuurbot.Slot) Button {
		return d.act(plain(s.Start.String()), actionMove, b.ID+"."+day.Compact()+"."+hhmm(s.Start))
	})
}

// move puts the booking into the slot the button names, after checking
// both on the server.
func (st *step) move(arg string) bool {
	parts := strings.Split(arg, ".")
	if len(parts) != 3 || !validBookingID(nil, parts[0]) {
		return false
	}
	b, l, ok := st.mine(parts[0])
	if !ok {
		return false
	}
	day, dok := spreekuurbot.ParseCompactDate(parts[1])
	start, sok := parseHHMM(parts[2])
	if !dok || !sok {
		return false
	}
	slot, err := l.FindSlot(day, start, st.now)
	if err != nil {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookGone})
		return true
	}
	offers, err := st.engine.cfg.Waitlist.MoveAndOffer(st.ctx, st.requestID(actionMove, arg), st.userID, b.ID, slot, st.engine.cfg.Zone, st.now, st.engine.openSlot(st.now))
	switch {
	case errors.Is(err, spreekuurbot.ErrSlotFull):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookFull})
		return true
	case errors.Is(err, spreekuurbot.ErrNoSuchBooking):
		return false
	case err != nil:
		st.abort(err)
		return true
	}
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyCancelled, l, b)}, SendOffers{Offers: offers})
	b.Slot = slot
	st.booked(b, l, MsgMoved)
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyNew, l, b), Booking: b.ID})
	st.session.home()
	st.session.push(ScreenAppointments)
	st.view.bookings, st.view.free = nil, nil // the lists changed
	return true
}

func drawCancel(d *drawing, id string) {
	b, l, ok := d.booking(id)
	if !ok {
		return
	}
	topic, _ := topicMsg(b.Topic)
	d.say(summaryMsg(l, b.Slot, topic), spreekuurbot.Msg{ID: MsgCancelConfirm})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonCancelYes}, actionCancel, b.ID))
}

// cancel frees the person's booking.
func (st *step) cancel(id string) bool {
	if !validBookingID(nil, id) {
		return false
	}
	b, l, ok := st.mine(id)
	if !ok {
		return false
	}
	// The freed place goes to the first person waiting, in the same step.
	offers, err := st.engine.cfg.Waitlist.CancelAndOffer(st.ctx, st.requestID(actionCancel, id), st.userID, id, st.engine.openSlot(st.now), st.now)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		return false
	}
	if err != nil {
		st.abort(err)
		return true
	}
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyCancelled, l, b)}, SendOffers{Offers: offers})
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgCancelled})
	st.session.home()
	st.session.push(ScreenAppointments)
	st.view.bookings, st.view.free = nil, nil
	return true
}

// coming answers "I'm coming" on a reminder: thanks, and the reminder
// stays as it is.
func (st *step) coming(id string) bool {
	if _, _, ok := st.mine(id); !ok {
		return false
	}
	st.notice = &spreekuurbot.Msg{ID: MsgComingThanks}
	st.noDraw = true
	return true
}

// ShortDateMsg shows a day without the year: "Tuesday 24 November".
func ShortDateMsg(d spreekuurbot.Date) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgDateShort, Args: map[string]any{
		"Weekday": spreekuurbot.Msg{ID: weekdayMsgs[d.Weekday()]}, "Day": d.Day, "Month": spreekuurbot.Msg{ID: monthMsgs[d.Month-1]},
	}}
}

// AppointmentReminder is the message a due appointment reminder sends,
// with "I'm coming" and "Cancel". It reports false when the booking is
// gone or was moved: then nothing is sent.
func (e *Engine) appointmentReminder(ctx context.Context, r spreekuurbot.DueReminder, list []spreekuurbot.Booking) (Reply, bool, error) {
	for _, b := range list {
		if b.ID != r.Booking || b.Slot.ID() != r.Slot {
			continue
		}
		l := e.locs().byID[b.Slot.Location]
		if l == nil {
			return Reply{}, false, nil
		}
		evening := r.Until.Sub(r.At) > soonBefore
		if closedOn(l, b) {
			if !evening {
				return Reply{}, false, nil
			}
			return e.cancelOnClosedDay(ctx, l, b)
		}
		id := MsgReminderSoon
		if evening {
			id = MsgReminderEvening
		}
		// Seq 0: these buttons work on any screen, later too.
		coming := e.codec.sign(r.UserID, Payload{Action: actionComing, Arg: b.ID})
		cancel := e.codec.sign(r.UserID, Payload{Action: actionOpen, Arg: string(screenOf(kindCancel, b.ID))})
		reply := Reply{
			Text: append([]spreekuurbot.Msg{{ID: id, Args: map[string]any{"Time": b.Slot.Start.String(), "Name": l.Name, "Address": l.Address}}}, arrivalReminder(l)...),
			Buttons: [][]Button{{
				{Label: spreekuurbot.Msg{ID: MsgButtonComing}, Data: coming},
				{Label: spreekuurbot.Msg{ID: MsgButtonCancel}, Data: cancel},
			}},
		}
		if l.Arrival != nil {
			before := e.codec.sign(r.UserID, Payload{Action: actionOpen, Arg: string(screenOf(kindArrival, l.ID))})
			reply.Buttons = append(reply.Buttons, []Button{{Label: spreekuurbot.Msg{ID: MsgButtonArrival}, Data: before}})
		}
		return reply, true, nil
	}
	return Reply{}, false, nil
}
