package flows_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
	"spreekuurbot/internal/memstore"
)

// exampleFigures are a year of figures on the example configuration's
// places, with every section: what report writes and import reads.
func exampleFigures(t testing.TB) (spreekuurbot.Figures, []spreekuurbot.Location) {
	t.Helper()
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 11, 0, 0, 0, cfg.Zone) }
	this := []spreekuurbot.LogEntry{
		{Time: at(2025, 1, 12), Location: cfg.Locations[0].ID, Categories: []string{"lf", "ts"}, Referral: "none", Minutes: 30, FirstVisit: true},
		{Time: at(2025, 3, 2), Location: cfg.Locations[1].ID, Categories: []string{"db"}, Referral: "plangroep", Minutes: 45, Nibud: true},
		{Time: at(2025, 11, 20), Location: cfg.Locations[1].ID, Categories: []string{"wn"}, Referral: "sr", Minutes: 20},
	}
	last := []spreekuurbot.LogEntry{
		{Time: at(2024, 6, 2), Location: cfg.Locations[2].ID, Categories: []string{"lf"}, Referral: "wetswinkel", Minutes: 60},
	}
	visits := []spreekuurbot.Visit{{Time: at(2025, 10, 1), Street: "Markt", Rung: 40, Reached: 22, Conversations: 5, Referrals: 1}}
	return spreekuurbot.ComputeFigures(2025, this, last, visits, nil, at(2026, 2, 1)), cfg.Locations
}

// TestFiguresCSVRoundTrip: what FiguresCSV writes, in any language,
// ParseFiguresCSV reads back to the same figures, and they write the same
// file again, byte for byte.
func TestFiguresCSVRoundTrip(t *testing.T) {
	texts := catalog(t)
	f, locations := exampleFigures(t)
	for _, lang := range texts.Languages() {
		t.Run(lang, func(t *testing.T) {
			data := flows.FiguresCSV(f, locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) })
			got, gotLang, err := flows.ParseFiguresCSV(data, 2025, locations, texts.Languages(), texts.Text)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if gotLang != lang {
				t.Errorf("read as %s, written in %s", gotLang, lang)
			}
			if got.Until != f.Until || got.Total != f.Total || got.Category["db"] != f.Category["db"] || got.Month != f.Month || got.Rung != f.Rung {
				t.Errorf("read %+v\nwrote %+v", got, f)
			}
			again := flows.FiguresCSV(got, locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) })
			if !bytes.Equal(again, data) {
				t.Errorf("written again differs:\n%s\nfirst:\n%s", again, data)
			}
		})
	}
}

