// Package bot is the Telegram transport: it takes updates from the Bot API
// (github.com/go-telegram/bot), runs them through the flows one chat at a
// time, and renders the results as messages with inline keyboards, within
// Telegram's rate limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// Handler runs the conversation for one event.
type Handler interface {
	Handle(ctx context.Context, ev flows.Event) (flows.Result, error)
}

// Texts renders message IDs in a language.
type Texts interface {
	Text(lang string, m spreekuurbot.Msg) string
	Languages() []string
}

// Config is what a Bot is built from.
type Config struct {
	Token string
	// APIURL is the Bot API base URL; empty means the official one.
	APIURL  string
	Handler Handler
	Texts   Texts
	// Reminders and Notices send the reminders people asked for; both nil
	// means no reminders are sent by this process.
	Reminders Reminders
	Notices   Notices
	// Broadcasts is the queue of broadcast deliveries and Broadcaster words
	// them; both nil means this process sends no broadcasts.
	Broadcasts  BroadcastQueue
	Broadcaster Broadcaster
	// Consumer names this process in the broadcast queue; default the
	// host name.
	Consumer string
	// QueueWait is how long one read of the broadcast queue waits for new
	// deliveries; default 2 s. A blocked read is not cut short, so
	// shutdown may wait this long for it.
	QueueWait time.Duration
	// Gate, when set, shares the overall rate limit with other replicas.
	Gate SendGate
	// Blocked is told of a chat that blocked the bot, to drop its
	// subscriptions.
	Blocked BlockedChats
	// ReminderEvery is how often due reminders are looked for; default 30 s.
	ReminderEvery time.Duration
	// Coordinators get the coordinator's command menu in their chats from
	// the start (volunteers get theirs when they join).
	Coordinators []int64
	// Workers bounds how many chats are handled at the same time.
	Workers int
	Log     *slog.Logger
	Metrics *Metrics
	// HashID turns a Telegram ID into a keyed hash for logs.
	HashID func(int64) string
	// PollTimeout is the long-polling timeout; default 50 s.
	PollTimeout time.Duration
	// ShutdownGrace bounds how long Run waits for updates in hand after
	// its context ends; default 10 s.
	ShutdownGrace time.Duration
	// RateScale multiplies every rate limit and burst: 1 (the default) is
	// Telegram's limits; benchmarks raise it to measure the code, not the
	// limits.
	RateScale float64
	// Now and Sleep are the clock; tests replace them.
	Now   func() time.Time
	Sleep func(context.Context, time.Duration) error

	// Letters reads letters sent as photos or PDFs; nil means this server
	// does not, and says so (letters.go).
	Letters LetterReader
	// AlbumWait is how long the pages of a letter sent as an album are
	// gathered after the last one came; default 1.5 s.
	AlbumWait time.Duration

	// Webhook mode and replicas (webhook.go, inbox.go, lease.go).
	// WebhookURL and WebhookSecret, both set, make Telegram post updates
	// to WebhookURL instead of the bot polling for them; each is queued in
	// Inbox before it is acknowledged, and read by the replica holding
	// its partition.
	WebhookURL    string
	WebhookSecret string
	Inbox         Inbox
	// Leases, when set, runs the reminders on one replica at a time.
	Leases Leases
	// LeaseTTL is how long a lease (on the reminders, on an inbox
	// partition) outlives its holder's last renewal: how long a dead
	// replica's work waits for another; default 15 s.
	LeaseTTL time.Duration
}

// Bot is the running transport.
type Bot struct {
	cfg      Config
	api      *tgbot.Bot
	log      *slog.Logger
	metrics  *Metrics
	send     *sender
	langs    *spreekuurbot.Languages
	username string
	dispatch *dispatcher
	// replica names this process in leases; accepting is whether the
	// webhook takes updates; ready closes when updates are taken
	// (webhook.go).
	replica   string
	accepting atomic.Bool
	ready     chan struct{}
	// Letters sent as photos (letters.go): albums being gathered, each
	// chat's allowance, and the client that downloads the files.
	letterAlbums albums
	letterMu     sync.Mutex
	letterLimits *chatLimiters
	files        *http.Client
}

