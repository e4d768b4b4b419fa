package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"time"

	"spreekuurbot"
)

// Config is what an Engine is built from.
type Config struct {
	Sessions      spreekuurbot.Sessions
	Roles         spreekuurbot.Roles
	Subscriptions spreekuurbot.Subscriptions
	Reminders     spreekuurbot.Reminders
	Bookings      spreekuurbot.Bookings
	Privacy       spreekuurbot.Privacy
	Volunteers    spreekuurbot.Volunteers
	Logs          spreekuurbot.Logs
	Desk          spreekuurbot.Desk
	Visits        spreekuurbot.Visits
	Team          spreekuurbot.Team
	Overlays      spreekuurbot.Overlays
	Broadcasts    spreekuurbot.Broadcasts
	// BotUsername gives the bot's @name, for invite links; it is known
	// only once the transport has asked Telegram.
	BotUsername func() string
	// Languages are the base codes the bot speaks, in picker order.
	Languages []string
	// Secret signs callback data; it must be the same on every replica.
	Secret []byte
	// Locations are the spreekuur places.
	Locations []spreekuurbot.Location
	// Trees are the information flows (letters, Woningnet).
	Trees []*Tree
	// Coordinators are told when nobody confirms an appointment within
	// ConfirmWithin of its booking (or 2 hours before it, if sooner).
	Coordinators  []int64
	ConfirmWithin time.Duration
	// Zone is the time zone of the schedules (Europe/Amsterdam).
	Zone *time.Location
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Engine runs the conversation flows.
type Engine struct {
	cfg       Config
	languages *spreekuurbot.Languages
	codec     Codec
	nodes     map[string]*Node
	house     *house
	// set is the locations as they are now: the configuration with the
	// coordinators' changes on top. Each value is immutable; a change
	// stores a new one, so concurrent steps never see half of it.
	set atomic.Pointer[locationSet]
}

// New checks cfg and returns an Engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Sessions == nil || cfg.Roles == nil || cfg.Subscriptions == nil || cfg.Reminders == nil || cfg.Bookings == nil || cfg.Privacy == nil || cfg.Volunteers == nil || cfg.Logs == nil || cfg.Desk == nil || cfg.Visits == nil || cfg.Team == nil || cfg.Overlays == nil || cfg.Broadcasts == nil {
		return nil, errors.New("flows: every storage interface in Config is required")
	}
	if cfg.BotUsername == nil {
		cfg.BotUsername = func() string { return "" }
	}
	if len(cfg.Secret) < 16 {
		return nil, errors.New("flows: secret must be at least 16 bytes")
	}
	if cfg.Zone == nil {
		return nil, errors.New("flows: a time zone is required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ConfirmWithin <= 0 {
		cfg.ConfirmWithin = 24 * time.Hour
	}
	if err := Validate(cfg.Languages, cfg.Trees, cfg.Locations); err != nil {
		return nil, err
	}
	langs, err := spreekuurbot.NewLanguages(cfg.Languages)
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	h, err := build(theFlows())
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, languages: langs, codec: NewCodec(cfg.Secret), nodes: map[string]*Node{}, house: h}
	e.set.Store(newLocationSet(cfg.Locations, nil, 0))
	for _, t := range cfg.Trees {
		for _, n := range t.Nodes {
			e.nodes[n.ID] = n
		}
	}
	return e, nil
}

