package flows

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"spreekuurbot"
)

// ImportError is a figures file refused: the line and the cell (A to D,
// as a spreadsheet names its columns) of the first problem.
type ImportError struct {
	Line int
	Cell string // "" when the whole line is wrong
	Err  string
}

func (e *ImportError) Error() string {
	if e.Cell == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, cell %s: %s", e.Line, e.Cell, e.Err)
}

// maxImported bounds a count in an imported file: the desks help about
// 2,000 people a year, so a larger number is a slip of the keyboard, and
// sums of such numbers stay far from overflowing.
const maxImported = 10_000_000

// column names cell i (from 0) of a line as a spreadsheet does: A, B, …
func column(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return column(i/26-1) + column(i%26)
}

// lastHeader is the year before's column title: "2025 (12-07)", the
// last day counted in both years.
var lastHeader = regexp.MustCompile(`^([0-9]{4}) \(([0-9]{2})-([0-9]{2})\)$`)

// ParseFiguresCSV reads back a file that FiguresCSV wrote for year, in
// any of langs (found from its first line), with the places' names of
// locations: the figures of year and of the same period the year before,
// and the file's language. Rates are not read (they follow from the
// counts). Anything else refuses the whole file with an *ImportError.
func ParseFiguresCSV(data []byte, year int, locations []spreekuurbot.Location, langs []string, text func(lang string, m spreekuurbot.Msg) string) (spreekuurbot.Figures, string, error) {
	fail := func(line int, col int, format string, args ...any) (spreekuurbot.Figures, string, error) {
		e := &ImportError{Line: line, Err: fmt.Sprintf(format, args...)}
		if col >= 0 {
			e.Cell = column(col)
		}
		return spreekuurbot.Figures{}, "", e
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return fail(1, -1, "not a CSV text file (not UTF-8 text)")
	}
	lines := bytes.Split(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // a short line is named below, with its missing cell
	read := func() ([]string, int, error) {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// The cell is the one the column falls in, counting
				// the commas before it on that line.
				cell := ""
				if pe.Line >= 1 && pe.Line <= len(lines) {
					before := []rune(string(lines[pe.Line-1]))
					before = before[:min(max(pe.Column-1, 0), len(before))]
					cell = column(strings.Count(string(before), ","))
				}
				return nil, pe.Line, &ImportError{Line: pe.Line, Cell: cell, Err: "not CSV: " + pe.Err.Error()}
			}
			return nil, 0, err
		}
		line, _ := r.FieldPos(0)
		return rec, line, nil
	}
	header, _, err := read()
	if errors.Is(err, io.EOF) {
		return fail(1, -1, "the file is empty")
	}
	if err != nil {
		return spreekuurbot.Figures{}, "", err
	}
	lang := ""
	for _, l := range langs {
		if len(header) >= 2 && header[0] == cellText(text, l, spreekuurbot.Msg{ID: MsgStatsSection}) && header[1] == cellText(text, l, spreekuurbot.Msg{ID: MsgStatsItem}) {
			lang = l
			break
		}
	}
	if lang == "" {
		return fail(1, -1, "not a figures file of `spreekuurbot report --format csv`: its first line starts %q, %q (or the same words in another language)",
			cellText(text, spreekuurbot.SourceLanguage, spreekuurbot.Msg{ID: MsgStatsSection}), cellText(text, spreekuurbot.SourceLanguage, spreekuurbot.Msg{ID: MsgStatsItem}))
	}
	if len(header) < 4 {
		return fail(1, len(header), "missing: the column of %d", year-len(header)+2)
	}
	if len(header) > 4 {
		return fail(1, 4, "one column too many: a figures file has 4")
	}
	if header[2] != strconv.Itoa(year) {
		return fail(1, 2, "the file counts %q, not %d (--year)", header[2], year)
	}
	m := lastHeader.FindStringSubmatch(header[3])
	if m == nil || m[1] != strconv.Itoa(year-1) {
		return fail(1, 3, "%q: want \"%d (MM-DD)\", the last day counted", header[3], year-1)
	}
	month, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if t := time.Date(year, time.Month(month), day, 12, 0, 0, 0, time.UTC); int(t.Month()) != month || t.Day() != day {
		return fail(1, 3, "%d-%s-%s is not a day", year, m[2], m[3])
	}
	f := spreekuurbot.Figures{Year: year, Until: spreekuurbot.Date{Year: year, Month: time.Month(month), Day: day},
		Category: map[string]spreekuurbot.Count{}, Location: map[string]spreekuurbot.Count{}, Referral: map[string]spreekuurbot.Count{}}

	// Every row a file may hold, by its section and label as written.
	type known struct {
		row  FigureRow
		line int // where the file held it, 0 not yet
	}
	rows := map[[2]string]*known{}
	sections := map[string]spreekuurbot.MsgID{}
	all := spreekuurbot.Figures{Category: map[string]spreekuurbot.Count{}, Location: map[string]spreekuurbot.Count{}, Referral: map[string]spreekuurbot.Count{}}
	for _, row := range figureRows(all, locations, true) {
		sec := cellText(text, lang, spreekuurbot.Msg{ID: row.Section})
		sections[sec] = row.Section
		rows[[2]string{sec, cellText(text, lang, row.Label)}] = &known{row: row}
	}
	mark := decimalMark(text, lang)
	var totalLine int
	for {
		rec, line, err := read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return spreekuurbot.Figures{}, "", err
		}
		if len(rec) < 4 {
			return fail(line, len(rec), "missing: this line has %d cells, a figures line has 4", len(rec))
		}
		if len(rec) > 4 {
			return fail(line, 4, "one cell too many: a figures line has 4")
		}
		section, ok := sections[rec[0]]
		if !ok {
			return fail(line, 0, "%q is not a section of the figures", rec[0])
		}
		k := rows[[2]string{rec[0], rec[1]}]
		if k == nil {
			return fail(line, 1, "%q %s", rec[1], unknownItem(section))
		}
		if k.line != 0 {
			return fail(line, 1, "%q appears twice (first on line %d)", rec[1], k.line)
		}
		k.line = line
		var c [2]int
		for i := range c {
			n, err := parseFigure(rec[2+i], k.row.Minutes, mark)
			if err != nil {
				return fail(line, 2+i, "%q %v", rec[2+i], err)
			}
			c[i] = n
		}
		if k.row.put != nil {
			k.row.put(&f, spreekuurbot.Count{This: c[0], Last: c[1]})
		}
		if section == MsgStatsSummary && k.row.Label.ID == MsgStatsTotal {
			totalLine = line
		}
	}
	if totalLine == 0 {
		return fail(1, -1, "the file has no line %q, %q", cellText(text, lang, spreekuurbot.Msg{ID: MsgStatsSummary}), cellText(text, lang, spreekuurbot.Msg{ID: MsgStatsTotal}))
	}
	// Each help request is counted in one month: the months add up to
	// the total, or the file was changed by hand in one place only.
	var sum spreekuurbot.Count
	for _, c := range f.Month {
		sum.This += c.This
		sum.Last += c.Last
	}
	if sum.This != f.Total.This {
		return fail(totalLine, 2, "the total is %d, but the months add up to %d", f.Total.This, sum.This)
	}
	if sum.Last != f.Total.Last {
		return fail(totalLine, 3, "the total is %d, but the months add up to %d", f.Total.Last, sum.Last)
	}
	return f, lang, nil
}

