package flows

import (
	"context"
	"fmt"
	"slices"
	"time"

	"spreekuurbot"
)

// Step is the heart of the flows: the session before, the person's role
// and the event give the session after and the result. It reads and books
// through the interfaces in Config; everything else is pure. An error
// means storage failed.
func (e *Engine) Step(ctx context.Context, s Session, role spreekuurbot.Role, ev Event) (Session, Result, error) {
	if ev.Time.IsZero() {
		ev.Time = e.cfg.Now()
	}
	if !e.languages.Has(s.Lang) {
		s.Lang, _ = e.languages.Match(ev.LanguageCode)
	}
	if !e.knownScreen(s.Screen) {
		s.home()
	}
	st := &step{ctx: ctx, engine: e, session: s, role: role, userID: ev.UserID, firstName: ev.FirstName, now: ev.Time.In(e.cfg.Zone)}
	switch ev.Kind {
	case KindButton:
		st.button(ev.Data)
	case KindCommand:
		st.command(ev.Command, ev.Args)
	case KindText:
		st.typed(ev.Text)
	case KindLocation:
		for _, take := range e.house.locations {
			take(st, ev.Lat, ev.Lon)
		}
	case KindLetter:
		for _, take := range e.house.letters {
			take(st, ev.Letter)
		}
	default:
		// Stickers, voice, files that are no letter: the bot reads none of them, so one kind
		// line and the buttons of the current screen.
		st.fallback(MsgFallbackMedia)
	}
	if st.err != nil {
		return s, Result{}, st.err
	}
	res := st.result()
	if st.err != nil {
		return s, Result{}, st.err
	}
	return st.session, res, nil
}

// step collects the outcome of one event.
type step struct {
	ctx       context.Context
	err       error  // storage failed; the whole step is void
	firstName string // never stored
	engine    *Engine
	session   Session
	role      spreekuurbot.Role
	userID    int64
	now       time.Time

	notice  *spreekuurbot.Msg
	lead    []spreekuurbot.Msg // lines before the screen's own text
	after   []Reply            // messages after the screen's, this once
	edit    bool
	short   bool     // show only the lead lines and the buttons
	extra   []Reply  // replies before the screen (a map pin, a location keyboard)
	noDraw  bool     // the screen stays as it is: send only the extra replies
	urgent  Referral // a deadline within days makes any answer urgent
	effects []Effect
	// view is what the step read from storage, for its action and its
	// screen.
	view view
	// drawing is set while the screen is drawn: reading storage then is a
	// mistake (give the screen a load).
	drawing bool
}

// view is what a step read from storage, each thing once: in its action or
// in its screen's load, before the screen is drawn, so that drawing only
// draws. A step that asks for a change through an effect changes its view
// too, so the screen shows the change the person asked for.
type view struct {
	bookings *[]spreekuurbot.Booking                              // the person's coming appointments
	waiting  *[]spreekuurbot.Waiting                              // the places the person waits for
	held     *heldTime                                            // a freed time held for the person
	places   *[]string                                            // the staff member's places
	free     map[string]map[spreekuurbot.Date][]spreekuurbot.Slot // bookable slots by place
	desk     *[]spreekuurbot.DeskBooking                          // today's appointments at the staff member's places
	team     *[]spreekuurbot.VolunteerInfo
	spoken   *[]string // the volunteer's languages
	streets  *[]string
	figures  *spreekuurbot.Figures
	audience *[]spreekuurbot.Addressee
	// closed holds, per coming closure of a place by a coordinator, the
	// appointments on its days.
	closed map[spreekuurbot.Closure][]spreekuurbot.DeskBooking
	// taken counts the appointments in the slots a coordinator's screen of
	// a place shows.
	taken map[string]int
}

// read runs one read of storage for the view, and reports whether it
// succeeded; a failure voids the step. Reading while the screen is drawn
// voids it too: that read belongs in the screen's load.
func (st *step) read(what string, f func() error) bool {
	if st.err != nil {
		return false
	}
	if st.drawing {
		st.abort(fmt.Errorf("flows: %s read while drawing %s: give the screen a load", what, st.session.Screen))
		return false
	}
	if err := f(); err != nil {
		st.abort(fmt.Errorf("%s: %w", what, err))
		return false
	}
	return true
}

