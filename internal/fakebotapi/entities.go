//lint:file-ignore ST1005 The errors carry the Bot API's own descriptions, capitalised as Telegram writes them.

package fakebotapi

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file re-implements, in simplified form, how the Bot API turns a
// formatted text (parse_mode HTML, MarkdownV2 or Markdown) into plain text.
// Only the outcome matters here: the plain text (whose length the API
// limits) and whether the API would refuse the text with
// "Bad Request: can't parse entities: ...". The messages follow the ones
// of tdlib, which implements the parsing for the real Bot API.

// parseFormatted returns the plain text of text under the given parse_mode.
// A non-empty errDesc is the complete error description of the real API.
func parseFormatted(text, parseMode string) (plain, errDesc string) {
	var err error
	switch strings.ToLower(parseMode) {
	case "":
		return text, ""
	case "html":
		plain, err = parseHTML(text)
	case "markdownv2":
		plain, err = parseMarkdownV2(text)
	case "markdown":
		plain, err = parseMarkdown(text)
	default:
		return "", "Bad Request: unsupported parse_mode"
	}
	if err != nil {
		return "", "Bad Request: can't parse entities: " + err.Error()
	}
	return plain, ""
}

// byteAt returns s[i], or 0 past the end (tdlib works on NUL-terminated text).
func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// decodeHTMLEntity decodes the character reference starting at s[i] == '&'.
// It returns the code point (0 if there is no supported reference) and the
// index just after the reference.
func decodeHTMLEntity(s string, i int) (rune, int) {
	end := i + 1
	var res int64
	if byteAt(s, i+1) == '#' {
		end++
		if byteAt(s, i+2) == 'x' {
			end++
			for isHex(byteAt(s, end)) {
				v, _ := strconv.ParseInt(string(s[end]), 16, 64)
				res = res*16 + v
				end++
				if res > 0x10ffff {
					break
				}
			}
		} else {
			for isDigit(byteAt(s, end)) {
				res = res*10 + int64(s[end]-'0')
				end++
				if res > 0x10ffff {
					break
				}
			}
		}
		if res == 0 || res >= 0x10ffff || end-i >= 10 {
			return 0, i
		}
	} else {
		for isAlpha(byteAt(s, end)) {
			end++
		}
		switch s[i+1 : end] {
		case "lt":
			res = '<'
		case "gt":
			res = '>'
		case "amp":
			res = '&'
		case "quot":
			res = '"'
		default:
			return 0, i
		}
	}
	if byteAt(s, end) == ';' {
		end++
	}
	return rune(res), end
}

var htmlTags = map[string]bool{
	"a": true, "b": true, "strong": true, "i": true, "em": true, "s": true, "strike": true, "del": true,
	"u": true, "ins": true, "tg-spoiler": true, "tg-emoji": true, "span": true, "pre": true, "code": true,
	"blockquote": true,
}

