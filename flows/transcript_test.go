package flows_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/intent"
	"spreekuurbot/internal/memstore"
	"spreekuurbot/locales"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/transcripts")

func roleMap(m map[int64]spreekuurbot.Role) *memstore.Roles { return memstore.NewRoles(m, nil) }

// testNow is the transcripts' clock unless a script sets another: Monday
// 23 November 2026, 10:00 in Almere.
const testNow = "2026-11-23 10:00"

func newEngine(t testing.TB, roles *memstore.Roles) *flows.Engine {
	t.Helper()
	clock := testNow
	e, _ := newEngineAt(t, roles, &clock)
	return e
}

// withCoordinators names the coordinators told of unconfirmed
// appointments.
func withCoordinators(ids ...int64) func(*flows.Config) {
	return func(c *flows.Config) { c.Coordinators = ids }
}

// newEngineAt builds the engine on the example config, the built-in trees
// and the built-in keywords, with its clock reading *now ("2006-01-02
// 15:04" in Almere), each option applied to the configuration first.
func newEngineAt(t testing.TB, roles *memstore.Roles, now *string, options ...func(*flows.Config)) (*flows.Engine, *memstore.Store) {
	t.Helper()
	fc, st := engineConfig(t, roles, now)
	for _, o := range options {
		o(&fc)
	}
	e, err := flows.New(fc)
	if err != nil {
		t.Fatal(err)
	}
	return e, st
}

// engineConfig is the transcripts' configuration, on a new memstore.
func engineConfig(t testing.TB, roles *memstore.Roles, now *string) (flows.Config, *memstore.Store) {
	t.Helper()
	texts := catalog(t)
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	understand, err := intent.New(texts.Keywords(), flows.Ancestors(trees))
	if err != nil {
		t.Fatal(err)
	}
	st := memstore.New()
	roles.Watch(st)
	fc := flows.Config{
		Sessions: st, Roles: roles, Subscriptions: st, Reminders: st, Broadcasts: st, Bookings: st, Privacy: st,
		Volunteers: st, Desk: st, Visits: st, Team: st, Overlays: st, Logs: st, Deliveries: st, Imports: st, Waitlist: st,
		Languages: texts.Languages(), Secret: []byte("transcript-secret-0123456789abcdef"),
		Locations: cfg.Locations, Trees: trees, Zone: cfg.Zone,
		BotUsername:  func() string { return "spreekuur_test_bot" },
		ReadsLetters: true,
		Understand:   understand,
		Now: func() time.Time {
			tm, err := time.ParseInLocation("2006-01-02 15:04", *now, cfg.Zone)
			if err != nil {
				t.Fatalf("clock %q: %v", *now, err)
			}
			return tm
		},
	}
	return fc, st
}

// parseClock reads a transcript's clock, in Almere.
func parseClock(t testing.TB, clock string) time.Time {
	t.Helper()
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	tm, err := time.ParseInLocation("2006-01-02 15:04", clock, zone)
	if err != nil {
		t.Fatalf("clock %q: %v", clock, err)
	}
	return tm
}

func catalog(t testing.TB) *locales.Catalog {
	t.Helper()
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTranscripts replays each conversation in testdata/transcripts and
// compares it with the golden text in the same file. A transcript reads as
// the person sees the chat: what they did after "> ", the bot's words, and
// its buttons in brackets. `go test ./flows -update` rewrites them.
//
// Script lines in the "script" section:
//
//	lang CODE          the client's language_code from now on
//	as USER            act as another user (buttons are remembered per user)
//	role ROLE          the current user's role: resident, volunteer, coordinator
//	/command, text     typed by the person
//	press [LABEL]            press the button labelled LABEL on the last screen
//	press-old [LABEL]        the same on the screen before the last
//	press-from USER [LABEL]  the same on USER's last screen
//
// Buttons are pressed by their label, as a person would, never by
// position: a button added to a screen changes no other press. A label
// that is missing or shown twice fails the test.
//
//	forge DATA         press a button carrying DATA
//	sticker | photo | voice | location [LAT LON]
//	clock 2026-12-23 16:00   the time in Almere from now on
//	due                the reminders due now go out, and the times held
//	                   for a waitlist whose 30 minutes ran out go on
//	fill LOCATION      every free time at LOCATION in the coming 14 days
//	                   is booked, each by a resident of its own (7001, …)
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no transcripts")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			script := section(ar, "script")
			if script == nil {
				t.Fatalf("%s has no script section", file)
			}
			got := replay(t, string(script.Data))
			if *update {
				want := section(ar, "transcript")
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "transcript"})
					want = &ar.Files[len(ar.Files)-1]
				}
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := section(ar, "transcript")
			if want == nil {
				t.Fatalf("%s has no transcript; run go test ./flows -update", file)
			}
			if got != string(want.Data) {
				t.Errorf("transcript differs (run go test ./flows -update and review the diff):\n%s", diff(string(want.Data), got))
			}
		})
	}
}

