package flows

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"spreekuurbot"
)

// FigureRow is one line of the figures: a section, what is counted, and
// the two numbers.
type FigureRow struct {
	Section spreekuurbot.MsgID
	Label   spreekuurbot.Msg
	Count   spreekuurbot.Count
	// Minutes marks time spent: Count is in minutes, shown in hours.
	Minutes bool
	// put stores the row's numbers back into figures, for an import; nil
	// for a rate, which is computed from the other rows.
	put func(f *spreekuurbot.Figures, c spreekuurbot.Count)
}

// Values are the row's two numbers as message arguments: a count as it
// is, time in hours with one decimal, which the reader's language writes
// with its own decimal mark ("0,5" in Dutch, "0.5" in English), so that
// one help request of half an hour does not read as 0 hours.
func (r FigureRow) Values() (this, last any) {
	if r.Minutes {
		return hours(r.Count.This), hours(r.Count.Last)
	}
	return r.Count.This, r.Count.Last
}

// hours is minutes in hours, rounded to one decimal.
func hours(minutes int) float64 { return math.Round(float64(minutes)/6) / 10 }

// FigureRows lists the figures in reading order, with labels as messages, so a
// table, a CSV file and a chart all say the same in the reader's language.
func FigureRows(f spreekuurbot.Figures, locations []spreekuurbot.Location) []FigureRow {
	return figureRows(f, locations, false)
}

// figureRows lists the rows of f; with all, every row that a file may
// hold, present in f or not (what an import recognises).
func figureRows(f spreekuurbot.Figures, locations []spreekuurbot.Location, all bool) []FigureRow {
	field := func(p func(*spreekuurbot.Figures) *spreekuurbot.Count) func(*spreekuurbot.Figures, spreekuurbot.Count) {
		return func(f *spreekuurbot.Figures, c spreekuurbot.Count) { *p(f) = c }
	}
	key := func(m func(*spreekuurbot.Figures) map[string]spreekuurbot.Count, k string) func(*spreekuurbot.Figures, spreekuurbot.Count) {
		return func(f *spreekuurbot.Figures, c spreekuurbot.Count) { m(f)[k] = c }
	}
	rows := []FigureRow{
		{Section: MsgStatsSummary, Label: spreekuurbot.Msg{ID: MsgStatsTotal}, Count: f.Total, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Total })},
		{Section: MsgStatsSummary, Label: spreekuurbot.Msg{ID: MsgStatsHours}, Count: f.Minutes, Minutes: true, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Minutes })},
		{Section: MsgStatsSummary, Label: spreekuurbot.Msg{ID: MsgStatsFirst}, Count: f.FirstVisit, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.FirstVisit })},
		{Section: MsgStatsSummary, Label: spreekuurbot.Msg{ID: MsgStatsNibud}, Count: f.Nibud, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Nibud })},
	}
	category := func(f *spreekuurbot.Figures) map[string]spreekuurbot.Count { return f.Category }
	for _, t := range topics {
		if c, ok := f.Category[t.code]; ok || all {
			rows = append(rows, FigureRow{Section: MsgStatsByCategory, Label: spreekuurbot.Msg{ID: t.msg}, Count: c, put: key(category, t.code)})
		}
	}
	location := func(f *spreekuurbot.Figures) map[string]spreekuurbot.Count { return f.Location }
	for _, l := range locations {
		if c, ok := f.Location[l.ID]; ok || all {
			rows = append(rows, FigureRow{Section: MsgStatsByLocation, Label: plain(l.Name), Count: c, put: key(location, l.ID)})
		}
	}
	for m, c := range f.Month {
		if c.This > 0 || c.Last > 0 || all {
			rows = append(rows, FigureRow{Section: MsgStatsByMonth, Label: MonthAloneMsg(time.Month(m + 1)), Count: c,
				put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Month[m] })})
		}
	}
	referral := func(f *spreekuurbot.Figures) map[string]spreekuurbot.Count { return f.Referral }
	for _, r := range logReferrals {
		if c, ok := f.Referral[r.code]; ok || all {
			rows = append(rows, FigureRow{Section: MsgStatsByReferral, Label: spreekuurbot.Msg{ID: r.msg}, Count: c, put: key(referral, r.code)})
		}
	}
	if f.Rung.This > 0 || f.Rung.Last > 0 || all {
		rows = append(rows,
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgVisitRung}, Count: f.Rung, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Rung })},
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgVisitReached}, Count: f.Reached, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Reached })},
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgVisitConversations}, Count: f.Conversations, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.Conversations })},
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgVisitReferrals}, Count: f.VisitReferrals, put: field(func(f *spreekuurbot.Figures) *spreekuurbot.Count { return &f.VisitReferrals })},
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgStatsReachedRate}, Count: spreekuurbot.Count{This: spreekuurbot.Percent(f.Reached.This, f.Rung.This), Last: spreekuurbot.Percent(f.Reached.Last, f.Rung.Last)}},
			FigureRow{Section: MsgStatsVisits, Label: spreekuurbot.Msg{ID: MsgStatsTalkRate}, Count: spreekuurbot.Count{This: spreekuurbot.Percent(f.Conversations.This, f.Rung.This), Last: spreekuurbot.Percent(f.Conversations.Last, f.Rung.Last)}},
		)
	}
	return rows
}

