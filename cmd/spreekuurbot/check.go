package main

import (
	"flag"
	"fmt"
	"io"

	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

// runCheck validates config, locales and flows, naming the file and line
// of the first problem.
func runCheck(env Env, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	configPath := fs.String("config", env.ConfigPath, "configuration file (default: the built-in example)")
	localesDir := fs.String("locales", "", "directory of locale files (default: the built-in ones)")
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
	if err := texts.Check(flows.AllMessages); err != nil {
		return err
	}
	if err := flows.Validate(texts.Languages()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %s: %d locations, %d coordinators; %d languages with %d messages each\n",
		cfg.Path, len(cfg.Locations), len(cfg.Coordinators), len(texts.Languages()), len(flows.AllMessages))
	return nil
}
