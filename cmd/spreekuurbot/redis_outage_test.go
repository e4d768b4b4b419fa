package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/locales"
	"spreekuurbot/store"
)

// TestRedisOutage: `spreekuurbot run` on a redis-server that keeps its
// data in an append-only file lives through that server being killed.
// While Redis is away a resident's message gets the apology in their
// language, /readyz says 503 and /healthz 200, and the process stays up;
// when the same server comes back with the same data, /readyz turns 200
// by itself, the resident is answered as usual, and the appointment they
// booked before the outage is still theirs.
func TestRedisOutage(t *testing.T) {
	api := fakebotapi.New(t, "42:outage-test")
	srv := redistest.StartPersistent(t)
	opsAddr := freeAddr(t)
	runEnv(t, api, srv.URL, opsAddr)

	run := startRun(t)
	logs, exited := &run.logs, run.exited
	ctx := context.Background()
	// Every wait below ends on its condition; the deadline only bounds a
	// failing run.
	wait, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	texts, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	const lang = "uk"
	r := &resident{t: t, ctx: wait, api: api, chat: 4711, lang: lang}
	ops := "http://" + opsAddr
	awaitStatus(t, wait, ops+"/readyz", http.StatusOK, exited)

	// A booking: the first place, topic, day and time, confirmed.
	r.say("/book")
	msg := r.next()
	for range 4 {
		msg = r.pressNth(msg, 0)
	}
	msg = r.pressLabel(msg, texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgButtonNext})) // past what is kept
	r.pressLabel(msg, texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgButtonConfirm}))    // "your appointment is made"
	r.next()                                                                             // the appointments, in place of the summary
	st, err := store.Open(wait, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	booked, err := st.Bookings(wait, r.chat, testclock.Now())
	if err != nil || len(booked) != 1 {
		t.Fatalf("before the outage: bookings %+v, %v; want one\n%s", booked, err, logs.String())
	}

	// Redis is killed.
	srv.Stop()
	r.say("/start")
	if got, want := r.next().Params["text"], texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgErrorUnavailable}); got != want {
		t.Errorf("with Redis down the resident got %q, want the apology %q", got, want)
	}
	awaitStatus(t, wait, ops+"/readyz", http.StatusServiceUnavailable, exited)
	if got := status(ops + "/healthz"); got != http.StatusOK {
		t.Errorf("with Redis down /healthz is %d, want 200", got)
	}
	select {
	case <-exited:
		t.Fatalf("the process ended while Redis was down: %s", logs.String())
	default:
	}

	// The same server, with the same data, comes back.
	srv.Restart(t)
	awaitStatus(t, wait, ops+"/readyz", http.StatusOK, exited)
	r.say("/start")
	if got, want := r.next().Params["text"], texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgHomeText, Count: 8, Args: map[string]any{"Count": 8}}); got != want {
		t.Errorf("after Redis came back /start says %.80q, want the home screen %.80q", got, want)
	}
	r.say("/appointments")
	list := r.next()
	if title := texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgAppointmentsTitle}); !strings.Contains(list.Params["text"], title) ||
		!strings.Contains(list.Params["text"], booked[0].Slot.Start.String()) {
		t.Errorf("after the outage /appointments says %q, want %q with the booking at %s", list.Params["text"], title, booked[0].Slot.Start)
	}
	after, err := st.Bookings(wait, r.chat, testclock.Now())
	if err != nil || len(after) != 1 || after[0].ID != booked[0].ID {
		t.Errorf("after the outage: bookings %+v, %v; want %s", after, err, booked[0].ID)
	}
}

// resident talks to the bot through the fake Bot API as one person.
type resident struct {
	t    *testing.T
	ctx  context.Context
	api  *fakebotapi.Server
	chat int64
	lang string
	seen int // messages to the chat taken by next so far
}

func (r *resident) user() models.User {
	return models.User{ID: r.chat, FirstName: "Test", LanguageCode: r.lang}
}

// say sends a text message.
func (r *resident) say(text string) {
	u := r.user()
	r.api.PushUpdate(models.Update{Message: &models.Message{
		From: &u, Chat: models.Chat{ID: r.chat, Type: models.ChatTypePrivate}, Text: text,
	}})
}

// next waits for the next message sent to, or edited in, the chat.
func (r *resident) next() fakebotapi.Call {
	r.t.Helper()
	chat := strconv.FormatInt(r.chat, 10)
	var got []fakebotapi.Call
	err := r.api.WaitFor(r.ctx, func(calls []fakebotapi.Call) bool {
		got = got[:0]
		for _, c := range calls {
			if c.Status == 200 && (c.Method == "sendMessage" || c.Method == "editMessageText") && c.Params["chat_id"] == chat {
				got = append(got, c)
			}
		}
		return len(got) > r.seen
	})
	if err != nil {
		r.t.Fatalf("waiting for message %d to the resident: %v", r.seen+1, err)
	}
	r.seen++
	return got[r.seen-1]
}

// buttons lists the inline buttons of a message, row by row.
func (r *resident) buttons(msg fakebotapi.Call) []models.InlineKeyboardButton {
	r.t.Helper()
	var markup models.InlineKeyboardMarkup
	if raw := msg.Params["reply_markup"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &markup); err != nil {
			r.t.Fatalf("reply_markup %s: %v", raw, err)
		}
	}
	var all []models.InlineKeyboardButton
	for _, row := range markup.InlineKeyboard {
		all = append(all, row...)
	}
	return all
}

// press presses a button of msg and returns the message that answers it.
func (r *resident) press(msg fakebotapi.Call, data string) fakebotapi.Call {
	r.t.Helper()
	var sent models.Message
	if err := json.Unmarshal(msg.Result, &sent); err != nil {
		r.t.Fatalf("sent message: %v", err)
	}
	r.api.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{
		From:    r.user(),
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &sent},
		Data:    data,
	}})
	return r.next()
}

func (r *resident) pressNth(msg fakebotapi.Call, n int) fakebotapi.Call {
	r.t.Helper()
	all := r.buttons(msg)
	if n >= len(all) {
		r.t.Fatalf("no button %d in %q", n, msg.Params["text"])
	}
	return r.press(msg, all[n].CallbackData)
}

func (r *resident) pressLabel(msg fakebotapi.Call, label string) fakebotapi.Call {
	r.t.Helper()
	for _, b := range r.buttons(msg) {
		if b.Text == label {
			return r.press(msg, b.CallbackData)
		}
	}
	r.t.Fatalf("no button %q on %q", label, msg.Params["text"])
	return fakebotapi.Call{}
}

// awaitStatus polls url until it answers want, failing when ctx ends or
// the process exits first.
func awaitStatus(t *testing.T, ctx context.Context, url string, want int, exited <-chan struct{}) {
	t.Helper()
	last := 0
	for {
		if last = status(url); last == want {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s answered %d, not %d, until the deadline", url, last, want)
		case <-exited:
			t.Fatalf("the process ended while waiting for %s to answer %d", url, want)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// status is the HTTP status of GET url; 0 when nothing answers.
func status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
