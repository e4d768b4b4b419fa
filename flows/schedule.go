package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
)

// The coordinators' /slots: a location's coming days, closures, extra
// spreekuren and the number of appointments per slot, stored on top of
// the configuration and seen by residents at once.
const (
	ScreenSlots Screen = "sl"

	kindSlotsLocation  = "sll" // <loc>
	kindSlotsFrom      = "slc" // <loc>[.<first day shown>]: the first closed day
	kindSlotsTo        = "slt" // <loc>.<from>: the last closed day
	kindSlotsReason    = "slr" // <loc>.<from>.<to>: why
	kindSlotsExtraDay  = "sle" // <loc>[.<first day shown>]: the day of an extra spreekuur
	kindSlotsExtraAt   = "slh" // <loc>.<day>: its hour
	kindSlotsExtraLen  = "sln" // <loc>.<day>.<hour>: how long
	kindSlotsExtraKind = "slb" // <loc>.<day>.<hour>.<hours>: walk-in only, or bookable too

	actionSlotsClose    = "sc" // <loc>.<from>.<to>.<reason>
	actionSlotsExtra    = "se" // <loc>.<day>.<hour>.<hours>.<w: walk-in only | b: bookable too>
	actionSlotsCapacity = "sk" // <loc>.<up|down>
)

// slotsDays is how many days a coordinator sees at once ("Later" shows the
// next ones), up to slotsAhead; extraHours are the start times offered for
// an extra spreekuur, which lasts 1 to maxExtraHours hours.
const (
	slotsDays     = 28
	slotsAhead    = 365
	maxExtraHours = 3
)

var extraHours = []int{9, 10, 11, 12, 13, 14, 15, 16}

// slotArgs says what follows the place in each kind's argument: d a day,
// h an hour of extraHours, n a number of hours; a leading "?" makes the
// one day optional (the first day of a page).
var slotArgs = map[string]string{
	kindSlotsLocation: "", kindSlotsFrom: "?d", kindSlotsTo: "d", kindSlotsReason: "dd", kindSlotsReopen: "dd",
	kindSlotsExtraDay: "?d", kindSlotsExtraAt: "d", kindSlotsExtraLen: "dh", kindSlotsExtraKind: "dhn",
}

// validSlotArg checks a coordinator screen's argument against its spec.
func validSlotArg(spec string) func(e *Engine, arg string) bool {
	return func(e *Engine, arg string) bool {
		parts := strings.Split(arg, ".")
		if e.locs().byID[parts[0]] == nil {
			return false
		}
		rest := parts[1:]
		spec, optional := strings.CutPrefix(spec, "?")
		if optional && len(rest) == 0 {
			return true
		}
		if len(rest) != len(spec) {
			return false
		}
		for i, kind := range spec {
			n, err := strconv.Atoi(rest[i])
			switch {
			case kind == 'd':
				if _, ok := spreekuurbot.ParseCompactDate(rest[i]); !ok {
					return false
				}
			case kind == 'h' && (err != nil || n < extraHours[0] || n > extraHours[len(extraHours)-1]):
				return false
			case kind == 'n' && (err != nil || n < 1 || n > maxExtraHours):
				return false
			}
		}
		return true
	}
}

var closeReasons = []struct {
	code string
	msg  spreekuurbot.MsgID
}{{"vak", MsgReasonHoliday}, {"ziek", MsgReasonIllness}, {"anders", MsgReasonOther}}

// schedule is a coordinator's /slots: closures, an extra spreekuur and the
// bookable capacity of each place.
func schedule() flow {
	screens := []screen{{kind: string(ScreenSlots), roles: coordinators, draw: drawSlots}}
	for _, kind := range []string{kindSlotsLocation, kindSlotsFrom, kindSlotsTo, kindSlotsReason, kindSlotsExtraDay, kindSlotsExtraAt, kindSlotsExtraLen, kindSlotsExtraKind, kindSlotsReopen} {
		s := screen{kind: kind, roles: coordinators, valid: validSlotArg(slotArgs[kind]), draw: slotDrawers[kind]}
		if kind == kindSlotsLocation {
			s.load = loadSlotsPlace
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
		loc, first := pageOf(arg)
		d.dayPage(kindSlotsFrom, loc, first, func(day spreekuurbot.Date) Button {
			return d.open(ShortDateMsg(day), screenOf(kindSlotsTo, loc+"."+day.Compact()))
		})
	},
	kindSlotsTo: func(d *drawing, arg string) {
		_, from, _ := strings.Cut(arg, ".")
		first, _ := spreekuurbot.ParseCompactDate(from)
		d.say(spreekuurbot.Msg{ID: MsgSlotsCloseTo, Args: map[string]any{"From": DateMsg(first)}})
		d.days(first.DaysAfter(spreekuurbot.DateOf(d.st.now)), closureDays, func(day spreekuurbot.Date) Button {
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
		loc, first := pageOf(arg)
		d.dayPage(kindSlotsExtraDay, loc, first, func(day spreekuurbot.Date) Button {
			return d.open(ShortDateMsg(day), screenOf(kindSlotsExtraAt, loc+"."+day.Compact()))
		})
	},
	kindSlotsReopen: drawSlotsReopen,
	kindSlotsExtraAt: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsExtraHour})
		var buttons []Button
		for _, h := range extraHours {
			buttons = append(buttons, d.open(plain(fmt.Sprintf("%02d:00", h)), screenOf(kindSlotsExtraLen, arg+"."+strconv.Itoa(h))))
		}
		d.pairs(buttons)
	},
	kindSlotsExtraLen: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsExtraLength})
		parts := strings.Split(arg, ".")
		h, _ := strconv.Atoi(parts[2])
		// A place without appointments gets a walk-in spreekuur at once.
		bookable := len(d.engine().locs().byID[parts[0]].Slots) > 0
		var buttons []Button
		for n := 1; n <= maxExtraHours; n++ {
			label := plain(fmt.Sprintf("%02d:00–%02d:00", h, h+n))
			next := arg + "." + strconv.Itoa(n)
			if bookable {
				buttons = append(buttons, d.open(label, screenOf(kindSlotsExtraKind, next)))
			} else {
				buttons = append(buttons, d.act(label, actionSlotsExtra, next+".w"))
			}
		}
		d.pairs(buttons)
	},
	kindSlotsExtraKind: func(d *drawing, arg string) {
		d.say(spreekuurbot.Msg{ID: MsgSlotsExtraKind})
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonExtraWalkIn}, actionSlotsExtra, arg+".w"))
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonExtraBook}, actionSlotsExtra, arg+".b"))
	},
}

