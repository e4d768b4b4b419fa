package locales

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsolateCommands(t *testing.T) {
	const lri, pdi = "\u2066", "\u2069"
	tests := []struct {
		name, lang, in, want string
	}{
		{"command at the start", "ar", "/start – العودة", lri + "/start" + pdi + " – العودة"},
		{"full stop after a command", "ar", "اكتب /help.", "اكتب " + lri + "/help" + pdi + "."},
		{"after a right-to-left mark", "ar", "\u200f/forget – حذف", "\u200f" + lri + "/forget" + pdi + " – حذف"},
		{"in brackets", "ar", "(/book)", "(" + lri + "/book" + pdi + ")"},
		{"with the bot's name", "ar", "/start@spreekuurbot", lri + "/start@spreekuurbot" + pdi},
		{"several on one line", "ar", "/book أو /appointments", lri + "/book" + pdi + " أو " + lri + "/appointments" + pdi},
		{"already isolated", "ar", lri + "/start" + pdi, lri + "/start" + pdi},
		{"web address", "ar", "almere.nl/belastingen/kwijtschelding", "almere.nl/belastingen/kwijtschelding"},
		{"link", "ar", "https://t.me/spreekuurbot?start=abc", "https://t.me/spreekuurbot?start=abc"},
		{"date", "ar", "30/11", "30/11"},
		{"path after a space", "ar", "/wonen/huren", "/wonen/huren"},
		{"slash between words", "ar", "ماء/كهرباء", "ماء/كهرباء"},
		{"left-to-right language", "nl", "Typ /start.", "Typ /start."},
		{"Hebrew is right to left too", "he", "/start", lri + "/start" + pdi},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IsolateCommands(tt.lang, tt.in)
			if got != tt.want {
				t.Errorf("IsolateCommands(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
			if again := IsolateCommands(tt.lang, got); again != got {
				t.Errorf("second call changed %q to %q", got, again)
			}
		})
	}
}

// commandRE finds what a reader takes for a command: a slash and a word
// at the start of the text or after a space, a mark, a bracket or an
// isolate. It is written apart from IsolateCommands, to check it.
var commandRE = regexp.MustCompile(`(?:^|[\s\x{200f}\x{2066}(«"'])(/[a-z]+)`)

// TestRightToLeftCommandsIsolated renders every message of every
// right-to-left language, as Text will once it calls IsolateCommands, and
// checks that each /command sits in a left-to-right isolate; left-to-right
// languages must come out unchanged.
func TestRightToLeftCommandsIsolated(t *testing.T) {
	c, ids, _ := catalog(t)
	isolated := 0
	for _, lang := range c.Languages() {
		for _, id := range ids {
			for _, text := range rendered(c, lang, id) {
				got := IsolateCommands(lang, text)
				if !c.RightToLeft(lang) {
					if got != text {
						t.Errorf("%s %s: left-to-right text changed: %q", lang, id, got)
					}
					continue
				}
				for _, m := range commandRE.FindAllStringSubmatchIndex(got, -1) {
					start, end := m[2], m[3]
					before, _ := utf8.DecodeLastRuneInString(got[:start])
					if before != '\u2066' || !strings.HasPrefix(got[end:], "\u2069") {
						t.Errorf("%s %s: %s is not in a left-to-right isolate: %q", lang, id, got[start:end], got)
						continue
					}
					isolated++
				}
			}
		}
	}
	// fallback_command and forgotten name commands in Arabic (the /help
	// list gives them as arguments, isolated as every argument is):
	// finding fewer would mean this test looked at nothing.
	if isolated < 2 {
		t.Errorf("only %d commands found in right-to-left messages", isolated)
	}
}
