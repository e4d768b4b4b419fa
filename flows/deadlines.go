package flows

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
)

// deadlines is the reminder of a letter's deadline: month, then day.
func deadlines() flow {
	return flow{
		name: "deadlines",
		screens: []screen{
			{kind: kindReminderMonth, valid: func(e *Engine, arg string) bool { n := e.nodes[arg]; return n != nil && n.Remind }, draw: drawReminderMonth},
			{kind: kindReminderDay, valid: func(e *Engine, arg string) bool { _, _, ok := e.reminderMonth(arg); return ok }, draw: drawReminderDay},
		},
		actions: []action{{codes: []string{actionRemind}, do: func(st *step, p Payload) bool { return st.remind(p.Arg) }}},
	}
}

// Reminders of a letter's deadline: the deadline is picked as month, then
// day; the reminder comes remindBefore earlier, in the morning, and is
// still worth sending a few hours late.
const (
	letterReminderWindow = 6 * time.Hour
	remindBefore         = 3
	remindHour           = 10
	remindMonths         = 3
)

func drawReminderMonth(d *drawing, node string) {
	d.say(spreekuurbot.Msg{ID: MsgReminderWhen})
	first := spreekuurbot.DateOf(d.st.now).AddDays(1)
	var buttons []Button
	for i := 0; i < remindMonths; i++ {
		m := time.Date(first.Year, first.Month+time.Month(i), 1, 12, 0, 0, 0, time.UTC)
		arg := fmt.Sprintf("%s.%04d%02d", node, m.Year(), int(m.Month()))
		buttons = append(buttons, d.open(spreekuurbot.Msg{ID: MsgMonthYear, Args: map[string]any{
			"Month": MonthAloneMsg(m.Month()), "Year": m.Year(),
		}}, screenOf(kindReminderDay, arg)))
	}
	d.pairs(buttons)
}

// reminderMonth reads "<node>.<yyyymm>" and checks that the node takes
// reminders and the month is one the picker offers.
func (e *Engine) reminderMonth(arg string) (*Node, time.Time, bool) {
	if len(arg) < 8 || arg[len(arg)-7] != '.' {
		return nil, time.Time{}, false
	}
	n := e.nodes[arg[:len(arg)-7]]
	ym, err := strconv.Atoi(arg[len(arg)-6:])
	if n == nil || !n.Remind || err != nil {
		return nil, time.Time{}, false
	}
	month := time.Date(ym/100, time.Month(ym%100), 1, 12, 0, 0, 0, time.UTC)
	if int(month.Month()) != ym%100 {
		return nil, time.Time{}, false
	}
	return n, month, true
}

func drawReminderDay(d *drawing, arg string) {
	n, month, _ := d.engine().reminderMonth(arg)
	d.say(spreekuurbot.Msg{ID: MsgReminderDay, Args: map[string]any{"Month": spreekuurbot.Msg{ID: monthMsgs[month.Month()-1]}}})
	tomorrow := spreekuurbot.DateOf(d.st.now).AddDays(1)
	var row []Button
	for day := 1; day <= 31; day++ {
		date := spreekuurbot.Date{Year: month.Year(), Month: month.Month(), Day: day}
		if date.AddDays(0) != date || date.Before(tomorrow) {
			continue // no 31 February; no deadline in the past
		}
		row = append(row, d.act(plain(strconv.Itoa(day)), actionRemind, fmt.Sprintf("%s.%s", n.ID, date.Compact())))
		if len(row) == 7 {
			d.row(row...)
			row = nil
		}
	}
	if len(row) > 0 {
		d.row(row...)
	}
}

// remind sets the reminder a date button asked for, after checking the
// date on the server: a forged button may name any day.
func (st *step) remind(arg string) bool {
	if len(arg) < 10 || arg[len(arg)-9] != '.' {
		return false
	}
	n := st.engine.nodes[arg[:len(arg)-9]]
	deadline, ok := spreekuurbot.ParseCompactDate(arg[len(arg)-8:])
	today := spreekuurbot.DateOf(st.now)
	// The picker offers reminders on the answers marked for them; a
	// letter read from a photo offers one on any answer, for the date
	// printed in it.
	if n == nil || !(n.Remind || st.engine.letterAnswer(n.ID) != nil) || !ok || !today.Before(deadline) || today.AddDays(remindMonths*31+1).Before(deadline) {
		return false
	}
	at := deadline.AddDays(-remindBefore).At(spreekuurbot.ClockTime(remindHour*60), st.engine.cfg.Zone)
	// Back to the letter's answer.
	for !answersLetter(st.session.Screen, n.ID) && len(st.session.Back) > 0 {
		st.session.pop()
	}
	// The outcome is a message of its own, under the answer: the answer's
	// screen stays one phone screen.
	if !at.After(st.now) {
		// A deadline within days is an urgent sign in itself: go today.
		st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgReminderTooLate}}})
		st.urgent = ReferWijkteam
		return true
	}
	st.effects = append(st.effects, SetReminder{Reminder: spreekuurbot.Reminder{At: at, Until: at.Add(letterReminderWindow), Deadline: deadline, Node: n.ID}})
	st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgReminderSet, Args: map[string]any{"Date": DateMsg(spreekuurbot.DateOf(at))}}}})
	return true
}

// remindable reports whether a reminder of deadline can still come on
// time, and is not too far ahead to set.
func remindable(today, deadline spreekuurbot.Date) bool {
	return today.Before(deadline.AddDays(-remindBefore)) && !today.AddDays(remindMonths*31+1).Before(deadline)
}

// answersLetter reports whether the screen shows node's answer: found
// with the buttons, or read from a photo.
func answersLetter(s Screen, node string) bool {
	kind, arg := s.split()
	if kind == kindLetterRead {
		arg, _, _ = strings.Cut(arg, ".")
	}
	return (kind == kindNode || kind == kindLetterRead) && arg == node
}

// ReminderReply is the message a due reminder sends. It reports false for
// an appointment reminder whose booking was cancelled or moved: then
// nothing is sent.
func (e *Engine) ReminderReply(ctx context.Context, r spreekuurbot.DueReminder) (Reply, bool, error) {
	if r.Unconfirmed {
		return e.unconfirmedAlert(ctx, r)
	}
	if r.Booking != "" {
		list, err := e.cfg.Bookings.Bookings(ctx, r.UserID, r.At.Add(-time.Minute))
		if err != nil {
			return Reply{}, false, fmt.Errorf("reminder's booking: %w", err)
		}
		return e.appointmentReminder(ctx, r, list)
	}
	letter := spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": ""}}
	if n := e.nodes[r.Node]; n != nil && n.label != "" {
		letter = spreekuurbot.Msg{ID: n.label}
	}
	return Reply{Text: []spreekuurbot.Msg{{ID: MsgReminderMessage, Args: map[string]any{"Letter": letter, "Date": DateMsg(r.Deadline)}}}}, true, nil
}
