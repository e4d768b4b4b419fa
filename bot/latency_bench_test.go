package bot_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
)

// BenchmarkUpdateLatency measures one update's way through the bot, from
// the moment it enters until its reply reaches the fake Bot API, one update
// at a time: /start through the real flows and store on a real
// redis-server. polling: the update is pushed to the fake API, where the
// bot's long poll is waiting. webhook: the update is posted to the webhook
// over HTTP, as Telegram posts it, queued in the Redis inbox and read from
// there by the replica holding its partition (here the only one).
// vs-polling, reported by webhook, is its latency over polling's, measured
// in the same run.
func BenchmarkUpdateLatency(b *testing.B) {
	var polling time.Duration
	b.Run("polling", func(b *testing.B) {
		api := fakebotapi.New(b, "1:bench")
		startOurs(b, api)
		polling = measureLatency(b, api, func(chat int64) { push(api, chat, "/start") })
	})
	b.Run("webhook", func(b *testing.B) {
		api := fakebotapi.New(b, "1:bench")
		r := startReplica(b, api, redistest.Start(b).URL, replicaOptions{})
		srv := httptest.NewServer(r.hook)
		b.Cleanup(srv.Close)
		var updateID int64
		webhook := measureLatency(b, api, func(chat int64) {
			updateID++
			update := textUpdate(b, updateID, firstChat+chat, "nl", "/start")
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/telegram/hook", bytes.NewReader(update))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", hookSecret)
			resp, err := srv.Client().Do(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("webhook answered %d", resp.StatusCode)
			}
		})
		if polling > 0 {
			b.ReportMetric(float64(webhook)/float64(polling), "vs-polling")
		}
	})
}

// measureLatency sends b.N updates one at a time with send, each after the
// previous one's reply, and returns the time per update. One update first,
// not measured, lets the bot settle (its first poll, its partitions).
func measureLatency(b *testing.B, api *fakebotapi.Server, send func(chat int64)) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	replies := len(api.CallsTo("sendMessage"))
	next := func(i int) {
		send(int64(i % benchChats))
		replies++
		if err := api.WaitCount(ctx, "sendMessage", replies); err != nil {
			b.Fatal(err)
		}
	}
	next(0)
	b.ResetTimer()
	began := time.Now()
	for i := range b.N {
		next(i + 1)
	}
	took := time.Since(began)
	b.StopTimer()
	return took / time.Duration(b.N)
}
