package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
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
	Deliveries    spreekuurbot.Deliveries
	Imports       spreekuurbot.Imports
	Waitlist      spreekuurbot.Waitlist
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
	// ReadsLetters says the transport reads photos and PDFs of letters
	// (Tesseract is installed): the letter finder then offers it, and a
	// resident whose typed words point nowhere is told they may send one.
	ReadsLetters bool
	// ProgressEvery spaces the updates of a broadcast's progress message
	// (Telegram limits edits like messages); default 5 s.
	ProgressEvery time.Duration
	// Understand finds where typed words point; nil understands nothing,
	// and typed text that no screen waits for brings the home menu.
	Understand Understander
}

// Engine runs the conversation flows.
type Engine struct {
	cfg       Config
	languages *spreekuurbot.Languages
	codec     Codec
	nodes     map[string]*Node
	// letterParent is the question above each answer of the letter tree
	// (the sender's, where an answer has several).
	letterParent map[string]*Node
	house        *house
	// gemeente is the municipality's phone line, named while it is open.
	gemeente phoneLine
	// specs are the broadcasts being sent (background.go).
	specs specs
	// set is the locations as they are now: the configuration with the
	// coordinators' changes on top. Each value is immutable; a change
	// stores a new one, so concurrent steps never see half of it.
	set atomic.Pointer[locationSet]
}

// New checks cfg and returns an Engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Sessions == nil || cfg.Roles == nil || cfg.Subscriptions == nil || cfg.Reminders == nil || cfg.Bookings == nil || cfg.Privacy == nil || cfg.Volunteers == nil || cfg.Logs == nil || cfg.Desk == nil || cfg.Visits == nil || cfg.Team == nil || cfg.Overlays == nil || cfg.Broadcasts == nil || cfg.Deliveries == nil || cfg.Imports == nil || cfg.Waitlist == nil {
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
	if cfg.ProgressEvery <= 0 {
		cfg.ProgressEvery = 5 * time.Second
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
	line, err := loadPhoneLine("flows/content/lines/gemeente.toml", gemeenteLine)
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, languages: langs, codec: NewCodec(cfg.Secret), nodes: nodesOf(cfg.Trees), house: h, gemeente: line}
	e.set.Store(newLocationSet(cfg.Locations, nil, 0))
	e.letterParent = map[string]*Node{}
	for _, t := range cfg.Trees {
		if t.ID != rootLetter {
			continue
		}
		for _, n := range t.Nodes {
			for _, o := range n.Options {
				if to := e.nodes[o.To]; to.IsAnswer() && (e.letterParent[to.ID] == nil || e.letterParent[to.ID].ID == letterByWord) {
					e.letterParent[to.ID] = n
				}
			}
		}
	}
	if err := (destinations{house: h, nodes: e.nodes}).check(cfg.Understand); err != nil {
		return nil, err
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
			args = append(args, string(screenOf(kindNode, n.ID)), string(screenOf(kindReminderDay, n.ID+".209912")), n.ID+".20991231",
				string(screenOf(kindMore, n.ID+"."+partHelp+"d")), string(screenOf(kindMore, n.ID+"."+strconv.Itoa(maxMore))))
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
		out, err := e.carryOut(ctx, ev.UserID, ev.Time, eff)
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

// carryOut carries out the effects that concern storage, and turns the ones
// that tell other people something into messages for the transport.
func (e *Engine) carryOut(ctx context.Context, userID int64, now time.Time, eff Effect) ([]Outgoing, error) {
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
		out, err = e.forget(ctx, userID, now)
	case NotifyVolunteers:
		if l := e.locs().byID[eff.Location]; l != nil {
			out, err = e.tellVolunteers(ctx, l, eff.Msg, eff.Booking)
		}
	case QueueBroadcast:
		err = e.cfg.Broadcasts.Enqueue(ctx, eff.Broadcast, eff.To)
	case SetVolunteerPlace:
		err = e.cfg.Team.SetVolunteerLocation(ctx, eff.UserID, eff.Place, eff.On)
	case RemoveVolunteer:
		err = e.cfg.Team.RemoveVolunteer(ctx, eff.UserID)
	case SetVolunteerName:
		err = e.cfg.Team.SetVolunteerName(ctx, userID, eff.Name)
	case SetSpokenLanguage:
		err = e.cfg.Team.SetSpokenLanguage(ctx, userID, eff.Lang, eff.On)
	case SendOffers:
		out, err = e.offerMessages(ctx, eff.Offers)
	case OfferRoom:
		var offers []spreekuurbot.Offer
		if offers, err = e.cfg.Waitlist.Offer(ctx, e.roomAt(eff.Location, now), now); err == nil {
			out, err = e.offerMessages(ctx, offers)
		}
	case NotifyUser:
		to := eff.To
		to.Lang = e.languages.Or(to.Lang)
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
		r.Lang = e.languages.Or(r.Lang)
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

// forget erases the person: a time held for them goes to the next person
// waiting, their appointments are cancelled, their volunteers told, and
// the freed places offered to whoever waits for them.
func (e *Engine) forget(ctx context.Context, userID int64, now time.Time) ([]Outgoing, error) {
	offers, err := e.cfg.Waitlist.ForgetWaiting(ctx, userID, e.openSlot(now), now)
	if err != nil {
		return nil, err
	}
	cancelled, err := e.cfg.Privacy.Forget(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	var out []Outgoing
	var freed []spreekuurbot.Slot
	for _, b := range cancelled {
		l := e.locs().byID[b.Slot.Location]
		if l == nil {
			continue
		}
		more, err := e.tellVolunteers(ctx, l, noticeMsg(MsgNotifyCancelled, l, b), "")
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
		if slot, ok := e.openSlot(now)(b.Slot); ok {
			freed = append(freed, slot)
		}
	}
	more, err := e.cfg.Waitlist.Offer(ctx, freed, now)
	if err != nil {
		return nil, err
	}
	offered, err := e.offerMessages(ctx, append(offers, more...))
	if err != nil {
		return nil, err
	}
	return append(out, offered...), nil
}
