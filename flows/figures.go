package flows

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"
)

// Count is a figure this year and in the same period last year.
type Count struct{ This, Last int }

// Figures are the year's counts of help requests, against the same period
// of the year before: what the municipality asks the desks for.
type Figures struct {
	Year  int
	Until Date // the last day counted in both years
	Total Count
	// Minutes are the time spent, in minutes.
	Minutes    Count
	FirstVisit Count
	Nibud      Count
	Category   map[string]Count // by topic code
	Location   map[string]Count // by location ID
	Month      [12]Count
	Referral   map[string]Count // by referral code; "none" included
	// Huisbezoek: doors rung, residents reached, conversations, referrals.
	Rung, Reached, Conversations, VisitReferrals Count
}

// ComputeFigures counts the logs of year (this) and of the year before
// (last), up to the same day of the year when the year is still running.
// The figures are recomputed from the records every time.
func ComputeFigures(year int, this, last []LogEntry, visitsThis, visitsLast []Visit, now time.Time) Figures {
	f := Figures{Year: year, Category: map[string]Count{}, Location: map[string]Count{}, Referral: map[string]Count{}}
	f.Until = Date{Year: year, Month: time.December, Day: 31}
	if today := DateOf(now); today.Year == year {
		f.Until = today
	}
	add := func(entries []LogEntry, this bool) {
		for _, e := range entries {
			d := DateOf(e.Time.In(now.Location()))
			if (d.Month > f.Until.Month) || (d.Month == f.Until.Month && d.Day > f.Until.Day) {
				continue // after the same day last year
			}
			inc := func(c Count, n int) Count {
				if this {
					c.This += n
				} else {
					c.Last += n
				}
				return c
			}
			f.Total = inc(f.Total, 1)
			f.Minutes = inc(f.Minutes, e.Minutes)
			if e.FirstVisit {
				f.FirstVisit = inc(f.FirstVisit, 1)
			}
			if e.Nibud {
				f.Nibud = inc(f.Nibud, 1)
			}
			for _, c := range e.Categories {
				f.Category[c] = inc(f.Category[c], 1)
			}
			f.Location[e.Location] = inc(f.Location[e.Location], 1)
			f.Month[d.Month-1] = inc(f.Month[d.Month-1], 1)
			f.Referral[e.Referral] = inc(f.Referral[e.Referral], 1)
		}
	}
	add(this, true)
	add(last, false)
	for i, visits := range [][]Visit{visitsThis, visitsLast} {
		for _, v := range visits {
			d := DateOf(v.Time.In(now.Location()))
			if (d.Month > f.Until.Month) || (d.Month == f.Until.Month && d.Day > f.Until.Day) {
				continue
			}
			for _, p := range []struct {
				c *Count
				n int
			}{{&f.Rung, v.Rung}, {&f.Reached, v.Reached}, {&f.Conversations, v.Conversations}, {&f.VisitReferrals, v.Referrals}} {
				if i == 0 {
					p.c.This += p.n
				} else {
					p.c.Last += p.n
				}
			}
		}
	}
	return f
}

// percent is part of whole, rounded, 0 for nothing.
func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return (200*part + whole) / (2 * whole)
}

// FigureRow is one line of the figures: a section, what is counted, and
// the two numbers.
type FigureRow struct {
	Section MsgID
	Label   Msg
	Count   Count
}

// FigureRows lists the figures in reading order, with labels as messages, so a
// table, a CSV file and a chart all say the same in the reader's language.
func FigureRows(f Figures, locations []Location) []FigureRow {
	rows := []FigureRow{
		{MsgStatsSummary, Msg{ID: MsgStatsTotal}, f.Total},
		{MsgStatsSummary, Msg{ID: MsgStatsHours}, Count{f.Minutes.This / 60, f.Minutes.Last / 60}},
		{MsgStatsSummary, Msg{ID: MsgStatsFirst}, f.FirstVisit},
		{MsgStatsSummary, Msg{ID: MsgStatsNibud}, f.Nibud},
	}
	for _, t := range topics {
		if c, ok := f.Category[t.code]; ok {
			rows = append(rows, FigureRow{MsgStatsByCategory, Msg{ID: t.msg}, c})
		}
	}
	for _, l := range locations {
		if c, ok := f.Location[l.ID]; ok {
			rows = append(rows, FigureRow{MsgStatsByLocation, plain(l.Name), c})
		}
	}
	for m, c := range f.Month {
		if c.This > 0 || c.Last > 0 {
			rows = append(rows, FigureRow{MsgStatsByMonth, Msg{ID: monthMsgs[m]}, c})
		}
	}
	for _, r := range logReferrals {
		if c, ok := f.Referral[r.code]; ok {
			rows = append(rows, FigureRow{MsgStatsByReferral, Msg{ID: r.msg}, c})
		}
	}
	if f.Rung.This > 0 || f.Rung.Last > 0 {
		rows = append(rows,
			FigureRow{MsgStatsVisits, Msg{ID: MsgVisitRung}, f.Rung},
			FigureRow{MsgStatsVisits, Msg{ID: MsgVisitReached}, f.Reached},
			FigureRow{MsgStatsVisits, Msg{ID: MsgVisitConversations}, f.Conversations},
			FigureRow{MsgStatsVisits, Msg{ID: MsgVisitReferrals}, f.VisitReferrals},
			FigureRow{MsgStatsVisits, Msg{ID: MsgStatsReachedRate}, Count{percent(f.Reached.This, f.Rung.This), percent(f.Reached.Last, f.Rung.Last)}},
			FigureRow{MsgStatsVisits, Msg{ID: MsgStatsTalkRate}, Count{percent(f.Conversations.This, f.Rung.This), percent(f.Conversations.Last, f.Rung.Last)}},
		)
	}
	return rows
}