// TestFiguresCSVRefused: a file that is not what report writes is refused
// as a whole, with the line and the cell of the first problem.
func TestFiguresCSVRefused(t *testing.T) {
	texts := catalog(t)
	f, locations := exampleFigures(t)
	good := string(flows.FiguresCSV(f, locations, func(m spreekuurbot.Msg) string { return texts.Text("nl", m) }))
	lines := strings.SplitAfter(good, "\n")
	// edit replaces line n (1-based) of the good file.
	edit := func(n int, with string) string {
		l := append([]string{}, lines...)
		l[n-1] = with
		return strings.Join(l, "")
	}
	line := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line %q in\n%s", prefix, good)
		return 0
	}
	total, march, letters, place := line("Totaal,Hulpvragen,"), line("Per maand,maart,"), line("Per onderwerp,Brief of formulier,"), line("Per plek,")
	tests := []struct {
		name string
		file string
		year int
		want string
		at   int // the line that %d stands for in want
	}{
		{"a missing column in a line", edit(letters, "Per onderwerp,Brief of formulier,1\n"), 2025, "line %d, cell D: missing", letters},
		{"a missing column in the header", edit(1, "Onderdeel,Wat,2025\n"), 2025, "line 1, cell D: missing", 0},
		{"a cell too many", edit(letters, "Per onderwerp,Brief of formulier,1,0,7\n"), 2025, "line %d, cell E", letters},
		{"a negative count", edit(letters, "Per onderwerp,Brief of formulier,-1,0\n"), 2025, `line %d, cell C: "-1" is negative`, letters},
		{"a count with a decimal", edit(letters, "Per onderwerp,Brief of formulier,1.5,0\n"), 2025, `line %d, cell C: "1.5" is not a whole number`, letters},
		{"a word for a count", edit(letters, "Per onderwerp,Brief of formulier,een,0\n"), 2025, `line %d, cell C: "een" is not a whole number`, letters},
		{"an empty count", edit(letters, "Per onderwerp,Brief of formulier,1,\n"), 2025, `line %d, cell D: "" is not a whole number`, letters},
		{"hours in words", edit(line("Totaal,Uren hulp,"), "Totaal,Uren hulp,veel,0\n"), 2025, `line %d, cell C: "veel" is not a number of hours`, line("Totaal,Uren hulp,")},
		{"negative hours", edit(line("Totaal,Uren hulp,"), "Totaal,Uren hulp,\"-1,5\",0\n"), 2025, `line %d, cell C: "-1,5" is negative`, line("Totaal,Uren hulp,")},
		{"a month that does not exist", edit(march, "Per maand,dertiember,1,0\n"), 2025, `line %d, cell B: "dertiember" is not a month`, march},
		{"an unknown topic", edit(letters, "Per onderwerp,Paspoort,1,0\n"), 2025, `line %d, cell B: "Paspoort" is not a topic`, letters},
		{"an unknown place", edit(place, "Per plek,Stadhuis,1,0\n"), 2025, `line %d, cell B: "Stadhuis" is not the name of a place`, place},
		{"an unknown section", edit(letters, "Per kleur,Brief of formulier,1,0\n"), 2025, `line %d, cell A: "Per kleur" is not a section`, letters},
		{"a line twice", edit(march, lines[letters-1]), 2025, "appears twice (first on line", 0},
		{"months that do not add up", edit(march, "Per maand,maart,2,0\n"), 2025, "line %d, cell C: the total is 3, but the months add up to 4", total},
		{"another year", good, 2024, `line 1, cell C: the file counts "2025", not 2024`, 0},
		{"a day that does not exist", edit(1, "Onderdeel,Wat,2025,2024 (02-30)\n"), 2025, "line 1, cell D: 2025-02-30 is not a day", 0},
		{"no total", edit(total, ""), 2025, "no line", 0},
		{"not CSV: a stray quote", edit(letters, "Per onderwerp,Brief \"of\" formulier,1,0\n"), 2025, "line %d, cell B: not CSV", letters},
		{"not CSV: a picture", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2025, "line 1: not a CSV text file", 0},
		{"not CSV: prose", "Dit jaar hielpen we 1938 mensen.\nDank aan alle vrijwilligers.\n", 2025, "line 1: not a figures file", 0},
		{"empty", "", 2025, "line 1: the file is empty", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if tt.at > 0 {
				want = fmt.Sprintf(want, tt.at)
			}
			_, _, err := flows.ParseFiguresCSV([]byte(tt.file), tt.year, locations, texts.Languages(), texts.Text)
			var ie *flows.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an ImportError %q", err, want)
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("err = %q, want %q", err, want)
			}
		})
	}
}

