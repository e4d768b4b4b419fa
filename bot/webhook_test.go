package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/bot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/locales"
	"spreekuurbot/store"
)

const (
	hookURL    = "https://bot.example.org/telegram/hook"
	hookSecret = "s3cret_-Token"
)

// replica is one bot process in webhook mode, as run.go wires it: its own
// store client of the shared Redis, the real flows unless a test handler
// stands in, the webhook handler it serves.
type replica struct {
	bot     *bot.Bot
	st      *store.Store
	texts   *locales.Catalog
	hook    http.Handler
	metrics *bot.Metrics
	reg     *prometheus.Registry
	// stop ends Run as SIGTERM does and waits until it has returned.
	stop func()
}

type replicaOptions struct {
	// handler wraps the flows engine; nil: the engine itself.
	handler  func(*flows.Engine) bot.Handler
	leaseTTL time.Duration
	log      io.Writer
	// reminders: this replica sends reminders too, looking every 5 ms.
	reminders bool
}

func startReplica(t testing.TB, api *fakebotapi.Server, redisURL string, opts replicaOptions) *replica {
	t.Helper()
	ctx := context.Background()
	st, texts, engine := newStack(t, redisURL, nil)
	var handler bot.Handler = engine
	if opts.handler != nil {
		handler = opts.handler(engine)
	}
	if opts.log == nil {
		opts.log = logOut()
	}
	reg := prometheus.NewRegistry()
	metrics := bot.NewMetrics(reg)
	cfg := bot.Config{
		Token: api.Token(), APIURL: api.URL(), Handler: handler, Texts: texts,
		Log: slog.New(slog.NewTextHandler(opts.log, nil)), Metrics: metrics,
		HashID:     func(id int64) string { return store.HashID(st.Secret(), id) },
		WebhookURL: hookURL, WebhookSecret: hookSecret, Inbox: st.Inbox(), Leases: st, LeaseTTL: opts.leaseTTL,
		RateScale: 1e6, Now: testclock.Now,
	}
	if opts.reminders {
		cfg.Reminders, cfg.Notices, cfg.ReminderEvery = st, testNotices{engine, st}, 5*time.Millisecond
	}
	b, err := bot.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(runCtx) }()
	var once sync.Once
	r := &replica{bot: b, st: st, texts: texts, hook: b.Webhook(), metrics: metrics, reg: reg, stop: func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}}
	t.Cleanup(r.stop)
	select {
	case <-b.Ready():
	case err := <-done:
		t.Fatalf("Run returned before it took updates: %v", err)
	}
	return r
}

// post posts an update to the replica's webhook as Telegram does and
// returns the status.
func (r *replica) post(t testing.TB, secret string, update []byte) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/telegram/hook", bytes.NewReader(update))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	rec := httptest.NewRecorder()
	r.hook.ServeHTTP(rec, req)
	return rec.Code
}

