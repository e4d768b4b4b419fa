package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/bot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/memstore"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/locales"
	"spreekuurbot/store"
)

const token = "123456:TEST-token"

// harness is the production stack against fakes only where Telegram must
// be faked: the fake Bot API, a real redis-server, the real store, flows and
// locales.
type harness struct {
	t      testing.TB
	api    *fakebotapi.Server
	redis  *redistest.Server
	texts  *locales.Catalog
	sleeps *sleepLog
	// now is the application's clock the bot and the flows run on.
	now func() time.Time
	// st is a store client of the bot's redis-server, for checking what
	// the bot kept.
	st *store.Store
	// stop ends the bot and waits until Run has returned.
	stop func()
}

type options struct {
	now           func() time.Time
	scale         float64
	reminderEvery time.Duration
	// sleep replaces the sleep log, for a virtual clock that moves.
	sleep func(context.Context, time.Duration) error
	// realClock runs the bot on the wall clock with its own sleep, as in
	// production (benchmarks of real pacing).
	realClock bool
	// letters reads letters sent as photos; nil: this server does not.
	letters bot.LetterReader
	// log receives the bot's log, at debug level; nil: nowhere.
	log io.Writer
}

// newEngine builds the flows as production does: the example config's
// locations, the built-in trees, the store on a real redis-server.
func newEngine(t testing.TB, st *store.Store, texts *locales.Catalog, now func() time.Time) *flows.Engine {
	t.Helper()
	if now == nil {
		now = testclock.Now
	}
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := flows.New(flows.Config{
		Sessions: st, Roles: memstore.NewRoles(map[int64]spreekuurbot.Role{coordinatorID: spreekuurbot.Coordinator}, nil), Subscriptions: st, Reminders: st, Bookings: st, Privacy: st, Volunteers: st, Logs: st, Desk: st, Visits: st, Team: st, Overlays: st, Broadcasts: st, Deliveries: st, Imports: st, Waitlist: st,
		BotUsername: func() string { return "spreekuur_test_bot" },
		Languages:   texts.Languages(), Secret: st.Secret(),
		Locations: cfg.Locations, Trees: trees, Zone: cfg.Zone, Now: now,
		Coordinators: []int64{coordinatorID}, ConfirmWithin: 24 * time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	return engine
}

// newStack is what a bot runs on: the store on redisURL, the texts and
// the flows on both.
func newStack(t testing.TB, redisURL string, now func() time.Time) (*store.Store, *locales.Catalog, *flows.Engine) {
	t.Helper()
	st, err := store.Open(context.Background(), redisURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return st, texts, newEngine(t, st, texts, now)
}

func start(t testing.TB, opts options) *harness {
	t.Helper()
	h := &harness{t: t, api: fakebotapi.New(t, token), redis: redistest.Start(t), sleeps: &sleepLog{}}
	if opts.realClock {
		opts.now = time.Now
	}
	if opts.now == nil {
		opts.now = testclock.Now
	}
	h.now = opts.now
	ctx := context.Background()
	st, texts, engine := newStack(t, h.redis.URL, opts.now)
	h.st, h.texts = st, texts
	sleep := h.sleeps.sleep
	if opts.sleep != nil {
		sleep = opts.sleep
	}
	if opts.realClock {
		sleep = nil // the bot's own
	}
	logger := slog.New(slog.NewTextHandler(logOut(), nil))
	if opts.log != nil {
		logger = slog.New(slog.NewTextHandler(opts.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	b, err := bot.New(ctx, bot.Config{
		Token: token, APIURL: h.api.URL(), Handler: engine, Texts: h.texts, Log: logger,
		// An album's pages come a moment apart; on a loaded machine the
		// moment may be long.
		Letters: opts.letters, AlbumWait: time.Second,
		Reminders: st, Notices: testNotices{engine, st}, ReminderEvery: opts.reminderEvery,
		Metrics: bot.NewMetrics(prometheus.NewRegistry()), HashID: func(id int64) string { return store.HashID(st.Secret(), id) },
		PollTimeout: 5 * time.Second, Now: opts.now, Sleep: sleep, RateScale: opts.scale,
		// Short reads of the broadcast queue: each test's stop waits for one.
		QueueWait:  50 * time.Millisecond,
		Broadcasts: st, Broadcaster: engine, Gate: st, Blocked: st, Consumer: "test-sender",
	})
	if err != nil {
		t.Fatal(err)
	}
	if b.Username() != "spreekuur_test_bot" {
		t.Errorf("username = %q", b.Username())
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(h.stop)
	return h
}

// testNotices joins the flows' reminder texts and the store's memory of
// notices, as run.go does.
type testNotices struct {
	*flows.Engine
	*store.Store
}

// coordinatorID is the one coordinator of the tests; volunteers are who
// joined through an invite, kept in the store.
const coordinatorID = 9000

// sleepLog stands in for the clock's sleep: it records the wait and returns
// at once, so tests see what the sender would wait without waiting.
type sleepLog struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepLog) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepLog) longest() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var m time.Duration
	for _, d := range s.waits {
		m = max(m, d)
	}
	return m
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

func user(id int64, lang string) *models.User {
	return &models.User{ID: id, FirstName: "Test", LanguageCode: lang}
}

func (h *harness) send(chatID int64, lang string, m models.Message) {
	m.From = user(chatID, lang)
	m.Chat = models.Chat{ID: chatID, Type: models.ChatTypePrivate}
	h.api.PushUpdate(models.Update{Message: &m})
}

func (h *harness) text(chatID int64, lang, text string) {
	h.send(chatID, lang, models.Message{Text: text})
}

// press presses a button of a message the bot sent.
func (h *harness) press(chatID int64, lang string, sent fakebotapi.Call, data string) {
	var msg models.Message
	if err := json.Unmarshal(sent.Result, &msg); err != nil {
		h.t.Fatalf("sent message: %v", err)
	}
	h.api.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{
		From: *user(chatID, lang),
		Message: models.MaybeInaccessibleMessage{
			Type: models.MaybeInaccessibleMessageTypeMessage, Message: &msg,
		},
		Data: data,
	}})
}

// messages waits for n messages (sent or edited) to chatID and returns them.
func (h *harness) messages(chatID int64, n int) []fakebotapi.Call {
	h.t.Helper()
	var out []fakebotapi.Call
	err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		out = out[:0]
		for _, c := range calls {
			if c.Status == 200 && (c.Method == "sendMessage" || c.Method == "editMessageText") && c.Params["chat_id"] == strconv.FormatInt(chatID, 10) {
				out = append(out, c)
			}
		}
		return len(out) >= n
	})
	if err != nil {
		h.t.Fatalf("waiting for %d messages to chat %d: %v (got %d)", n, chatID, err, len(out))
	}
	return out
}

type button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

func keyboard(t testing.TB, c fakebotapi.Call) [][]button {
	t.Helper()
	var markup struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}
	if raw := c.Params["reply_markup"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &markup); err != nil {
			t.Fatalf("reply_markup %s: %v", raw, err)
		}
	}
	return markup.InlineKeyboard
}

