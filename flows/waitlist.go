package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spreekuurbot"
)

// The waitlist: when a place has no free time in the coming BookingDays,
// the resident may wait for one. A time that comes free there (a cancel,
// a move away, a coordinator's change, a reopened day) is held by the
// store for the first person waiting, in the same atomic step that frees
// it, and offered to them alone with "Book it" / "No thanks" for
// spreekuurbot.HoldFor; declined or run out, it goes to the next.
// ScreenPrivacyWaitlist says what the waitlist keeps, one tap from
// /privacy.
const ScreenPrivacyWaitlist Screen = "privw"

const (
	kindWaitJoin       = "wj" // what the waitlist keeps, and "yes": "<loc>.<topic>"
	kindWaitConsent    = "wk" // the first time, what an appointment keeps: "<loc>.<topic>"
	actionWait         = "wa" // join the waitlist: "<loc>.<topic>"
	actionWaitLeave    = "wl" // leave the waitlist: "<loc>"
	actionOfferBook    = "wb" // book the time held: "<slot id>.<topic>"
	actionOfferDecline = "wn" // no thanks: "<slot id>"
)

// waitlist is "tell me when a time comes free" and the offers it brings.
func waitlist() flow {
	return flow{
		name: "waitlist",
		screens: []screen{
			{kind: kindWaitJoin, valid: validWaitArg, draw: drawWaitJoin},
			{kind: kindWaitConsent, valid: validWaitArg, draw: drawWaitConsent},
			{kind: string(ScreenPrivacyWaitlist), draw: func(d *drawing, _ string) { d.say(spreekuurbot.Msg{ID: MsgPrivacyWaitlist}) }, label: MsgButtonPrivacyWaitlist},
		},
		actions: []action{
			{codes: []string{actionWait}, do: func(st *step, p Payload) bool { return st.wait(p.Arg) }},
			{codes: []string{actionWaitLeave}, do: func(st *step, p Payload) bool { return st.leaveWaitlist(p.Arg) }},
			{codes: []string{actionOfferBook}, do: func(st *step, p Payload) bool { return st.bookOffer(p.Arg) }},
			{codes: []string{actionOfferDecline}, do: func(st *step, p Payload) bool { return st.declineOffer(p.Arg) }},
		},
	}
}

func validWaitArg(e *Engine, arg string) bool { _, _, ok := e.bookArgs(arg, 2); return ok }

// waitScreen is where "tell me when a time comes free" leads: the first
// time, what an appointment keeps comes first, as before a booking, since
// an offered time is booked with one tap.
func waitScreen(s Session, arg string) Screen {
	if !s.Consented {
		return screenOf(kindWaitConsent, arg)
	}
	return screenOf(kindWaitJoin, arg)
}

func drawWaitConsent(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgBookConsent})
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonNext}, screenOf(kindWaitJoin, arg)))
}

// drawWaitJoin says what waiting keeps, for how long, and asks.
func drawWaitJoin(d *drawing, arg string) {
	l, _, _ := d.engine().bookArgs(arg, 2)
	d.say(spreekuurbot.Msg{ID: MsgWaitConsent, Args: map[string]any{"Name": l.Name}})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonWaitYes}, actionWait, arg))
}

// myWaiting loads the places the person waits for once per step.
func (st *step) myWaiting() []spreekuurbot.Waiting {
	if st.view.waiting == nil {
		st.read("list waitlists", func() error {
			list, err := st.engine.cfg.Waitlist.Waiting(st.ctx, st.userID, st.now)
			st.view.waiting = &list
			return err
		})
	}
	if st.view.waiting == nil {
		return nil
	}
	return *st.view.waiting
}

// heldTime is the time held for the person, if any, as read once per
// step.
type heldTime struct {
	offer spreekuurbot.Offer
	ok    bool
}

// myHeld loads the time held for the person once per step.
func (st *step) myHeld() (spreekuurbot.Offer, bool) {
	if st.view.held == nil {
		st.read("read held time", func() error {
			o, ok, err := st.engine.cfg.Waitlist.Held(st.ctx, st.userID, st.now)
			st.view.held = &heldTime{o, ok}
			return err
		})
	}
	if st.view.held == nil {
		return spreekuurbot.Offer{}, false
	}
	return st.view.held.offer, st.view.held.ok
}

