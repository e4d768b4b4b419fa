package flows

import (
	"fmt"
	"strconv"
	"strings"

	"spreekuurbot"
)

// The coordinators' /slots: a location's coming days, closures, extra
// spreekuren and the number of appointments per slot, stored on top of
// the configuration and seen by residents at once.
const (
	ScreenSlots Screen = "sl"

	kindSlotsLocation = "sll" // <loc>
	kindSlotsFrom     = "slc" // <loc>: the first closed day
	kindSlotsTo       = "slt" // <loc>.<from>: the last closed day
	kindSlotsReason   = "slr" // <loc>.<from>.<to>: why
	kindSlotsExtraDay = "sle" // <loc>: the day of an extra spreekuur
	kindSlotsExtraAt  = "slh" // <loc>.<day>: its hour

	actionSlotsClose    = "sc" // <loc>.<from>.<to>.<reason>
	actionSlotsExtra    = "se" // <loc>.<day>.<hour>
	actionSlotsCapacity = "sk" // <loc>.<up|down>
)

// slotsDays is how far ahead a coordinator plans; extraHours are the
// start times offered for an extra spreekuur of two hours.
const slotsDays = 42

var extraHours = []int{9, 10, 11, 12, 13, 14, 15, 16}

var closeReasons = []struct {
	code string
	msg  spreekuurbot.MsgID
}{{"vak", MsgReasonHoliday}, {"ziek", MsgReasonIllness}, {"anders", MsgReasonOther}}

// schedule is a coordinator's /slots: closures, an extra spreekuur and the
// bookable capacity of each place.
func schedule() flow {
	// Each kind takes a place and this many days after it.
	days := map[string]int{kindSlotsLocation: 0, kindSlotsFrom: 0, kindSlotsTo: 1, kindSlotsReason: 2, kindSlotsExtraDay: 0, kindSlotsExtraAt: 1, kindSlotsReopen: 2}
	screens := []screen{{kind: string(ScreenSlots), roles: coordinators, draw: drawSlots}}
	for _, kind := range []string{kindSlotsLocation, kindSlotsFrom, kindSlotsTo, kindSlotsReason, kindSlotsExtraDay, kindSlotsExtraAt, kindSlotsReopen} {
		n := days[kind]
		valid := func(e *Engine, arg string) bool {
			parts := strings.Split(arg, ".")
			if len(parts) != 1+n || e.locs().byID[parts[0]] == nil {
				return false
			}
			for _, d := range parts[1:] {
				if _, ok := spreekuurbot.ParseCompactDate(d); !ok {
					return false
				}
			}
			return true
		}
		s := screen{kind: kind, roles: coordinators, valid: valid, draw: slotDrawers[kind]}
		if kind == kindSlotsLocation {
			s.load = loadClosures
		}
		screens = append(screens, s)
	}
	return flow{
		name:    "slots",
		screens: screens,
		actions: []action{
			{codes: []string{actionSlotsClose, actionSlotsExtra, actionSlotsCapacity}, do: (*step).slotsAction},
			{codes: []string{actionSlotsReopen}, do: func(st *step, p Payload) bool { return st.reopen(p.Arg) }},
		},
		commands: []command{{Command{"slots", MsgCommandSlots}, ScreenSlots, coordinators}},
	}
}

var slotDrawers = map[string]func(*drawing, string){
	kindSlotsLocation: drawSlotsLocation,
	kindSlotsFrom: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsCloseFrom})
		d.days(arg, 0, func(day spreekuurbot.Date) Button {
			return d.open(ShortDateMsg(day), screenOf(kindSlotsTo, arg+"."+day.Compact()))
		})
	},
	kindSlotsTo: func(d *drawing, arg string) {
		loc, from, _ := strings.Cut(arg, ".")
		first, _ := spreekuurbot.ParseCompactDate(from)
		d.say(spreekuurbot.Msg{ID: MsgSlotsCloseTo, Args: map[string]any{"From": DateMsg(first)}})
		d.days(loc, first.DaysAfter(spreekuurbot.DateOf(d.st.now)), func(day spreekuurbot.Date) Button {
			return d.open(ShortDateMsg(day), screenOf(kindSlotsReason, arg+"."+day.Compact()))
		})
	},
	kindSlotsReason: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsCloseReason})
		for _, r := range closeReasons {
			d.row(d.act(spreekuurbot.Msg{ID: r.msg}, actionSlotsClose, arg+"."+r.code))
		}
	},
	kindSlotsExtraDay: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsExtraDay})
		d.days(arg, 0, func(day spreekuurbot.Date) Button {
			return d.open(ShortDateMsg(day), screenOf(kindSlotsExtraAt, arg+"."+day.Compact()))
		})
	},
	kindSlotsReopen: drawSlotsReopen,
	kindSlotsExtraAt: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsExtraHour})
		var buttons []Button
		for _, h := range extraHours {
			buttons = append(buttons, d.act(plain(fmt.Sprintf("%02d:00–%02d:00", h, h+2)), actionSlotsExtra, arg+"."+strconv.Itoa(h)))
		}
		d.pairs(buttons)
	},
}