// parseHTML implements the Bot API's HTML style.
func parseHTML(s string) (string, error) {
	type open struct {
		tag, arg string
	}
	var (
		out   strings.Builder
		stack []open
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' {
			if r, next := decodeHTMLEntity(s, i); r != 0 {
				out.WriteRune(r)
				i = next - 1
				continue
			}
		}
		if c != '<' {
			out.WriteByte(c)
			continue
		}
		begin := i
		i++
		if byteAt(s, i) != '/' {
			for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' {
				i++
			}
			if i >= len(s) {
				return "", fmt.Errorf("Unclosed start tag at byte offset %d", begin)
			}
			tag := strings.ToLower(s[begin+1 : i])
			if !htmlTags[tag] {
				return "", fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", tag, begin)
			}
			arg := ""
			for byteAt(s, i) != '>' {
				for i < len(s) && isHTMLSpace(s[i]) {
					i++
				}
				if byteAt(s, i) == '>' {
					break
				}
				attrBegin := i
				for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '=' && s[i] != '>' {
					i++
				}
				name := s[attrBegin:i]
				if name == "" {
					return "", fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", tag, begin)
				}
				for i < len(s) && isHTMLSpace(s[i]) {
					i++
				}
				if byteAt(s, i) != '=' {
					if tag == "blockquote" && strings.EqualFold(name, "expandable") && i < len(s) {
						continue // <blockquote expandable>
					}
					if i >= len(s) {
						return "", fmt.Errorf("Unclosed start tag \"%s\" at byte offset %d", tag, begin)
					}
					return "", fmt.Errorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", tag, begin)
				}
				i++
				for i < len(s) && isHTMLSpace(s[i]) {
					i++
				}
				if i >= len(s) {
					return "", fmt.Errorf("Unclosed start tag \"%s\" at byte offset %d", tag, begin)
				}
				var value string
				if q := s[i]; q != '\'' && q != '"' {
					tokenBegin := i
					for i < len(s) && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '.' || s[i] == '-') {
						i++
					}
					value = strings.ToLower(s[tokenBegin:i])
					if c := byteAt(s, i); !isHTMLSpace(c) && c != '>' {
						return "", fmt.Errorf("Unexpected end of name token at byte offset %d", tokenBegin)
					}
				} else {
					i++
					var v strings.Builder
					for i < len(s) && s[i] != q {
						if s[i] == '&' {
							if r, next := decodeHTMLEntity(s, i); r != 0 {
								v.WriteRune(r)
								i = next
								continue
							}
						}
						v.WriteByte(s[i])
						i++
					}
					if i < len(s) {
						i++ // closing quote
					}
					value = v.String()
				}
				if i >= len(s) {
					return "", fmt.Errorf("Unclosed start tag at byte offset %d", begin)
				}
				switch {
				case tag == "a" && name == "href":
					arg = value
				case tag == "code" && name == "class" && strings.HasPrefix(value, "language-"):
					arg = value[len("language-"):]
				case tag == "span" && name == "class" && strings.HasPrefix(value, "tg-"):
					arg = value[len("tg-"):]
				case tag == "tg-emoji" && name == "emoji-id":
					arg = value
				}
			}
			if tag == "span" && arg != "spoiler" {
				return "", fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
			}
			stack = append(stack, open{tag: tag, arg: arg})
			continue
		}
		// End tag.
		if len(stack) == 0 {
			return "", fmt.Errorf("Unexpected end tag at byte offset %d", begin)
		}
		for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' {
			i++
		}
		name := strings.ToLower(s[begin+2 : i])
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		if byteAt(s, i) != '>' {
			return "", fmt.Errorf("Unclosed end tag at byte offset %d", begin)
		}
		top := stack[len(stack)-1]
		if name != "" && name != top.tag {
			return "", fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.tag, name)
		}
		if top.tag == "tg-emoji" {
			if id, err := strconv.ParseInt(top.arg, 10, 64); err != nil || id == 0 {
				return "", fmt.Errorf("Invalid custom emoji identifier specified")
			}
		}
		stack = stack[:len(stack)-1]
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("Can't find end tag corresponding to start tag %s", stack[len(stack)-1].tag)
	}
	if !utf8.ValidString(out.String()) {
		return "", fmt.Errorf("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units")
	}
	return out.String(), nil
}

