package flows_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
	"spreekuurbot/flows"
)

// TestComputeFigures: this year against the same period last year, per
// topic, place, month and referral; a log after today's date last year is
// not compared.
func TestComputeFigures(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Amsterdam")
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02", s, zone)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Add(11 * time.Hour)
	}
	this := []spreekuurbot.LogEntry{
		{Time: at("2026-01-12"), Location: "stad-centrum", Categories: []string{"lf", "ts"}, Referral: "none", Minutes: 30, Lang: "ar", FirstVisit: true},
		{Time: at("2026-11-20"), Location: "haven-centrum", Categories: []string{"db"}, Referral: "plangroep", Minutes: 60, Lang: "nl", Nibud: true},
	}
	last := []spreekuurbot.LogEntry{
		{Time: at("2025-03-02"), Location: "stad-centrum", Categories: []string{"lf"}, Referral: "none", Minutes: 45},
		{Time: at("2025-12-01"), Location: "stad-centrum", Categories: []string{"lf"}, Referral: "none", Minutes: 45}, // after 23 November
	}
	visits := []spreekuurbot.Visit{{Time: at("2026-10-01"), Street: "Markt", Rung: 40, Reached: 22, Conversations: 5, Referrals: 1}}
	f := spreekuurbot.ComputeFigures(2026, this, last, visits, nil, at("2026-11-23"))
	checks := []struct {
		name string
		got  spreekuurbot.Count
		want spreekuurbot.Count
	}{
		{"total", f.Total, spreekuurbot.Count{This: 2, Last: 1}},
		{"minutes", f.Minutes, spreekuurbot.Count{This: 90, Last: 45}},
		{"first visits", f.FirstVisit, spreekuurbot.Count{This: 1}},
		{"nibud", f.Nibud, spreekuurbot.Count{This: 1}},
		{"letters", f.Category["lf"], spreekuurbot.Count{This: 1, Last: 1}},
		{"debts", f.Category["db"], spreekuurbot.Count{This: 1}},
		{"stad", f.Location["stad-centrum"], spreekuurbot.Count{This: 1, Last: 1}},
		{"january", f.Month[0], spreekuurbot.Count{This: 1}},
		{"march", f.Month[2], spreekuurbot.Count{Last: 1}},
		{"december", f.Month[11], spreekuurbot.Count{}},
		{"plangroep", f.Referral["plangroep"], spreekuurbot.Count{This: 1}},
		{"rung", f.Rung, spreekuurbot.Count{This: 40}},
		{"reached", f.Reached, spreekuurbot.Count{This: 22}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	texts := catalog(t)
	csv := string(flows.FiguresCSV(f, nil, func(m spreekuurbot.Msg) string { return texts.Text("nl", m) }))
	for _, want := range []string{"Onderdeel,Wat,2026,2025 (11-23)", "Per onderwerp,Brief of formulier,1,1", "Doorverwijzing,Plangroep,1,0", ",55,0"} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks %q:\n%s", want, csv)
		}
	}
}

// TestFigureHours: time is shown in hours with one decimal, with the
// reader's decimal mark, in the chat message, the table and the CSV file:
// half an hour of help is not "0 hours".
func TestFigureHours(t *testing.T) {
	texts := catalog(t)
	tests := []struct {
		lang             string
		minutes          int
		line, table, csv string
	}{
		{"nl", 30, "Uren hulp: 0,5 (0)", "Uren hulp: 0,5 (0)", `Totaal,Uren hulp,"0,5",0`},
		{"en", 30, "Hours of help: 0.5 (0)", "Hours of help: 0.5 (0)", "Total,Hours of help,0.5,0"},
		{"nl", 20, "Uren hulp: 0,3 (0)", "Uren hulp: 0,3 (0)", `Totaal,Uren hulp,"0,3",0`},
		{"nl", 120, "Uren hulp: 2 (0)", "Uren hulp: 2 (0)", "Totaal,Uren hulp,2,0"},
		{"pl", 85545, "Godziny pomocy: 1425,8 (0)", "Godziny pomocy: 1425,8 (0)", `Ogółem,Godziny pomocy,"1425,8",0`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d minutes", tt.lang, tt.minutes), func(t *testing.T) {
			f := spreekuurbot.Figures{Year: 2026, Until: spreekuurbot.Date{Year: 2026, Month: time.November, Day: 23},
				Total: spreekuurbot.Count{This: 1}, Minutes: spreekuurbot.Count{This: tt.minutes}}
			render := func(m spreekuurbot.Msg) string { return texts.Text(tt.lang, m) }
			var lines []string
			for _, m := range flows.FigureLines(f, nil) {
				lines = append(lines, render(m))
			}
			if !slices.Contains(lines, tt.line) {
				t.Errorf("chat lines %q lack %q", lines, tt.line)
			}
			if table := flows.FiguresTable(f, nil, render); !strings.Contains(table, "\n"+tt.table+"\n") {
				t.Errorf("table lacks %q:\n%s", tt.table, table)
			}
			if csv := string(flows.FiguresCSV(f, nil, render)); !strings.Contains(csv, "\n"+tt.csv+"\n") {
				t.Errorf("CSV lacks %q:\n%s", tt.csv, csv)
			}
		})
	}
}

// TestFiguresCSVHasNoDirectionMarks: no cell of any language's CSV file
// holds a bidirectional control character; direction belongs to the
// message, not the data. The numbers stay exact.
func TestFiguresCSVHasNoDirectionMarks(t *testing.T) {
	texts := catalog(t)
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	loc := cfg.Locations[0]
	at := time.Date(2026, time.March, 2, 11, 0, 0, 0, cfg.Zone)
	entries := []spreekuurbot.LogEntry{{Time: at, Location: loc.ID, Categories: []string{"lf"}, Referral: "plangroep", Minutes: 30, FirstVisit: true}}
	visits := []spreekuurbot.Visit{{Time: at, Street: "Markt", Rung: 40, Reached: 22, Conversations: 5, Referrals: 1}}
	f := spreekuurbot.ComputeFigures(2026, entries, entries, visits, visits, at.AddDate(0, 8, 0))
	for _, lang := range texts.Languages() {
		t.Run(lang, func(t *testing.T) {
			data := flows.FiguresCSV(f, cfg.Locations, func(m spreekuurbot.Msg) string { return texts.Text(lang, m) })
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v\n%s", err, data)
			}
			if len(rows) < 10 {
				t.Fatalf("%d rows, want every section:\n%s", len(rows), data)
			}
			for i, row := range rows {
				for j, cell := range row {
					if k := strings.IndexFunc(cell, func(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }); k >= 0 {
						t.Errorf("row %d, cell %d %q holds the direction mark %U", i+1, j+1, cell, []rune(cell[k:])[0])
					}
				}
			}
			if got := rows[1][2]; got != "1" {
				t.Errorf("help requests this year = %q, want 1", got)
			}
			if got := rows[2][2]; got != "0.5" && got != "0,5" {
				t.Errorf("hours this year = %q, want 0.5", got)
			}
		})
	}
}
