package flows

import (
	"context"
	"errors"
	"fmt"
)

// Sessions keeps each person's Session. A missing session is the zero
// Session, not an error.
type Sessions interface {
	Session(ctx context.Context, userID int64) (Session, error)
	SaveSession(ctx context.Context, userID int64, s Session) error
}

// Roles tells what a user may do.
type Roles interface {
	Role(ctx context.Context, userID int64) (Role, error)
}

// Config is what an Engine is built from.
type Config struct {
	Sessions Sessions
	Roles    Roles
	// Languages are the base codes the bot speaks, in picker order.
	Languages []string
	// Secret signs callback data; it must be the same on every replica.
	Secret []byte
	// Locations is the number of spreekuur places, shown on the home screen.
	Locations int
}

// Engine runs the conversation flows.
type Engine struct {
	sessions  Sessions
	roles     Roles
	languages *Languages
	codec     Codec
	locations int
}

// New checks cfg and returns an Engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Sessions == nil || cfg.Roles == nil {
		return nil, errors.New("flows: sessions and roles are required")
	}
	if len(cfg.Secret) < 16 {
		return nil, errors.New("flows: secret must be at least 16 bytes")
	}
	langs, err := NewLanguages(cfg.Languages)
	if err != nil {
		return nil, fmt.Errorf("flows: %w", err)
	}
	if err := Validate(cfg.Languages); err != nil {
		return nil, err
	}
	return &Engine{
		sessions:  cfg.Sessions,
		roles:     cfg.Roles,
		languages: langs,
		codec:     NewCodec(cfg.Secret),
		locations: cfg.Locations,
	}, nil
}

// Validate checks the flows themselves against the languages they will
// speak: every screen name and language code must fit in a button's
// callback data. Drawing a button then cannot fail.
func Validate(languages []string) error {
	if _, err := NewLanguages(languages); err != nil {
		return fmt.Errorf("flows: %w", err)
	}
	codec := NewCodec(make([]byte, 32))
	var args []string
	for name := range screens {
		args = append(args, string(name))
	}
	for _, arg := range append(args, languages...) {
		if _, err := codec.Encode(-1<<63, Payload{Seq: 1<<32 - 1, Action: actionLanguage, Arg: arg}); err != nil {
			return fmt.Errorf("flows: %w", err)
		}
	}
	return nil
}

// Languages returns the languages the engine speaks.
func (e *Engine) Languages() *Languages { return e.languages }

// Handle runs one event: it loads the person's session, takes the step and
// saves the next session. An error means storage failed; nothing was saved
// and the caller should apologise (MsgErrorUnavailable).
func (e *Engine) Handle(ctx context.Context, ev Event) (Result, error) {
	s, err := e.sessions.Session(ctx, ev.UserID)
	if err != nil {
		return Result{}, fmt.Errorf("load session: %w", err)
	}
	role, err := e.roles.Role(ctx, ev.UserID)
	if err != nil {
		return Result{}, fmt.Errorf("load role: %w", err)
	}
	next, res := e.Step(s, role, ev)
	if err := e.sessions.SaveSession(ctx, ev.UserID, next); err != nil {
		return Result{}, fmt.Errorf("save session: %w", err)
	}
	return res, nil
}

// Step is the pure heart of the flows: the session before, the person's
// role and the event give the session after and the result.
func (e *Engine) Step(s Session, role Role, ev Event) (Session, Result) {
	if !e.languages.Has(s.Lang) {
		s.Lang, _ = e.languages.Match(ev.LanguageCode)
	}
	if s.Screen == "" || !knownScreen(s.Screen) {
		s.home()
	}
	st := step{engine: e, session: s, role: role, userID: ev.UserID}
	switch ev.Kind {
	case KindButton:
		st.button(ev.Data)
	case KindCommand:
		st.command(ev.Command)
	case KindText:
		st.fallback(MsgFallbackText)
	case KindLocation:
		st.fallback(MsgFallbackLocation)
	default:
		// Stickers, photos, voice: the bot reads none of them, so one kind
		// line and the buttons of the current screen.
		st.fallback(MsgFallbackMedia)
	}
	return st.session, st.result()
}

func knownScreen(s Screen) bool {
	_, ok := screens[s]
	return ok
}

