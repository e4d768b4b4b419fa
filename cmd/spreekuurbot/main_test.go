package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"spreekuurbot"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/locales"
	"spreekuurbot/store"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	example := string(deploy.ExampleConfig)
	brokenConfig := write("broken.toml", strings.Replace(example, `from = "10:00"`, `from = "10h"`, 1))
	localeDir := filepath.Join(dir, "locales")
	// keywordDir's typed words lead to a node that is not in the tree.
	keywordDir := filepath.Join(dir, "keywords")
	badLine := 0
	for _, lang := range []string{"nl", "en", "ar"} {
		for _, part := range []string{"", "letters.", "woningnet.", "keywords."} {
			data, err := os.ReadFile(filepath.Join("../../locales", part+lang+".toml"))
			if err != nil {
				t.Fatal(err)
			}
			content := string(data)
			good := content
			if part == "keywords." {
				good = strings.Replace(content, "letter-bd-dwangbevel =", "letter-bd-dwangbeval =", 1)
				if lang == "nl" {
					badLine = strings.Count(content[:strings.Index(content, "letter-bd-dwangbevel =")], "\n") + 1
				}
			}
			write(filepath.Join("keywords", part+lang+".toml"), good)
			if lang == "ar" && part == "" {
				content = strings.Replace(content, "{{.Count}}", "{{.Number}}", 1)
			}
			write(filepath.Join("locales", part+lang+".toml"), content)
		}
	}
	contentDir := filepath.Join(dir, "content")
	for _, name := range []string{"letters.toml", "woningnet.toml"} {
		data, err := os.ReadFile(filepath.Join("../../flows/content", name))
		if err != nil {
			t.Fatal(err)
		}
		content := string(data)
		if name == "letters.toml" {
			content = strings.Replace(content, `to = "letter-uwv"`, `to = "letter-uvw"`, 1)
		}
		write(filepath.Join("content", name), content)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"built-in files", nil, 0, "ok: deploy/config.example.toml: 8 locations"},
		{"broken tree", []string{"--content", contentDir}, 1, filepath.Join(contentDir, "letters.toml") + `:19: node "letter": option "letter_sender_uwv" leads to "letter-uvw"`},
		// The line of `from = "10h"` itself, not its location's header (31).
		{"broken config", []string{"--config", brokenConfig}, 1, brokenConfig + `:45: location "stad-centrum": walk_in: from:`},
		{"broken config says what", []string{"--config", brokenConfig}, 1, `"10h" is not a time like 09:30`},
		{"missing config", []string{"--config", filepath.Join(dir, "nope.toml")}, 1, "no such file"},
		{"broken locale", []string{"--locales", localeDir}, 1, filepath.Join(localeDir, "ar.toml") + ":"},
		{"broken locale says what", []string{"--locales", localeDir}, 1, "{{.Number}}"},
		{"typed words lead nowhere", []string{"--locales", keywordDir}, 1, fmt.Sprintf("%s:%d: typed words lead to %q", filepath.Join(keywordDir, "keywords.nl.toml"), badLine, "letter-bd-dwangbeval")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := testMain(context.Background(), append([]string{"check"}, tt.args...), nil, &out, &errOut)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stdout %q, stderr %q)", code, tt.code, out.String(), errOut.String())
			}
			if got := out.String() + errOut.String(); !strings.Contains(got, tt.want) {
				t.Errorf("output %q does not contain %q", got, tt.want)
			}
		})
	}
}

