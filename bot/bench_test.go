package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"runtime"
	"slices"
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
// library, both running at once on fake Bot APIs of their own and fed in
// turns: a batch of updates to one, then to the other, the order changing
// every batch. Ours runs as production does (8 workers, the overall limit
// shared through Redis) with Telegram's per-chat limits scaled out of the
// way, since 256 chats at one message a second would measure the limit,
// not the code. vs-echo is the median over batch pairs of our throughput
// over the echo bot's (target ≥ 0.5); allocs/update counts every
// allocation in the process, both bots and both fake APIs included.
func BenchmarkUpdatePath(b *testing.B) {
	for _, path := range []string{"start", "button"} {
		b.Run(path, func(b *testing.B) {
			b.StopTimer()
			echo, ours := newPathRun(b, path, startEcho), newPathRun(b, path, startOurs)
			const batch = 512
			var ratios []float64
			var echoTook, oursTook time.Duration
			var echoAllocs, oursAllocs uint64
			for done, turn := 0, 0; done < b.N; done, turn = done+batch, turn+1 {
				n := min(batch, b.N-done)
				first, second := echo, ours
				if turn%2 == 1 {
					first, second = ours, echo
				}
				b.StartTimer()
				first.run(b, n)
				second.run(b, n)
				b.StopTimer()
				ratios = append(ratios, echo.last.Seconds()/ours.last.Seconds())
				echoTook, oursTook = echoTook+echo.last, oursTook+ours.last
				echoAllocs, oursAllocs = echoAllocs+echo.allocs, oursAllocs+ours.allocs
			}
			slices.Sort(ratios)
			b.ReportMetric(ratios[len(ratios)/2], "vs-echo")
			b.ReportMetric(float64(oursTook.Nanoseconds())/float64(b.N), "ns/update")
			b.ReportMetric(float64(echoTook.Nanoseconds())/float64(b.N), "echo-ns/update")
			b.ReportMetric(float64(oursAllocs)/float64(b.N), "allocs/update")
			b.ReportMetric(float64(echoAllocs)/float64(b.N), "echo-allocs/update")
		})
	}
}

// pathRun feeds one bot the updates of one path in batches.
type pathRun struct {
	api   *fakebotapi.Server
	path  string
	reply string // the call that answers an update
	done  int    // updates answered so far
	// last is how long the last batch took; allocs its allocations.
	last   time.Duration
	allocs uint64
}

// starter starts a bot against api and returns when it is polling.
type starter func(b *testing.B, api *fakebotapi.Server)

func newPathRun(b *testing.B, path string, start starter) *pathRun {
	r := &pathRun{api: fakebotapi.New(b, "1:bench"), path: path, reply: "sendMessage"}
	start(b, r.api)
	if path == "button" {
		r.reply = "editMessageText"
	}
	return r
}

// run sends n updates and waits for their replies. A button press needs
// a message with buttons first: one /start per press, each in its own
// chat, not measured, so that every press is a fresh, valid one (a button
// pressed twice is stale the second time).
func (r *pathRun) run(b *testing.B, n int) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var menus []fakebotapi.Call
	if r.path == "button" {
		from := len(r.api.Calls())
		for c := r.done; c < r.done+n; c++ {
			push(r.api, int64(c), "/start")
		}
		if err := r.api.WaitCount(ctx, "sendMessage", r.done+n); err != nil {
			b.Fatal(err)
		}
		menus = make([]fakebotapi.Call, n)
		for _, call := range r.api.Calls()[from:] {
			var id int64
			json.Unmarshal([]byte(call.Params["chat_id"]), &id)
			if call.Method == "sendMessage" && id-firstChat >= int64(r.done) && id-firstChat < int64(r.done+n) {
				menus[id-firstChat-int64(r.done)] = call
			}
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	began := time.Now()
	// At most half a chat's queue in flight per chat: more would be
	// dropped by the flood guard, as for a person who floods the bot, and
	// the run would wait for replies that never come.
	const inFlight = benchChats * 8
	for i := 0; i < n; i++ {
		if i >= inFlight {
			if err := r.api.WaitCount(ctx, r.reply, r.done+i-inFlight+1); err != nil {
				b.Fatal(err)
			}
		}
		if r.path == "button" {
			pressFirst(b, r.api, int64(r.done+i), menus[i])
		} else {
			push(r.api, int64((r.done+i)%benchChats), "/start")
		}
	}
	if err := r.api.WaitCount(ctx, r.reply, r.done+n); err != nil {
		b.Fatal(err)
	}
	r.last = time.Since(began)
	runtime.ReadMemStats(&after)
	r.allocs = after.Mallocs - before.Mallocs
	r.done += n
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
// calls our bot makes. It handles 8 updates at a time, as ours does: with
// the library's default (a goroutine per update) hundreds of updates at
// once open hundreds of connections, and the echo bot was slower than
// ours.
func startEcho(b *testing.B, api *fakebotapi.Server) {
	echo, err := tgbot.New(api.Token(), tgbot.WithServerURL(api.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(), tgbot.WithWorkers(8),
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
		Gate: st, RateScale: 1e6,
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
