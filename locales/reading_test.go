package locales

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// Tests of what a reader of each language meets: Dutch words explained,
// short messages, the urgent line first, one account of what is kept,
// one form of address, month names in the right case, dates a reader from
// Tigray cannot mistake.

// wordLimit is the most words one message may have in each language, for
// a stressed reader on a phone: about 60 in Dutch. It holds for each text
// (TestMessageLength) and for each whole message a resident gets
// (TestEveryScreenFitsAPhone). No message is exempt: one that cannot say
// enough in that many is split behind a button. Arabic and Tigrinya
// say the same in fewer words (articles, pronouns and prepositions join
// the word); Turkish too (endings instead of words); English, Polish and
// Ukrainian come close to Dutch; Somali needs more.
var wordLimit = map[string]int{
	"nl": 60, "en": 66, "pl": 60, "uk": 58,
	"ar": 55, "ti": 55, "tr": 52, "so": 66,
}

func TestMessageLength(t *testing.T) {
	c, ids, _ := catalog(t)
	for _, lang := range c.Languages() {
		limit, ok := wordLimit[lang]
		if !ok {
			t.Errorf("%s: no word limit; add the language to wordLimit", lang)
			continue
		}
		for _, id := range ids {
			for _, text := range rendered(c, lang, id) {
				if n := words(text); n > limit {
					t.Errorf("%s %s: %d words, at most %d: split it or say less\n%s", lang, id, n, limit, text)
				}
			}
		}
	}
}

// names may stand on a button without an explanation: names a reader
// finds printed as they are (a logo, a sign, an app), whose buttons or
// screens say what they are.
var names = map[string]string{
	"woningnet": "the housing site's name", "digid": "the login app's name",
	"almere": "the city", "telegram": "the app",
	"belastingdienst": "sender's logo", "toeslagen": "sender's logo",
	"uwv": "sender's logo", "svb": "sender's logo", "duo": "sender's logo", "cak": "sender's logo",
	"plangroep": "organisation", "wetswinkel": "organisation", "sociaal": "organisation", "raadslieden": "organisation",
	"nibud": "organisation",
	// The desk's own name on posters and doors; the home screen says what
	// it is in every language.
	"spreekuur": "the desk's name", "spreekuren": "the desk's name", "inloopspreekuur": "the desk's name",
}

// sameWord lists words that are Dutch and also plain words of the
// reader's language.
var sameWord = map[string][]string{
	"en": {"water", "privacy", "extra", "is", "per", "bot", "link"},
	"pl": {"bot", "link", "tekst"},
	"so": {"bot", "link"},
	"tr": {"bot"},
}

// labelPrefixes mark the bot's own buttons and the short labels it shows
// in tables; the trees' buttons are their options.
var labelPrefixes = []string{
	"button_", "command_", "topic_", "letter_button_", "letter_sender_", "letter_opt_", "letter_word_",
	"woningnet_opt_", "reason_", "ref_", "stats_", "visit_", "holiday_", "log_other_language",
}

// labels returns the IDs of buttons and short labels: every tree option,
// and each key with a label prefix whose Dutch text is not a sentence.
func labels(c *Catalog, ids []spreekuurbot.MsgID, trees []*flows.Tree) []spreekuurbot.MsgID {
	var out []spreekuurbot.MsgID
	for _, tr := range trees {
		for _, n := range tr.Nodes {
			for _, o := range n.Options {
				if !slices.Contains(out, o.Label) {
					out = append(out, o.Label)
				}
			}
		}
	}
	for _, id := range ids {
		if slices.Contains(out, id) || !slices.ContainsFunc(labelPrefixes, func(p string) bool { return strings.HasPrefix(string(id), p) }) {
			continue
		}
		nl := strings.TrimSpace(c.byLang[Source].messages[string(id)].msg.Other)
		if nl == "" || strings.ContainsAny(nl[len(nl)-1:], ".?!:") {
			continue
		}
		out = append(out, id)
	}
	return out
}

var bracketed = regexp.MustCompile(`\([^)]*\)`)

