package flows

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
)

// Button actions of the appointment flows.
const (
	actionBook   = "k" // book "<loc>.<topic>.<yyyymmdd>.<hhmm>"
	actionMove   = "m" // move "<booking>.<yyyymmdd>.<hhmm>"
	actionCancel = "c" // cancel "<booking>"
	actionComing = "y" // "I'm coming" on a reminder: "<booking>"
	actionExport = "d" // show my data
	actionForget = "f" // delete my data
)

// Topics a resident can book for, the same as the desks count help by.
var topics = []struct {
	code string
	msg  spreekuurbot.MsgID
}{
	{"lf", MsgTopicLetter}, {"ts", MsgTopicToeslagen}, {"tx", MsgTopicTax}, {"wn", MsgTopicWoningnet},
	{"dd", MsgTopicDigiD}, {"db", MsgTopicDebts}, {"po", MsgTopicPaperwork}, {"ot", MsgTopicOther},
}

func topicMsg(code string) (spreekuurbot.MsgID, bool) {
	for _, t := range topics {
		if t.code == code {
			return t.msg, true
		}
	}
	return "", false
}

// Appointment reminders: the evening before, and shortly before.
const (
	eveningHour     = 19
	soonBefore      = 2 * time.Hour
	eveningWindow   = 3 * time.Hour
	appointmentNote = 30 * time.Minute // the .ics alarm
)

// booking is making an appointment: place, topic, day, time, summary.
func booking() flow {
	return flow{
		name: "booking",
		screens: []screen{
			{kind: string(ScreenBook), draw: drawBookLocation},
			{kind: kindBookTopic, valid: func(e *Engine, arg string) bool { return e.bookableLocation(arg) != nil }, draw: drawBookTopic},
			{kind: kindBookDay, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 2); return ok }, draw: drawBookDay},
			{kind: kindBookTime, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 3); return ok }, draw: drawBookTime},
			{kind: kindBookSummary, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 4); return ok }, draw: drawBookSummary},
		},
		actions:  []action{{codes: []string{actionBook}, do: func(st *step, p Payload) bool { return st.book(p.Arg) }}},
		commands: []command{{Command{"book", MsgCommandBook}, ScreenBook, nil}},
	}
}

// appointments is "My appointments": see, move, cancel, confirm coming.
func appointments() flow {
	return flow{
		name: "appointments",
		screens: []screen{
			{kind: string(ScreenAppointments), draw: drawAppointments},
			{kind: kindAppointment, valid: validBookingID, draw: drawAppointment},
			{kind: kindMoveDay, valid: validBookingID, draw: drawMoveDay},
			{kind: kindMoveTime, valid: func(_ *Engine, arg string) bool {
				id, day, ok := strings.Cut(arg, ".")
				_, dok := spreekuurbot.ParseCompactDate(day)
				return ok && dok && validBookingID(nil, id)
			}, draw: drawMoveTime},
			{kind: kindCancel, valid: validBookingID, draw: drawCancel},
		},
		actions: []action{
			{codes: []string{actionMove}, do: func(st *step, p Payload) bool { return st.move(p.Arg) }},
			{codes: []string{actionCancel}, do: func(st *step, p Payload) bool { return st.cancel(p.Arg) }},
			{codes: []string{actionComing}, do: func(st *step, p Payload) bool { return st.coming(p.Arg) }},
			{codes: []string{actionKeep}, do: func(st *step, p Payload) bool { return st.keep(p.Arg) }},
		},
		commands: []command{{Command{"appointments", MsgCommandAppointments}, ScreenAppointments, nil}},
	}
}

// privacy is what is kept, "show my data" and "delete my data".
func privacy() flow {
	return flow{
		name: "privacy",
		screens: []screen{
			{kind: string(ScreenPrivacy), draw: drawPrivacy},
			{kind: string(ScreenForget), draw: drawForget},
		},
		actions: []action{
			{codes: []string{actionExport}, do: func(st *step, _ Payload) bool { return st.export() }},
			{codes: []string{actionForget}, do: func(st *step, _ Payload) bool { st.forget(); return true }},
		},
		commands: []command{
			{Command{"privacy", MsgCommandPrivacy}, ScreenPrivacy, nil},
			{Command{"forget", MsgCommandForget}, ScreenForget, nil},
		},
	}
}