// perChatQueue bounds the updates one chat may have waiting.
const perChatQueue = 16

// New connects to the Bot API (getMe) and returns a Bot ready to Run.
func New(ctx context.Context, cfg Config) (*Bot, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	langs, err := spreekuurbot.NewLanguages(cfg.Texts.Languages())
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	b := &Bot{cfg: cfg, log: cfg.Log, metrics: cfg.Metrics, langs: langs,
		send: newSender(cfg.Now, cfg.Sleep, cfg.Metrics, cfg.RateScale)}
	b.replica, b.ready = replicaName(), make(chan struct{})
	b.letterLimits, b.files = newLetterLimits(), &http.Client{Timeout: downloadTimeout}
	b.send.gate = cfg.Gate
	if cfg.Blocked != nil {
		b.send.onBlocked = b.chatBlocked
	}
	opts := []tgbot.Option{
		tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(b.receive),
		// One library worker calling receive synchronously keeps the
		// updates in Telegram's order; our dispatcher adds concurrency
		// across chats without losing the order within one.
		tgbot.WithNotAsyncHandlers(),
		tgbot.WithWorkers(1),
		tgbot.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: cfg.PollTimeout + 10*time.Second}),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates{"message", "callback_query"}),
		tgbot.WithErrorsHandler(func(err error) {
			b.log.Warn("bot api", "err", redact(err.Error(), cfg.Token))
		}),
	}
	if cfg.APIURL != "" {
		opts = append(opts, tgbot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")))
	}
	if b.api, err = tgbot.New(cfg.Token, opts...); err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	me, err := b.api.GetMe(ctx)
	if err != nil {
		return nil, fmt.Errorf("bot: getMe: %s", redact(err.Error(), cfg.Token))
	}
	b.username = me.Username
	return b, nil
}