// tokens are the lower-case words of s.
func tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) }) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// TestButtonsExplainDutchWords: a button may keep the Dutch word printed
// on the letter, but must then say what it means in the reader's
// language, in brackets: "Aanmaning (demand)", "Tax return (aangifte)".
// A button that is only Dutch ("Definitieve berekening" on an English
// screen), or that leaves a Dutch word unexplained outside the brackets
// ("Letter from deurwaarder"), fails, unless the word is a name.
func TestButtonsExplainDutchWords(t *testing.T) {
	c, ids, trees := catalog(t)
	list := labels(c, ids, trees)
	if len(list) < 100 {
		t.Fatalf("only %d labels found", len(list))
	}
	for _, lang := range c.Languages() {
		if lang == Source {
			continue
		}
		for _, id := range list {
			dutch := map[string]bool{}
			for _, w := range tokens(strings.Join(renderedLabel(c, Source, id), " ")) {
				if _, ok := names[w]; !ok && !slices.Contains(sameWord[lang], w) && !isNumber(w) {
					dutch[w] = true
				}
			}
			for _, label := range renderedLabel(c, lang, id) {
				var kept, own []string
				for _, w := range tokens(label) {
					switch _, name := names[w]; {
					case dutch[w]:
						kept = append(kept, w)
					case !name && !isNumber(w):
						own = append(own, w)
					}
				}
				if len(kept) == 0 {
					continue
				}
				if len(own) == 0 {
					t.Errorf("%s %s: %q is Dutch only; add what it means in brackets", lang, id, label)
					continue
				}
				outside := tokens(bracketed.ReplaceAllString(label, " "))
				explained := slices.ContainsFunc(bracketed.FindAllString(label, -1), func(b string) bool {
					return slices.ContainsFunc(tokens(b), func(w string) bool { return slices.Contains(own, w) })
				})
				for _, w := range kept {
					if slices.Contains(outside, w) && !explained {
						t.Errorf("%s %s: %q keeps the Dutch %q without saying in brackets what it means", lang, id, label, w)
						break
					}
				}
			}
		}
	}
}