func (st *step) button(data string) {
	p, err := st.engine.codec.Decode(st.userID, data)
	if err != nil || (p.Seq != 0 && p.Seq != st.session.Seq) || !st.press(p) {
		st.invalid()
		return
	}
	st.edit = true
}

// press carries out a valid button press through the flow that owns its
// action, and reports whether the press made sense: a well-signed button
// can still name something that is gone.
func (st *step) press(p Payload) bool {
	do, ok := st.engine.house.actions[p.Action]
	return ok && do(st, p)
}

// typed gives typed text to the flow that waits for it, if one does, and
// else looks for where its words point.
func (st *step) typed(text string) {
	for _, take := range st.engine.house.texts {
		if take(st, text) {
			return
		}
	}
	st.understand(text)
}

// abort records that storage failed: the whole step is void, and the
// person gets an apology instead of its outcome.
func (st *step) abort(err error) {
	if st.err == nil {
		st.err = err
	}
}

// mayOpen checks on the server that the screen exists and that the role may
// see it, whatever the button claimed.
func (st *step) mayOpen(to Screen) bool {
	if !st.engine.knownScreen(to) {
		return false
	}
	kind, _ := to.split()
	return allowed(st.role, st.engine.house.screens[kind].roles)
}

func (e *Engine) knownScreen(s Screen) bool {
	kind, arg := s.split()
	def, ok := e.house.screens[kind]
	if !ok {
		return false
	}
	if def.valid == nil {
		return arg == ""
	}
	return def.valid(e, arg)
}

func (st *step) invalid() {
	st.notice = &spreekuurbot.Msg{ID: MsgButtonInvalid}
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgButtonInvalid})
	st.short = true
	st.noDraw = false
	st.extra = nil
}

func (st *step) command(name, args string) {
	if name == "start" && args != "" {
		// A deep link: a desk's poster (t.me/<bot>?start=loc-<ID>) or
		// an invite (t.me/<bot>?start=<invite code>).
		if id, ok := spreekuurbot.DeskOf(args); ok {
			st.openDesk(id)
			return
		}
		st.join(args)
	}
	for _, c := range st.engine.house.commands {
		if c.Name != name || !allowed(st.role, c.roles) {
			continue
		}
		if c.screen == ScreenHome {
			st.session.home()
		} else {
			st.session.push(c.screen)
		}
		return
	}
	st.fallback(MsgFallbackCommand)
}

func (st *step) fallback(id spreekuurbot.MsgID) {
	st.lead = append(st.lead, spreekuurbot.Msg{ID: id})
	st.short = true
}

func (st *step) result() Result {
	s := &st.session
	res := Result{Lang: s.Lang, Notice: st.notice, Effects: st.effects, Replies: st.extra}
	if s.Lang == "" {
		// Nothing can be said before the language is known: whatever came
		// in, ask for it, in every language.
		s.push(ScreenLanguage)
		st.lead, st.short, st.noDraw = nil, false, false
		res.Replies = nil
	}
	if st.noDraw {
		// The screen the person sees stays valid: its buttons keep their
		// sequence number.
		return res
	}
	s.Seq++
	kind, arg := s.Screen.split()
	d := &drawing{st: st}
	def := st.engine.house.screens[kind]
	if def.load != nil {
		def.load(st, arg)
	}
	if st.err != nil {
		return res
	}
	st.drawing = true
	def.draw(d, arg)
	st.drawing = false
	reply := Reply{Edit: st.edit, Text: st.lead}
	if !st.short {
		reply.Text = append(append(append([]spreekuurbot.Msg{}, d.top...), st.lead...), d.text...)
	}
	reply.Buttons = d.rows
	if !def.root && s.Lang != "" {
		reply.Buttons = append(reply.Buttons, []Button{
			d.act(spreekuurbot.Msg{ID: MsgButtonBack}, actionBack, ""),
			d.act(spreekuurbot.Msg{ID: MsgButtonHome}, actionHome, ""),
		})
	}
	// Drawing may add replies of its own (a file): they go with the others,
	// before the screen.
	res.Replies = append(append(append([]Reply{}, st.extra...), reply), st.after...)
	if s.Lang == "" {
		res.Replies = []Reply{reply}
	}
	return res
}

// without is list less s, leaving list itself untouched.
func without(list []string, s string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(x string) bool { return x == s })
}

// addString is list with s, once.
func addString(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
