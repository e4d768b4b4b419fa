package fakebotapi

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// inlineButtonTypes are the fields of InlineKeyboardButton that choose the
// kind of the button, in the order in which the real API looks at them.
var inlineButtonTypes = []string{
	"url", "callback_data", "callback_game", "pay", "switch_inline_query",
	"switch_inline_query_chosen_chat", "switch_inline_query_current_chat",
	"login_url", "web_app", "copy_text",
}

// checkReplyMarkup validates a reply_markup parameter. It returns the
// normalised inline keyboard as JSON ("" when the markup is absent or not an
// inline keyboard), which is what the API echoes in the sent Message and
// what decides whether an edit changes the markup. With inlineOnly, only an
// inline keyboard is accepted (edit methods).
func checkReplyMarkup(raw string, inlineOnly bool) (string, *response) {
	if strings.TrimSpace(raw) == "" {
		return "", nil
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", badRequest("can't parse reply keyboard markup JSON object")
	}
	obj, isObject := v.(map[string]any)
	if !isObject {
		return "", badRequest("object expected as reply markup")
	}
	if kb, present := obj["keyboard"]; present && kb != nil {
		rows, ok := kb.([]any)
		if !ok {
			return "", badRequest("field \"keyboard\" must be an Array")
		}
		for _, row := range rows {
			buttons, ok := row.([]any)
			if !ok {
				return "", badRequest("field \"keyboard\" must be an Array of Arrays")
			}
			for _, b := range buttons {
				switch b := b.(type) {
				case string:
				case map[string]any:
					if _, ok := b["text"].(string); !ok {
						return "", badRequest("can't parse keyboard button: Field \"text\" must be of type String")
					}
				default:
					return "", badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
				}
			}
		}
		if len(rows) > 0 {
			if inlineOnly {
				return "", badRequest("inline keyboard expected")
			}
			return "", nil
		}
	}
	ikb, present := obj["inline_keyboard"]
	if !present || ikb == nil {
		if inlineOnly && (isTrue(obj["remove_keyboard"]) || isTrue(obj["force_reply"])) {
			return "", badRequest("inline keyboard expected")
		}
		return "", nil
	}
	rows, ok := ikb.([]any)
	if !ok {
		return "", badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
	}
	for _, row := range rows {
		buttons, ok := row.([]any)
		if !ok {
			return "", badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
		}
		for _, b := range buttons {
			if resp := checkInlineButton(b); resp != nil {
				return "", resp
			}
		}
	}
	norm := normalise(map[string]any{"inline_keyboard": rows})
	if m, _ := norm.(map[string]any); m == nil || m["inline_keyboard"] == nil || len(rows) == 0 {
		return "", nil
	}
	out, err := json.Marshal(norm)
	if err != nil {
		return "", badRequest("can't parse reply keyboard markup JSON object")
	}
	return string(out), nil
}

func isTrue(v any) bool { b, _ := v.(bool); return b }

// jsonString returns a JSON string value, or the text of a JSON number,
// which the real API accepts where it expects a string.
func jsonString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

// checkInlineButton validates one InlineKeyboardButton.
func checkInlineButton(v any) *response {
	b, ok := v.(map[string]any)
	if !ok {
		return badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
	}
	text, present := b["text"]
	if !present {
		return badRequest("can't parse inline keyboard button: Can't find field \"text\"")
	}
	if _, isString := text.(string); !isString {
		return badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	var used []string
	for _, field := range inlineButtonTypes {
		if buttonFieldUsed(field, b[field], hasValue(b, field)) {
			used = append(used, field)
		}
	}
	for _, field := range []string{"url", "callback_data"} {
		if _, isString := jsonString(b[field]); !isString && b[field] != nil {
			return badRequest("can't parse inline keyboard button: Field \"%s\" must be of type String", field)
		}
	}
	if data, _ := jsonString(b["callback_data"]); len(data) > maxCallbackDataBytes {
		return badRequest("BUTTON_DATA_INVALID")
	}
	switch len(used) {
	case 0:
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	case 1:
	default:
		return badRequest("can't parse inline keyboard button: exactly one of the fields %s must be used, found %s (the real API silently uses the first one)",
			strings.Join(inlineButtonTypes, ", "), strings.Join(used, " and "))
	}
	if strings.TrimSpace(text.(string)) == "" {
		return badRequest("BUTTON_TEXT_INVALID")
	}
	if used[0] == "url" {
		raw, _ := jsonString(b["url"])
		u, err := url.Parse(raw)
		if err != nil || strings.ContainsAny(raw, " \t\n") || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "tg" && u.Scheme != "ton" {
			return badRequest("BUTTON_URL_INVALID")
		}
	}
	return nil
}

func hasValue(m map[string]any, k string) bool {
	v, ok := m[k]
	return ok && v != nil
}

// buttonFieldUsed reports whether a type field of an inline button carries
// a value. Empty values do not count: go-telegram/bot, for one, always sends
// "copy_text":{"text":""}, which the real API ignores when another field
// decides the kind of the button.
func buttonFieldUsed(field string, v any, given bool) bool {
	if !given {
		return false
	}
	switch field {
	case "url", "callback_data":
		s, _ := jsonString(v)
		return s != ""
	case "pay":
		return isTrue(v)
	case "switch_inline_query", "switch_inline_query_current_chat":
		_, isString := v.(string)
		return isString
	case "copy_text":
		m, _ := v.(map[string]any)
		s, _ := m["text"].(string)
		return s != ""
	}
	return true
}

// normalise drops empty values (empty strings, false, null and objects
// left empty), so that two markups that the API reads the same way compare
// equal. The kind-selecting fields whose presence alone matters are kept.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			n := normalise(val)
			switch k {
			case "callback_game", "switch_inline_query", "switch_inline_query_current_chat":
				// Their presence alone selects the kind of the button.
				switch {
				case val == nil:
				case n == nil:
					if _, isString := val.(string); isString {
						out[k] = ""
					} else {
						out[k] = map[string]any{}
					}
				default:
					out[k] = n
				}
				continue
			}
			if n != nil {
				out[k] = n
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		out := make([]any, 0, len(v))
		for _, e := range v {
			if n := normalise(e); n != nil {
				out = append(out, n)
			} else {
				out = append(out, map[string]any{})
			}
		}
		return out
	case string:
		if v == "" {
			return nil
		}
		return v
	case bool:
		if !v {
			return nil
		}
		return v
	case json.Number:
		return v
	case nil:
		return nil
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(v)
	return json.RawMessage(bytes.TrimSpace(buf.Bytes()))
}
