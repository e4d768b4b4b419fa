package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"spreekuurbot/internal/fakebotapi"
)

// BenchmarkPressLatency measures what a person feels: the time from a
// button press (the update offered to the bot's long poll) to its visible
// answer (the edit, or a new message, in their chat at the fake Bot API),
// for our bot under production settings (Telegram's real limits, the
// overall limit shared through Redis, 8 workers, broadcasts and reminders
// on, the real clock) and, interleaved with it press by press, for an
// echo bot on the bare go-telegram/bot library that answers and edits the
// same way. Each bot has its own fake Bot API server in this process.
//
//	person: one person presses 5 buttons in a row at a human pace
//	        (400 ms after each answer), 6 people one after the other.
//	person-broadcast: the same while a broadcast to 2,000 residents runs
//	        at the overall limit.
//	crowd: 50 people press a button at the same moment, in b.N rounds.
//
// p50-ms and p95-ms are ours, over every press; echo-p50-ms and
// echo-p95-ms the echo bot's; p95-vs-echo their ratio. For the crowd,
// p95-ms-min and p95-ms-max give the spread of the rounds' p95.
// The work is the same whatever b.N: the figures are the result.
func BenchmarkPressLatency(b *testing.B) {
	b.Run("person", func(b *testing.B) { benchPerson(b, 0) })
	b.Run("person-broadcast", func(b *testing.B) { benchPerson(b, 2000) })
	b.Run("crowd", func(b *testing.B) {
		echo, ours := pressBots(b, 0)
		// One round of 50 presses per b.N.
		const crowd = 50
		var all, allEcho []time.Duration
		var p95s []float64
		for r := range b.N {
			chats := make([]int64, crowd)
			for i := range chats {
				chats[i] = int64(50_000 + r*crowd + i)
			}
			es, os := openScreens(b, echo, chats), openScreens(b, ours, chats)
			if es == nil || os == nil {
				b.FailNow()
			}
			var lat, latEcho []time.Duration
			if r%2 == 0 {
				latEcho, _ = pressAll(b, echo, es)
				lat, _ = pressAll(b, ours, os)
			} else {
				lat, _ = pressAll(b, ours, os)
				latEcho, _ = pressAll(b, echo, es)
			}
			if lat == nil || latEcho == nil {
				b.FailNow()
			}
			all, allEcho = append(all, lat...), append(allEcho, latEcho...)
			p95s = append(p95s, ms(quantile(lat, 0.95)))
		}
		reportLatency(b, all, allEcho)
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/op")
		b.ReportMetric(slices.Min(p95s), "p95-ms-min")
		b.ReportMetric(slices.Max(p95s), "p95-ms-max")
	})
}

func benchPerson(b *testing.B, broadcast int) {
	echo, ours := pressBots(b, broadcast)
	const people, presses, pace = 6, 5, 400 * time.Millisecond
	var lat, latEcho []time.Duration
	for p := range people {
		chat := []int64{int64(40_000 + p)}
		es, os := openScreens(b, echo, chat), openScreens(b, ours, chat)
		if es == nil || os == nil {
			b.FailNow()
		}
		for k := range presses {
			// Whose press goes first alternates, so neither bot always
			// meets the machine just after the other's work.
			var d, de []time.Duration
			if (p+k)%2 == 0 {
				de, es = pressAll(b, echo, es)
				d, os = pressAll(b, ours, os)
			} else {
				d, os = pressAll(b, ours, os)
				de, es = pressAll(b, echo, es)
			}
			if d == nil || de == nil {
				b.FailNow()
			}
			lat, latEcho = append(lat, d...), append(latEcho, de...)
			time.Sleep(pace)
			if os[0].data == "" { // the end of a path: home again
				if os = openScreens(b, ours, chat); os == nil {
					b.FailNow()
				}
			}
		}
	}
	reportLatency(b, lat, latEcho)
}