// closureDays is how many days a closure can last, from its first day.
const closureDays = 42

// days offers n days from skip days after today, three to a row.
func (d *drawing) days(skip, n int, button func(spreekuurbot.Date) Button) {
	today := spreekuurbot.DateOf(d.st.now)
	var buttons []Button
	for i := max(skip, 0); i < skip+n; i++ {
		buttons = append(buttons, button(today.AddDays(i)))
	}
	for i := 0; i < len(buttons); i += 3 {
		d.row(buttons[i:min(i+3, len(buttons))]...)
	}
}

// pageOf reads "<loc>[.<first day shown>]".
func pageOf(arg string) (string, spreekuurbot.Date) {
	loc, first, _ := strings.Cut(arg, ".")
	day, _ := spreekuurbot.ParseCompactDate(first)
	return loc, day
}

// dayPage offers slotsDays days from first (today at the earliest), and
// "Later" for the next ones, up to slotsAhead days from today.
func (d *drawing) dayPage(kind, loc string, first spreekuurbot.Date, button func(spreekuurbot.Date) Button) {
	today := spreekuurbot.DateOf(d.st.now)
	if first.Before(today) {
		first = today
	}
	last := today.AddDays(slotsAhead)
	var buttons []Button
	for i := 0; i < slotsDays && !last.Before(first.AddDays(i)); i++ {
		buttons = append(buttons, button(first.AddDays(i)))
	}
	for i := 0; i < len(buttons); i += 3 {
		d.row(buttons[i:min(i+3, len(buttons))]...)
	}
	if next := first.AddDays(slotsDays); !last.Before(next) {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonLater}, screenOf(kind, loc+"."+next.Compact())))
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
	if len(l.Slots) == 0 && len(l.BookableExtra) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgSlotsWalkInOnly, Args: map[string]any{"Name": l.Name}})
	} else {
		d.say(spreekuurbot.Msg{ID: MsgSlotsOverview, Args: map[string]any{"Name": l.Name, "Capacity": strconv.Itoa(capacity)}})
	}
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
	drawBookableDays(d, l)
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
		if len(parts) != 5 || !validSlotArg(slotArgs[kindSlotsExtraKind])(st.engine, strings.Join(parts[:4], ".")) {
			return false
		}
		day, _ := spreekuurbot.ParseCompactDate(parts[1])
		h, _ := strconv.Atoi(parts[2])
		n, _ := strconv.Atoi(parts[3])
		bookable := parts[4] == "b"
		if day.Before(today) || today.AddDays(slotsAhead).Before(day) || !bookable && parts[4] != "w" || bookable && len(l.Slots) == 0 {
			return false
		}
		p := spreekuurbot.Period{Date: day, From: spreekuurbot.ClockTime(h * 60), To: spreekuurbot.ClockTime((h + n) * 60)}
		o.Extra = append(o.Extra, p)
		if bookable {
			o.BookableExtra = append(slices.Clone(o.BookableExtra), p)
		}
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

// loadSlotsPlace reads what a coordinator's screen of a place shows: the
// appointments its closures hold, and how full its coming days are.
func loadSlotsPlace(st *step, id string) {
	loadClosures(st, id)
	l := st.engine.locs().byID[id]
	if l == nil || st.view.taken != nil {
		return
	}
	var ids []string
	for _, s := range bookableDays(l, st.now) {
		ids = append(ids, s.ID())
	}
	st.read("slots taken", func() (err error) {
		st.view.taken, err = st.engine.cfg.Bookings.TakenMany(st.ctx, ids)
		return err
	})
}

// bookableDays are the slots of l in the days residents can book now.
func bookableDays(l *spreekuurbot.Location, now time.Time) []spreekuurbot.Slot {
	today := spreekuurbot.DateOf(now)
	var out []spreekuurbot.Slot
	for i := 0; i <= spreekuurbot.BookingDays; i++ {
		out = append(out, l.SlotsOn(today.AddDays(i))...)
	}
	return out
}

// drawBookableDays lists, per day residents can book, how many places are
// free and how many taken.
func drawBookableDays(d *drawing, l *spreekuurbot.Location) {
	slots := bookableDays(l, d.st.now)
	if len(slots) == 0 {
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgSlotsBookable})
	for i := 0; i < len(slots); {
		day := slots[i].Date
		free, taken := 0, 0
		for ; i < len(slots) && slots[i].Date == day; i++ {
			n := d.st.view.taken[slots[i].ID()]
			taken += n
			free += max(slots[i].Capacity-n, 0)
		}
		d.say(spreekuurbot.Msg{ID: MsgSlotsDayLine, Tight: true, Args: map[string]any{"Date": ShortDateMsg(day), "Free": strconv.Itoa(free), "Taken": strconv.Itoa(taken)}})
	}
}