// step collects the outcome of one event.
type step struct {
	engine  *Engine
	session Session
	role    Role
	userID  int64

	notice  *Msg
	lead    []Msg // lines before the screen's own text
	edit    bool
	short   bool // show only the lead lines and the buttons
	effects []Effect
}

func (st *step) button(data string) {
	p, err := st.engine.codec.Decode(st.userID, data)
	if err != nil || (p.Seq != 0 && p.Seq != st.session.Seq) || !st.apply(p) {
		st.invalid()
		return
	}
	st.edit = true
}

// apply carries out a valid button press and reports whether the action
// made sense; a well-signed button can still name a screen that is gone.
func (st *step) apply(p Payload) bool {
	switch p.Action {
	case actionOpen:
		if !st.mayOpen(Screen(p.Arg)) {
			return false
		}
		st.session.push(Screen(p.Arg))
	case actionBack:
		st.session.pop()
	case actionHome:
		st.session.home()
	case actionLanguage:
		if !st.engine.languages.Has(p.Arg) {
			return false
		}
		first := st.session.Lang == ""
		st.session.Lang = p.Arg
		st.lead = append(st.lead, Msg{ID: MsgLanguageSaved})
		st.effects = append(st.effects, SetCommands{Role: st.role, Lang: p.Arg})
		if first || st.session.Screen == ScreenLanguage {
			st.session.pop()
		}
	default:
		return false
	}
	return true
}

// mayOpen checks on the server that the role may see the screen, whatever
// the button claimed.
func (st *step) mayOpen(to Screen) bool {
	if !knownScreen(to) {
		return false
	}
	for _, def := range screens {
		for _, it := range def.menu {
			if it.screen == to && !allowed(st.role, it.roles) {
				return false
			}
		}
	}
	return true
}

func (st *step) invalid() {
	st.notice = &Msg{ID: MsgButtonInvalid}
	st.lead = append(st.lead, Msg{ID: MsgButtonInvalid})
	st.short = true
}

func (st *step) command(name string) {
	for _, c := range commands {
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

func (st *step) fallback(id MsgID) {
	st.lead = append(st.lead, Msg{ID: id})
	st.short = true
}

func (st *step) result() Result {
	s := &st.session
	if s.Lang == "" {
		// Nothing can be said before the language is known: whatever came
		// in, ask for it, in every language.
		s.push(ScreenLanguage)
		st.lead, st.short = nil, false
	}
	s.Seq++
	def := screens[s.Screen]
	v := view{engine: st.engine, session: *s, role: st.role}
	reply := Reply{Edit: st.edit, Text: st.lead}
	if !st.short {
		reply.Text = append(reply.Text, def.text(v)...)
	}
	reply.Buttons = st.buttons(def)
	return Result{Lang: s.Lang, Notice: st.notice, Replies: []Reply{reply}, Effects: st.effects}
}

// buttons draws the screen's menu, bound to the screen's Seq.
func (st *step) buttons(def screenDef) [][]Button {
	s := st.session
	var rows [][]Button
	for _, it := range def.menu {
		if allowed(st.role, it.roles) {
			rows = append(rows, []Button{st.button1(Msg{ID: it.label}, actionOpen, string(it.screen))})
		}
	}
	if s.Screen == ScreenLanguage {
		rows = append(rows, st.languageRows()...)
	}
	if !def.root && s.Lang != "" {
		rows = append(rows, []Button{
			st.button1(Msg{ID: MsgButtonBack}, actionBack, ""),
			st.button1(Msg{ID: MsgButtonHome}, actionHome, ""),
		})
	}
	return rows
}

func (st *step) languageRows() [][]Button {
	var rows [][]Button
	codes := st.engine.languages.Codes()
	for i := 0; i < len(codes); i += 2 {
		var row []Button
		for _, code := range codes[i:min(i+2, len(codes))] {
			row = append(row, st.button1(Msg{ID: MsgLanguageName, Lang: code}, actionLanguage, code))
		}
		rows = append(rows, row)
	}
	return rows
}

func (st *step) button1(label Msg, action, arg string) Button {
	return Button{Label: label, Data: st.engine.codec.sign(st.userID, Payload{Seq: st.session.Seq, Action: action, Arg: arg})}
}