// pressBots starts the echo bot and ours, each on its own fake Bot API;
// with broadcast > 0, ours first queues a broadcast to that many
// residents, which runs while the people press.
func pressBots(b *testing.B, broadcast int) (echo, ours *fakebotapi.Server) {
	echo = fakebotapi.New(b, "1:echo")
	startEcho(b, echo)
	h := start(b, options{realClock: true})
	if broadcast > 0 {
		to := h.addressees(2_000_000, broadcast)
		if err := h.st.Enqueue(context.Background(), freeText("during-presses"), to); err != nil {
			b.Fatal(err)
		}
		// Under way before the first press.
		if err := h.api.WaitCount(h.ctx(), "sendMessage", 30); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(0, "ns/op")
	return echo, h.api
}

// screen is the message a person looks at: where it is and the first
// button on it they can press ("" when it has none).
type screen struct {
	chat int64
	msg  models.Message
	data string
}

// openScreens sends /start in each chat and waits for the menus.
func openScreens(b *testing.B, api *fakebotapi.Server, chats []int64) []screen {
	b.Helper()
	from := len(api.Calls())
	for _, c := range chats {
		push(api, c-firstChat, "/start")
	}
	_, screens := answersIn(b, api, from, chats, nil)
	return screens
}

// pressAll presses the first button of each screen at once and returns,
// per screen, the time to its visible answer and the screen it shows.
func pressAll(b *testing.B, api *fakebotapi.Server, screens []screen) ([]time.Duration, []screen) {
	b.Helper()
	from := len(api.Calls())
	chats := make([]int64, len(screens))
	pressed := make([]time.Time, len(screens))
	for i, s := range screens {
		chats[i] = s.chat
		msg := s.msg
		pressed[i] = time.Now()
		api.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{
			ID:      strconv.Itoa(i),
			From:    models.User{ID: s.chat, FirstName: "B", LanguageCode: "nl"},
			Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &msg},
			Data:    s.data,
		}})
	}
	return answersIn(b, api, from, chats, pressed)
}

// visible are the calls that show a person something in their chat.
var visible = map[string]bool{"sendMessage": true, "editMessageText": true, "sendVenue": true, "sendDocument": true, "sendPhoto": true}

// answersIn waits for the first message sent or edited in each chat in
// the calls from index from on, and returns how long after pressed each
// came (when pressed is given) and what each shows.
func answersIn(b *testing.B, api *fakebotapi.Server, from int, chats []int64, pressed []time.Time) ([]time.Duration, []screen) {
	b.Helper()
	want := map[string]int{}
	for i, c := range chats {
		want[strconv.FormatInt(c, 10)] = i
	}
	found := make([]*fakebotapi.Call, len(chats))
	n := 0
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := api.WaitFrom(ctx, from, func(calls []fakebotapi.Call) bool {
		for _, c := range calls {
			if c.Status != 200 || !visible[c.Method] {
				continue
			}
			if i, ok := want[c.Params["chat_id"]]; ok && found[i] == nil {
				found[i] = &c
				n++
			}
		}
		return n == len(chats)
	})
	if err != nil {
		// Errorf, not Fatalf: people may press from goroutines of their
		// own; the caller stops on nil.
		b.Errorf("%d of %d answers: %v", n, len(chats), err)
		return nil, nil
	}
	lat := make([]time.Duration, len(chats))
	screens := make([]screen, len(chats))
	for i, c := range found {
		if pressed != nil {
			lat[i] = c.At.Sub(pressed[i])
		}
		if screens[i], err = screenOf(chats[i], *c); err != nil {
			b.Error(err)
			return nil, nil
		}
	}
	return lat, screens
}

func screenOf(chat int64, c fakebotapi.Call) (screen, error) {
	s := screen{chat: chat}
	if err := json.Unmarshal(c.Result, &s.msg); err != nil || s.msg.ID == 0 {
		return s, fmt.Errorf("%s answered %s: %v", c.Method, c.Result, err)
	}
	var markup struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}
	if raw := c.Params["reply_markup"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &markup); err != nil {
			return s, fmt.Errorf("reply_markup %s: %v", raw, err)
		}
	}
	for _, row := range markup.InlineKeyboard {
		for _, btn := range row {
			if btn.CallbackData != "" && s.data == "" {
				s.data = btn.CallbackData
			}
		}
	}
	return s, nil
}

func reportLatency(b *testing.B, ours, echo []time.Duration) {
	b.ReportMetric(ms(quantile(ours, 0.5)), "p50-ms")
	b.ReportMetric(ms(quantile(ours, 0.95)), "p95-ms")
	b.ReportMetric(ms(quantile(echo, 0.5)), "echo-p50-ms")
	b.ReportMetric(ms(quantile(echo, 0.95)), "echo-p95-ms")
	b.ReportMetric(float64(quantile(ours, 0.95))/float64(quantile(echo, 0.95)), "p95-vs-echo")
}

// quantile is the q-th quantile of ds, nearest rank.
func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*q+0.999999) - 1
	return s[max(i, 0)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
