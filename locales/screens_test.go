package locales

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/internal/memstore"
)

// The screens a resident reaches, drawn as the bot sends them: one
// Telegram message per reply, its paragraphs joined. A phone shows about
// one such message at a time, so the word limit holds for the whole
// message, not only for each text in it.

// moments are the hours an urgent answer reads differently at: walk-ins
// still to come today or not, the municipality's line open or not, the
// most walk-ins on one day, a holiday closure.
var moments = []struct{ name, at string }{
	{"tuesday-morning", "2026-11-24 09:00"},   // two walk-ins today, line open
	{"tuesday-afternoon", "2026-11-24 13:45"}, // one walk-in running, line open
	{"tuesday-evening", "2026-11-24 18:00"},   // no walk-in left today, line closed
	{"wednesday-morning", "2026-11-25 09:00"}, // three walk-ins today
	{"sunday", "2026-11-29 11:00"},            // no walk-in, line closed
	{"christmas", "2026-12-27 11:00"},         // the places closed for the holidays
}

// TestEveryScreenFitsAPhone walks every screen a resident can reach from
// /start, their commands, typed text, a sticker and a shared location,
// pressing every button, at each moment; each message it sends, drawn in
// every language, keeps to the language's word limit, and an urgent
// answer begins with its urgent line.
func TestEveryScreenFitsAPhone(t *testing.T) {
	c, _, trees := catalog(t)
	urgent := map[flows.Screen]bool{}
	for _, tr := range trees {
		for _, n := range tr.Nodes {
			if n.Urgent != "" {
				urgent[flows.Screen("n."+n.ID)] = true
			}
		}
	}
	kinds := map[string]bool{}
	counted := map[string]bool{} // a message reached again is counted once
	for _, m := range moments {
		t.Run(m.name, func(t *testing.T) {
			screens := walk(t, c, trees, m.at, spreekuurbot.Resident)
			for _, s := range screens {
				kind, _, _ := strings.Cut(string(s.screen), ".")
				kinds[kind] = true
			}
			checkWords(t, c, screens, counted, nil)
			urgentSeen := 0
			for _, s := range screens {
				last := s.replies[len(s.replies)-1]
				if !urgent[s.screen] || len(last.Text) == 0 || isLead(last.Text[0].ID) {
					continue
				}
				urgentSeen++
				if id := last.Text[0].ID; id != flows.MsgLetterGoToday && id != flows.MsgLetterGoNext {
					t.Errorf("%s after %s begins with %s, not with its urgent line", s.screen, s.how, id)
				}
			}
			if urgentSeen == 0 {
				t.Error("no urgent answer reached")
			}
		})
	}
	for _, kind := range residentScreens {
		if !kinds[kind] {
			t.Errorf("the walk never reached a %q screen", kind)
		}
	}
}

// TestVolunteerScreensFitAPhone walks every screen a volunteer can reach
// from their commands, with appointments at their place,
// and holds each message to the same word limits as a resident's:
// volunteers read on their phones too, often in their own language. The
// command list is left out: it is the command menu as a message, a line
// per command, and a volunteer has more commands. (A coordinator's walk
// multiplies past thousands of screens through the broadcast drafts, and
// its preview shows a message in two languages: not walked here.)
func TestVolunteerScreensFitAPhone(t *testing.T) {
	c, _, trees := catalog(t)
	counted := map[string]bool{}
	kinds := map[string]bool{}
	for _, m := range []string{"2026-11-24 09:00", "2026-11-29 11:00"} {
		screens := walk(t, c, trees, m, spreekuurbot.Volunteer)
		for _, s := range screens {
			kind, _, _ := strings.Cut(string(s.screen), ".")
			kinds[kind] = true
		}
		checkWords(t, c, screens, counted, map[string]bool{"cmds": true})
	}
	// Today's appointments, the log and its summary, huisbezoek, the
	// languages one speaks.
	for _, kind := range []string{"today", "lg", "lgs", "hb", "myl"} {
		if !kinds[kind] {
			t.Errorf("the walk never reached a %q screen", kind)
		}
	}
}

// checkWords holds each message of the screens, drawn in every language,
// to the language's word limit; a message in counted was checked before,
// and screens of the kinds in skip are not checked.
func checkWords(t *testing.T, c *Catalog, screens []reached, counted, skip map[string]bool) {
	t.Helper()
	for _, s := range screens {
		if kind, _, _ := strings.Cut(string(s.screen), "."); skip[kind] {
			continue
		}
		for _, r := range s.replies {
			if key := textKey([]flows.Reply{{Text: r.Text}}, true); len(r.Text) == 0 || counted[key] {
				continue
			} else {
				counted[key] = true
			}
			for _, lang := range c.Languages() {
				text := strings.ReplaceAll(flows.JoinText(r.Text, func(m spreekuurbot.Msg) string { return c.Text(lang, m) }), rightToLeftMark, "")
				if n := words(text); n > wordLimit[lang] {
					t.Errorf("%s %s after %s: %d words in one message, at most %d\n%s", lang, s.screen, s.how, n, wordLimit[lang], text)
				}
			}
		}
	}
}