// FigureLines are the figures as short lines for a chat message: a title,
// and per section its lines.
func FigureLines(f Figures, locations []Location) []Msg {
	msgs := []Msg{{ID: MsgStatsTitle, Args: map[string]any{"Year": strconv.Itoa(f.Year), "Last": strconv.Itoa(f.Year - 1), "Date": DateMsg(f.Until)}}}
	var section MsgID
	for _, r := range FigureRows(f, locations) {
		if r.Section != section {
			section = r.Section
			msgs = append(msgs, Msg{ID: section})
		}
		msgs = append(msgs, Msg{ID: MsgStatsLine, Tight: true, Args: map[string]any{"Name": r.Label, "This": strconv.Itoa(r.Count.This), "Last": strconv.Itoa(r.Count.Last)}})
	}
	return msgs
}

// FiguresTable writes the figures as text, for the command line.
func FiguresTable(f Figures, locations []Location, render func(Msg) string) string {
	return JoinText(FigureLines(f, locations), render) + "\n"
}

// FiguresCSV writes the figures for a spreadsheet: section, item, this year, last
// year's same period.
func FiguresCSV(f Figures, locations []Location, render func(Msg) string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{render(Msg{ID: MsgStatsSection}), render(Msg{ID: MsgStatsItem}), strconv.Itoa(f.Year), strconv.Itoa(f.Year-1) + " (" + f.Until.String()[5:] + ")"})
	for _, r := range FigureRows(f, locations) {
		w.Write([]string{render(Msg{ID: r.Section}), render(r.Label), strconv.Itoa(r.Count.This), strconv.Itoa(r.Count.Last)})
	}
	w.Flush()
	return buf.Bytes()
}

// yearRecords reads a year's logs and huisbezoek counts.
type yearRecords interface {
	Logs(ctx context.Context, year int) ([]LogEntry, error)
}

type yearVisits interface {
	Visits(ctx context.Context, year int) ([]Visit, error)
}

// LoadFigures reads the records of year and the year before and computes
// the figures: the one way /stats and `spreekuurbot report` get them.
func LoadFigures(ctx context.Context, logs yearRecords, visits yearVisits, year int, now time.Time) (Figures, error) {
	var l [2][]LogEntry
	var v [2][]Visit
	for i, y := range []int{year, year - 1} {
		var err error
		if l[i], err = logs.Logs(ctx, y); err != nil {
			return Figures{}, fmt.Errorf("logs %d: %w", y, err)
		}
		if v[i], err = visits.Visits(ctx, y); err != nil {
			return Figures{}, fmt.Errorf("huisbezoek %d: %w", y, err)
		}
	}
	return ComputeFigures(year, l[0], l[1], v[0], v[1], now), nil
}

// ScreenStats shows a coordinator this year's figures, with a CSV file.
const ScreenStats Screen = "stats"

func init() {
	screens[string(ScreenStats)] = screenDef{roles: []Role{Coordinator}, draw: drawStats}
	addCommand("stats", MsgCommandStats, ScreenStats, []Role{Coordinator}...)
}

func drawStats(d *drawing, _ string) {
	st := d.st
	if st.role != Coordinator {
		return
	}
	f, err := LoadFigures(st.ctx, st.engine.cfg.Logs, st.engine.cfg.Visits, st.now.Year(), st.now)
	if err != nil {
		st.fail(err)
		return
	}
	if f.Total.This == 0 && f.Total.Last == 0 && f.Rung.This == 0 && f.Rung.Last == 0 {
		d.say(Msg{ID: MsgStatsNone})
		return
	}
	d.say(FigureLines(f, st.engine.locs().list)...)
	st.extra = append(st.extra, Reply{Figures: &FiguresFile{Figures: f, Locations: st.engine.locs().list}})
}