// textUpdate is an update with a text message from chat, as Telegram posts
// it.
func textUpdate(t testing.TB, id, chat int64, lang, text string) []byte {
	t.Helper()
	raw, err := json.Marshal(models.Update{ID: id, Message: &models.Message{
		ID: int(id), Date: int(time.Now().Unix()), From: user(chat, lang),
		Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}, Text: text,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func rawRedis(t testing.TB, url string) *redis.Client {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { c.Close() })
	return c
}

// inboxKeys lists what the inbox keeps in Redis, leases and heartbeats
// aside: queued updates and remembered update IDs.
func inboxKeys(t *testing.T, rdb *redis.Client) []string {
	t.Helper()
	var out []string
	keys, err := rdb.Keys(context.Background(), "{in:*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.HasSuffix(k, ":lease") {
			continue
		}
		if strings.HasSuffix(k, ":q") {
			if n, _ := rdb.XLen(context.Background(), k).Result(); n == 0 {
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

func waitCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestWebhookSecret: a post without the right secret gets 401 and leaves
// nothing behind; with it, the update is queued and answered.
func TestWebhookSecret(t *testing.T) {
	api := fakebotapi.New(t, token)
	srv := redistest.Start(t)
	r := startReplica(t, api, srv.URL, replicaOptions{})
	rdb := rawRedis(t, srv.URL)

	const chat = 4711
	tests := []struct {
		name   string
		secret string
	}{
		{"no secret", ""},
		{"wrong secret", "s3cret_-Tokem"},
		{"a prefix of the secret", hookSecret[:5]},
		{"the secret and more", hookSecret + "x"},
		{"another case", strings.ToLower(hookSecret)},
	}
	for i, tt := range tests {
		if code := r.post(t, tt.secret, textUpdate(t, int64(i+1), chat, "nl", "/start")); code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", tt.name, code)
		}
	}
	if keys := inboxKeys(t, rdb); len(keys) != 0 {
		t.Errorf("unauthorized posts left %q in Redis", keys)
	}
	if code := r.post(t, hookSecret, textUpdate(t, 1, chat, "nl", "/start")); code != http.StatusOK {
		t.Fatalf("with the secret: status %d", code)
	}
	calls, err := api.WaitSent(waitCtx(t), chat, "sendMessage", 1)
	if err != nil {
		t.Fatal(err)
	}
	if home := r.texts.Text("nl", spreekuurbot.Msg{ID: flows.MsgHomeText, Count: 8, Args: map[string]any{"Count": 8}}); calls[0].Params["text"] != home {
		t.Errorf("reply %.60q, want the home screen", calls[0].Params["text"])
	}
	if n := counter(t, r, "spreekuurbot_webhook_requests_total", "outcome", "unauthorized"); n != float64(len(tests)) {
		t.Errorf("unauthorized counted %v times, want %d", n, len(tests))
	}
}

// counter is the value of a counter of r's metrics with the given label.
func counter(t *testing.T, r *replica, name, label, value string) float64 {
	t.Helper()
	families, err := r.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if f.GetName() == name && l.GetName() == label && l.GetValue() == value {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

// TestWebhookSetUp: Telegram is told the URL, the secret and the two kinds
// of update the bot reads.
func TestWebhookSetUp(t *testing.T) {
	api := fakebotapi.New(t, token)
	startReplica(t, api, redistest.Start(t).URL, replicaOptions{})
	calls := api.CallsTo("setWebhook")
	if len(calls) != 1 {
		t.Fatalf("%d setWebhook calls, want 1", len(calls))
	}
	p := calls[0].Params
	if p["url"] != hookURL || p["secret_token"] != hookSecret || p["allowed_updates"] != `["message","callback_query"]` {
		t.Errorf("setWebhook %v", p)
	}
	if n := len(api.CallsTo("deleteWebhook")); n != 0 {
		t.Errorf("deleteWebhook called %d times in webhook mode", n)
	}
}

// TestWebhookConfig: a webhook set up in a way Telegram would refuse, or
// half set up, stops the start with a clear error.
func TestWebhookConfig(t *testing.T) {
	api := fakebotapi.New(t, token)
	st, texts, _ := newStack(t, redistest.Start(t).URL, nil)
	tests := []struct {
		name, url, secret string
		inbox             bool
		want              string
	}{
		{"url without secret", hookURL, "", true, "go together"},
		{"secret without url", "", hookSecret, true, "go together"},
		{"space in secret", hookURL, "my secret", true, "WEBHOOK_SECRET must be"},
		{"dot in secret", hookURL, "a.b", true, "WEBHOOK_SECRET must be"},
		{"secret too long", hookURL, strings.Repeat("a", 257), true, "WEBHOOK_SECRET must be"},
		{"plain http", "http://bot.example.org/hook", hookSecret, true, "https"},
		{"no inbox", hookURL, hookSecret, false, "inbox"},
		{"longest secret", hookURL, strings.Repeat("a", 256), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := bot.Config{
				Token: api.Token(), APIURL: api.URL(), Handler: newEngine(t, st, texts, nil), Texts: texts,
				HashID:     func(id int64) string { return "x" },
				WebhookURL: tt.url, WebhookSecret: tt.secret,
			}
			if tt.inbox {
				cfg.Inbox = st.Inbox()
			}
			_, err := bot.New(context.Background(), cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one saying %q", err, tt.want)
			case err != nil && tt.secret != "" && strings.Contains(err.Error(), tt.secret):
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}

// TestWebhookRedisDown: with Redis unreachable, the person is told at
// once, in their language, from the texts in memory, and Telegram gets its
// 200: nothing would come of retrying before Redis is back.
func TestWebhookRedisDown(t *testing.T) {
	api := fakebotapi.New(t, token)
	srv := redistest.Start(t)
	r := startReplica(t, api, srv.URL, replicaOptions{})
	srv.Stop()
	const chat = 815
	if code := r.post(t, hookSecret, textUpdate(t, 1, chat, "ar", "/start")); code != http.StatusOK {
		t.Errorf("status %d, want 200", code)
	}
	calls, err := api.WaitSent(waitCtx(t), chat, "sendMessage", 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := r.texts.Text("ar", spreekuurbot.Msg{ID: flows.MsgErrorUnavailable}); calls[0].Params["text"] != want {
		t.Errorf("told %.80q, want the apology %.80q", calls[0].Params["text"], want)
	}
}

// TestWebhookShutdown: once its context ends (SIGTERM), a replica answers
// 503, so that Telegram posts again, finishes what it had, and gives its
// leases up at once.
func TestWebhookShutdown(t *testing.T) {
	api := fakebotapi.New(t, token)
	srv := redistest.Start(t)
	r := startReplica(t, api, srv.URL, replicaOptions{})
	rdb := rawRedis(t, srv.URL)
	const chats = 20
	for c := range int64(chats) {
		if code := r.post(t, hookSecret, textUpdate(t, c+1, 600+c, "en", "/start")); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	if keys, _ := rdb.Keys(context.Background(), "{in:*}:lease").Result(); len(keys) == 0 {
		t.Error("no partition is leased while running")
	}
	r.stop()
	// Each update was answered or is still queued for another replica;
	// none is left half done (read, not acknowledged).
	answered := len(api.CallsTo("sendMessage"))
	queued, pending := 0, 0
	for p := range store.InboxPartitions {
		key := fmt.Sprintf("{in:%d}:q", p)
		n, _ := rdb.XLen(context.Background(), key).Result()
		queued += int(n)
		if info, err := rdb.XPending(context.Background(), key, "bot").Result(); err == nil {
			pending += int(info.Count)
		}
	}
	if answered+queued != chats || pending != 0 {
		t.Errorf("after shutdown: %d answered, %d queued, %d read and not acknowledged; want %d answered or queued, none pending", answered, queued, pending, chats)
	}
	if code := r.post(t, hookSecret, textUpdate(t, 100, 600, "en", "/start")); code != http.StatusServiceUnavailable {
		t.Errorf("after shutdown: status %d, want 503", code)
	}
	if keys, _ := rdb.Keys(context.Background(), "*:lease").Result(); len(keys) != 0 {
		t.Errorf("leases left after shutdown: %q", keys)
	}
	if n, _ := rdb.ZCard(context.Background(), "{in}:replicas").Result(); n != 0 {
		t.Errorf("%d replicas still counted after shutdown", n)
	}
}
