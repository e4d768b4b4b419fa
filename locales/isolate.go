package locales

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Left-to-right isolate and its end. Unlike the first-strong isolate that
// Text puts around arguments, it does not guess the direction from the
// first letter: a command such as "/start" has none before its "s", and
// its slash would be laid out right to left, at the wrong end.
const (
	leftToRightIsolate = "\u2066"
	popDirIsolate      = "\u2069"
)

// IsolateCommands wraps every Telegram command in text ("/start",
// "/help", "/start@somebot") in a left-to-right isolate when lang is
// written right to left, so that Arabic text shows "/start" and "/help."
// instead of "start/" and ".help/". Text in other languages is returned as
// it is. A slash inside a web address or a number ("almere.nl/wonen",
// "30/11") is not a command; a command already isolated is left alone, so
// calling it twice changes nothing.
func IsolateCommands(lang, text string) string {
	if !rightToLeft(language.Make(lang)) || !strings.Contains(text, "/") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	prev := rune(-1) // the rune before i; -1 at the start of the text
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '/' && commandMayStart(prev) {
			if n := commandLen(text[i:]); n > 0 {
				cmd := text[i : i+n]
				isolated := prev == '\u2066' && strings.HasPrefix(text[i+n:], popDirIsolate)
				if !isolated {
					b.WriteString(leftToRightIsolate + cmd + popDirIsolate)
				} else {
					b.WriteString(cmd)
				}
				i += n
				prev, _ = utf8.DecodeLastRuneInString(cmd)
				continue
			}
		}
		b.WriteRune(r)
		prev = r
		i += size
	}
	return b.String()
}

// commandMayStart reports whether a slash after prev can begin a command:
// at the start of the text or after a space, a bidi mark or punctuation
// such as "(" or a quote, but not inside a word, a number or an address
// ("almere.nl/wonen", "t.me/bot", "https://").
func commandMayStart(prev rune) bool {
	if prev < 0 {
		return true
	}
	if unicode.IsLetter(prev) || unicode.IsDigit(prev) || unicode.IsMark(prev) {
		return false
	}
	switch prev {
	case '/', '.', ':', '_', '-', '~', '@', '=', '&', '?', '#', '%':
		return false
	}
	return true
}

// commandLen is the length of the command at the start of s ("/start",
// "/start@bot"), or 0 when s does not start with one: a slash, a Latin
// letter, then Latin letters, digits and underscores, as Telegram allows.
func commandLen(s string) int {
	if len(s) < 2 || s[0] != '/' || !isASCIILetter(s[1]) {
		return 0
	}
	n := 2
	for n < len(s) && isCommandByte(s[n]) {
		n++
	}
	if n+1 < len(s) && s[n] == '@' && isCommandByte(s[n+1]) {
		n++
		for n < len(s) && isCommandByte(s[n]) {
			n++
		}
	}
	// "/wonen/huren" or "/start-page" is a path, not a command.
	if n < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsLetter(r) || r == '/' || r == '-' {
			return 0
		}
	}
	return n
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isCommandByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }
