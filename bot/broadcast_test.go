package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/testclock"
)

// follow makes chat a reader of lang who follows the news of location.
func (h *harness) follow(chat int64, lang, location string) {
	h.t.Helper()
	ctx := context.Background()
	if err := h.st.SaveSession(ctx, chat, spreekuurbot.Session{Lang: lang}); err != nil {
		h.t.Fatal(err)
	}
	if err := h.st.Subscribe(ctx, chat, location, h.now()); err != nil {
		h.t.Fatal(err)
	}
}

// waitFinal waits for the coordinator's final count of a broadcast.
func (h *harness) waitFinal(lang string, sent, blocked, failed int) {
	h.t.Helper()
	h.waitFinals(1, lang, sent, blocked, failed)
}

// waitFinals waits for n final counts that say the same.
func (h *harness) waitFinals(n int, lang string, sent, blocked, failed int) {
	h.t.Helper()
	want := h.texts.Text(lang, flows.ProgressReply(spreekuurbot.Progress{Total: sent + blocked + failed, Sent: sent, Blocked: blocked, Failed: failed}).Text[0])
	err := h.api.WaitFor(h.ctx(), func(calls []fakebotapi.Call) bool {
		seen := 0
		for _, c := range calls {
			if c.Params["chat_id"] == strconv.Itoa(coordinatorID) && c.Params["text"] == want {
				seen++
			}
		}
		return seen >= n
	})
	if err != nil {
		var said []string
		for _, c := range h.messages(coordinatorID, 0) {
			said = append(said, c.Params["text"])
		}
		h.t.Fatalf("no final count %q; the coordinator saw %q", want, said)
	}
}

// TestBroadcastOverBotAPI: a coordinator tells the followers of Stad
// centrum, through the buttons of /broadcast, that it is closed on a day.
// Each follower gets it in their own language; one blocked the bot and is
// counted as such and dropped from the audience; the coordinator sees the
// final count.
func TestBroadcastOverBotAPI(t *testing.T) {
	// Raised limits: the coordinator taps faster than the flood guard lets
	// a resident, and the clock stands still on a Monday whose coming days
	// are open.
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	monday := testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, zone))
	h := start(t, options{scale: 100, now: func() time.Time { return monday }})
	followers := map[int64]string{4001: "nl", 4002: "ar", 4003: "ti", 4004: "pl"}
	for chat, lang := range followers {
		h.follow(chat, lang, "stad-centrum")
	}
	h.api.Block(4004)

	h.text(coordinatorID, "nl", "/broadcast")
	msg := h.messages(coordinatorID, 1)[0]
	for _, n := range []int{0, 0, 1, 3} { // a place's followers, Stad centrum, closed, the 4th day
		msg = h.pressNth(coordinatorID, "nl", msg, n)
	}
	preview := h.texts.Text("nl", spreekuurbot.Msg{ID: flows.MsgBroadcastPreview, Count: 4, Args: map[string]any{"Count": "4"}})
	if got := msg.Params["text"]; len(got) < len(preview) || got[:len(preview)] != preview {
		t.Fatalf("preview %q", got)
	}
	h.pressNth(coordinatorID, "nl", msg, 0) // send

	day := spreekuurbot.DateOf(monday).AddDays(3)
	for chat, lang := range followers {
		if chat == 4004 {
			continue
		}
		want := h.texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgBroadcastClosed, Args: map[string]any{"Name": "De Nieuwe Bibliotheek Almere Stad", "Date": flows.DateMsg(day)}})
		got := h.messages(chat, 1)[0]
		if got.Params["text"] != want {
			t.Errorf("%d (%s) got %q, want %q", chat, lang, got.Params["text"], want)
		}
		if l := labels(keyboard(t, got)); !slices.Equal(l, []string{h.texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgButtonUnsubscribe})}) {
			t.Errorf("%d buttons %q", chat, l)
		}
	}
	h.waitFinal("nl", 3, 1, 0)
	subs, err := h.st.Subscribers(context.Background(), "stad-centrum", monday)
	if err != nil || slices.Contains(subs, 4004) || len(subs) != 3 {
		t.Errorf("followers after the broadcast: %v, %v", subs, err)
	}
}