// TestChat is `make run`: the terminal chat on the embedded Redis, buttons
// as numbers. Each input line is typed once the chat printed everything
// before it (see chatScript), so a line may press a button by its label.
func TestChat(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	t.Setenv("SPREEKUUR_CONFIG", "")
	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := func(id spreekuurbot.MsgID, args ...any) string {
		m := spreekuurbot.Msg{ID: id, Args: map[string]any{}}
		for i := 0; i+1 < len(args); i += 2 {
			m.Args[args[i].(string)] = args[i+1]
		}
		return texts.Text("en", m)
	}
	press := func(id spreekuurbot.MsgID, args ...any) string { return "press " + en(id, args...) }
	coordinator := []string{"--lang", "en", "--user", "7", "--role", "coordinator", "--now", "2026-11-23 10:00"}
	tests := []struct {
		name string
		args []string
		// input is typed line by line; "press <label>" presses the button
		// last shown with that label, "open link" opens the last t.me link.
		input []string
		// want appears in the output in this order; match are regular
		// expressions that match it somewhere.
		want  []string
		match []string
	}{
		{"arabic", []string{"--lang", "ar", "--user", "42"}, []string{"6", "1", "/quit"}, []string{"[6] \u200fشرح", "/language"}, nil},
		{"asks when unknown", []string{"--lang", "zh"}, []string{"6"}, []string{"Choose your language.", "[6] ትግርኛ", "ጽቡቕ።"}, nil},
		{"volunteer", []string{"--lang", "nl", "--role", "volunteer"}, nil, []string{"U bent aangemeld als vrijwilliger."}, nil},
		{"language switch", []string{"--lang", "en"}, []string{"/language", "8"}, []string{"[8] Українська", "Добре."}, nil},
		{"booking", []string{"--lang", "en", "--now", "2026-11-23 10:00"}, []string{"4", "1", "1", "1", "1", "1", "1"}, []string{
			"Your appointment is made", "(file afspraak-2026-11-26.ics, ", "(map pin: De Nieuwe Bibliotheek Almere Stad",
		}, []string{
			// The calendar file as the bot sends it: hundreds of bytes.
			`\(file afspraak-2026-11-26\.ics, [1-9][0-9]{2,} bytes: Spreekuur wijkteam: Letter or form \(free help desk\), 2026-11-26 13:00 – 13:30\)`,
		}},
		{"nearest spreekuur", []string{"--lang", "en"}, []string{"3", "/location 52.3718 5.2208", "1", "1"}, []string{
			"[1] De Nieuwe Bibliotheek Almere Stad – 0 km", "Stadhuisplein 101", "(map pin: De Nieuwe Bibliotheek Almere Stad",
		}, nil},
		// A coordinator follows a place, then tells its followers it is
		// closed on a day: the terminal shows what each receives.
		{"broadcast", coordinator, []string{"/spreekuur", "1", "1", "3", "/broadcast", "1", "1", "2", "4", "1"}, []string{
			"It goes to 1 person", "(to user 7, in en:)", "News from De Nieuwe Bibliotheek Almere Stad: there is no spreekuur on Thursday 26 November 2026.", "Delivered: 1.",
		}, nil},
		{"clock", coordinator, []string{"/clock", "/clock +90m", "/clock 2026-11-01 10:00", "/clock +1d2h", "/clock soon"}, []string{
			"(it is now Mon 2026-11-23 10:00)", "(it is now Mon 2026-11-23 11:30)", "(the clock only goes forward: it is Mon 2026-11-23 11:30)",
			"(it is now Tue 2026-11-24 13:30)", `("soon": want /clock +2h, /clock +1d or /clock 2026-11-25 19:00)`,
		}, nil},
		// A coordinator closes the day of an appointment: the resident's
		// notice under them offers free times, and pressing one as the
		// resident moves the appointment.
		{"closure notice", []string{"--lang", "en", "--user", "42", "--now", "2026-11-23 10:00"}, []string{
			"4", "1", "1", "1", "1", "1", "1",
			"/as coordinator 7", "/slots", "press Almere Stad (Centrum)", press(flows.MsgButtonCloseDays),
			"press Thursday 26 November", "press Thursday 26 November", "press Holiday",
			"/as 42", "press Thursday 3 December, 13:30",
		}, []string{
			"(to user 42, in en; /as 42 to press:)", "closed on Thursday 26 November 2026",
			"(file afspraak-2026-12-03.ics, ",
		}, nil},
		// The waitlist in the terminal: two residents fill Corrosia's
		// two times, a third waits; a cancellation offers her the time
		// (printed under her), she lets it run out, and the clock moved
		// past the 30 minutes tells her it went on.
		{"waitlist", []string{"--lang", "en", "--user", "51", "--now", "2026-11-23 10:00"}, []string{
			"/book", "press Corrosia (Almere Haven) (Haven Centrum)", "press " + en(flows.MsgTopicLetter), "press Friday 4 December", "press 10:00",
			press(flows.MsgButtonNext), press(flows.MsgButtonConfirm),
			"/as resident 52", "/book", "press Corrosia (Almere Haven) (Haven Centrum)", "press " + en(flows.MsgTopicLetter), "press Friday 4 December", "press 10:45",
			press(flows.MsgButtonNext), press(flows.MsgButtonConfirm),
			"/as resident 53", "/book", "press Corrosia (Almere Haven) (Haven Centrum)", "press " + en(flows.MsgTopicLetter),
			press(flows.MsgButtonWait), press(flows.MsgButtonNext), press(flows.MsgButtonWaitYes),
			"/as 51", "/appointments", "press Friday 4 December, 10:00", press(flows.MsgButtonCancel), press(flows.MsgButtonCancelYes),
			"/clock +20m", "/clock +15m",
		}, []string{
			en(flows.MsgBookNoDays),
			en(flows.MsgWaitJoined, "Name", "Corrosia (Almere Haven)"),
			"(to user 53, in en; /as 53 to press:)", "Good news: a time is free at Corrosia (Almere Haven): Friday 4 December 2026 at 10:00.", "[",
			"(it is now Mon 2026-11-23 10:20)",
			"(it is now Mon 2026-11-23 10:35)",
			"(waitlist at 2026-11-23 10:35, to user 53, in en; /as 53 to press:)", "We kept the time at Corrosia (Almere Haven) on Friday 4 December 2026 at 10:00 for you for 30 minutes.",
		}, nil},
		// One appointment from booking to the volunteer's log, with
		// everyone played in one chat: a coordinator invites two
		// volunteers, a resident books, both volunteers are told, one
		// takes it from the notice, the other's notice changes; the clock
		// fires both reminders; the volunteer marks came, logs it, and
		// after the coordinator looked at the figures, undoes it.
		{"walk", coordinator, []string{
			"/invite", "press Almere Stad (Centrum)", press(flows.MsgButtonMakeInvite),
			"/as volunteer 2", "open link",
			// The name question before the volunteer's home screen.
			press(flows.MsgYes),
			"/as 7", "/invite", "press Almere Stad (Centrum)", press(flows.MsgButtonMakeInvite),
			"/as 3", "open link",
			"/as resident 42", "4", "1", "1", "1", "1", "1", "1",
			"/as 2", press(flows.MsgButtonTakeAppointment),
			"/as 3", press(flows.MsgButtonTakeAppointment),
			"/clock +1d", "/clock 2026-11-26 12:00",
			"/as 2", "/today", press(flows.MsgButtonCame, "Appointment", spreekuurbot.Msg{ID: flows.MsgTodayAppointment, Args: map[string]any{
				"Number": 1, "Time": "13:00", "Topic": spreekuurbot.Msg{ID: flows.MsgTopicLetter}, "Language": spreekuurbot.LanguageOf("en"),
			}}), press(flows.MsgButtonSave),
			"/as 7", "/stats",
			"/as 2", press(flows.MsgButtonUndo),
			"/as", "/as mayor",
		}, []string{
			"(you are user 2, volunteer, client language en; volunteer of no place yet",
			en(flows.MsgNameQuestion), "[1] yes   [2] no",
			en(flows.MsgNameSaved),
			"(you are user 42, resident, client language en)",
			"Your appointment is made",
			"(to user 2, in en; /as 2 to press:)",
			"(to user 3, in en; /as 3 to press:)",
			"(you are user 2, volunteer, client language en; volunteer of De Nieuwe Bibliotheek Almere Stad)",
			en(flows.MsgYouTook),
			"(to user 42, in en:)", "Good news: a volunteer has confirmed your appointment.",
			"(user 3's notice now reads, in en:)", "User 2 takes this appointment.",
			"(you are user 3, volunteer, client language en; volunteer of De Nieuwe Bibliotheek Almere Stad)",
			"(that button is gone: its message was changed)",
			"(it is now Tue 2026-11-24 10:00)", "(it is now Thu 2026-11-26 12:00)",
			"(reminder at 2026-11-25 19:00, to user 42, in en; /as 42 to press:)", "Reminder: tomorrow at 13:00",
			"(reminder at 2026-11-26 11:00, to user 42, in en; /as 42 to press:)",
			"13:00 – De Nieuwe Bibliotheek Almere Stad – Letter or form – English",
			en(flows.MsgLogUndoOffer), "[1] ↩️ Undo",
			"(you are user 7, coordinator, client language en; all places)",
			"Help requests: 1 (0)",
			"(you are user 2, volunteer",
			en(flows.MsgLogUndone),
			"(you are user 2, volunteer",
			`("mayor" is not a user ID: want /as [resident|volunteer|coordinator] <user> [lang])`,
		}, []string{
			`\(photo hulpvragen-2026\.png, [1-9][0-9]{3,} bytes: `,
			`\(file hulpvragen-2026\.csv, [1-9][0-9]+ bytes: `,
			`user 2> `,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			in := &chatScript{lines: tt.input, out: &out}
			code := testMain(context.Background(), append([]string{"chat"}, tt.args...), in, &out, &errOut)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if in.err != nil {
				t.Fatalf("%v\n%s", in.err, out.String())
			}
			if !strings.Contains(errOut.String(), "NOTHING SURVIVES A RESTART") {
				t.Errorf("no warning about the in-memory Redis: %q", errOut.String())
			}
			rest := out.String()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("output lacks %q after what came before:\n%s", w, out.String())
					break
				}
				rest = rest[i+len(w):]
			}
			for _, m := range tt.match {
				if !regexp.MustCompile(m).MatchString(out.String()) {
					t.Errorf("output does not match %s:\n%s", m, out.String())
				}
			}
		})
	}
	var errOut bytes.Buffer
	if code := testMain(context.Background(), []string{"chat", "--role", "mayor"}, strings.NewReader(""), &bytes.Buffer{}, &errOut); code != 1 {
		t.Errorf("a bad role exits %d: %s", code, errOut.String())
	}
}