// FuzzParseFiguresCSV: whatever file a coordinator gives import, the
// parser never panics, and a file it accepts holds figures that write a
// file it reads back to the same figures.
func FuzzParseFiguresCSV(f *testing.F) {
	texts := catalog(f)
	fig, locations := exampleFigures(f)
	for _, lang := range []string{"nl", "ar", "ti"} {
		f.Add(flows.FiguresCSV(fig, locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) }))
	}
	for _, s := range []string{"", "Onderdeel,Wat,2025,2024 (12-31)\n", "Onderdeel,Wat,2025,2024 (12-31)\nTotaal,Hulpvragen,0,0\n", "\"", "a,\"b\nc", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, lang, err := flows.ParseFiguresCSV(data, 2025, locations, texts.Languages(), texts.Text)
		if err != nil {
			var ie *flows.ImportError
			if !errors.As(err, &ie) || ie.Line < 1 {
				t.Fatalf("refused without a line: %v", err)
			}
			return
		}
		again := flows.FiguresCSV(got, locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) })
		back, _, err := flows.ParseFiguresCSV(again, 2025, locations, texts.Languages(), texts.Text)
		if err != nil {
			t.Fatalf("accepted a file, then refused its own rewrite: %v\n%s", err, again)
		}
		if !bytes.Equal(flows.FiguresCSV(back, locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) }), again) {
			t.Fatalf("figures changed on a second round:\n%s", again)
		}
	})
}

// TestLoadFiguresWithImport: an imported year stands as imported, its
// logs not counted; as the year before a running year, its months count
// up to and including this month, and the figures say so.
func TestLoadFiguresWithImport(t *testing.T) {
	ctx := context.Background()
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	st := memstore.New()
	imp := spreekuurbot.Figures{Year: 2025, Until: spreekuurbot.Date{Year: 2025, Month: time.December, Day: 31},
		Total: spreekuurbot.Count{This: 60, Last: 50}, Minutes: spreekuurbot.Count{This: 1800},
		Category: map[string]spreekuurbot.Count{"lf": {This: 40, Last: 30}, "wn": {This: 20}},
		Location: map[string]spreekuurbot.Count{"stad-centrum": {This: 60}},
		Referral: map[string]spreekuurbot.Count{"none": {This: 60}}}
	for m := range 12 {
		imp.Month[m] = spreekuurbot.Count{This: 5}
	}
	if err := st.SetImportedFigures(ctx, imp); err != nil {
		t.Fatal(err)
	}
	// Logs of both years: 2025's are replaced by the import.
	for i, at := range []time.Time{time.Date(2025, 2, 3, 10, 0, 0, 0, zone), time.Date(2026, 2, 3, 10, 0, 0, 0, zone)} {
		e := spreekuurbot.LogEntry{Time: at, Location: "haven-centrum", Categories: []string{"db"}, Referral: "none", Minutes: 30}
		if _, err := st.AddLog(ctx, fmt.Sprint("r", i), 1, e); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, zone)

	got, err := spreekuurbot.LoadFigures(ctx, st, st, st, 2025, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != imp.Total || got.Category["db"] != (spreekuurbot.Count{}) || got.LastImported {
		t.Errorf("2025 = total %+v, debts %+v, last imported %v; want the import as it is", got.Total, got.Category["db"], got.LastImported)
	}

	got, err = spreekuurbot.LoadFigures(ctx, st, st, st, 2026, now)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want spreekuurbot.Count
	}{
		{"total: January to March", got.Total, spreekuurbot.Count{This: 1, Last: 15}},
		{"March", got.Month[2], spreekuurbot.Count{Last: 5}},
		{"April", got.Month[3], spreekuurbot.Count{}},
		{"hours: the whole year", got.Minutes, spreekuurbot.Count{This: 30, Last: 1800}},
		{"letters: the whole year", got.Category["lf"], spreekuurbot.Count{Last: 40}},
		{"debts: logged in 2025, not imported", got.Category["db"], spreekuurbot.Count{This: 1}},
		{"place of the import", got.Location["stad-centrum"], spreekuurbot.Count{Last: 60}},
		{"place of the logs", got.Location["haven-centrum"], spreekuurbot.Count{This: 1}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	texts := catalog(t)
	table := flows.FiguresTable(got, nil, func(m spreekuurbot.Msg) string { return texts.Text("nl", m) })
	if !got.LastImported || !strings.Contains(table, "De cijfers van 2025 komen uit een spreadsheet") {
		t.Errorf("the table does not say 2025 was imported:\n%s", table)
	}
}
