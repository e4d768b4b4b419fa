package main

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/intent"
	"spreekuurbot/letters"
	"spreekuurbot/locales"
	"spreekuurbot/ocr"
	"spreekuurbot/reading"
	"spreekuurbot/store"
)

// App is the wired service that run and chat share, and that end-to-end
// tests build the same way.
type App struct {
	Config *config.Config
	Texts  *locales.Catalog
	Store  *store.Store
	Engine *flows.Engine
	// Now is the application's clock: Env.Now, or chat's --now.
	Now func() time.Time
	// Letters reads letters sent as photos or PDFs; nil when this server
	// cannot (no Tesseract with Dutch, or no poppler), and Unread says
	// why.
	Letters *reading.Reader
	Unread  error

	embedded    *store.Embedded
	botUsername atomic.Value // string
}

// SetBotUsername names the bot in invite links.
func (a *App) SetBotUsername(name string) { a.botUsername.Store(name) }

type appOptions struct {
	// roles, when set, gives the users it reports a role of its own (the
	// chat's --role and /as); the others have the role the config gives.
	roles func(userID int64) (spreekuurbot.Role, bool)
	warn  io.Writer
	now   func() time.Time // nil: the environment's clock
}

// OpenApp loads config and locales, connects to Redis (or starts the
// embedded one, with a loud warning) and builds the flows engine.
func OpenApp(ctx context.Context, env Env, opts appOptions) (*App, error) {
	cfg, err := loadConfig(env.ConfigPath)
	if err != nil {
		return nil, err
	}
	texts, err := locales.Load()
	if err != nil {
		return nil, err
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		return nil, err
	}
	if err := texts.Check(flows.Messages(trees)); err != nil {
		return nil, err
	}
	understand, err := intent.New(texts.Keywords(), flows.Ancestors(trees))
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Texts: texts, Now: opts.now}
	if a.Now == nil {
		a.Now = env.clock()
	}
	// The terminal has no bot name; run sets the real one after getMe.
	a.botUsername.Store("spreekuur_bot")
	url := env.RedisURL
	if url == "" {
		if a.embedded, err = store.StartEmbedded(); err != nil {
			return nil, err
		}
		url = a.embedded.URL()
		if opts.warn != nil {
			fmt.Fprintln(opts.warn, "WARNING: REDIS_URL is not set: using an in-memory Redis. NOTHING SURVIVES A RESTART.")
		}
	}
	if a.Store, err = store.Open(ctx, url); err != nil {
		a.Close()
		return nil, err
	}
	rec, err := letters.New()
	if err != nil {
		a.Close()
		return nil, err
	}
	a.Letters = reading.New(ocr.New(ocr.Config{}), rec, cfg.Zone)
	if a.Unread = a.Letters.Available(ctx); a.Unread != nil {
		a.Letters = nil
	}
	a.Engine, err = flows.New(flows.Config{
		Sessions:      a.Store,
		Roles:         roles{cfg: cfg, given: opts.roles},
		Subscriptions: a.Store,
		Reminders:     a.Store,
		Bookings:      a.Store,
		Privacy:       a.Store,
		Volunteers:    a.Store,
		Logs:          a.Store,
		Desk:          a.Store,
		Visits:        a.Store,
		Team:          a.Store,
		Overlays:      a.Store,
		Broadcasts:    a.Store,
		Deliveries:    a.Store,
		Imports:       a.Store,
		Waitlist:      a.Store,
		BotUsername:   func() string { return a.botUsername.Load().(string) },
		Languages:     texts.Languages(),
		Secret:        a.Store.Secret(),
		Locations:     cfg.Locations,
		Trees:         trees,
		Zone:          cfg.Zone,
		Coordinators:  cfg.Coordinators,
		ConfirmWithin: cfg.ConfirmWithin,
		ReadsLetters:  a.Letters != nil,
		Now:           a.Now,
		Understand:    understand,
	})
	if err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Close releases Redis and stops the embedded server.
func (a *App) Close() {
	if a.Store != nil {
		a.Store.Close()
	}
	if a.embedded != nil {
		a.embedded.Close()
	}
}

func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	}
	return config.Load(path)
}

// roles grants the coordinators listed in the config; the flows learn who
// volunteers from the session, which the store loads with it.
type roles struct {
	cfg   *config.Config
	given func(userID int64) (spreekuurbot.Role, bool)
}

func (r roles) Role(_ context.Context, userID int64) (spreekuurbot.Role, error) {
	if r.given != nil {
		if role, ok := r.given(userID); ok {
			return role, nil
		}
	}
	return r.cfg.Role(userID), nil
}