// unknownItem says why a row's label was not recognised, by its section.
func unknownItem(section spreekuurbot.MsgID) string {
	switch section {
	case MsgStatsByCategory:
		return "is not a topic"
	case MsgStatsByLocation:
		return "is not the name of a place in the configuration"
	case MsgStatsByMonth:
		return "is not a month"
	case MsgStatsByReferral:
		return "is not a referral"
	}
	return "is not a figure of this section"
}

// parseFigure reads a count, or hours (with the language's decimal mark)
// as minutes.
func parseFigure(s string, hoursCell bool, mark string) (int, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	if hoursCell {
		whole, frac, _ := strings.Cut(digits, mark)
		if !allDigits(whole) || (frac != "" && !allDigits(frac)) || strings.HasSuffix(digits, mark) {
			return 0, errors.New("is not a number of hours")
		}
		if neg {
			return 0, errors.New("is negative")
		}
		h, err := strconv.ParseFloat(whole+"."+frac+"0", 64)
		if err != nil || h*60 > maxImported {
			return 0, errors.New("is too large")
		}
		return int(math.Round(h * 60)), nil
	}
	if !allDigits(digits) {
		return 0, errors.New("is not a whole number")
	}
	if neg {
		return 0, errors.New("is negative")
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > maxImported {
		return 0, errors.New("is too large")
	}
	return n, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// decimalMark is the mark lang writes between whole and tenths.
func decimalMark(text func(string, spreekuurbot.Msg) string, lang string) string {
	half := cellText(text, lang, spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": 0.5}})
	return strings.TrimSuffix(strings.TrimPrefix(half, "0"), "5")
}