func labels(rows [][]button) []string {
	var out []string
	for _, r := range rows {
		for _, b := range r {
			out = append(out, b.Text)
		}
	}
	return out
}

func (h *harness) render(lang string, ids ...spreekuurbot.MsgID) string {
	var parts []string
	for _, id := range ids {
		m := spreekuurbot.Msg{ID: id}
		if id == flows.MsgHomeText {
			m.Count, m.Args = 8, map[string]any{"Count": 8}
		}
		parts = append(parts, h.texts.Text(lang, m))
	}
	return strings.Join(parts, "\n\n")
}

// TestStartAndLanguageInEveryLanguage: /start greets in the client's
// language with inline buttons; /language offers every language in its own
// script; pressing one edits the message into that language and answers
// the button.
func TestStartAndLanguageInEveryLanguage(t *testing.T) {
	h := start(t, options{})
	langs := h.texts.Languages()
	for i, lang := range langs {
		chat := int64(1000 + i)
		h.text(chat, lang, "/start")
		h.text(chat, lang, "/language")
		msgs := h.messages(chat, 2)
		if got, want := msgs[0].Params["text"], h.render(lang, flows.MsgHomeText); got != want {
			t.Errorf("%s: /start says %q, want %q", lang, got, want)
		}
		wantHome := []spreekuurbot.MsgID{flows.MsgButtonLetter, flows.MsgButtonWoningnet, flows.MsgButtonSpreekuur,
			flows.MsgButtonBook, flows.MsgButtonAppointments, flows.MsgButtonHelp, flows.MsgButtonLanguage, flows.MsgButtonPrivacy}
		got := labels(keyboard(t, msgs[0]))
		if len(got) != len(wantHome) {
			t.Errorf("%s: home buttons %q", lang, got)
		}
		for j := range min(len(got), len(wantHome)) {
			if got[j] != h.render(lang, wantHome[j]) {
				t.Errorf("%s: home button %d is %q, want %q", lang, j, got[j], h.render(lang, wantHome[j]))
			}
		}
		picker := keyboard(t, msgs[1])
		names := labels(picker)
		if len(names) != len(langs)+2 {
			t.Fatalf("%s: language buttons %q", lang, names)
		}
		for j, code := range langs {
			if want := h.texts.Text(code, spreekuurbot.Msg{ID: flows.MsgLanguageName}); names[j] != want {
				t.Errorf("%s: button %d is %q, want %q", lang, j, names[j], want)
			}
		}
		// Press the next language in the list.
		j := (i + 1) % len(langs)
		other := langs[j]
		h.press(chat, lang, msgs[1], picker[j/2][j%2].CallbackData)
		edited := h.messages(chat, 3)[2]
		if edited.Method != "editMessageText" {
			t.Fatalf("%s: pressing a language sent %s, want an edit", lang, edited.Method)
		}
		if want := h.render(other, flows.MsgLanguageSaved, flows.MsgHomeText); edited.Params["text"] != want {
			t.Errorf("%s→%s: edited to %q, want %q", lang, other, edited.Params["text"], want)
		}
	}
	if answered := len(h.api.CallsTo("answerCallbackQuery")); answered != len(langs) {
		t.Errorf("%d button presses answered, want %d", answered, len(langs))
	}
}

// TestUnknownLanguageAsksFirst: a client in Chinese gets the picker, with
// the question in every language.
func TestUnknownLanguageAsksFirst(t *testing.T) {
	h := start(t, options{})
	h.text(77, "zh-hans", "/start")
	msg := h.messages(77, 1)[0]
	for _, lang := range h.texts.Languages() {
		if !strings.Contains(msg.Params["text"], h.texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgLanguageChoose})) {
			t.Errorf("the question is not asked in %s", lang)
		}
	}
	if n := len(labels(keyboard(t, msg))); n != 8 {
		t.Errorf("%d buttons, want the 8 languages", n)
	}
}