// Validate checks the flows against the languages, trees and locations they
// will run with: every screen name, node and location ID must fit in a
// button's callback data, and every message must exist. Drawing a button
// then cannot fail.
func Validate(languages []string, trees []*Tree, locations []spreekuurbot.Location) error {
	if _, err := spreekuurbot.NewLanguages(languages); err != nil {
		return fmt.Errorf("flows: %w", err)
	}
	codec := NewCodec(make([]byte, 32))
	h, err := build(theFlows())
	if err != nil {
		return err
	}
	var args []string
	for kind := range h.screens {
		args = append(args, kind)
	}
	for _, t := range trees {
		for _, n := range t.Nodes {
			args = append(args, string(screenOf(kindNode, n.ID)), string(screenOf(kindReminderDay, n.ID+".209912")), n.ID+".20991231")
		}
	}
	for _, l := range locations {
		args = append(args, string(screenOf(kindLocation, l.ID)), string(screenOf(kindStadsdeel, l.Stadsdeel)))
	}
	for _, arg := range append(args, languages...) {
		if _, err := codec.Encode(-1<<63, Payload{Seq: 1<<32 - 1, Action: actionLanguage, Arg: arg}); err != nil {
			return fmt.Errorf("flows: %w", err)
		}
	}
	return nil
}

// Messages lists every message ID the engine can show with these trees.
func Messages(trees []*Tree) []spreekuurbot.MsgID {
	return append(append([]spreekuurbot.MsgID{}, AllMessages...), TreeMessages(trees)...)
}

// Languages returns the languages the engine speaks.
func (e *Engine) Languages() *spreekuurbot.Languages { return e.languages }

// Handle runs one event: it loads the person's session, takes the step,
// applies its effects and saves the next session. An error means storage
// failed; the caller should apologise (MsgErrorUnavailable).
func (e *Engine) Handle(ctx context.Context, ev Event) (Result, error) {
	if ev.Time.IsZero() {
		ev.Time = e.cfg.Now()
	}
	stored, err := e.cfg.Sessions.Session(ctx, ev.UserID)
	if err != nil {
		return Result{}, fmt.Errorf("load session: %w", err)
	}
	s := sessionOf(stored)
	if err := e.refresh(ctx, s.OverlayVersion); err != nil {
		return Result{}, err
	}
	role, err := e.cfg.Roles.Role(ctx, ev.UserID)
	if err != nil {
		return Result{}, fmt.Errorf("load role: %w", err)
	}
	if role == spreekuurbot.Resident && s.Volunteer {
		role = spreekuurbot.Volunteer
	}
	next, res, err := e.Step(ctx, s, role, ev)
	if err != nil {
		return Result{}, err
	}
	forgotten := false
	for _, eff := range res.Effects {
		if _, ok := eff.(Forget); ok {
			forgotten = true
		}
		out, err := e.apply(ctx, ev.UserID, ev.Time, eff)
		if err != nil {
			return Result{}, err
		}
		res.Outbox = append(res.Outbox, out...)
	}
	if forgotten {
		// Saving the session now would write the person back.
		return res, nil
	}
	if err := e.cfg.Sessions.SaveSession(ctx, ev.UserID, next.stored()); err != nil {
		return Result{}, fmt.Errorf("save session: %w", err)
	}
	return res, nil
}

// apply carries out the effects that concern storage, and turns the ones
// that tell other people something into messages for the transport.
func (e *Engine) apply(ctx context.Context, userID int64, now time.Time, eff Effect) ([]Outgoing, error) {
	var err error
	var out []Outgoing
	switch eff := eff.(type) {
	case Subscribe:
		err = e.cfg.Subscriptions.Subscribe(ctx, userID, eff.Location, now)
	case Unsubscribe:
		err = e.cfg.Subscriptions.Unsubscribe(ctx, userID, eff.Location)
	case SetReminder:
		to := userID
		if eff.Reminder.To != 0 {
			to = eff.Reminder.To
		}
		err = e.cfg.Reminders.AddReminder(ctx, to, eff.Reminder, now)
	case Forget:
		var cancelled []spreekuurbot.Booking
		cancelled, err = e.cfg.Privacy.Forget(ctx, userID, now)
		for _, b := range cancelled {
			if l := e.locs().byID[b.Slot.Location]; l != nil && err == nil {
				var more []Outgoing
				more, err = e.tellVolunteers(ctx, l, noticeMsg(MsgNotifyCancelled, l, b), "")
				out = append(out, more...)
			}
		}
	case NotifyVolunteers:
		if l := e.locs().byID[eff.Location]; l != nil {
			out, err = e.tellVolunteers(ctx, l, eff.Msg, eff.Booking)
		}
	case QueueBroadcast:
		err = e.cfg.Broadcasts.Enqueue(ctx, eff.Broadcast, eff.To)
	case NotifyUser:
		to := eff.To
		if !e.languages.Has(to.Lang) {
			to.Lang = "nl"
		}
		out = []Outgoing{{To: to, Reply: Reply{Text: []spreekuurbot.Msg{eff.Msg}}}}
	}
	if err != nil {
		return nil, fmt.Errorf("apply %T: %w", eff, err)
	}
	return out, nil
}