// residentScreens are the kinds of screen a resident can reach, so that
// the walk cannot quietly shrink: home, help and its commands, language,
// the spreekuur finder (districts, a place, what to bring, nearest), the
// trees (a node, a part of an answer, the reminder's month and day),
// booking (place, topic, day, time, what is kept, summary), the
// appointments (one, move day and time, cancel), privacy and forget.
var residentScreens = []string{
	"home", "help", "cmds", "lang",
	"sp", "sd", "loc", "brg", "near",
	"n", "nm", "rem", "remd",
	"bk", "bkt", "bkd", "bkh", "bkc", "bks",
	"apts", "apt", "mvd", "mvh", "apc",
	"priv", "privp", "fgc",
	"lr", "lrg",
}

// isLead reports whether a screen's first text is a line the step put
// before the screen's own: a button that no longer works, a sticker.
func isLead(id spreekuurbot.MsgID) bool {
	return id == flows.MsgButtonInvalid || id == flows.MsgFallbackMedia || id == flows.MsgFallbackText || id == flows.MsgFallbackCommand
}

// reached is one screen as a step drew it, and how it was reached.
type reached struct {
	screen  flows.Screen
	how     string
	replies []flows.Reply
}

// walk reaches every screen a person of role can, breadth first, on the
// example configuration at the moment at ("2006-01-02 15:04" in Almere).
// A screen whose replies carry the same texts as one seen before is not
// walked again.
func walk(t *testing.T, c *Catalog, trees []*flows.Tree, at string, role spreekuurbot.Role) []reached {
	t.Helper()
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	now, err := time.ParseInLocation("2006-01-02 15:04", at, cfg.Zone)
	if err != nil {
		t.Fatal(err)
	}
	const user = 1
	st := memstore.New()
	roles := memstore.NewRoles(map[int64]spreekuurbot.Role{user: role}, nil)
	roles.Watch(st)
	e, err := flows.New(flows.Config{
		Sessions: st, Roles: roles, Subscriptions: st, Reminders: st, Broadcasts: st, Bookings: st, Privacy: st,
		Volunteers: st, Desk: st, Visits: st, Team: st, Overlays: st, Logs: st, Deliveries: st, Imports: st, Waitlist: st,
		Languages: c.Languages(), Secret: []byte("screens-secret-0123456789abcdef!"),
		Locations: cfg.Locations, Trees: trees, Zone: cfg.Zone,
		BotUsername:  func() string { return "spreekuur_test_bot" },
		Now:          func() time.Time { return now },
		ReadsLetters: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	var starts []flows.Event
	for _, cmd := range flows.Commands(role) {
		starts = append(starts, flows.Event{Kind: flows.KindCommand, Command: cmd.Name})
	}
	if role == spreekuurbot.Resident {
		starts = append(starts, residentStarts(t, st, cfg, trees, now, user)...)
	} else {
		volunteerAt(t, st, cfg, now, user)
	}
	type state struct {
		s   flows.Session
		res flows.Result
		how string
	}
	var queue []state
	step := func(s flows.Session, ev flows.Event, how string) {
		ev.UserID = user
		next, res, err := e.Step(context.Background(), s, role, ev)
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		queue = append(queue, state{next, res, how})
	}
	for _, ev := range starts {
		step(flows.Session{Lang: "nl"}, ev, fmt.Sprintf("event %v %s", ev.Kind, ev.Command))
	}
	var out []reached
	held := false
	seen, expanded := map[string]bool{}, map[string]bool{}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		key := string(cur.s.Screen) + "|" + textKey(cur.res.Replies, true)
		if seen[key] || len(cur.res.Replies) == 0 {
			continue
		}
		seen[key] = true
		out = append(out, reached{cur.s.Screen, cur.how, cur.res.Replies})
		if len(out) > 20000 {
			t.Fatal("the walk does not end")
		}
		// The same screen with other arguments (a reminder set for
		// another day) leads where this one led.
		if key := string(cur.s.Screen) + "|" + textKey(cur.res.Replies, false); expanded[key] {
			continue
		} else {
			expanded[key] = true
		}
		for _, r := range cur.res.Replies {
			held = held || slices.ContainsFunc(r.Text, func(m spreekuurbot.Msg) bool { return m.ID == flows.MsgAppointmentHeld })
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.Data != "" && cur.s.Screen != flows.ScreenLanguage {
						step(cur.s, flows.Event{Kind: flows.KindButton, Data: b.Data}, fmt.Sprintf("%s [%s]", cur.s.Screen, b.Label.ID))
					}
				}
			}
		}
	}
	if role == spreekuurbot.Resident && !held {
		t.Error("the walk never showed the time held for the person")
	}
	return out
}

