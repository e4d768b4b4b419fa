// Command spreekuurbot is the wijkteams' Telegram bot. Subcommands:
//
//	spreekuurbot run      the bot (TELEGRAM_BOT_TOKEN required)
//	spreekuurbot chat     the same flows in the terminal
//	spreekuurbot check    validate config, flows and locales
//	spreekuurbot report   a year's figures, as a table or CSV
//	spreekuurbot import   a year's figures from the report's CSV
//	spreekuurbot poster   a desk's A4 poster with the QR code of its link
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const usage = `usage: spreekuurbot <command> [flags]

commands:
  run     run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  chat    talk to the bot in this terminal: --lang ar --user 42 [--role volunteer|coordinator] [--now "2026-11-23 10:00"];
          in it, /as [resident|volunteer|coordinator] <user> plays someone else, /clock +2h moves time
  check   validate the configuration, the flows and the locale files: [--config FILE] [--locales DIR] [--content DIR]
  report  a year's figures from the logs: --year 2026 [--format table|csv] [--lang nl]
  import  a year's figures from a CSV file as report writes it: --year 2025 [--dry-run] FILE.csv
  poster  a desk's A4 poster with a QR code that opens the bot there: --location ID --out FILE.pdf|png
          [--bot NAME (default: asked from Telegram with TELEGRAM_BOT_TOKEN)] [--lang nl]
  health  ask the running bot on LISTEN_ADDR whether it is alive [--ready: and ready]; exit 0 or 1

environment:
  TELEGRAM_BOT_TOKEN  the bot's token from @BotFather
  TELEGRAM_API_URL    Bot API base URL (default https://api.telegram.org)
  REDIS_URL           redis://, rediss://, unix://, a cluster (redis://host:port?addr=host2:port2) or
                      Sentinel (redis+sentinel://...?master_name=...) (unset: in-memory, nothing survives a restart)
  SPREEKUUR_CONFIG    TOML configuration (unset: the built-in example, deploy/config.example.toml)
  LISTEN_ADDR         address for /healthz, /readyz and /metrics (default :8080)
  WEBHOOK_URL         https:// URL Telegram posts updates to, served at its path on LISTEN_ADDR
                      (unset: long polling)
  WEBHOOK_SECRET      the secret Telegram sends with each post: 1-256 of A-Z a-z 0-9 _ -
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Main runs one subcommand with the process's environment and returns the
// exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return mainWith(ctx, envFromOS(), args, stdin, stdout, stderr)
}

// mainWith is Main on a given environment; tests call it as the binary
// would be called, on their own clock.
func mainWith(ctx context.Context, env Env, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "run":
		err = runBot(ctx, env, args[1:], stderr)
	case "chat":
		err = runChat(ctx, env, args[1:], stdin, stdout, stderr)
	case "check":
		err = runCheck(env, args[1:], stdout)
	case "health":
		err = runHealth(ctx, env, args[1:], stdout, stderr)
	case "report":
		err = runReport(ctx, env, args[1:], stdout, stderr)
	case "import":
		err = runImport(ctx, env, args[1:], stdout, stderr)
	case "poster":
		err = runPoster(ctx, env, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "spreekuurbot %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// Env is the environment the service reads.
type Env struct {
	Token      string
	APIURL     string
	RedisURL   string
	ConfigPath string
	ListenAddr string
	// WebhookURL and WebhookSecret, both set, switch from long polling to
	// a webhook.
	WebhookURL    string
	WebhookSecret string
	// Now is the application's clock; nil is the real one. Tests set it.
	Now func() time.Time
}

// clock is env's clock.
func (e Env) clock() func() time.Time {
	if e.Now != nil {
		return e.Now
	}
	return time.Now
}

func envFromOS() Env {
	env := Env{
		Token:         os.Getenv("TELEGRAM_BOT_TOKEN"),
		APIURL:        os.Getenv("TELEGRAM_API_URL"),
		RedisURL:      os.Getenv("REDIS_URL"),
		ConfigPath:    os.Getenv("SPREEKUUR_CONFIG"),
		ListenAddr:    os.Getenv("LISTEN_ADDR"),
		WebhookURL:    os.Getenv("WEBHOOK_URL"),
		WebhookSecret: os.Getenv("WEBHOOK_SECRET"),
	}
	if env.ListenAddr == "" {
		env.ListenAddr = ":8080"
	}
	return env
}