// drawHeld shows the time held for the person, with the offer's own
// buttons: the message that offered it may be far up the chat by now.
func (d *drawing) drawHeld(o spreekuurbot.Offer) {
	l := d.engine().locs().byID[o.Slot.Location]
	if l == nil {
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgAppointmentHeld, Args: map[string]any{
		"Name": l.Name, "Date": DateMsg(o.Slot.Date), "Time": o.Slot.Start.String(), "Until": o.Until.In(d.engine().cfg.Zone).Format("15:04"),
	}})
	d.row(d.engine().offerButtons(o)...)
}

// offerButtons are "Book it" and "No thanks" for the time held for the
// person. Seq 0: they work whatever the person does meanwhile; the store
// decides whether the time is still theirs.
func (e *Engine) offerButtons(o spreekuurbot.Offer) []Button {
	slotID := o.Slot.ID()
	return []Button{
		{Label: spreekuurbot.Msg{ID: MsgButtonOfferBook}, Data: e.codec.sign(o.UserID, Payload{Action: actionOfferBook, Arg: slotID + "." + o.Topic})},
		{Label: spreekuurbot.Msg{ID: MsgButtonOfferDecline}, Data: e.codec.sign(o.UserID, Payload{Action: actionOfferDecline, Arg: slotID})},
	}
}

// waitsAt reports whether the person waits for a time at location.
func (st *step) waitsAt(location string) bool {
	for _, w := range st.myWaiting() {
		if w.Location == location {
			return true
		}
	}
	return false
}

// drawWaiting shows each place the person waits for as a button that
// stops waiting ("Stop waiting for <place>"): a line of text per place
// would make "My appointments" longer than a phone screen.
func (d *drawing) drawWaiting() {
	for _, w := range d.st.myWaiting() {
		if l := d.engine().locs().byID[w.Location]; l != nil {
			d.row(d.act(spreekuurbot.Msg{ID: MsgButtonWaitLeave, Args: map[string]any{"Name": l.Name}}, actionWaitLeave, l.ID))
		}
	}
}

// wait puts the person on the place's waitlist, after checking again
// that no time is free there.
func (st *step) wait(arg string) bool {
	l, _, ok := st.engine.bookArgs(arg, 2)
	if !ok {
		return false
	}
	if len(st.freeSlots(l)) > 0 {
		// A time came free since the screen was drawn: back to the days,
		// to book it instead.
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgWaitFreeNow})
		for st.session.Screen != screenOf(kindBookDay, arg) && len(st.session.Back) > 0 {
			st.session.pop()
		}
		return true
	}
	if st.waitsAt(l.ID) {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgWaitAlready, Args: map[string]any{"Name": l.Name}})
	} else {
		topic := arg[strings.LastIndexByte(arg, '.')+1:]
		err := st.engine.cfg.Waitlist.Wait(st.ctx, st.userID, l.ID, topic, st.now)
		switch {
		case errors.Is(err, spreekuurbot.ErrWaitLimit):
			st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgWaitLimit})
		case err != nil:
			st.abort(err)
			return true
		default:
			st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgWaitJoined, Args: map[string]any{"Name": l.Name}})
			// Both texts were shown on the way here (waitScreen).
			st.session.Consented = true
		}
	}
	st.view.waiting = nil
	st.session.home()
	st.session.push(ScreenAppointments)
	return true
}

// leaveWaitlist takes the person off a place's waitlist.
func (st *step) leaveWaitlist(loc string) bool {
	l := st.engine.locs().byID[loc]
	if l == nil || !st.waitsAt(loc) {
		return false
	}
	if err := st.engine.cfg.Waitlist.Leave(st.ctx, st.userID, loc); err != nil {
		st.abort(err)
		return true
	}
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgWaitLeft, Args: map[string]any{"Name": l.Name}})
	st.view.waiting = nil
	st.session.home()
	st.session.push(ScreenAppointments)
	return true
}