// chatScript is the chat's input in a test: one line per read, so the
// chat has printed everything before a line when it is written. "press
// <label>" becomes the number last shown beside a button whose label has
// that text; "open link" the last t.me link shown, as a person opens an
// invite.
type chatScript struct {
	lines []string
	out   *bytes.Buffer
	err   error
}

var (
	shownButton = regexp.MustCompile(`\[(\d+)\] ([^\n]*?)(?:   |\n)`)
	shownLink   = regexp.MustCompile(`https://t\.me/\S+`)
)

func (s *chatScript) Read(p []byte) (int, error) {
	if len(s.lines) == 0 || s.err != nil {
		return 0, io.EOF
	}
	line := s.lines[0]
	s.lines = s.lines[1:]
	shown := s.out.String()
	if label, ok := strings.CutPrefix(line, "press "); ok {
		line = ""
		for _, m := range shownButton.FindAllStringSubmatch(shown, -1) {
			if strings.Contains(m[2], label) {
				line = m[1]
			}
		}
		if line == "" {
			s.err = fmt.Errorf("no button %q shown", label)
			return 0, io.EOF
		}
	}
	if line == "open link" {
		links := shownLink.FindAllString(shown, -1)
		if len(links) == 0 {
			s.err = fmt.Errorf("no link shown to open")
			return 0, io.EOF
		}
		line = links[len(links)-1]
	}
	fmt.Fprintln(s.out, line) // as the terminal echoes it
	return copy(p, line+"\n"), nil
}