// tellVolunteers addresses m to every volunteer of l, each in their own
// language. For a new booking each gets "Confirm" and "Can't", and the
// volunteers who speak the resident's language are told first.
func (e *Engine) tellVolunteers(ctx context.Context, l *spreekuurbot.Location, m spreekuurbot.Msg, booking string) ([]Outgoing, error) {
	recipients, err := e.cfg.Volunteers.VolunteersOf(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	resident, _ := m.Args["Language"].(spreekuurbot.LanguageOf)
	speaks := func(r spreekuurbot.Recipient) bool {
		return r.Lang == string(resident) || slices.Contains(r.Speaks, string(resident))
	}
	sort.Slice(recipients, func(i, j int) bool {
		si, sj := speaks(recipients[i]), speaks(recipients[j])
		if si != sj {
			return si
		}
		return recipients[i].UserID < recipients[j].UserID
	})
	out := make([]Outgoing, 0, len(recipients))
	for _, r := range recipients {
		if !e.languages.Has(r.Lang) {
			r.Lang = "nl"
		}
		o := Outgoing{To: r, Reply: Reply{Text: []spreekuurbot.Msg{m}}}
		if booking != "" {
			// Seq 0: the buttons stay valid on the volunteer's message
			// whatever they do in the bot meanwhile.
			o.Booking = booking
			o.Reply.Buttons = [][]Button{{
				{Label: spreekuurbot.Msg{ID: MsgButtonTakeAppointment}, Data: e.codec.sign(r.UserID, Payload{Action: actionTake, Arg: booking})},
				{Label: spreekuurbot.Msg{ID: MsgButtonCant}, Data: e.codec.sign(r.UserID, Payload{Action: actionCant, Arg: booking})},
			}}
		}
		out = append(out, o)
	}
	return out, nil
}

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
	default:
		// Stickers, photos, voice: the bot reads none of them, so one kind
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

	notice *spreekuurbot.Msg
	lead   []spreekuurbot.Msg // lines before the screen's own text
	edit   bool
	short  bool     // show only the lead lines and the buttons
	extra  []Reply  // replies before the screen (a map pin, a location keyboard)
	noDraw bool     // the screen stays as it is: send only the extra replies
	urgent Referral // a deadline within days makes any answer urgent
	// bookings caches the person's coming appointments for this step.
	bookings *[]spreekuurbot.Booking
	// places caches the staff member's places for this step.
	places  *[]string
	effects []Effect
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

// typed gives typed text to the flow that waits for it, if one does.
func (st *step) typed(text string) {
	for _, take := range st.engine.house.texts {
		if take(st, text) {
			return
		}
	}
	st.fallback(MsgFallbackText)
}

// fail records a storage error; the step's outcome is then void.
func (st *step) fail(err error) bool {
	if st.err == nil {
		st.err = err
	}
	return true
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
		// A deep link: t.me/<bot>?start=<invite code>.
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
	def.draw(d, arg)
	reply := Reply{Edit: st.edit, Text: st.lead}
	if !st.short {
		reply.Text = append(reply.Text, d.text...)
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
	res.Replies = append(append([]Reply{}, st.extra...), reply)
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
