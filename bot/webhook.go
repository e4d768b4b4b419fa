package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Webhook mode. With WebhookURL set, Telegram posts each update to it; the
// replica that gets the post queues the update durably in the Inbox and
// only then answers 200, so an acknowledged update survives the replica.
// The replica that holds the update's partition takes it from there
// (inbox.go). The go-telegram/bot library's own webhook handler is not
// used: it answers 200 to a wrong secret and keeps updates in memory only.

// secretTokenPattern is what Telegram accepts as a webhook secret_token.
var secretTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// maxUpdateSize bounds a posted update: Telegram's are a few kilobytes.
const maxUpdateSize = 1 << 20

// apologyTimeout bounds the apology sent while the inbox is unreachable:
// Telegram waits for the answer to its post meanwhile, and a shutdown
// waits 5 s for the posts in hand (ops.Serve).
const apologyTimeout = 5 * time.Second

// checkReplicas checks the webhook settings and fills in the lease
// defaults.
func (c *Config) checkReplicas() error {
	if c.LeaseTTL <= 0 {
		c.LeaseTTL = defaultLeaseTTL
	}
	if (c.WebhookURL == "") != (c.WebhookSecret == "") {
		return errors.New("bot: WEBHOOK_URL and WEBHOOK_SECRET go together: set both for a webhook, neither for long polling")
	}
	if c.WebhookURL == "" {
		return nil
	}
	if !secretTokenPattern.MatchString(c.WebhookSecret) {
		return errors.New("bot: WEBHOOK_SECRET must be 1 to 256 characters, each A-Z, a-z, 0-9, _ or -, as Telegram requires")
	}
	if u, err := url.Parse(c.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
		return errors.New("bot: WEBHOOK_URL must be an https:// URL: Telegram posts only to those")
	}
	if c.Inbox == nil {
		return errors.New("bot: a webhook needs the inbox in Redis to queue updates")
	}
	return nil
}

// WebhookPath is the path the webhook is served at, WebhookURL's; empty in
// long-polling mode.
func (b *Bot) WebhookPath() string {
	if b.cfg.WebhookURL == "" {
		return ""
	}
	u, _ := url.Parse(b.cfg.WebhookURL) // checked in New
	if u.Path == "" {
		return "/"
	}
	return u.Path
}

// Webhook is the handler for the updates Telegram posts, to be served at
// WebhookPath. It answers 503 until Run has started and once Run's context
// has ended: Telegram then posts the update again, to this or another
// replica.
func (b *Bot) Webhook() http.Handler { return http.HandlerFunc(b.serveWebhook) }

// Webhook outcomes, the label of spreekuurbot_webhook_requests_total.
const (
	webhookQueued       = "queued"       // in the inbox, 200
	webhookDuplicate    = "duplicate"    // update_id queued before, 200
	webhookIgnored      = "ignored"      // nothing for the bot (a group, an edit), 200
	webhookFlood        = "flood"        // the chat's flood guard dropped it, 200
	webhookUnauthorized = "unauthorized" // wrong or no secret, 401
	webhookUnavailable  = "unavailable"  // starting or shutting down, 503
	webhookBadRequest   = "bad_request"  // not an update, 400
	webhookError        = "error"        // the inbox was unreachable: apologised, 200
)

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	// The secret first, in constant time: a post without it touches
	// nothing, not even the body.
	secret := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
	if subtle.ConstantTimeCompare([]byte(secret), []byte(b.cfg.WebhookSecret)) != 1 {
		b.webhookOutcome(w, webhookUnauthorized, http.StatusUnauthorized)
		return
	}
	if !b.accepting.Load() {
		w.Header().Set("Retry-After", "1")
		b.webhookOutcome(w, webhookUnavailable, http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateSize))
	if err != nil {
		b.webhookOutcome(w, webhookBadRequest, http.StatusBadRequest)
		return
	}
	var u models.Update
	if err := json.Unmarshal(body, &u); err != nil || u.ID == 0 {
		b.webhookOutcome(w, webhookBadRequest, http.StatusBadRequest)
		return
	}
	in, ok := convert(&u)
	if !ok {
		b.webhookOutcome(w, webhookIgnored, http.StatusOK)
		return
	}
	// The flood guard judges when an update arrives, as in long polling,
	// not when it is read: updates replayed after a replica died would
	// otherwise look like a flood. Any replica may handle the update, so
	// its wait is not carried to the handling; the guard still drops what
	// comes faster than it lets through.
	if _, ok := b.dispatch.admit(in.chatID); !ok {
		b.metrics.dropped.WithLabelValues("flood").Inc()
		b.release(r.Context(), in)
		b.webhookOutcome(w, webhookFlood, http.StatusOK)
		return
	}
	added, err := b.cfg.Inbox.Add(r.Context(), in.chatID, u.ID, body)
	switch {
	case err != nil:
		// Redis is down. The person hears so now, from the texts in
		// memory, and the update is acknowledged and dropped, as it is in
		// long polling when the flows cannot reach Redis. Answering 5xx
		// instead would have Telegram retry with growing pauses and hold
		// back the bot's later updates meanwhile; when Redis is back the
		// person would get late answers to questions they had given up
		// on, and nothing could be done for them meanwhile anyway: every
		// flow needs Redis.
		b.log.Error("queue update", "user", b.cfg.HashID(in.event.UserID), "err", err)
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), apologyTimeout)
		b.apologise(ctx, in)
		cancel()
		b.webhookOutcome(w, webhookError, http.StatusOK)
	case !added:
		b.webhookOutcome(w, webhookDuplicate, http.StatusOK)
	default:
		b.webhookOutcome(w, webhookQueued, http.StatusOK)
	}
}

func (b *Bot) webhookOutcome(w http.ResponseWriter, outcome string, status int) {
	b.metrics.webhook.WithLabelValues(outcome).Inc()
	if status != http.StatusOK {
		http.Error(w, http.StatusText(status), status)
	}
}

// chooseUpdateSource tells Telegram how the updates come: posted to the
// webhook, or fetched by long polling (which Telegram refuses while a
// webhook is set).
func (b *Bot) chooseUpdateSource(ctx context.Context) error {
	if b.cfg.WebhookURL == "" {
		if _, err := b.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			return fmt.Errorf("delete webhook: %s", redact(err.Error(), b.cfg.Token))
		}
		return nil
	}
	_, err := b.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:            b.cfg.WebhookURL,
		SecretToken:    b.cfg.WebhookSecret,
		AllowedUpdates: []string{"message", "callback_query"},
	})
	if err != nil {
		return fmt.Errorf("set webhook: %s", redact(redact(err.Error(), b.cfg.Token), b.cfg.WebhookSecret))
	}
	return nil
}

// Ready is closed once Run takes updates: it has told Telegram how, and
// the webhook accepts them. Readiness checks and tests wait for it.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// takeUpdates takes updates until ctx ends: by long polling, or from the
// inbox the webhook fills. In webhook mode it returns the inbox reader,
// which still holds its partitions: close it once the updates in hand are
// done.
func (b *Bot) takeUpdates(ctx context.Context) *inboxReader {
	if b.cfg.WebhookURL == "" {
		b.log.Info("polling for updates", "bot", b.username)
		close(b.ready)
		b.api.Start(ctx)
		return nil
	}
	r := newInboxReader(b)
	b.log.Info("taking updates from the webhook", "bot", b.username, "replica", b.replica)
	b.accepting.Store(true)
	close(b.ready)
	r.run(ctx)
	b.accepting.Store(false)
	return r
}