// TestBlockedChatIsLeftAlone: a person who blocked the bot is marked at
// the first 403; the bot writes to them on its own no more, not even when
// something still names them, until they write to the bot again.
func TestBlockedChatIsLeftAlone(t *testing.T) {
	h := start(t, options{scale: 100})
	ctx := context.Background()
	const chat = 4300
	to := h.addressees(chat, 1)
	h.api.Block(chat)
	if err := h.st.Enqueue(ctx, freeText("first"), to); err != nil {
		t.Fatal(err)
	}
	h.waitFinal("nl", 0, 1, 0)
	// Their news subscription went with the 403; say a stale record still
	// names them.
	if err := h.st.Subscribe(ctx, chat, "stad-centrum", h.now()); err != nil {
		t.Fatal(err)
	}
	if err := h.st.Enqueue(ctx, freeText("second"), to); err != nil {
		t.Fatal(err)
	}
	h.waitFinals(2, "nl", 0, 1, 0)
	tried := 0
	for _, c := range h.api.CallsTo("sendMessage") {
		if c.Params["chat_id"] == strconv.Itoa(chat) {
			tried++
		}
	}
	if tried != 1 {
		t.Errorf("%d messages tried to the blocked chat, want the 1 that found out", tried)
	}

	h.api.Unblock(chat)
	h.text(chat, "nl", "/start")
	h.messages(chat, 1)
	if err := h.st.Enqueue(ctx, freeText("third"), to); err != nil {
		t.Fatal(err)
	}
	h.waitFinal("nl", 1, 0, 0)
}

// virtualTime is a clock that moves only when the bot sleeps, shared by
// the bot and the fake Bot API's stamps.
type virtualTime struct {
	mu  sync.Mutex
	now time.Time
}

func (c *virtualTime) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *virtualTime) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// addressees are n residents reading the 8 languages in turn, each
// following Stad centrum's news (a broadcast skips whoever stopped).
func (h *harness) addressees(first int64, n int) []spreekuurbot.Addressee {
	langs := []string{"nl", "en", "ar", "tr", "pl", "uk", "ti", "so"}
	to := make([]spreekuurbot.Addressee, n)
	for i := range to {
		to[i] = spreekuurbot.Addressee{UserID: first + int64(i), Lang: langs[i%len(langs)]}
		h.follow(to[i].UserID, to[i].Lang, "stad-centrum")
	}
	return to
}

func freeText(id string) spreekuurbot.Broadcast {
	return spreekuurbot.Broadcast{ID: id, Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree,
		Text: "De spreekuren in Almere Haven verhuizen in januari naar de bibliotheek.", From: coordinatorID, FromLang: "nl"}
}

// TestBroadcastPacing: with Telegram's real limits on a virtual clock,
// 1,000 recipients take 1,000/30 s (± 5%), no 1-second window holds more
// than 30 messages, no chat gets more than its burst, and the
// coordinator's progress message is edited at most every 5 seconds.
func TestBroadcastPacing(t *testing.T) {
	clock := &virtualTime{now: testclock.At(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))}
	h := start(t, options{now: clock.Now, sleep: clock.Sleep})
	h.api.SetClock(clock.Now)
	const n = 1000
	if err := h.st.Enqueue(context.Background(), freeText("pace"), h.addressees(100000, n)); err != nil {
		t.Fatal(err)
	}
	h.waitFinal("nl", n, 0, 0)

	var all, toRecipients []time.Time
	perChat := map[string][]time.Time{}
	for _, c := range h.api.Calls() {
		if c.Status != 200 || (c.Method != "sendMessage" && c.Method != "editMessageText") {
			continue
		}
		all = append(all, c.At)
		perChat[c.Params["chat_id"]] = append(perChat[c.Params["chat_id"]], c.At)
		if c.Params["chat_id"] != strconv.Itoa(coordinatorID) {
			toRecipients = append(toRecipients, c.At)
		}
	}
	if len(toRecipients) != n {
		t.Fatalf("%d messages to recipients, want %d", len(toRecipients), n)
	}
	took := toRecipients[n-1].Sub(toRecipients[0]).Seconds()
	want := float64(n) / 30
	if took < want*0.95 || took > want*1.05 {
		t.Errorf("%d messages took %.1f s, want %.1f s ± 5%%", n, took, want)
	}
	if peak := peakPerSecond(all); peak > 30 {
		t.Errorf("%d messages in one second", peak)
	}
	for chat, times := range perChat {
		if peak := peakPerSecond(times); peak > 4 {
			t.Errorf("chat %s: %d messages in one second", chat, peak)
		}
	}
	progress := perChat[strconv.Itoa(coordinatorID)]
	for i := 2; i < len(progress); i++ { // the last one is the final count
		if gap := progress[i-1].Sub(progress[i-2]); gap < 5*time.Second {
			t.Errorf("progress edited after %v", gap)
		}
	}
	if len(progress) < int(want/5)-1 {
		t.Errorf("%d progress messages over %.0f s", len(progress), took)
	}
	t.Logf("%d messages in %.1f virtual seconds; %d progress messages", n, took, len(progress))
}

// waitDelivered waits until every one of the broadcast's n deliveries has
// ended, asking every poll; one that has not within `within` is stuck.
func (h *harness) waitDelivered(tb testing.TB, id string, n int, within, poll time.Duration) {
	tb.Helper()
	for deadline := time.Now().Add(within); ; {
		p, err := h.st.BroadcastProgress(context.Background(), id)
		if err != nil {
			tb.Fatal(err)
		}
		if p.Done() == n {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the broadcast stopped at %d of %d", p.Done(), n)
		}
		time.Sleep(poll)
	}
}

