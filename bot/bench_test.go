package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"runtime"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"spreekuurbot/bot"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/store"
)

// benchChats spreads the updates over many chats, as real traffic is; one
// chat's updates are handled in order, so a single chat would measure the
// per-chat queue, not the bot.
const benchChats = 256

// firstChat is the first chat's ID; Telegram has no chat 0.
const firstChat = 1000

// BenchmarkUpdatePath measures the whole update path (fake Bot API →
// transport → flows → store on a real redis-server → reply) for /start and
// for a button press, against an echo bot on the bare go-telegram/bot
// library in the same run. vs-echo is our throughput over the echo bot's
// (target ≥ 0.5); allocs/update counts every allocation in the process,
// the fake API's included.
func BenchmarkUpdatePath(b *testing.B) {
	for _, path := range []string{"start", "button"} {
		b.Run(path, func(b *testing.B) {
			echo := measure(b, path, startEcho)
			ours := measure(b, path, startOurs)
			b.ReportMetric(echo.perUpdate.Seconds()/ours.perUpdate.Seconds(), "vs-echo")
			b.ReportMetric(float64(ours.perUpdate.Nanoseconds()), "ns/update")
			b.ReportMetric(float64(echo.perUpdate.Nanoseconds()), "echo-ns/update")
			b.ReportMetric(ours.allocs, "allocs/update")
			b.ReportMetric(echo.allocs, "echo-allocs/update")
		})
	}
}

type result struct {
	perUpdate time.Duration
	allocs    float64
}

// starter starts a bot against api and returns when it is polling.
type starter func(b *testing.B, api *fakebotapi.Server)

func measure(b *testing.B, path string, start starter) result {
	b.Helper()
	b.StopTimer()
	api := fakebotapi.New(b, "1:bench")
	start(b, api)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	n := b.N
	// A button press needs a message with buttons first: one /start per
	// press, each in its own chat, not measured, so that every press is a
	// fresh, valid one (a button pressed twice is stale the second time).
	var menus []fakebotapi.Call
	reply := "sendMessage"
	if path == "button" {
		reply = "editMessageText"
		for c := 0; c < n; c++ {
			push(api, int64(c), "/start")
		}
		if err := api.WaitCount(ctx, "sendMessage", n); err != nil {
			b.Fatal(err)
		}
		menus = make([]fakebotapi.Call, n)
		for _, call := range api.CallsTo("sendMessage") {
			var id int64
			json.Unmarshal([]byte(call.Params["chat_id"]), &id)
			menus[id-firstChat] = call
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.StartTimer()
	began := time.Now()
	// At most half a chat's queue in flight per chat: more would be
	// dropped by the flood guard, as for a person who floods the bot, and
	// the run would wait for replies that never come.
	const inFlight = benchChats * 8
	for i := 0; i < n; i++ {
		if i >= inFlight {
			if err := api.WaitCount(ctx, reply, i-inFlight+1); err != nil {
				b.Fatal(err)
			}
		}
		if path == "button" {
			pressFirst(b, api, int64(i), menus[i])
		} else {
			push(api, int64(i%benchChats), "/start")
		}
	}
	if err := api.WaitCount(ctx, reply, n); err != nil {
		b.Fatal(err)
	}
	took := time.Since(began)
	b.StopTimer()
	runtime.ReadMemStats(&after)
	return result{perUpdate: took / time.Duration(n), allocs: float64(after.Mallocs-before.Mallocs) / float64(n)}
}

func push(api *fakebotapi.Server, chat int64, text string) {
	api.PushUpdate(models.Update{Message: &models.Message{
		From: &models.User{ID: firstChat + chat, FirstName: "B", LanguageCode: "nl"},
		Chat: models.Chat{ID: firstChat + chat, Type: models.ChatTypePrivate},
		Text: text,
	}})
}

// pressFirst presses the first button of menu, as a person opens "help"
// from the home screen.
func pressFirst(b *testing.B, api *fakebotapi.Server, chat int64, menu fakebotapi.Call) {
	var msg models.Message
	if err := json.Unmarshal(menu.Result, &msg); err != nil {
		b.Fatal(err)
	}
	var markup models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(menu.Params["reply_markup"]), &markup); err != nil {
		b.Fatal(err)
	}
	api.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{
		From:    models.User{ID: firstChat + chat, FirstName: "B", LanguageCode: "nl"},
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &msg},
		Data:    markup.InlineKeyboard[0][0].CallbackData,
	}})
}

// startEcho runs the smallest bot go-telegram/bot allows: it echoes a text
// and, for a button, answers it and edits the message, the same Bot API
// calls our bot makes.
func startEcho(b *testing.B, api *fakebotapi.Server) {
	echo, err := tgbot.New(api.Token(), tgbot.WithServerURL(api.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(func(ctx context.Context, bot *tgbot.Bot, u *models.Update) {
			if q := u.CallbackQuery; q != nil {
				bot.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: q.ID})
				bot.EditMessageText(ctx, &tgbot.EditMessageTextParams{
					ChatID: q.Message.Message.Chat.ID, MessageID: q.Message.Message.ID,
					Text: "echo " + time.Now().String(), ReplyMarkup: q.Message.Message.ReplyMarkup,
				})
				return
			}
			bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: u.Message.Text,
				ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "echo", CallbackData: "echo"}}}}})
		}))
	if err != nil {
		b.Fatal(err)
	}
	run(b, echo.Start)
}

func startOurs(b *testing.B, api *fakebotapi.Server) {
	ctx := context.Background()
	st, texts, engine := newStack(b, redistest.Start(b).URL, nil)
	ours, err := bot.New(ctx, bot.Config{
		Token: api.Token(), APIURL: api.URL(), Handler: engine, Texts: texts,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), HashID: func(id int64) string { return store.HashID(st.Secret(), id) },
		RateScale: 1e6, Workers: 16,
	})
	if err != nil {
		b.Fatal(err)
	}
	run(b, func(ctx context.Context) { ours.Run(ctx) })
}

func run(b *testing.B, start func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { start(ctx); close(done) }()
	b.Cleanup(func() { cancel(); <-done })
}