func isNumber(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// urgentLine is the first line of letter_go_today: "⚠️ Dit is dringend. Ga
// vandaag naar een spreekuur." The flows put it (or letter_go_next, or
// letter_go_help) on top of an urgent answer, where a stressed reader sees
// it first; the answer's own text must not say it again.
func urgentLine(c *Catalog, lang string) string {
	return firstLine(rendered(c, lang, flows.MsgLetterGoToday)[0])
}

// TestUrgentLineFirst: the urgent lines (go today; go to the next one)
// say what to do, and no letter answer carries them itself: the flows put
// the one that holds at the hour before an urgent answer (flows'
// walk_test checks that). Every answer then starts with what to do, under
// the same label in every answer of a language ("Wat doet u:").
func TestUrgentLineFirst(t *testing.T) {
	c, _, trees := catalog(t)
	urgent := 0
	for _, lang := range c.Languages() {
		line := urgentLine(c, lang)
		for _, l := range []string{line, firstLine(rendered(c, lang, flows.MsgLetterGoNext)[0])} {
			if words(l) < 3 {
				t.Errorf("%s: urgent line %q is too short to say what to do", lang, l)
			}
		}
		todo := map[string][]string{} // label of the first instruction -> answers
		for _, tr := range trees {
			if tr.ID != "letter" {
				continue
			}
			for _, n := range tr.Nodes {
				if !n.IsAnswer() {
					continue
				}
				text := rendered(c, lang, n.Text[0])[0]
				if strings.Contains(text, line) {
					t.Errorf("%s %s carries the urgent line itself: the flows add the one that holds at the hour", lang, n.Text[0])
				}
				if n.Urgent != "" {
					urgent++
				}
				label := firstLine(text)
				if i := strings.IndexAny(label, ":፦："); i >= 0 {
					label = label[:i]
				}
				todo[label] = append(todo[label], string(n.Text[0]))
			}
		}
		// The label most answers use is the language's "Wat doet u:".
		var common string
		for label, keys := range todo {
			if len(keys) > len(todo[common]) {
				common = label
			}
		}
		for label, keys := range todo {
			if label != common {
				t.Errorf("%s: %v start with %q, not with %q like the other answers", lang, keys, label, common)
			}
		}
	}
	if urgent == 0 {
		t.Fatal("no urgent answers found")
	}
}

// bookingField names what a field of a booking holds, in words a resident
// understands; "" for a field that says nothing about the resident.
var bookingField = map[string]string{
	"Booking.ID":            "",     // a random number
	"Booking.UserID":        "chat", // the Telegram chat, for reminders and notices
	"Booking.Slot.Location": "place",
	"Booking.Slot.Date":     "day",
	"Booking.Slot.Start":    "time",
	"Booking.Slot.Minutes":  "time", // how long: part of the time
	"Booking.Slot.Capacity": "",     // the place's, not the resident's
	"Booking.Topic":         "topic",
	"Booking.Lang":          "language",
	"Booking.Company":       "company",     // someone comes with them, if they said so
	"Booking.OwnLanguage":   "ownlanguage", // they would like a volunteer who speaks their language
	"Owner":                 "volunteer",   // who takes the appointment
	"Status":                "came",        // whether the resident came
}

// fieldWords are the words for each stored field, as book_consent and
// privacy_text write them in each language. A word must stand whole in
// the text ("dag" does not match "dagen"); a word ending in "*" is the
// start of a word, for languages whose words take endings or prefixes
// ("przyszł*" matches "przyszła" and "przyszedł" does not).
var fieldWords = map[string]map[string]string{
	"nl": {"day": "dag", "time": "tijd", "place": "plek", "topic": "onderwerp", "language": "taal", "chat": "telegram-nummer", "came": "kwam", "volunteer": "vrijwilliger", "company": "meekomt", "ownlanguage": "eigen taal"},
	"en": {"day": "day", "time": "time", "place": "place", "topic": "topic", "language": "language", "chat": "telegram", "came": "came", "volunteer": "volunteer", "company": "comes with you", "ownlanguage": "own language"},
	"ar": {"day": "اليوم", "time": "الوقت", "place": "المكان", "topic": "الموضوع", "language": "لغتك", "chat": "telegram", "came": "حضرت", "volunteer": "المتطوع*", "company": "يرافقك", "ownlanguage": "يتحدث لغتك"},
	"tr": {"day": "gün*", "time": "saat*", "place": "yer*", "topic": "konu*", "language": "dil*", "chat": "telegram", "came": "gelip", "volunteer": "gönüllü*", "company": "sizinle birinin", "ownlanguage": "kendi dilinizde"},
	"pl": {"day": "dzień", "time": "godzin*", "place": "miejsce", "topic": "temat", "language": "język", "chat": "telegram*", "came": "przyszł*", "volunteer": "wolontariusz*", "company": "ktoś przyjdzie", "ownlanguage": "własnym język*"},
	"uk": {"day": "день", "time": "час", "place": "місце", "topic": "тем*", "language": "мов*", "chat": "telegram", "came": "прийшли", "volunteer": "волонтер*", "company": "хтось прийде", "ownlanguage": "рідн*"},
	"ti": {"day": "መዓልቲ", "time": "ሰዓት", "place": "ቦታ", "topic": "ጉዳይ", "language": "ቋንቋ*", "chat": "telegram", "came": "ከም ዝመጻእኩም", "volunteer": "ወለንታዊ*", "company": "ምሳኹም ዝመጽእ", "ownlanguage": "ቋንቋኹም ዝዛረብ ወለንታዊ"},
	"so": {"day": "maalin*", "time": "saacad*", "place": "meesha", "topic": "mawduuc*", "language": "luqad*", "chat": "telegram*", "came": "timid", "volunteer": "mutadawac*", "company": "kula imanayo", "ownlanguage": "ku hadla luqaddaada"},
}

// fieldPaths lists the fields of v's type, nested structs as "Slot.Date";
// a date or a clock time is one field.
func fieldPaths(typ reflect.Type, prefix string) []string {
	var out []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := prefix + f.Name
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(spreekuurbot.Date{}) {
			out = append(out, fieldPaths(f.Type, name+".")...)
			continue
		}
		out = append(out, name)
	}
	return out
}

// TestConsentNamesStoredFields: what book_consent asks the resident to
// agree to and what privacy_text says is kept for an appointment name the
// same fields, every field a booking holds (spreekuurbot.DeskBooking, which the
// store writes: user, slot, minutes, topic, lang, owner, status). A new
// field in the booking fails here until both texts name it.
func TestConsentNamesStoredFields(t *testing.T) {
	c, _, _ := catalog(t)
	want := map[string]bool{}
	for _, path := range fieldPaths(reflect.TypeOf(spreekuurbot.DeskBooking{}), "") {
		field, ok := bookingField[path]
		if !ok {
			t.Errorf("a booking now holds %s: say in book_consent and privacy_text whether it is kept, and add it to bookingField", path)
		}
		if field != "" {
			want[field] = true
		}
	}
	for _, lang := range c.Languages() {
		words, ok := fieldWords[lang]
		if !ok {
			t.Errorf("%s: no field words; add the language to fieldWords", lang)
			continue
		}
		for _, id := range []spreekuurbot.MsgID{flows.MsgBookConsent, flows.MsgPrivacyText} {
			text := strings.ToLower(rendered(c, lang, id)[0])
			for field := range want {
				w := strings.ToLower(words[field])
				if w == "" || !hasWord(text, w) {
					t.Errorf("%s %s does not name the stored %s (%q)", lang, id, field, w)
				}
			}
			if !strings.Contains(text, "30") {
				t.Errorf("%s %s does not say that an appointment is deleted after 30 days", lang, id)
			}
		}
	}
}

