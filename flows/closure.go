package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"spreekuurbot"
)

// A closure has a lifecycle. When a coordinator closes a place on some
// days (/slots, or the "closed on a day" broadcast, which closes the day
// in the same action), the appointments on those days are no longer live:
// the residents are told and offered other times; their appointments show
// as closed, get no reminder and raise no "nobody confirmed" alert; one
// still unchosen on the evening before is cancelled, with the reason, and
// its place freed. A coordinator can open the days again: the walk-in
// times come back, the remaining appointments stand again, and their
// residents and the other coordinators are told.

const (
	kindSlotsReopen   = "slo" // <loc>.<from>.<to>: confirm opening again
	actionSlotsReopen = "so"  // <loc>.<from>.<to>
)

// closedOn reports whether the appointment's day is closed at its place.
func closedOn(l *spreekuurbot.Location, b spreekuurbot.Booking) bool {
	_, closed := l.Closed(b.Slot.Date)
	return closed
}

// cancelOnClosedDay cancels an appointment on a closed day that its
// resident did not move, at the evening-before reminder, and words the
// message that says so.
func (e *Engine) cancelOnClosedDay(ctx context.Context, l *spreekuurbot.Location, b spreekuurbot.Booking) (Reply, bool, error) {
	err := e.cfg.Bookings.Cancel(ctx, "closed:"+b.ID, b.UserID, b.ID)
	if errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		return Reply{}, false, nil
	}
	if err != nil {
		return Reply{}, false, fmt.Errorf("cancel on a closed day: %w", err)
	}
	book := e.codec.sign(b.UserID, Payload{Action: actionOpen, Arg: string(ScreenBook)})
	return Reply{
		Text: []spreekuurbot.Msg{{ID: MsgClosureCancelled, Args: map[string]any{
			"Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String(), "Name": l.Name,
		}}},
		Buttons: [][]Button{{{Label: spreekuurbot.Msg{ID: MsgButtonBook}, Data: book}}},
	}, true, nil
}

// overlayClosure finds a coordinator's closure of l from..to; closures in
// the configuration are changed there, not here.
func (set *locationSet) overlayClosure(l *spreekuurbot.Location, from, to spreekuurbot.Date) (int, bool) {
	for i, c := range set.overlays[l.ID].Closures {
		if c.From == from && c.To == to {
			return i, true
		}
	}
	return 0, false
}

// openedSlots are the slots of l from..to as they would be without the
// closure: the appointments a closure holds.
func openedSlots(l *spreekuurbot.Location, from, to spreekuurbot.Date) []string {
	open := *l
	open.Closures = slices.DeleteFunc(slices.Clone(l.Closures), func(c spreekuurbot.Closure) bool { return c.From == from && c.To == to })
	var ids []string
	for day := from; !to.Before(day); day = day.AddDays(1) {
		for _, s := range open.SlotsOn(day) {
			ids = append(ids, s.ID())
		}
	}
	return ids
}

// loadClosures reads, for the coordinator's screen of a place, the
// appointments each coming closure of theirs still holds.
func loadClosures(st *step, id string) {
	set := st.engine.locs()
	l := set.byID[id]
	if l == nil || st.view.closed != nil {
		return
	}
	today := spreekuurbot.DateOf(st.now)
	held := map[spreekuurbot.Closure][]spreekuurbot.DeskBooking{}
	for _, c := range set.overlays[l.ID].Closures {
		if c.To.Before(today) {
			continue
		}
		ids := openedSlots(l, c.From, c.To)
		if len(ids) == 0 {
			continue
		}
		if !st.read("appointments on closed days", func() (err error) {
			held[c], err = st.engine.cfg.Desk.DayBookings(st.ctx, ids)
			return err
		}) {
			return
		}
	}
	st.view.closed = held
}

// drawOverlayClosures lists a place's coming closures by a coordinator,
// with the appointments each still holds and a button to open the days
// again.
func drawOverlayClosures(d *drawing, l *spreekuurbot.Location) {
	today := spreekuurbot.DateOf(d.st.now)
	for _, c := range d.engine().locs().overlays[l.ID].Closures {
		if c.To.Before(today) {
			continue
		}
		if n := len(d.st.view.closed[c]); n > 0 {
			d.say(spreekuurbot.Msg{ID: MsgSlotsClosedBooked, Tight: true, Args: map[string]any{"Count": fmt.Sprint(n)}})
		}
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonReopen, Args: map[string]any{"From": ShortDateMsg(c.From)}},
			screenOf(kindSlotsReopen, l.ID+"."+c.From.Compact()+"."+c.To.Compact())))
	}
}