func section(ar *txtar.Archive, name string) *txtar.File {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			return &ar.Files[i]
		}
	}
	return nil
}

type chat struct {
	screens [][]flows.Button // per screen drawn, newest last
	langs   []string         // the language each screen was drawn in
}

func replay(t *testing.T, script string) string {
	t.Helper()
	roles := roleMap(map[int64]spreekuurbot.Role{})
	clock := testNow
	var options []func(*flows.Config)
	if strings.Contains("\n"+script+"\n", "\nno-ocr\n") {
		// A server without Tesseract: the letter finder does not offer
		// photos.
		options = append(options, func(c *flows.Config) { c.ReadsLetters = false })
	}
	e, st := newEngineAt(t, roles, &clock, options...)
	texts := catalog(t)
	var out bytes.Buffer
	user, lang := int64(1001), ""
	chats := map[int64]*chat{}
	ctx := context.Background()
	for _, line := range strings.Split(strings.TrimSpace(script), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		if chats[user] == nil {
			chats[user] = &chat{}
		}
		c := chats[user]
		var ev flows.Event
		switch word {
		case "lang":
			lang = rest
			continue
		case "no-ocr":
			fmt.Fprintf(&out, "(this server cannot read photos)\n")
			continue
		case "clock":
			clock = rest
			fmt.Fprintf(&out, "(it is %s in Almere)\n", rest)
			continue
		case "due":
			// The reminders due now go out, as the bot sends them.
			fmt.Fprintf(&out, "> (the reminders due at %s go out)\n", clock)
			for _, d := range st.Due(parseClock(t, clock)) {
				o, send, err := e.Reminder(ctx, d)
				if err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				if !send {
					fmt.Fprintf(&out, "  (nothing to send to user %d for the reminder of %s)\n", d.UserID, d.At.Format("2006-01-02 15:04"))
					continue
				}
				res := flows.Result{Outbox: []flows.Outgoing{o}}
				writeResult(&out, texts, res)
				remember(chats, res)
			}
			offers, err := e.ExpiredOffers(ctx)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			res := flows.Result{Outbox: offers}
			writeResult(&out, texts, res)
			remember(chats, res)
			continue
		case "fill":
			n := fillPlace(t, st, rest, parseClock(t, clock))
			fmt.Fprintf(&out, "(every free time at %s in the coming 14 days is booked: users 7001 to %d, one appointment each)\n", rest, 7000+n)
			continue
		case "as":
			user = mustInt(t, rest)
			continue
		case "role":
			role, ok := spreekuurbot.ParseRole(rest)
			if !ok {
				t.Fatalf("bad role %q", rest)
			}
			roles.Set(user, role)
			continue
		case "press", "press-old", "press-from":
			from, label, back := c, rest, 1
			switch word {
			case "press-old":
				back = 2
			case "press-from":
				u, l, _ := strings.Cut(rest, " ")
				from, label = chats[mustInt(t, u)], l
			}
			if from == nil || len(from.screens) < back {
				t.Fatalf("%q: no such screen", line)
			}
			b := pressLabel(t, line, texts, from.screens[len(from.screens)-back], from.langs[len(from.langs)-back], label)
			ev = flows.Event{Kind: flows.KindButton, Data: b.Data, FirstName: fmt.Sprint("Sam", user)}
			fmt.Fprintf(&out, "> %s\n", line)
		case "forge":
			ev = flows.Event{Kind: flows.KindButton, Data: rest}
			fmt.Fprintf(&out, "> presses a forged button %q\n", rest)
		case "sticker", "photo", "voice":
			ev = flows.Event{Kind: flows.KindUnsupported}
			fmt.Fprintf(&out, "> sends a %s\n", word)
		case "location":
			ev = flows.Event{Kind: flows.KindLocation, Lat: 52.37, Lon: 5.22}
			if rest != "" {
				if _, err := fmt.Sscan(rest, &ev.Lat, &ev.Lon); err != nil {
					t.Fatalf("%q: %v", line, err)
				}
			}
			fmt.Fprintf(&out, "> shares a location\n")
		case "letter":
			ev = flows.Event{Kind: flows.KindLetter, Letter: letterReading(t, line, rest)}
			fmt.Fprintf(&out, "> sends a photo of a letter (%s)\n", rest)
		case "long-text":
			ev = flows.ParseText(user, lang, strings.Repeat("ا", 5000))
			fmt.Fprintf(&out, "> types %d characters\n", 5000)
		default:
			ev = flows.ParseText(user, lang, line)
			fmt.Fprintf(&out, "> %s\n", line)
		}
		ev.UserID, ev.LanguageCode = user, lang
		before := len(st.Reminders())
		res, err := e.Handle(ctx, ev)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		writeResult(&out, texts, res)
		for _, r := range st.Reminders()[before:] {
			if r.Booking != "" {
				fmt.Fprintf(&out, "  (reminder stored: %s, for the appointment %s)\n", r.At.Format("2006-01-02 15:04"), r.Slot)
				continue
			}
			fmt.Fprintf(&out, "  (reminder stored: %s, deadline %s, letter %s)\n", r.At.Format("2006-01-02 15:04"), r.Deadline, r.Node)
		}
		// A queued broadcast is delivered at once, each in their language.
		for _, eff := range res.Effects {
			q, ok := eff.(flows.QueueBroadcast)
			if !ok {
				continue
			}
			fmt.Fprintf(&out, "  (broadcast queued for %d)\n", len(q.To))
			for _, to := range q.To {
				reply, send, err := e.BroadcastReply(ctx, q.Broadcast, to)
				if err != nil {
					t.Fatal(err)
				}
				if !send {
					fmt.Fprintf(&out, "  (nothing to send to user %d)\n", to.UserID)
					continue
				}
				res.Outbox = append(res.Outbox, flows.Outgoing{To: spreekuurbot.Recipient{UserID: to.UserID, Lang: to.Lang}, Reply: reply})
				writeResult(&out, texts, flows.Result{Outbox: []flows.Outgoing{{To: spreekuurbot.Recipient{UserID: to.UserID, Lang: to.Lang}, Reply: reply}}})
			}
		}
		remember(chats, res)
		for _, r := range res.Replies {
			if r.Venue != nil || r.LocationButton != nil || r.Appointment != nil || r.Figures != nil {
				continue // no inline buttons to press later
			}
			var buttons []flows.Button
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.URL == "" {
						buttons = append(buttons, b)
					}
				}
			}
			if len(buttons) == 0 {
				continue // a message of its own: nothing to press on it
			}
			c.screens = append(c.screens, buttons)
			c.langs = append(c.langs, res.Lang)
		}
	}
	return out.String()
}