// TestBadInput: stickers, photos, voice, a 4,096-character text and an
// unknown command each get one short reply, and the bot keeps serving.
func TestBadInput(t *testing.T) {
	h := start(t, options{})
	const chat = 500
	h.send(chat, "nl", models.Message{Sticker: &models.Sticker{FileID: "s", FileUniqueID: "s", Type: "regular", Width: 1, Height: 1}})
	h.send(chat, "nl", models.Message{Photo: []models.PhotoSize{{FileID: "p", FileUniqueID: "p", Width: 1, Height: 1}}})
	h.send(chat, "nl", models.Message{Voice: &models.Voice{FileID: "v", FileUniqueID: "v", Duration: 1}})
	h.text(chat, "nl", strings.Repeat("ж", 4096))
	h.text(chat, "nl", "/doesnotexist")
	h.text(chat+1, "en", "/start")
	msgs := h.messages(chat, 5)
	// A photo is a letter; this server does not read them, and says so.
	want := []spreekuurbot.MsgID{flows.MsgFallbackMedia, flows.MsgLetterPhotoUnavailable, flows.MsgFallbackMedia, flows.MsgFallbackText, flows.MsgFallbackCommand}
	for i, id := range want {
		if got := msgs[i].Params["text"]; !strings.HasPrefix(got, h.render("nl", id)) {
			t.Errorf("reply %d = %q, want %q first", i, got, h.render("nl", id))
		}
	}
	if got := h.messages(chat+1, 1)[0].Params["text"]; got != h.render("en", flows.MsgHomeText) {
		t.Errorf("the other chat got %q", got)
	}
}

// TestForgedButton: forged callback data gets an answer saying the button
// no longer works, and the menu.
func TestForgedButton(t *testing.T) {
	h := start(t, options{})
	h.text(600, "tr", "/start")
	first := h.messages(600, 1)[0]
	h.press(600, "tr", first, "1z:o:help:forgedAA")
	h.messages(600, 2)
	answers := h.api.CallsTo("answerCallbackQuery")
	if len(answers) != 1 || answers[0].Params["text"] != h.render("tr", flows.MsgButtonInvalid) {
		t.Errorf("answers = %+v", answers)
	}
}

// TestOrderPerChat: many chats send interleaved commands; each chat's
// replies come in the order of its messages.
func TestOrderPerChat(t *testing.T) {
	h := start(t, options{scale: 1000})
	script := []string{"/help", "/start", "/language", "/help", "/start", "/language"}
	want := []spreekuurbot.MsgID{flows.MsgHelpText, flows.MsgHomeText, flows.MsgLanguageChoose}
	const chats = 20
	for _, cmd := range script {
		for c := int64(0); c < chats; c++ {
			h.text(2000+c, "en", cmd)
		}
	}
	for c := int64(0); c < chats; c++ {
		msgs := h.messages(2000+c, len(script))
		for i, m := range msgs {
			if prefix := h.render("en", want[i%3]); !strings.HasPrefix(m.Params["text"], prefix) {
				t.Fatalf("chat %d reply %d = %.40q, want %.40q", c, i, m.Params["text"], prefix)
			}
		}
	}
}

// TestFlood: 300 messages from one person at one instant neither starve
// another chat nor draw more than the flood guard lets through: its burst
// and what may wait its turn.
func TestFlood(t *testing.T) {
	frozen := testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	h := start(t, options{now: func() time.Time { return frozen }})
	for i := 0; i < 300; i++ {
		h.text(700, "nl", "hallo "+strconv.Itoa(i))
	}
	h.text(701, "ar", "/start")
	if got := h.messages(701, 1)[0].Params["text"]; got != h.render("ar", flows.MsgHomeText) {
		t.Errorf("the other chat got %q", got)
	}
	// Wait for the flood's replies; the 300 updates are all in by now, as
	// the other chat's update came after them.
	const through = 5 + 5 // the flood guard's burst, and five seconds of one a second
	h.messages(700, through)
	if n := len(h.messages(700, 1)); n != through {
		t.Errorf("the flooding chat got %d replies, want %d", n, through)
	}
	// With the clock frozen, three replies fit the chat's burst and the
	// other two had to wait their turn: one a second.
	if w := h.sleeps.longest(); w < 2*time.Second-10*time.Millisecond {
		t.Errorf("longest wait %v: replies to one chat were not paced at one a second", w)
	}
}

// TestQuickPerson: a person whose updates come quicker than one a second,
// past the flood guard's burst (pressing through the booking's screens,
// each answered in milliseconds), has every one answered, in order; the
// guard slows them down instead of dropping them.
func TestQuickPerson(t *testing.T) {
	frozen := testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	h := start(t, options{now: func() time.Time { return frozen }})
	cmds := []string{"/start", "/help", "/language", "/start", "/help", "/language", "/start", "/help"}
	for _, c := range cmds {
		h.text(710, "en", c)
	}
	want := map[string]spreekuurbot.MsgID{"/start": flows.MsgHomeText, "/help": flows.MsgHelpText, "/language": flows.MsgLanguageChoose}
	for i, m := range h.messages(710, len(cmds)) {
		if prefix := h.render("en", want[cmds[i]]); !strings.HasPrefix(m.Params["text"], prefix) {
			t.Errorf("reply %d = %.40q, want %.40q", i, m.Params["text"], prefix)
		}
	}
}