// offerSlot reads "<loc>.<yyyymmdd>.<hhmm>": the place and the slot as it
// is now, or false when it can no longer be booked.
func (st *step) offerSlot(slotID string) (*spreekuurbot.Location, spreekuurbot.Slot, bool) {
	parts := strings.Split(slotID, ".")
	if len(parts) != 3 {
		return nil, spreekuurbot.Slot{}, false
	}
	l := st.engine.bookableLocation(parts[0])
	day, dok := spreekuurbot.ParseCompactDate(parts[1])
	start, sok := parseHHMM(parts[2])
	if l == nil || !dok || !sok {
		return nil, spreekuurbot.Slot{}, false
	}
	slot, err := l.FindSlot(day, start, st.now)
	return l, slot, err == nil
}

// bookOffer books the time held for the person, if it still is.
func (st *step) bookOffer(arg string) bool {
	st.view.held = nil
	i := strings.LastIndexByte(arg, '.')
	if i < 0 {
		return false
	}
	slotID, topic := arg[:i], arg[i+1:]
	if _, ok := topicMsg(topic); !ok {
		return false
	}
	l, slot, ok := st.offerSlot(slotID)
	if !ok {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgOfferGone})
		st.session.home()
		return true
	}
	b, err := st.engine.cfg.Waitlist.BookOffer(st.ctx, st.requestID(actionOfferBook, arg), spreekuurbot.Booking{UserID: st.userID, Slot: slot, Topic: topic, Lang: st.session.Lang}, st.engine.cfg.Zone, st.now)
	switch {
	case errors.Is(err, spreekuurbot.ErrNoOffer):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgOfferGone})
		st.session.home()
		return true
	case errors.Is(err, spreekuurbot.ErrLimitReached):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgOfferLimit})
		st.session.home()
		st.session.push(ScreenAppointments)
		return true
	}
	return st.madeBooking(b, l, err)
}

// declineOffer lets the time held for the person go to the next.
func (st *step) declineOffer(slotID string) bool {
	st.view.held = nil
	if strings.Count(slotID, ".") != 2 {
		return false
	}
	offers, err := st.engine.cfg.Waitlist.DeclineOffer(st.ctx, st.userID, slotID, st.engine.openSlot(st.now), st.now)
	switch {
	case errors.Is(err, spreekuurbot.ErrNoOffer):
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgOfferGone})
	case err != nil:
		st.abort(err)
		return true
	default:
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgOfferDeclined})
		st.effects = append(st.effects, SendOffers{Offers: offers})
	}
	st.session.home()
	return true
}

// openSlot is what the store offers: a freed time on an open day, in the
// future and within the booking days, as the place has it now.
func (e *Engine) openSlot(now time.Time) spreekuurbot.OpenSlot {
	return func(s spreekuurbot.Slot) (spreekuurbot.Slot, bool) {
		l := e.bookableLocation(s.Location)
		if l == nil {
			return s, false
		}
		slot, err := l.FindSlot(s.Date, s.Start, now)
		return slot, err == nil
	}
}

// roomAt lists the coming slots of a place a coordinator changed, each
// with its capacity now, for the store to offer what room they have.
func (e *Engine) roomAt(location string, now time.Time) []spreekuurbot.Slot {
	if l := e.bookableLocation(location); l != nil {
		return l.ComingSlots(now, e.cfg.Zone)
	}
	return nil
}

// offerMessages words each offer for its resident, in their language,
// with "Book it" and "No thanks" that only they can press.
func (e *Engine) offerMessages(ctx context.Context, offers []spreekuurbot.Offer) ([]Outgoing, error) {
	offers, err := e.passOwnTimes(ctx, offers, e.cfg.Now())
	if err != nil || len(offers) == 0 {
		return nil, err
	}
	ids := make([]int64, len(offers))
	for i, o := range offers {
		ids[i] = o.UserID
	}
	langs, err := e.cfg.Broadcasts.LanguagesOf(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("offer: %w", err)
	}
	var out []Outgoing
	for i, o := range offers {
		l := e.locs().byID[o.Slot.Location]
		if l == nil {
			continue
		}
		out = append(out, Outgoing{
			To: spreekuurbot.Recipient{UserID: o.UserID, Lang: e.languages.Or(langs[i])},
			Reply: Reply{
				Text: []spreekuurbot.Msg{{ID: MsgOfferText, Args: map[string]any{
					"Name": l.Name, "Date": DateMsg(o.Slot.Date), "Time": o.Slot.Start.String(), "Until": o.Until.In(e.cfg.Zone).Format("15:04"),
				}}},
				Buttons: [][]Button{e.offerButtons(o)},
			},
		})
	}
	return out, nil
}