// TestChatOnRedisKeepsReminders: `chat --now` on a real redis-server, on
// days a year apart, keeps the reminders of the appointment it books: the
// store measures every expiry on the chat's clock, never on Redis's, so a
// date far from today loses nothing.
func TestChatOnRedisKeepsReminders(t *testing.T) {
	t.Setenv("SPREEKUUR_CONFIG", "")
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := texts.Text("en", spreekuurbot.Msg{ID: flows.MsgDataReminders, Count: 2, Args: map[string]any{"Count": 2}})
	// Mondays: a booking's first day with times is that Thursday.
	for _, day := range []time.Time{
		time.Date(2025, 11, 24, 10, 0, 0, 0, zone),
		time.Date(2026, 11, 23, 10, 0, 0, 0, zone),
		time.Date(2027, 11, 22, 10, 0, 0, 0, zone),
	} {
		at := testclock.At(day).Format("2006-01-02 15:04")
		t.Run(at, func(t *testing.T) {
			t.Setenv("REDIS_URL", redistest.Start(t).URL)
			// Book the first place, topic, day and time, past what is kept;
			// then show my data.
			input := "4\n1\n1\n1\n1\n1\n1\n/privacy\n1\n"
			var out, errOut bytes.Buffer
			if code := testMain(context.Background(), []string{"chat", "--lang", "en", "--now", at}, strings.NewReader(input), &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if !strings.Contains(out.String(), "Your appointment is made") || !strings.Contains(out.String(), want) {
				t.Errorf("show my data after booking on %s lacks %q:\n%s", at, want, out.String())
			}
		})
	}
}

// TestRun is the production wiring end to end: `spreekuurbot run` against
// the fake Bot API and a real redis-server serves /start and /language in
// every language with inline keyboards.
func TestRun(t *testing.T) {
	api := fakebotapi.New(t, "42:run-test")
	runEnv(t, api, redistest.Start(t).URL, "127.0.0.1:0")
	run := startRun(t)
	logs := &run.logs
	// wait ends when the bot exits, so a failed start fails the test at
	// once rather than after the timeout.
	wait, stop := context.WithTimeout(context.Background(), 20*time.Second)
	defer stop()
	go func() {
		select {
		case <-run.exited:
			stop()
		case <-wait.Done():
		}
	}()

	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	langs := texts.Languages()
	for i, lang := range langs {
		chat := int64(100 + i)
		for _, cmd := range []string{"/start", "/language"} {
			api.PushUpdate(models.Update{Message: &models.Message{
				From: &models.User{ID: chat, FirstName: "T", LanguageCode: lang},
				Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate},
				Text: cmd,
			}})
		}
	}
	for i, lang := range langs {
		calls, err := api.WaitSent(wait, int64(100+i), "sendMessage", 2)
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, logs.String())
		}
		var markup models.InlineKeyboardMarkup
		if err := json.Unmarshal([]byte(calls[1].Params["reply_markup"]), &markup); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if n := len(markup.InlineKeyboard); n != 5 {
			t.Errorf("%s: language picker has %d rows, want 4 rows of languages and back/start again", lang, n)
		}
		home := texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgHomeText, Count: 8, Args: map[string]any{"Count": 8}})
		if calls[0].Params["text"] != home {
			t.Errorf("%s: /start says %.60q", lang, calls[0].Params["text"])
		}
	}
	// The logs are JSON and name no user: no raw chat ID in them.
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if !strings.HasPrefix(line, "{") && !strings.HasPrefix(line, "WARNING") {
			t.Errorf("log line is not JSON: %s", line)
		}
		if strings.Contains(line, `"user":10`) || strings.Contains(line, `chat_id`) {
			t.Errorf("log line carries an ID: %s", line)
		}
	}
}