func validBookingID(_ *Engine, id string) bool {
	if len(id) != 16 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// bookable lists the locations that have slot rules.
func (e *Engine) bookable() []*spreekuurbot.Location {
	var out []*spreekuurbot.Location
	for i := range e.locs().list {
		if len(e.locs().list[i].Slots) > 0 {
			out = append(out, &e.locs().list[i])
		}
	}
	return out
}

func (e *Engine) bookableLocation(id string) *spreekuurbot.Location {
	if l := e.locs().byID[id]; l != nil && len(l.Slots) > 0 {
		return l
	}
	return nil
}

// bookArgs reads "<loc>.<topic>[.<yyyymmdd>[.<hhmm>]]" with n parts.
func (e *Engine) bookArgs(arg string, n int) (*spreekuurbot.Location, []string, bool) {
	parts := strings.Split(arg, ".")
	if len(parts) != n {
		return nil, nil, false
	}
	l := e.bookableLocation(parts[0])
	if l == nil {
		return nil, nil, false
	}
	if _, ok := topicMsg(parts[1]); !ok {
		return nil, nil, false
	}
	if n >= 3 {
		if _, ok := spreekuurbot.ParseCompactDate(parts[2]); !ok {
			return nil, nil, false
		}
	}
	if n == 4 {
		if _, ok := parseHHMM(parts[3]); !ok {
			return nil, nil, false
		}
	}
	return l, parts, true
}

func parseHHMM(s string) (spreekuurbot.ClockTime, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || n/100 > 23 || n%100 > 59 {
		return 0, false
	}
	return spreekuurbot.ClockTime(n/100*60 + n%100), true
}

func hhmm(c spreekuurbot.ClockTime) string { return fmt.Sprintf("%02d%02d", int(c)/60, int(c)%60) }

func drawBookLocation(d *drawing, _ string) {
	e := d.engine()
	if len(d.st.myBookings()) >= spreekuurbot.MaxFutureBookings {
		// Refused before the person picks anything, with the way out.
		d.say(spreekuurbot.Msg{ID: MsgBookLimit})
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonAppointments}, ScreenAppointments))
		return
	}
	locs := e.bookable()
	// After a shared location, the nearest first.
	rank := map[string]int{}
	for i, n := range d.session().Near {
		rank[n.Location] = i + 1
	}
	sort.SliceStable(locs, func(i, j int) bool {
		ri, rj := rank[locs[i].ID], rank[locs[j].ID]
		return ri != 0 && (rj == 0 || ri < rj)
	})
	d.say(spreekuurbot.Msg{ID: MsgBookChooseLocation})
	for _, l := range locs {
		d.row(d.open(locationLabel(l), screenOf(kindBookTopic, l.ID)))
	}
}

func drawBookTopic(d *drawing, loc string) {
	d.say(spreekuurbot.Msg{ID: MsgBookChooseTopic})
	var buttons []Button
	for _, t := range topics {
		buttons = append(buttons, d.open(spreekuurbot.Msg{ID: t.msg}, screenOf(kindBookDay, loc+"."+t.code)))
	}
	d.pairs(buttons)
}

// freeSlots returns the slots of l from today to BookingDays ahead that
// start after now and have room, by day.
func (st *step) freeSlots(l *spreekuurbot.Location) map[spreekuurbot.Date][]spreekuurbot.Slot {
	today := spreekuurbot.DateOf(st.now)
	var all []spreekuurbot.Slot
	for i := 0; i <= spreekuurbot.BookingDays; i++ {
		for _, s := range l.SlotsOn(today.AddDays(i)) {
			if s.Begins(st.engine.cfg.Zone).After(st.now) {
				all = append(all, s)
			}
		}
	}
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.ID()
	}
	taken, err := st.engine.cfg.Bookings.TakenMany(st.ctx, ids)
	if err != nil {
		st.fail(fmt.Errorf("count bookings: %w", err))
		return nil
	}
	// A slot the person already holds is no choice: one place per slot.
	mine := map[string]bool{}
	for _, b := range st.myBookings() {
		mine[b.Slot.ID()] = true
	}
	free := map[spreekuurbot.Date][]spreekuurbot.Slot{}
	for _, s := range all {
		if taken[s.ID()] < s.Capacity && !mine[s.ID()] {
			free[s.Date] = append(free[s.Date], s)
		}
	}
	return free
}