func peakPerSecond(times []time.Time) int {
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	peak := 0
	for i := range times {
		j := i
		for j < len(times) && times[j].Sub(times[i]) < time.Second {
			j++
		}
		peak = max(peak, j-i)
	}
	return peak
}

// TestBroadcastTelegramErrors: a 429 pauses the sender for at least its
// retry_after, however long and however often, and the same message goes
// again; 5xx is retried and, when
// it persists, counted as failed; a 403 is counted as blocked and that chat
// gets nothing more. Whoever turned the news off meanwhile is skipped.
func TestBroadcastTelegramErrors(t *testing.T) {
	tests := []struct {
		name                  string
		fail                  func(h *harness, first int64)
		sent, blocked, failed int
		minWait               time.Duration
	}{
		{"429 waits", func(h *harness, _ int64) { h.api.FailNext("sendMessage", 1, 429, 7) }, 3, 0, 0, 7 * time.Second},
		// Longer than a reply would wait, more often than a reply is tried.
		{"429 again and again", func(h *harness, _ int64) { h.api.FailNext("sendMessage", 6, 429, 600) }, 3, 0, 0, 600 * time.Second},
		{"5xx retried", func(h *harness, _ int64) { h.api.FailNext("sendMessage", 2, 502, 0) }, 3, 0, 0, 0},
		{"5xx gives up", func(h *harness, _ int64) { h.api.FailNext("sendMessage", 4, 502, 0) }, 2, 0, 1, 0},
		{"403 blocked", func(h *harness, first int64) { h.api.Block(first + 1) }, 2, 1, 0, 0},
		// Turned the news off after the broadcast was queued: skipped.
		{"left the audience", func(h *harness, first int64) {
			if err := h.st.Unsubscribe(context.Background(), first+2, "stad-centrum"); err != nil {
				h.t.Fatal(err)
			}
		}, 2, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, options{})
			const first = 7000
			to := h.addressees(first, 3)
			tt.fail(h, first)
			if err := h.st.Enqueue(context.Background(), freeText("errors"), to); err != nil {
				t.Fatal(err)
			}
			h.waitFinal("nl", tt.sent, tt.blocked, tt.failed)
			if w := h.sleeps.longest(); w < tt.minWait {
				t.Errorf("longest wait %v, want at least %v", w, tt.minWait)
			}
			for chat := int64(first); chat < first+3; chat++ {
				got := 0
				for _, c := range h.api.CallsTo("sendMessage") {
					if c.Params["chat_id"] == fmt.Sprint(chat) {
						got++
					}
				}
				if tt.blocked > 0 && chat == first+1 && got != 1 {
					t.Errorf("blocked chat was tried %d times", got)
				}
				if tt.name == "left the audience" && chat == first+2 && got != 0 {
					t.Errorf("a resident who turned the news off got %d messages", got)
				}
			}
		})
	}
}

// BenchmarkBroadcast sends a broadcast to 5,000 recipients in 8 languages
// through the durable queue and the fake Bot API, the rate limits scaled
// out of the way, against bare sendMessage calls to the same fake API in
// the same run. vs-bare is the cost of one queued message over one bare
// sendMessage: the queue's own overhead is what it adds above 1.
func BenchmarkBroadcast(b *testing.B) {
	const recipients = 5000
	api := fakebotapi.New(b, "1:bench")
	client, err := tgbot.New(api.Token(), tgbot.WithServerURL(api.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	bare := func(n int) time.Duration {
		start := time.Now()
		for i := range n {
			if _, err := client.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(1_000_000 + i%recipients), Text: "De spreekuren in Almere Haven verhuizen in januari naar de bibliotheek."}); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start) / time.Duration(n)
	}
	bare(200) // warm up the connection

	h := start(b, options{scale: 1e6})
	to := h.addressees(1_000_000, recipients)
	var queued time.Duration
	var perBare time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		perBare += bare(recipients / 5)
		b.StartTimer()
		t0 := time.Now()
		id := fmt.Sprint("bench-", i)
		if err := h.st.Enqueue(ctx, freeText(id), to); err != nil {
			b.Fatal(err)
		}
		h.waitDelivered(b, id, recipients, time.Minute, 2*time.Millisecond)
		queued += time.Since(t0)
	}
	perMsg := queued / time.Duration(b.N*recipients)
	perBare /= time.Duration(b.N)
	b.ReportMetric(float64(perMsg.Nanoseconds()), "ns/message")
	b.ReportMetric(float64(perBare.Nanoseconds()), "bare-ns/sendMessage")
	b.ReportMetric(perMsg.Seconds()/perBare.Seconds(), "vs-bare")
	b.ReportMetric(float64(recipients)/(queued.Seconds()/float64(b.N)), "messages/s")
}
