package spreekuurbot

import (
	"context"
	"fmt"
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
	// LastImported says the year before comes from a spreadsheet
	// (`spreekuurbot import`): a spreadsheet has no days, so its months
	// count up to and including Until's month, and the rows without
	// months (hours, topics, places, referrals, huisbezoek) are its whole
	// year's.
	LastImported bool `json:",omitempty"`
}

// Imports keeps the figures of years imported from a spreadsheet (in the
// CSV format of `spreekuurbot report`), beside the logged records and
// never mixed with them: a year that has an import is reported as
// imported, and its logs are not counted.
type Imports interface {
	// ImportedFigures is the year's import, and whether there is one.
	ImportedFigures(ctx context.Context, year int) (Figures, bool, error)
	// SetImportedFigures stores f as the import of f.Year, replacing
	// any earlier one.
	SetImportedFigures(ctx context.Context, f Figures) error
}

// yearRecords reads a year's logs and huisbezoek counts.
type yearRecords interface {
	Logs(ctx context.Context, year int) ([]LogEntry, error)
}

type yearVisits interface {
	Visits(ctx context.Context, year int) ([]Visit, error)
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

// Percent is part of whole, rounded, 0 for nothing.
func Percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return (200*part + whole) / (2 * whole)
}

// LoadFigures reads the records of year and the year before and computes
// the figures: the one way /stats and `spreekuurbot report` get them. An
// imported year stands as imported: year itself with both its columns,
// the year before as the comparison (see Figures.LastImported).
func LoadFigures(ctx context.Context, logs yearRecords, visits yearVisits, imports Imports, year int, now time.Time) (Figures, error) {
	imp, ok, err := imports.ImportedFigures(ctx, year)
	if err != nil {
		return Figures{}, fmt.Errorf("imported figures %d: %w", year, err)
	}
	if ok {
		return imp, nil
	}
	f, err := loadLogged(ctx, logs, visits, year, now)
	if err != nil {
		return Figures{}, err
	}
	last, ok, err := imports.ImportedFigures(ctx, year-1)
	if err != nil {
		return Figures{}, fmt.Errorf("imported figures %d: %w", year-1, err)
	}
	if ok {
		f.compareWith(last)
	}
	return f, nil
}

// compareWith puts last, an imported year, in the place of the year
// before: its months up to and including f.Until's month, the total of
// those months, and its other figures whole.
func (f *Figures) compareWith(last Figures) {
	f.LastImported = true
	f.Total.Last = 0
	for m := range f.Month {
		f.Month[m].Last = 0
		if time.Month(m+1) <= f.Until.Month {
			f.Month[m].Last = last.Month[m].This
			f.Total.Last += last.Month[m].This
		}
	}
	f.Minutes.Last, f.FirstVisit.Last, f.Nibud.Last = last.Minutes.This, last.FirstVisit.This, last.Nibud.This
	f.Rung.Last, f.Reached.Last = last.Rung.This, last.Reached.This
	f.Conversations.Last, f.VisitReferrals.Last = last.Conversations.This, last.VisitReferrals.This
	for _, p := range []struct{ into, from map[string]Count }{
		{f.Category, last.Category}, {f.Location, last.Location}, {f.Referral, last.Referral},
	} {
		for k, c := range p.into {
			if c.This == 0 {
				delete(p.into, k) // counted only in the logs the import replaces
				continue
			}
			c.Last = 0
			p.into[k] = c
		}
		for k, c := range p.from {
			p.into[k] = Count{This: p.into[k].This, Last: c.This}
		}
	}
}

// loadLogged computes year's figures from the logged records alone.
func loadLogged(ctx context.Context, logs yearRecords, visits yearVisits, year int, now time.Time) (Figures, error) {
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
