package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"spreekuurbot"
)

// testImports: a year's imported figures come back as stored, on another
// client too; importing the year again replaces them; they stay apart
// from the logged records of that year.
func testImports(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	if _, ok, err := a.ImportedFigures(ctx, 2025); err != nil || ok {
		t.Fatalf("an empty Redis has an import of 2025 (%v, %v)", ok, err)
	}
	first := spreekuurbot.Figures{Year: 2025, Until: spreekuurbot.Date{Year: 2025, Month: time.December, Day: 31},
		Total: spreekuurbot.Count{This: 1938, Last: 1770}, Minutes: spreekuurbot.Count{This: 58140},
		Category: map[string]spreekuurbot.Count{"lf": {This: 900, Last: 800}}, Location: map[string]spreekuurbot.Count{"stad-centrum": {This: 1938}},
		Referral: map[string]spreekuurbot.Count{"plangroep": {This: 40}}, Rung: spreekuurbot.Count{This: 1290}, Reached: spreekuurbot.Count{This: 722}}
	first.Month[0] = spreekuurbot.Count{This: 1938, Last: 1770}
	if err := a.SetImportedFigures(ctx, first); err != nil {
		t.Fatal(err)
	}
	got, ok, err := b.ImportedFigures(ctx, 2025)
	if err != nil || !ok || !reflect.DeepEqual(got, first) {
		t.Fatalf("read back %+v (%v, %v), want %+v", got, ok, err, first)
	}
	second := spreekuurbot.Figures{Year: 2025, Until: first.Until, Total: spreekuurbot.Count{This: 5}, Category: map[string]spreekuurbot.Count{"wn": {This: 5}},
		Location: map[string]spreekuurbot.Count{}, Referral: map[string]spreekuurbot.Count{}}
	second.Month[3] = spreekuurbot.Count{This: 5}
	if err := b.SetImportedFigures(ctx, second); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := a.ImportedFigures(ctx, 2025); !reflect.DeepEqual(got, second) {
		t.Errorf("after a second import: %+v, want only the second %+v", got, second)
	}
	if logs, err := a.Logs(ctx, 2025); err != nil || len(logs) != 0 {
		t.Errorf("the import shows among the logs: %d logs (%v)", len(logs), err)
	}
	if _, ok, _ := a.ImportedFigures(ctx, 2024); ok {
		t.Error("importing 2025 made an import of 2024")
	}
}
