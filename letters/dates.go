package letters

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"spreekuurbot/internal/typo"
)

// Dates are the dates a letter states about itself.
type Dates struct {
	// Dated is the letter's own date (its dagtekening), zero when not
	// found.
	Dated time.Time
	// Deadline is the earliest date by which the letter asks something
	// (pay, object, appear, hand in), zero when none was found. A
	// deadline given as a period ("binnen 14 dagen") counts from Dated,
	// or from today when the letter's date was not found.
	Deadline time.Time
}

var (
	// numberish is a run that may be a number read with OCR slips.
	numberish = regexp.MustCompile(`[0-9a-z|!]+`)
	spaces    = regexp.MustCompile(`\s+`)
	// A date in figures (14-12-2026, 14/12/26, 14.12.2026) or in words
	// (14 december 2026, 14 dec. 2026, 14 december).
	numericDate = regexp.MustCompile(`\b(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4}|\d{2})\b`)
	wordDate    = regexp.MustCompile(`\b(\d{1,2}) ?(?:e )?([a-z]{3,10})\.?(?: (\d{4}))?\b`)
	// A period: binnen 14 dagen, binnen twee weken, binnen 6 weken.
	period = regexp.MustCompile(`\b[bp][a-z1|]nnen (\d{1,3}|[a-z]{2,12}) (werkdagen|dagen|dag|weken|week|maanden|maand)\b`)
	// A place and a comma at the start of a line, before the letter's
	// date: "Almere, 30 november 2026".
	placeLine = regexp.MustCompile(`^ *[a-z][a-z' -]{1,30}[,.] *`)
)

// ocrDigits are the letters OCR reads for digits.
var ocrDigits = strings.NewReplacer("o", "0", "l", "1", "i", "1", "|", "1", "!", "1", "b", "8", "s", "5", "z", "2")

var months = map[string]time.Month{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
	"juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}

var numberWords = map[string]int{
	"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
	"acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
	"veertien": 14, "vijftien": 15, "twintig": 20, "dertig": 30,
}

// The word right before a date that makes it a deadline or the letter's
// date; weekday names and "op" may stand between.
var (
	deadlineWords = []string{"voor", "uiterlijk", "vervaldatum", "betaaldatum", "uiterste", "tot"}
	datedWords    = []string{"dagtekening", "datum", "verzenddatum", "briefdatum"}
	// Words that make a date within a few words after them a deadline:
	// the day in court, of the eviction, of the cut-off.
	eventWords = []string{"zitting", "verschijnen", "ontruiming", "ontruimd", "afsluiting", "afgesloten", "afsluiten"}
	fillers    = map[string]bool{
		"op": true, "de": true, "het": true, "maandag": true, "dinsdag": true, "woensdag": true,
		"donderdag": true, "vrijdag": true, "zaterdag": true, "zondag": true,
	}
)

// month reads a month name, forgiving OCR slips: one in a short name,
// two in a long one ("decernber"), and, when the word stands between a
// day and a year (sure, then, to be a month), up to three if one month
// is clearly nearest ("jaruart").
func month(w string, betweenDayAndYear bool) (time.Month, bool) {
	if m, ok := months[w]; ok {
		return m, true
	}
	if len(w) < 4 {
		return 0, false
	}
	best, bestD, tie := time.Month(0), 99, false
	for name, m := range months {
		if len(name) < 5 {
			continue
		}
		d := typo.Distance([]rune(w), []rune(name), 3)
		switch {
		case d < bestD:
			best, bestD, tie = m, d, false
		case d == bestD && m != best:
			tie = true
		}
	}
	tol := 1
	if len(w) >= 6 {
		tol = 2
	}
	if betweenDayAndYear {
		tol = 3
	}
	if tie || bestD > tol {
		return 0, false
	}
	return best, true
}

// cleanForDates folds the text to lower-case words and reads OCR slips
// in numbers back as digits: "2O26", "l4", "1B" hold a digit and letters
// OCR reads for digits; a lone "B" counts too when a month or "dagen"
// follows ("voor B mei", "binnen B dagen").
func cleanForDates(text string) string {
	s := fold(text)
	locs := numberish.FindAllStringIndex(s, -1)
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i, loc := range locs {
		w := s[loc[0]:loc[1]]
		b.WriteString(s[last:loc[0]])
		last = loc[1]
		if len(w) <= 8 && strings.Trim(w, "0123456789olibsz|!") == "" {
			digit := strings.ContainsAny(w, "0123456789")
			if !digit && len(w) <= 2 && i+1 < len(locs) {
				next := s[locs[i+1][0]:locs[i+1][1]]
				_, isMonth := month(next, false)
				digit = isMonth || periodUnit(next)
			}
			if digit {
				w = ocrDigits.Replace(w)
			}
		}
		b.WriteString(w)
	}
	b.WriteString(s[last:])
	return b.String()
}

func periodUnit(w string) bool {
	switch w {
	case "dag", "dagen", "werkdagen", "week", "weken", "maand", "maanden":
		return true
	}
	return false
}

// found is a date in the text and where it starts.
type found struct {
	start            int
	day, month, year int // year 0 when the text gives none
}

// datesIn finds the dates written in s, in figures or in words.
func datesIn(s string) []found {
	var dates []found
	for _, m := range numericDate.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if y < 100 {
			y += 2000
		}
		dates = append(dates, found{start: m[0], day: d, month: mo, year: y})
	}
	for _, m := range wordDate.FindAllStringSubmatchIndex(s, -1) {
		mo, ok := month(s[m[4]:m[5]], m[6] >= 0)
		if !ok {
			continue
		}
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		dates = append(dates, found{start: m[0], day: d, month: int(mo), year: y})
	}
	return dates
}