// days offers the days from skip days after today up to slotsDays.
func (d *drawing) days(_ string, skip int, button func(spreekuurbot.Date) Button) {
	today := spreekuurbot.DateOf(d.st.now)
	var buttons []Button
	for i := max(skip, 0); i < slotsDays; i++ {
		buttons = append(buttons, button(today.AddDays(i)))
	}
	for i := 0; i < len(buttons); i += 3 {
		d.row(buttons[i:min(i+3, len(buttons))]...)
	}
}

func drawSlots(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgSlotsChoose})
	for _, l := range d.engine().locs().list {
		d.row(d.open(locationLabel(&l), screenOf(kindSlotsLocation, l.ID)))
	}
}

func drawSlotsLocation(d *drawing, id string) {
	l := d.engine().locs().byID[id]
	capacity := 0
	for _, r := range l.Slots {
		capacity = r.Capacity
	}
	d.say(spreekuurbot.Msg{ID: MsgSlotsOverview, Args: map[string]any{"Name": l.Name, "Capacity": strconv.Itoa(capacity)}})
	if periods := l.NextWalkIns(d.st.now, 5); len(periods) > 0 {
		d.say(spreekuurbot.Msg{ID: MsgNextWalkIns})
		for _, p := range periods {
			m := PeriodMsg(p)
			m.Tight = true
			d.say(m)
		}
	}
	today := spreekuurbot.DateOf(d.st.now)
	for _, c := range l.Closures {
		if !c.To.Before(today) {
			reason := plain(c.Reason)
			for _, r := range closeReasons {
				if r.code == c.Reason {
					reason = spreekuurbot.Msg{ID: r.msg}
				}
			}
			d.say(spreekuurbot.Msg{ID: MsgSlotsClosedLine, Tight: true, Args: map[string]any{"From": ShortDateMsg(c.From), "To": ShortDateMsg(c.To), "Reason": reason}})
		}
	}
	drawOverlayClosures(d, l)
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonCloseDays}, screenOf(kindSlotsFrom, id)), d.open(spreekuurbot.Msg{ID: MsgButtonExtra}, screenOf(kindSlotsExtraDay, id)))
	if len(l.Slots) > 0 {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonCapacityDown}, actionSlotsCapacity, id+".down"), d.act(spreekuurbot.Msg{ID: MsgButtonCapacityUp}, actionSlotsCapacity, id+".up"))
	}
}

// slotsAction changes a location's overlay: coordinators only, every
// value checked on the server.
func (st *step) slotsAction(p Payload) bool {
	if st.role != spreekuurbot.Coordinator {
		return false
	}
	parts := strings.Split(p.Arg, ".")
	set := st.engine.locs()
	l := set.byID[parts[0]]
	if l == nil {
		return false
	}
	o := set.overlays[l.ID]
	o.Closures = append([]spreekuurbot.Closure{}, o.Closures...)
	o.Extra = append([]spreekuurbot.Period{}, o.Extra...)
	today := spreekuurbot.DateOf(st.now)
	switch p.Action {
	case actionSlotsClose:
		if len(parts) != 4 {
			return false
		}
		from, ok1 := spreekuurbot.ParseCompactDate(parts[1])
		to, ok2 := spreekuurbot.ParseCompactDate(parts[2])
		reason := spreekuurbot.MsgID("")
		for _, r := range closeReasons {
			if r.code == parts[3] {
				reason = r.msg
			}
		}
		if !ok1 || !ok2 || to.Before(from) || from.Before(today) || reason == "" {
			return false
		}
		if st.closeDays(l, from, to, parts[3]) {
			st.backToPlace(l)
		}
		return true
	case actionSlotsExtra:
		if len(parts) != 3 {
			return false
		}
		day, ok := spreekuurbot.ParseCompactDate(parts[1])
		h, err := strconv.Atoi(parts[2])
		if !ok || err != nil || day.Before(today) || h < extraHours[0] || h > extraHours[len(extraHours)-1] {
			return false
		}
		o.Extra = append(o.Extra, spreekuurbot.Period{Date: day, From: spreekuurbot.ClockTime(h * 60), To: spreekuurbot.ClockTime((h + 2) * 60)})
	case actionSlotsCapacity:
		if len(parts) != 2 || len(l.Slots) == 0 {
			return false
		}
		step := map[string]int{"up": 1, "down": -1}[parts[1]]
		if step == 0 {
			return false
		}
		o.Capacity = min(max(l.Slots[0].Capacity+step, 1), 20)
	default:
		return false
	}
	if st.saveOverlay(l, o) {
		st.backToPlace(l)
	}
	return true
}

// backToPlace goes back to the coordinator's screen of the place.
func (st *step) backToPlace(l *spreekuurbot.Location) {
	for st.session.Screen != screenOf(kindSlotsLocation, l.ID) && len(st.session.Back) > 0 {
		st.session.pop()
	}
}
