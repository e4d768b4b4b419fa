package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/flows"
)

// chatHelp is what the chat says at its start: how to press, play
// someone else and move time.
const chatHelp = `Type a number to press a button, text or /commands to write; Ctrl-D or /quit ends.
  /as [resident|volunteer|coordinator] <user> [lang]   play another person (e.g. /as volunteer 2)
  /clock +2h | /clock +1d | /clock 2026-11-25 19:00     move the clock forward; due reminders go out, waitlist offers not taken pass on
  /photo FILE [FILE…]                                  send a photo or a PDF of a letter (pages of one letter)`

// runChat talks to the flows in the terminal: the same engine and store as
// the bot, with buttons shown as numbers. Typing a number presses a button.
// What the bot sends to other people (volunteers' notices, reminders,
// broadcasts) is printed under a line naming them; /as plays them.
func runChat(ctx context.Context, env Env, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "the client's language code, as Telegram would send it (e.g. ar, nl-BE); empty: the bot asks")
	user := fs.Int64("user", 1, "Telegram user ID to act as")
	roleName := fs.String("role", "", "the role of --user: resident, volunteer or coordinator (default: what the config says)")
	at := fs.String("now", "", `pretend it is this time in Almere, "2006-01-02 15:04", to review flows on a given day; /clock moves it`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	zone, err := time.LoadLocation(config.Zone)
	if err != nil {
		return err
	}
	clock := &chatClock{base: env.clock()}
	if *at != "" {
		fixed, err := time.ParseInLocation(timeLayout, *at, zone)
		if err != nil {
			return fmt.Errorf("--now %q: want a time like 2026-11-23 10:00", *at)
		}
		clock.base = func() time.Time { return fixed }
	}
	c := &terminal{out: stdout, clock: clock, zone: zone, lang: *lang, people: map[int64]*person{}}
	c.me = c.person(*user)
	if *roleName != "" {
		role, ok := spreekuurbot.ParseRole(*roleName)
		if !ok {
			return fmt.Errorf("--role %q: want resident, volunteer or coordinator", *roleName)
		}
		c.me.role = &role
	}
	app, err := OpenApp(ctx, env, appOptions{warn: stderr, now: clock.Now, roles: c.roleOf})
	if err != nil {
		return err
	}
	defer app.Close()
	c.app = app
	c.reminded = clock.Now()

	fmt.Fprintln(stdout, chatHelp)
	if err := c.send(ctx, flows.ParseText(c.me.id, c.me.lang, "/start")); err != nil {
		return err
	}
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 64*1024)
	for {
		fmt.Fprint(stdout, c.prompt())
		if !in.Scan() {
			fmt.Fprintln(stdout)
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		if line == "/quit" {
			return nil
		}
		if line == "" {
			continue
		}
		if err := c.input(ctx, line); err != nil {
			return err
		}
		c.remind(ctx)
	}
}

// timeLayout is how --now and /clock write a moment in Almere.
const timeLayout = "2006-01-02 15:04"

// terminal is one chat session in the terminal, where the reviewer plays
// one person at a time and sees what every other person receives.
type terminal struct {
	app   *App
	out   io.Writer
	clock *chatClock
	zone  *time.Location
	lang  string // --lang: the client's language of a new person
	// people are those played or written to, by user ID; me is the one
	// played now.
	people map[int64]*person
	me     *person
	played bool // /as was used: the prompt names who is played
	// reminded is the moment up to which due reminders were sent.
	reminded time.Time
	// sent numbers the messages the terminal showed, standing in for
	// Telegram's message IDs where the store remembers a notice.
	sent int
}

// person is someone in the chat session: their client's language, the
// role /as or --role gave them, and what they can press.
type person struct {
	id   int64
	lang string
	role *spreekuurbot.Role // nil: the role the product gives them
	// keys are the buttons of their last screen and of the messages they
	// received since, numbered from 1; rows counts the rows shown.
	keys []key
	rows int
	// started: they wrote to the bot in this chat, which on Telegram
	// always begins with /start.
	started bool
}