// FigureLines are the figures as short lines for a chat message: a title,
// and per section its lines.
func FigureLines(f spreekuurbot.Figures, locations []spreekuurbot.Location) []spreekuurbot.Msg {
	msgs := []spreekuurbot.Msg{{ID: MsgStatsTitle, Args: map[string]any{"Year": strconv.Itoa(f.Year), "Last": strconv.Itoa(f.Year - 1), "Date": DateMsg(f.Until)}}}
	var section spreekuurbot.MsgID
	for _, r := range FigureRows(f, locations) {
		if r.Section != section {
			section = r.Section
			msgs = append(msgs, spreekuurbot.Msg{ID: section})
		}
		this, last := r.Values()
		msgs = append(msgs, spreekuurbot.Msg{ID: MsgStatsLine, Tight: true, Args: map[string]any{"Name": r.Label, "This": this, "Last": last}})
	}
	if f.LastImported {
		msgs = append(msgs, spreekuurbot.Msg{ID: MsgStatsLastImported, Args: map[string]any{"Last": strconv.Itoa(f.Year - 1)}})
	}
	return msgs
}

// FiguresTable writes the figures as text, for the command line.
func FiguresTable(f spreekuurbot.Figures, locations []spreekuurbot.Location, render func(spreekuurbot.Msg) string) string {
	return JoinText(FigureLines(f, locations), render) + "\n"
}

// FiguresCSV writes the figures for a spreadsheet: section, item, this year, last
// year's same period.
func FiguresCSV(f spreekuurbot.Figures, locations []spreekuurbot.Location, text func(spreekuurbot.Msg) string) []byte {
	render := func(m spreekuurbot.Msg) string { return stripBidi(text(m)) }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{render(spreekuurbot.Msg{ID: MsgStatsSection}), render(spreekuurbot.Msg{ID: MsgStatsItem}), strconv.Itoa(f.Year), strconv.Itoa(f.Year-1) + " (" + f.Until.String()[5:] + ")"})
	number := func(v any) string { return render(spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": v}}) }
	for _, r := range FigureRows(f, locations) {
		this, last := r.Values()
		w.Write([]string{render(spreekuurbot.Msg{ID: r.Section}), render(r.Label), number(this), number(last)})
	}
	w.Flush()
	return buf.Bytes()
}

// cellText is m in lang as a CSV cell holds it.
func cellText(text func(lang string, m spreekuurbot.Msg) string, lang string, m spreekuurbot.Msg) string {
	return stripBidi(text(lang, m))
}

// stripBidi takes the direction marks out of a cell. A cell is data, not
// a message: the marks that lay out Arabic text in a chat would stay
// inside the values (a number a sheet cannot add up, a label that matches
// no other), and a spreadsheet lays out each cell by itself.
func stripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
}

// ScreenStats shows a coordinator this year's figures, with a CSV file.
const ScreenStats Screen = "stats"

// stats is a coordinator's /stats: this year against the same period last
// year, with a chart and a CSV file.
func stats() flow {
	return flow{
		name:     "stats",
		screens:  []screen{{kind: string(ScreenStats), roles: coordinators, load: loadFigures, draw: drawStats}},
		commands: []command{{Command{"stats", MsgCommandStats}, ScreenStats, coordinators}},
	}
}

// loadFigures reads this year's figures and last year's, for the screen.
func loadFigures(st *step, _ string) {
	st.read("figures", func() error {
		f, err := spreekuurbot.LoadFigures(st.ctx, st.engine.cfg.Logs, st.engine.cfg.Visits, st.engine.cfg.Imports, st.now.Year(), st.now)
		st.view.figures = &f
		return err
	})
}

func drawStats(d *drawing, _ string) {
	st := d.st
	if st.role != spreekuurbot.Coordinator || st.view.figures == nil {
		return
	}
	f := *st.view.figures
	if f.Total.This == 0 && f.Total.Last == 0 && f.Rung.This == 0 && f.Rung.Last == 0 {
		d.say(spreekuurbot.Msg{ID: MsgStatsNone})
		return
	}
	d.say(FigureLines(f, st.engine.locs().list)...)
	st.extra = append(st.extra, Reply{Figures: &FiguresFile{Figures: f, Locations: st.engine.locs().list}})
}