// TestReport: `spreekuurbot report` computes the figures from the logs in
// Redis, as a table and as CSV.
func TestReport(t *testing.T) {
	url := redistest.Start(t).URL
	t.Setenv("REDIS_URL", url)
	t.Setenv("SPREEKUUR_CONFIG", "")
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Last year's figures: all of its days count, whatever day this runs.
	year := testclock.Now().Year() - 1
	for i, cats := range [][]string{{"lf"}, {"lf", "wn"}} {
		e := spreekuurbot.LogEntry{Time: time.Date(year, 1, 5+i, 10, 0, 0, 0, time.UTC), Location: "stad-centrum", Categories: cats, Referral: "none", Minutes: 30, Lang: "nl"}
		if _, err := st.AddLog(context.Background(), fmt.Sprint("r", i), 1, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		format string
		want   []string
	}{
		{"table", []string{"Hulpvragen: 2 (0)", "Brief of formulier: 2 (0)", "Woningnet: 1 (0)", "januari: 2 (0)"}},
		{"csv", []string{"Per onderwerp,Brief of formulier,2,0", "Per plek,De Nieuwe Bibliotheek Almere Stad,2,0"}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := testMain(context.Background(), []string{"report", "--year", fmt.Sprint(year), "--format", tt.format}, nil, &out, &errOut); code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.format, code, errOut.String())
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s report lacks %q:\n%s", tt.format, w, out.String())
			}
		}
	}
}
