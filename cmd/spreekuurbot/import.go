package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

// maxImportFile bounds the file read: a year's figures are a few kB.
const maxImportFile = 1 << 20

// runImport reads a year's figures from a CSV file in the format `report
// --format csv` writes (in any of the bot's languages) and stores them as
// that year's import, replacing an earlier one; with --dry-run it only
// shows what it would store.
func runImport(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	year := fs.Int("year", 0, "the year the file counts (its third column)")
	dryRun := fs.Bool("dry-run", false, "show what would be stored, store nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *year < 2000 || *year > 9999 {
		return errors.New("--year YYYY is required: the year the file counts")
	}
	if fs.NArg() != 1 {
		return errors.New("want one file: spreekuurbot import --year YYYY FILE.csv")
	}
	path := fs.Arg(0)
	if !*dryRun && env.RedisURL == "" {
		return errors.New("REDIS_URL is not set: the figures go to the bot's Redis")
	}
	data, err := readLimited(path, maxImportFile)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(env.ConfigPath)
	if err != nil {
		return err
	}
	texts, err := locales.Load()
	if err != nil {
		return err
	}
	f, lang, err := flows.ParseFiguresCSV(data, *year, cfg.Locations, texts.Languages(), texts.Text)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing stored)", path, err)
	}
	table := flows.FiguresTable(f, cfg.Locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) })
	if *dryRun {
		fmt.Fprintf(stdout, "%s (%s): would store as the figures of %d, until %s:\n\n%s", path, lang, *year, f.Until, table)
		return nil
	}
	app, err := OpenApp(ctx, env, appOptions{})
	if err != nil {
		return err
	}
	defer app.Close()
	_, replaced, err := app.Store.ImportedFigures(ctx, *year)
	if err != nil {
		return err
	}
	if err := app.Store.SetImportedFigures(ctx, f); err != nil {
		return err
	}
	what := "stored"
	if replaced {
		what = "stored, replacing the earlier import,"
	}
	fmt.Fprintf(stdout, "%s (%s): %s as the figures of %d, until %s:\n\n%s", path, lang, what, *year, f.Until, table)
	return nil
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes, not a figures file", path, limit)
	}
	return data, nil
}