// TestTelegramErrors: a 429 waits retry_after and retries; 5xx retries;
// a blocked chat is not retried and does not stop the bot.
func TestTelegramErrors(t *testing.T) {
	h := start(t, options{})
	h.api.FailNext("sendMessage", 1, 429, 7)
	h.text(800, "en", "/start")
	h.messages(800, 1)
	// The wait runs from the 429's arrival; a few instants have passed
	// since then when the sender computes it.
	if w := h.sleeps.longest(); w < 7*time.Second-100*time.Millisecond {
		t.Errorf("after a 429 with retry_after 7 the bot waited %v", w)
	}

	h.api.FailNext("sendMessage", 2, 502, 0)
	h.text(801, "en", "/start")
	h.messages(801, 1)

	// Two updates from a chat that blocked the bot: they are handled in
	// order, so once the second send is recorded the first is finished,
	// retries included.
	h.api.Block(802)
	h.text(802, "en", "/start")
	h.text(802, "en", "/help")
	h.text(803, "en", "/start")
	h.messages(803, 1)
	to802 := func(calls []fakebotapi.Call) int {
		n := 0
		for _, c := range calls {
			if c.Method == "sendMessage" && c.Params["chat_id"] == "802" {
				n++
			}
		}
		return n
	}
	if err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool { return to802(calls) >= 2 }); err != nil {
		t.Fatal(err)
	}
	if n := to802(h.api.Calls()); n != 2 {
		t.Errorf("%d sends for 2 updates to a chat that blocked the bot: a 403 was retried", n)
	}
}

// TestRedisDownApologises: with Redis stopped the person gets a short
// apology in their language; when Redis is back, the bot answers again
// without a restart.
func TestRedisDownApologises(t *testing.T) {
	h := start(t, options{})
	h.redis.Stop()
	h.text(900, "uk", "/start")
	if got := h.messages(900, 1)[0].Params["text"]; got != h.render("uk", flows.MsgErrorUnavailable) {
		t.Errorf("with Redis down the reply is %q", got)
	}
	h.redis.Restart(t)
	h.text(900, "uk", "/start")
	if got := h.messages(900, 2)[1].Params["text"]; got != h.render("uk", flows.MsgHomeText) {
		t.Errorf("after Redis came back the reply is %q", got)
	}
}

// TestSpreekuurFinder: the finder's location keyboard asks Telegram for
// the location; a shared location lists the nearest places; a place's map
// button sends a venue.
func TestSpreekuurFinder(t *testing.T) {
	h := start(t, options{})
	const chat = 1100
	h.text(chat, "en", "/spreekuur")
	finder := h.messages(chat, 1)[0]
	rows := keyboard(t, finder)
	share := rows[len(rows)-2][0] // above back / start again
	if share.Text != h.render("en", flows.MsgButtonShareLocation) {
		t.Fatalf("share button = %q", share.Text)
	}
	h.press(chat, "en", finder, share.CallbackData)
	prompt := h.messages(chat, 2)[1]
	var kb models.ReplyKeyboardMarkup
	if err := json.Unmarshal([]byte(prompt.Params["reply_markup"]), &kb); err != nil || len(kb.Keyboard) != 1 || !kb.Keyboard[0][0].RequestLocation {
		t.Fatalf("location keyboard = %s (%v)", prompt.Params["reply_markup"], err)
	}
	// De Nieuwe Bibliotheek, Stadhuisplein: the example config's Stad centre.
	h.send(chat, "en", models.Message{Location: &models.Location{Latitude: 52.3718, Longitude: 5.2208}})
	near := h.messages(chat, 3)[2]
	nearest := keyboard(t, near)[0][0]
	if !strings.HasPrefix(nearest.Text, "De Nieuwe Bibliotheek Almere Stad – 0") {
		t.Errorf("nearest = %q", nearest.Text)
	}
	h.press(chat, "en", near, nearest.CallbackData)
	place := h.messages(chat, 4)[3]
	if place.Method != "editMessageText" || !strings.Contains(place.Params["text"], "Stadhuisplein 101") {
		t.Fatalf("place screen: %s %.80q", place.Method, place.Params["text"])
	}
	mapButton := keyboard(t, place)[0][0]
	h.press(chat, "en", place, mapButton.CallbackData)
	venues, err := h.api.WaitSent(h.ctx(), chat, "sendVenue", 1)
	if err != nil {
		t.Fatal(err)
	}
	if v := venues[0].Params; v["title"] != "De Nieuwe Bibliotheek Almere Stad" || v["latitude"] != "52.3718" {
		t.Errorf("venue = %v", v)
	}
}

// TestReminderSentOnce: a due reminder goes out in the person's language
// and is then forgotten.
func TestReminderSentOnce(t *testing.T) {
	now := testclock.At(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	h := start(t, options{now: func() time.Time { return now }, reminderEvery: 5 * time.Millisecond})
	st := h.st
	ctx := context.Background()
	if err := st.SaveSession(ctx, 1200, spreekuurbot.Session{Lang: "so"}); err != nil {
		t.Fatal(err)
	}
	deadline := spreekuurbot.DateOf(now).AddDays(3)
	if err := st.AddReminder(ctx, 1200, spreekuurbot.Reminder{At: now.Add(-time.Minute), Deadline: deadline, Node: "letter-bd-aanslag"}, now); err != nil {
		t.Fatal(err)
	}
	sent := h.messages(1200, 1)[0]
	want := h.texts.Text("so", spreekuurbot.Msg{ID: flows.MsgReminderMessage, Args: map[string]any{
		"Letter": spreekuurbot.Msg{ID: "letter_word_aanslag"}, "Date": flows.DateMsg(deadline),
	}})
	if sent.Params["text"] != want {
		t.Errorf("reminder = %q, want %q", sent.Params["text"], want)
	}
	// Once the bot has stopped, the reminder is acknowledged: not even
	// after its lease does it come back.
	h.stop()
	due, err := st.DueReminders(ctx, now.Add(store.ReminderLease+time.Minute), 10)
	if err != nil || len(due) != 0 {
		t.Errorf("after sending, due = %+v, %v", due, err)
	}
	if n := len(h.messages(1200, 1)); n != 1 {
		t.Errorf("the reminder was sent %d times", n)
	}
}

// pressLabel presses the button labelled label on msg and returns the
// next message to the chat (an edit or a new one).
func (h *harness) pressLabel(chat int64, lang string, msg fakebotapi.Call, label spreekuurbot.Msg) fakebotapi.Call {
	h.t.Helper()
	want := h.texts.Text(lang, label)
	before := len(h.messages(chat, 0))
	for _, row := range keyboard(h.t, msg) {
		for _, b := range row {
			if b.Text == want {
				h.press(chat, lang, msg, b.CallbackData)
				if os.Getenv("DEBUG_CALLS") != "" {
					defer func() {
						for _, c := range h.api.Calls() {
							h.t.Logf("%s %d %.300v", c.Method, c.Status, c.Params)
						}
					}()
				}
				return h.messages(chat, before+1)[before]
			}
		}
	}
	h.t.Fatalf("no button %q in %v", want, labels(keyboard(h.t, msg)))
	return fakebotapi.Call{}
}

// book walks /book as a resident: the first place, the first topic, the
// first day, the time at index slot, and confirms; it returns the first
// reply to the confirmation, once the second has come too.
func (h *harness) book(chat int64, lang string, slot int) fakebotapi.Call {
	h.t.Helper()
	before := len(h.messages(chat, 0))
	h.text(chat, lang, "/book")
	msg := h.messages(chat, before+1)[before]
	for _, n := range []int{0, 0, 0, slot} {
		msg = h.pressNth(chat, lang, msg, n)
	}
	if strings.Contains(msg.Params["text"], h.render(lang, flows.MsgBookConsent)) {
		// The first time, what is kept comes before the summary.
		msg = h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonNext})
	}
	before = len(h.messages(chat, 0))
	done := h.pressLabel(chat, lang, msg, spreekuurbot.Msg{ID: flows.MsgButtonConfirm})
	// "Your appointment is made", then the appointments in place of the
	// summary: both are sent before the test reads on.
	h.messages(chat, before+2)
	return done
}

// pressFirst presses the first button of msg.
func (h *harness) pressNth(chat int64, lang string, msg fakebotapi.Call, n int) fakebotapi.Call {
	h.t.Helper()
	before := len(h.messages(chat, 0))
	var all []button
	for _, row := range keyboard(h.t, msg) {
		all = append(all, row...)
	}
	h.press(chat, lang, msg, all[n].CallbackData)
	return h.messages(chat, before+1)[before]
}