// complete checks what a Bot cannot run without and fills in the
// defaults of the rest.
func (cfg *Config) complete() error {
	if cfg.Token == "" {
		return errors.New("bot: TELEGRAM_BOT_TOKEN is empty")
	}
	if cfg.Handler == nil || cfg.Texts == nil {
		return errors.New("bot: handler and texts are required")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	if cfg.HashID == nil {
		return errors.New("bot: HashID is required: logs never carry raw IDs")
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 50 * time.Second
	}
	if cfg.ReminderEvery <= 0 {
		cfg.ReminderEvery = 30 * time.Second
	}
	if (cfg.Reminders == nil) != (cfg.Notices == nil) {
		return errors.New("bot: reminders and notices go together")
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if err := cfg.checkReplicas(); err != nil {
		return err
	}
	if (cfg.Broadcasts == nil) != (cfg.Broadcaster == nil) {
		return errors.New("bot: broadcasts and broadcaster go together")
	}
	if cfg.Consumer == "" {
		cfg.Consumer = defaultConsumer()
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = defaultQueueWait
	}
	if cfg.RateScale <= 0 {
		cfg.RateScale = 1
	}
	if cfg.AlbumWait <= 0 {
		cfg.AlbumWait = defaultAlbumWait
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepContext
	}
	return nil
}

// Username is the bot's @name without the @, for deep links.
func (b *Bot) Username() string { return b.username }

// Run serves updates by long polling until ctx ends, then finishes the
// updates in hand (bounded by ShutdownGrace).
func (b *Bot) Run(ctx context.Context) error {
	if err := b.chooseUpdateSource(ctx); err != nil {
		return err
	}
	b.setDefaultCommands(ctx)
	for _, id := range b.cfg.Coordinators {
		if err := b.setChatCommands(ctx, id, flows.SetCommands{Role: spreekuurbot.Coordinator, Lang: spreekuurbot.SourceLanguage}); err != nil {
			b.logSendError("coordinator commands", id, err)
		}
	}

	// Updates in hand get their replies even while shutting down, until
	// the grace period ends.
	jobs, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	b.dispatch = newDispatcher(jobs, b.cfg.Workers, perChatQueue, b.cfg.Now, b.cfg.RateScale)
	remindersDone := make(chan struct{})
	go func() {
		defer close(remindersDone)
		if b.cfg.Reminders != nil {
			b.underLease(ctx, "reminders", func(ctx context.Context) { b.sendReminders(ctx, b.cfg.ReminderEvery) })
		}
	}()
	broadcastsDone := make(chan struct{})
	go func() {
		defer close(broadcastsDone)
		if b.cfg.Broadcasts != nil {
			b.sendBroadcasts(ctx)
		}
	}()
	inbox := b.takeUpdates(ctx) // long polling, or the webhook's inbox
	<-remindersDone
	<-broadcastsDone

	done := make(chan struct{})
	go func() { b.dispatch.wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.ShutdownGrace):
		stopJobs()
		<-done
	}
	inbox.close() // the partitions go to other replicas at once
	return nil
}

// receive is called by the library for each update, in order.
func (b *Bot) receive(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
	in, ok := convert(u)
	if !ok {
		return
	}
	b.metrics.updates.WithLabelValues(in.event.Kind.String()).Inc()
	wait, ok := b.dispatch.admit(in.chatID)
	if !ok {
		b.metrics.dropped.WithLabelValues("flood").Inc()
		b.release(ctx, in)
		return
	}
	at := b.cfg.Now().Add(wait)
	job := func(ctx context.Context) {
		// An update that came quicker than the flood guard's pace waits
		// for its moment, with the worker's slot given to other chats.
		if d := at.Sub(b.cfg.Now()); d > 0 {
			var err error
			outside(ctx, func() { err = b.cfg.Sleep(ctx, d) })
			if err != nil {
				b.letterAlbums.leave(in.chatID, in.letter)
				return
			}
		}
		b.handle(ctx, in)
	}
	b.letterAlbums.note(in.chatID, in.letter)
	if !b.dispatch.submit(in.chatID, job) {
		b.metrics.dropped.WithLabelValues("queue_full").Inc()
		b.letterAlbums.leave(in.chatID, in.letter)
		b.release(ctx, in)
	}
}

// release answers a dropped button press without a word, so the person's
// spinner stops; a dropped message gets silence.
func (b *Bot) release(ctx context.Context, in incoming) {
	if in.callbackID == "" {
		return
	}
	go b.answer(context.WithoutCancel(ctx), in, "")
}

// handle runs one update through the flows and sends the result.
func (b *Bot) handle(ctx context.Context, in incoming) {
	start := b.cfg.Now()
	defer func() { b.metrics.duration.Observe(b.cfg.Now().Sub(start).Seconds()) }()
	if in.letter != nil && !b.readLetter(ctx, &in) {
		return // a page of an album another page's job read
	}

	res, err := b.cfg.Handler.Handle(ctx, in.event)
	if err != nil {
		b.log.Error("handle update", "user", b.cfg.HashID(in.event.UserID), "kind", in.event.Kind.String(), "err", err)
		b.apologise(ctx, in)
		return
	}
	if in.callbackID != "" {
		notice := ""
		if res.Notice != nil {
			notice = b.cfg.Texts.Text(res.Lang, *res.Notice)
		}
		b.answer(ctx, in, notice)
	}
	for _, r := range res.Replies {
		if err := b.reply(ctx, in, res.Lang, r); err != nil {
			b.logSendError("reply", in.event.UserID, err)
			return
		}
	}
	// Messages to other people (volunteers told of an appointment) go
	// after the person's own reply, through the same limits.
	for _, out := range res.Outbox {
		b.notify(ctx, "notify", out)
	}
	for _, e := range res.Effects {
		if en, ok := e.(flows.EditNotices); ok && b.cfg.Notices != nil {
			b.editNotices(ctx, en)
		}
		if sc, ok := e.(flows.SetCommands); ok {
			if err := b.setChatCommands(ctx, in.chatID, sc); err != nil {
				b.logSendError("set commands", in.event.UserID, err)
			}
		}
	}
}

// notify sends a message to someone other than the person who acted (a
// volunteer told of an appointment, a resident offered a freed time),
// unless they blocked the bot.
func (b *Bot) notify(ctx context.Context, what string, out flows.Outgoing) {
	if b.blocked(ctx, out.To.UserID) {
		return
	}
	to := incoming{chatID: out.To.UserID, event: flows.Event{UserID: out.To.UserID}}
	id, err := b.replySent(ctx, to, out.To.Lang, out.Reply)
	if err != nil {
		b.logSendError(what, out.To.UserID, err)
		return
	}
	if out.Booking != "" && b.cfg.Notices != nil && id != 0 {
		if err := b.cfg.Notices.Notified(ctx, out.Booking, out.To.UserID, id, out.To.Lang); err != nil {
			b.log.Warn("record notice", "err", err)
		}
	}
}

// editNotices changes the other volunteers' notices of a booking, once
// one of them took it.
func (b *Bot) editNotices(ctx context.Context, en flows.EditNotices) {
	sent, err := b.cfg.Notices.NotifiedMessages(ctx, en.Booking)
	if err != nil {
		b.log.Warn("read notices", "err", err)
		return
	}
	for _, m := range sent {
		if m.To.UserID == en.Except || b.blocked(ctx, m.To.UserID) {
			continue
		}
		in := incoming{chatID: m.To.UserID, messageID: m.MessageID, event: flows.Event{UserID: m.To.UserID}}
		if err := b.reply(ctx, in, m.To.Lang, flows.Reply{Edit: true, Text: []spreekuurbot.Msg{en.Msg}}); err != nil {
			b.logSendError("edit notice", m.To.UserID, err)
		}
	}
}

// apologise tells the person, in their client's language, that something
// is wrong on our side. The texts are in memory, so this works with Redis
// down.
func (b *Bot) apologise(ctx context.Context, in incoming) {
	lang, ok := b.langs.Match(in.event.LanguageCode)
	if !ok {
		lang = "en"
	}
	text := b.cfg.Texts.Text(lang, spreekuurbot.Msg{ID: flows.MsgErrorUnavailable})
	if in.callbackID != "" {
		b.answer(ctx, in, text)
		return
	}
	if err := b.reply(ctx, in, lang, flows.Reply{Text: []spreekuurbot.Msg{{ID: flows.MsgErrorUnavailable}}}); err != nil {
		b.logSendError("apology", in.event.UserID, err)
	}
}

// BlockedChats marks a chat that blocked the bot, and says whether one
// is marked: the bot writes to such a chat on its own no more (notices,
// reminders, broadcasts) until the person writes to the bot again.
type BlockedChats interface {
	ChatBlocked(ctx context.Context, userID int64) error
	Blocked(ctx context.Context, userID int64) (bool, error)
}

// blocked reports whether the chat is marked as having blocked the bot.
// When that cannot be read, the message is tried: Telegram answers 403
// if it must.
func (b *Bot) blocked(ctx context.Context, chatID int64) bool {
	if b.cfg.Blocked == nil {
		return false
	}
	blocked, err := b.cfg.Blocked.Blocked(ctx, chatID)
	return err == nil && blocked
}

func (b *Bot) chatBlocked(chatID int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.cfg.Blocked.ChatBlocked(ctx, chatID); err != nil {
		b.log.Warn("forget blocked chat", "user", b.cfg.HashID(chatID), "err", err)
	}
}

func (b *Bot) logSendError(what string, userID int64, err error) {
	level := slog.LevelWarn
	if errors.Is(err, errBlocked) {
		level = slog.LevelInfo
	}
	b.log.Log(context.Background(), level, what, "user", b.cfg.HashID(userID), "err", redact(err.Error(), b.cfg.Token))
}

// redact keeps the token out of logs: the library puts it in URLs.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}