// remember puts the messages to other people in their chats, buttons and
// all, to be pressed later.
func remember(chats map[int64]*chat, res flows.Result) {
	for _, o := range res.Outbox {
		if len(o.Reply.Buttons) == 0 {
			continue
		}
		if chats[o.To.UserID] == nil {
			chats[o.To.UserID] = &chat{}
		}
		oc := chats[o.To.UserID]
		oc.screens = append(oc.screens, flatten(o.Reply.Buttons))
		oc.langs = append(oc.langs, o.To.Lang)
	}
}

// pressLabel finds the one button of a screen whose label, in the
// screen's language, is the bracketed label.
func pressLabel(t *testing.T, line string, texts *locales.Catalog, buttons []flows.Button, lang, label string) flows.Button {
	t.Helper()
	want, ok := strings.CutPrefix(label, "[")
	want, ok2 := strings.CutSuffix(want, "]")
	if !ok || !ok2 {
		t.Fatalf("%q: want a label in brackets, as the transcript shows it", line)
	}
	var found []flows.Button
	var shown []string
	for _, b := range buttons {
		l := texts.Text(lang, b.Label)
		shown = append(shown, "["+l+"]")
		if l == want {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%q: %d buttons with that label; the screen shows %s", line, len(found), strings.Join(shown, " "))
	}
	return found[0]
}

func writeResult(out *bytes.Buffer, texts *locales.Catalog, res flows.Result) {
	if res.Notice != nil {
		fmt.Fprintf(out, "  (button answer: %s)\n", texts.Text(res.Lang, *res.Notice))
	}
	for _, r := range res.Replies {
		if r.Edit {
			fmt.Fprintln(out, "  (edits the message)")
		}
		if v := r.Venue; v != nil {
			fmt.Fprintf(out, "  (map pin: %s, %s at %.4f, %.4f)\n", v.Title, v.Address, v.Lat, v.Lon)
		}
		if a := r.Appointment; a != nil {
			fmt.Fprintf(out, "  (calendar file: %q, %s–%s)\n", texts.Text(res.Lang, a.Summary), a.Start.Format("2006-01-02 15:04"), a.End.Format("15:04"))
		}
		if f := r.Figures; f != nil {
			fmt.Fprintf(out, "  (CSV file:\n%s  )\n", indent(string(flows.FiguresCSV(f.Figures, f.Locations, func(m spreekuurbot.Msg) string { return texts.Text(res.Lang, m) }))))
		}
		if r.LocationButton != nil {
			fmt.Fprintf(out, "  (keyboard: [%s] shares the location)\n", texts.Text(res.Lang, *r.LocationButton))
		}
		if len(r.Text) > 0 {
			text := flows.JoinText(r.Text, func(m spreekuurbot.Msg) string { return texts.Text(res.Lang, m) })
			for _, l := range strings.Split(text, "\n") {
				fmt.Fprintf(out, "  | %s\n", strings.TrimRight(l, " "))
			}
		}
		n := 0
		for _, row := range r.Buttons {
			var labels []string
			for _, b := range row {
				label := texts.Text(res.Lang, b.Label)
				if b.URL != "" {
					// A link opens outside the chat: it has no number to press.
					labels = append(labels, fmt.Sprintf("[%s → %s]", label, b.URL))
					continue
				}
				n++
				labels = append(labels, fmt.Sprintf("%d:[%s]", n, label))
			}
			fmt.Fprintf(out, "  %s\n", strings.Join(labels, " "))
		}
	}
	for _, o := range res.Outbox {
		var labels []string
		for _, b := range flatten(o.Reply.Buttons) {
			labels = append(labels, "["+texts.Text(o.To.Lang, b.Label)+"]")
		}
		fmt.Fprintf(out, "  (to user %d: %s)\n", o.To.UserID, strings.TrimSpace(flows.JoinText(o.Reply.Text, func(m spreekuurbot.Msg) string { return texts.Text(o.To.Lang, m) })+" "+strings.Join(labels, " ")))
	}
	for _, e := range res.Effects {
		switch e := e.(type) {
		case flows.NotifyVolunteers, flows.NotifyUser, flows.QueueBroadcast, flows.SendOffers, flows.OfferRoom:
			continue // shown as the messages they send
		case flows.EditNotices:
			fmt.Fprintf(out, "  (the other volunteers' notices now say: %s)\n", strings.ReplaceAll(texts.Text("nl", e.Msg), "\n", " / "))
			continue
		}
		if _, ok := e.(flows.SetReminder); ok {
			continue // shown as stored, below
		}
		fmt.Fprintf(out, "  (effect: %T %+v)\n", e, e)
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// diff shows the first lines where want and got part.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return ""
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

// letterReading reads a transcript's "letter OUTCOME [NODES] [YYYY-MM-DD]
// [urgent=NODE]": what the transport found in a photo.
func letterReading(t *testing.T, line, spec string) flows.LetterReading {
	t.Helper()
	outcomes := map[string]flows.ReadOutcome{
		"read": flows.LetterRead, "unsure": flows.LetterUnsure, "unreadable": flows.LetterUnreadable,
		"unavailable": flows.LetterUnavailable, "too-large": flows.LetterTooLarge, "busy": flows.LetterBusy,
	}
	fields := strings.Fields(spec)
	if len(fields) == 0 || outcomes[fields[0]] == 0 {
		t.Fatalf("%q: say read, unsure, unreadable, unavailable, too-large or busy", line)
	}
	r := flows.LetterReading{Outcome: outcomes[fields[0]]}
	for _, f := range fields[1:] {
		switch {
		case strings.HasPrefix(f, "urgent="):
			r.Urgent = strings.TrimPrefix(f, "urgent=")
		case len(f) == 10 && f[4] == '-':
			d, ok := spreekuurbot.ParseCompactDate(strings.ReplaceAll(f, "-", ""))
			if !ok {
				t.Fatalf("%q: bad date %q", line, f)
			}
			r.Deadline = d
		case r.Outcome == flows.LetterUnsure:
			r.Candidates = strings.Split(f, ",")
		default:
			r.Node = f
		}
	}
	return r
}

// fillPlace books every free place at location from now to BookingDays
// ahead, each by a resident of its own from 7001 on, and says how many.
func fillPlace(t *testing.T, st *memstore.Store, location string, now time.Time) int {
	t.Helper()
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range cfg.Locations {
		if l.ID != location {
			continue
		}
		for _, s := range l.ComingSlots(now, cfg.Zone) {
			taken, err := st.TakenMany(context.Background(), []string{s.ID()})
			if err != nil {
				t.Fatal(err)
			}
			for range s.Capacity - taken[s.ID()] {
				n++
				if _, err := st.Book(context.Background(), "", spreekuurbot.Booking{UserID: int64(7000 + n), Slot: s, Topic: "ot", Lang: "nl"}, cfg.Zone, now); err != nil {
					t.Fatalf("fill %s: %v", location, err)
				}
			}
		}
	}
	if n == 0 {
		t.Fatalf("fill %s: no bookable times", location)
	}
	return n
}
