package bot_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkBroadcastCeiling runs a broadcast to 300 residents under
// Telegram's real limits, on the real clock and the pacing of production
// (the overall limit shared through Redis, 8 workers), and counts at the
// fake Bot API what arrives per second.
//
//	alone: nobody else uses the bot.
//	people: 10 people press buttons meanwhile, each a press a second
//	        after the answer to the last.
//
// messages/s is what the overall limit counts (new messages and edits)
// from the broadcast's first message to its last, over 30 a second
// (vs-limit; the goal is at least 29.5 of the 30); bulk/s the broadcast's
// share of it; peak-per-s the most in any 1-second window, and
// peak-chat-per-s the most new messages to one chat (an edit answering a
// press is not a new message). With people, p95-ms is the 95th
// percentile of a press to its visible answer meanwhile.
func BenchmarkBroadcastCeiling(b *testing.B) {
	const recipients = 300
	for _, people := range []int{0, 10} {
		name := "alone"
		if people > 0 {
			name = "people"
		}
		b.Run(name, func(b *testing.B) {
			h := start(b, options{realClock: true})
			ctx, stop := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			var mu sync.Mutex
			var latencies []time.Duration
			for p := range people {
				chat := []int64{int64(60_000 + p)}
				screens := openScreens(b, h.api, chat)
				if screens == nil {
					b.FailNow()
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					for ctx.Err() == nil {
						d, next := pressAll(b, h.api, screens)
						if next == nil {
							return
						}
						mu.Lock()
						latencies = append(latencies, d...)
						mu.Unlock()
						screens = next
						if screens[0].data == "" {
							if screens = openScreens(b, h.api, chat); screens == nil {
								return
							}
						}
						select {
						case <-time.After(time.Second):
						case <-ctx.Done():
						}
					}
				}()
			}
			if err := h.st.Enqueue(context.Background(), freeText("ceiling"), h.addressees(3_000_000, recipients)); err != nil {
				b.Fatal(err)
			}
			// A broadcast at 30 a second is done in seconds; one that is
			// not done in minutes is stuck.
			h.waitDelivered(b, "ceiling", recipients, 2*time.Minute, 50*time.Millisecond)
			stop()
			wg.Wait()

			var first, last time.Time
			bulk := 0
			for _, c := range h.api.Calls() {
				if id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64); c.Method == "sendMessage" && c.Status == 200 && id >= 3_000_000 {
					if first.IsZero() {
						first = c.At
					}
					last = c.At
					bulk++
				}
			}
			var counted []time.Time
			perChat := map[string][]time.Time{}
			for _, c := range h.api.Calls() {
				if c.Status != 200 || (c.Method != "sendMessage" && c.Method != "editMessageText") {
					continue
				}
				if c.Method == "sendMessage" { // the 1 a second a chat is for new messages
					perChat[c.Params["chat_id"]] = append(perChat[c.Params["chat_id"]], c.At)
				}
				if !c.At.Before(first) && !c.At.After(last) {
					counted = append(counted, c.At)
				}
			}
			span := last.Sub(first).Seconds()
			// n messages from the first to the last take n-1 intervals.
			rate := float64(len(counted)-1) / span
			b.ReportMetric(rate, "messages/s")
			b.ReportMetric(rate/30, "vs-limit")
			b.ReportMetric(float64(bulk-1)/span, "bulk/s")
			b.ReportMetric(float64(peakPerSecond(counted)), "peak-per-s")
			peakChat := 0
			for _, times := range perChat {
				peakChat = max(peakChat, peakPerSecond(times))
			}
			b.ReportMetric(float64(peakChat), "peak-chat-per-s")
			if len(latencies) > 0 {
				b.ReportMetric(ms(quantile(latencies, 0.95)), "p95-ms")
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}
