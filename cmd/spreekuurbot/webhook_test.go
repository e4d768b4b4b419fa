package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
)

// TestRunWebhook is `spreekuurbot run` in webhook mode: Telegram's post,
// with the secret, to WEBHOOK_URL's path on LISTEN_ADDR is answered; then
// SIGTERM (the context Main gets ends) and the process exits within 10 s
// with its leases given up.
func TestRunWebhook(t *testing.T) {
	const secret = "run-test_SECRET"
	api := fakebotapi.New(t, "42:webhook-test")
	redisURL := redistest.Start(t).URL
	addr := freeAddr(t)
	runEnv(t, api, redisURL, addr)
	t.Setenv("WEBHOOK_URL", "https://bot.example.org/telegram/updates")
	t.Setenv("WEBHOOK_SECRET", secret)

	run := startRun(t)
	logs, exited := &run.logs, run.exited
	wait, stop := context.WithTimeout(context.Background(), 20*time.Second)
	defer stop()
	go func() {
		select {
		case <-exited:
			stop() // a failed start fails the test at once
		case <-wait.Done():
		}
	}()

	const chat = 321
	update, err := json.Marshal(models.Update{ID: 1, Message: &models.Message{
		ID: 1, Date: int(time.Now().Unix()),
		From: &models.User{ID: chat, FirstName: "T", LanguageCode: "nl"},
		Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}, Text: "/start",
	}})
	if err != nil {
		t.Fatal(err)
	}
	hook := "http://" + addr + "/telegram/updates"
	// The server and the bot start side by side: post until they both
	// take it, as Telegram does.
	for status := 0; status != http.StatusOK; {
		if status = postUpdate(t, wait, hook, secret, update); status != http.StatusOK {
			select {
			case <-wait.Done():
				t.Fatalf("the webhook never took the update (last status %d):\n%s", status, logs.String())
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	if _, err := api.WaitSent(wait, chat, "sendMessage", 1); err != nil {
		t.Fatalf("no answer: %v\n%s", err, logs.String())
	}
	if got := postUpdate(t, wait, hook, "wrong", update); got != http.StatusUnauthorized {
		t.Errorf("a post with a wrong secret: status %d, want 401", got)
	}
	if calls := api.CallsTo("setWebhook"); len(calls) != 1 || calls[0].Params["secret_token"] != secret {
		t.Errorf("setWebhook calls: %v", calls)
	}

	run.sigterm()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		t.Fatal("run did not exit within 10 s of SIGTERM")
	}
	opts, err := redis.ParseURL(redisURL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	if leases, err := rdb.Keys(context.Background(), "*:lease").Result(); err != nil || len(leases) != 0 {
		t.Errorf("leases left after exit: %q (%v)", leases, err)
	}
}

// postUpdate posts as Telegram does; 0 means no connection (yet).
func postUpdate(t *testing.T, ctx context.Context, url, secret string, update []byte) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(update))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