// parseMarkdownV2 implements the Bot API's MarkdownV2 style.
func parseMarkdownV2(s string) (string, error) {
	const reserved = "_*[]()~`>#+-=|{}.!"
	type open struct {
		kind  string // Italic, Bold, Underline, Strikethrough, Spoiler, TextUrl, CustomEmoji, Code, Pre
		begin int
	}
	var (
		out   strings.Builder
		stack []open
	)
	top := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1].kind
	}
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		atLineStart := lineStart
		lineStart = c == '\n'
		if c == '\\' && i+1 < len(s) && s[i+1] > 0 && s[i+1] <= 126 {
			i++
			out.WriteByte(s[i])
			continue
		}
		if k := top(); (k == "Code" || k == "Pre") && c != '`' {
			out.WriteByte(c)
			continue
		}
		if !strings.ContainsRune(reserved, rune(c)) {
			out.WriteByte(c)
			continue
		}
		isEnd := false
		switch k := top(); {
		case k == "":
		case c == '_' && k == "Underline" && byteAt(s, i+1) == '_':
			isEnd = true
			i++
		case c == '_' && k == "Italic":
			isEnd = true
		case c == '*' && k == "Bold":
			isEnd = true
		case c == '~' && k == "Strikethrough":
			isEnd = true
		case c == '|' && k == "Spoiler" && byteAt(s, i+1) == '|':
			isEnd = true
			i++
		case c == ']' && (k == "TextUrl" || k == "CustomEmoji"):
			isEnd = true
		case c == '`' && k == "Code":
			isEnd = true
		case c == '`' && k == "Pre":
			if byteAt(s, i+1) == '`' && byteAt(s, i+2) == '`' {
				isEnd = true
				i += 2
			} else {
				out.WriteByte(c)
				continue
			}
		}
		if isEnd {
			kind := top()
			stack = stack[:len(stack)-1]
			if kind == "TextUrl" || kind == "CustomEmoji" {
				url := ""
				if byteAt(s, i+1) == '(' {
					j := i + 2
					var u strings.Builder
					for j < len(s) && s[j] != ')' {
						if s[j] == '\\' && j+1 < len(s) && s[j+1] > 0 && s[j+1] <= 126 {
							j++
						}
						u.WriteByte(s[j])
						j++
					}
					if j >= len(s) {
						return "", fmt.Errorf("Can't find end of a URL at byte offset %d", i+1)
					}
					url = u.String()
					i = j
				}
				if kind == "CustomEmoji" && !strings.HasPrefix(url, "tg://emoji?id=") {
					return "", fmt.Errorf("Custom emoji entity must contain a tg://emoji URL")
				}
			}
			continue
		}
		kind := ""
		begin := i
		switch c {
		case '_':
			if byteAt(s, i+1) == '_' {
				kind = "Underline"
				i++
			} else {
				kind = "Italic"
			}
		case '*':
			if atLineStart && byteAt(s, i+1) == '*' && byteAt(s, i+2) == '>' {
				i += 2 // expandable block quotation
				continue
			}
			kind = "Bold"
		case '~':
			kind = "Strikethrough"
		case '|':
			if byteAt(s, i+1) == '|' {
				kind = "Spoiler"
				i++
			}
		case '[':
			kind = "TextUrl"
		case '!':
			if byteAt(s, i+1) == '[' {
				kind = "CustomEmoji"
				i++
			}
		case '`':
			if byteAt(s, i+1) == '`' && byteAt(s, i+2) == '`' {
				kind = "Pre"
				i += 2
				// An optional language name up to the first line break.
				j := i + 1
				for j < len(s) && s[j] > ' ' && s[j] != '`' && s[j] <= 126 {
					j++
				}
				if j < len(s) && s[j] == '\n' {
					i = j
				}
			} else {
				kind = "Code"
			}
		case '>':
			if atLineStart {
				continue // block quotation
			}
		}
		if kind == "" {
			return "", fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
		}
		stack = append(stack, open{kind: kind, begin: begin})
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return "", fmt.Errorf("Can't find end of %s entity at byte offset %d", o.kind, o.begin)
	}
	return out.String(), nil
}

// parseMarkdown implements the Bot API's legacy Markdown style.
func parseMarkdown(s string) (string, error) {
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte("_*`[", s[i+1]) >= 0 {
			i++
			out.WriteByte(s[i])
			continue
		}
		if strings.IndexByte("_*`[", c) < 0 {
			out.WriteByte(c)
			continue
		}
		begin := i
		end := string(c)
		switch c {
		case '[':
			end = "]"
		case '`':
			if strings.HasPrefix(s[i:], "```") {
				end = "```"
				i += 2
			}
		}
		i++
		j := strings.Index(s[i:], end)
		if j < 0 {
			return "", fmt.Errorf("Can't find end of the entity starting at byte offset %d", begin)
		}
		out.WriteString(s[i : i+j])
		i += j + len(end) - 1
		if c == '[' && byteAt(s, i+1) == '(' {
			k := strings.IndexByte(s[i+1:], ')')
			if k < 0 {
				return "", fmt.Errorf("Can't find end of the entity starting at byte offset %d", begin)
			}
			i += k + 1
		}
	}
	return out.String(), nil
}