// TestBookingOverBotAPI: a resident books over the Bot API and gets the
// calendar file and the map pin; the reminders come the evening before and
// 2 hours before, in the resident's language, with "I'm coming"; after
// "delete my data" nothing of theirs is left in Redis.
func TestBookingOverBotAPI(t *testing.T) {
	clock, zone := newManualClock(), almere()
	// The clock only moves when the test moves it, so the limits are
	// raised: a frozen clock would never refill the flood guard.
	h := start(t, options{now: clock.Now, reminderEvery: 5 * time.Millisecond, scale: 1000})
	const chat = 1400
	h.text(chat, "tr", "/book")
	msg := h.messages(chat, 1)[0]
	msg = h.pressNth(chat, "tr", msg, 0) // the first place
	msg = h.pressNth(chat, "tr", msg, 0) // letter or form
	msg = h.pressNth(chat, "tr", msg, 0) // Thursday 26 November
	msg = h.pressNth(chat, "tr", msg, 0) // 13:00
	if !strings.Contains(msg.Params["text"], h.render("tr", flows.MsgBookConsent)) {
		t.Errorf("the first booking shows no consent text: %q", msg.Params["text"])
	}
	msg = h.pressLabel(chat, "tr", msg, spreekuurbot.Msg{ID: flows.MsgButtonNext})
	booked := len(h.messages(chat, 0))
	h.pressLabel(chat, "tr", msg, spreekuurbot.Msg{ID: flows.MsgButtonConfirm})
	docs, err := h.api.WaitSent(h.ctx(), chat, "sendDocument", 1)
	if err != nil {
		for _, c := range h.api.Calls() {
			t.Logf("%s %d %v", c.Method, c.Status, c.Params)
		}
		t.Fatal(err)
	}
	var ics []byte
	for _, f := range docs[0].Files {
		ics = f
	}
	thursday := testclock.At(time.Date(2026, 11, 26, 13, 0, 0, 0, zone))
	for _, want := range []string{"BEGIN:VEVENT", "DTSTART;TZID=Europe/Amsterdam:" + thursday.Format("20060102T150405"), "BEGIN:VTIMEZONE", "BEGIN:VALARM", "Stadhuisplein 101"} {
		if !strings.Contains(string(ics), want) {
			t.Errorf("the calendar file lacks %q:\n%s", want, ics)
		}
	}
	if _, err := h.api.WaitSent(h.ctx(), chat, "sendVenue", 1); err != nil {
		t.Fatal(err)
	}
	// "Your appointment is made" above the file, and the list of
	// appointments in place of the summary.
	h.messages(chat, booked+2)

	// The evening before, 19:00: the first reminder, with its buttons.
	clock.Set(testclock.At(time.Date(2026, 11, 25, 19, 0, 30, 0, zone)))
	before := len(h.messages(chat, 0))
	reminder := h.messages(chat, before+1)[before]
	// "I'm coming" and "Cancel", then what to know before coming.
	if kb := keyboard(t, reminder); !strings.Contains(reminder.Params["text"], "13:00") || len(kb) != 2 || len(kb[0]) != 2 || kb[1][0].Text != h.render("tr", flows.MsgButtonArrival) {
		t.Fatalf("evening reminder = %q %v", reminder.Params["text"], labels(keyboard(t, reminder)))
	}
	h.press(chat, "tr", reminder, keyboard(t, reminder)[0][0].CallbackData) // I'm coming
	if err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		for _, c := range calls {
			if c.Method == "answerCallbackQuery" && c.Params["text"] == h.render("tr", flows.MsgComingThanks) {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatal(err)
	}
	// Two hours before: the second.
	clock.Set(testclock.At(time.Date(2026, 11, 26, 11, 0, 30, 0, zone)))
	before = len(h.messages(chat, 0))
	if soon := h.messages(chat, before+1)[before]; !strings.Contains(soon.Params["text"], "13:00") {
		t.Errorf("the 2-hours reminder = %q", soon.Params["text"])
	}

	// Delete my data: nothing with the resident's hash or ID is left.
	h.text(chat, "tr", "/forget")
	before = len(h.messages(chat, 0))
	confirm := h.messages(chat, before+1)[before]
	h.pressLabel(chat, "tr", confirm, spreekuurbot.Msg{ID: flows.MsgButtonForgetYes})
	h.stop()
	st := h.st
	rdb := redis.NewClient(mustURL(t, h.redis.URL))
	defer rdb.Close()
	keys, err := rdb.Keys(context.Background(), "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	hash := st.UserKey(chat)
	for _, k := range keys {
		if strings.Contains(k, hash) {
			t.Errorf("key %s is left after delete my data", k)
		}
		if strings.HasPrefix(k, "{bk}:slot:") {
			if n := rdb.SCard(context.Background(), k).Val(); n != 0 {
				t.Errorf("slot %s still holds %d bookings", k, n)
			}
		}
		if strings.HasPrefix(k, "{rem}:") && k != "{rem}:due" {
			t.Errorf("reminder %s is left", k)
		}
	}
}

func mustURL(t *testing.T, url string) *redis.Options {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// logOut is where the bot under test logs: nowhere, unless DEBUG_CALLS is
// set while debugging a test.
func logOut() io.Writer {
	if os.Getenv("DEBUG_CALLS") != "" {
		return os.Stderr
	}
	return io.Discard
}

// TestVolunteerInviteAndNotice: over the Bot API, the coordinator invites a
// volunteer for Stad centrum, the volunteer joins by the deep link, and a
// resident's booking there, and its cancellation by "delete my data", are
// told to the volunteer in the volunteer's language.
func TestVolunteerInviteAndNotice(t *testing.T) {
	h := start(t, options{now: func() time.Time { return testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) }, scale: 1000})
	h.text(coordinatorID, "nl", "/invite")
	msg := h.messages(coordinatorID, 1)[0]
	msg = h.pressNth(coordinatorID, "nl", msg, 0) // pick Stad centrum
	h.pressLabel(coordinatorID, "nl", msg, spreekuurbot.Msg{ID: flows.MsgButtonMakeInvite})
	link := h.messages(coordinatorID, 3)
	var code string
	for _, m := range link {
		if _, after, ok := strings.Cut(m.Params["text"], "https://t.me/spreekuur_test_bot?start="); ok {
			code = after
		}
	}
	if code == "" {
		t.Fatalf("no invite link in %q", link[len(link)-1].Params["text"])
	}
	const volunteer, resident = 9100, 9200
	h.text(volunteer, "uk", "/start "+code)
	// Joining asks whether the coordinators may see the first name, then
	// welcomes the volunteer.
	welcome := strings.Split(h.texts.Text("uk", spreekuurbot.Msg{ID: flows.MsgJoined, Args: map[string]any{"Names": "X"}}), " ")[0]
	if got := h.notice(volunteer, welcome, 1).Params["text"]; !strings.Contains(got, "Almere Stad") {
		t.Fatalf("joining says %q", got)
	}
	// The link works once.
	h.text(resident, "ar", "/start "+code)
	if got := h.messages(resident, 1)[0].Params["text"]; !strings.HasPrefix(got, h.render("ar", flows.MsgInviteInvalid)) {
		t.Errorf("a second use says %q", got)
	}
	h.book(resident, "ar", 0)
	notice := h.notice(volunteer, "📅", 1).Params["text"]
	if !strings.Contains(notice, "13:00") || !strings.HasPrefix(notice, "📅") {
		t.Errorf("the volunteer's notice = %q", notice)
	}
	h.text(resident, "ar", "/forget")
	before := len(h.messages(resident, 0))
	h.pressLabel(resident, "ar", h.messages(resident, before+1)[before], spreekuurbot.Msg{ID: flows.MsgButtonForgetYes})
	if cancelled := h.notice(volunteer, "❌", 1).Params["text"]; !strings.HasPrefix(cancelled, "❌") {
		t.Errorf("the volunteer was not told of the cancellation: %q", cancelled)
	}
}

// TestFirstConfirmWins: two volunteers of a place press "I'll take it" on
// the same new appointment at once: exactly one takes it, the other's
// notice says who did, and the resident is told in their language.
func TestFirstConfirmWins(t *testing.T) {
	h := start(t, options{now: func() time.Time { return testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) }, scale: 1000})
	ctx := context.Background()
	st := h.st
	const v1, v2, resident = 9301, 9302, 9303
	for _, v := range []int64{v1, v2} {
		code, err := st.CreateInvite(ctx, []string{"stad-centrum"})
		if err != nil {
			t.Fatal(err)
		}
		h.text(v, "nl", "/start "+code)
		h.messages(v, 1)
	}
	h.book(resident, "so", 0)
	n1, n2 := h.notice(v1, "📅", 1), h.notice(v2, "📅", 1)
	// Both press at once.
	h.press(v1, "nl", n1, keyboard(t, n1)[0][0].CallbackData)
	h.press(v2, "nl", n2, keyboard(t, n2)[0][0].CallbackData)
	told := h.messages(resident, 0)
	var residentTold string
	if err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		for _, c := range calls {
			if c.Method == "sendMessage" && c.Params["chat_id"] == "9303" && strings.HasPrefix(c.Params["text"], strings.Fields(h.texts.Text("so", spreekuurbot.Msg{ID: flows.MsgResidentConfirmed, Args: map[string]any{"Date": "", "Time": "", "Name": ""}}))[0]) {
				residentTold = c.Params["text"]
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("the resident was not told (messages: %d)", len(told))
	}
	if !strings.Contains(residentTold, "13:00") {
		t.Errorf("the resident was told %q", residentTold)
	}
	took := 0
	for _, v := range []int64{v1, v2} {
		edits := 0
		for _, c := range h.api.CallsTo("editMessageText") {
			if c.Params["chat_id"] == strconv.FormatInt(v, 10) && strings.Contains(c.Params["text"], h.render("nl", flows.MsgYouTook)) {
				edits++
			}
		}
		took += edits
	}
	if took != 1 {
		t.Errorf("%d volunteers took the appointment, want exactly 1", took)
	}
	_, owner, err := st.BookingByID(ctx, mustBookingID(t, st, resident))
	if err != nil || (owner != v1 && owner != v2) {
		t.Errorf("owner = %d, %v", owner, err)
	}
}

func mustBookingID(t *testing.T, st *store.Store, user int64) string {
	t.Helper()
	list, err := st.Bookings(context.Background(), user, testclock.At(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
	if err != nil || len(list) != 1 {
		t.Fatalf("bookings of %d: %v %v", user, list, err)
	}
	return list[0].ID
}

// TestUnconfirmedAlert: a day after booking, the coordinator hears of the
// appointment nobody took, and not of the one a volunteer took.
func TestUnconfirmedAlert(t *testing.T) {
	clock := newManualClock()
	h := start(t, options{now: clock.Now, reminderEvery: 5 * time.Millisecond, scale: 1000})
	ctx := context.Background()
	st := h.st
	code, err := st.CreateInvite(ctx, []string{"stad-centrum"})
	if err != nil {
		t.Fatal(err)
	}
	const volunteer = 9401
	h.text(volunteer, "nl", "/start "+code)
	h.messages(volunteer, 1)
	h.book(9402, "en", 0) // nobody takes this one: 13:00
	h.book(9403, "en", 1) // the volunteer takes this one: 13:30
	taken := h.notice(volunteer, "📅", 2)
	h.press(volunteer, "nl", taken, keyboard(t, taken)[0][0].CallbackData)
	if err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		for _, c := range calls {
			if c.Method == "editMessageText" && c.Params["chat_id"] == strconv.FormatInt(volunteer, 10) {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatal(err)
	}
	before := len(h.messages(coordinatorID, 0))
	clock.Set(testclock.At(time.Date(2026, 11, 24, 10, 1, 0, 0, time.UTC)))
	alert := h.messages(coordinatorID, before+1)[before].Params["text"]
	if !strings.HasPrefix(alert, "⚠️") || !strings.Contains(alert, "13:00") {
		t.Errorf("the coordinator's alert = %q", alert)
	}
	h.stop()
	for _, m := range h.messages(coordinatorID, 0)[before:] {
		if strings.Contains(m.Params["text"], "13:30") {
			t.Errorf("the coordinator was told of the appointment a volunteer took: %q", m.Params["text"])
		}
	}
}

// notice waits for the n-th message to chat that starts with prefix (a
// volunteer's notice among the other messages they get) and returns it.
func (h *harness) notice(chat int64, prefix string, n int) fakebotapi.Call {
	h.t.Helper()
	var found []fakebotapi.Call
	err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		found = found[:0]
		for _, c := range calls {
			if c.Status == 200 && c.Method == "sendMessage" && c.Params["chat_id"] == strconv.FormatInt(chat, 10) && strings.HasPrefix(c.Params["text"], prefix) {
				found = append(found, c)
			}
		}
		return len(found) >= n
	})
	if err != nil {
		h.t.Fatalf("waiting for %d messages %q to %d: %v", n, prefix, chat, err)
	}
	return found[n-1]
}

// TestStatsOverBotAPI: the coordinator's /stats gives the figures as a
// message, a PNG chart and a CSV file, with the logged numbers.
func TestStatsOverBotAPI(t *testing.T) {
	now := testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	h := start(t, options{now: func() time.Time { return now }, scale: 1000})
	st := h.st
	for i := range 3 {
		e := spreekuurbot.LogEntry{Time: now.AddDate(0, -i, 0), Location: "stad-centrum", Categories: []string{"lf"}, Referral: "none", Minutes: 30, Lang: "ar"}
		if _, err := st.AddLog(context.Background(), fmt.Sprint("s", i), 1, e); err != nil {
			t.Fatal(err)
		}
	}
	h.text(coordinatorID, "nl", "/stats")
	if got := h.notice(coordinatorID, "📊", 1).Params["text"]; !strings.Contains(got, "Hulpvragen: 3 (0)") {
		t.Errorf("stats message = %q", got)
	}
	photos, err := h.api.WaitSent(h.ctx(), coordinatorID, "sendPhoto", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range photos[0].Files {
		if _, err := png.Decode(bytes.NewReader(f)); err != nil {
			t.Errorf("the chart is no PNG: %v", err)
		}
	}
	docs, err := h.api.WaitSent(h.ctx(), coordinatorID, "sendDocument", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range docs[0].Files {
		if !strings.Contains(string(f), "Per onderwerp,Brief of formulier,3,0") {
			t.Errorf("CSV = %s", f)
		}
	}
}

// TestStatsChartInArabic: for an Arabic-reading coordinator the chart
// carries only numbers, and the title comes in Arabic as the caption,
// which Telegram shapes.
func TestStatsChartInArabic(t *testing.T) {
	now := testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	h := start(t, options{now: func() time.Time { return now }, scale: 1000})
	st := h.st
	if _, err := st.AddLog(context.Background(), "a", 1, spreekuurbot.LogEntry{Time: now, Location: "stad-centrum", Categories: []string{"lf"}, Referral: "none", Minutes: 30, Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	h.text(coordinatorID, "ar", "/stats")
	photos, err := h.api.WaitSent(h.ctx(), coordinatorID, "sendPhoto", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := photos[0].Params["caption"], h.render("ar", flows.MsgStatsChartTitle); got != want {
		t.Errorf("caption = %q, want %q", got, want)
	}
}

// TestClosedDayOverBotAPI: an appointment on a day a coordinator closed is
// no longer live. Its resident, who did not choose another time, gets no
// reminder; the evening before, the appointment is cancelled with the
// reason in their language and its place freed; two hours before, nothing
// comes; no coordinator hears that nobody confirmed it. The clock is moved
// by the test.
func TestClosedDayOverBotAPI(t *testing.T) {
	clock, zone := newManualClock(), almere()
	now := clock.Now
	h := start(t, options{now: now, reminderEvery: 5 * time.Millisecond, scale: 1000})
	ctx := context.Background()
	const chat = 1600
	h.book(chat, "so", 0) // Thursday, 13:00
	list, err := h.st.Bookings(ctx, chat, now())
	if err != nil || len(list) != 1 {
		t.Fatalf("bookings %+v, %v", list, err)
	}
	booked := list[0]
	// A coordinator closes that Thursday.
	closed := spreekuurbot.Closure{From: booked.Slot.Date, To: booked.Slot.Date, Reason: "ziek"}
	if err := h.st.SetOverlay(ctx, booked.Slot.Location, spreekuurbot.Overlay{Closures: []spreekuurbot.Closure{closed}}); err != nil {
		t.Fatal(err)
	}
	rdb := rawRedis(t, h.redis.URL)
	settled := func() {
		t.Helper()
		// Every due reminder has been claimed and acknowledged: sent or
		// judged not worth sending.
		due := func() int64 {
			until := strconv.FormatInt(now().Unix(), 10)
			return rdb.ZCount(ctx, "{rem}:due", "-inf", until).Val() + rdb.ZCount(ctx, "{bk}:due", "-inf", until).Val()
		}
		for wait := h.ctx(); due() > 0; {
			if wait.Err() != nil {
				t.Fatal("due reminders were not handled")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	// The evening before: cancelled, with the reason, the place freed.
	clock.Set(booked.Slot.Date.AddDays(-1).At(19*60, zone).Add(30 * time.Second))
	before := len(h.messages(chat, 0))
	got := h.messages(chat, before+1)[before]
	want := h.texts.Text("so", spreekuurbot.Msg{ID: flows.MsgClosureCancelled, Args: map[string]any{
		"Date": flows.DateMsg(booked.Slot.Date), "Time": booked.Slot.Start.String(), "Name": "De Nieuwe Bibliotheek Almere Stad",
	}})
	if got.Params["text"] != want {
		t.Errorf("the evening before: %q, want %q", got.Params["text"], want)
	}
	settled()
	if left, _ := h.st.Bookings(ctx, chat, now()); len(left) != 0 {
		t.Errorf("the appointment on the closed day is still there: %+v", left)
	}
	if taken, _ := h.st.TakenMany(ctx, []string{booked.Slot.ID()}); taken[booked.Slot.ID()] != 0 {
		t.Errorf("its place is still taken: %v", taken)
	}
	// Nor is the coordinator told that nobody confirmed it.
	if n := len(h.messages(coordinatorID, 0)); n != 0 {
		t.Errorf("the coordinator got %d messages about an appointment on a closed day", n)
	}

	// Two hours before: nothing.
	clock.Set(booked.Slot.Begins(zone).Add(-2*time.Hour + 30*time.Second))
	settled()
	if n := len(h.messages(chat, 0)); n != before+1 {
		t.Errorf("%d messages after the cancellation, want none", n-before-1)
	}
}

// manualClock is an application clock that only the test moves. It starts
// on Monday 23 November 2026, 10:00 in Almere (moved by testclock).
type manualClock struct{ ns atomic.Int64 }

func newManualClock() *manualClock {
	c := &manualClock{}
	c.Set(testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, almere())))
	return c
}

// Now is the clock's time, in Almere.
func (c *manualClock) Now() time.Time { return time.Unix(0, c.ns.Load()).In(almere()) }

// Set moves the clock.
func (c *manualClock) Set(t time.Time) { c.ns.Store(t.UnixNano()) }

// almere is the zone of the schedules.
func almere() *time.Location {
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	return zone
}
