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
	actionBook   = "k" // book "<loc>.<topic>.<yyyymmdd>.<hhmm>[.<choice>]"
	actionMove   = "m" // move "<booking>.<yyyymmdd>.<hhmm>"
	actionCancel = "c" // cancel "<booking>"
	actionComing = "y" // "I'm coming" on a reminder: "<booking>"
	actionExport = "d" // show my data
	actionForget = "f" // delete my data
)

// actionBookChoice ticks or unticks an answer to the summary's question:
// its Arg is the summary's argument as it becomes.
const actionBookChoice = "kq"

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

// booking is making an appointment: place, topic, day, time, summary.
func booking() flow {
	return flow{
		name: "booking",
		screens: []screen{
			{kind: string(ScreenBook), load: loadBookings, draw: drawBookLocation, label: MsgButtonBook},
			{kind: kindBookTopic, valid: func(e *Engine, arg string) bool { return e.bookableLocation(arg) != nil }, draw: drawBookTopic},
			{kind: kindBookDay, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 2); return ok }, load: loadBookDay, draw: drawBookDay},
			{kind: kindBookTime, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 3); return ok }, load: loadFree, draw: drawBookTime},
			{kind: kindBookConsent, valid: func(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 4); return ok }, draw: drawBookConsent},
			{kind: kindBookSummary, valid: func(e *Engine, arg string) bool { _, _, _, ok := e.summaryArgs(arg); return ok }, draw: drawBookSummary},
		},
		actions: []action{
			{codes: []string{actionBook}, do: func(st *step, p Payload) bool { return st.book(p.Arg) }},
			{codes: []string{actionBookChoice}, do: (*step).bookChoice},
		},
		commands: []command{{Command{"book", MsgCommandBook}, ScreenBook, nil}},
	}
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

// loadBookings reads the person's coming appointments for the screen.
func loadBookings(st *step, _ string) { st.myBookings() }

// loadFree reads the free slots of the place the screen's argument names.
func loadFree(st *step, arg string) {
	if l, _, ok := st.engine.bookArgs(arg, strings.Count(arg, ".")+1); ok {
		st.freeSlots(l)
	}
}

// freeSlots returns the slots of l from today to BookingDays ahead that
// start after now and have room, by day.
func (st *step) freeSlots(l *spreekuurbot.Location) map[spreekuurbot.Date][]spreekuurbot.Slot {
	if free, ok := st.view.free[l.ID]; ok {
		return free
	}
	all := l.ComingSlots(st.now, st.engine.cfg.Zone)
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.ID()
	}
	var taken map[string]int
	if !st.read("count bookings", func() (err error) {
		taken, err = st.engine.cfg.Bookings.TakenMany(st.ctx, ids)
		return err
	}) {
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
	if st.view.free == nil {
		st.view.free = map[string]map[spreekuurbot.Date][]spreekuurbot.Slot{}
	}
	st.view.free[l.ID] = free
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

// loadBookDay reads the place's free times and, when there are none, the
// time held for the person: it may be there.
func loadBookDay(st *step, arg string) {
	loadFree(st, arg)
	if l, _, ok := st.engine.bookArgs(arg, 2); ok && len(st.freeSlots(l)) == 0 {
		st.myHeld()
	}
}

func drawBookDay(d *drawing, arg string) {
	l, parts, _ := d.engine().bookArgs(arg, 2)
	free := d.st.freeSlots(l)
	if len(free) == 0 {
		// The full days hide the time held for the person there, if any:
		// that is their answer, not "nothing free".
		if o, ok := d.st.myHeld(); ok && o.Slot.Location == l.ID {
			o.Topic = parts[1] // what they came for now
			d.drawHeld(o)
			return
		}
	}
	d.say(spreekuurbot.Msg{ID: MsgBookChooseDay, Args: map[string]any{"Name": l.Name}})
	d.dayButtons(free, func(day spreekuurbot.Date) Screen {
		return screenOf(kindBookTime, strings.Join(parts, ".")+"."+day.Compact())
	})
	if len(free) == 0 {
		// Nothing free in the coming days: the waitlist (waitlist.go).
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonWait}, waitScreen(d.session(), arg)))
	}
}

func drawBookTime(d *drawing, arg string) {
	l, parts, _ := d.engine().bookArgs(arg, 3)
	day, _ := spreekuurbot.ParseCompactDate(parts[2])
	d.say(spreekuurbot.Msg{ID: MsgBookChooseTime, Args: map[string]any{"Date": DateMsg(day)}})
	d.timeButtons(d.st.freeSlots(l)[day], func(s spreekuurbot.Slot) Button {
		// The first time, what is kept comes first, on a screen of its own.
		next := kindBookSummary
		if !d.session().Consented {
			next = kindBookConsent
		}
		return d.open(plain(s.Start.String()), screenOf(next, arg+"."+hhmm(s.Start)))
	})
}

// drawBookConsent says, before the first appointment's summary, what is
// kept of it and for how long; Next goes on to the summary.
func drawBookConsent(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgBookConsent})
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonNext}, screenOf(kindBookSummary, arg)))
}