// hasWord reports whether w stands in text as a word, or, when w ends in
// "*", as the start of one.
func hasWord(text, w string) bool {
	prefix := strings.HasSuffix(w, "*")
	w = strings.TrimSuffix(w, "*")
	isLetter := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after, _ := utf8.DecodeRuneInString(text[j+len(w):])
		if !isLetter(before) && (prefix || !isLetter(after)) {
			return true
		}
		i = j + len(w)
	}
}

// TestDutchFormOfAddress: the Dutch texts say "u heeft", never "u hebt" or
// "hebt u", and never the familiar "je", "jij" or "jouw".
func TestDutchFormOfAddress(t *testing.T) {
	c, ids, _ := catalog(t)
	for _, id := range ids {
		for _, text := range rendered(c, Source, id) {
			for _, w := range tokens(text) {
				switch w {
				case "hebt":
					t.Errorf("%s: %q: write \"heeft\" (u heeft, heeft u)", id, text)
				case "je", "jij", "jouw", "jouwe":
					t.Errorf("%s: %q: say \"u\", not %q", id, text, w)
				}
			}
		}
	}
}

// TestMonthsStandingAlone: a month with a year and no day (the reminder's
// month buttons) is in the nominative in Polish and Ukrainian, "listopad
// 2026", while a date keeps the genitive, "24 listopada 2026".
func TestMonthsStandingAlone(t *testing.T) {
	c, _, _ := catalog(t)
	nominative := map[string][12]string{
		"pl": {"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		"uk": {"січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"},
	}
	for lang, months := range nominative {
		for i, want := range months {
			m := time.Month(i + 1)
			got := c.Text(lang, spreekuurbot.Msg{ID: flows.MsgMonthYear, Args: map[string]any{"Month": flows.MonthAloneMsg(m), "Year": 2026}})
			if !strings.HasPrefix(strings.ToLower(got), want+" 2026") {
				t.Errorf("%s month_year for %s = %q, want %q 2026", lang, m, got, want)
			}
			if alone := c.Text(lang, flows.MonthAloneMsg(m)); alone != want {
				t.Errorf("%s: %s standing alone (the figures, the chart) = %q, want %q", lang, m, alone, want)
			}
			genitive := c.Text(lang, flows.MonthMsg(m))
			date := c.Text(lang, flows.DateMsg(spreekuurbot.Date{Year: 2026, Month: m, Day: 3}))
			if genitive == want || !strings.Contains(date, "3 "+genitive) {
				t.Errorf("%s: date %q should have the genitive %q", lang, date, genitive)
			}
		}
	}
}

// TestTigrinyaDatesInDigits: a reader from Tigray reads ሕዳር as the
// Ethiopian month that begins on 10 November, so every date in Tigrinya
// also shows day and month in digits: "30/11".
func TestTigrinyaDatesInDigits(t *testing.T) {
	c, _, _ := catalog(t)
	for m := time.January; m <= time.December; m++ {
		d := spreekuurbot.Date{Year: 2026, Month: m, Day: 28}
		dm := fmt.Sprintf("28/%d", int(m))
		for name, msg := range map[string]spreekuurbot.Msg{
			"date_long":     flows.DateMsg(d),
			"walkin_period": flows.PeriodMsg(spreekuurbot.Period{Date: d, From: 600, To: 720}),
			"date_short": {ID: flows.MsgDateShort, Args: map[string]any{
				"Weekday": spreekuurbot.Msg{ID: flows.MsgWeekday1}, "Day": 28, "Month": flows.MonthMsg(m)}},
		} {
			if got := c.Text("ti", msg); !strings.Contains(got, dm) {
				t.Errorf("ti %s for %s = %q, want it to show %s", name, m, got, dm)
			}
		}
		my := c.Text("ti", spreekuurbot.Msg{ID: flows.MsgMonthYear, Args: map[string]any{"Month": flows.MonthMsg(m), "Year": 2026}})
		if want := fmt.Sprintf("%d/2026", int(m)); !strings.Contains(my, want) {
			t.Errorf("ti month_year for %s = %q, want it to show %s", m, my, want)
		}
		day := c.Text("ti", spreekuurbot.Msg{ID: flows.MsgReminderDay, Args: map[string]any{"Month": flows.MonthMsg(m)}})
		if want := fmt.Sprintf("(%d)", int(m)); !strings.Contains(day, want) {
			t.Errorf("ti reminder_day for %s = %q, want it to show %s", m, day, want)
		}
	}
}
