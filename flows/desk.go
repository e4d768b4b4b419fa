package flows

import (
	"errors"
	"slices"
	"sort"

	"spreekuurbot"
)

// ScreenToday lists today's appointments at the volunteer's places.
const ScreenToday Screen = "today"

const (
	actionCame   = "tc" // the resident came: <booking>
	actionNoShow = "tn" // the resident did not come: <booking>
	actionFinish = "tf" // finish the kept log of a resident who came: <booking>
)

// desk is a volunteer's /today: the day's appointments at their places,
// marked as came or no-show.
func desk() flow {
	return flow{
		name:     "today",
		screens:  []screen{{kind: string(ScreenToday), roles: staff, load: func(st *step, _ string) { st.todaysBookings() }, draw: drawToday}},
		actions:  []action{{codes: []string{actionCame, actionNoShow, actionFinish}, do: (*step).deskAction}},
		commands: []command{{Command{"today", MsgCommandToday}, ScreenToday, staff}},
	}
}

// todaysBookings are the day's bookings at the person's places, by time.
func (st *step) todaysBookings() []spreekuurbot.DeskBooking {
	if st.view.desk != nil {
		return *st.view.desk
	}
	var ids []string
	today := spreekuurbot.DateOf(st.now)
	for _, loc := range st.staffLocations() {
		if l := st.engine.locs().byID[loc]; l != nil {
			for _, s := range l.SlotsOn(today) {
				ids = append(ids, s.ID())
			}
		}
	}
	var list []spreekuurbot.DeskBooking
	if !st.read("today", func() (err error) {
		list, err = st.engine.cfg.Desk.DayBookings(st.ctx, ids)
		return err
	}) {
		return nil
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Slot.Start != list[j].Slot.Start {
			return list[i].Slot.Start < list[j].Slot.Start
		}
		return list[i].ID < list[j].ID
	})
	st.view.desk = &list
	return list
}

// drawToday lists the day's appointments, numbered, so that two at one
// time are told apart on the screen and on their buttons.
func drawToday(d *drawing, _ string) {
	list := d.st.todaysBookings()
	if len(list) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgTodayNone})
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgTodayTitle, Args: map[string]any{"Date": DateMsg(spreekuurbot.DateOf(d.st.now))}})
	for i, b := range list {
		l := d.engine().locs().byID[b.Slot.Location]
		topic, _ := topicMsg(b.Topic)
		status := spreekuurbot.Msg{ID: MsgStatusOpen}
		switch b.Status {
		case "came":
			status = spreekuurbot.Msg{ID: MsgStatusCame}
		case "noshow":
			status = spreekuurbot.Msg{ID: MsgStatusNoShow}
		}
		d.say(spreekuurbot.Msg{ID: MsgTodayLine, Tight: true, Args: map[string]any{
			"Number": i + 1, "Time": b.Slot.Start.String(), "Name": l.Name, "Topic": spreekuurbot.Msg{ID: topic}, "Language": spreekuurbot.LanguageOf(b.Lang), "Status": status,
		}})
		if b.Company {
			d.say(spreekuurbot.Msg{ID: MsgNeedsCompany, Tight: true})
		}
		if b.OwnLanguage {
			d.say(spreekuurbot.Msg{ID: MsgNeedsOwnLanguage, Tight: true, Args: map[string]any{"Language": spreekuurbot.LanguageOf(b.Lang)}})
		}
		which := map[string]any{"Appointment": spreekuurbot.Msg{ID: MsgTodayAppointment, Args: map[string]any{
			"Number": i + 1, "Time": b.Slot.Start.String(), "Topic": spreekuurbot.Msg{ID: topic}, "Language": spreekuurbot.LanguageOf(b.Lang),
		}}}
		switch {
		case b.Status == "":
			d.row(d.act(spreekuurbot.Msg{ID: MsgButtonCame, Args: which}, actionCame, b.ID))
			d.row(d.act(spreekuurbot.Msg{ID: MsgButtonNoShow, Args: which}, actionNoShow, b.ID))
		case b.Status == "came" && d.st.session.cameDraft(b.ID) != nil:
			d.row(d.act(spreekuurbot.Msg{ID: MsgButtonFinishLog, Args: which}, actionFinish, b.ID))
		}
	}
}

// deskAction marks a booking, checking on the server that it is today at
// one of the person's places; after "came" the /log opens filled in with
// the place, the topic and the language, ready to save.
func (st *step) deskAction(p Payload) bool {
	if st.role != spreekuurbot.Volunteer && st.role != spreekuurbot.Coordinator {
		return false
	}
	if p.Action == actionFinish {
		return st.finishLog(p.Arg)
	}
	var b *spreekuurbot.DeskBooking
	for _, x := range st.todaysBookings() {
		if x.ID == p.Arg {
			x := x
			b = &x
		}
	}
	if b == nil {
		return false
	}
	status := "came"
	if p.Action == actionNoShow {
		status = "noshow"
	}
	err := st.engine.cfg.Desk.MarkBooking(st.ctx, b.ID, status)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		return false
	}
	if err != nil {
		st.abort(err)
		return true
	}
	st.view.desk = nil // read again for the screen, with the mark
	if status == "noshow" {
		return true
	}
	lang := b.Lang
	if !st.engine.languages.Has(lang) {
		lang = "other"
	}
	st.session.Log = &logDraft{
		Nonce: st.requestID(actionCame, b.ID), Booking: b.ID, At: st.now.Unix(), Location: b.Slot.Location,
		Categories: []string{b.Topic}, Referral: "none", Minutes: b.Slot.Minutes, Lang: lang,
	}
	if st.session.Log.Minutes == 0 {
		st.session.Log.Minutes = 30
	}
	st.session.push(ScreenLogSummary)
	return true
}

// finishLog opens again the kept log of booking id's resident, who came.
func (st *step) finishLog(id string) bool {
	d := st.session.cameDraft(id)
	if d == nil {
		return false
	}
	draft := *d
	st.session.Came = slices.DeleteFunc(st.session.Came, func(x logDraft) bool { return x.Booking == id })
	st.session.Log = &draft
	st.session.push(ScreenLogSummary)
	return true
}