// passOwnTimes passes on, unsent, each offer of a time the person already
// has an appointment at: someone who booked a place and waits there for
// an earlier time is first in line when the other person at their own
// time cancels, and could not book it (one place a time). They stay on
// the waitlist, at its end; the time goes to the next person waiting.
func (e *Engine) passOwnTimes(ctx context.Context, offers []spreekuurbot.Offer, now time.Time) ([]spreekuurbot.Offer, error) {
	var out, rejoin []spreekuurbot.Offer
	for len(offers) > 0 {
		o := offers[0]
		offers = offers[1:]
		mine, err := e.cfg.Bookings.Bookings(ctx, o.UserID, now)
		if err != nil {
			return nil, fmt.Errorf("offer: %w", err)
		}
		if !slices.ContainsFunc(mine, func(b spreekuurbot.Booking) bool { return b.Slot.ID() == o.Slot.ID() }) {
			out = append(out, o)
			continue
		}
		next, err := e.cfg.Waitlist.DeclineOffer(ctx, o.UserID, o.Slot.ID(), e.openSlot(now), now)
		if err != nil && !errors.Is(err, spreekuurbot.ErrNoOffer) {
			return nil, fmt.Errorf("offer: %w", err)
		}
		rejoin = append(rejoin, o)
		offers = append(offers, next...)
	}
	// Back on the list once the times are passed on, or they would be
	// offered their own time again.
	for _, o := range rejoin {
		if err := e.cfg.Waitlist.Wait(ctx, o.UserID, o.Slot.Location, o.Topic, now); err != nil && !errors.Is(err, spreekuurbot.ErrWaitLimit) {
			return nil, fmt.Errorf("offer: %w", err)
		}
	}
	return out, nil
}

// ExpiredOffers passes on every held time whose 30 minutes ran out, and
// words what that says: to the person who let it pass, that it went on;
// to the next person waiting, the offer. The transport calls it with its
// reminders, on one replica at a time (the store ends each hold once
// anyway).
func (e *Engine) ExpiredOffers(ctx context.Context) ([]Outgoing, error) {
	if err := e.refreshLatest(ctx); err != nil {
		return nil, err
	}
	now := e.cfg.Now()
	expired, offered, err := e.cfg.Waitlist.ExpireOffers(ctx, e.openSlot(now), now)
	if err != nil {
		return nil, fmt.Errorf("expire offers: %w", err)
	}
	var out []Outgoing
	if len(expired) > 0 {
		ids := make([]int64, len(expired))
		for i, o := range expired {
			ids[i] = o.UserID
		}
		langs, err := e.cfg.Broadcasts.LanguagesOf(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("expire offers: %w", err)
		}
		for i, o := range expired {
			l := e.locs().byID[o.Slot.Location]
			if l == nil {
				continue
			}
			book := e.codec.sign(o.UserID, Payload{Action: actionOpen, Arg: string(ScreenBook)})
			out = append(out, Outgoing{
				To: spreekuurbot.Recipient{UserID: o.UserID, Lang: e.languages.Or(langs[i])},
				Reply: Reply{
					Text:    []spreekuurbot.Msg{{ID: MsgOfferExpired, Args: map[string]any{"Name": l.Name, "Date": DateMsg(o.Slot.Date), "Time": o.Slot.Start.String()}}},
					Buttons: [][]Button{{{Label: spreekuurbot.Msg{ID: MsgButtonBook}, Data: book}}},
				},
			})
		}
	}
	more, err := e.offerMessages(ctx, offered)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}