// drawSlotsReopen asks the coordinator to confirm opening days again.
func drawSlotsReopen(d *drawing, arg string) {
	l, from, to, ok := d.engine().reopenArgs(arg)
	if !ok {
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgSlotsReopenConfirm, Args: map[string]any{"Name": l.Name, "From": DateMsg(from), "To": DateMsg(to)}})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonReopenYes}, actionSlotsReopen, arg))
}

// reopenArgs reads "<loc>.<from>.<to>" naming a coordinator's closure.
func (e *Engine) reopenArgs(arg string) (*spreekuurbot.Location, spreekuurbot.Date, spreekuurbot.Date, bool) {
	parts := strings.Split(arg, ".")
	if len(parts) != 3 {
		return nil, spreekuurbot.Date{}, spreekuurbot.Date{}, false
	}
	set := e.locs()
	l := set.byID[parts[0]]
	from, ok1 := spreekuurbot.ParseCompactDate(parts[1])
	to, ok2 := spreekuurbot.ParseCompactDate(parts[2])
	if l == nil || !ok1 || !ok2 {
		return nil, from, to, false
	}
	_, ok := set.overlayClosure(l, from, to)
	return l, from, to, ok
}

// reopen opens a coordinator's closed days again: the overlay without the
// closure is stored (every replica draws it at once), the residents whose
// appointments stand again are told, and so are the other coordinators.
func (st *step) reopen(arg string) bool {
	e := st.engine
	l, from, to, ok := e.reopenArgs(arg)
	if st.role != spreekuurbot.Coordinator || !ok || to.Before(spreekuurbot.DateOf(st.now)) {
		return false
	}
	var held []spreekuurbot.DeskBooking
	if !st.read("appointments on closed days", func() (err error) {
		held, err = e.cfg.Desk.DayBookings(st.ctx, openedSlots(l, from, to))
		return err
	}) {
		return true
	}
	set := e.locs()
	o := set.overlays[l.ID]
	i, _ := set.overlayClosure(l, from, to)
	o.Closures = slices.Delete(slices.Clone(o.Closures), i, i+1)
	if !st.saveOverlay(l, o) {
		return true
	}
	st.backToPlace(l)
	for _, b := range held {
		st.effects = append(st.effects, NotifyUser{To: spreekuurbot.Recipient{UserID: b.UserID, Lang: b.Lang}, Msg: spreekuurbot.Msg{ID: MsgReopenedResident,
			Args: map[string]any{"Name": l.Name, "Date": DateMsg(b.Slot.Date), "Time": b.Slot.Start.String()}}})
	}
	for _, c := range e.cfg.Coordinators {
		if c != st.userID {
			st.effects = append(st.effects, NotifyUser{To: spreekuurbot.Recipient{UserID: c}, Msg: spreekuurbot.Msg{ID: MsgReopenedLog,
				Args: map[string]any{"Name": l.Name, "From": DateMsg(from), "To": DateMsg(to)}}})
		}
	}
	return true
}

// saveOverlay stores a coordinator's change to a place and reloads the
// places, so the screen drawn next shows it; it reports false when
// storage failed.
func (st *step) saveOverlay(l *spreekuurbot.Location, o spreekuurbot.Overlay) bool {
	version := st.engine.locs().version
	if err := st.engine.cfg.Overlays.SetOverlay(st.ctx, l.ID, o); err != nil {
		st.abort(fmt.Errorf("save overlay: %w", err))
		return false
	}
	if err := st.engine.refresh(st.ctx, version+1); err != nil {
		st.abort(err)
		return false
	}
	st.notice = &spreekuurbot.Msg{ID: MsgSlotsSaved}
	// More room, an extra spreekuur or days opened again: whoever waits
	// for this place is offered it.
	st.effects = append(st.effects, OfferRoom{Location: l.ID})
	return true
}

// closeDays closes l from..to for reason, as a coordinator asked: the
// residents booked on those days are told first, while the days' slots
// are still known, then the closure is stored.
func (st *step) closeDays(l *spreekuurbot.Location, from, to spreekuurbot.Date, reason string) bool {
	o := st.engine.locs().overlays[l.ID]
	o.Closures = append(slices.Clone(o.Closures), spreekuurbot.Closure{From: from, To: to, Reason: reason})
	if err := st.closureNotices(l, from, to); err != nil {
		st.abort(err)
		return false
	}
	return st.saveOverlay(l, o)
}