// key is a button the person can press by its number.
type key struct {
	flows.Button
	label   string // as shown, in the language of its message
	row     int    // the row it was shown in
	booking string // the appointment whose notice carries it
	gone    bool   // its message was changed since: nothing to press
}

// person returns the person with this user ID, new ones speaking --lang.
func (c *terminal) person(id int64) *person {
	p := c.people[id]
	if p == nil {
		p = &person{id: id, lang: c.lang}
		c.people[id] = p
	}
	return p
}

// roleOf gives the role the chat gave a user, for the App's roles.
func (c *terminal) roleOf(userID int64) (spreekuurbot.Role, bool) {
	if p := c.people[userID]; p != nil && p.role != nil {
		return *p.role, true
	}
	return spreekuurbot.Resident, false
}

func (c *terminal) prompt() string {
	if c.played {
		return fmt.Sprintf("user %d> ", c.me.id)
	}
	return "> "
}

// input handles one line: the chat's own commands, or an event for the
// bot from the person played.
func (c *terminal) input(ctx context.Context, line string) error {
	word, args, _ := strings.Cut(line, " ")
	switch word {
	case "/as":
		return c.as(ctx, strings.Fields(args))
	case "/clock":
		c.moveClock(strings.TrimSpace(args))
		return nil
	case "/photo":
		return c.photo(ctx, strings.Fields(args))
	}
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.me.keys) {
		k := c.me.keys[n-1]
		if k.gone {
			fmt.Fprintln(c.out, "\n(that button is gone: its message was changed)")
			return nil
		}
		return c.send(ctx, flows.Event{UserID: c.me.id, LanguageCode: c.me.lang, Kind: flows.KindButton, Data: k.Data})
	}
	// The terminal has no location button: "/location 52.37 5.22" stands
	// in for sharing one.
	if args, ok := strings.CutPrefix(line, "/location "); ok {
		var lat, lon float64
		if _, err := fmt.Sscan(args, &lat, &lon); err == nil {
			return c.send(ctx, flows.Event{UserID: c.me.id, LanguageCode: c.me.lang, Kind: flows.KindLocation, Lat: lat, Lon: lon})
		}
	}
	// Opening a t.me link to the bot, such as an invite, sends /start with
	// its code.
	if _, code, ok := strings.Cut(line, "?start="); ok && strings.HasPrefix(line, "https://t.me/") {
		line = "/start " + code
	}
	return c.send(ctx, flows.ParseText(c.me.id, c.me.lang, line))
}

// as switches the person played: "/as [role] <user> [lang]".
func (c *terminal) as(ctx context.Context, args []string) error {
	var role *spreekuurbot.Role
	if len(args) > 0 {
		if r, ok := spreekuurbot.ParseRole(args[0]); ok {
			role, args = &r, args[1:]
		}
	}
	if len(args) == 0 && role == nil {
		c.whoAmI(ctx)
		return nil
	}
	if len(args) == 0 || len(args) > 2 {
		fmt.Fprintln(c.out, "\n(want /as [resident|volunteer|coordinator] <user> [lang], e.g. /as volunteer 2)")
		return nil
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(c.out, "\n(%q is not a user ID: want /as [resident|volunteer|coordinator] <user> [lang])\n", args[0])
		return nil
	}
	p := c.person(id)
	if role != nil {
		p.role = role
	}
	if len(args) == 2 {
		p.lang = args[1]
	}
	c.me, c.played = p, true
	c.whoAmI(ctx)
	if !p.started {
		return c.send(ctx, flows.ParseText(p.id, p.lang, "/start"))
	}
	return nil
}

