package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"spreekuurbot"
	"spreekuurbot/bot"
	"spreekuurbot/flows"
)

// What the terminal prints of what the bot sends: to the person played,
// their replies; to anyone else, each message under a line naming them.

// send hands an event of the person played to the engine and prints what
// everyone receives.
func (c *terminal) send(ctx context.Context, ev flows.Event) error {
	c.person(ev.UserID).started = true
	// Telegram names everyone; the flows show that name only where the
	// person agreed to it (a volunteer's "share my first name?").
	ev.FirstName = fmt.Sprintf("User %d", ev.UserID)
	res, err := c.app.Engine.Handle(ctx, ev)
	if err != nil {
		// Say it the way the bot would, and keep going.
		fmt.Fprintf(c.out, "\n%s\n", c.app.Texts.Text("en", spreekuurbot.Msg{ID: flows.MsgErrorUnavailable}))
		return nil
	}
	if res.Notice != nil {
		fmt.Fprintf(c.out, "\n(%s)\n", c.app.Texts.Text(res.Lang, *res.Notice))
	}
	// The first buttons of this result replace the last screen's; the
	// buttons of every later reply count on from them, so a question sent
	// before the screen (share your first name? Undo) stays pressable.
	fresh := true
	for _, r := range res.Replies {
		if fresh && len(r.Buttons) > 0 {
			c.me.keys, fresh = nil, false
		}
		fmt.Fprintln(c.out)
		c.show(c.me, res.Lang, r, "")
	}
	for _, out := range res.Outbox {
		c.deliverAt(ctx, out, "")
	}
	for _, e := range res.Effects {
		switch e := e.(type) {
		case flows.SetCommands:
			p := c.me
			if e.ChatID != 0 {
				p = c.person(e.ChatID)
			}
			if e.Lang != "" {
				p.lang = e.Lang
			}
		case flows.EditNotices:
			c.editNotices(ctx, e)
		case flows.QueueBroadcast:
			c.deliver(ctx)
		}
	}
	return nil
}

// deliverAt prints a message the bot sends someone on its own or because
// of someone else, under a line naming them (and when, for what the clock
// sent). Its buttons count on from those they can press already, as
// Telegram keeps the buttons of earlier messages.
func (c *terminal) deliverAt(ctx context.Context, out flows.Outgoing, when string) {
	p := c.person(out.To.UserID)
	how := ""
	if p != c.me && len(out.Reply.Buttons) > 0 {
		how = fmt.Sprintf("; /as %d to press", p.id)
	}
	fmt.Fprintf(c.out, "\n(%sto user %d, in %s%s:)\n", when, p.id, out.To.Lang, how)
	c.show(p, out.To.Lang, out.Reply, out.Booking)
	if out.Booking == "" {
		return
	}
	// Remembered as the bot remembers the message, so that the notice
	// changes once a volunteer takes the appointment.
	c.sent++
	if err := c.app.Store.Notified(ctx, out.Booking, p.id, c.sent, out.To.Lang); err != nil {
		fmt.Fprintf(c.out, "(notice: %v)\n", err)
	}
}

// show prints one reply to p in lang: its files as a line each with their
// size, a map pin as a line, or its text with the buttons numbered on from
// those p can press already.
func (c *terminal) show(p *person, lang string, r flows.Reply, booking string) {
	texts := c.app.Texts
	if r.Appointment != nil || r.Figures != nil {
		files, err := bot.Files(texts, lang, r, c.clock.Now())
		if err != nil {
			fmt.Fprintf(c.out, "(files: %v)\n", err)
			return
		}
		for _, f := range files {
			kind := "file"
			if f.Photo {
				kind = "photo"
			}
			fmt.Fprintf(c.out, "(%s %s, %d bytes: %s", kind, f.Name, len(f.Data), f.Caption)
			if a := r.Appointment; a != nil {
				fmt.Fprintf(c.out, ", %s – %s", a.Start.In(c.zone).Format(timeLayout), a.End.In(c.zone).Format("15:04"))
			}
			fmt.Fprintln(c.out, ")")
		}
		return
	}
	if v := r.Venue; v != nil {
		fmt.Fprintf(c.out, "(map pin: %s, %s — https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f)\n", v.Title, v.Address, v.Lat, v.Lon)
		return
	}
	fmt.Fprintln(c.out, flows.JoinText(r.Text, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) }))
	if r.LocationButton != nil {
		fmt.Fprintln(c.out, "(type your location as: /location 52.37 5.22)")
	}
	for _, row := range r.Buttons {
		p.rows++
		var labels []string
		for _, b := range row {
			label := texts.Text(lang, b.Label)
			if b.URL != "" {
				labels = append(labels, fmt.Sprintf("%s: %s", label, b.URL))
				continue
			}
			p.keys = append(p.keys, key{Button: b, label: label, row: p.rows, booking: booking})
			labels = append(labels, fmt.Sprintf("[%d] %s", len(p.keys), label))
		}
		fmt.Fprintln(c.out, "  "+strings.Join(labels, "   "))
	}
}

// editNotices shows the other volunteers' notices of an appointment
// changed once one of them took it, as the bot edits them; their buttons
// are gone.
func (c *terminal) editNotices(ctx context.Context, en flows.EditNotices) {
	sent, err := c.app.Store.NotifiedMessages(ctx, en.Booking)
	if err != nil {
		fmt.Fprintf(c.out, "\n(notices: %v)\n", err)
		return
	}
	for _, m := range sent {
		if m.To.UserID == en.Except {
			continue
		}
		p := c.person(m.To.UserID)
		for i := range p.keys {
			if p.keys[i].booking == en.Booking {
				p.keys[i].gone = true
			}
		}
		fmt.Fprintf(c.out, "\n(user %d's notice now reads, in %s:)\n%s\n", p.id, m.To.Lang, c.app.Texts.Text(m.To.Lang, en.Msg))
	}
}

// deliver sends what a coordinator just broadcast, as the bot would, but
// to the terminal: each recipient's message in their language, then the
// count the coordinator sees.
func (c *terminal) deliver(ctx context.Context) {
	st := c.app.Store
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
				c.deliverAt(ctx, out, "")
			}
			note, err := c.app.Engine.Delivered(ctx, d, outcome)
			if err == nil && note != nil {
				c.deliverAt(ctx, note.Outgoing, "")
			}
		}
	}
}