// dayButtons offers the days with room; open makes each day's screen.
func (d *drawing) dayButtons(free map[spreekuurbot.Date][]spreekuurbot.Slot, open func(spreekuurbot.Date) Screen) {
	var days []spreekuurbot.Date
	for day := range free {
		days = append(days, day)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	if len(days) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgBookNoDays})
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonSpreekuur}, ScreenSpreekuur))
		return
	}
	var buttons []Button
	for _, day := range days {
		buttons = append(buttons, d.open(ShortDateMsg(day), open(day)))
	}
	d.pairs(buttons)
}

// timeButtons offers the free times of one day.
func (d *drawing) timeButtons(slots []spreekuurbot.Slot, action func(spreekuurbot.Slot) Button) {
	if len(slots) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgBookNoDays})
		return
	}
	var row []Button
	for _, s := range slots {
		row = append(row, action(s))
		if len(row) == 4 {
			d.row(row...)
			row = nil
		}
	}
	if len(row) > 0 {
		d.row(row...)
	}
}

func drawBookDay(d *drawing, arg string) {
	l, parts, _ := d.engine().bookArgs(arg, 2)
	d.say(spreekuurbot.Msg{ID: MsgBookChooseDay, Args: map[string]any{"Name": l.Name}})
	d.dayButtons(d.st.freeSlots(l), func(day spreekuurbot.Date) Screen {
		return screenOf(kindBookTime, strings.Join(parts, ".")+"."+day.Compact())
	})
}

func drawBookTime(d *drawing, arg string) {
	l, parts, _ := d.engine().bookArgs(arg, 3)
	day, _ := spreekuurbot.ParseCompactDate(parts[2])
	d.say(spreekuurbot.Msg{ID: MsgBookChooseTime, Args: map[string]any{"Date": DateMsg(day)}})
	d.timeButtons(d.st.freeSlots(l)[day], func(s spreekuurbot.Slot) Button {
		return d.open(plain(s.Start.String()), screenOf(kindBookSummary, arg+"."+hhmm(s.Start)))
	})
}

func drawBookSummary(d *drawing, arg string) {
	l, parts, _ := d.engine().bookArgs(arg, 4)
	day, _ := spreekuurbot.ParseCompactDate(parts[2])
	start, _ := parseHHMM(parts[3])
	topic, _ := topicMsg(parts[1])
	d.say(summaryMsg(l, spreekuurbot.Slot{Location: l.ID, Date: day, Start: start}, topic))
	if !d.session().Consented {
		d.say(spreekuurbot.Msg{ID: MsgBookConsent})
	}
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonConfirm}, actionBook, arg))
}

func summaryMsg(l *spreekuurbot.Location, s spreekuurbot.Slot, topic spreekuurbot.MsgID) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgBookSummary, Args: map[string]any{
		"Date": DateMsg(s.Date), "Time": s.Start.String(), "Name": l.Name, "Address": l.Address, "Topic": spreekuurbot.Msg{ID: topic},
	}}
}

// requestID makes the same button press the same request, so a press
// Telegram delivers twice, or a retried command, books once.
func (st *step) requestID(action, arg string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d|%s|%s|%d", st.userID, action, arg, st.session.Seq)))
	return hex.EncodeToString(sum[:12])
}

