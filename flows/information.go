package flows

import (
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
	for _, t := range n.Text {
		d.say(spreekuurbot.Msg{ID: t})
	}
	for _, o := range n.Options {
		d.row(d.open(spreekuurbot.Msg{ID: o.Label}, screenOf(kindNode, o.To)))
	}
	if !n.IsAnswer() {
		return
	}
	urgent := n.Urgent
	if urgent == "" {
		urgent = d.st.urgent
	}
	if urgent != "" {
		// An urgent answer's own text begins with the urgent line; a
		// deadline within days makes another answer urgent, and then the
		// line is said here.
		d.goToday(urgent, n.Urgent == "")
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonTimes}, ScreenSpreekuur))
	if n.Remind {
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

// goToday adds the advice for an urgent letter: go today, where the walk-in
// spreekuur is open today (or the next one), and who else can help.
func (d *drawing) goToday(r Referral, sayUrgent bool) {
	e, now := d.engine(), d.st.now
	if sayUrgent {
		d.say(spreekuurbot.Msg{ID: MsgLetterGoToday})
	}
	today := spreekuurbot.DateOf(now)
	var next *spreekuurbot.Period
	var nextLoc *spreekuurbot.Location
	for i := range e.locs().list {
		loc := &e.locs().list[i]
		for _, p := range loc.NextWalkIns(now, 2) {
			if p.Date == today {
				d.say(spreekuurbot.Msg{ID: MsgWalkInToday, Tight: true, Args: map[string]any{
					"Name": loc.Name, "From": p.From.String(), "To": p.To.String(), "Address": loc.Address,
				}})
				continue
			}
			if next == nil || p.Date.Before(next.Date) || p.Date == next.Date && p.From < next.From {
				p := p
				next, nextLoc = &p, loc
			}
		}
	}
	if len(d.text) > 0 && d.text[len(d.text)-1].ID != MsgWalkInToday {
		d.say(spreekuurbot.Msg{ID: MsgNoWalkInToday})
		if next != nil {
			d.say(spreekuurbot.Msg{ID: MsgWalkInNext, Tight: true, Args: map[string]any{"Name": nextLoc.Name, "Period": PeriodMsg(*next)}})
		}
	}
	d.say(spreekuurbot.Msg{ID: referrals[r]})
}