func drawBookSummary(d *drawing, arg string) {
	l, parts, choice, _ := d.engine().summaryArgs(arg)
	day, _ := spreekuurbot.ParseCompactDate(parts[2])
	start, _ := parseHHMM(parts[3])
	topic, _ := topicMsg(parts[1])
	d.say(summaryMsg(l, spreekuurbot.Slot{Location: l.ID, Date: day, Start: start}, topic))
	// Before coming, as much as one phone screen holds beside the
	// summary: whether a wheelchair gets in; the rest one tap away.
	if t, ok := arrivalOf(l); ok {
		t.access.Tight = false
		d.say(t.access)
	}
	// The one optional question: whether someone comes along, and, for
	// whom Dutch is not their language, whether they would like a
	// volunteer who speaks theirs. Each tap ticks or unticks.
	base := strings.Join(parts, ".")
	ownLanguage := d.session().Lang != spreekuurbot.SourceLanguage
	if ownLanguage {
		d.say(spreekuurbot.Msg{ID: MsgBookQuestion})
	} else {
		d.say(spreekuurbot.Msg{ID: MsgBookQuestionCompany})
	}
	tick := func(id spreekuurbot.MsgID, on bool, to bookingChoice) Button {
		label := spreekuurbot.Msg{ID: id}
		if on {
			label = spreekuurbot.Msg{ID: MsgPicked, Args: map[string]any{"Text": label}}
		}
		return d.act(label, actionBookChoice, to.arg(base))
	}
	// Booking stays the first button, where it always was: the question
	// is optional.
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonConfirm}, actionBook, arg))
	d.row(tick(MsgButtonBookCompany, choice.company, bookingChoice{company: !choice.company, ownLanguage: choice.ownLanguage}))
	if ownLanguage {
		d.row(tick(MsgButtonBookOwnLanguage, choice.ownLanguage, bookingChoice{company: choice.company, ownLanguage: !choice.ownLanguage}))
	}
	d.row(d.arrivalButton(l))
}

// bookingChoice is what the resident ticked at the summary; both are
// optional and stored with the booking (two booleans, nothing typed).
type bookingChoice struct{ company, ownLanguage bool }

// arg is the summary's argument with the choice: base, and ".c", ".l"
// or ".cl" when something is ticked.
func (c bookingChoice) arg(base string) string {
	flags := ""
	if c.company {
		flags += "c"
	}
	if c.ownLanguage {
		flags += "l"
	}
	if flags == "" {
		return base
	}
	return base + "." + flags
}

// summaryArgs reads the summary's argument:
// "<loc>.<topic>.<yyyymmdd>.<hhmm>[.c|.l|.cl]".
func (e *Engine) summaryArgs(arg string) (*spreekuurbot.Location, []string, bookingChoice, bool) {
	base, flags := arg, ""
	if parts := strings.Split(arg, "."); len(parts) == 5 {
		base, flags = strings.Join(parts[:4], "."), parts[4]
	}
	var c bookingChoice
	switch flags {
	case "":
	case "c":
		c.company = true
	case "l":
		c.ownLanguage = true
	case "cl":
		c.company, c.ownLanguage = true, true
	default:
		return nil, nil, c, false
	}
	l, parts, ok := e.bookArgs(base, 4)
	return l, parts, c, ok
}

// bookChoice ticks or unticks an answer on the summary in place: the
// summary stays one screen, so Back leads to the times.
func (st *step) bookChoice(p Payload) bool {
	kind, _ := st.session.Screen.split()
	if _, _, _, ok := st.engine.summaryArgs(p.Arg); !ok || kind != kindBookSummary {
		return false
	}
	st.session.Screen = screenOf(kindBookSummary, p.Arg)
	return true
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
	l, parts, choice, ok := e.summaryArgs(arg)
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
	b, err := e.cfg.Bookings.Book(st.ctx, st.requestID(actionBook, arg), spreekuurbot.Booking{UserID: st.userID, Slot: slot, Topic: parts[1], Lang: st.session.Lang, Company: choice.company, OwnLanguage: choice.ownLanguage}, e.cfg.Zone, st.now)
	return st.madeBooking(b, l, err)
}

// madeBooking says how a booking went: made (its messages, reminders and
// the volunteers' notice), the slot full, or the limit reached.
func (st *step) madeBooking(b spreekuurbot.Booking, l *spreekuurbot.Location, err error) bool {
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
		st.abort(err)
		return true
	}
	st.session.Consented = true
	st.booked(b, l, MsgBookDone)
	st.effects = append(st.effects, NotifyVolunteers{Location: l.ID, Msg: noticeMsg(MsgNotifyNew, l, b), Booking: b.ID})
	st.session.home()
	st.session.push(ScreenAppointments)
	return true
}

// booked says the appointment stands, in a message of its own, sends its
// calendar file and map pin, and sets its reminders.
func (st *step) booked(b spreekuurbot.Booking, l *spreekuurbot.Location, said spreekuurbot.MsgID) {
	topic, _ := topicMsg(b.Topic)
	zone := st.engine.cfg.Zone
	begins := b.Slot.Begins(zone)
	// What was booked is a message of its own, above the calendar file it
	// names: the appointments' screen stays one phone screen.
	st.extra = append(st.extra,
		Reply{Text: []spreekuurbot.Msg{{ID: said, Args: map[string]any{"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String()}}}},
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