// whoAmI says who is played now, with their role and places, and shows
// the buttons they can press.
func (c *terminal) whoAmI(ctx context.Context) {
	p := c.me
	role, places, err := c.standing(ctx, p.id)
	if err != nil {
		fmt.Fprintf(c.out, "\n(who is user %d: %v)\n", p.id, err)
		return
	}
	lang := p.lang
	if lang == "" {
		lang = "none"
	}
	fmt.Fprintf(c.out, "\n(you are user %d, %s, client language %s", p.id, role, lang)
	switch {
	case role == spreekuurbot.Coordinator:
		fmt.Fprint(c.out, "; all places")
	case len(places) > 0:
		fmt.Fprintf(c.out, "; volunteer of %s", strings.Join(places, ", "))
	case role == spreekuurbot.Volunteer:
		fmt.Fprint(c.out, "; volunteer of no place yet: open a coordinator's /invite link to join one")
	}
	fmt.Fprintln(c.out, ")")
	if len(p.keys) == 0 {
		return
	}
	fmt.Fprintln(c.out, "(you can press:)")
	var labels []string
	for i, k := range p.keys {
		if !k.gone {
			labels = append(labels, fmt.Sprintf("[%d] %s", i+1, k.label))
		}
		if i+1 == len(p.keys) || p.keys[i+1].row != k.row {
			if len(labels) > 0 {
				fmt.Fprintln(c.out, "  "+strings.Join(labels, "   "))
			}
			labels = nil
		}
	}
}

// standing is a user's role as the engine sees it, and the names of the
// places they volunteer at.
func (c *terminal) standing(ctx context.Context, id int64) (spreekuurbot.Role, []string, error) {
	role, err := roles{cfg: c.app.Config, given: c.roleOf}.Role(ctx, id)
	if err != nil {
		return role, nil, err
	}
	s, err := c.app.Store.Session(ctx, id)
	if err != nil {
		return role, nil, err
	}
	// As flows.Engine.Handle: who joined through an invite volunteers.
	if role == spreekuurbot.Resident && s.Volunteer {
		role = spreekuurbot.Volunteer
	}
	ids, err := c.app.Store.LocationsOf(ctx, id)
	if err != nil {
		return role, nil, err
	}
	var names []string
	for _, l := range c.app.Config.Locations {
		for _, id := range ids {
			if l.ID == id {
				names = append(names, l.Name)
			}
		}
	}
	return role, names, nil
}

// chatClock is the chat's clock: the real one or --now, moved forward by
// /clock. While due reminders of a past moment are sent it stands at that
// moment. The chat is one goroutine: nothing else reads it meanwhile.
type chatClock struct {
	base   func() time.Time
	ahead  time.Duration
	pinned time.Time
}

// Now is the chat's time.
func (c *chatClock) Now() time.Time {
	if !c.pinned.IsZero() {
		return c.pinned
	}
	return c.base().Add(c.ahead)
}

// moveClock is /clock: "+2h", "+90m", "+1d", "+1d2h" or "2026-11-25 19:00".
// Without an argument it says the time.
func (c *terminal) moveClock(arg string) {
	now := c.clock.Now()
	to, err := clockTarget(arg, now, c.zone)
	if err != nil {
		fmt.Fprintf(c.out, "\n(%v)\n", err)
		return
	}
	if to.Before(now) {
		fmt.Fprintf(c.out, "\n(the clock only goes forward: it is %s)\n", now.In(c.zone).Format("Mon "+timeLayout))
		return
	}
	c.clock.ahead += to.Sub(now)
	fmt.Fprintf(c.out, "\n(it is now %s)\n", to.In(c.zone).Format("Mon "+timeLayout))
}

// clockTarget reads /clock's argument as a moment.
func clockTarget(arg string, now time.Time, zone *time.Location) (time.Time, error) {
	const want = `want /clock +2h, /clock +1d or /clock 2026-11-25 19:00`
	if arg == "" {
		return now, nil
	}
	if rest, ok := strings.CutPrefix(arg, "+"); ok {
		var d time.Duration
		if days, more, ok := strings.Cut(rest, "d"); ok {
			n, err := strconv.Atoi(days)
			if err != nil || n < 0 {
				return now, fmt.Errorf("%q: %s", arg, want)
			}
			d, rest = time.Duration(n)*24*time.Hour, more
		}
		if rest != "" {
			more, err := time.ParseDuration(rest)
			if err != nil || more < 0 {
				return now, fmt.Errorf("%q: %s", arg, want)
			}
			d += more
		}
		return now.Add(d), nil
	}
	t, err := time.ParseInLocation(timeLayout, arg, zone)
	if err != nil {
		return now, fmt.Errorf("%q: %s", arg, want)
	}
	return t, nil
}