// book makes the appointment the summary's button names, after checking
// the slot on the server.
func (st *step) book(arg string) bool {
	e := st.engine
	l, parts, ok := e.bookArgs(arg, 4)
	if !ok {
		return false
	}
	day, _ := spreekuurbot.ParseCompactDate(parts[2])
	start, _ := parseHHMM(parts[3])
	slot, err := l.FindSlot(day, start, st.now)
	if err != nil {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookGone})
		st.session.pop()
		return true
	}
	b, err := e.cfg.Bookings.Book(st.ctx, st.requestID(actionBook, arg), spreekuurbot.Booking{UserID: st.userID, Slot: slot, Topic: parts[1], Lang: st.session.Lang}, e.cfg.Zone, st.now)
	switch {
	case errors.Is(err, spreekuurbot.ErrSlotFull):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookFull})
		st.session.pop()
		return true
	case errors.Is(err, spreekuurbot.ErrLimitReached):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookLimit})
		st.session.home()
		st.session.push(ScreenAppointments)
		return true
	case err != nil:
		return st.fail(err)
	}
	st.session.Consented = true
	st.booked(b, l, MsgBookDone)
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyNew, l, b), Booking: b.ID})
	st.session.home()
	st.session.push(ScreenAppointments)
	return true
}

// booked says the appointment stands, sends its calendar file and map pin,
// and sets its reminders.
func (st *step) booked(b spreekuurbot.Booking, l *spreekuurbot.Location, said spreekuurbot.MsgID) {
	topic, _ := topicMsg(b.Topic)
	st.lead = append(st.lead, spreekuurbot.Msg{ID: said, Args: map[string]any{"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String()}})
	zone := st.engine.cfg.Zone
	begins := b.Slot.Begins(zone)
	st.extra = append(st.extra,
		Reply{Appointment: &AppointmentFile{
			Booking: b, Location: l, Start: begins, End: begins.Add(time.Duration(b.Slot.Minutes) * time.Minute),
			Summary: spreekuurbot.Msg{ID: MsgICSSummary, Args: map[string]any{"Topic": spreekuurbot.Msg{ID: topic}}}, Details: spreekuurbot.Msg{ID: MsgLocationBring},
		}},
		Reply{Venue: &Venue{Lat: l.Lat, Lon: l.Lon, Title: l.Name, Address: l.Address}},
	)
	evening := b.Slot.Date.AddDays(-1).At(spreekuurbot.ClockTime(eveningHour*60), zone)
	reminders := []spreekuurbot.Reminder{
		{At: evening, Until: minTime(evening.Add(eveningWindow), begins)},
		{At: begins.Add(-soonBefore), Until: begins},
	}
	// The coordinators hear of it if no volunteer has taken it in time.
	alarm := minTime(st.now.Add(st.engine.cfg.ConfirmWithin), begins.Add(-soonBefore))
	for _, c := range st.engine.cfg.Coordinators {
		reminders = append(reminders, spreekuurbot.Reminder{At: alarm, Until: begins, To: c, Unconfirmed: true})
	}
	for _, r := range reminders {
		if r.At.After(st.now) {
			r.Booking, r.Slot = b.ID, b.Slot.ID()
			st.effects = append(st.effects, SetReminder{Reminder: r})
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// myBookings loads the person's coming appointments once per step.
func (st *step) myBookings() []spreekuurbot.Booking {
	if st.bookings == nil && st.err == nil {
		list, err := st.engine.cfg.Bookings.Bookings(st.ctx, st.userID, st.now)
		if err != nil {
			st.fail(fmt.Errorf("list bookings: %w", err))
			return nil
		}
		st.bookings = &list
	}
	if st.bookings == nil {
		return nil
	}
	return *st.bookings
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

func drawAppointments(d *drawing, _ string) {
	list := d.st.myBookings()
	if len(list) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgAppointmentsNone})
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
		d.row(d.open(spreekuurbot.Msg{ID: MsgAppointmentButton, Args: map[string]any{"Date": ShortDateMsg(b.Slot.Date), "Time": b.Slot.Start.String()}}, screenOf(kindAppointment, b.ID)))
	}
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
	err = st.engine.cfg.Bookings.Move(st.ctx, st.requestID(actionMove, arg), st.userID, b.ID, slot, st.engine.cfg.Zone, st.now)
	switch {
	case errors.Is(err, spreekuurbot.ErrSlotFull):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBookFull})
		return true
	case errors.Is(err, spreekuurbot.ErrNoSuchBooking):
		return false
	case err != nil:
		return st.fail(err)
	}
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyCancelled, l, b)})
	b.Slot = slot
	st.booked(b, l, MsgMoved)
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyNew, l, b), Booking: b.ID})
	st.session.home()
	st.session.push(ScreenAppointments)
	st.bookings = nil // the list changed
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
	err := st.engine.cfg.Bookings.Cancel(st.ctx, st.requestID(actionCancel, id), st.userID, id)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		return false
	}
	if err != nil {
		return st.fail(err)
	}
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyCancelled, l, b)})
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgCancelled})
	st.session.home()
	st.session.push(ScreenAppointments)
	st.bookings = nil
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

