package flows

import (
	"cmp"
	"time"

	"spreekuurbot"
)

// information is the letter and Woningnet trees: a screen per node.
func information() flow {
	return flow{
		name: "information",
		screens: []screen{{
			kind:  kindNode,
			valid: func(e *Engine, arg string) bool { return e.nodes[arg] != nil },
			draw:  drawNode,
		}},
	}
}

func drawNode(d *drawing, id string) {
	n := d.engine().nodes[id]
	var x answerExtras
	if id == rootLetter && d.engine().cfg.ReadsLetters {
		x.after = append(x.after, spreekuurbot.Msg{ID: MsgLetterPhotoHint})
	}
	drawAnswer(d, n, x)
}

// answerExtras are what a screen adds to a tree's node.
type answerExtras struct {
	// urgent is an urgent sign's referral, for an answer not urgent
	// itself.
	urgent Referral
	// before comes after the urgent line, before the node's text; after
	// follows it.
	before, after []spreekuurbot.Msg
	// buttons come first under an answer; a reminder among them stands
	// for the reminder picker.
	buttons []Button
}

func drawAnswer(d *drawing, n *Node, x answerExtras) {
	urgent := n.Urgent
	if urgent == "" && n.IsAnswer() {
		urgent = cmp.Or(x.urgent, d.st.urgent) // a sign in the letter; a deadline within days
	}
	var today []walkIn
	if urgent != "" {
		var next *walkIn
		today, next = d.engine().walkIns(d.st.now)
		d.urgentLine(today, next)
	}
	d.say(x.before...)
	for _, t := range n.Text {
		d.say(spreekuurbot.Msg{ID: t})
	}
	d.say(x.after...)
	for _, o := range n.Options {
		d.row(d.open(spreekuurbot.Msg{ID: o.Label}, screenOf(kindNode, o.To)))
	}
	if !n.IsAnswer() {
		return
	}
	if urgent != "" {
		d.whereToday(urgent, today)
	}
	for _, b := range x.buttons {
		d.row(b)
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonTimes}, ScreenSpreekuur))
	if n.Remind && len(x.buttons) == 0 {
		d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonRemind}, screenOf(kindReminderMonth, n.ID)))
	}
	if len(d.engine().bookable()) > 0 {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonBook}, ScreenBook))
	}
}

var referrals = map[Referral]spreekuurbot.MsgID{
	ReferDebts: MsgReferralDebts, ReferLegal: MsgReferralLegal,
	ReferBenefits: MsgReferralBenefits, ReferWijkteam: MsgReferralWijkteam,
}

// walkIn is one walk-in spreekuur at a place.
type walkIn struct {
	loc    *spreekuurbot.Location
	period spreekuurbot.Period
}

// walkIns lists the walk-ins still open today (running or to come), and
// the first one after today.
func (e *Engine) walkIns(now time.Time) (today []walkIn, next *walkIn) {
	day := spreekuurbot.DateOf(now)
	for i := range e.locs().list {
		loc := &e.locs().list[i]
		for _, p := range loc.NextWalkIns(now, 3) {
			if p.Date == day {
				today = append(today, walkIn{loc, p})
				continue
			}
			if next == nil || p.Date.Before(next.period.Date) || p.Date == next.period.Date && p.From < next.period.From {
				next = &walkIn{loc, p}
			}
		}
	}
	return today, next
}

// urgentLine is the first line of an urgent answer, true at any hour: go
// today while a walk-in is still open today, else to the next one.
func (d *drawing) urgentLine(today []walkIn, next *walkIn) {
	switch {
	case len(today) > 0:
		d.say(spreekuurbot.Msg{ID: MsgLetterGoToday})
	case next != nil:
		d.say(spreekuurbot.Msg{ID: MsgLetterGoNext, Args: map[string]any{"Period": PeriodMsg(next.period), "Name": next.loc.Name}})
	}
}

// whereToday ends an urgent answer: where the walk-in spreekuur is open
// today (today's walk-ins, as urgentLine had them), the municipality's number while its line is open, and who else
// can help.
func (d *drawing) whereToday(r Referral, today []walkIn) {
	e := d.engine()
	for _, w := range today {
		d.say(spreekuurbot.Msg{ID: MsgWalkInToday, Tight: true, Args: map[string]any{
			"Name": w.loc.Name, "From": w.period.From.String(), "To": w.period.To.String(), "Address": w.loc.Address,
		}})
	}
	if e.gemeente.open(d.st.now) {
		d.say(spreekuurbot.Msg{ID: MsgLetterCallGemeente, Args: map[string]any{"Number": e.gemeente.Number}})
	}
	d.say(spreekuurbot.Msg{ID: referrals[r]})
}
