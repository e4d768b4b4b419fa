package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"spreekuurbot/flows"
	"spreekuurbot/intent"
	"spreekuurbot/letters"
	"spreekuurbot/locales"
	"spreekuurbot/ocr"
	"spreekuurbot/reading"
)

// runCheck validates config, locales and flows, naming the file and line
// of the first problem.
func runCheck(env Env, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	configPath := fs.String("config", env.ConfigPath, "configuration file (default: the built-in example)")
	localesDir := fs.String("locales", "", "directory of locale files (default: the built-in ones)")
	contentDir := fs.String("content", "", "directory of information trees (default: the built-in ones)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return err
	}
	texts, err := locales.Load()
	if *localesDir != "" {
		texts, err = locales.LoadDir(*localesDir)
	}
	if err != nil {
		return err
	}
	trees, err := flows.BuiltinTrees()
	if *contentDir != "" {
		trees, err = flows.LoadTrees(os.DirFS(*contentDir), *contentDir)
	}
	if err != nil {
		return err
	}
	if err := texts.Check(flows.Messages(trees)); err != nil {
		return err
	}
	if err := flows.Validate(texts.Languages(), trees, cfg.Locations); err != nil {
		return err
	}
	understand, err := intent.New(texts.Keywords(), flows.Ancestors(trees))
	if err != nil {
		return err
	}
	if err := flows.CheckUnderstander(trees, understand); err != nil {
		return err
	}
	nodes := 0
	for _, t := range trees {
		nodes += len(t.Nodes)
	}
	fmt.Fprintf(stdout, "ok: %s: %d locations, %d coordinators; %d trees with %d nodes; %d languages with %d messages each; typed words lead to %d places\n",
		cfg.Path, len(cfg.Locations), len(cfg.Coordinators), len(trees), nodes, len(texts.Languages()), len(flows.Messages(trees)), len(understand.Destinations()))
	// Reading letters from photos needs programs outside the binary: say
	// whether this server has them. Without them the bot still runs.
	rec, err := letters.New()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := reading.New(ocr.New(ocr.Config{}), rec, cfg.Zone).Available(ctx); err != nil {
		fmt.Fprintf(stdout, "photo reading: not available (%v): residents are asked to use the buttons\n", err)
	} else {
		fmt.Fprintln(stdout, "photo reading: available (Tesseract with Dutch, poppler)")
	}
	return nil
}