// FindDates finds a letter's date and its deadline in its text. today is
// the reference for a deadline given as a period when the letter's date is
// missing, for a date without a year, and gives the time zone.
func FindDates(text string, today time.Time) Dates {
	loc := today.Location()
	s := cleanForDates(text)
	flat := spaces.ReplaceAllString(s, " ")
	dates := datesIn(flat)

	var out Dates
	earliest := func(t *time.Time, c time.Time) {
		if t.IsZero() || c.Before(*t) {
			*t = c
		}
	}
	// The letter's date first: a deadline without a year and a period
	// count from it. It is labelled ("Dagtekening", "Datum") or follows
	// the place at the start of a line ("Almere, 30 november 2026").
	dated := map[int]bool{}
	for i, f := range dates {
		before := lastWords(flat[:f.start], 1)
		if f.year != 0 && len(before) == 1 && isAny(before[0], datedWords) {
			if t, ok := makeDate(f.year, f.month, f.day, loc); ok {
				earliest(&out.Dated, t)
				dated[i] = true
			}
		}
	}
	if out.Dated.IsZero() {
		for line := range strings.SplitSeq(s, "\n") {
			m := placeLine.FindStringSubmatchIndex(line)
			if m == nil {
				continue
			}
			rest := spaces.ReplaceAllString(line[m[1]:], " ")
			if ds := datesIn(rest); len(ds) > 0 && ds[0].start == 0 && ds[0].year != 0 {
				if t, ok := makeDate(ds[0].year, ds[0].month, ds[0].day, loc); ok {
					out.Dated = t
					break
				}
			}
		}
	}
	base := out.Dated
	if base.IsZero() {
		base = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	}

	// A date on or before the letter's own is one it refers back to.
	// Without the letter's date, a deadline may have passed already: it
	// is still the letter's deadline.
	consider := func(t time.Time) {
		if out.Dated.IsZero() || t.After(out.Dated) {
			earliest(&out.Deadline, t)
		}
	}
	for i, f := range dates {
		if dated[i] || !isDeadline(flat[:f.start]) {
			continue
		}
		y := f.year
		if y == 0 {
			y = yearOf(f, out.Dated, base, loc)
		}
		if t, ok := makeDate(y, f.month, f.day, loc); ok {
			consider(t)
		}
	}
	for _, m := range period.FindAllStringSubmatch(flat, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			var ok bool
			if n, ok = numberWords[m[1]]; !ok {
				continue
			}
		}
		if n <= 0 || n > 400 {
			continue
		}
		switch {
		case strings.HasPrefix(m[2], "werkdag"):
			consider(addWorkdays(base, n))
		case strings.HasPrefix(m[2], "dag"):
			consider(base.AddDate(0, 0, n))
		case strings.HasPrefix(m[2], "we"): // week, weken
			consider(base.AddDate(0, 0, 7*n))
		default:
			consider(base.AddDate(0, n, 0))
		}
	}
	return out
}

// yearOf is the year of a date written without one: the first time it
// comes on or after the letter's date, or, without that, the year that
// puts it nearest today.
func yearOf(f found, dated, today time.Time, loc *time.Location) int {
	if !dated.IsZero() {
		if t, ok := makeDate(dated.Year(), f.month, f.day, loc); ok && t.Before(dated) {
			return dated.Year() + 1
		}
		return dated.Year()
	}
	best, bestDist := today.Year(), time.Duration(1<<62)
	for y := today.Year() - 1; y <= today.Year()+1; y++ {
		if t, ok := makeDate(y, f.month, f.day, loc); ok {
			if d := t.Sub(today).Abs(); d < bestDist {
				best, bestDist = y, d
			}
		}
	}
	return best
}

// isDeadline reports whether the words before a date make it a deadline.
func isDeadline(before string) bool {
	ws := lastWords(before, 10)
	// Skip "op", "de" and weekday names back to the word that counts.
	i := len(ws) - 1
	for i >= 0 && fillers[ws[i]] {
		i--
	}
	if i >= 0 {
		w := ws[i]
		if isAny(w, deadlineWords) {
			// "tot" alone is "until"; "tot en met" too. "voor" also reads
			// "for" ("de aanslag voor 2025"), but then no date follows.
			return true
		}
		if w == "met" && i >= 2 && ws[i-1] == "en" && ws[i-2] == "tot" {
			return true
		}
		if w == "dan" && i >= 1 && ws[i-1] == "later" {
			return true
		}
		if w == "m" && i >= 1 && ws[i-1] == "t" { // t/m
			return true
		}
	}
	for _, w := range ws {
		for _, e := range eventWords {
			if strings.Contains(w, e) {
				return true
			}
		}
	}
	return false
}

func lastWords(s string, n int) []string {
	ws := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(ws) > n {
		ws = ws[len(ws)-n:]
	}
	return ws
}

func isAny(w string, list []string) bool {
	for _, k := range list {
		if w == k || len(k) >= 6 && typo.Distance([]rune(w), []rune(k), 1) <= 1 {
			return true
		}
	}
	return false
}

func makeDate(y, m, d int, loc *time.Location) (time.Time, bool) {
	if y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false
	}
	return t, true
}

func addWorkdays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}
