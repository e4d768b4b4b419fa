package spreekuurbot

import (
	"fmt"

	"golang.org/x/text/language"
)

// SourceLanguage is the language every text is written in first, simple
// Dutch, and the one the bot falls back on for someone whose language it
// does not know.
const SourceLanguage = "nl"

// Languages is the set of languages the bot speaks, in the order the
// language picker shows them.
type Languages struct {
	codes   []string
	matcher language.Matcher
}

// NewLanguages builds the set from base language codes such as "nl", "ar".
func NewLanguages(codes []string) (*Languages, error) {
	if len(codes) == 0 {
		return nil, fmt.Errorf("no languages")
	}
	tags := make([]language.Tag, len(codes))
	for i, c := range codes {
		t, err := language.Parse(c)
		if err != nil {
			return nil, fmt.Errorf("language %q: %w", c, err)
		}
		tags[i] = t
	}
	return &Languages{codes: codes, matcher: language.NewMatcher(tags)}, nil
}

// Fallback is the language to write in to someone whose language is not
// one of these: the source language.
func (l *Languages) Fallback() string { return SourceLanguage }

// Or is code when the bot speaks it, else the fallback.
func (l *Languages) Or(code string) string {
	if l.Has(code) {
		return code
	}
	return l.Fallback()
}

// Codes returns the language codes in picker order.
func (l *Languages) Codes() []string { return l.codes }

// Has reports whether code is one of the languages.
func (l *Languages) Has(code string) bool {
	for _, c := range l.codes {
		if c == code {
			return true
		}
	}
	return false
}

// Match picks the language for a client's language_code ("nl-BE" gives
// "nl", "ar-EG" gives "ar"). It reports false when the code is missing or
// no language fits well enough to talk in: then the bot asks.
func (l *Languages) Match(code string) (string, bool) {
	if code == "" {
		return "", false
	}
	tag, err := language.Parse(code)
	if err != nil {
		return "", false
	}
	_, i, conf := l.matcher.Match(tag)
	if conf < language.High {
		return "", false
	}
	return l.codes[i], true
}
