package flows

import (
	"strings"
	"unicode/utf8"
)

// MaxTextRunes is the longest text Telegram delivers; anything longer is cut.
const MaxTextRunes = 4096

// maxCommandLen is Telegram's limit on a command name.
const maxCommandLen = 32

// ParseText turns what a user typed into a text or command event. A command
// is "/name", optionally "/name@botname", optionally followed by arguments;
// names are matched case-insensitively as Telegram clients do.
func ParseText(userID int64, languageCode, text string) Event {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if utf8.RuneCountInString(text) > MaxTextRunes {
		text = string([]rune(text)[:MaxTextRunes])
	}
	ev := Event{UserID: userID, LanguageCode: languageCode, Kind: KindText, Text: text}
	trimmed := strings.TrimSpace(text)
	if !strings.HasPrefix(trimmed, "/") {
		return ev
	}
	word, args, _ := strings.Cut(trimmed[1:], " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		args = word[i+1:] + " " + args
		word = word[:i]
	}
	name, _, _ := strings.Cut(word, "@")
	if name == "" || len(name) > maxCommandLen || !isCommandName(name) {
		return ev
	}
	ev.Kind = KindCommand
	ev.Text = ""
	ev.Command = strings.ToLower(name)
	ev.Args = strings.TrimSpace(args)
	return ev
}

func isCommandName(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_') {
			return false
		}
	}
	return true
}