// reminderStep is how far apart the chat looks for due reminders when
// time jumps. Each reminder is sent only within a window after it is due
// (2 hours at least), as the bot drops what downtime made late: the chat
// passes through the time between, as the running bot would, so a jump
// of days skips none. At most maxReminderSteps: a jump of more than three
// weeks takes wider steps and may skip one, as a bot down that long would.
const (
	reminderStep     = 15 * time.Minute
	maxReminderSteps = 2000
)

// remind sends the reminders that came due since the last input, each at
// the moment the bot would have sent it.
func (c *terminal) remind(ctx context.Context) {
	now := c.clock.Now()
	step := max(reminderStep, now.Sub(c.reminded)/maxReminderSteps)
	for t := c.reminded.Add(step); t.Before(now); t = t.Add(step) {
		c.remindAt(ctx, t)
	}
	c.remindAt(ctx, now)
	c.reminded = now
}

// remindAt claims the reminders due at t, words each for its recipient
// with the clock at t, prints it and acknowledges it, as bot.remindOnce.
func (c *terminal) remindAt(ctx context.Context, t time.Time) {
	c.clock.pinned = t
	defer func() { c.clock.pinned = time.Time{} }()
	// A time held for a waiting resident whose 30 minutes ran out goes
	// on, as bot.passOffers does with the reminders.
	offers, err := c.app.Engine.ExpiredOffers(ctx)
	if err != nil {
		fmt.Fprintf(c.out, "\n(waitlist: %v)\n", err)
	}
	for _, out := range offers {
		c.deliverAt(ctx, out, "waitlist at "+t.In(c.zone).Format(timeLayout)+", ")
	}
	for {
		due, err := c.app.Store.DueReminders(ctx, t, 50)
		if err != nil {
			fmt.Fprintf(c.out, "\n(reminders: %v)\n", err)
			return
		}
		if len(due) == 0 {
			return
		}
		for _, d := range due {
			out, ok, err := c.app.Engine.Reminder(ctx, d)
			if err != nil {
				fmt.Fprintf(c.out, "\n(reminder: %v)\n", err)
				continue
			}
			if ok {
				c.deliverAt(ctx, out, "reminder at "+t.In(c.zone).Format(timeLayout)+", ")
			}
			if err := c.app.Store.AckReminder(ctx, d.ID); err != nil {
				fmt.Fprintf(c.out, "\n(reminder: %v)\n", err)
				return
			}
		}
	}
}

// photo sends a letter's files from disk as the person's photos or PDF,
// read as the bot reads them: "/photo FILE [FILE…]".
func (c *terminal) photo(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		fmt.Fprintln(c.out, "\n(want /photo FILE [FILE…]: a photo or a PDF of a letter, a file per page)")
		return nil
	}
	ev := flows.Event{UserID: c.me.id, LanguageCode: c.me.lang, Kind: flows.KindLetter}
	if c.app.Letters == nil {
		ev.Letter = flows.LetterReading{Outcome: flows.LetterUnavailable}
		return c.send(ctx, ev)
	}
	var files [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintf(c.out, "\n(cannot read %s: %v)\n", p, err)
			return nil
		}
		files = append(files, data)
	}
	fmt.Fprintln(c.out, "\n(reading the letter…)")
	reading, err := c.app.Letters.Read(ctx, files, c.clock.Now())
	if err != nil {
		return err
	}
	ev.Letter = reading
	return c.send(ctx, ev)
}
