package locales

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// Helpers shared by the reading tests: every message rendered as a reader
// sees it, with arguments like the bot's own.

// catalog loads the embedded files and the IDs the bot shows.
func catalog(t *testing.T) (*Catalog, []spreekuurbot.MsgID, []*flows.Tree) {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	return c, flows.Messages(trees), trees
}

// sampleDate is a Tuesday, as on the transcripts' clock.
var sampleDate = spreekuurbot.Date{Year: 2026, Month: time.November, Day: 24}

// sampleArg is a realistic value for each placeholder name: a date is
// rendered as a date ("dinsdag 24 november 2026"), a name as a place's
// name, so word counts are those a reader sees.
func sampleArg(name string) any {
	switch name {
	case "Count", "Capacity", "Done", "Total", "Sent", "Blocked", "Failed", "This", "Max":
		return 12
	case "Date":
		return flows.DateMsg(sampleDate)
	case "Period":
		return flows.PeriodMsg(spreekuurbot.Period{Date: sampleDate, From: 10 * 60, To: 12 * 60})
	case "Month":
		return flows.MonthMsg(time.November)
	case "Weekday":
		return spreekuurbot.Msg{ID: flows.MsgWeekday2}
	case "Day":
		return 24
	case "Year":
		return 2026
	case "Last":
		return 2025
	case "Time", "From":
		return "10:00"
	case "To":
		return "12:00"
	case "Name", "Names", "Places":
		return "De Nieuwe Bibliotheek"
	case "Address":
		return "Stadhuisplein 101, 1315 XC Almere"
	case "Wijk":
		return "Stadscentrum"
	case "Stadsdeel", "Street":
		return "Stad"
	case "Topic", "Text":
		return spreekuurbot.Msg{ID: flows.MsgTopicLetter}
	case "Letter":
		return spreekuurbot.Msg{ID: "letter_word_aanslag"}
	case "Language", "Lang", "Value":
		return spreekuurbot.LanguageOf("ar")
	case "Km":
		return 1.5
	case "Link":
		return "https://t.me/spreekuurbot?start=abc123"
	case "Notice":
		return "📅 ..."
	}
	return "X"
}

// pluralCounts reach every CLDR form a whole number can take in the
// bot's languages: zero, one, two, few and many in Arabic, few and many in
// Polish and Ukrainian.
var pluralCounts = []int{0, 1, 2, 3, 5, 11, 100}

// rendered returns the message as shown in lang, once per plural form,
// with sample arguments, without the right-to-left marks at line starts.
func rendered(c *Catalog, lang string, id spreekuurbot.MsgID) []string {
	return renderedWith(c, lang, id, sampleArg)
}

// renderedLabel renders a label with empty arguments, counts aside: only
// the label's own words, not a place's Dutch name.
func renderedLabel(c *Catalog, lang string, id spreekuurbot.MsgID) []string {
	return renderedWith(c, lang, id, func(name string) any {
		if v, ok := sampleArg(name).(int); ok {
			return v
		}
		return ""
	})
}

func renderedWith(c *Catalog, lang string, id spreekuurbot.MsgID, arg func(name string) any) []string {
	src := c.byLang[Source].messages[string(id)].msg
	args := map[string]any{}
	if src != nil {
		for name := range placeholders(src.Other) {
			args[name] = arg(name)
		}
	}
	var counts []any
	if src != nil && isPlural(src) {
		for _, n := range pluralCounts {
			counts = append(counts, n)
		}
	} else {
		counts = []any{nil}
	}
	var out []string
	for _, n := range counts {
		m := spreekuurbot.Msg{ID: id, Args: args}
		if n != nil {
			m.Count = n
			args["Count"] = n
		}
		s := strings.ReplaceAll(c.Text(lang, m), rightToLeftMark, "")
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// words counts what a reader reads as words: runs of text between spaces
// that hold a letter or a digit. An emoji or a dash on its own is not a
// word.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// firstLine is the text up to the first line break, trimmed.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}
