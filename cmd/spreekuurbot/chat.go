package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/flows"
)

// runChat talks to the flows in the terminal: the same engine and store as
// the bot, with buttons shown as numbers. Typing a number presses a button.
func runChat(ctx context.Context, env Env, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "the client's language code, as Telegram would send it (e.g. ar, nl-BE); empty: the bot asks")
	user := fs.Int64("user", 1, "Telegram user ID to act as")
	roleName := fs.String("role", "", "act as resident, volunteer or coordinator (default: what the config says)")
	at := fs.String("now", "", `pretend it is this time in Almere, "2006-01-02 15:04", to review flows on a given day`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := appOptions{warn: stderr}
	if *at != "" {
		zone, err := time.LoadLocation(config.Zone)
		if err != nil {
			return err
		}
		fixed, err := time.ParseInLocation("2006-01-02 15:04", *at, zone)
		if err != nil {
			return fmt.Errorf("--now %q: want a time like 2026-11-23 10:00", *at)
		}
		opts.now = func() time.Time { return fixed }
	}
	if *roleName != "" {
		role, ok := spreekuurbot.ParseRole(*roleName)
		if !ok {
			return fmt.Errorf("--role %q: want resident, volunteer or coordinator", *roleName)
		}
		opts.roleOverride = &role
	}
	app, err := OpenApp(ctx, env, opts)
	if err != nil {
		return err
	}
	defer app.Close()

	c := &terminal{app: app, out: stdout, user: *user, lang: *lang}
	fmt.Fprintln(stdout, "Type a number to press a button, text or /commands to write; Ctrl-D or /quit ends.")
	if err := c.send(ctx, flows.ParseText(c.user, c.lang, "/start")); err != nil {
		return err
	}
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 64*1024)
	for {
		fmt.Fprint(stdout, "> ")
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
		if err := c.send(ctx, c.event(line)); err != nil {
			return err
		}
	}
}

// terminal is one chat in the terminal.
type terminal struct {
	app     *App
	out     io.Writer
	user    int64
	lang    string
	buttons []flows.Button // the last screen's buttons, numbered from 1
}

func (c *terminal) event(line string) flows.Event {
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.buttons) {
		return flows.Event{UserID: c.user, LanguageCode: c.lang, Kind: flows.KindButton, Data: c.buttons[n-1].Data}
	}
	// The terminal has no location button: "/location 52.37 5.22" stands
	// in for sharing one.
	if args, ok := strings.CutPrefix(line, "/location "); ok {
		var lat, lon float64
		if _, err := fmt.Sscan(args, &lat, &lon); err == nil {
			return flows.Event{UserID: c.user, LanguageCode: c.lang, Kind: flows.KindLocation, Lat: lat, Lon: lon}
		}
	}
	return flows.ParseText(c.user, c.lang, line)
}

func (c *terminal) send(ctx context.Context, ev flows.Event) error {
	res, err := c.app.Engine.Handle(ctx, ev)
	if err != nil {
		// Say it the way the bot would, and keep going.
		fmt.Fprintf(c.out, "\n%s\n", c.app.Texts.Text("en", spreekuurbot.Msg{ID: flows.MsgErrorUnavailable}))
		return nil
	}
	texts := c.app.Texts
	if res.Notice != nil {
		fmt.Fprintf(c.out, "\n(%s)\n", texts.Text(res.Lang, *res.Notice))
	}
	for _, r := range res.Replies {
		fmt.Fprintln(c.out)
		if a := r.Appointment; a != nil {
			fmt.Fprintf(c.out, "(calendar file: %s, %s – %s)\n", texts.Text(res.Lang, a.Summary), a.Start.Format("2006-01-02 15:04"), a.End.Format("15:04"))
			continue
		}
		if v := r.Venue; v != nil {
			fmt.Fprintf(c.out, "(map pin: %s, %s — https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f)\n", v.Title, v.Address, v.Lat, v.Lon)
			continue
		}
		fmt.Fprintln(c.out, flows.JoinText(r.Text, func(m spreekuurbot.Msg) string { return texts.Text(res.Lang, m) }))
		if r.LocationButton != nil {
			fmt.Fprintln(c.out, "(type your location as: /location 52.37 5.22)")
		}
		if len(r.Buttons) > 0 {
			c.buttons = c.buttons[:0]
		}
		for _, row := range r.Buttons {
			var labels []string
			for _, b := range row {
				if b.URL != "" {
					labels = append(labels, fmt.Sprintf("%s: %s", texts.Text(res.Lang, b.Label), b.URL))
					continue
				}
				c.buttons = append(c.buttons, b)
				labels = append(labels, fmt.Sprintf("[%d] %s", len(c.buttons), texts.Text(res.Lang, b.Label)))
			}
			fmt.Fprintln(c.out, "  "+strings.Join(labels, "   "))
		}
	}
	for _, e := range res.Effects {
		if sc, ok := e.(flows.SetCommands); ok {
			c.lang = sc.Lang
		}
		if _, ok := e.(flows.QueueBroadcast); ok {
			c.deliver(ctx)
		}
	}
	return nil
}

// deliver sends what a coordinator just broadcast, as the bot would, but
// to the terminal: each recipient's message in their language, then the
// final count.
func (c *terminal) deliver(ctx context.Context) {
	st, texts := c.app.Store, c.app.Texts
	for {
		batch, err := st.NextDeliveries(ctx, "terminal", 100, time.Millisecond)
		if err != nil || len(batch) == 0 {
			if err != nil {
				fmt.Fprintf(c.out, "(broadcast: %v)\n", err)
			}
			return
		}
		for _, d := range batch {
			if ok, err := st.BeginDelivery(ctx, "terminal", d); err != nil || !ok {
				continue
			}
			out, send, err := c.app.Engine.Delivery(ctx, d)
			if err != nil {
				fmt.Fprintf(c.out, "(broadcast: %v)\n", err)
				return
			}
			outcome := spreekuurbot.OutcomeSkipped
			if send {
				outcome = spreekuurbot.OutcomeSent
				text := flows.JoinText(out.Reply.Text, func(m spreekuurbot.Msg) string { return texts.Text(out.To.Lang, m) })
				fmt.Fprintf(c.out, "\n(to user %d, in %s:)\n%s\n", out.To.UserID, out.To.Lang, text)
			}
			note, err := c.app.Engine.Delivered(ctx, d, outcome)
			if err == nil && note != nil && note.To.UserID == c.user {
				fmt.Fprintf(c.out, "\n%s\n", flows.JoinText(note.Reply.Text, func(m spreekuurbot.Msg) string { return texts.Text(note.To.Lang, m) }))
			}
		}
	}
}
