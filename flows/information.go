package flows

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
)

// information is the letter and Woningnet trees: a screen per node, and a
// screen per part of an answer behind its buttons.
func information() flow {
	return flow{
		name: "information",
		screens: []screen{
			{
				kind:  kindNode,
				valid: func(e *Engine, arg string) bool { return e.nodes[arg] != nil },
				draw:  drawNode,
			},
			{
				kind:  kindMore,
				valid: func(e *Engine, arg string) bool { _, _, ok := e.morePart(arg); return ok },
				draw:  drawMore,
			},
		},
	}
}

// An answer's parts behind buttons are named "<node>.<n>", the node's n-th
// more (from 1), or "<node>.help": who else can help with an urgent letter.
const partHelp = "help"

// todayShown is how many of today's walk-ins an urgent answer names: the
// soonest, so that the first screen stays one phone screen. "Spreekuur
// times" lists them all.
const todayShown = 2

// drawNode draws the node id of a tree. A question shows its options. An
// answer's first screen says what to do, and by when: an urgent answer
// opens with the urgent line that holds at the hour (before any line the
// step put on top) and names where to go today; the rest of the answer
// (what the letter is, what to bring, who else can help) waits behind
// buttons, each on its own screen with Back.
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
	// after follows the node's text.
	after []spreekuurbot.Msg
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
	var next *walkIn
	if urgent != "" {
		today, next = d.engine().walkIns(d.st.now)
		d.urgentLine(today, next)
	}
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
		d.whereToday(today, next)
	}
	for i, m := range n.More {
		d.row(d.open(spreekuurbot.Msg{ID: m.Label}, screenOf(kindMore, n.ID+"."+strconv.Itoa(i+1))))
	}
	if urgent != "" {
		help := partHelp
		if n.Urgent == "" && urgent != ReferWijkteam {
			help += signCodes[urgent] // an urgent sign's referral, for a letter read
		}
		d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonHelp}, screenOf(kindMore, n.ID+"."+help)))
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

// morePart reads "<node>.<n>" or "<node>.help" of an answer: the more it
// names, or nil for who else can help.
func (e *Engine) morePart(arg string) (*Node, *More, bool) {
	id, part, ok := strings.Cut(arg, ".")
	n := e.nodes[id]
	if !ok || n == nil || !n.IsAnswer() {
		return nil, nil, false
	}
	if code, ok := strings.CutPrefix(part, partHelp); ok {
		_, known := referralOfCode(code)
		return n, nil, code == "" || known && n.Urgent == ""
	}
	i, err := strconv.Atoi(part)
	if err != nil || i < 1 || i > len(n.More) || strconv.Itoa(i) != part {
		return nil, nil, false
	}
	return n, &n.More[i-1], true
}

// drawMore draws a part of an answer on its own screen: a more's texts,
// or who else can help with an urgent letter (the municipality's number
// while its line is open, and the referral).
func drawMore(d *drawing, arg string) {
	n, m, _ := d.engine().morePart(arg)
	if m != nil {
		for _, t := range m.Text {
			d.say(spreekuurbot.Msg{ID: t})
		}
		return
	}
	e := d.engine()
	if e.gemeente.open(d.st.now) {
		d.say(spreekuurbot.Msg{ID: MsgLetterCallGemeente, Args: map[string]any{"Number": e.gemeente.Number}})
	}
	_, part, _ := strings.Cut(arg, ".")
	r := n.Urgent
	if r == "" {
		// An urgent sign in a letter read names its referral; a deadline
		// within days, the wijkteam.
		r, _ = referralOfCode(strings.TrimPrefix(part, partHelp))
		r = cmp.Or(r, ReferWijkteam)
	}
	d.say(spreekuurbot.Msg{ID: referrals[r]})
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

// walkIns lists the walk-ins still open today (running or to come),
// soonest first, and the first one after today.
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
	slices.SortStableFunc(today, func(a, b walkIn) int { return cmp.Compare(a.period.From, b.period.From) })
	return today, next
}

// urgentLine is the first line of an urgent answer, true at any hour: go
// today while a walk-in is still open today, else to the next one, else
// (no walk-in known at all) to whoever else can help. It goes on top of
// the screen, above any line the step put there.
func (d *drawing) urgentLine(today []walkIn, next *walkIn) {
	switch {
	case len(today) > 0:
		d.first(spreekuurbot.Msg{ID: MsgLetterGoToday})
	case next != nil:
		d.first(spreekuurbot.Msg{ID: MsgLetterGoNext, Args: map[string]any{"Period": PeriodMsg(next.period), "Name": next.loc.Name}})
	default:
		d.first(spreekuurbot.Msg{ID: MsgLetterGoHelp})
	}
}

// whereToday ends the first screen of an urgent answer with where the
// walk-in spreekuur is open today (today's walk-ins, as urgentLine had
// them), the soonest first: each place's name and hours, and a button to
// the place with its address, map pin and route. With none left today,
// the button goes to the next one's place, which the urgent line names.
func (d *drawing) whereToday(today []walkIn, next *walkIn) {
	for i, w := range today[:min(len(today), todayShown)] {
		d.say(spreekuurbot.Msg{ID: MsgWalkInToday, Tight: i > 0, Args: map[string]any{
			"Name": w.loc.Name, "From": w.period.From.String(), "To": w.period.To.String(),
		}})
		d.row(d.open(locationLabel(w.loc), screenOf(kindLocation, w.loc.ID)))
	}
	if len(today) == 0 && next != nil {
		d.row(d.open(locationLabel(next.loc), screenOf(kindLocation, next.loc.ID)))
	}
}
