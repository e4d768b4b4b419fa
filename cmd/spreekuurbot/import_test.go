package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/store"
)

// TestImportRoundTrip: `report --format csv` from a bot's Redis, imported
// into an empty redis-server, reports the same file byte for byte; the
// next year then compares against it; a second import replaces the first;
// --dry-run and a bad file store nothing.
func TestImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	t.Setenv("SPREEKUUR_CONFIG", "")
	// A past year, so that every day of it counts, whatever day this runs.
	year := testclock.Now().Year() - 2
	source := redistest.Start(t).URL
	st, err := store.Open(ctx, source)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	logs := []spreekuurbot.LogEntry{
		{Time: time.Date(year, 1, 5, 10, 0, 0, 0, time.UTC), Location: "stad-centrum", Categories: []string{"lf"}, Referral: "none", Minutes: 30, Lang: "nl", FirstVisit: true},
		{Time: time.Date(year, 3, 9, 10, 0, 0, 0, time.UTC), Location: "stad-centrum", Categories: []string{"lf", "wn"}, Referral: "plangroep", Minutes: 45, Lang: "ar", Nibud: true},
		{Time: time.Date(year, 11, 30, 10, 0, 0, 0, time.UTC), Location: "haven-centrum", Categories: []string{"db"}, Referral: "sr", Minutes: 20, Lang: "ti"},
		{Time: time.Date(year-1, 6, 2, 10, 0, 0, 0, time.UTC), Location: "haven-centrum", Categories: []string{"ts"}, Referral: "none", Minutes: 60, Lang: "tr"},
	}
	for i, e := range logs {
		if _, err := st.AddLog(ctx, fmt.Sprint("r", i), 1, e); err != nil {
			t.Fatal(err)
		}
	}
	v := spreekuurbot.Visit{Time: time.Date(year, 10, 1, 10, 0, 0, 0, time.UTC), Street: "Markt", Rung: 40, Reached: 22, Conversations: 5, Referrals: 1}
	if _, err := st.AddVisit(ctx, "v", 1, v); err != nil {
		t.Fatal(err)
	}
	run := func(redisURL string, wantCode int, args ...string) (string, string) {
		t.Helper()
		t.Setenv("REDIS_URL", redisURL)
		var out, errOut bytes.Buffer
		if code := testMain(ctx, args, nil, &out, &errOut); code != wantCode {
			t.Fatalf("%s: exit %d, want %d: %s", strings.Join(args, " "), code, wantCode, errOut.String())
		}
		return out.String(), errOut.String()
	}
	y := fmt.Sprint(year)
	dir := t.TempDir()
	for _, lang := range []string{"nl", "ar"} {
		t.Run(lang, func(t *testing.T) {
			report, _ := run(source, 0, "report", "--year", y, "--format", "csv", "--lang", lang)
			file := filepath.Join(dir, lang+".csv")
			if err := os.WriteFile(file, []byte(report), 0o600); err != nil {
				t.Fatal(err)
			}
			empty := redistest.Start(t).URL
			run(empty, 0, "import", "--year", y, "--dry-run", file)
			if again, _ := run(empty, 0, "report", "--year", y, "--format", "csv", "--lang", lang); again == report {
				t.Fatal("--dry-run stored the figures")
			}
			run(empty, 0, "import", "--year", y, file)
			if again, _ := run(empty, 0, "report", "--year", y, "--format", "csv", "--lang", lang); again != report {
				t.Errorf("report after import:\n%s\nwant the imported file:\n%s", again, report)
			}
		})
	}

	// The next year compares against the import, and a second import of
	// the year replaces the first; a bad file changes nothing.
	empty := redistest.Start(t).URL
	file := filepath.Join(dir, "nl.csv")
	run(empty, 0, "import", "--year", y, file)
	next, _ := run(empty, 0, "report", "--year", fmt.Sprint(year+1), "--format", "table")
	for _, want := range []string{"Hulpvragen: 0 (3)", "Brief of formulier: 0 (2)", "maart: 0 (1)", "komen uit een spreadsheet"} {
		if !strings.Contains(next, want) {
			t.Errorf("the next year's report lacks %q:\n%s", want, next)
		}
	}
	data, _ := os.ReadFile(file)
	changed := strings.Replace(string(data), "Per onderwerp,Woningnet,1,0", "Per onderwerp,Woningnet,7,0", 1)
	if changed == string(data) {
		t.Fatalf("no Woningnet line to change in\n%s", data)
	}
	bad := strings.Replace(string(data), "Per maand,maart,1,0", "Per maand,maart,-1,0", 1)
	for name, content := range map[string]string{"changed.csv": changed, "bad.csv": bad} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run(empty, 0, "import", "--year", y, filepath.Join(dir, "changed.csv"))
	_, msg := run(empty, 1, "import", "--year", y, filepath.Join(dir, "bad.csv"))
	if !strings.Contains(msg, `cell C: "-1" is negative (nothing stored)`) || !strings.Contains(msg, "line ") {
		t.Errorf("refusal %q does not name the line and the cell", msg)
	}
	if again, _ := run(empty, 0, "report", "--year", y, "--format", "csv"); again != changed {
		t.Errorf("after a second import and a refused one:\n%s\nwant the second:\n%s", again, changed)
	}
}
