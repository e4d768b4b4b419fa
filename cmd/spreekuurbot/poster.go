package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"spreekuurbot"
	"spreekuurbot/bot"
	"spreekuurbot/flows"
	"spreekuurbot/locales"
	"spreekuurbot/poster"
)

// botName is a Telegram bot's username: 5 to 32 of a-z, 0-9 and _.
var botName = regexp.MustCompile(`^[A-Za-z0-9_]{5,32}$`)

// runPoster writes the A4 poster of one desk, as a PDF or a PNG by the
// file's extension: the place, its walk-in times, the QR code of the link
// that opens the bot at that place, and "scan to ask in your language" in
// every language.
func runPoster(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("poster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("location", "", "the place's id in the configuration")
	out := fs.String("out", "", "the file to write: .pdf or .png")
	name := fs.String("bot", "", "the bot's username (default: asked from Telegram with TELEGRAM_BOT_TOKEN)")
	lang := fs.String("lang", spreekuurbot.SourceLanguage, "language of the heading and the times")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected %q: spreekuurbot poster --location ID --out FILE.pdf|png", fs.Arg(0))
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".pdf" && ext != ".png" {
		return fmt.Errorf("--out %q: want a file ending in .pdf or .png", *out)
	}
	cfg, err := loadConfig(env.ConfigPath)
	if err != nil {
		return err
	}
	var loc *spreekuurbot.Location
	var ids []string
	for i := range cfg.Locations {
		ids = append(ids, cfg.Locations[i].ID)
		if cfg.Locations[i].ID == *id {
			loc = &cfg.Locations[i]
		}
	}
	if loc == nil {
		return fmt.Errorf("--location %q: no such place; the configuration has %s", *id, strings.Join(ids, ", "))
	}
	texts, err := locales.Load()
	if err != nil {
		return err
	}
	if !slices.Contains(texts.Languages(), *lang) {
		return fmt.Errorf("--lang %q: the bot speaks %s", *lang, strings.Join(texts.Languages(), ", "))
	}
	username := strings.TrimPrefix(*name, "@")
	if username == "" {
		if env.Token == "" {
			return errors.New("no bot name: set TELEGRAM_BOT_TOKEN (asks Telegram) or give --bot NAME")
		}
		if username, err = bot.Username(ctx, env.Token, env.APIURL); err != nil {
			return err
		}
	}
	if !botName.MatchString(username) {
		return fmt.Errorf("bot name %q: a Telegram username has 5 to 32 of A-Z, a-z, 0-9 and _", username)
	}
	p := posterOf(*loc, username, *lang, texts)
	var buf bytes.Buffer
	if ext == ".pdf" {
		err = p.WritePDF(&buf, env.clock()())
	} else {
		err = p.WritePNG(&buf)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: the poster of %s, its code opening %s\n", *out, loc.Name, p.Link)
	return nil
}

// posterOf words l's poster in lang, with "scan to ask" in every
// language the bot speaks.
func posterOf(l spreekuurbot.Location, username, lang string, texts *locales.Catalog) poster.Poster {
	t := flows.DeskPoster(l)
	text := func(lang string, m spreekuurbot.Msg) string { return texts.Text(lang, m) }
	p := poster.Poster{
		Heading: text(lang, t.Heading), Name: l.Name, Address: l.Address, TimesHeading: text(lang, t.TimesHeading),
		RTL: texts.RightToLeft(lang), Link: spreekuurbot.DeskLink(username, l.ID),
	}
	for _, m := range t.Times {
		p.Times = append(p.Times, text(lang, m))
	}
	for _, code := range texts.Languages() {
		p.Scan = append(p.Scan, poster.Line{Text: text(code, t.Scan), RTL: texts.RightToLeft(code)})
	}
	return p
}