func drawPrivacy(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgPrivacyText})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonShowData}, actionExport, ""))
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonDeleteData}, ScreenForget))
}

func drawForget(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgForgetConfirm})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonForgetYes}, actionForget, ""))
}

// export sends everything stored about the person as one message.
func (st *step) export() bool {
	x, err := st.engine.cfg.Privacy.Export(st.ctx, st.userID, st.now)
	if err != nil {
		return st.fail(fmt.Errorf("export: %w", err))
	}
	lines := []spreekuurbot.Msg{{ID: MsgDataTitle}, {ID: MsgDataLanguage, Tight: true, Args: map[string]any{"Lang": spreekuurbot.Msg{ID: MsgLanguageName, Lang: x.Lang}}}}
	if x.Lang == "" {
		lines[1].Args["Lang"] = spreekuurbot.Msg{ID: MsgDataNone}
	}
	for _, b := range x.Bookings {
		name := b.Slot.Location
		if l := st.engine.locs().byID[name]; l != nil {
			name = l.Name
		}
		topic, _ := topicMsg(b.Topic)
		lines = append(lines, spreekuurbot.Msg{ID: MsgDataBooking, Tight: true, Args: map[string]any{"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": name, "Topic": spreekuurbot.Msg{ID: topic}}})
	}
	for _, s := range x.Subscriptions {
		name := s
		if l := st.engine.locs().byID[s]; l != nil {
			name = l.Name
		}
		lines = append(lines, spreekuurbot.Msg{ID: MsgDataSubscription, Tight: true, Args: map[string]any{"Name": name}})
	}
	lines = append(lines, spreekuurbot.Msg{ID: MsgDataReminders, Tight: true, Count: x.Reminders, Args: map[string]any{"Count": x.Reminders}})
	st.extra = append(st.extra, Reply{Text: lines})
	st.noDraw = true
	return true
}

// forget erases the person: their appointments are cancelled (freeing the
// places), and every key about them goes. What is left to say is said in
// the language they had.
func (st *step) forget() {
	lang := st.session.Lang
	st.effects = append(st.effects, Forget{})
	st.session = Session{Lang: lang}
	st.session.home()
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgForgotten})
	st.short = true
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
func (e *Engine) appointmentReminder(r spreekuurbot.DueReminder, list []spreekuurbot.Booking) (Reply, bool) {
	for _, b := range list {
		if b.ID != r.Booking || b.Slot.ID() != r.Slot {
			continue
		}
		l := e.locs().byID[b.Slot.Location]
		if l == nil {
			return Reply{}, false
		}
		id := MsgReminderSoon
		if r.Until.Sub(r.At) > soonBefore {
			id = MsgReminderEvening
		}
		// Seq 0: these buttons work on any screen, later too.
		coming := e.codec.sign(r.UserID, Payload{Action: actionComing, Arg: b.ID})
		cancel := e.codec.sign(r.UserID, Payload{Action: actionOpen, Arg: string(screenOf(kindCancel, b.ID))})
		return Reply{
			Text: []spreekuurbot.Msg{{ID: id, Args: map[string]any{"Time": b.Slot.Start.String(), "Name": l.Name, "Address": l.Address}}},
			Buttons: [][]Button{{
				{Label: spreekuurbot.Msg{ID: MsgButtonComing}, Data: coming},
				{Label: spreekuurbot.Msg{ID: MsgButtonCancel}, Data: cancel},
			}},
		}, true
	}
	return Reply{}, false
}