// residentStarts holds a freed time for the person, and returns what a
// resident's walk starts from besides the commands: a sticker, typed
// text, shared locations, and letters sent as photos.
func residentStarts(t *testing.T, st *memstore.Store, cfg *config.Config, trees []*flows.Tree, now time.Time, user int64) []flows.Event {
	t.Helper()
	// A freed time held for the person: "My appointments" shows it first
	// until "No thanks" or "Book it" is pressed somewhere in the walk.
	for _, l := range cfg.Locations {
		if slots := l.ComingSlots(now, cfg.Zone); len(slots) > 0 {
			if err := st.Wait(context.Background(), user, l.ID, "lf", now); err != nil {
				t.Fatal(err)
			}
			if offers, err := st.Offer(context.Background(), slots[:1], now); err != nil || len(offers) != 1 {
				t.Fatalf("holding a time for the walk: %+v, %v", offers, err)
			}
			break
		}
	}
	starts := []flows.Event{
		{Kind: flows.KindUnsupported},
		{Kind: flows.KindText, Text: "hallo"},
		{Kind: flows.KindCommand, Command: "nonsense"},
		{Kind: flows.KindLocation, Lat: 52.3705, Lon: 5.2166}, // Almere Stad
		{Kind: flows.KindLocation, Lat: 52.0907, Lon: 5.1214}, // Utrecht
	}
	// Letters sent as photos: every way reading can go, and every answer
	// of the letter tree read with a deadline in two days (urgent) and in
	// three weeks (its reminder one tap away), with an urgent sign.
	today := spreekuurbot.DateOf(now)
	for _, o := range []flows.ReadOutcome{flows.LetterUnreadable, flows.LetterUnavailable, flows.LetterTooLarge, flows.LetterBusy} {
		starts = append(starts, flows.Event{Kind: flows.KindLetter, Letter: flows.LetterReading{Outcome: o}})
	}
	starts = append(starts, flows.Event{Kind: flows.KindLetter, Letter: flows.LetterReading{Outcome: flows.LetterUnsure,
		Candidates: []string{"letter-dw-incasso", "letter-huur-achter", "letter-bd-aanmaning"}, Urgent: "letter-dw-brief", Deadline: today.AddDays(21)}})
	for _, tr := range trees {
		if tr.ID != "letter" {
			continue
		}
		for _, n := range tr.Nodes {
			if !n.IsAnswer() {
				continue
			}
			for _, r := range []flows.LetterReading{
				{Outcome: flows.LetterRead, Node: n.ID, Deadline: today.AddDays(2)},
				{Outcome: flows.LetterRead, Node: n.ID, Deadline: today.AddDays(21), Urgent: "letter-dw-beslag"},
			} {
				starts = append(starts, flows.Event{Kind: flows.KindLetter, Letter: r})
			}
		}
	}
	return starts
}

// volunteerAt makes the person a volunteer of the first place with times
// to book, with appointments in its first four.
func volunteerAt(t *testing.T, st *memstore.Store, cfg *config.Config, now time.Time, user int64) {
	t.Helper()
	ctx := context.Background()
	for _, l := range cfg.Locations {
		slots := l.ComingSlots(now, cfg.Zone)
		if len(slots) == 0 {
			continue
		}
		if err := st.SetVolunteerLocation(ctx, user, l.ID, true); err != nil {
			t.Fatal(err)
		}
		for i, s := range slots[:min(4, len(slots))] {
			b := spreekuurbot.Booking{UserID: int64(100 + i), Slot: s, Topic: "lf", Lang: "ar", Company: i == 0, OwnLanguage: i == 0}
			if _, err := st.Book(ctx, fmt.Sprint("walk-", i), b, cfg.Zone, now); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	t.Fatal("no place with times to book")
}

// textKey names the texts and buttons of replies by their IDs, and with
// args by their arguments too.
func textKey(replies []flows.Reply, args bool) string {
	var sb strings.Builder
	for _, r := range replies {
		for _, m := range r.Text {
			sb.WriteString(string(m.ID))
			if args {
				fmt.Fprintf(&sb, "%v", m.Args)
			}
			sb.WriteString(";")
		}
		for _, row := range r.Buttons {
			for _, b := range row {
				sb.WriteString("[" + string(b.Label.ID))
				if args {
					fmt.Fprintf(&sb, "%v", b.Label.Args)
				}
				sb.WriteString("]")
			}
		}
		sb.WriteString("/")
	}
	return sb.String()
}
