package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/sync/errgroup"

	"spreekuurbot/bot"
	"spreekuurbot/flows"
	"spreekuurbot/ops"
	"spreekuurbot/store"
)

// runBot runs the Telegram bot with long polling, plus the health,
// readiness and metrics endpoints, until ctx ends.
func runBot(ctx context.Context, env Env, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", 8, "chats handled at the same time")
	rateScale := fs.Float64("rate-scale", 1, "multiply Telegram's rate limits (only for tests against a fake Bot API)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if env.Token == "" {
		return errors.New("TELEGRAM_BOT_TOKEN is not set (for the terminal chat: spreekuurbot chat)")
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	store.LogTo(log)
	app, err := OpenApp(ctx, env, appOptions{warn: stderr})
	if err != nil {
		return err
	}
	defer app.Close()
	if env.RedisURL == "" {
		log.Warn("REDIS_URL is not set: in-memory Redis, nothing survives a restart")
	}
	var letters bot.LetterReader
	if app.Letters != nil {
		letters = app.Letters
	} else {
		log.Warn("letters sent as photos are not read here: residents are asked to use the buttons", "reason", app.Unread)
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	secret := app.Store.Secret()
	b, err := bot.New(ctx, bot.Config{
		Token:     env.Token,
		APIURL:    env.APIURL,
		Handler:   app.Engine,
		Texts:     app.Texts,
		Reminders: app.Store,
		Notices:   notices{app.Engine, app.Store},
		// Broadcasts go through the store's durable queue, worded by the
		// flows; the overall rate limit is shared with other replicas.
		Broadcasts:  app.Store,
		Broadcaster: app.Engine,
		Gate:        app.Store,
		Blocked:     app.Store,
		RateScale:   *rateScale,
		Workers:     *workers,
		Log:         log,
		Metrics:     bot.NewMetrics(reg),
		HashID:      func(id int64) string { return store.HashID(secret, id) },
		Now:         app.Now,
		Letters:     letters,

		// WEBHOOK_URL set: webhook mode. The leases keep the reminders,
		// and each inbox partition, on one replica at a time.
		WebhookURL:    env.WebhookURL,
		WebhookSecret: env.WebhookSecret,
		Inbox:         app.Store.Inbox(),
		Leases:        app.Store,
		// SIGTERM ends the process within 10 s: 8 s to finish the updates
		// in hand, the rest to give the leases up.
		ShutdownGrace: 8 * time.Second,
	})
	if err != nil {
		return err
	}
	app.SetBotUsername(b.Username())
	log.Info("starting", "bot", b.Username(), "locations", len(app.Config.Locations), "config", app.Config.Path, "listen", env.ListenAddr, "webhook", env.WebhookURL != "")

	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return b.Run(ctx) })
	mux := ops.Mux(readiness{app.Store, b}, reg)
	if path := b.WebhookPath(); path != "" {
		// Telegram posts to the same server as /healthz and /metrics.
		mux.Handle("POST "+path, b.Webhook())
	}
	g.Go(func() error { return ops.Serve(ctx, env.ListenAddr, mux) })
	return g.Wait()
}

// notices joins what the transport needs to send reminders (the flows'
// words) and to change volunteers' notices later (the store's memory).
type notices struct {
	*flows.Engine
	*store.Store
}

// readiness is ready once the bot takes updates, and while Redis answers:
// a load balancer sends Telegram's posts only to replicas that take them.
type readiness struct {
	store *store.Store
	bot   *bot.Bot
}

func (r readiness) Ping(ctx context.Context) error {
	select {
	case <-r.bot.Ready():
	default:
		return errors.New("not taking updates yet")
	}
	return r.store.Ping(ctx)
}
