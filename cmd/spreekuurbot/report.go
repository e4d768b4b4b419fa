package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// runReport prints a year's figures, computed from the logs in Redis, as a
// table or as CSV: the same figures /stats gives a coordinator.
func runReport(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "the year to report (default: this year)")
	format := fs.String("format", "table", "table or csv")
	lang := fs.String("lang", spreekuurbot.SourceLanguage, "language of the labels")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "table" && *format != "csv" {
		return fmt.Errorf("--format %q: want table or csv", *format)
	}
	if env.RedisURL == "" {
		return errors.New("REDIS_URL is not set: the figures are in the bot's Redis")
	}
	app, err := OpenApp(ctx, env, appOptions{})
	if err != nil {
		return err
	}
	defer app.Close()
	now := app.Now().In(app.Config.Zone)
	if *year == 0 {
		*year = now.Year()
	}
	f, err := spreekuurbot.LoadFigures(ctx, app.Store, app.Store, app.Store, *year, now)
	if err != nil {
		return err
	}
	render := func(m spreekuurbot.Msg) string { return app.Texts.Text(*lang, m) }
	if *format == "csv" {
		_, err = stdout.Write(flows.FiguresCSV(f, app.Config.Locations, render))
		return err
	}
	_, err = io.WriteString(stdout, flows.FiguresTable(f, app.Config.Locations, render))
	return err
}
